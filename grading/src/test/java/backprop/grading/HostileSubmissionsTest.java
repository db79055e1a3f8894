package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-submission suite: every attack in src/test/resources/hostile, put into the course's
 * own solutions and graded, first with every defence on, then with one layer of defence at a time
 * (the static check alone; the bubblewrap sandbox alone; the unprivileged user alone; the harness
 * alone), each layer against the attacks it claims to stop.
 *
 * <p>Each grading run checks, for every attack in it:
 * <ul>
 *   <li>the attacked task earns what an honest stub earns (or, for right code with a hostile
 *       habit, keeps its points), and every other test scores as in the run without the attacks;</li>
 *   <li>the kit (tests, solutions, README.md, course) is byte-identical afterwards;</li>
 *   <li>no process the attacks started is left, nothing listens on the port they opened, nothing
 *       reached the port they tried to send to;</li>
 *   <li>nothing a student may see holds what must not leak;</li>
 *   <li>grading ended within its total time cap, results.json parses and is the grader's own, and
 *       junit.xml validates against the Surefire schema.</li>
 * </ul>
 * Attacks that cannot interfere share one run (each group attacks each task at most once), and
 * the runs of a layer are graded side by side by one grader, as the class grader uses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSubmissionsTest {

    static final Path KIT = Path.of("..").toAbsolutePath().normalize();
    static final int TOTAL_SECONDS = 150;
    /** Set to "required" (CI does) to fail, not skip, when a layer's isolation is missing here. */
    static final String REQUIRED = "BACKPROP_ISOLATION_TESTS";

    private final List<HostileCase> cases = HostileCase.all();
    private Path temp, kit, tests, starter;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private ServerSocket listener;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Integer, Report> baselines = new java.util.concurrent.ConcurrentHashMap<>();   // each group's, asked for by one thread
    private final Map<String, Grader> graders = new HashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(KIT.resolve("solutions/src/test/java")),
                "a student's copy of the kit has no solutions/ to attack");
        temp = Files.createTempDirectory("hostile-");
        kit = temp.resolve("kit");
        for (String part : List.of("solutions", "exercises/src")) {
            GraderRobustnessTest.copyTree(KIT.resolve(part), kit.resolve(part));
        }
        Files.copy(KIT.resolve("README.md"), kit.resolve("README.md"));
        Files.copy(KIT.resolve("course"), kit.resolve("course"));
        tests = kit.resolve("solutions/src/test/java");
        starter = kit.resolve("exercises/src/main/java");
        // as on Gradescope: every user may pass through, only the grader reads the instructor's files
        for (Path p : List.of(temp, kit)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(kit.resolve("solutions"), PosixFilePermissions.fromString("rwx------"));

        listener = new ServerSocket(0);
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    listener.accept().close();
                    received.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "hostile-listener");
        accept.setDaemon(true);
        accept.start();
        placeholders.put("@KIT@", kit.toString());
        placeholders.put("@TESTS@", tests.toString());
        byte[] random = new byte[6];
        new java.security.SecureRandom().nextBytes(random);
        placeholders.put("@MARKER@", "hostile" + HexFormat.of().formatHex(random));
        placeholders.put("@PORT@", Integer.toString(listener.getLocalPort()));
        placeholders.put("@SECRET@", secret());
    }

    @AfterAll
    void tearDown() throws IOException {
        graders.values().forEach(Grader::close);
        if (listener != null) listener.close();
        if (temp != null) JavaCompilation.deleteQuietly(temp);
    }

    /** The value of a variable in this JVM's environment, which student code must never see. */
    private static String secret() {
        return System.getenv().entrySet().stream()
                .filter(e -> !Set.of("PATH", "LANG", "HOME", "TMPDIR", "PWD", "SHLVL", "_", "TERM").contains(e.getKey()))
                .map(Map.Entry::getValue).filter(v -> v.length() >= 8 && !v.equals(System.getProperty("user.dir")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no environment variable to stand for a secret"));
    }

    @Test
    void thereIsACaseForEveryAttackAndEachGroupAttacksEachTaskOnce() {
        assertTrue(cases.size() >= 20, "at least 20 attacks, found " + cases.size());
        Map<Integer, List<String>> tasks = new TreeMap<>();
        for (HostileCase c : cases) {
            tasks.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c.task());
            assertTrue(HostileCase.LAYERS.containsAll(c.stoppedBy()), c.name() + ": unknown layer in " + c.stoppedBy());
            assertFalse(c.description().isEmpty(), c.name() + " says what it does");
        }
        tasks.forEach((group, list) -> assertEquals(list.size(), Set.copyOf(list).size(), "group " + group + " attacks a task twice: " + list));
    }

    /**
     * All defences ("all"), or one layer alone: the static check ("api", no sandbox), bubblewrap
     * or the unprivileged user (static check off), the harness (static check off, no sandbox).
     */
    @ParameterizedTest(name = "layer {0}")
    @ValueSource(strings = {"all", "api", "bubblewrap", "user", "harness"})
    void everyAttackIsStopped(String layer) throws Exception {
        Grader grader = grader(layer);
        List<Integer> groups = cases.stream().filter(c -> c.stoppedBy(layer)).map(HostileCase::group).distinct().sorted()
                .collect(Collectors.toList());
        // the groups are graded side by side, by one grader: as the class grader uses it
        received.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int group : groups) runs.add(pool.submit(() -> attack(grader, layer, group)));
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) throw error;
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private synchronized Grader grader(String layer) {
        Isolation isolation = switch (layer) {
            case "all" -> Isolation.AUTO;
            case "bubblewrap" -> Isolation.BUBBLEWRAP;
            case "user" -> Isolation.USER;
            default -> Isolation.NONE;
        };
        boolean checkApis = layer.equals("all") || layer.equals("api");
        return graders.computeIfAbsent(layer, l -> {
            var options = Grader.Options.of(tests).starter(starter).totalTimeout(TOTAL_SECONDS).isolation(isolation).checkApis(checkApis);
            try {
                return Grader.prepare(options);
            } catch (IllegalStateException unavailable) {
                if ("required".equals(System.getenv(REQUIRED))) throw unavailable;
                Assumptions.abort("layer " + layer + " cannot run here: " + unavailable.getMessage());
                return null;
            }
        });
    }

    /** One grading run: the group's attacks that this layer claims to stop, against the group's baseline. */
    private Void attack(Grader grader, String layer, int group) throws Exception {
        List<HostileCase> all = cases.stream().filter(c -> c.group() == group).collect(Collectors.toList());
        List<HostileCase> included = all.stream().filter(c -> c.stoppedBy(layer)).collect(Collectors.toList());
        Report baseline = baseline(group, all);
        Path run = Files.createTempDirectory(temp, layer + "-" + group + "-");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
        Path submission = run.resolve("submission"), code = submission.resolve("code");
        Path results = Files.createDirectory(run.resolve("results"));
        GraderRobustnessTest.copyTree(kit.resolve("solutions/src/main/java"), code);
        Map<String, String> fill = new LinkedHashMap<>(placeholders);
        fill.put("@RESULTS@", results.toString());
        fill.put("@MARKER@", placeholders.get("@MARKER@") + "g" + group);   // runs side by side must not see each other's
        try (var probe = new ServerSocket(0)) {
            fill.put("@PORT2@", Integer.toString(probe.getLocalPort()));
        }
        for (HostileCase c : included) c.applyTo(code, submission, fill);
        Set<String> honest = all.stream().filter(c -> !included.contains(c) && !c.expectSolution()).map(HostileCase::task)
                .collect(Collectors.toSet());
        stub(code, honest);

        Map<String, String> before = checksums(kit);
        long start = System.nanoTime();
        Report report = gradeAndWrite(grader, code, results);
        double seconds = (System.nanoTime() - start) / 1e9;
        String where = "layer " + layer + ", group " + group + " (" + included.stream().map(HostileCase::name)
                .collect(Collectors.joining(", ")) + ")";

        assertTrue(seconds < TOTAL_SECONDS + 15, where + ": grading took " + seconds + " s, over its cap of " + TOTAL_SECONDS + " s");
        Map<String, Object> json = Json.parseObject(Files.readString(results.resolve(ReportWriters.GRADESCOPE), StandardCharsets.UTF_8));
        assertEquals((double) report.score(), json.get("score"), where + ": results.json is not the grader's");
        ReportWritersTest.assertValidSurefireXml(Files.readString(results.resolve(ReportWriters.JUNIT), StandardCharsets.UTF_8));
        assertTrue(report.isolation().startsWith(grader.isolation().description().substring(0, 10)), report.isolation());

        Map<String, HostileCase> byTask = included.stream().collect(Collectors.toMap(HostileCase::task, c -> c));
        for (int i = 0; i < report.results().size(); i++) {
            TestResult r = report.results().get(i), b = baseline.results().get(i);
            HostileCase c = byTask.get(r.test().task());
            String what = where + ": " + r.test().id() + (c == null ? " (no attack on its task)" : " (attacked by " + c.name() + ")")
                    + " is " + r.status().label() + " (" + r.message().lines().findFirst().orElse("") + "), but honest code there is "
                    + b.status().label();
            assertEquals(b.passed(), r.passed(), what);
            assertEquals(b.score(), r.score(), what);
            if (c != null && c.message() != null && layer.equals("all")) {
                assertTrue(r.message().contains(c.message()), where + ": " + r.test().id() + " should say '" + c.message() + "': " + r.message());
            }
        }
        assertEquals(before, checksums(kit), where + ": the kit changed");
        assertEquals(List.of(), leftovers(fill.get("@MARKER@")), where + ": processes of the attacks are still running");
        boolean listening;
        try {
            new Socket("127.0.0.1", Integer.parseInt(fill.get("@PORT2@"))).close();
            listening = true;
        } catch (IOException expected) {
            listening = false;   // nobody is there
        }
        assertFalse(listening, where + ": something still listens on the port an attack opened");
        if (!layer.equals("user") && !layer.equals("harness")) {
            assertEquals(0, received.get(), where + ": an attack reached the network");
        }
        for (HostileCase c : included) {
            for (String secret : c.mustNotLeak()) assertNotVisible(json, HostileCase.fill(secret, fill), where + ", " + c.name());
            if (c.history() != null) assertNoHiddenInputInVisibleOutput(report, c, where);
        }
        return null;
    }

    /** The group's tests as honest code scores them: the solutions, with a stub for each task attacked to no avail. */
    private Report baseline(int group, List<HostileCase> all) throws IOException {
        if (!baselines.containsKey(group)) {
            Path code = Files.createTempDirectory(temp, "baseline-").resolve("code");
            GraderRobustnessTest.copyTree(kit.resolve("solutions/src/main/java"), code);
            stub(code, all.stream().filter(c -> !c.expectSolution()).map(HostileCase::task).collect(Collectors.toSet()));
            Sandbox.letIn(code.getParent());
            baselines.put(group, grader("all").grade(code));
        }
        return baselines.get(group);
    }

    private static void stub(Path code, Set<String> tasks) throws IOException {
        for (Path file : HostileCase.javaFiles(code)) {
            String text = Files.readString(file);
            Files.writeString(file, SolutionRegions.stub(text, file.toString(), tasks::contains).text());
        }
    }

    /** Grades as ./course grade does: reports rewritten as tests finish, and at the end. */
    static Report gradeAndWrite(Grader grader, Path code, Path results) {
        Report report = grader.grade(code, soFar -> ReportWriters.writeAll(soFar, results));
        ReportWriters.writeAll(report, results);
        return report;
    }

    /** What a student sees on Gradescope: the summary and the visible tests' outputs. */
    private static void assertNotVisible(Map<String, Object> results, String secret, String where) {
        assertFalse(String.valueOf(results.get("output")).contains(secret), where + ": the summary shows '" + secret + "'");
        for (Object t : (List<?>) results.get("tests")) {
            Map<?, ?> test = (Map<?, ?>) t;
            if ("visible".equals(test.get("visibility"))) {
                assertFalse(String.valueOf(test.get("output")).contains(secret), where + ": " + test.get("name") + " shows '" + secret + "'");
            }
        }
    }

    /** The last input a hidden test handed the attack's code must not appear in a visible test's output. */
    private static void assertNoHiddenInputInVisibleOutput(Report report, HostileCase c, String where) {
        List<TestResult> ofTask = report.results().stream().filter(r -> r.test().task().equals(c.task())).collect(Collectors.toList());
        String visible = ofTask.stream().filter(r -> r.test().visibility() == Visibility.VISIBLE).map(TestResult::output)
                .collect(Collectors.joining("\n"));
        int checked = 0;
        for (TestResult r : ofTask) {
            if (r.test().visibility() == Visibility.VISIBLE || !r.output().contains(c.history())) continue;
            String line = r.output().lines().filter(l -> l.startsWith(c.history())).reduce((a, b) -> b).orElseThrow();
            String[] inputs = line.substring(c.history().length()).replaceAll("^\\[|\\]$", "").split(", ");
            String last = inputs[inputs.length - 1];
            assertFalse(visible.contains(last), where + ": the hidden test's input '" + last + "' shows in a visible test's output");
            checked++;
        }
        assertTrue(checked > 0, where + ": " + c.name() + " should have printed inputs in a hidden test");
    }

    private static Map<String, String> checksums(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                sums.put(root.relativize(p).toString(), HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
            }
        }
        return sums;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The processes whose command line holds the marker, after giving the killed ones a moment to go. */
    static List<String> leftovers(String marker) {
        List<String> found = List.of();
        for (int attempt = 0; attempt < 30; attempt++) {
            found = processesWith(marker);
            if (found.isEmpty()) return found;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return found;
    }

    private static List<String> processesWith(String marker) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of("/proc"))) {
            for (Path p : list.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).collect(Collectors.toList())) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmdline.contains(marker)) found.add(p.getFileName() + ": " + cmdline.strip());
                } catch (IOException | UncheckedIOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
