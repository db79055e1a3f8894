package backprop.grading.cohort;

import backprop.grading.GradedTest;
import backprop.grading.Report;
import backprop.grading.Status;
import backprop.grading.TestResult;
import backprop.grading.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tiny assignment (two tasks, three tests, one hidden) and ways to make submissions and reports for it. */
final class Fixtures {

    private Fixtures() {}

    static final Assignment ASSIGNMENT = new Assignment(List.of(
            new Assignment.Test("exercises.ch1.AdderTest#adds", "1.1", "adds two numbers", 2, Visibility.VISIBLE,
                    "exercises/ch1/AdderTest.java", 12),
            new Assignment.Test("exercises.ch1.AdderTest#negatives", "1.2", "adds negative numbers", 3, Visibility.VISIBLE,
                    "exercises/ch1/AdderTest.java", 20),
            new Assignment.Test("exercises.ch1.AdderHiddenTest#large", "1.2", "adds large numbers", 1, Visibility.HIDDEN,
                    "exercises/ch1/AdderHiddenTest.java", 9)),
            Map.of("1.1", "addition", "1.2", "negative numbers"), "all tasks", "config-1");

    /** A report in which the tests end as given (the rest pass), each failure with a message. */
    static Report report(Map<String, Status> statuses) {
        List<TestResult> results = new ArrayList<>();
        for (Assignment.Test t : ASSIGNMENT.tests()) {
            int hash = t.id().indexOf('#');
            GradedTest test = new GradedTest(t.id().substring(0, hash), t.id().substring(hash + 1), t.task(), t.name(), t.points(),
                    t.visibility(), 0, Path.of(t.file()), t.line());
            Status status = statuses.getOrDefault(t.id(), Status.PASSED);
            String message = status == Status.PASSED ? "" : "expected 4, got " + (t.points() + 17) + " in " + t.name();
            results.add(new TestResult(test, status, message, "", 0.01));
        }
        return new Report(results, 0.1, List.of(), backprop.grading.Isolation.NONE.description());
    }

    /** The starter code of the tiny assignment: exercises/ch1/Adder.java. */
    static Path starter(Path folder) {
        return write(folder.resolve("starter"), "exercises/ch1/Adder.java", "package exercises.ch1;\nclass Adder {}\n").getParent()
                .getParent().getParent();
    }

    /** Writes a file (and its folders); returns it. */
    static Path write(Path root, String relative, String text) {
        return write(root, relative, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A student's Adder.java: "right" passes every test, anything else fails 1.2. */
    static String adder(String how) {
        return "package exercises.ch1;\n// " + how + "\nclass Adder {}\n";
    }

    /** Grades like the real grader would for the tiny assignment: an Adder that says "right" passes, others fail 1.2. */
    static Report grade(Path code) throws IOException {
        Path adder = code.resolve("exercises/ch1/Adder.java");
        if (!Files.exists(adder)) {
            return report(Map.of("exercises.ch1.AdderTest#adds", Status.NOT_COMPILED, "exercises.ch1.AdderTest#negatives",
                    Status.NOT_COMPILED, "exercises.ch1.AdderHiddenTest#large", Status.NOT_COMPILED));
        }
        boolean right = Files.readString(adder).contains("right");
        return right ? report(Map.of()) : report(Map.of("exercises.ch1.AdderTest#negatives", Status.FAILED,
                "exercises.ch1.AdderHiddenTest#large", Status.FAILED));
    }

    /** Runs git in a folder, as a student would, with a fixed date. */
    static void git(Path folder, String date, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("GIT_AUTHOR_NAME", "s", "GIT_AUTHOR_EMAIL", "s@example.edu", "GIT_COMMITTER_NAME", "s",
                "GIT_COMMITTER_EMAIL", "s@example.edu", "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1"));
        if (date != null) builder.environment().putAll(Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date));
        try {
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A git repository whose commits hold the given Adder.java versions, each at its date. */
    static Path repository(Path folder, String... datesAndContents) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(folder, null, "init", "-q");
        for (int i = 0; i < datesAndContents.length; i += 2) {
            write(folder, "exercises/src/main/java/exercises/ch1/Adder.java", datesAndContents[i + 1]);
            git(folder, null, "add", "-A");
            git(folder, datesAndContents[i], "commit", "-q", "-m", "work " + i);
        }
        return folder;
    }
}
