package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link Report} in the formats people and machines read: a table for the terminal,
 * Gradescope's {@code results.json}, the GitHub Classroom runner result, and JUnit XML.
 */
public final class ReportWriters {

    /** The Gradescope results file. */
    public static final String GRADESCOPE = "results.json";
    /** The GitHub Classroom runner result as JSON, and base64-encoded as the reporter reads it. */
    public static final String CLASSROOM_JSON = "classroom-result.json";
    public static final String CLASSROOM_BASE64 = "classroom-result.b64";
    /** JUnit XML, one testsuite per test class. */
    public static final String JUNIT = "junit.xml";

    private ReportWriters() {}

    /** Writes every format into {@code folder}; returns the files written. */
    public static List<Path> writeAll(Report report, Path folder) {
        try {
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            written.add(write(folder.resolve(GRADESCOPE), gradescope(report)));
            String classroom = classroom(report);
            written.add(write(folder.resolve(CLASSROOM_JSON), classroom));
            written.add(write(folder.resolve(CLASSROOM_BASE64),
                    Base64.getEncoder().encodeToString(classroom.getBytes(StandardCharsets.UTF_8)) + "\n"));
            written.add(write(folder.resolve(JUNIT), junitXml(report)));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading reports into " + folder, e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    // ------------------------------------------------------------------ terminal

    /**
     * A table, one row per test (task, test, points, status, the message's first line), the
     * total, and below it the full message of every test that did not pass.
     *
     * @param redactHidden whether to leave out the messages of tests students may not see yet
     */
    public static String table(Report report, boolean redactHidden) {
        var out = new StringBuilder();
        String format = "%-5s  %-46s  %6s  %-12s  %s%n";
        out.append(String.format(format, "task", "test", "points", "status", "message"));
        for (TestResult r : report.results()) {
            String message = redactHidden && hidden(r) ? "" : firstLine(r.message());
            out.append(String.format(format, r.test().task(), cut(r.test().name() + visibilityTag(r.test()), 46),
                    r.score() + "/" + r.test().points(), r.status().label(), cut(message, 60)).stripTrailing()).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nTotal: %d/%d points (%.1f %%), %d of %d tests passed, graded in %.1f s%n",
                report.score(), report.maxScore(), report.percent(), report.passed(), report.results().size(), report.seconds()));
        // a stub's message is all there is to say, and the table shows it already
        List<TestResult> failed = report.results().stream()
                .filter(r -> !r.passed() && r.status() != Status.NOT_WRITTEN && !(redactHidden && hidden(r)))
                .collect(Collectors.toList());
        if (!failed.isEmpty()) {
            out.append("\nWhat went wrong:\n");
            for (TestResult r : failed) {
                out.append("\n").append(r.test().task()).append(' ').append(r.test().name()).append(" (")
                        .append(r.status().label()).append(")\n");
                out.append(indent(r.message())).append('\n');
                if (!r.output().isBlank()) out.append("  it printed:\n").append(indent(indent(r.output().strip()))).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean hidden(TestResult r) {
        return r.test().visibility() != Visibility.VISIBLE;
    }

    private static String visibilityTag(GradedTest t) {
        return switch (t.visibility()) {
            case VISIBLE -> "";
            case HIDDEN -> " [hidden]";
            case AFTER_DUE_DATE -> " [after due]";
            case AFTER_PUBLISHED -> " [after publish]";
        };
    }

    // ------------------------------------------------------------------ Gradescope

    /**
     * Gradescope's {@code results.json}: the score, the time, and one entry per test with its
     * number (the task), score, max_score, status, output and visibility.
     */
    public static String gradescope(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", (double) report.score());
        root.put("execution_time", Math.round(report.seconds() * 10) / 10.0);
        root.put("output", summary(report));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");   // the log shows every test's details, hidden ones too
        List<Object> tests = new ArrayList<>();
        for (TestResult r : report.results()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", r.test().name());
            t.put("number", r.test().task());
            t.put("score", (double) r.score());
            t.put("max_score", (double) r.test().points());
            t.put("status", r.passed() ? "passed" : "failed");
            t.put("output", testOutput(r));
            t.put("visibility", r.test().visibility().gradescopeName());
            tests.add(t);
        }
        root.put("tests", tests);
        return Json.write(root);
    }

    private static String summary(Report report) {
        var out = new StringBuilder(String.format(Locale.ROOT, "%d of %d tests passed: %d/%d points.",
                report.passed(), report.results().size(), report.score(), report.maxScore()));
        for (String note : report.notes()) out.append("\n\n").append(note);
        return out.toString();
    }

    private static String testOutput(TestResult r) {
        var out = new StringBuilder();
        if (!r.passed()) out.append(r.status().label()).append(": ").append(r.message());
        if (!r.output().isBlank()) {
            if (out.length() > 0) out.append("\n\n");
            out.append("Your code printed:\n").append(r.output().strip());
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ GitHub Classroom

    /**
     * The result object of a GitHub Classroom runner, as {@code classroom-resources/autograding-grading-reporter}
     * reads it (base64-encoded, from the environment variable {@code <RUNNER>_RESULTS}):
     * {@code version}, {@code status}, {@code max_score} and {@code tests} with name, status,
     * score and message. Students see it in the Actions log, so the messages of tests that are
     * not visible are left out.
     */
    public static String classroom(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("status", report.results().stream().allMatch(TestResult::passed) ? "pass" : "fail");
        root.put("max_score", report.maxScore());
        List<Object> tests = new ArrayList<>();
        for (TestResult r : report.results()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", "Exercise " + r.test().task() + ": " + r.test().name() + " (" + r.test().points()
                    + (r.test().points() == 1 ? " point)" : " points)"));
            t.put("status", switch (r.status()) {
                case PASSED -> "pass";
                case FAILED, NOT_WRITTEN -> "fail";
                default -> "error";
            });
            t.put("score", r.score());
            t.put("message", r.passed() ? "" : hidden(r) ? r.status().label() + " (a hidden test: its details "
                    + "are for your instructor)" : r.status().label() + ": " + r.message());
            t.put("test_code", r.test().id());
            t.put("filename", r.test().file().getFileName().toString());
            t.put("line_no", r.test().line());
            t.put("execution_time", String.format(Locale.ROOT, "%.2fs", r.seconds()));
            tests.add(t);
        }
        root.put("tests", tests);
        return Json.write(root);
    }

    // ------------------------------------------------------------------ JUnit XML

    /** JUnit's XML report format, one {@code testsuite} per test class. */
    public static String junitXml(Report report) {
        Map<String, List<TestResult>> byClass = new LinkedHashMap<>();
        for (TestResult r : report.results()) byClass.computeIfAbsent(r.test().className(), c -> new ArrayList<>()).add(r);
        long failures = report.results().stream().filter(r -> failure(r.status())).count();
        long errors = report.results().stream().filter(r -> !r.passed() && !failure(r.status())).count();
        var out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<testsuites name=\"Backprop Kit grading\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">%n",
                report.results().size(), failures, errors, report.seconds()));
        for (var suite : byClass.entrySet()) {
            List<TestResult> rs = suite.getValue();
            out.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\">%n",
                    xml(suite.getKey()), rs.size(), rs.stream().filter(r -> failure(r.status())).count(),
                    rs.stream().filter(r -> !r.passed() && !failure(r.status())).count(),
                    rs.stream().mapToDouble(TestResult::seconds).sum()));
            for (TestResult r : rs) {
                out.append(String.format(Locale.ROOT, "    <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\">%n",
                        xml(r.test().method()), xml(r.test().className()), r.seconds()));
                out.append("      <properties>\n");
                property(out, "task", r.test().task());
                property(out, "name", r.test().name());
                property(out, "points", Integer.toString(r.test().points()));
                property(out, "score", Integer.toString(r.score()));
                property(out, "visibility", r.test().visibility().gradescopeName());
                property(out, "status", r.status().label());
                out.append("      </properties>\n");
                if (!r.passed()) {
                    String element = failure(r.status()) ? "failure" : "error";
                    out.append("      <").append(element).append(" message=\"").append(xml(firstLine(r.message())))
                            .append("\" type=\"").append(r.status().label()).append("\">").append(xml(r.message()))
                            .append("</").append(element).append(">\n");
                }
                if (!r.output().isEmpty()) out.append("      <system-out>").append(xml(r.output())).append("</system-out>\n");
                out.append("    </testcase>\n");
            }
            out.append("  </testsuite>\n");
        }
        return out.append("</testsuites>\n").toString();
    }

    private static boolean failure(Status status) {
        return status == Status.FAILED || status == Status.NOT_WRITTEN;
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("        <property name=\"").append(name).append("\" value=\"").append(xml(value)).append("\"/>\n");
    }

    /** Escapes XML's special characters and drops the control characters XML 1.0 cannot hold. */
    static String xml(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') out.append(c);
                }
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ helpers

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
