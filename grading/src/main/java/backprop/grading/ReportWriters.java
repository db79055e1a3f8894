package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Report} in the formats people and machines read: a table for the terminal,
 * Gradescope's {@code results.json}, the GitHub Classroom runner result, and JUnit XML (the
 * Surefire schema, which GitLab and other CI dashboards read).
 *
 * <p>Whatever student code put in a message or printed, every file is valid: characters XML
 * cannot hold are written as {@code \\uXXXX}, and messages and outputs are cut, per test and in
 * total, so that a 300 000-character message cannot make a report too big to pass on (the
 * Classroom result travels in an environment variable, which holds at most 128 KiB).
 */
public final class ReportWriters {

    /** The Gradescope results file. */
    public static final String GRADESCOPE = "results.json";
    /** The GitHub Classroom runner result as JSON, and base64-encoded as the reporter reads it. */
    public static final String CLASSROOM_JSON = "classroom-result.json";
    public static final String CLASSROOM_BASE64 = "classroom-result.b64";
    /** JUnit XML: one testsuite, valid against Surefire's surefire-test-report-3.0.xsd. */
    public static final String JUNIT = "junit.xml";

    /** The most characters of one test's message, and of its printed output, in any report. */
    static final int PER_TEST = 4000;
    /** The most characters of all messages and outputs together in results.json and junit.xml. */
    static final int TOTAL = 400_000;
    /** The most bytes of the base64 Classroom result: well under the 128 KiB an environment variable can carry. */
    static final int CLASSROOM_BASE64_LIMIT = 96 * 1024;
    /** What a student reads instead of a hidden test's details in anything they can download. */
    static final String HIDDEN_DETAILS = "(a hidden test: its details are for your instructor)";

    private ReportWriters() {}

    /** Writes every format into {@code folder}; returns the files written. */
    public static List<Path> writeAll(Report report, Path folder) {
        return writeAll(report, folder, false);
    }

