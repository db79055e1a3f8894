package backprop.grading.cohort;

import backprop.grading.Grader;
import backprop.grading.Report;
import backprop.grading.ReportWriters;
import backprop.grading.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grades one student's repository on a CI service, with the instructor's autograder package
 * (what {@code ./course gradescope} builds: {@code lib/}, {@code tests/}, {@code starter/}):
 *
 * <pre>
 * java -cp "AUTOGRADER/lib/*" backprop.grading.cohort.CiGrade --platform github|gitlab|classroom50 \
 *      --package AUTOGRADER --submission CHECKOUT --out REPORTS [--fail-under PERCENT]
 * </pre>
 *
 * <p>Every platform gets the reports in {@code REPORTS} ({@code feedback.md}, {@code feedback.html},
 * {@code results.json}, {@code junit.xml}) written for the student's eyes: the messages and printed
 * output of tests that are not visible are replaced by a line saying that the details are for the
 * instructor. Then, by platform:
 * <ul>
 *   <li>{@code github}: the feedback in the job summary ({@code $GITHUB_STEP_SUMMARY}) and an
 *       annotation on each failing visible test's line ({@link GitHubActions});</li>
 *   <li>{@code gitlab}: the table in the job log; the CI file hands {@code junit.xml} to GitLab's
 *       test report;</li>
 *   <li>{@code classroom50}: {@code result.json} and {@code release-body.md} in the checkout, and
 *       {@code status}/{@code summary} in {@code $GITHUB_OUTPUT} ({@link Classroom50}).</li>
 * </ul>
 *
 * <p>Exit status 0 when grading ran, whatever the score (1 below {@code --fail-under}); 2 when it
 * could not run (a broken package, a missing setting): Classroom 50 reads that as an
 * infrastructure error, not a score.
 */
public final class CiGrade {

