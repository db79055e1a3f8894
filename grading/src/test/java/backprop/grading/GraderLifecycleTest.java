package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader's clocks and its end: the total time cap of a submission, reports that survive a
 * killed grader, and a test JVM that dies with its grader.
 */
class GraderLifecycleTest {

    @TempDir
    Path temp;

    Path brokenFixture(String... broken) throws IOException {
        Path code = temp.resolve("code");
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions/src/main/java"), code);
        for (String file : broken) {
            Files.copy(GraderRobustnessTest.FIXTURE.resolve("broken/exercises").resolve(file), code.resolve("exercises").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return code;
    }

    @Test
    void theTotalTimeCapStopsGradingAndTheRestIsNotRun() throws IOException {
        Path code = brokenFixture("ch1/Looper.java");
        var options = Grader.Options.of(GraderRobustnessTest.TESTS).timeout(30).totalTimeout(6).heap(64)
                .select(t -> t.chapter() <= 2, "chapters 1 and 2");
        long start = System.nanoTime();
        Report report = Grader.grade(code, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 6 + 20, "grading stops at its cap (6 s), plus what it takes to stop; took " + seconds + " s");
        // Looper loops until the cap (or, on a very busy machine, compiling used the time up first)
        TestResult looper = report.results().stream().filter(r -> r.test().task().equals("1.2")).findFirst().orElseThrow();
        assertTrue(looper.status() == Status.TIMEOUT || looper.status() == Status.NOT_RUN, looper.status() + ": " + looper.message());
        assertTrue(looper.message().contains("used up its total time of 6 s"), looper.message());
        List<TestResult> notRun = report.results().stream().filter(r -> r.status() == Status.NOT_RUN).toList();
        assertTrue(!notRun.isEmpty(), "the tests after the cap are not run");
        assertTrue(notRun.get(0).message().contains("grading stopped before this test ran"), notRun.get(0).message());
    }

    @Test
    void aKilledGraderLeavesValidReportsAndTakesItsTestJvmWithIt() throws Exception {
        Path code = brokenFixture("ch1/Looper.java");
        Path out = temp.resolve("out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Grade.class.getName(), "--code", code.toString(), "--tests",
                GraderRobustnessTest.TESTS.toString(), "--out", out.toString(), "--timeout", "120", "--isolation", "none",
                "--quiet", "1"));
        Process grader = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("log.txt").toFile()).start();
        // wait for the reports of the first tests and for the test JVM, stuck in Looper's endless loop
        Path results = out.resolve(ReportWriters.GRADESCOPE), junit = out.resolve(ReportWriters.JUNIT);   // junit.xml is written last
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !(Files.exists(junit) && testJvms(code).size() > 0)) Thread.sleep(100);
        assertTrue(Files.exists(junit), "reports are written as tests finish: " + Files.readString(temp.resolve("log.txt")));
        List<ProcessHandle> before = testJvms(code);
        assertTrue(!before.isEmpty(), "a test JVM is running");
        grader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        Map<String, Object> json = Json.parseObject(Files.readString(results));
        assertTrue(((List<?>) json.get("tests")).size() > 0, "the reports written so far are valid");
        ReportWritersTest.assertValidSurefireXml(Files.readString(out.resolve(ReportWriters.JUNIT)));
        for (int i = 0; i < 50 && before.stream().anyMatch(ProcessHandle::isAlive); i++) Thread.sleep(100);
        assertTrue(before.stream().noneMatch(ProcessHandle::isAlive), "the test JVM ends with its grader");
    }

    /** The test JVMs grading this test's code (their classpath names its temporary folder's class output). */
    private static List<ProcessHandle> testJvms(Path code) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(TestProcess.class.getName())).orElse(false))
                .filter(p -> p.parent().flatMap(parent -> parent.info().commandLine()).map(c -> c.contains(code.toString())).orElse(false))
                .toList();
    }
}
