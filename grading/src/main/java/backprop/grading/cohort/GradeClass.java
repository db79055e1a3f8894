package backprop.grading.cohort;

import backprop.grading.GradedTest;
import backprop.grading.Grader;
import backprop.grading.Isolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ./course grade-class}: grades a whole class, writes every student's feedback, the
 * gradebook and the class report.
 *
 * <pre>
 * grade-class SUBMISSIONS [CHAPTER | TASK] [--out DIR] [--jobs N] [--shard I/N] [--regrade]
 *             [--tag TAG | --deadline 2026-12-01T23:59:00Z] [--reveal after-due-date|after-published]
 *             [--timeout SECONDS] [--heap MB] [--tests DIR] [--starter DIR] [--fetch-only] [--kit DIR]
 * grade-class --merge --out DIR SHARD_OUT...
 * </pre>
 *
 * <p>SUBMISSIONS is a folder of student folders (or zips, or git repositories), a roster
 * {@code .csv} of repositories, or a Gradescope export {@code .zip} ({@link Roster}). The tests are
 * the instructor's ({@code solutions/src/test/java}, hidden ones included), the starter code
 * {@code exercises/src/main/java}. {@code --shard 2/4} grades the second quarter of the class;
 * {@code --merge} joins the shards' output folders into one gradebook and report, the same as
 * grading the class on one machine would have made.
 *
 * <p>Exit status: 0 when the class was graded, whatever the scores and even if some submissions
 * could not be graded (each says why); 2 when grading could not be done (a bad option, malformed
 * tests, shards that do not fit together).
 */
public final class GradeClass {