    private CiGrade() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        try {
            return grade(args, env);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("ci-grade: " + e.getMessage());
            return 2;
        }
    }

    private static int grade(String[] args, Map<String, String> env) {
        String platform = null;
        Path pkg = null, submission = null, out = null;
        Double failUnder = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) throw new IllegalArgumentException(a + " needs a value");
            switch (a) {
                case "--platform" -> platform = v;
                case "--package" -> pkg = Path.of(v);
                case "--submission" -> submission = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--fail-under" -> failUnder = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
            i++;
        }
        if (platform == null || pkg == null || submission == null || out == null) {
            throw new IllegalArgumentException("usage: CiGrade --platform github|gitlab|classroom50 --package DIR --submission DIR --out DIR");
        }
        if (!List.of("github", "gitlab", "classroom50").contains(platform)) {
            throw new IllegalArgumentException("--platform takes github, gitlab or classroom50, got " + platform);
        }
        pkg = pkg.toAbsolutePath().normalize();
        submission = submission.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        Path tests = pkg.resolve("tests"), starter = pkg.resolve("starter");
        if (!Files.isDirectory(tests) || !Files.isDirectory(starter)) {
            throw new IllegalArgumentException(pkg + " is not an autograder package (it has no tests/ and starter/): build it "
                    + "with ./course gradescope");
        }
        Classroom50.Identity identity = platform.equals("classroom50") ? Classroom50.Identity.from(env, submission) : null;
        int[] limits = options(pkg);
        Assignment assignment = Assignment.read(tests, t -> true, "all tasks", starter, "");
        Path work = out.resolve(".work");
        GradeClass.createDirectories(out);

        String who = firstOf(env, "OWNER", "GITHUB_REPOSITORY_OWNER", "GITLAB_USER_LOGIN", "GITHUB_ACTOR");
        String repository = firstOf(env, "GITHUB_REPOSITORY", "CI_PROJECT_PATH");
        String commit = firstOf(env, "GITHUB_SHA", "CI_COMMIT_SHA");
        String origin = (repository.isEmpty() ? "your repository" : repository)
                + (commit.isEmpty() ? "" : " at commit " + commit.substring(0, Math.min(12, commit.length())));
        Claim claim = new Claim(who.isEmpty() ? "you" : who, who.isEmpty() ? "you" : who, Claim.Kind.FOLDER, submission, "", null,
                origin, null);
        Intake.Staged staged = Intake.stage(claim, starter, work, Intake.Limits.DEFAULT, Git.Revision.LAST);
        Report report;
        try {
            report = staged.error() == null
                    ? Grader.grade(staged.code(), Grader.Options.of(tests).timeout(limits[0]).heap(limits[1]).totalTimeout(limits[2]))
                    : notGraded(assignment, staged.error());
        } finally {
            ClassGrader.deleteQuietly(work);
        }
        List<String> notes = new ArrayList<>(staged.notes());
        notes.addAll(report.notes());
        Report forStudent = forStudents(new Report(report.results(), report.seconds(), notes, report.isolation()));
        Roster.Student student = new Roster.Student(claim.student(), claim.name(), List.of(claim));
        StudentResult graded = StudentResult.graded(student, claim, staged, assignment.config(), forStudent, report.seconds());
        // a submission that could not be graded keeps its failed tests (the score's maximum stays right)
        // and says why at the top of its feedback
        StudentResult result = staged.error() == null ? graded : new StudentResult(graded.student(), graded.name(), graded.origin(),
                graded.version(), staged.error(), graded.notes(), graded.fingerprint(), graded.config(), 0, "", graded.tests());

        ReportWriters.writeAll(forStudent, out);
        write(out.resolve("feedback.md"), Feedback.markdown(result, assignment, Reveal.VISIBLE));
        write(out.resolve("feedback.html"), Feedback.html(result, assignment, Reveal.VISIBLE));
        System.out.print(ReportWriters.table(forStudent, true));
        switch (platform) {
            case "github" -> GitHubActions.publish(result, assignment, env, System.out);
            case "classroom50" -> Classroom50.publish(result, assignment, identity, submission, env);
            default -> { }   // gitlab: the CI file hands junit.xml to GitLab's test report
        }
        double percent = report.maxScore() == 0 ? 100 : 100.0 * report.score() / report.maxScore();
        if (failUnder != null && percent < failUnder) {
            System.out.printf(Locale.ROOT, "The score is %.1f %%, below %s %%%n", percent, failUnder);
            return 1;
        }
        return 0;
    }

    private static String firstOf(Map<String, String> env, String... names) {
        for (String name : names) if (!env.getOrDefault(name, "").isBlank()) return env.get(name).strip();
        return "";
    }

    /**
     * The package's time limit per test, heap and time limit per submission, from its
     * {@code grade-options} ("--timeout 10 --heap 512 --total-timeout 480").
     */
    private static int[] options(Path pkg) {
        int[] limits = {Grader.DEFAULT_TIMEOUT_SECONDS, 256, Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS};
        Path file = pkg.resolve("grade-options");
        if (!Files.isRegularFile(file)) return limits;
        String[] words;
        try {
            words = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        for (int i = 0; i + 1 < words.length; i += 2) {
            if (words[i].equals("--timeout")) limits[0] = Integer.parseInt(words[i + 1]);
            if (words[i].equals("--heap")) limits[1] = Integer.parseInt(words[i + 1]);
            if (words[i].equals("--total-timeout")) limits[2] = Integer.parseInt(words[i + 1]);
        }
        return limits;
    }

    /** Every test failed with the reason the submission could not be graded. */
    private static Report notGraded(Assignment assignment, String error) {
        Catalogued catalogued = new Catalogued(assignment);
        List<TestResult> results = new ArrayList<>();
        for (var test : catalogued.tests()) {
            results.add(new TestResult(test, backprop.grading.Status.NOT_COMPILED, "not graded: " + error, "", 0));
        }
        return new Report(results, 0, List.of("The submission could not be graded: " + error));
    }

    /** The graded tests of an assignment as the grader's own records. */
    private record Catalogued(Assignment assignment) {
        List<backprop.grading.GradedTest> tests() {
            List<backprop.grading.GradedTest> out = new ArrayList<>();
            for (Assignment.Test t : assignment.tests()) {
                int hash = t.id().indexOf('#');
                out.add(new backprop.grading.GradedTest(t.id().substring(0, hash), t.id().substring(hash + 1), t.task(), t.name(),
                        t.points(), t.visibility(), 0, Path.of(t.file()), t.line()));
            }
            return out;
        }
    }

    /**
     * The report as a student may see it: the message and printed output of every test that is not
     * visible are replaced by a line saying the details are for the instructor. Names, statuses
     * and points stay: the score must add up.
     */
    public static Report forStudents(Report report) {
        List<TestResult> results = new ArrayList<>();
        for (TestResult r : report.results()) {
            boolean hidden = r.test().visibility() != backprop.grading.Visibility.VISIBLE;
            results.add(hidden && !r.passed()
                    ? new TestResult(r.test(), r.status(), HIDDEN_MESSAGE, "", r.seconds())
                    : hidden ? new TestResult(r.test(), r.status(), "", "", r.seconds()) : r);
        }
        return new Report(results, report.seconds(), report.notes(), report.isolation());
    }

    /** What a student reads in place of a hidden test's message. */
    static final String HIDDEN_MESSAGE = "a test you cannot see yet: its details are for your instructor";

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
