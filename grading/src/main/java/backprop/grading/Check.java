package backprop.grading;

import backprop.display.Displayable;
import backprop.display.Displays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks your exercises from a notebook: compiles your current code in {@code exercises/}, runs
 * the visible tests of one task (or one chapter) and shows the result as a small table.
 *
 * <pre>{@code
 * Check.task("4.2")     // the visible tests of Exercise 4.2
 * Check.chapter(4)      // every visible test of chapter 4
 * }</pre>
 *
 * <p>The tests run in a separate JVM, exactly as the grader runs them (the same static check of
 * what exercise code may use, the same sandbox when the machine has one), so code that loops
 * forever or calls {@code System.exit} cannot hurt the notebook: it only fails its test. The
 * grader runs more tests than these (hidden ones too), so a full pass here is a very good sign,
 * not a promise.
 *
 * <p>The kit's folder is the nearest one at or above the working directory (a notebook's kernel
 * runs in the notebook's folder) that holds {@code exercises/}, else the {@code BACKPROP_KIT_HOME}
 * environment variable (the kit's kernel sets it).
 */
public final class Check {

    private Check() {}

    /** Runs the visible tests of one exercise, e.g. {@code "4.2"}. */
    public static Result task(String task) {
        if (task == null || !task.matches("[1-9][0-9]*\\.[1-9][0-9]*")) {
            throw new IllegalArgumentException("a task is a number such as \"4.2\", got " + (task == null ? "null" : "\"" + task + "\""));
        }
        return run(Kit.find(), t -> t.task().equals(task), "Exercise " + task);
    }

    /** Runs every visible test of a chapter. */
    public static Result chapter(int chapter) {
        return run(Kit.find(), t -> t.chapter() == chapter, "Chapter " + chapter);
    }

    /** Runs the visible tests the selection picks, in the kit at {@code kit}. */
    static Result run(Path kit, Predicate<GradedTest> which, String title) {
        Path code = kit.resolve("exercises/src/main/java");
        Path tests = kit.resolve("exercises/src/test/java");
        if (!Files.isDirectory(code) || !Files.isDirectory(tests)) {
            throw new IllegalStateException("there is no exercises/src/main/java and exercises/src/test/java in " + kit);
        }
        Catalogue catalogue = Catalogue.read(tests);
        Predicate<GradedTest> visible = t -> which.test(t) && t.visibility() == Visibility.VISIBLE;
        if (catalogue.tests().stream().noneMatch(visible)) {
            throw new IllegalArgumentException("there is no " + title.toLowerCase(java.util.Locale.ROOT)
                    + "; the exercises are " + String.join(", ", catalogue.tasks()));
        }
        Report report = Grader.grade(code, Grader.Options.of(tests).select(visible, title));
        return new Result(title, report);
    }

    /**
     * What a check found: a table in a notebook ({@code text/html}), plain text elsewhere. The text
     * has no timings in it, so a notebook that ends with a check gives the same output every run.
     */
    public record Result(String title, Report report) implements Displayable {

        /** Whether every test ran and passed. */
        public boolean passed() {
            return report.results().stream().allMatch(TestResult::passed);
        }

        @Override
        public Map<String, String> mimeBundle() {
            Map<String, String> bundle = new LinkedHashMap<>();
            bundle.put("text/html", html());
            bundle.put("text/plain", text());
            return bundle;
        }

        private String headline() {
            long passed = report.passed();
            int total = report.results().size();
            String points = report.score() + "/" + report.maxScore() + " points";
            return title + ": " + (passed == total ? "all " + total + " visible " + (total == 1 ? "test passes" : "tests pass")
                    : passed + " of " + total + " visible " + (total == 1 ? "test passes" : "tests pass")) + " (" + points + ")";
        }

        /** Plain text: a headline, then one line per test and the message of each that failed. */
        public String text() {
            var out = new StringBuilder(headline()).append('\n');
            for (TestResult r : report.results()) {
                out.append(r.passed() ? "  ✓ " : "  ✗ ").append(r.test().task()).append(' ').append(r.test().name())
                        .append("  [").append(r.status().label()).append(", ").append(r.score()).append('/')
                        .append(r.test().points()).append("]\n");
                if (!r.passed()) out.append("      ").append(r.message().replace("\n", "\n      ")).append('\n');
            }
            if (passed()) out.append("The grader also runs hidden tests: they may check more.\n");
            return out.toString();
        }

        /** A small HTML table, one row per test. */
        public String html() {
            var out = new StringBuilder("<div class=\"backprop-check\">\n<p><b>")
                    .append(Displays.escape(headline())).append("</b></p>\n")
                    .append("<table>\n<thead><tr><th>task</th><th style=\"text-align:left\">test</th><th>points</th>"
                            + "<th>result</th><th style=\"text-align:left\">message</th></tr></thead>\n<tbody>\n");
            for (TestResult r : report.results()) {
                String colour = r.passed() ? "#1a7f37" : "#cf222e";
                out.append("<tr><td>").append(Displays.escape(r.test().task())).append("</td><td style=\"text-align:left\">")
                        .append(Displays.escape(r.test().name())).append("</td><td>").append(r.score()).append('/')
                        .append(r.test().points()).append("</td><td style=\"color:").append(colour).append("\">")
                        .append(r.passed() ? "✓ " : "✗ ").append(Displays.escape(r.status().label()))
                        .append("</td><td style=\"text-align:left\">");
                if (!r.passed()) {
                    out.append("<pre style=\"margin:0;white-space:pre-wrap\">").append(Displays.escape(r.message())).append("</pre>");
                }
                out.append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
            if (passed()) out.append("<p>The grader also runs hidden tests: they may check more.</p>\n");
            return out.append("</div>").toString();
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
