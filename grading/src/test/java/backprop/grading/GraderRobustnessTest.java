package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader against deliberately broken submissions, one per way student code can go wrong.
 *
 * <p>The fixture course (src/test/resources/fixture) has nine small exercises in three chapters,
 * one file each. Each test here replaces one file with a broken version and checks the two
 * promises: the report is complete (every graded test is in it, with a reason when it failed),
 * and every task that does not need the broken file keeps all its points.
 */
class GraderRobustnessTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixture").toAbsolutePath();
    static final Path TESTS = FIXTURE.resolve("solutions/src/test/java");
    /** The slow exercise 3.2 has its own test below; leaving it out keeps the others fast. */
    static final String SLOW = "3.2";
    static final int TESTS_WITHOUT_SLOW = 11;
    static final int POINTS_WITHOUT_SLOW = 13;

    @TempDir
    Path temp;

    /** Grades the fixture's solutions with the given files replaced by their broken versions. */
    Report grade(String... broken) throws IOException {
        return grade(true, broken);
    }

    /** As {@link #grade(String...)}; without the static check, the harness alone must cope. */
    Report grade(boolean checkApis, String... broken) throws IOException {
        Path code = temp.resolve("code");
        copyTree(FIXTURE.resolve("solutions/src/main/java"), code);
        for (String file : broken) {
            Files.copy(FIXTURE.resolve("broken/exercises").resolve(file), code.resolve("exercises").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        var options = Grader.Options.of(TESTS).select(t -> !t.task().equals(SLOW), "all but " + SLOW).timeout(2).heap(64)
                .checkApis(checkApis);
        return Grader.grade(code, options);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** Every graded test is in the report, and each task not in {@code brokenTasks} has all its points. */
    static void assertCompleteAndOthersUnaffected(Report report, String... brokenTasks) {
        assertEquals(TESTS_WITHOUT_SLOW, report.results().size(), "the report must list every graded test");
        assertEquals(POINTS_WITHOUT_SLOW, report.maxScore());
        Set<String> broken = Set.of(brokenTasks);
        for (TestResult r : report.results()) {
            if (!broken.contains(r.test().task())) {
                assertEquals(Status.PASSED, r.status(), r.test().id() + " should be unaffected: " + r.message());
                assertEquals(r.test().points(), r.score());
            }
        }
    }

    static List<TestResult> resultsOf(Report report, String task) {
        return report.results().stream().filter(r -> r.test().task().equals(task)).collect(Collectors.toList());
    }

    static void assertAll(Report report, String task, Status status, String... phrases) {
        List<TestResult> results = resultsOf(report, task);
        assertTrue(!results.isEmpty());
        for (TestResult r : results) {
            assertEquals(status, r.status(), r.test().id() + ": " + r.message());
            assertEquals(0, r.score());
            for (String phrase : phrases) {
                assertTrue(r.message().contains(phrase), "message of " + r.test().id() + " should mention '" + phrase + "': " + r.message());
            }
        }
    }

    @Test
    void theSolutionsScoreFullMarks() throws IOException {
        Report report = grade();
        assertCompleteAndOthersUnaffected(report);
        assertEquals(POINTS_WITHOUT_SLOW, report.score());
    }

    @Test
    void anInfiniteLoopTimesOutAndCostsOnlyItsTask() throws IOException {
        Report report = grade("ch1/Looper.java");
        assertCompleteAndOthersUnaffected(report, "1.2");
        assertAll(report, "1.2", Status.TIMEOUT, "did not finish within 2 s");
    }

    @Test
    void aStackOverflowIsAnErrorThatSaysWhere() throws IOException {
        Report report = grade("ch1/Recurser.java");
        assertCompleteAndOthersUnaffected(report, "1.3");
        assertAll(report, "1.3", Status.ERROR, "StackOverflowError", "exercises.ch1.Recurser.factorial(Recurser.java:");
    }

    @Test
    void runningOutOfMemoryCostsOnlyItsTest() throws IOException {
        Report report = grade("ch2/Hog.java");
        assertCompleteAndOthersUnaffected(report, "2.1");
        assertAll(report, "2.1", Status.CRASHED, "ran out of memory");
    }

    @Test
    void systemExitIsRejectedBeforeItRunsNamingTheCallAndItsLine() throws IOException {
        Report report = grade("ch2/Quitter.java");
        assertCompleteAndOthersUnaffected(report, "2.2");
        assertAll(report, "2.2", Status.REJECTED, "Not allowed in exercise code", "exercises/ch2/Quitter.java line 8",
                "calls java.lang.System.exit(int)");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("Quitter.java (half) line 8 calls java.lang.System.exit(int)")),
                report.notes().toString());
    }

    @Test
    void withoutTheStaticCheckSystemExitCostsOnlyTheTestsThatCallIt() throws IOException {
        Report report = grade(false, "ch2/Quitter.java");
        assertCompleteAndOthersUnaffected(report, "2.2");
        // both tests of 2.2 call it: the test JVM is restarted after the first and dies again
        assertAll(report, "2.2", Status.CRASHED, "System.exit(3)");
        assertEquals(2, resultsOf(report, "2.2").size());
    }

    @Test
    void anExceptionIsReportedWithWhereItHappened() throws IOException {
        Report report = grade("ch2/Thrower.java");
        assertCompleteAndOthersUnaffected(report, "2.3");
        assertAll(report, "2.3", Status.ERROR, "IllegalStateException: division is not ready",
                "at exercises.ch2.Thrower.divide(Thrower.java:");
    }

    @Test
    void aFloodOfOutputIsCutAndTheTestStillCounts() throws IOException {
        Report report = grade("ch2/Talker.java");
        assertCompleteAndOthersUnaffected(report);   // 2.4 still passes: printing is not wrong, only noisy
        TestResult talker = resultsOf(report, "2.4").get(0);
        assertTrue(talker.output().length() < 9000, "output must be bounded, was " + talker.output().length());
        assertTrue(talker.output().contains("more bytes of output were cut"), talker.output());
    }

    @Test
    void aCompileErrorCostsOnlyTheTasksThatNeedTheFile() throws IOException {
        Report report = grade("ch3/Twice.java");
        assertCompleteAndOthersUnaffected(report, "3.1");
        assertAll(report, "3.1", Status.NOT_COMPILED, "exercises/ch3/Twice.java does not compile", "Twice.java:8", "';' expected");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("exercises/ch3/Twice.java does not compile")), report.notes().toString());
    }

    @Test
    void everythingBrokenAtOnceStillGivesACompleteReport() throws IOException {
        Report report = grade("ch1/Looper.java", "ch1/Recurser.java", "ch2/Hog.java", "ch2/Quitter.java",
                "ch2/Thrower.java", "ch2/Talker.java", "ch3/Twice.java");
        assertCompleteAndOthersUnaffected(report, "1.2", "1.3", "2.1", "2.2", "2.3", "3.1");
        Map<String, Status> expected = Map.of("1.2", Status.TIMEOUT, "1.3", Status.ERROR, "2.1", Status.CRASHED,
                "2.2", Status.REJECTED, "2.3", Status.ERROR, "3.1", Status.NOT_COMPILED);
        expected.forEach((task, status) -> assertAll(report, task, status));
        assertEquals(Status.PASSED, resultsOf(report, "2.4").get(0).status());
        assertEquals(4 + 1, report.score(), "only 1.1 (3 tests, 4 points) and the noisy but right 2.4 (1 point) pass");

        List<Path> written = ReportWriters.writeAll(report, temp.resolve("out"));
        String json = Files.readString(temp.resolve("out/results.json"));
        assertEquals(TESTS_WITHOUT_SLOW, json.split("\"number\"").length - 1, "results.json lists every test");
        assertEquals(4, written.size());
    }

    @Test
    void aTestMayHaveALongerTimeLimitThanTheDefault() throws IOException {
        // 3.2 sleeps 3 s; the default limit here is 2 s, its own @Graded(timeoutSeconds = 8)
        Path code = temp.resolve("code");
        copyTree(FIXTURE.resolve("solutions/src/main/java"), code);
        Report report = Grader.grade(code, Grader.Options.of(TESTS).select(t -> t.task().equals(SLOW), "task 3.2").timeout(2));
        assertEquals(1, report.results().size());
        assertEquals(Status.PASSED, report.results().get(0).status(), report.results().get(0).message());
    }

    @Test
    void codeThatNoLongerFitsTheTestsSaysSo() throws IOException {
        Path code = temp.resolve("code");
        copyTree(FIXTURE.resolve("solutions/src/main/java"), code);
        Path adder = code.resolve("exercises/ch1/Adder.java");
        Files.writeString(adder, Files.readString(adder).replace("int add(int a, int b)", "int plus(int a, int b)"));
        Report report = Grader.grade(code, Grader.Options.of(TESTS).select(t -> t.chapter() == 1, "chapter 1").timeout(2));
        assertAll(report, "1.1", Status.NOT_COMPILED, "does not compile against your code", "cannot find symbol");
        assertEquals(Status.PASSED, resultsOf(report, "1.2").get(0).status());
    }

    @Test
    void aClassInTheCodeCannotReplaceATest() throws IOException {
        // a "test" smuggled into the code under test, claiming to be the real one
        Path code = temp.resolve("code");
        copyTree(FIXTURE.resolve("solutions/src/main/java"), code);
        Files.writeString(code.resolve("exercises/ch3/TwiceTest.java"), "package exercises.ch3;\n"
                + "class TwiceTest { @backprop.grading.Graded(task = \"3.1\", name = \"x\", points = 1) void twice() {} }\n");
        Files.writeString(code.resolve("exercises/ch3/Twice.java"), "package exercises.ch3;\n"
                + "public final class Twice { public static int twice(int x) { return 0; } }\n");
        Report report = Grader.grade(code, Grader.Options.of(TESTS).select(t -> t.task().equals("3.1"), "task 3.1").timeout(2));
        assertEquals(Status.FAILED, report.results().get(0).status(), "the instructor's test must run, and fail");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("exercises/ch3/TwiceTest.java is not graded: it declares "
                + "TwiceTest, the name of one of the tests' classes")), report.notes().toString());
    }
}