    private GradeClass() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            return parse(args);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("grade-class: " + e.getMessage());
            return 2;
        }
    }

    /** From this many students on, the test JVMs share a class-data archive. */
    private static final int SHARE_FROM = 8;

    private static int parse(String[] args) {
        Path kit = null, out = null, tests = null, starter = null, submissions = null;
        String selection = null, tag = null;
        Instant deadline = null;
        Shard shard = Shard.ALL;
        Reveal reveal = Reveal.VISIBLE;
        // one more than the cores: a submission that waits (on a time limit, on its JVM's start) leaves no core idle
        int jobs = Runtime.getRuntime().availableProcessors() + 1, timeout = Grader.DEFAULT_TIMEOUT_SECONDS, heap = 256;
        int totalTimeout = Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS;
        Isolation isolation = Isolation.fromEnvironment();
        boolean regrade = false, merge = false, fetchOnly = false;
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--kit" -> kit = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--tests" -> tests = Path.of(value(args, ++i, a));
                case "--starter" -> starter = Path.of(value(args, ++i, a));
                case "--jobs" -> jobs = positive(value(args, ++i, a), a);
                case "--timeout" -> timeout = positive(value(args, ++i, a), a);
                case "--heap" -> heap = positive(value(args, ++i, a), a);
                case "--total-timeout" -> totalTimeout = positive(value(args, ++i, a), a);
                case "--isolation" -> isolation = Isolation.of(value(args, ++i, a));
                case "--shard" -> shard = Shard.parse(value(args, ++i, a));
                case "--tag" -> tag = value(args, ++i, a);
                case "--deadline" -> deadline = deadline(value(args, ++i, a));
                case "--reveal" -> reveal = Reveal.parse(value(args, ++i, a));
                case "--regrade" -> regrade = true;
                case "--merge" -> merge = true;
                case "--fetch-only" -> fetchOnly = true;
                default -> {
                    if (a.startsWith("--")) throw new IllegalArgumentException("unknown option " + a + " (try ./course help)");
                    if (merge) shards.add(Path.of(a));
                    else if (submissions == null) submissions = Path.of(a);
                    else if (selection == null) selection = a;
                    else throw new IllegalArgumentException("one SUBMISSIONS and at most one CHAPTER or TASK, got also " + a);
                }
            }
        }
        if (merge) {
            if (out == null) throw new IllegalArgumentException("--merge needs --out DIR: where the merged gradebook goes");
            if (submissions != null) shards.add(0, submissions);
            return Merge.run(shards, out, reveal);
        }
        if (submissions == null) {
            throw new IllegalArgumentException("which submissions? ./course grade-class SUBMISSIONS, where SUBMISSIONS is a folder "
                    + "of student folders, a roster .csv or a Gradescope export .zip");
        }
        if (kit == null && (tests == null || starter == null)) {
            kit = Path.of("").toAbsolutePath();
            if (!Files.isDirectory(kit.resolve("exercises/src/main/java"))) {
                throw new IllegalArgumentException("run ./course grade-class from the kit, or give --tests DIR and --starter DIR");
            }
        }
        tests = (tests != null ? tests : instructorTests(kit)).toAbsolutePath().normalize();
        starter = (starter != null ? starter : kit.resolve("exercises/src/main/java")).toAbsolutePath().normalize();
        out = (out != null ? out : Path.of("grades")).toAbsolutePath().normalize();
        Path from = submissions.toAbsolutePath().normalize();
        if (out.startsWith(from) && Files.isDirectory(from)) {
            throw new IllegalArgumentException("--out " + out + " is inside the submissions folder " + from
                    + ": choose a folder outside it, or the results would be taken for a student's submission");
        }
        checkOutput(out);
        // the grader's working files go inside the output folder too
        Path temporary = out.resolve(".work").resolve("tmp");
        createDirectories(temporary);
        System.setProperty("java.io.tmpdir", temporary.toString());

        Predicate<GradedTest> which = selection == null ? t -> true : selector(selection);
        String label = selection == null ? "all tasks" : selection.contains(".") ? "task " + selection : "chapter " + selection;
        Roster roster = Roster.read(submissions);
        List<Roster.Student> mine = new ArrayList<>();
        for (int p = 0; p < roster.students().size(); p++) if (shard.takes(p)) mine.add(roster.students().get(p));
        for (String note : roster.notes()) System.out.println("note: " + note);
        var settings = new ClassGrader.Settings(out, starter, jobs, regrade, new Git.Revision(tag, deadline), Intake.Limits.DEFAULT, reveal);
        String part = shard.equals(Shard.ALL) ? "" : " (shard " + shard + ")";
        String limits = "timeout " + timeout + " s, total " + totalTimeout + " s, heap " + heap + " MB";
        if (fetchOnly) {
            Assignment assignment = Assignment.read(tests, which, label, starter, limits);
            assignment.write(out);   // marks the folder as grade-class's, for the run that grades
            List<String> problems = new ClassGrader(assignment, code -> null, settings).fetch(mine);
            problems.forEach(p -> System.out.println("could not fetch " + p));
            System.out.println("fetched the repositories of " + (mine.size() - problems.size()) + " of " + mine.size() + " students"
                    + part + " into " + out.resolve("repos"));
            return 0;
        }
        // one grader for the whole class: the tests are read and compiled once, against the starter
        // code; each submission is then compiled, checked and run in the sandbox, several at once.
        // The test JVMs' class-data archive costs about one test JVM to make: worth it from a few students on
        Grader.Options options = Grader.Options.of(tests).starter(starter).select(which, label).timeout(timeout).heap(heap)
                .totalTimeout(totalTimeout).isolation(isolation).shareClasses(mine.size() >= SHARE_FROM);
        try (Grader prepared = Grader.prepare(options)) {
            // the isolation in force is part of what a result was graded with: a run with another one grades again
            Assignment assignment = Assignment.read(tests, which, label, starter, limits + ", isolation "
                    + prepared.isolation().option());
            ClassGrader grader = new ClassGrader(assignment, prepared::grade, settings);
            System.out.println("Grading " + mine.size() + " of " + roster.students().size() + " students" + part + " from "
                    + roster.source() + " on " + label + " (" + assignment.tests().size() + " tests, " + assignment.maxScore()
                    + " points), " + jobs + " at a time, into " + out);
            System.out.println("Isolation: " + prepared.isolation().description());
            if (prepared.sharesClasses()) System.out.println("The test JVMs share a class-data archive of the grader's jars");
            return grade(grader, assignment, roster, mine, shard, label, part, out);
        }
    }

    /** Grades the students of this shard, then writes the gradebook and the class report. */
    private static int grade(ClassGrader grader, Assignment assignment, Roster roster, List<Roster.Student> mine, Shard shard,
                             String label, String part, Path out) {
        // Ctrl-C (or a CI's cancel): keep no result of a grading cut short, then end every test JVM
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            grader.stop();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        }));
        long start = System.nanoTime();
        var progress = new Progress(mine.size(), System.err, System.console() != null);
        List<StudentResult> results = grader.run(mine, progress);
        ShardInfo.of(shard, roster, mine).write(out);
        Path gradebook = Gradebook.write(results, assignment, out);
        Path report = ClassReport.write(results, assignment, out, "Class report: " + label + part);
        long notGraded = results.stream().filter(r -> !r.wasGraded()).count();
        System.out.printf(Locale.ROOT, "Graded %d students%s in %s (%d not graded: see the gradebook's note column)%n", results.size(),
                part, Progress.duration((System.nanoTime() - start) / 1e9), notGraded);
        System.out.println("  gradebook:    " + gradebook);
        System.out.println("  class report: " + report);
        System.out.println("  feedback:     " + out.resolve("students") + "/<student>/feedback.md and feedback.html");
        ClassGrader.deleteQuietly(out.resolve(".work"));
        return 0;
    }

    /** The instructor's tests when the kit has them, else the students' visible ones. */
    private static Path instructorTests(Path kit) {
        Path instructor = kit.resolve("solutions/src/test/java");
        return Files.isDirectory(instructor) ? instructor : kit.resolve("exercises/src/test/java");
    }

    /** Refuses an output folder that holds something other than grade-class's own output. */
    static void checkOutput(Path out) {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " is a file, not a folder");
        if (Files.isRegularFile(out.resolve(Assignment.FILE))) return;
        try (Stream<Path> inside = Files.list(out)) {
            if (inside.findAny().isPresent()) {
                throw new IllegalArgumentException("--out " + out + " is not empty and was not written by grade-class: choose "
                        + "a new folder (nothing in it is overwritten)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not look into " + out, e);
        }
    }

    static Instant deadline(String text) {
        try {
            return OffsetDateTime.parse(text.strip().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--deadline takes a date, time and time zone such as 2026-12-01T23:59:00Z or "
                    + "2026-12-01T23:59:00+01:00, got '" + text + "'");
        }
    }

    private static Predicate<GradedTest> selector(String selection) {
        if (selection.matches("[1-9][0-9]*")) {
            int chapter = Integer.parseInt(selection);
            return t -> t.chapter() == chapter;
        }
        if (selection.matches("[1-9][0-9]*\\.[1-9][0-9]*")) return t -> t.task().equals(selection);
        throw new IllegalArgumentException("'" + selection + "' is neither a chapter (such as 4) nor a task (such as 4.2)");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least 1, got '" + text + "'");
    }

    static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + folder, e);
        }
    }
}
