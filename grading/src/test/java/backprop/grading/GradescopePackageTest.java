package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the Gradescope package for the fixture course and runs its run_autograder against a
 * fake /autograder folder, as Gradescope would: the solutions score full marks, and a starter
 * submission whose visible tests were "fixed" by the student still scores nothing.
 */
class GradescopePackageTest {

    @TempDir
    Path temp;

    Path unpack() throws IOException {
        Path kit = temp.resolve("kit");
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
        Release.release(kit);
        Path zip = temp.resolve("autograder.zip");
        GradescopePackage.build(zip, kit.resolve("solutions/src/test/java"), kit.resolve("exercises/src/main/java"),
                Classpath.essentials(), "--timeout 2");
        Path source = temp.resolve("autograder/source");
        try (var fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            var run = fs.getPath("run_autograder");
            assertTrue(Files.getPosixFilePermissions(run).contains(PosixFilePermission.OWNER_EXECUTE),
                    "run_autograder must be executable in the zip");
            GraderRobustnessTest.copyTree(fs.getPath("/"), source);
        }
        return kit;
    }

    String runAutograder() throws IOException, InterruptedException {
        Path root = temp.resolve("autograder");
        var builder = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString()).redirectErrorStream(true);
        builder.environment().put("AUTOGRADER_ROOT", root.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), log);
        return Files.readString(root.resolve("results/results.json"));
    }

    @Test
    void theSolutionsScoreFullMarksAndEditedTestsChangeNothing() throws Exception {
        Path kit = unpack();
        Path submission = temp.resolve("autograder/submission");

        // a submission of the whole repository, with the solutions in it: every point (14)
        GraderRobustnessTest.copyTree(kit.resolve("solutions/src/main/java"), submission.resolve("exercises/src/main/java"));
        String results = runAutograder();
        assertTrue(results.contains("\"score\": 14,"), results);

        // the starter code, with a visible test rewritten to pass anything: still 0
        JavaCompilation.deleteQuietly(submission);
        GraderRobustnessTest.copyTree(kit.resolve("exercises"), submission.resolve("exercises"));
        Files.writeString(submission.resolve("exercises/src/test/java/exercises/ch1/AdderTest.java"),
                "package exercises.ch1;\nclass AdderTest { @backprop.grading.Graded(task = \"1.1\", name = \"adds small numbers\", "
                        + "points = 1) void small() {} }\n");
        results = runAutograder();
        assertTrue(results.contains("\"score\": 0,"), results);
        assertTrue(results.contains("Exercise 1.1: add the two numbers"), results);
    }
}