    /**
     * Writes every format into {@code folder}, each file replaced at once (written aside, then
     * moved into place), so that a reader never sees half a report.
     *
     * @param redactHidden whether to leave the messages and outputs of tests that are not visible
     *                     out of every file (for reports a student can download)
     */
    public static List<Path> writeAll(Report report, Path folder, boolean redactHidden) {
        Report r = redactHidden ? redacted(report) : report;
        try {
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            written.add(write(folder.resolve(GRADESCOPE), gradescope(r)));
            String classroom = classroom(r);
            written.add(write(folder.resolve(CLASSROOM_JSON), classroom));
            written.add(write(folder.resolve(CLASSROOM_BASE64),
                    Base64.getEncoder().encodeToString(classroom.getBytes(StandardCharsets.UTF_8)) + "\n"));
            written.add(write(folder.resolve(JUNIT), junitXml(r)));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the grading reports into " + folder, e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Path aside = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(aside, text, StandardCharsets.UTF_8);
        try {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The report with the details of every test that is not visible taken out. */
    static Report redacted(Report report) {
        List<TestResult> results = report.results().stream()
                .map(r -> hidden(r) && (!r.message().isEmpty() || !r.output().isEmpty())
                        ? new TestResult(r.test(), r.status(), r.passed() ? "" : HIDDEN_DETAILS, "", r.seconds()) : r)
                .collect(Collectors.toList());
        return new Report(results, report.seconds(), report.notes(), report.isolation());
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
        if (!report.isolation().isEmpty()) out.append("Isolation: ").append(report.isolation()).append('\n');
        // a stub's message is all there is to say, and the table shows it already
        List<TestResult> failed = report.results().stream()
                .filter(r -> !r.passed() && r.status() != Status.NOT_WRITTEN && !(redactHidden && hidden(r)))
                .collect(Collectors.toList());
        if (!failed.isEmpty()) {
            out.append("\nWhat went wrong:\n");
            for (TestResult r : failed) {
                out.append("\n").append(r.test().task()).append(' ').append(r.test().name()).append(" (")
                        .append(r.status().label()).append(")\n");
                out.append(indent(TestProcess.cut(r.message(), PER_TEST))).append('\n');
                if (!r.output().isBlank()) {
                    out.append("  it printed:\n").append(indent(indent(TestProcess.cut(r.output().strip(), PER_TEST)))).append('\n');
                }
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
     * number (the task), score, max_score, status, output and visibility. An output that looks
     * like markup gets {@code "output_format": "text"}, so that Gradescope shows it as it is (the
     * top-level output is rendered as HTML unless told otherwise).
     */
    public static String gradescope(Report report) {
        List<String> outputs = fit(report.results().stream().map(ReportWriters::testOutput).collect(Collectors.toList()), TOTAL);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", (double) report.score());
        root.put("execution_time", Math.round(report.seconds() * 10) / 10.0);
        String summary = summary(report);
        root.put("output", summary);
        if (markupLike(summary)) root.put("output_format", "text");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");   // the log shows every test's details, hidden ones too
        if (!report.isolation().isEmpty()) root.put("extra_data", Map.of("isolation", report.isolation()));
        List<Object> tests = new ArrayList<>();
        for (int i = 0; i < report.results().size(); i++) {
            TestResult r = report.results().get(i);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", r.test().name());
            t.put("number", r.test().task());
            t.put("score", (double) r.score());
            t.put("max_score", (double) r.test().points());
            t.put("status", r.passed() ? "passed" : "failed");
            t.put("output", outputs.get(i));
            if (markupLike(outputs.get(i))) t.put("output_format", "text");
            t.put("visibility", r.test().visibility().gradescopeName());
            tests.add(t);
        }
        root.put("tests", tests);
        return Json.write(root);
    }

    /** Whether Gradescope's HTML or Markdown rendering could change the text: tags, entities. */
    static boolean markupLike(String text) {
        return text.indexOf('<') >= 0 || text.indexOf('&') >= 0 || text.indexOf('>') >= 0;
    }

    private static String summary(Report report) {
        var out = new StringBuilder(String.format(Locale.ROOT, "%d of %d tests passed: %d/%d points.",
                report.passed(), report.results().size(), report.score(), report.maxScore()));
        for (String note : report.notes()) out.append("\n\n").append(TestProcess.cut(note, PER_TEST));
        if (!report.isolation().isEmpty()) out.append("\n\nIsolation: ").append(report.isolation());
        return out.toString();
    }

    private static String testOutput(TestResult r) {
        var out = new StringBuilder();
        if (!r.passed()) out.append(r.status().label()).append(": ").append(TestProcess.cut(r.message(), PER_TEST));
        if (!r.output().isBlank()) {
            if (out.length() > 0) out.append("\n\n");
            out.append("Your code printed:\n").append(TestProcess.cut(r.output().strip(), PER_TEST));
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ GitHub Classroom

    /**
     * The result object of a GitHub Classroom runner, as {@code classroom-resources/autograding-grading-reporter}
     * reads it (base64-encoded, from the environment variable {@code <RUNNER>_RESULTS}):
     * {@code version}, {@code status}, {@code max_score} and {@code tests} with name, status,
     * score and message. Students see it in the Actions log, so the messages of tests that are
     * not visible are left out. Messages are cut until the base64 form is under
     * {@value #CLASSROOM_BASE64_LIMIT} bytes.
     */
    public static String classroom(Report report) {
        for (int budget = 60_000; ; budget /= 2) {
            String json = classroom(report, budget);
            int base64 = (json.getBytes(StandardCharsets.UTF_8).length + 2) / 3 * 4;
            if (base64 <= CLASSROOM_BASE64_LIMIT || budget < 100) return json;
        }
    }

    private static String classroom(Report report, int budget) {
        List<String> messages = fit(report.results().stream().map(r -> r.passed() ? "" : hidden(r)
                ? r.status().label() + " " + HIDDEN_DETAILS : r.status().label() + ": " + r.message()).collect(Collectors.toList()), budget);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("status", report.results().stream().allMatch(TestResult::passed) ? "pass" : "fail");
        root.put("max_score", report.maxScore());
        List<Object> tests = new ArrayList<>();
        for (int i = 0; i < report.results().size(); i++) {
            TestResult r = report.results().get(i);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", "Exercise " + r.test().task() + ": " + r.test().name() + " (" + r.test().points()
                    + (r.test().points() == 1 ? " point)" : " points)"));
            t.put("status", switch (r.status()) {
                case PASSED -> "pass";
                case FAILED, NOT_WRITTEN -> "fail";
                default -> "error";
            });
            t.put("score", r.score());
            t.put("message", messages.get(i));
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

    /**
     * JUnit XML as Maven Surefire writes it (its schema, surefire-test-report-3.0.xsd, is what CI
     * dashboards such as GitLab's read): one {@code testsuite} holding every test, named by its
     * task, name and points; the grading facts in the suite's {@code properties}.
     */
    public static String junitXml(Report report) {
        List<String> messages = fit(report.results().stream().map(TestResult::message).collect(Collectors.toList()), TOTAL / 2);
        List<String> outputs = fit(report.results().stream().map(TestResult::output).collect(Collectors.toList()), TOTAL / 2);
        long failures = report.results().stream().filter(r -> failure(r.status())).count();
        long errors = report.results().stream().filter(r -> !r.passed() && !failure(r.status())).count();
        var out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<testsuite name=\"Backprop Kit grading\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                        + "skipped=\"0\" time=\"%.3f\">%n", report.results().size(), failures, errors, report.seconds()));
        out.append("  <properties>\n");
        property(out, "score", report.score() + "/" + report.maxScore());
        if (!report.isolation().isEmpty()) property(out, "isolation", report.isolation());
        for (TestResult r : report.results()) {
            property(out, r.test().id(), "task " + r.test().task() + ", " + r.score() + "/" + r.test().points() + " points, "
                    + r.status().label() + ", " + r.test().visibility().gradescopeName());
        }
        for (int i = 0; i < report.notes().size(); i++) property(out, "note." + (i + 1), TestProcess.cut(report.notes().get(i), PER_TEST));
        out.append("  </properties>\n");
        for (int i = 0; i < report.results().size(); i++) {
            TestResult r = report.results().get(i);
            String name = r.test().task() + " " + r.test().name() + " (" + r.test().points() + (r.test().points() == 1 ? " point)" : " points)");
            out.append(String.format(Locale.ROOT, "  <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\">%n",
                    xml(name), xml(r.test().className()), Math.max(0, r.seconds())));
            if (!r.passed()) {
                String element = failure(r.status()) ? "failure" : "error";
                out.append("    <").append(element).append(" message=\"").append(xml(firstLine(messages.get(i))))
                        .append("\" type=\"").append(xml(r.status().label())).append("\">").append(xml(messages.get(i)))
                        .append("</").append(element).append(">\n");
            }
            if (!outputs.get(i).isEmpty()) out.append("    <system-out>").append(xml(outputs.get(i))).append("</system-out>\n");
            out.append("  </testcase>\n");
        }
        return out.append("</testsuite>\n").toString();
    }

    private static boolean failure(Status status) {
        return status == Status.FAILED || status == Status.NOT_WRITTEN;
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("    <property name=\"").append(xml(name)).append("\" value=\"").append(xml(value)).append("\"/>\n");
    }

    /**
     * Escapes XML's special characters, and writes every character XML 1.0 cannot hold (control
     * characters, U+FFFE, U+FFFF, a lone surrogate) as the text {@code \\uXXXX}.
     */
    static String xml(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (legal) out.appendCodePoint(c);
                    else out.append(String.format(Locale.ROOT, "\\u%04X", c));
                }
            }
        });
        return out.toString();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The texts cut to at most {@value #PER_TEST} characters each and {@code total} together: the
     * longest are cut first, to one common length, so that short messages stay whole.
     */
    static List<String> fit(List<String> texts, int total) {
        Function<Integer, Long> sumAt = cap -> texts.stream().mapToLong(t -> Math.min(t.length(), cap)).sum();
        int cap = PER_TEST;
        if (sumAt.apply(cap) > total) {
            int low = 0, high = cap;
            while (low < high) {
                int mid = (low + high + 1) / 2;
                if (sumAt.apply(mid) <= total) low = mid;
                else high = mid - 1;
            }
            cap = low;
        }
        int c = cap;
        return texts.stream().map(t -> TestProcess.cut(t, c)).collect(Collectors.toList());
    }

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
