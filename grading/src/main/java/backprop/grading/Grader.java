package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades exercise code against graded tests: compile, run, report.
 *
 * <ol>
 *   <li>Read the graded tests from the test sources ({@link Catalogue}): every task and every
 *       point is known before anything is compiled.</li>
 *   <li>Compile the exercise code of the chapters under test, then the tests, each with
 *       {@link JavaCompilation}: a file that does not compile costs only the tests that need it.</li>
 *   <li>Run the tests that compiled in a separate JVM ({@link TestRunner}), with a time limit per
 *       test, restarting the JVM after a test kills it.</li>
 *   <li>Return a {@link Report} with a result for every selected test.</li>
 * </ol>
 *
 * <pre>{@code
 * Report report = Grader.grade(Grader.Options.of(Path.of("exercises/src/main/java"),
 *         Path.of("solutions/src/test/java")).select(t -> t.chapter() == 4, "chapter 4"));
 * }</pre>
 */
public final class Grader {

    /** The grader's default time limit for one test, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;

    /**
     * What to grade and how.
     *
     * @param code           the exercise sources (a folder with {@code exercises/chN/*.java} under it)
     * @param tests          the test sources
     * @param selection      which graded tests to run
     * @param selectionLabel what the selection is, for messages ("chapter 4", "task 4.2", "all tasks")
     * @param timeoutSeconds the default time limit of one test
     * @param heapMegabytes  the test JVM's heap
     * @param outputLimit    the most characters of printed output kept per test
     * @param extraClasspath more jars or folders for compiling and running
     */
    public record Options(Path code, Path tests, Predicate<GradedTest> selection, String selectionLabel,
                          int timeoutSeconds, int heapMegabytes, int outputLimit, List<Path> extraClasspath) {

        /** Every test under {@code tests}, against the code under {@code code}, with the defaults. */
        public static Options of(Path code, Path tests) {
            return new Options(code.toAbsolutePath().normalize(), tests.toAbsolutePath().normalize(), t -> true,
                    "all tasks", DEFAULT_TIMEOUT_SECONDS, 256, 8000, List.of());
        }

        public Options select(Predicate<GradedTest> which, String label) {
            return new Options(code, tests, which, label, timeoutSeconds, heapMegabytes, outputLimit, extraClasspath);
        }

        public Options timeout(int seconds) {
            if (seconds < 1) throw new IllegalArgumentException("the time limit must be at least 1 s, got " + seconds);
            return new Options(code, tests, selection, selectionLabel, seconds, heapMegabytes, outputLimit, extraClasspath);
        }

        public Options heap(int megabytes) {
            if (megabytes < 32) throw new IllegalArgumentException("the test JVM needs at least 32 MB of heap, got " + megabytes);
            return new Options(code, tests, selection, selectionLabel, timeoutSeconds, megabytes, outputLimit, extraClasspath);
        }
    }

    private Grader() {}

