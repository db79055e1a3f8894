package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/**
 * Grades exercise code against graded tests: check, compile, run in a sandbox, report.
 *
 * <h2>Using the grader as a library (the class grader does)</h2>
 * <pre>{@code
 * Grader.Options options = Grader.Options.of(tests)       // the instructor's tests, visible and hidden
 *         .starter(starterCode)                            // compile the tests once, against the starter code
 *         .totalTimeout(60);                               // seconds per submission, compiling included
 * try (Grader grader = Grader.prepare(options)) {          // reads the tests and compiles them, once
 *     Report report = grader.grade(studentCode);          // may be called from several threads at once
 *     report.isolation();                                  // the isolation the student code ran in
 * }
 * }</pre>
 * <ul>
 *   <li>{@link #prepare} reads the tests' {@code @Graded} annotations and the rule files of the
 *       static check, finds the isolation this machine allows, and, when given the starter code,
 *       compiles the tests once (against the starter code, whose classes and signatures the
 *       submissions share). Without a starter the tests are compiled with each submission.</li>
 *   <li>{@link #grade(Path)} is thread-safe: a {@code Grader} is immutable, and each call works in
 *       a temporary folder of its own that it deletes. The one static mutable state is a pool of
 *       javac's file managers, each lent to one compilation at a time. Each call starts its own
 *       test JVMs (one at a time), so N calls at once use about N cores.</li>
 *   <li>{@link Options#totalTimeout} caps one submission, compiling included; a grade never takes
 *       much longer. {@link #grade(Path, Progress)} reports as each test ends, for reports that
 *       survive a killed grader.</li>
 *   <li>Nothing a submission does throws out of {@code grade}: it all shows in the report.</li>
 * </ul>
 *
 * <h2>What one grade does</h2>
 * <ol>
 *   <li>Compile the submission's files of the packages under test. The source rules
 *       ({@link SourceRules}) set aside, with a message, any file that is not exercise code in its
 *       own package, or that takes a test's name; a file that does not compile costs only the
 *       tests that need it ({@link JavaCompilation}).</li>
 *   <li>The static check ({@link ApiCheck}): every method that uses what its chapter's rules do not
 *       allow is replaced by one that throws the reason, so it earns what a stub earns.</li>
 *   <li>Run the tests in a separate JVM ({@link TestRunner}) inside the {@link Sandbox}, with a
 *       time limit per test and per submission, visible tests first (so that nothing a hidden test
 *       hands to student code can be printed into a visible test's output).</li>
 *   <li>Return a {@link Report} with a result for every selected test.</li>
 * </ol>
 *
 * <pre>{@code
 * Report report = Grader.grade(Path.of("exercises/src/main/java"),
 *         Grader.Options.of(Path.of("solutions/src/test/java")).select(t -> t.chapter() == 4, "chapter 4"));
 * }</pre>
 */
public final class Grader implements AutoCloseable {

    /** The grader's default time limit for one test, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    /** The default time limit of one submission, compiling included: under Gradescope's default of 10 minutes. */
    public static final int DEFAULT_TOTAL_TIMEOUT_SECONDS = 480;

