package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWritersTest {

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
                6.5, List.of("exercises/ch4/X.java does not compile"));
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
    void junitXmlIsWellFormed() throws Exception {
        String xml = ReportWriters.junitXml(sample());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        assertEquals("2", doc.getDocumentElement().getAttribute("errors"));
        assertEquals(4, doc.getElementsByTagName("testcase").getLength());
        assertTrue(xml.contains("printed &lt;stuff&gt; &amp; more"), "escaped, control character dropped");
    }

    @Test
    void theTableShowsTotalsAndCanHideHiddenMessages() {
        String table = ReportWriters.table(sample(), true);
        assertTrue(table.contains("Total: 2/7 points (28.6 %), 1 of 4 tests passed"), table);
        assertTrue(table.contains("BP2: expected 1 but got 2"), table);
        assertFalse(table.contains("did not finish"), table);
        assertTrue(ReportWriters.table(sample(), false).contains("did not finish"));
    }
}
