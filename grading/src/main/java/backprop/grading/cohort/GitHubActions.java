package backprop.grading.cohort;

import backprop.grading.Status;
import backprop.grading.Visibility;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a GitHub Actions job shows of a grading: the feedback as the job's summary page, and
 * every failing visible test as an error annotation at its line in the test file, which GitHub
 * shows on the commit and in the pull request.
 *
 * <p>Annotations are workflow commands on standard output:
 * {@code ::error file=exercises/src/test/java/exercises/ch4/FourEquationsTest.java,line=57,title=…::message}.
 * GitHub keeps at most ten error annotations per step, so the most telling come first (a wrong
 * answer before an exercise not written yet) and a notice counts the rest. Tests that are not
 * visible get no annotation: their files are not in the student's repository, and their
 * details are not for the student.
 */
final class GitHubActions {

    /** GitHub's limit of error annotations in one step. */
    static final int MAX_ANNOTATIONS = 10;
    /** Where the visible tests are in a student's repository (a copy of the kit). */
    static final String TESTS_IN_REPOSITORY = "exercises/src/test/java/";

    private GitHubActions() {}

    static void publish(StudentResult result, Assignment assignment, Map<String, String> env, PrintStream out) {
        String summary = env.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            try {
                Files.writeString(Path.of(summary), Feedback.markdown(result, assignment, Reveal.VISIBLE) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the job summary " + summary, e);
            }
        }
        for (String line : annotations(result, assignment)) out.println(line);
    }

    /**
     * The annotation lines for the failing visible tests, at most {@link #MAX_ANNOTATIONS}: one for
     * each wrong answer, error or time-out, then one for each exercise not written yet (at its
     * first test: all its tests stop at the same stub).
     */
    static List<String> annotations(StudentResult result, Assignment assignment) {
        List<StudentResult.TestRow> failing = new ArrayList<>();
        List<String> unwrittenTasks = new ArrayList<>();
        for (StudentResult.TestRow t : result.tests()) {
            if (t.status() == Status.PASSED || t.visibility() != Visibility.VISIBLE) continue;
            if (t.status() != Status.NOT_WRITTEN) failing.add(t);
        }
        for (StudentResult.TestRow t : result.tests()) {
            if (t.status() == Status.NOT_WRITTEN && t.visibility() == Visibility.VISIBLE && !unwrittenTasks.contains(t.task())) {
                unwrittenTasks.add(t.task());
                failing.add(t);
            }
        }
        List<String> lines = new ArrayList<>();
        for (StudentResult.TestRow t : failing.subList(0, Math.min(MAX_ANNOTATIONS, failing.size()))) {
            Assignment.Test test = assignment.test(t.id());
            String where = test == null || test.file().isEmpty() ? ""
                    : "file=" + property(TESTS_IN_REPOSITORY + test.file()) + ",line=" + test.line() + ",";
            String title = t.status() == Status.NOT_WRITTEN ? "Exercise " + t.task() + " is not written yet"
                    : "Exercise " + t.task() + ": " + t.name() + " (" + t.status().label() + ")";
            lines.add("::error " + where + "title=" + property(title) + "::" + data(message(t.message())));
        }
        if (failing.size() > MAX_ANNOTATIONS) {
            lines.add("::notice title=" + property((failing.size() - MAX_ANNOTATIONS) + " more") + "::"
                    + data("GitHub shows " + MAX_ANNOTATIONS + " annotations per step: the job summary lists every test."));
        }
        return lines;
    }

    private static String message(String text) {
        String s = text.strip();
        return s.length() <= 1500 ? s : s.substring(0, 1500) + " …";
    }

    /** Escapes a workflow command's message: GitHub reads %, CR and LF specially. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value: also the ':' and ',' that separate properties. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
