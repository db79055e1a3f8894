package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTest {

    @TempDir
    Path kit;

    void fixtureKit() throws IOException {
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
    }

    @Test
    void releaseWritesStarterCodeAndOnlyTheVisibleTests() throws IOException {
        fixtureKit();
        assertEquals(0, Release.release(kit));
        Path main = kit.resolve("exercises/src/main/java/exercises");
        String adder = Files.readString(main.resolve("ch1/Adder.java"));
        assertTrue(adder.contains("throw new UnsupportedOperationException(\"Exercise 1.1: add the two numbers\");"), adder);
        assertFalse(adder.contains("return a + b"), "the solution must not reach the students");
        assertFalse(Files.readString(main.resolve("ch1/Recurser.java")).contains("unusedHelper"), "a removal region removes");
        Path tests = kit.resolve("exercises/src/test/java/exercises");
        assertTrue(Files.exists(tests.resolve("ch1/AdderTest.java")));
        assertFalse(Files.exists(tests.resolve("ch1/AdderHiddenTest.java")), "hidden tests stay in solutions/");
        assertEquals(0, Release.check(kit));
    }

    @Test
    void checkFailsWhenExercisesAreStale() throws IOException {
        fixtureKit();
        Release.release(kit);
        Path solution = kit.resolve("solutions/src/main/java/exercises/ch1/Adder.java");
        Files.writeString(solution, Files.readString(solution).replace("add the two numbers", "add a and b"));
        assertEquals(1, Release.check(kit));
        Release.release(kit);
        assertEquals(0, Release.check(kit));
        Files.writeString(kit.resolve("exercises/src/main/java/exercises/ch1/Extra.java"), "class Extra {}");
        assertEquals(1, Release.check(kit), "a file release did not make is stale too");
    }

    @Test
    void aFileEditedByHandIsKeptBeforeItIsReplaced() throws IOException {
        fixtureKit();
        Release.release(kit);
        Path adder = kit.resolve("exercises/src/main/java/exercises/ch1/Adder.java");
        String edited = Files.readString(adder).replace("// TODO Exercise 1.1: your code here", "return a + b; // my work");
        Files.writeString(adder, edited);
        Release.release(kit);
        assertFalse(Files.readString(adder).contains("my work"), "release restores the starter code");
        try (Stream<Path> kept = Files.walk(kit.resolve(".release-backup"))) {
            assertTrue(kept.filter(p -> p.endsWith("exercises/src/main/java/exercises/ch1/Adder.java"))
                    .anyMatch(p -> readQuietly(p).equals(edited)), "the edited version is kept in .release-backup");
        }
        // an unedited generated file is replaced without a copy
        Release.release(kit);
        try (Stream<Path> kept = Files.walk(kit.resolve(".release-backup"))) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().equals("Adder.java")).count());
        }
    }

    @Test
    void aTaskWithoutAVisibleTestIsRejected() throws IOException {
        fixtureKit();
        Files.delete(kit.resolve("solutions/src/test/java/exercises/ch1/AdderTest.java"));
        String message = assertThrows(IllegalArgumentException.class, () -> Release.plan(kit)).getMessage();
        assertTrue(message.contains("task 1.1 has no visible test"), message);
    }

    @Test
    void theStaticChecksRulesGoToTheStudentsChecked() throws IOException {
        fixtureKit();
        assertEquals(0, Release.release(kit));
        assertTrue(Files.readString(kit.resolve("exercises/src/test/java/exercises/ch3/allowed-apis.txt")).contains("allow java.lang.Thread#sleep"),
                "students can read what their code may use, and Check.task applies it");
        Files.writeString(kit.resolve("solutions/src/test/java/exercises/ch3/allowed-apis.txt"), "allow everything\n");
        String message = assertThrows(IllegalArgumentException.class, () -> Release.plan(kit)).getMessage();
        assertTrue(message.contains("solutions/src/test/java/exercises/ch3/allowed-apis.txt line 1"), message);
    }

    @Test
    void theStudentTemplateHoldsGitTrackedFilesOnly() throws Exception {
        fixtureKit();
        Release.release(kit);
        Files.writeString(kit.resolve("README.md"), "the kit\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "kit");
        // lying around, never committed: a hidden test being written, and private notes
        Path stray = kit.resolve("exercises/src/test/java/exercises/ch1/AdderNewHiddenTest.java");
        Files.writeString(stray, "package exercises.ch1;\nclass AdderNewHiddenTest {}\n");
        Files.writeString(kit.resolve("grades-2026.csv"), "ada,100\n");

        Path student = kit.getParent().resolve(kit.getFileName() + "-student");
        try {
            assertEquals(0, Release.studentRepo(kit, student));
            assertTrue(Files.exists(student.resolve("README.md")));
            assertTrue(Files.exists(student.resolve("exercises/src/main/java/exercises/ch1/Adder.java")));
            assertFalse(Files.exists(student.resolve("exercises/src/test/java/exercises/ch1/AdderNewHiddenTest.java")),
                    "an untracked file never reaches the students");
            assertFalse(Files.exists(student.resolve("grades-2026.csv")));
            assertFalse(Files.exists(student.resolve("solutions")));
        } finally {
            JavaCompilation.deleteQuietly(student);
        }

        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "oops");
        String message = assertThrows(IllegalStateException.class, () -> Release.studentRepo(kit, student)).getMessage();
        assertTrue(message.contains("AdderNewHiddenTest.java is tracked outside solutions/"), message);
        JavaCompilation.deleteQuietly(student);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", kit.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
