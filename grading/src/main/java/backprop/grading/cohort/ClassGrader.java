package backprop.grading.cohort;

import backprop.grading.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Grades every student of a roster (or of one shard of it), a few at a time, into an output folder:
 *
 * <pre>
 * OUT/assignment.properties          what the class is graded on (tests, points, titles)
 * OUT/students/ada/result.properties the result, kept for resuming and merging
 * OUT/students/ada/feedback.md       the student's feedback, and the same as a web page
 * OUT/students/ada/feedback.html
 * OUT/repos/ada.git                  a repository fetched from a roster's URL
 * </pre>
 *
 * <p>For each student: take the files out of the submission ({@link Intake}), skip the student if
 * a result for the very same files and tests is there already (unless asked to grade again),
 * grade, keep the result, write the feedback. A submission that breaks (does not compile, loops,
 * crashes its JVM) costs only itself: its tests fail and grading goes on; a submission that
 * cannot even be read gets a result that says why. Nothing is written outside OUT.
 */
final class ClassGrader {

    /** Grades one submission laid out as a source folder: the real grader, or a stand-in in tests. */
    interface Grading {
        Report grade(Path code) throws Exception;
    }

    /**
     * How to grade.
     *
     * @param out      the output folder
     * @param starter  the starter code: which files a submission should have
     * @param jobs     how many submissions are graded at once
     * @param regrade  grade again even where a result for the same files is there
     * @param revision which commit of a git repository to grade
     * @param limits   how much of a submission is read
     * @param reveal   which tests' details the feedback shows
     */
    record Settings(Path out, Path starter, int jobs, boolean regrade, Git.Revision revision, Intake.Limits limits, Reveal reveal) {}

    private final Assignment assignment;
    private final Grading grading;
    private final Settings settings;
    /** Set when the run is being stopped (Ctrl-C): a grading cut short must not be kept as a result. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    ClassGrader(Assignment assignment, Grading grading, Settings settings) {
        this.assignment = assignment;
        this.grading = grading;
        this.settings = settings;
    }

    /** The folder of a student's files in an output folder: their id, made safe as a file name. */
    static String folderName(String student) {
        String key = Claim.key(student);
        String safe = key.replaceAll("[^a-z0-9._@+-]", "_");
        if (safe.isEmpty() || safe.startsWith(".") || !safe.equals(key)) {
            safe = (safe.isEmpty() ? "student" : safe.replaceFirst("^\\.+", "_")) + "-" + Intake.fingerprint(key).substring(0, 8);
        }
        return safe;
    }

    /** Grades the students given (already cut to the shard) and returns their results, in the same order. */
    List<StudentResult> run(List<Roster.Student> students, Progress progress) {
        assignment.write(settings.out());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.jobs()), runnable -> {
            Thread t = new Thread(runnable, "grade-class");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<StudentResult>> futures = new ArrayList<>();
            for (Roster.Student student : students) futures.add(pool.submit(() -> one(student, progress)));
            List<StudentResult> results = new ArrayList<>();
            for (Future<StudentResult> f : futures) results.add(f.get());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted: run the same command again to go on where it stopped");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Stops keeping results: called first thing when the run is interrupted, before the test JVMs
     * are ended, so that a test that "crashed" because its JVM was ended never becomes a result.
     * The results kept before stand, and the next run goes on from them.
     */
    void stop() {
        stopping.set(true);
    }

    /** Fetches the students' repositories named by URL into OUT/repos, grading nothing. */
    List<String> fetch(List<Roster.Student> students) {
        List<String> problems = new ArrayList<>();
        for (Roster.Student student : students) {
            for (Claim claim : student.claims()) {
                if (claim.kind() != Claim.Kind.REMOTE_GIT) continue;
                try {
                    Git.mirror(claim.url(), repository(student));
                    System.out.println("fetched " + student.id() + " from " + claim.url());
                } catch (Git.GitException e) {
                    problems.add(student.id() + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private Path repository(Roster.Student student) {
        return settings.out().resolve("repos").resolve(folderName(student.id()) + ".git");
    }

    private StudentResult one(Roster.Student student, Progress progress) {
        Path folder = settings.out().resolve("students").resolve(folderName(student.id()));
        Path work = settings.out().resolve(".work").resolve(folderName(student.id()));
        StudentResult result;
        boolean skipped = false;
        try {
            Claim claim = student.claims().get(0);
            Intake.Staged staged;
            if (student.problem() != null) {
                staged = Intake.Staged.failed(student.problem(), List.of());
            } else {
                if (claim.kind() == Claim.Kind.REMOTE_GIT) claim = fetched(student, claim);
                deleteQuietly(work);
                staged = claim.path() == null && claim.problem() != null
                        ? Intake.Staged.failed(claim.problem(), List.of())
                        : Intake.stage(claim, settings.starter(), work, settings.limits(), settings.revision());
            }
            // the same files (or the same reason not to grade them) and the same tests: the result stands
            StudentResult before = settings.regrade() ? null : StudentResult.read(folder);
            if (before != null && before.config().equals(assignment.config()) && before.fingerprint().equals(staged.fingerprint())
                    && before.wasGraded() == (staged.error() == null)) {
                result = before;
                skipped = true;
            } else if (staged.error() != null) {
                result = StudentResult.failed(student, claim.origin(), staged.error(), staged.notes(), staged.fingerprint(),
                        assignment.config());
            } else {
                long start = System.nanoTime();
                Report report = grading.grade(staged.code());
                result = StudentResult.graded(student, claim, staged, assignment.config(), report, (System.nanoTime() - start) / 1e9);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            result = StudentResult.failed(student, student.claims().get(0).origin(), "the grader failed on this submission: " + why,
                    List.of(), Intake.fingerprint(why), assignment.config());
        } finally {
            deleteQuietly(work);
        }
        if (stopping.get()) return result;   // interrupted: keep nothing of a grading that may have been cut short
        if (!skipped) {
            result.write(folder);
            writeFeedback(result, folder);
        }
        progress.step(skipped, !result.wasGraded());
        return result;
    }

    /** A roster's repository, fetched into OUT/repos unless it is there already. */
    private Claim fetched(Roster.Student student, Claim claim) {
        Path into = repository(student);
        if (!Files.isDirectory(into)) {
            try {
                Git.mirror(claim.url(), into);
            } catch (Git.GitException e) {
                return new Claim(claim.student(), claim.name(), Claim.Kind.GIT, null, "", claim.url(), claim.origin(), e.getMessage());
            }
        }
        return new Claim(claim.student(), claim.name(), Claim.Kind.GIT, into, "", claim.url(), claim.origin(), null);
    }

    void writeFeedback(StudentResult result, Path folder) {
        try {
            Files.writeString(folder.resolve("feedback.md"), Feedback.markdown(result, assignment, settings.reveal()), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("feedback.html"), Feedback.html(result, assignment, settings.reveal()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the feedback in " + folder, e);
        }
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover working folder is harmless: the next run clears it
        }
    }
}