    /**
     * What to grade with and how.
     *
     * @param tests               the test sources (with the {@value ApiPolicy#FILE_NAME} rule files beside them)
     * @param starter             the starter code: when given, the tests are compiled once, against it; may be null
     * @param selection           which graded tests to run
     * @param selectionLabel      what the selection is, for messages ("chapter 4", "task 4.2", "all tasks")
     * @param timeoutSeconds      the default time limit of one test
     * @param heapMegabytes       the test JVM's heap
     * @param outputLimit         the most characters of printed output kept per test
     * @param totalTimeoutSeconds the time limit of one submission, compiling included
     * @param isolation           the isolation to run student code in ({@link Isolation#AUTO}: the strongest available)
     * @param checkApis           whether to run the static check (only the grader's own tests of the layers below turn it off)
     * @param extraClasspath      more jars or folders for compiling and running
     * @param shareClasses        whether to make a class-data archive once (with a starter) that every test JVM maps:
     *                            a few seconds when prepared, a third of each test JVM's start-up saved after
     */
    public record Options(Path tests, Path starter, Predicate<GradedTest> selection, String selectionLabel,
                          int timeoutSeconds, int heapMegabytes, int outputLimit, int totalTimeoutSeconds,
                          Isolation isolation, boolean checkApis, List<Path> extraClasspath, boolean shareClasses) {

        public Options {
            Objects.requireNonNull(tests, "tests");
            extraClasspath = List.copyOf(extraClasspath);
        }

        /** Every test under {@code tests}, with the defaults (the isolation: {@link Isolation#fromEnvironment()}). */
        public static Options of(Path tests) {
            return new Options(tests.toAbsolutePath().normalize(), null, t -> true, "all tasks", DEFAULT_TIMEOUT_SECONDS, 256,
                    8000, DEFAULT_TOTAL_TIMEOUT_SECONDS, Isolation.fromEnvironment(), true, List.of(), false);
        }

        public Options select(Predicate<GradedTest> which, String label) {
            return new Options(tests, starter, which, label, timeoutSeconds, heapMegabytes, outputLimit, totalTimeoutSeconds,
                    isolation, checkApis, extraClasspath, shareClasses);
        }

        /** Compile the tests once, against this starter code (a source root with exercises/chN/ under it). */
        public Options starter(Path starterCode) {
            return new Options(tests, starterCode == null ? null : starterCode.toAbsolutePath().normalize(), selection,
                    selectionLabel, timeoutSeconds, heapMegabytes, outputLimit, totalTimeoutSeconds, isolation, checkApis, extraClasspath,
                    shareClasses);
        }

        public Options timeout(int seconds) {
            if (seconds < 1) throw new IllegalArgumentException("the time limit must be at least 1 s, got " + seconds);
            return new Options(tests, starter, selection, selectionLabel, seconds, heapMegabytes, outputLimit, totalTimeoutSeconds,
                    isolation, checkApis, extraClasspath, shareClasses);
        }

        public Options heap(int megabytes) {
            if (megabytes < 32) throw new IllegalArgumentException("the test JVM needs at least 32 MB of heap, got " + megabytes);
            return new Options(tests, starter, selection, selectionLabel, timeoutSeconds, megabytes, outputLimit, totalTimeoutSeconds,
                    isolation, checkApis, extraClasspath, shareClasses);
        }

        public Options totalTimeout(int seconds) {
            if (seconds < 1) throw new IllegalArgumentException("the total time limit must be at least 1 s, got " + seconds);
            return new Options(tests, starter, selection, selectionLabel, timeoutSeconds, heapMegabytes, outputLimit, seconds,
                    isolation, checkApis, extraClasspath, shareClasses);
        }

        public Options isolation(Isolation mode) {
            return new Options(tests, starter, selection, selectionLabel, timeoutSeconds, heapMegabytes, outputLimit,
                    totalTimeoutSeconds, Objects.requireNonNull(mode), checkApis, extraClasspath, shareClasses);
        }

        /**
         * Makes a class-data archive when the grader is prepared (with a starter only): for
         * graders that grade many submissions, such as the class grader.
         */
        public Options shareClasses(boolean on) {
            return new Options(tests, starter, selection, selectionLabel, timeoutSeconds, heapMegabytes, outputLimit,
                    totalTimeoutSeconds, isolation, checkApis, extraClasspath, on);
        }

        /** Turns the static check off: for the grader's own tests of the sandbox and the harness beneath it. */
        public Options checkApis(boolean on) {
            return new Options(tests, starter, selection, selectionLabel, timeoutSeconds, heapMegabytes, outputLimit,
                    totalTimeoutSeconds, isolation, on, extraClasspath, shareClasses);
        }
    }

    /** Told of the report so far each time a test ends (tests not run yet show as "not run"). */
    public interface Progress {
        void update(Report soFar);
    }

