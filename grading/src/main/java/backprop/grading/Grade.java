package backprop.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code ./course grade}: grades the exercises and writes the reports.
 *
 * <pre>
 * grade [CHAPTER | TASK] [--fail-under PERCENT] [--expect all-pass|all-fail] [--solutions]
 *       [--code DIR] [--tests DIR] [--out DIR] [--timeout SECONDS] [--heap MB] [--redact-hidden] [--quiet]
 *       [--submission DIR --starter DIR] [--kit DIR]
 * </pre>
 *
 * <p>By default it grades {@code exercises/src/main/java} with the instructor's tests
 * ({@code solutions/src/test/java}, visible and hidden) when they are there, else with the
 * visible tests in {@code exercises/src/test/java}. It prints a table and writes
 * {@code target/grading/}: {@code results.json} (Gradescope), {@code classroom-result.b64}
 * (GitHub Classroom) and {@code junit.xml}.
 *
 * <p>Exit status: 0 when grading completed, whatever the score; 1 when {@code --fail-under} or
 * {@code --expect} is not met; 2 when grading could not be done (bad options, malformed tests).
 */
public final class Grade {

    private Grade() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            return grade(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("grade: " + e.getMessage());
            return 2;
        }
    }

    private static int grade(String[] args) {
        String selection = null, expect = null;
        Path kit = null, code = null, tests = null, out = null, submission = null, starter = null;
        Double failUnder = null;
        boolean solutions = false, redactHidden = false, quiet = false;
        int timeout = Grader.DEFAULT_TIMEOUT_SECONDS, heap = 256;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--fail-under" -> failUnder = Double.parseDouble(value(args, ++i, a));
                case "--expect" -> {
                    expect = value(args, ++i, a);
                    if (!expect.equals("all-pass") && !expect.equals("all-fail")) {
                        throw new IllegalArgumentException("--expect takes all-pass or all-fail, got " + expect);
                    }
                }
                case "--solutions" -> solutions = true;
                case "--redact-hidden" -> redactHidden = true;
                case "--quiet" -> quiet = true;
                case "--kit" -> kit = Path.of(value(args, ++i, a));
                case "--code" -> code = Path.of(value(args, ++i, a));
                case "--tests" -> tests = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--submission" -> submission = Path.of(value(args, ++i, a));
                case "--starter" -> starter = Path.of(value(args, ++i, a));
                case "--timeout" -> timeout = Integer.parseInt(value(args, ++i, a));
                case "--heap" -> heap = Integer.parseInt(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || selection != null) {
                        throw new IllegalArgumentException("unknown option " + a + " (try ./course help)");
                    }
                    selection = a;
                }
            }
        }

        boolean needsKit = tests == null || (code == null && submission == null) || out == null;
        if (needsKit && kit == null) kit = Kit.find();
        if (kit != null) kit = kit.toAbsolutePath().normalize();
        if (solutions) {
            code = code != null ? code : kit.resolve("solutions/src/main/java");
            tests = tests != null ? tests : kit.resolve("solutions/src/test/java");
        }
        if (tests == null) {
            Path instructor = kit.resolve("solutions/src/test/java");
            tests = Files.isDirectory(instructor) ? instructor : kit.resolve("exercises/src/test/java");
        }
        out = out != null ? out : kit.resolve("target/grading");
        Path gathered = null;
        List<String> submissionNotes = new ArrayList<>();
        if (submission != null) {
            if (starter == null) throw new IllegalArgumentException("--submission needs --starter DIR: the starter code that lists the exercise files");
            gathered = Submission.gather(submission, starter, submissionNotes);
            code = gathered;
        }
        code = code != null ? code : kit.resolve("exercises/src/main/java");
        for (Path p : List.of(code, tests)) {
            if (!Files.isDirectory(p)) throw new IllegalArgumentException("there is no folder " + p);
        }

        var options = Grader.Options.of(code, tests).timeout(timeout).heap(heap);
        if (selection != null) options = options.select(selector(selection), label(selection));
        String describe = (kit != null && code.startsWith(kit) ? kit.relativize(code) : code) + " with the tests in "
                + (kit != null && tests.startsWith(kit) ? kit.relativize(tests) : tests);
        System.out.println("Grading " + describe + " (" + options.selectionLabel() + ")");
        Report report;
        try {
            report = Grader.grade(options);
        } finally {
            if (gathered != null) JavaCompilation.deleteQuietly(gathered.getParent());
        }
        if (!submissionNotes.isEmpty()) {
            List<String> notes = new ArrayList<>(submissionNotes);
            notes.addAll(report.notes());
            report = new Report(report.results(), report.seconds(), notes);
        }
        var details = new StringBuilder();
        for (String note : report.notes()) details.append('\n').append(note).append('\n');
        details.append('\n').append(ReportWriters.table(report, redactHidden));
        List<Path> written = ReportWriters.writeAll(report, out);
        details.append("\nReports in ").append(out).append(": ").append(String.join(", ",
                written.stream().map(p -> p.getFileName().toString()).toList())).append('\n');
        if (quiet) {
            System.out.printf(Locale.ROOT, "%d/%d points (%.1f %%), %d of %d tests passed, graded in %.1f s%n", report.score(),
                    report.maxScore(), report.percent(), report.passed(), report.results().size(), report.seconds());
        } else {
            System.out.print(details);
        }

        int status = 0;
        if (failUnder != null && report.percent() < failUnder) {
            System.out.printf(Locale.ROOT, "FAIL: the score is %.1f %%, below --fail-under %s %%%n", report.percent(), failUnder);
            status = 1;
        }
        if ("all-pass".equals(expect)) {
            long failing = report.results().size() - report.passed();
            if (failing > 0) {
                System.out.println("FAIL: expected every graded test to pass; " + failing + " did not");
                status = 1;
            } else {
                System.out.println("OK: every one of the " + report.results().size() + " graded tests passes");
            }
        } else if ("all-fail".equals(expect)) {
            Map<String, Integer> byStatus = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (TestResult r : report.results()) {
                byStatus.merge(r.status().label(), 1, Integer::sum);
                if (r.status() != Status.NOT_WRITTEN) {
                    wrong.add(r.test().id() + " (" + r.status().label() + ")");
                }
            }
            if (wrong.isEmpty()) {
                System.out.println("OK: all " + report.results().size() + " graded tests fail on this code, each at an "
                        + "exercise stub (\"not written\"): none passes vacuously");
            } else {
                System.out.println("FAIL: expected every graded test to fail at an exercise stub (status \"not written\"); "
                        + "these did not: " + String.join(", ", wrong));
                status = 1;
            }
        }
        if (quiet && status != 0) System.out.print(details);   // when a gate fails, show why
        return status;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    /** "4" selects chapter 4, "4.2" task 4.2. */
    static Predicate<GradedTest> selector(String selection) {
        if (selection.matches("[1-9][0-9]*")) {
            int chapter = Integer.parseInt(selection);
            return t -> t.chapter() == chapter;
        }
        if (selection.matches("[1-9][0-9]*\\.[1-9][0-9]*")) {
            return t -> t.task().equals(selection);
        }
        throw new IllegalArgumentException("'" + selection + "' is neither a chapter (such as 4) nor a task (such as 4.2)");
    }

    static String label(String selection) {
        return selection.contains(".") ? "task " + selection : "chapter " + selection;
    }
}
