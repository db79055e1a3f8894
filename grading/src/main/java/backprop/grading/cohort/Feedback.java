package backprop.grading.cohort;

import backprop.grading.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A student's feedback, in Markdown (for a repository, a pull request, an e-mail) and in HTML (to
 * open in a browser): the score of every task, and for each test that did not pass, what it
 * checked and its teaching message: which equation, what was expected, what the code gave, a hint.
 *
 * <p>Tests the student may not see yet ({@link Reveal}) are counted but not described. Everything
 * that came from the submission (file names, messages, printed output) is escaped, so a
 * submission cannot put markup or scripts into its own feedback page.
 */
public final class Feedback {

    /** The most characters of a test's message or printed output shown. */
    private static final int MESSAGE_LIMIT = 4000;

    private Feedback() {}

    /** One block of feedback: a failed test or a task not written yet; {@code quoted} bodies are code or messages. */
    private record Item(String heading, String body, String printed, boolean quoted) {
        Item(String heading, String body, String printed) {
            this(heading, body, printed, true);
        }
    }

    /** The feedback as Markdown. */
    public static String markdown(StudentResult result, Assignment assignment, Reveal reveal) {
        var out = new StringBuilder();
        out.append("# Feedback for ").append(md(result.name()));
        if (!result.name().equals(result.student())) out.append(" (").append(md(result.student())).append(')');
        out.append("\n\n");
        if (!result.wasGraded()) {
            out.append("**Your submission could not be graded.** ").append(md(result.error())).append("\n\n");
        } else {
            out.append(String.format(Locale.ROOT, "**%d / %d points** (%s), %d of %d tests passed.%n%n", result.score(),
                    assignment.maxScore(), percent(result.score(), assignment.maxScore()),
                    result.tests().stream().filter(t -> t.status() == Status.PASSED).count(), result.tests().size()));
        }
        out.append("Graded: ").append(md(result.origin()));
        if (!result.version().isEmpty()) out.append(", commit ").append(md(result.version()));
        out.append(".\n\n");
        if (!result.isolation().isEmpty()) out.append("Your code ran in isolation: ").append(md(result.isolation())).append(".\n\n");
        if (!result.notes().isEmpty()) {
            out.append("## About your files\n\n");
            for (String note : result.notes()) out.append("- ").append(md(oneLine(note))).append('\n');
            out.append('\n');
        }
        if (!result.wasGraded()) return out.toString();
        out.append("| exercise | points |\n|---|---|\n");
        for (String task : assignment.tasks()) {
            int score = result.score(task), points = assignment.points(task);
            out.append("| ").append(md(assignment.label(task))).append(" | ").append(score).append(" / ").append(points)
                    .append(score == points ? " ✓" : "").append(" |\n");
        }
        List<Item> items = items(result, reveal);
        if (!items.isEmpty()) {
            out.append("\n## What to look at\n");
            for (Item item : items) {
                out.append("\n### ").append(md(item.heading())).append("\n\n");
                if (!item.quoted()) out.append(md(item.body())).append('\n');
                else if (!item.body().isEmpty()) out.append(fence(item.body()));
                if (!item.printed().isEmpty()) out.append("\nYour code printed:\n\n").append(fence(item.printed()));
            }
        }
        return out.toString();
    }