    private final Options options;
    private final Catalogue catalogue;
    private final Set<String> testClasses;                 // names a submission may neither take nor touch
    private final Map<String, ApiPolicy> policies;        // exercise package → its rules
    private final Path folder;                             // this grader's own: compiled tests, staged jars
    private final Sandbox sandbox;
    private final List<Path> base;                         // grader, JUnit, library: first on every classpath
    private final Prepared prepared;                       // the tests compiled once, or null
    private final Path archive;                            // the test JVMs' class-data archive, or null

    /** The tests compiled once against the starter code. */
    private record Prepared(Path classes, Map<Path, List<String>> broken, Map<String, Set<String>> needs) {}

    private Grader(Options options) {
        this.options = options;
        this.catalogue = Catalogue.read(options.tests());
        this.testClasses = Set.copyOf(catalogue.classes());
        Map<String, ApiPolicy> rules = new HashMap<>();
        for (Catalogue.TestFile f : catalogue.files()) {
            rules.computeIfAbsent(f.packageName(), pkg -> ApiPolicy.forPackage(catalogue.root(), pkg));
        }
        this.policies = Map.copyOf(rules);
        this.folder = temporaryFolder("backprop-grader-");
        try {
            this.sandbox = Sandbox.detect(options.isolation(), folder.resolve("staged"));
            List<Path> classpath = new ArrayList<>(options.extraClasspath());
            classpath.addAll(Classpath.forGrading());
            this.base = List.copyOf(new LinkedHashSet<>(classpath));
            this.prepared = options.starter() == null ? null : compileTests(options.starter());
            this.archive = prepared != null && options.shareClasses() ? classArchive() : null;
        } catch (RuntimeException e) {
            JavaCompilation.deleteQuietly(folder);
            throw e;
        }
    }

    /**
     * Reads the tests and the rules, finds the isolation, and compiles the tests when a starter
     * is given. Close the grader when done (it deletes its temporary folder).
     *
     * @throws IllegalArgumentException when the tests or the rule files are malformed
     * @throws IllegalStateException    when the isolation asked for is not available here, saying why
     */
    public static Grader prepare(Options options) {
        return new Grader(options);
    }

    /** Grades once: {@link #prepare}, {@link #grade(Path)}, {@link #close()}. */
    public static Report grade(Path code, Options options) {
        try (Grader grader = prepare(options)) {
            return grader.grade(code);
        }
    }

    /** The tests this grader runs. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Whether the test JVMs map a class-data archive ({@link Options#shareClasses}): false where the JVM could not make one. */
    public boolean sharesClasses() {
        return archive != null;
    }

    /** The isolation student code runs in. */
    public Isolation isolation() {
        return sandbox.isolation();
    }

    @Override
    public void close() {
        sandbox.close();
        JavaCompilation.deleteQuietly(folder);
    }

    /** {@link #grade(Path, Progress)} without progress reports. */
    public Report grade(Path code) {
        return grade(code, soFar -> { });
    }

