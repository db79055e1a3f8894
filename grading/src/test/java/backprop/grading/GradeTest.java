package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit statuses: 0 when grading completed, 1 for an unmet gate, 2 when it could not grade. */
class GradeTest {

    @TempDir
    Path kit;

    /** Runs the command line with its printing captured (it would only clutter the build's log). */
    int grade(String... args) {
        var out = System.out;
        System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        try {
            return gradeLoudly(args);
        } finally {
            System.setOut(out);
        }
    }

    int gradeLoudly(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--kit";
        all[args.length + 1] = kit.toString();
        return Grade.run(all);
    }

    @Test
    void exitStatuses() throws IOException {
        GraderRobustnessTest.copyTree(GraderRobustnessTest.FIXTURE.resolve("solutions"), kit.resolve("solutions"));
        Release.release(kit);
        assertEquals(0, grade("1", "--timeout", "2"), "grading completed, whatever the score");
        assertTrue(Files.exists(kit.resolve("target/grading/results.json")));
        assertEquals(1, grade("1", "--fail-under", "50"), "the starter code scores 0 %");
        assertEquals(0, grade("1", "--expect", "all-fail"), "every test of the starter code fails at a stub");
        assertEquals(1, grade("1", "--expect", "all-pass"));
        assertEquals(0, grade("1", "--solutions", "--expect", "all-pass", "--fail-under", "100"));
        assertEquals(2, grade("9.9"), "no such task");
        assertEquals(2, grade("--no-such-option"));
    }
}