    /**
     * Grades; never throws because of the code under test (that shows in the report).
     *
     * @throws IllegalArgumentException when the tests are malformed or the selection matches no test
     */
    public static Report grade(Options options) {
        long start = System.nanoTime();
        Catalogue catalogue = Catalogue.read(options.tests());
        lap("catalogue", start);
        List<GradedTest> selected = catalogue.tests().stream().filter(options.selection()).collect(Collectors.toList());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no graded test matches " + options.selectionLabel() + " in " + options.tests()
                    + "; the tasks are " + String.join(", ", catalogue.tasks()));
        }
        Set<String> packages = selected.stream().map(GradedTest::packageName).collect(Collectors.toCollection(LinkedHashSet::new));
        List<Path> testFiles = catalogue.files().stream().filter(f -> packages.contains(f.packageName()))
                .map(Catalogue.TestFile::path).collect(Collectors.toList());
        List<Path> mainFiles = new ArrayList<>();
        for (String pkg : packages) mainFiles.addAll(javaFilesIn(options.code().resolve(pkg.replace('.', '/'))));

        List<String> notes = new ArrayList<>();
        Map<GradedTest, TestResult> results = new LinkedHashMap<>();
        Path work = temporaryFolder();
        Map<Path, List<String>> mainBroken = Map.of();
        try {
            List<Path> base = new ArrayList<>(options.extraClasspath());
            base.addAll(Classpath.forGrading());
            // Usually everything compiles: then one javac round does it. Otherwise compile the code
            // and the tests apart, so that each broken file costs only the tests that need it.
            Path together = work.resolve("all");
            List<Path> both = new ArrayList<>(mainFiles);
            both.addAll(testFiles);
            var joint = JavaCompilation.compile(both, base, together, p -> display(options.code(), p), false);
            List<Path> outputs;
            Map<Path, List<String>> brokenTests;
            if (joint.broken().isEmpty()) {
                lap("compile", start);
                outputs = List.of(together);
                brokenTests = Map.of();
            } else {
                Path mainOut = work.resolve("main"), testOut = work.resolve("test");
                var main = JavaCompilation.compile(mainFiles, base, mainOut, p -> display(options.code(), p), true);
                lap("compile main", start);
                List<Path> testClasspath = new ArrayList<>();
                testClasspath.add(mainOut);
                testClasspath.addAll(base);
                var tests = JavaCompilation.compile(testFiles, testClasspath, testOut, p -> display(options.tests(), p), true);
                lap("compile tests", start);
                for (var broken : main.broken().entrySet()) {
                    notes.add(display(options.code(), broken.getKey()) + " does not compile:\n  "
                            + String.join("\n  ", broken.getValue()));
                }
                // the tests first: a class in the code under test can never stand in for a test class
                outputs = List.of(testOut, mainOut);
                brokenTests = tests.broken();
                mainBroken = main.broken();
            }

            List<GradedTest> runnable = new ArrayList<>();
            for (GradedTest test : selected) {
                List<String> testErrors = brokenTests.get(test.file());
                if (testErrors == null) {
                    runnable.add(test);
                } else {
                    results.put(test, new TestResult(test, Status.NOT_COMPILED,
                            notCompiledMessage(test, testErrors, mainBroken, options), "", 0));
                }
            }
            if (!runnable.isEmpty()) {
                List<Path> runClasspath = new ArrayList<>(outputs);
                runClasspath.addAll(base);
                var runner = new TestRunner(new TestRunner.Settings(runClasspath, options.timeoutSeconds(),
                        options.heapMegabytes(), options.outputLimit(), 60));
                for (var entry : runner.run(runnable).entrySet()) {
                    var o = entry.getValue();
                    results.put(entry.getKey(), new TestResult(entry.getKey(), o.status(), o.message(), o.output(), o.seconds()));
                }
            }
        } finally {
            JavaCompilation.deleteQuietly(work);
        }
        lap("run", start);
        List<TestResult> ordered = selected.stream().map(results::get).collect(Collectors.toList());
        return new Report(ordered, (System.nanoTime() - start) / 1e9, notes);
    }

    private static void lap(String what, long start) {
        if (Boolean.getBoolean("backprop.grading.timings")) {
            System.err.printf("[grading] %-14s %.2f s%n", what, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Why a test could not be compiled, pointing at the student's broken file when there is one. */
    private static String notCompiledMessage(GradedTest test, List<String> testErrors, Map<Path, List<String>> brokenMain,
                                             Options options) {
        String errors = String.join("\n", testErrors);
        List<Path> inPackage = brokenMain.keySet().stream()
                .filter(p -> p.getParent().equals(options.code().resolve(test.packageName().replace('.', '/'))))
                .collect(Collectors.toList());
        List<Path> named = inPackage.stream()
                .filter(p -> errors.contains(p.getFileName().toString().replace(".java", "")))
                .collect(Collectors.toList());
        List<Path> culprits = named.isEmpty() ? inPackage : named;
        if (!culprits.isEmpty()) {
            var message = new StringBuilder();
            for (Path culprit : culprits) {
                if (message.length() > 0) message.append('\n');
                List<String> lines = brokenMain.get(culprit);
                message.append(display(options.code(), culprit)).append(" does not compile, so this test cannot run:\n  ")
                        .append(String.join("\n  ", lines.subList(0, Math.min(3, lines.size()))));
            }
            return message.toString();
        }
        if (javaFilesIn(options.code().resolve(test.packageName().replace('.', '/'))).isEmpty()) {
            return "there is no code for " + test.packageName() + " (no " + test.packageName().replace('.', '/')
                    + "/*.java file was found), so this test cannot run";
        }
        return "the test does not compile against your code: did you rename a method or change its parameters?\n  "
                + String.join("\n  ", testErrors.subList(0, Math.min(3, testErrors.size())));
    }

    private static String display(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    private static List<Path> javaFilesIn(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".java")).map(p -> p.toAbsolutePath().normalize()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("backprop-grading-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary folder for grading", e);
        }
    }
}