    /**
     * Grades the exercise code under {@code code} (a source root: {@code exercises/chN/*.java}
     * under it). Never throws because of the code under test: that shows in the report.
     *
     * @throws IllegalArgumentException when the selection matches no test
     */
    public Report grade(Path code, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + options.totalTimeoutSeconds() * 1_000_000_000L;
        Path root = code.toAbsolutePath().normalize();
        List<GradedTest> selected = catalogue.tests().stream().filter(options.selection()).collect(Collectors.toList());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no graded test matches " + options.selectionLabel() + " in " + options.tests()
                    + "; the tasks are " + String.join(", ", catalogue.tasks()));
        }
        Set<String> packages = selected.stream().map(GradedTest::packageName).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> notes = new ArrayList<>();
        Map<GradedTest, TestResult> results = new LinkedHashMap<>();
        Path work = temporaryFolder("backprop-grading-");
        try {
            Compiled compiled = compile(root, packages, sources(root, packages, notes), work, notes, start);
            if (options.checkApis()) staticCheck(compiled.mainOut(), notes, start);
            List<GradedTest> runnable = new ArrayList<>();
            for (GradedTest test : selected) {
                String why = compiled.whyNot(test, this, root);
                if (why == null) runnable.add(test);
                else results.put(test, new TestResult(test, Status.NOT_COMPILED, why, "", 0));
            }
            if (!runnable.isEmpty()) {
                notes.addAll(run(runnable, compiled, work, deadline, (test, result) -> {
                    results.put(test, result);
                    progress.update(soFar(selected, results, start, notes));
                }));
                lap("run", start);
            }
        } finally {
            JavaCompilation.deleteQuietly(work);
        }
        List<TestResult> ordered = selected.stream().map(results::get).collect(Collectors.toList());
        return new Report(ordered, (System.nanoTime() - start) / 1e9, notes, sandbox.description());
    }

    /** The submission's .java files of the packages under test; a note for each file left out. */
    private static List<Path> sources(Path root, Set<String> packages, List<String> notes) {
        List<Path> files = new ArrayList<>();
        for (String pkg : packages) {
            Path folder = root.resolve(pkg.replace('.', '/'));
            for (Path file : javaFilesIn(folder)) {
                if (Submission.size(file) <= Submission.MAX_BYTES) files.add(file);
                else notes.add(display(root, file) + " is not graded: it is larger than " + Submission.MAX_BYTES / 1024 + " KB");
            }
            for (Path link : linksIn(folder)) notes.add(display(root, link) + " is not graded: it is a symbolic link, not a file");
        }
        return files;
    }

    /**
     * What compiled: the submission's classes, the tests' classes (the same folder when one
     * javac round did both), the test files that did not compile, and the test classes that
     * cannot run because an exercise class they need is missing.
     */
    private record Compiled(JavaCompilation.Result main, Path mainOut, Path testOut, Map<Path, List<String>> brokenTests,
                            Map<String, String> cannotRun) {

        /** Why a test cannot run, or null when it can. */
        String whyNot(GradedTest test, Grader grader, Path root) {
            List<String> testErrors = brokenTests.get(test.file());
            if (testErrors != null) return grader.notCompiledMessage(test, testErrors, main, root);
            return cannotRun.get(test.className());
        }
    }

    /**
     * Compiles the submission's exercise code and, unless they were compiled when the grader was
     * prepared, the tests: usually everything compiles and one javac round does it; otherwise each
     * apart, file by file, so that a broken file costs only the tests that need it.
     */
    private Compiled compile(Path root, Set<String> packages, List<Path> mainFiles, Path work, List<String> notes, long start) {
        var rules = new SourceRules(root, packages, testClasses);
        Path mainOut = work.resolve("main");
        Compiled compiled = null;
        if (prepared == null) {
            List<Path> both = new ArrayList<>(mainFiles);
            both.addAll(testFiles(packages));
            var joint = JavaCompilation.compile(both, base, mainOut, p -> display(p.startsWith(root) ? root : options.tests(), p),
                    false, rules);
            // one folder for both: the source rules keep a submission from taking a test's name
            if (joint.broken().isEmpty()) compiled = new Compiled(joint, mainOut, mainOut, Map.of(), Map.of());
        }
        if (compiled == null) {
            var main = JavaCompilation.compile(mainFiles, base, mainOut, p -> display(root, p), true, rules);
            if (prepared != null) {
                compiled = new Compiled(main, mainOut, prepared.classes(), prepared.broken(), missingCode(root, mainOut, main));
            } else {
                List<Path> testClasspath = new ArrayList<>();
                testClasspath.add(mainOut);
                testClasspath.addAll(base);
                Path testOut = work.resolve("test");
                var tests = JavaCompilation.compile(testFiles(packages), testClasspath, testOut, p -> display(options.tests(), p), true);
                compiled = new Compiled(main, mainOut, testOut, tests.broken(), Map.of());
            }
        }
        lap("compile", start);
        for (var entry : compiled.main().broken().entrySet()) {
            boolean rejected = compiled.main().rejected().containsKey(entry.getKey());
            notes.add(display(root, entry.getKey()) + (rejected ? " is not graded: " : " does not compile:\n  ")
                    + String.join(rejected ? "; " : "\n  ", entry.getValue()));
        }
        return compiled;
    }

    /** The static check of the submission's classes (the tests' are the instructor's): a note for every call it rejects. */
    private void staticCheck(Path mainOut, List<String> notes, long start) {
        Map<String, List<ApiCheck.Violation>> byMethod = ApiCheck.check(mainOut, policies::get, testClasses).stream()
                .collect(Collectors.groupingBy(v -> v.source() + " (" + v.where() + ")", LinkedHashMap::new, Collectors.toList()));
        byMethod.forEach((method, found) -> notes.add("Not allowed in exercise code: " + method + " "
                + found.stream().map(v -> (v.line() > 0 ? "line " + v.line() + " " : "") + v.what() + ": " + v.reason())
                        .collect(Collectors.joining("; ")) + ". It does not run; the tests that call it fail."));
        lap("static check", start);
    }

    /** Runs the tests in the sandbox, visible tests first; returns what the reader should know besides. */
    private List<String> run(List<GradedTest> runnable, Compiled compiled, Path work, long deadline,
                             BiConsumer<GradedTest, TestResult> finished) {
        // visible first: nothing a hidden test hands to student code can be printed into a visible test's output
        runnable.sort(Comparator.comparing(t -> t.visibility() != Visibility.VISIBLE));
        Sandbox.letIn(work);
        Sandbox.makeReadable(compiled.mainOut());
        if (prepared == null) Sandbox.makeReadable(compiled.testOut());
        List<Path> classpath = new ArrayList<>(base);   // the grader and JUnit first: nothing can stand in for them
        classpath.add(compiled.testOut());
        if (!compiled.testOut().equals(compiled.mainOut())) classpath.add(compiled.mainOut());
        // the archive maps the classes of the grader's jars, which come first: the classpath's order stands
        List<String> share = archive == null ? List.of() : List.of("-XX:SharedArchiveFile=@EXTRA0@");
        List<Sandbox.Extra> extras = archive == null ? List.of() : List.of(new Sandbox.Extra(archive, false));
        var runner = new TestRunner(new TestRunner.Settings(classpath, options.timeoutSeconds(), options.heapMegabytes(),
                options.outputLimit(), 60, deadline, options.totalTimeoutSeconds(), sandbox, work, share, extras));
        return runner.run(runnable, (test, o) -> finished.accept(test, new TestResult(test, o.status(), o.message(), o.output(),
                o.seconds()))).notes();
    }

    /** With -Dbackprop.grading.timings=true: how long each step took, on standard error. */
    private static void lap(String what, long start) {
        if (Boolean.getBoolean("backprop.grading.timings")) {
            System.err.printf(Locale.ROOT, "[grading] %-14s %.2f s%n", what, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The report as it stands: the tests that have not ended yet show as not run. */
    private Report soFar(List<GradedTest> selected, Map<GradedTest, TestResult> results, long start, List<String> notes) {
        List<TestResult> all = new ArrayList<>();
        for (GradedTest t : selected) {
            TestResult r = results.get(t);
            all.add(r != null ? r : new TestResult(t, Status.NOT_RUN, "grading stopped before this test ran", "", 0));
        }
        return new Report(all, (System.nanoTime() - start) / 1e9, notes, sandbox.description());
    }

    // ------------------------------------------------------------------ the tests, compiled once

    private List<Path> testFiles(Set<String> packages) {
        return catalogue.files().stream().filter(f -> packages.contains(f.packageName())).map(Catalogue.TestFile::path)
                .collect(Collectors.toList());
    }

    /** Compiles every test against the starter code, and notes which exercise classes each test class needs. */
    private Prepared compileTests(Path starter) {
        Set<String> packages = catalogue.files().stream().map(Catalogue.TestFile::packageName).collect(Collectors.toSet());
        List<Path> starterFiles = new ArrayList<>();
        for (String pkg : packages) starterFiles.addAll(javaFilesIn(starter.resolve(pkg.replace('.', '/'))));
        Path reference = folder.resolve("starter");
        var compiled = JavaCompilation.compile(starterFiles, base, reference, p -> display(starter, p), true);
        if (!compiled.broken().isEmpty()) {
            throw new IllegalArgumentException("the starter code in " + starter + " does not compile: "
                    + compiled.broken().keySet().stream().map(p -> display(starter, p)).collect(Collectors.joining(", ")));
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(reference);
        classpath.addAll(base);
        Path classes = folder.resolve("tests");
        var tests = JavaCompilation.compile(testFiles(packages), classpath, classes, p -> display(options.tests(), p), true);
        Sandbox.letIn(folder);
        Sandbox.makeReadable(classes);
        return new Prepared(classes, Map.copyOf(tests.broken()), exerciseClassesNeeded(classes, packages));
    }

    /**
     * A class-data archive (the JDK's AppCDS) of what a test JVM loads from the grader's jars:
     * JUnit, the grader, the library. A test JVM that maps it starts in about two thirds of the
     * time, and a class grader starts one or more per submission. It is made by one run of the
     * tests against the starter code (the instructor's code only), in the sandbox and with the
     * grader's jars at the very paths every later test JVM sees, which the JVM checks before it
     * maps the archive. Null when the JVM could not make one: grading goes on without.
     */
    private Path classArchive() {
        Path out = folder.resolve("archive");
        Sandbox.makeReadable(folder.resolve("starter"));
        try {
            Files.createDirectories(out);
            Sandbox.letIn(out);
        } catch (IOException e) {
            return null;
        }
        List<String> warmUp = List.of("-XX:ArchiveClassesAtExit=@EXTRA0@/classes.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-D" + TestProcess.WARM_UP + "=@EXTRA1@" + java.io.File.pathSeparator + "@EXTRA2@");
        List<Sandbox.Extra> extras = List.of(new Sandbox.Extra(out, true), new Sandbox.Extra(prepared.classes(), false),
                new Sandbox.Extra(folder.resolve("starter"), false));
        Path work = folder.resolve("archive-run");
        try {
            Files.createDirectories(work);
            Sandbox.letIn(work);
            long deadline = System.nanoTime() + 120_000_000_000L;
            var runner = new TestRunner(new TestRunner.Settings(base, options.timeoutSeconds(), options.heapMegabytes(),
                    options.outputLimit(), 60, deadline, 120, sandbox, work, warmUp, extras));
            runner.run(new ArrayList<>(catalogue.tests()), (test, outcome) -> { });
            Path made = out.resolve("classes.jsa");
            if (!Files.isRegularFile(made)) return null;
            Path archive = Files.move(made, folder.resolve("classes.jsa"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Sandbox.makeReadable(archive);
            return archive;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            JavaCompilation.deleteQuietly(out);
            JavaCompilation.deleteQuietly(work);
        }
    }

    /** Each test class (top level, binary name) → the exercise classes it and the test classes it uses refer to. */
    private Map<String, Set<String>> exerciseClassesNeeded(Path classes, Set<String> packages) {
        Map<String, Set<String>> direct = new HashMap<>();    // top-level test class → classes its files refer to
        Set<String> testClasses = new HashSet<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                ClassReader reader = new ClassReader(Files.readAllBytes(file));
                String name = ApiCheck.dotted(reader.getClassName());
                String top = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
                testClasses.add(top);
                Set<String> refs = direct.computeIfAbsent(top, t -> new HashSet<>());
                char[] buffer = new char[reader.getMaxStringLength()];
                for (int i = 1; i < reader.getItemCount(); i++) {
                    int offset = reader.getItem(i);
                    if (offset > 0 && reader.readByte(offset - 1) == 7) {          // CONSTANT_Class
                        String ref = ApiCheck.dotted(reader.readUTF8(offset, buffer));
                        String refTop = ref.contains("$") ? ref.substring(0, ref.indexOf('$')) : ref;
                        int dot = refTop.lastIndexOf('.');
                        if (dot > 0 && packages.contains(refTop.substring(0, dot))) refs.add(refTop);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the compiled tests in " + classes, e);
        }
        Map<String, Set<String>> needs = new HashMap<>();
        for (String test : direct.keySet()) {
            Set<String> seen = new HashSet<>(), exercise = new HashSet<>();
            List<String> todo = new ArrayList<>(List.of(test));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                if (!seen.add(next)) continue;
                for (String ref : direct.getOrDefault(next, Set.of())) {
                    if (testClasses.contains(ref)) todo.add(ref);
                    else exercise.add(ref);
                }
            }
            needs.put(test, Set.copyOf(exercise));
        }
        return Map.copyOf(needs);
    }

    /** Test class → why it cannot run: an exercise class it needs is missing from the compiled submission. */
    private Map<String, String> missingCode(Path root, Path mainOut, JavaCompilation.Result main) {
        Map<String, String> cannot = new HashMap<>();
        for (var entry : prepared.needs().entrySet()) {
            for (String cls : entry.getValue()) {
                if (Files.exists(mainOut.resolve(cls.replace('.', '/') + ".class"))) continue;
                Path source = root.resolve(cls.replace('.', '/') + ".java");
                List<String> errors = main.broken().get(source);
                String why;
                if (errors == null) {
                    why = "there is no " + display(root, source) + " (the class " + cls + "), so this test cannot run";
                } else if (main.rejected().containsKey(source)) {
                    why = display(root, source) + " is not graded (" + String.join("; ", errors) + "), so this test cannot run";
                } else {
                    why = display(root, source) + " does not compile, so this test cannot run:\n  "
                            + String.join("\n  ", errors.subList(0, Math.min(3, errors.size())));
                }
                cannot.putIfAbsent(entry.getKey(), why);
            }
        }
        return cannot;
    }

    // ------------------------------------------------------------------ messages

    /** Why a test could not be compiled, pointing at the student's broken file when there is one. */
    private String notCompiledMessage(GradedTest test, List<String> testErrors, JavaCompilation.Result main, Path root) {
        String errors = String.join("\n", testErrors);
        Path folderOfTest = root.resolve(test.packageName().replace('.', '/'));
        List<Path> inPackage = main.broken().keySet().stream().filter(p -> p.getParent().equals(folderOfTest))
                .collect(Collectors.toList());
        List<Path> named = inPackage.stream().filter(p -> errors.contains(p.getFileName().toString().replace(".java", "")))
                .collect(Collectors.toList());
        List<Path> culprits = named.isEmpty() ? inPackage : named;
        if (!culprits.isEmpty()) {
            var message = new StringBuilder();
            for (Path culprit : culprits) {
                if (message.length() > 0) message.append('\n');
                List<String> lines = main.broken().get(culprit);
                if (main.rejected().containsKey(culprit)) {
                    message.append(display(root, culprit)).append(" is not graded (").append(String.join("; ", lines))
                            .append("), so this test cannot run");
                } else {
                    message.append(display(root, culprit)).append(" does not compile, so this test cannot run:\n  ")
                            .append(String.join("\n  ", lines.subList(0, Math.min(3, lines.size()))));
                }
            }
            return message.toString();
        }
        if (javaFilesIn(folderOfTest).isEmpty()) {
            return "there is no code for " + test.packageName() + " (no " + test.packageName().replace('.', '/')
                    + "/*.java file was found), so this test cannot run";
        }
        if (prepared != null) {
            return "this test does not compile (a problem of the tests, not of your code):\n  "
                    + String.join("\n  ", testErrors.subList(0, Math.min(3, testErrors.size())));
        }
        return "the test does not compile against your code: did you rename a method or change its parameters?\n  "
                + String.join("\n  ", testErrors.subList(0, Math.min(3, testErrors.size())));
    }

    private static String display(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    /** The .java files of a folder: regular files only, so that a link cannot point the grader at the machine's files. */
    private static List<Path> javaFilesIn(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    private static List<Path> linksIn(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isSymbolicLink).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary folder for grading", e);
        }
    }
}
