package backprop.grading.cohort;

import backprop.grading.Report;
import backprop.grading.Status;
import backprop.grading.TestResult;
import backprop.grading.Visibility;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What grading one student gave, as kept on disk between runs: {@code students/<id>/result.properties}.
 *
 * <p>It is what makes a class resumable (a student whose result is there, for the same files and
 * the same tests, is not graded again) and what merging shards reads. Written to a temporary file
 * and then renamed, so an interrupted run never leaves half a result.
 *
 * @param student     the student's id
 * @param name        the student's name
 * @param origin      the submission it came from
 * @param version     for a repository, the commit graded; else ""
 * @param error       why the submission was not graded, or null when it was
 * @param notes       what the student should know about their files
 * @param fingerprint the hash of the files graded (or of the error)
 * @param config      the hash of the tests and settings they were graded with
 * @param seconds     how long grading took
 * @param isolation   the isolation the student's code ran in ({@link Report#isolation()}); "" when it did not run
 * @param tests       one row per graded test (none when not graded)
 */
public record StudentResult(String student, String name, String origin, String version, String error, List<String> notes,
                            String fingerprint, String config, double seconds, String isolation, List<TestRow> tests) {

    /** The file name of a stored result. */
    static final String FILE = "result.properties";

    /**
     * One graded test's outcome.
     *
     * @param id         {@code class#method}
     * @param task       the exercise, {@code 4.2}
     * @param name       what the test checks
     * @param points     what it is worth
     * @param status     how it ended
     * @param visibility who may see it
     * @param message    what went wrong ("" when it passed)
     * @param output     what the code printed, cut to the grader's limit
     */
    public record TestRow(String id, String task, String name, int points, Status status, Visibility visibility,
                          String message, String output) {
        /** The points earned. */
        public int score() {
            return status == Status.PASSED ? points : 0;
        }
    }

    public StudentResult {
        notes = List.copyOf(notes);
        tests = List.copyOf(tests);
        version = version == null ? "" : version;
        isolation = isolation == null ? "" : isolation;
    }

    /** A result for a graded submission. */
    static StudentResult graded(Roster.Student student, Claim claim, Intake.Staged staged, String config, Report report,
                                double seconds) {
        List<String> notes = new ArrayList<>(staged.notes());
        notes.addAll(report.notes());
        List<TestRow> rows = new ArrayList<>();
        for (TestResult r : report.results()) {
            rows.add(new TestRow(r.test().id(), r.test().task(), r.test().name(), r.test().points(), r.status(),
                    r.test().visibility(), r.message(), r.output()));
        }
        return new StudentResult(student.id(), student.name(), claim.origin(), staged.version(), null, notes,
                staged.fingerprint(), config, seconds, report.isolation(), rows);
    }

    /** A result for a submission that could not be graded. */
    static StudentResult failed(Roster.Student student, String origin, String error, List<String> notes, String fingerprint,
                                String config) {
        return new StudentResult(student.id(), student.name(), origin, "", error, notes, fingerprint, config, 0, "", List.of());
    }

    /** Whether the submission was graded (its error is null). */
    public boolean wasGraded() {
        return error == null;
    }

    /** The points earned. */
    public int score() {
        return tests.stream().mapToInt(TestRow::score).sum();
    }

    /** The points earned in one task. */
    public int score(String task) {
        return tests.stream().filter(t -> t.task().equals(task)).mapToInt(TestRow::score).sum();
    }

    // ------------------------------------------------------------------ on disk

    void write(Path folder) {
        Properties p = new Properties();
        p.setProperty("student", student);
        p.setProperty("name", name);
        p.setProperty("origin", origin);
        p.setProperty("version", version);
        if (error != null) p.setProperty("error", error);
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("config", config);
        p.setProperty("seconds", Double.toString(seconds));
        p.setProperty("isolation", isolation);
        p.setProperty("notes", Integer.toString(notes.size()));
        for (int i = 0; i < notes.size(); i++) p.setProperty("note." + i, notes.get(i));
        p.setProperty("tests", Integer.toString(tests.size()));
        for (int i = 0; i < tests.size(); i++) {
            TestRow t = tests.get(i);
            String k = "test." + i + ".";
            p.setProperty(k + "id", t.id());
            p.setProperty(k + "task", t.task());
            p.setProperty(k + "name", t.name());
            p.setProperty(k + "points", Integer.toString(t.points()));
            p.setProperty(k + "status", t.status().name());
            p.setProperty(k + "visibility", t.visibility().name());
            p.setProperty(k + "message", t.message());
            p.setProperty(k + "output", t.output());
        }
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, FILE, ".partial");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                p.store(out, "grading result of " + student.replaceAll("[\\r\\n]", " "));
            }
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the result in " + folder, e);
        }
    }

    /** Reads a stored result; null when there is none. */
    static StudentResult read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) return null;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(p.getProperty("notes", "0")); i++) notes.add(p.getProperty("note." + i, ""));
            List<TestRow> tests = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(p.getProperty("tests", "0")); i++) {
                String k = "test." + i + ".";
                tests.add(new TestRow(p.getProperty(k + "id"), p.getProperty(k + "task"), p.getProperty(k + "name"),
                        Integer.parseInt(p.getProperty(k + "points")), Status.valueOf(p.getProperty(k + "status")),
                        Visibility.valueOf(p.getProperty(k + "visibility")), p.getProperty(k + "message", ""),
                        p.getProperty(k + "output", "")));
            }
            return new StudentResult(p.getProperty("student"), p.getProperty("name"), p.getProperty("origin"),
                    p.getProperty("version", ""), p.getProperty("error"), notes, p.getProperty("fingerprint", ""),
                    p.getProperty("config", ""), Double.parseDouble(p.getProperty("seconds", "0")), p.getProperty("isolation", ""), tests);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "): delete it, and that student "
                    + "is graded again", e);
        }
    }
}