    /** The feedback as a self-contained HTML page. */
    public static String html(StudentResult result, Assignment assignment, Reveal reveal) {
        var out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Feedback for ")
                .append(h(result.name())).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>Feedback for ").append(h(result.name()));
        if (!result.name().equals(result.student())) out.append(" <small>(").append(h(result.student())).append(")</small>");
        out.append("</h1>\n");
        if (!result.wasGraded()) {
            out.append("<p class=\"bad\"><b>Your submission could not be graded.</b> ").append(h(result.error())).append("</p>\n");
        } else {
            out.append(String.format(Locale.ROOT, "<p class=\"score\"><b>%d / %d points</b> (%s), %d of %d tests passed.</p>%n",
                    result.score(), assignment.maxScore(), percent(result.score(), assignment.maxScore()),
                    result.tests().stream().filter(t -> t.status() == Status.PASSED).count(), result.tests().size()));
        }
        out.append("<p>Graded: ").append(h(result.origin()));
        if (!result.version().isEmpty()) out.append(", commit ").append(h(result.version()));
        out.append(".</p>\n");
        if (!result.isolation().isEmpty()) out.append("<p>Your code ran in isolation: ").append(h(result.isolation())).append(".</p>\n");
        if (!result.notes().isEmpty()) {
            out.append("<h2>About your files</h2>\n<ul>\n");
            for (String note : result.notes()) out.append("<li>").append(h(note)).append("</li>\n");
            out.append("</ul>\n");
        }
        if (result.wasGraded()) {
            out.append("<table>\n<tr><th>exercise</th><th>points</th></tr>\n");
            for (String task : assignment.tasks()) {
                int score = result.score(task), points = assignment.points(task);
                out.append("<tr").append(score == points ? " class=\"full\"" : "").append("><td>").append(h(assignment.label(task)))
                        .append("</td><td>").append(score).append(" / ").append(points).append("</td></tr>\n");
            }
            out.append("</table>\n");
            List<Item> items = items(result, reveal);
            if (!items.isEmpty()) {
                out.append("<h2>What to look at</h2>\n");
                for (Item item : items) {
                    out.append("<h3>").append(h(item.heading())).append("</h3>\n");
                    if (!item.quoted()) out.append("<p>").append(h(item.body())).append("</p>\n");
                    else if (!item.body().isEmpty()) out.append("<pre>").append(h(item.body())).append("</pre>\n");
                    if (!item.printed().isEmpty()) {
                        out.append("<p>Your code printed:</p>\n<pre>").append(h(item.printed())).append("</pre>\n");
                    }
                }
            }
        }
        return out.append("</body></html>\n").toString();
    }

    /**
     * What to tell the student, test by test: a task whose every test reached the exercise stub is
     * "not written yet" once; each other failure is described with its message; a test the
     * student may not see is counted as such.
     */
    private static List<Item> items(StudentResult result, Reveal reveal) {
        Map<String, List<StudentResult.TestRow>> failedByTask = new LinkedHashMap<>();
        for (StudentResult.TestRow t : result.tests()) {
            if (t.status() != Status.PASSED) failedByTask.computeIfAbsent(t.task(), k -> new ArrayList<>()).add(t);
        }
        List<Item> items = new ArrayList<>();
        for (var entry : failedByTask.entrySet()) {
            String task = entry.getKey();
            List<StudentResult.TestRow> failed = entry.getValue();
            List<StudentResult.TestRow> shown = failed.stream().filter(t -> reveal.shows(t.visibility())).toList();
            long unwritten = shown.stream().filter(t -> t.status() == Status.NOT_WRITTEN).count();
            if (unwritten > 0 && unwritten == shown.size()) {
                items.add(new Item("Exercise " + task + " is not written yet", cut(shown.get(0).message()), ""));
            } else {
                for (StudentResult.TestRow t : shown) {
                    items.add(new Item("Exercise " + task + ": " + t.name() + " (" + t.status().label() + ", 0 / " + t.points() + ")",
                            cut(t.message()), cut(t.output().strip())));
                }
            }
            int unseen = failed.size() - shown.size();
            if (unseen > 0) {
                items.add(new Item("Exercise " + task + ": " + unseen + (unseen == 1 ? " test" : " tests")
                        + " you cannot see yet did not pass", "Your instructor has the details.", "", false));
            }
        }
        return items;
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
            + "color:#222;line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .6rem;"
            + "text-align:left}tr.full td{background:#eef8f1}pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;"
            + "white-space:pre-wrap}.bad{color:#a30}.score{font-size:1.2rem}";

    static String percent(int score, int max) {
        return max == 0 ? "100 %" : String.format(Locale.ROOT, "%.0f %%", 100.0 * score / max);
    }

    private static String cut(String text) {
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT) + "\n… (" + (text.length() - MESSAGE_LIMIT)
                + " more characters)";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Escapes text for HTML. */
    static String h(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes text for Markdown outside code: no markup, no HTML, no table cells split by '|'. */
    static String md(String text) {
        var out = new StringBuilder(text.length());
        for (char c : oneLine(text).toCharArray()) {
            if ("\\`*_{}[]<>()#+!|~".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** Text in a fenced code block whose fence is longer than any run of backticks in it. */
    static String fence(String text) {
        int longest = 0, run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + text.strip() + "\n" + fence + "\n";
    }
}
