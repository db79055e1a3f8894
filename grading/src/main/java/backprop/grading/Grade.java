package backprop.grading;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * {@code ./course grade}: grades the exercises and writes the reports.
 *
 * <pre>
 * grade [CHAPTER | TASK] [--fail-under PERCENT] [--expect all-pass|all-fail] [--solutions]
 *       [--code DIR] [--tests DIR] [--out DIR] [--timeout SECONDS] [--heap MB] [--total-timeout SECONDS]
 *       [--isolation auto|bubblewrap|user|none] [--redact-hidden] [--quiet]
 *       [--submission DIR --starter DIR] [--kit DIR]
 * </pre>
 *
 * <p>By default it grades {@code exercises/src/main/java} with the instructor's tests
 * ({@code solutions/src/test/java}, visible and hidden) when they are there, else with the
 * visible tests in {@code exercises/src/test/java}. It prints a table and writes
 * {@code target/grading/}: {@code results.json} (Gradescope), {@code classroom-result.b64}
 * (GitHub Classroom) and {@code junit.xml}, rewritten as tests finish (at most every half
 * second), so that a grader killed half-way still leaves valid reports.
 *
 * <p>Exit status: 0 when grading completed, whatever the score; 1 when {@code --fail-under} or
 * {@code --expect} is not met; 2 when grading could not be done (bad options, malformed tests);
 * 3 when the grader itself failed.
 */
public final class Grade {

    private Grade() {}

