package backprop.grading.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.grading.Report;
import backprop.grading.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feedback, the class report, GitHub's annotations and Classroom 50's result, from made-up results. */
class ReportsTest {

    private static StudentResult result(String student, Map<String, Status> statuses, String message) {
        Report report = Fixtures.report(statuses);
        if (message != null) {
            var rs = new java.util.ArrayList<backprop.grading.TestResult>();
            for (var r : report.results()) {
                rs.add(r.passed() ? r : new backprop.grading.TestResult(r.test(), r.status(), message, message, 0));
            }
            report = new Report(rs, 0, List.of(), report.isolation());
        }
        Claim claim = new Claim(student, student, Claim.Kind.FOLDER, Path.of("x"), "", null, student + "/", null);
        Roster.Student s = new Roster.Student(student, student, List.of(claim));
        return StudentResult.graded(s, claim, new Intake.Staged(Path.of("x"), List.of("left out <b>evil</b>.java: binary"), null,
                "f", ""), "config-1", report, 0.1);
    }

    private static final Map<String, Status> WRONG_AND_HIDDEN = Map.of("exercises.ch1.AdderTest#negatives", Status.FAILED,
            "exercises.ch1.AdderHiddenTest#large", Status.FAILED);

    @Test
    void feedbackEscapesWhatCameFromTheSubmission() {
        StudentResult r = result("<img src=x onerror=alert(1)>", WRONG_AND_HIDDEN, "got <script>alert('x')</script> | ``` `");
        String html = Feedback.html(r, Fixtures.ASSIGNMENT, Reveal.VISIBLE);
        assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("<b>evil"), html);
        assertTrue(html.contains("&lt;script&gt;"));
        String md = Feedback.markdown(r, Fixtures.ASSIGNMENT, Reveal.VISIBLE);
        assertTrue(md.contains("\\<img src=x onerror=alert\\(1\\)\\>"), md);
        assertTrue(md.contains("````text\ngot <script>"), "a fence longer than the message's own backticks: " + md);
    }

    @Test
    void feedbackGivesEveryTasksPointsAndTheTeachingMessagesButNoHiddenOnes() {
        StudentResult r = result("grace", WRONG_AND_HIDDEN, null);
        String md = Feedback.markdown(r, Fixtures.ASSIGNMENT, Reveal.VISIBLE);
        assertTrue(md.contains("**2 / 6 points** (33 %), 1 of 3 tests passed."), md);
        assertTrue(md.contains("| 1.1 addition | 2 / 2 ✓ |") && md.contains("| 1.2 negative numbers | 0 / 4 |"), md);
        assertTrue(md.contains("expected 4, got 20 in adds negative numbers"), md);
        assertFalse(md.contains("adds large numbers") || md.contains("got 18"), "the hidden test's name and message stay hidden: " + md);
        assertTrue(md.contains("1 test you cannot see yet did not pass"), md);
        String none = backprop.grading.Isolation.NONE.description();
        assertTrue(md.contains("Your code ran in isolation: " + Feedback.md(none)), md);
        assertTrue(Feedback.html(r, Fixtures.ASSIGNMENT, Reveal.VISIBLE).contains("Your code ran in isolation: " + Feedback.h(none)));
    }

    @Test
    void afterTheDueDateAfterDueDateTestsShowButHiddenOnesNever() {
        assertTrue(Reveal.AFTER_DUE_DATE.shows(backprop.grading.Visibility.AFTER_DUE_DATE));
        assertFalse(Reveal.VISIBLE.shows(backprop.grading.Visibility.AFTER_DUE_DATE));
        assertFalse(Reveal.AFTER_PUBLISHED.shows(backprop.grading.Visibility.HIDDEN));
        assertEquals(Reveal.AFTER_PUBLISHED, Reveal.parse("after-published"));
        assertThrows(IllegalArgumentException.class, () -> Reveal.parse("everything"));
    }

    @Test
    void theClassReportPutsTheHardestTaskFirstAndCountsTheSameMistakeOnce() {
        List<StudentResult> results = List.of(result("a", WRONG_AND_HIDDEN, null), result("b", WRONG_AND_HIDDEN, null),
                result("c", Map.of(), null), StudentResult.failed(new Roster.Student("d", "d", List.of()), "d/", "it is empty",
                        List.of(), "f", "config-1"));
        var rates = ClassReport.taskRates(results, Fixtures.ASSIGNMENT);
        assertEquals(List.of(3, 1), rates.stream().map(ClassReport.Rate::passed).toList());
        assertEquals(3, rates.get(0).graded(), "a submission that was not graded does not count");
        var failures = ClassReport.commonFailures(results, "1.2");
        assertEquals(List.of("failed: expected #, got # in adds large numbers", "failed: expected #, got # in adds negative numbers"),
                failures.stream().map(Map.Entry::getKey).toList(), "the numbers differ from student to student, the mistake does not");
        assertEquals(List.of(2, 2), failures.stream().map(Map.Entry::getValue).toList());
        String html = ClassReport.html(results, Fixtures.ASSIGNMENT, "Class report");
        int struggles = html.indexOf("Where the class struggles");
        assertTrue(html.indexOf("1.2 negative numbers", struggles) < html.indexOf("1.1 addition", struggles), "the hardest first");
        assertTrue(html.contains("data:image/svg+xml;base64,"), "the charts are inside the file");
        assertFalse(html.matches("(?s).*(src|href)=\"(?!data:)[^\"]+\".*"), "nothing is loaded from elsewhere");
        assertTrue(html.contains("it is empty"));
        assertTrue(html.contains("Student code ran in isolation: " + Feedback.h(backprop.grading.Isolation.NONE.description())));
        var mixed = List.of(results.get(0), new StudentResult("e", "e", "e/", "", null, List.of(), "f", "c", 0,
                backprop.grading.Isolation.BUBBLEWRAP.description(), List.of()));
        assertEquals(backprop.grading.Isolation.BUBBLEWRAP.description() + " (1 students); "
                + backprop.grading.Isolation.NONE.description() + " (1 students)", ClassReport.isolations(mixed));
    }

    @Test
    void githubAnnotationsPointAtTheTestsLineAndAreEscaped() {
        StudentResult r = result("ada", WRONG_AND_HIDDEN, "line one\nline two: 100%, done");
        List<String> lines = GitHubActions.annotations(r, Fixtures.ASSIGNMENT);
        assertEquals(List.of("::error file=exercises/src/test/java/exercises/ch1/AdderTest.java,line=20,"
                + "title=Exercise 1.2%3A adds negative numbers (failed)::line one%0Aline two: 100%25, done"), lines);
    }

    @Test
    void githubShowsTenAnnotationsAndCountsTheRest() {
        var tests = new java.util.ArrayList<StudentResult.TestRow>();
        for (int i = 0; i < 14; i++) {
            tests.add(new StudentResult.TestRow("exercises.ch1.AdderTest#t" + i, "1." + (i + 1), "t" + i, 1,
                    i < 12 ? Status.FAILED : Status.NOT_WRITTEN, backprop.grading.Visibility.VISIBLE, "wrong", ""));
        }
        StudentResult r = new StudentResult("ada", "ada", "ada/", "", null, List.of(), "f", "c", 0, "", tests);
        List<String> lines = GitHubActions.annotations(r, Fixtures.ASSIGNMENT);
        assertEquals(11, lines.size());
        assertTrue(lines.get(10).startsWith("::notice title=4 more::"), lines.get(10));
    }

    @Test
    void classroom50ResultFollowsTheContract() {
        StudentResult r = result("ada", WRONG_AND_HIDDEN, null);
        var id = new Classroom50.Identity("cs", "backprop", "individual", "ada", "submit/2026-12-01T10-00-00Z-abc", "c", "r", "v",
                Instant.parse("2026-12-01T09:59:58Z"), "ada", 7L);
        Map<String, Object> json = Classroom50.result(r, id, Instant.parse("2026-12-01T10:01:02Z"));
        assertEquals("classroom50/result/v1", json.get("schema"));
        assertEquals("2026-12-01T09:59:58Z", json.get("datetime"));
        assertEquals("2026-12-01T10:01:02Z", json.get("graded_at"));
        assertEquals(2, json.get("score"));
        assertEquals(6, json.get("max-score"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertEquals("Exercise 1.2: adds negative numbers", tests.get(1).get("test-name"));
        assertEquals("expected 4, got 20 in adds negative numbers", tests.get(1).get("message"));
        assertEquals("Exercise 1.2: hidden test 1", tests.get(2).get("test-name"));
        assertFalse(tests.get(2).containsKey("message"));
        assertEquals(Map.of("username", "ada", "id", 7L), json.get("submitted_by"));
    }

    @Test
    void classroom50RefusesToRunOutsideItsRunner() {
        var e = assertThrows(IllegalStateException.class, () -> Classroom50.Identity.from(Map.of("CLASSROOM", "cs"), Path.of(".")));
        assertTrue(e.getMessage().contains("ASSIGNMENT, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, OWNER (or USERNAME)"), e.getMessage());
    }
}
