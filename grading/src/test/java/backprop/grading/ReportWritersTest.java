package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWritersTest {

    /** Maven Surefire's JUnit XML schema (see the comment at its top for its source). */
    static final Path SUREFIRE_XSD = Path.of("src/test/resources/surefire/surefire-test-report-3.0.xsd");

    @TempDir
    Path temp;

    static GradedTest test(String task, String method, int points, Visibility v) {
        return new GradedTest("exercises.ch4.FourEquationsTest", method, task, "the test " + method, points, v, 0,
                Path.of("/x/FourEquationsTest.java"), 10);
    }

    static Report sample() {
        return new Report(List.of(
                new TestResult(test("4.1", "a", 2, Visibility.VISIBLE), Status.PASSED, "", "printed <stuff> & \u0001more", 0.02),
                new TestResult(test("4.2", "b", 3, Visibility.VISIBLE), Status.FAILED, "BP2: expected 1 but got 2\nHint: transpose", "", 0.01),
                new TestResult(test("4.2", "c", 1, Visibility.HIDDEN), Status.TIMEOUT, "did not finish within 5 s", "", 5),
                new TestResult(test("4.3", "d", 1, Visibility.AFTER_DUE_DATE), Status.NOT_COMPILED, "X.java:3: ';' expected", "", 0)),
                6.5, List.of("exercises/ch4/X.java does not compile"), "bubblewrap sandbox: test");
    }

    /** What student code can put in a message: U+FFFF, a lone surrogate, NUL, markup, and far too much of it. */
    static Report hostile() {
        String huge = "x".repeat(300_000);
        List<TestResult> results = new ArrayList<>();
        results.add(new TestResult(test("4.1", "ffff", 1, Visibility.VISIBLE), Status.FAILED, "bad \uFFFF and \uFFFE here", "", 0.1));
        results.add(new TestResult(test("4.1", "surrogate", 1, Visibility.VISIBLE), Status.ERROR, "half a pair: \uD800 and \uDC00 end",
                "\u0000nul", 0.1));
        results.add(new TestResult(test("4.2", "markup", 1, Visibility.VISIBLE), Status.FAILED,
                "<script>alert(1)</script> ]]> &amp; \"quotes\" 'apostrophes' <![CDATA[x]]>", "<b>bold</b>", 0.1));
        results.add(new TestResult(test("4.2", "huge", 1, Visibility.VISIBLE), Status.FAILED, huge, huge, 0.1));
        for (int i = 0; i < 80; i++) {
            results.add(new TestResult(test("4.3", "many" + i, 1, Visibility.VISIBLE), Status.ERROR, "y".repeat(20_000), "z".repeat(8000), 0.1));
        }
        results.add(new TestResult(test("4.4", "hidden", 1, Visibility.HIDDEN), Status.FAILED, "the hidden answer is 42", "secret", 0.1));
        return new Report(results, 12.3456, List.of("a note with \uFFFF and <tags> & more"), "none: test");
    }

    static void assertValidSurefireXml(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SUREFIRE_XSD.toFile());
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void gradescopeResultsHaveEveryField() {
        String json = ReportWriters.gradescope(sample());
        assertTrue(json.contains("\"score\": 2,"), json);
        assertTrue(json.contains("\"execution_time\": 6.5"), json);
        for (String field : List.of("\"name\"", "\"number\": \"4.2\"", "\"max_score\": 3", "\"status\": \"failed\"",
                "\"status\": \"passed\"", "\"visibility\": \"hidden\"", "\"visibility\": \"after_due_date\"", "\"output\"")) {
            assertTrue(json.contains(field), field + " missing in " + json);
        }
        assertTrue(json.contains("\"stdout_visibility\": \"hidden\""));
        assertTrue(json.contains("failed: BP2: expected 1 but got 2\\nHint: transpose"), json);
        assertTrue(json.contains("\"isolation\": \"bubblewrap sandbox: test\""), json);
    }

    @Test
    void gradescopeShowsMarkupLikeTextAsText() {
        String json = ReportWriters.gradescope(hostile());
        Map<String, Object> results = Json.parseObject(json);
        assertEquals("text", results.get("output_format"), "the summary has <tags>: not to be rendered as HTML");
        List<?> tests = (List<?>) results.get("tests");
        Map<?, ?> markup = (Map<?, ?>) tests.get(2);
        assertEquals("text", markup.get("output_format"));
        assertFalse(((Map<?, ?>) tests.get(0)).containsKey("output_format"), "plain text needs no setting");
        assertFalse(ReportWriters.gradescope(sample()).contains("\"output_format\": \"text\",\n  \"visibility\""),
                "a summary without markup keeps Gradescope's default");
    }

    @Test
    void theClassroomResultIsBase64JsonWithoutHiddenDetails() throws Exception {
        List<Path> files = ReportWriters.writeAll(sample(), temp);
        assertEquals(4, files.size());
        String decoded = new String(Base64.getDecoder().decode(Files.readString(temp.resolve("classroom-result.b64")).trim()),
                StandardCharsets.UTF_8);
        assertEquals(Files.readString(temp.resolve("classroom-result.json")), decoded);
        assertTrue(decoded.contains("\"version\": 1"));
        assertTrue(decoded.contains("\"status\": \"fail\""));
        assertTrue(decoded.contains("\"max_score\": 7"));
        assertTrue(decoded.contains("\"name\": \"Exercise 4.2: the test b (3 points)\""), decoded);
        assertTrue(decoded.contains("\"score\": 2"));
        assertTrue(decoded.contains("\"status\": \"error\""));
        assertFalse(decoded.contains("did not finish within 5 s"), "a hidden test's message must not reach the students");
    }

    @Test
    void junitXmlValidatesAgainstTheSurefireSchema() throws Exception {
        String xml = ReportWriters.junitXml(sample());
        assertValidSurefireXml(xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("testsuite", doc.getDocumentElement().getTagName());
        assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        assertEquals("2", doc.getDocumentElement().getAttribute("errors"));
        assertEquals(4, doc.getElementsByTagName("testcase").getLength());
        assertTrue(xml.contains("printed &lt;stuff&gt; &amp; \\u0001more"), "escaped; the control character written as text");
    }

    @Test
    void everyReportOfHostileContentIsValidAndBounded() throws Exception {
        Report report = hostile();
        ReportWriters.writeAll(report, temp);
        String xml = Files.readString(temp.resolve(ReportWriters.JUNIT), StandardCharsets.UTF_8);
        assertValidSurefireXml(xml);
        assertTrue(xml.contains("bad \\uFFFF and \\uFFFE here"), "U+FFFF is written as text, not as itself");
        assertTrue(xml.contains("half a pair: \\uD800 and \\uDC00 end"));
        assertTrue(xml.contains("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt;"));
        assertTrue(xml.length() < 1_000_000, "junit.xml is bounded, was " + xml.length());

        String json = Files.readString(temp.resolve(ReportWriters.GRADESCOPE), StandardCharsets.UTF_8);
        Map<String, Object> parsed = Json.parseObject(json);
        assertEquals(85, ((List<?>) parsed.get("tests")).size());
        assertTrue(json.length() < 1_000_000, "results.json is bounded, was " + json.length());
        assertTrue(json.contains("more characters were cut"));

        String base64 = Files.readString(temp.resolve(ReportWriters.CLASSROOM_BASE64)).trim();
        assertTrue(base64.length() <= ReportWriters.CLASSROOM_BASE64_LIMIT, "the Classroom result fits an environment "
                + "variable with room to spare, was " + base64.length() + " bytes");
        Map<String, Object> classroom = Json.parseObject(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        assertEquals(85, ((List<?>) classroom.get("tests")).size());
        assertTrue(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).contains("half a pair"),
                "short messages stay whole while the long ones are cut");
    }

    @Test
    void redactionTakesHiddenDetailsOutOfEveryFile() throws Exception {
        ReportWriters.writeAll(hostile(), temp, true);
        for (String file : List.of(ReportWriters.GRADESCOPE, ReportWriters.CLASSROOM_JSON, ReportWriters.JUNIT)) {
            String text = Files.readString(temp.resolve(file), StandardCharsets.UTF_8);
            assertFalse(text.contains("the hidden answer is 42"), file + " must not show a hidden test's message");
            assertFalse(text.contains("secret"), file + " must not show a hidden test's output");
        }
        ReportWriters.writeAll(hostile(), temp.resolve("instructor"), false);
        assertTrue(Files.readString(temp.resolve("instructor").resolve(ReportWriters.JUNIT)).contains("the hidden answer is 42"),
                "the instructor's own reports keep everything");
    }

    @Test
    void theTableShowsTotalsAndCanHideHiddenMessages() {
        String table = ReportWriters.table(sample(), true);
        assertTrue(table.contains("Total: 2/7 points (28.6 %), 1 of 4 tests passed"), table);
        assertTrue(table.contains("Isolation: bubblewrap sandbox: test"), table);
        assertTrue(table.contains("BP2: expected 1 but got 2"), table);
        assertFalse(table.contains("did not finish"), table);
        assertTrue(ReportWriters.table(sample(), false).contains("did not finish"));
    }
}