    static CommandLine commandLine() {
        return new CommandLine("grade", "Grades the exercises and writes target/grading/ (results.json, classroom-result.b64, junit.xml).")
                .positional("CHAPTER|TASK", "grade one chapter (4) or one task (4.2) instead of everything")
                .option("--fail-under", "PERCENT", "exit status 1 when the score is below PERCENT")
                .option("--expect", "all-pass|all-fail", "exit status 1 unless every test passes / every test fails at a stub")
                .flag("--solutions", "grade solutions/ itself (the instructor's copy)")
                .option("--code", "DIR", "the code to grade: a source root with exercises/chN/ in it")
                .option("--tests", "DIR", "the graded tests (default: solutions/src/test/java, else exercises/src/test/java)")
                .option("--out", "DIR", "where the reports go (default: target/grading)")
                .option("--timeout", "SECONDS", "the time limit of one test (default " + Grader.DEFAULT_TIMEOUT_SECONDS + ")")
                .option("--total-timeout", "SECONDS", "the time limit of the whole submission (default "
                        + Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS + ")")
                .option("--heap", "MB", "the test JVM's heap (default 256)")
                .option("--isolation", "MODE", "auto (default; or $" + Sandbox.ENVIRONMENT + "), bubblewrap, user or none")
                .flag("--redact-hidden", "leave hidden tests' messages out of every report (for reports students download)")
                .flag("--quiet", "print one line, not the table")
                .option("--submission", "DIR", "a submission in any layout: its exercise files are found by their package")
                .option("--starter", "DIR", "with --submission: the starter code, which lists the exercise files")
                .option("--kit", "DIR", "the kit's folder (default: found from the working directory)");
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (RuntimeException | Error e) {
            // a fault of the grader's own, never of the code under test: say so, with a status of its own
            System.err.println("grade: the grader failed (a bug in it, not in the code under test):");
            e.printStackTrace();
            status = 3;
        }
        System.exit(status);
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args) {
        try {
            CommandLine.Arguments arguments = commandLine().parse(args);
            if (arguments.helpWanted()) {
                System.out.print(commandLine().usage());
                return 0;
            }
            Plan plan = plan(arguments);
            try {
                return grade(plan, System.out);
            } finally {
                if (plan.gathered() != null) JavaCompilation.deleteQuietly(plan.gathered().getParent());
            }
        } catch (CommandLine.Usage e) {
            System.err.println("grade: " + e.getMessage());
            System.err.println();
            System.err.print(e.usage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("grade: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Everything the command line decided.
     *
     * @param gathered the temporary source root a --submission was gathered into (deleted afterwards), or null
     */
    record Plan(Path code, Path tests, Path out, String what, Grader.Options options, boolean quiet, boolean redactHidden,
                Double failUnder, String expect, Path gathered, List<String> submissionNotes) {}

    /** Reads the options and finds the folders. */
    static Plan plan(CommandLine.Arguments a) {
        Double failUnder = a.number("--fail-under", 0, 100).orElse(null);
        String expect = a.choice("--expect", null, "all-pass", "all-fail");
        int timeout = a.integer("--timeout", Grader.DEFAULT_TIMEOUT_SECONDS, 1, 3600);
        int total = a.integer("--total-timeout", Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS, 1, 86_400);
        int heap = a.integer("--heap", 256, 32, 65_536);
        String isolationWord = a.choice("--isolation", null, "auto", "bubblewrap", "user", "none");
        Isolation isolation = isolationWord == null ? Isolation.fromEnvironment() : Isolation.of(isolationWord);
        boolean solutions = a.has("--solutions");
        Path code = a.path("--code").orElse(null), tests = a.path("--tests").orElse(null), out = a.path("--out").orElse(null);
        Path submission = a.path("--submission").orElse(null), starter = a.path("--starter").orElse(null);
        if (submission != null && starter == null) {
            throw a.problem("--submission needs --starter DIR: the starter code that lists the exercise files");
        }
        if (submission != null && (code != null || solutions)) throw a.problem("--submission does not go with --code or --solutions");
        if (solutions && code != null) throw a.problem("--solutions grades solutions/ itself: leave out --code");

        Path kit = a.path("--kit").orElse(null);
        boolean needsKit = tests == null || (code == null && submission == null) || out == null;
        if (needsKit && kit == null) kit = Kit.find();
        if (kit != null) kit = kit.toAbsolutePath().normalize();
        if (solutions) {
            code = kit.resolve("solutions/src/main/java");
            tests = tests != null ? tests : kit.resolve("solutions/src/test/java");
        }
        if (tests == null) {
            Path instructor = kit.resolve("solutions/src/test/java");
            tests = Files.isDirectory(instructor) ? instructor : kit.resolve("exercises/src/test/java");
        }
        out = out != null ? out : kit.resolve("target/grading");
        code = code != null ? code : submission == null ? kit.resolve("exercises/src/main/java") : null;
        for (Path p : code == null ? List.of(tests) : List.of(code, tests)) {
            if (!Files.isDirectory(p)) throw new IllegalArgumentException("there is no folder " + p);
        }
        var options = Grader.Options.of(tests).timeout(timeout).heap(heap).totalTimeout(total).isolation(isolation);
        String selection = a.positional().orElse(null);
        if (selection != null) options = options.select(selector(selection), label(selection));

        Path gathered = null;
        List<String> submissionNotes = new ArrayList<>();
        if (submission != null) {
            gathered = Submission.gather(submission, starter, submissionNotes);
            code = gathered;
        }
        Path root = kit;
        String what = (submission != null ? "the submission in " + submission : shown(root, code)) + " with the tests in " + shown(root, tests);
        return new Plan(code, tests, out, what, options, a.has("--quiet"), a.has("--redact-hidden"), failUnder, expect,
                gathered, List.copyOf(submissionNotes));
    }

    private static String shown(Path kit, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return kit != null && abs.startsWith(kit) ? kit.relativize(abs).toString() : abs.toString();
    }

    /** Grades, writing the reports as tests finish and once more at the end; prints; returns the exit status. */
    static int grade(Plan plan, PrintStream console) {
        console.println("Grading " + plan.what() + " (" + plan.options().selectionLabel() + ")");
        Report report;
        try (Grader grader = Grader.prepare(plan.options()); var writer = new PartialReports(plan)) {
            report = grader.grade(plan.code(), writer::offer);
        }
        report = withNotes(report, plan.submissionNotes());
        List<Path> written = ReportWriters.writeAll(report, plan.out(), plan.redactHidden());
        var details = new StringBuilder();
        for (String note : report.notes()) details.append('\n').append(note).append('\n');
        details.append('\n').append(ReportWriters.table(report, plan.redactHidden()));
        details.append("\nReports in ").append(plan.out()).append(": ").append(String.join(", ",
                written.stream().map(p -> p.getFileName().toString()).toList())).append('\n');
        if (plan.quiet()) {
            console.printf(Locale.ROOT, "%d/%d points (%.1f %%), %d of %d tests passed, graded in %.1f s (isolation: %s)%n",
                    report.score(), report.maxScore(), report.percent(), report.passed(), report.results().size(), report.seconds(),
                    report.isolation().isEmpty() ? "unknown" : report.isolation().substring(0, report.isolation().indexOf(':') < 0
                            ? report.isolation().length() : report.isolation().indexOf(':')));
        } else {
            console.print(details);
        }
        int status = gates(report, plan, console);
        if (plan.quiet() && status != 0) console.print(details);   // when a gate fails, show why
        return status;
    }

    /**
     * Writes the report so far while tests run, at most every half second (writing after every
     * test would cost more than some tests), so that a grader killed half-way leaves reports at
     * most that old. Closing it stops the writing; the final reports are written after.
     */
    private static final class PartialReports implements AutoCloseable {
        private final Plan plan;
        private final AtomicReference<Report> pending = new AtomicReference<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grading-reports");
            t.setDaemon(true);
            return t;
        });

        PartialReports(Plan plan) {
            this.plan = plan;
            timer.scheduleWithFixedDelay(this::write, 0, 500, TimeUnit.MILLISECONDS);
        }

        void offer(Report soFar) {
            pending.set(soFar);
        }

        private void write() {
            Report soFar = pending.getAndSet(null);
            if (soFar != null) ReportWriters.writeAll(withNotes(soFar, plan.submissionNotes()), plan.out(), plan.redactHidden());
        }

        @Override
        public void close() {
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Report withNotes(Report report, List<String> first) {
        if (first.isEmpty()) return report;
        List<String> notes = new ArrayList<>(first);
        notes.addAll(report.notes());
        return new Report(report.results(), report.seconds(), notes, report.isolation());
    }

    /** --fail-under and --expect: 0 when they hold (or were not given), 1 otherwise. */
    static int gates(Report report, Plan plan, PrintStream console) {
        int status = 0;
        if (plan.failUnder() != null && report.percent() < plan.failUnder()) {
            console.printf(Locale.ROOT, "FAIL: the score is %.1f %%, below --fail-under %s %%%n", report.percent(), plan.failUnder());
            status = 1;
        }
        if ("all-pass".equals(plan.expect())) {
            long failing = report.results().size() - report.passed();
            if (failing > 0) {
                console.println("FAIL: expected every graded test to pass; " + failing + " did not");
                status = 1;
            } else {
                console.println("OK: every one of the " + report.results().size() + " graded tests passes");
            }
        } else if ("all-fail".equals(plan.expect())) {
            Map<String, Integer> byStatus = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (TestResult r : report.results()) {
                byStatus.merge(r.status().label(), 1, Integer::sum);
                if (r.status() != Status.NOT_WRITTEN) wrong.add(r.test().id() + " (" + r.status().label() + ")");
            }
            if (wrong.isEmpty()) {
                console.println("OK: all " + report.results().size() + " graded tests fail on this code, each at an "
                        + "exercise stub (\"not written\"): none passes vacuously");
            } else {
                console.println("FAIL: expected every graded test to fail at an exercise stub (status \"not written\"); "
                        + "these did not: " + String.join(", ", wrong));
                status = 1;
            }
        }
        return status;
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
