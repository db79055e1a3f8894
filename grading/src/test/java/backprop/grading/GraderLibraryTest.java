package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader as the class grader uses it: prepared once (the tests compiled against the starter
 * code), then asked to grade many submissions, several at a time.
 */
class GraderLibraryTest {

    static final Path TESTS = GraderRobustnessTest.TESTS;

    @TempDir
    Path temp;

    /** The fixture kit, released: solutions/ and the starter code in exercises/. */
    Path kit() throws IOException {
        Path kit = temp.resolve("kit");
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
        Release.release(kit);
        return kit;
    }

    Grader.Options options(Path kit) {
        return Grader.Options.of(kit.resolve("solutions/src/test/java")).starter(kit.resolve("exercises/src/main/java"))
                .select(t -> !t.task().equals(GraderRobustnessTest.SLOW), "all but the slow task").timeout(2).heap(64);
    }

    @Test
    void onePreparedGraderGradesSubmissionsSideBySide() throws Exception {
        Path kit = kit();
        Path solutions = kit.resolve("solutions/src/main/java"), starter = kit.resolve("exercises/src/main/java");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Grader grader = Grader.prepare(options(kit))) {
            List<Future<Report>> reports = List.of(pool.submit(() -> grader.grade(solutions)), pool.submit(() -> grader.grade(starter)),
                    pool.submit(() -> grader.grade(solutions)), pool.submit(() -> grader.grade(starter)));
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i).get();
                assertEquals(GraderRobustnessTest.TESTS_WITHOUT_SLOW, r.results().size());
                if (i % 2 == 0) {
                    assertEquals(GraderRobustnessTest.POINTS_WITHOUT_SLOW, r.score(), "the solutions, graded beside another: " + r.results());
                } else {
                    assertEquals(0, r.score());
                    assertTrue(r.results().stream().allMatch(t -> t.status() == Status.NOT_WRITTEN), r.results().toString());
                }
                assertEquals(grader.isolation().description(), r.isolation());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void testJvmsThatShareAClassArchiveGradeAsTheOthersDo() throws IOException {
        Path kit = kit();
        Path solutions = kit.resolve("solutions/src/main/java"), starter = kit.resolve("exercises/src/main/java");
        try (Grader plain = Grader.prepare(options(kit)); Grader shared = Grader.prepare(options(kit).shareClasses(true))) {
            // the JVM archives classes from jars only: run from Maven, the grader's own classes are folders
            boolean jars = Classpath.forGrading().stream().allMatch(Files::isRegularFile);
            assertEquals(jars, shared.sharesClasses(), "an archive is made exactly when the classpath is jars (isolation "
                    + shared.isolation() + ")");
            assertFalse(plain.sharesClasses());
            for (Path code : List.of(solutions, starter)) {
                Report a = plain.grade(code), b = shared.grade(code);
                assertEquals(a.results().stream().map(r -> r.test().id() + " " + r.status() + " " + r.message()).toList(),
                        b.results().stream().map(r -> r.test().id() + " " + r.status() + " " + r.message()).toList());
            }
            assertEquals(GraderRobustnessTest.POINTS_WITHOUT_SLOW, shared.grade(solutions).score());
        }
    }

    @Test
    void withTestsCompiledOnceABrokenOrRenamedExerciseStillSaysWhy() throws IOException {
        Path kit = kit();
        Path code = temp.resolve("code");
        GraderRobustnessTest.copyTree(kit.resolve("solutions/src/main/java"), code);
        Files.copy(GraderRobustnessTest.FIXTURE.resolve("broken/exercises/ch3/Twice.java"), code.resolve("exercises/ch3/Twice.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path adder = code.resolve("exercises/ch1/Adder.java");
        Files.writeString(adder, Files.readString(adder).replace("int add(int a, int b)", "int plus(int a, int b)"));
        try (Grader grader = Grader.prepare(options(kit))) {
            Report report = grader.grade(code);
            for (TestResult r : report.results()) {
                switch (r.test().task()) {
                    case "1.1" -> {
                        assertEquals(Status.NOT_COMPILED, r.status(), r.message());
                        assertTrue(r.message().contains("the test does not fit your code: NoSuchMethodError"), r.message());
                    }
                    case "3.1" -> {
                        assertEquals(Status.NOT_COMPILED, r.status(), r.message());
                        assertTrue(r.message().contains("exercises/ch3/Twice.java does not compile, so this test cannot run"), r.message());
                    }
                    default -> assertEquals(Status.PASSED, r.status(), r.test().id() + ": " + r.message());
                }
            }
        }
    }
}
