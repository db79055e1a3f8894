package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one command-line parser of {@code ./course grade}, {@code release} and {@code gradescope}:
 * every bad argument ends in exit status 2, a message that names the problem, and the usage.
 */
class CommandLineTest {

    @TempDir
    Path kit;

    /** What a tool printed on standard error, and its exit status. */
    record Outcome(int status, String err) {}

    static Outcome run(ToIntFunction<String[]> tool, String... args) {
        PrintStream err = System.err, out = System.out;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new Outcome(tool.applyAsInt(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    static void assertUsage(Outcome outcome, String program, String problem) {
        assertEquals(2, outcome.status(), outcome.err());
        assertTrue(outcome.err().startsWith(program + ": " + problem), "expected '" + program + ": " + problem + "' in:\n" + outcome.err());
        assertTrue(outcome.err().contains("usage: ./course " + program), "the usage follows the problem:\n" + outcome.err());
    }

    @Test
    void releaseAndGradescopeAnswerAKitWithoutItsValueWithTheUsage() {
        // these two used to end in ArrayIndexOutOfBoundsException
        assertUsage(run(Release::run, "--kit"), "release", "--kit needs a value (DIR)");
        assertUsage(run(GradescopePackage::run, "--kit"), "gradescope", "--kit needs a value (DIR)");
        assertUsage(run(Grade::run, "--kit"), "grade", "--kit needs a value (DIR)");
    }

    @Test
    void everyBadArgumentOfGradeGetsAUsageMessage() {
        String k = kit.toString();
        assertUsage(run(Grade::run, "--no-such-option"), "grade", "unknown option --no-such-option");
        assertUsage(run(Grade::run, "-x"), "grade", "unknown option -x");
        assertUsage(run(Grade::run, "--timeout"), "grade", "--timeout needs a value (SECONDS)");
        assertUsage(run(Grade::run, "--timeout", "--quiet"), "grade", "--timeout needs a value (SECONDS), but the next argument is the option --quiet");
        assertUsage(run(Grade::run, "--timeout", "five", "--kit", k), "grade", "--timeout takes a whole number, got 'five'");
        assertUsage(run(Grade::run, "--timeout", "0", "--kit", k), "grade", "--timeout must be between 1 and 3600, got 0");
        assertUsage(run(Grade::run, "--heap", "16", "--kit", k), "grade", "--heap must be between 32 and 65536, got 16");
        assertUsage(run(Grade::run, "--total-timeout", "-5", "--kit", k), "grade", "--total-timeout must be between 1 and 86400, got -5");
        assertUsage(run(Grade::run, "--fail-under", "lots", "--kit", k), "grade", "--fail-under takes a number, got 'lots'");
        assertUsage(run(Grade::run, "--fail-under", "150", "--kit", k), "grade", "--fail-under must be between 0 and 100, got 150");
        assertUsage(run(Grade::run, "--expect", "most", "--kit", k), "grade", "--expect takes one of all-pass, all-fail, got 'most'");
        assertUsage(run(Grade::run, "--isolation", "docker", "--kit", k), "grade",
                "--isolation takes one of auto, bubblewrap, user, none, got 'docker'");
        assertUsage(run(Grade::run, "--quiet=yes"), "grade", "--quiet takes no value, got 'yes'");
        assertUsage(run(Grade::run, "--out", "a", "--out", "b"), "grade", "--out is given twice");
        assertUsage(run(Grade::run, "--out="), "grade", "--out needs a value (DIR), got an empty one");
        assertUsage(run(Grade::run, "4", "5"), "grade", "unexpected argument '5': CHAPTER|TASK was already given as '4'");
        assertUsage(run(Grade::run, "--submission", "s", "--kit", k), "grade", "--submission needs --starter DIR");
        assertUsage(run(Grade::run, "--solutions", "--code", "c", "--kit", k), "grade", "--solutions grades solutions/ itself");
    }

    @Test
    void everyBadArgumentOfReleaseAndGradescopeGetsAUsageMessage() {
        assertUsage(run(Release::run, "--chek"), "release", "unknown option --chek");
        assertUsage(run(Release::run, "stale"), "release", "unexpected argument 'stale'");
        assertUsage(run(Release::run, "--student-repo"), "release", "--student-repo needs a value (DIR)");
        assertUsage(run(Release::run, "--check", "--check"), "release", "--check is given twice");
        assertUsage(run(Release::run, "--check", "--student-repo", "x", "--kit", kit.toString()), "release",
                "--check and --student-repo do not go together");
        assertUsage(run(GradescopePackage::run, "--out"), "gradescope", "--out needs a value (FILE)");
        assertUsage(run(GradescopePackage::run, "--timeout", "soon"), "gradescope", "--timeout takes a whole number, got 'soon'");
        assertUsage(run(GradescopePackage::run, "--heap", "1"), "gradescope", "--heap must be between 32 and 65536, got 1");
        assertUsage(run(GradescopePackage::run, "--total-timeout", "0"), "gradescope", "--total-timeout must be between 1 and 86400, got 0");
        assertUsage(run(GradescopePackage::run, "zip"), "gradescope", "unexpected argument 'zip'");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        for (ToIntFunction<String[]> tool : List.<ToIntFunction<String[]>>of(Grade::run, Release::run, GradescopePackage::run)) {
            PrintStream out = System.out;
            var captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                assertEquals(0, tool.applyAsInt(new String[] {"--help"}));
            } finally {
                System.setOut(out);
            }
            assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith("usage: ./course "), captured.toString());
        }
    }

    @Test
    void valuesAreReadInBothSpellings() {
        var line = new CommandLine("t", "a test tool").option("--n", "N", "a number").flag("--f", "a flag").positional("X", "a thing");
        CommandLine.Arguments a = line.parse("--n=7", "--f", "thing");
        assertEquals(7, a.integer("--n", 0, 0, 10));
        assertTrue(a.has("--f"));
        assertEquals("thing", a.positional().orElseThrow());
        assertEquals(3, line.parse("--n", "3").integer("--n", 0, 0, 10));
        assertEquals(9, line.parse().integer("--n", 9, 0, 10), "the default when it is not given");
        assertThrows(IllegalStateException.class, () -> line.parse().has("--unknown"), "a tool may only ask for its own options");
    }
}
