package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static check against code that does what exercises need (no false alarms) and code that
 * reaches outside (each reach named with its line), and the neutralised methods it leaves.
 */
class ApiCheckTest {

    @TempDir
    Path temp;

    /** Compiles one exercise file of package exercises.ch9 and checks it; returns the violations by method. */
    Map<String, List<ApiCheck.Violation>> check(String className, String source, String rules) throws IOException {
        Path code = temp.resolve("code/exercises/ch9");
        Files.createDirectories(code);
        Files.writeString(code.resolve(className + ".java"), source);
        Path tests = temp.resolve("tests");
        Files.createDirectories(tests.resolve("exercises/ch9"));
        if (rules != null) Files.writeString(tests.resolve("exercises/ch9/allowed-apis.txt"), rules);
        var compiled = JavaCompilation.compile(List.of(code.resolve(className + ".java")), Classpath.forGrading(), temp.resolve("classes"),
                Path::toString, false);
        assertTrue(compiled.broken().isEmpty(), compiled.broken().toString());
        List<ApiCheck.Violation> found = ApiCheck.check(temp.resolve("classes"), pkg -> ApiPolicy.forPackage(tests, pkg),
                Set.of("exercises.ch9.SecretTest"));
        return found.stream().collect(Collectors.groupingBy(ApiCheck.Violation::where));
    }

    Object call(String className, String method) throws Exception {
        try (var loader = new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            Method m = loader.loadClass("exercises.ch9." + className).getMethod(method);
            return m.invoke(null);
        }
    }

    @Test
    void whatExercisesNeedPassesWithoutAWord() throws Exception {
        String source = """
                package exercises.ch9;

                import java.util.*;
                import java.util.function.*;
                import java.util.stream.*;

                public final class Honest {
                    enum Kind { ADD, MUL }
                    record Pair(double a, double b) {}

                    public static String everything() {
                        List<Double> xs = new ArrayList<>(List.of(1.0, 2.0, 3.0));
                        DoubleUnaryOperator square = x -> x * x;
                        double sum = xs.stream().mapToDouble(Double::doubleValue).map(square).sum();
                        Map<String, Integer> counts = new TreeMap<>();
                        counts.merge("a", 1, Integer::sum);
                        var sb = new StringBuilder();
                        for (Kind k : Kind.values()) {
                            switch (k) {
                                case ADD -> sb.append("+");
                                case MUL -> sb.append("*");
                            }
                        }
                        assert sum > 0 : "positive";
                        double[] copy = new double[] {1, 2}.clone();
                        Arrays.sort(copy);
                        if (Thread.currentThread().isInterrupted()) return "stopped";
                        System.out.println("sum " + sum + " " + Math.sqrt(sum) + " " + new Pair(1, 2) + counts + sb);
                        String word = switch (sb.length()) { case 2 -> "two"; default -> "other"; };
                        try (AutoCloseable c = () -> { }) {
                            return String.format("%.1f", sum) + word + Objects.hash(1, 2) + Integer.parseInt("3")
                                    + new Random(1).nextInt(1) + Collections.emptyList() + Optional.empty().isPresent();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """;
        assertEquals(Map.of(), check("Honest", source, null));
        assertTrue(((String) call("Honest", "everything")).startsWith("14.0two"), "and it runs");
    }

    @Test
    void everyReachOutsideIsNamedWithItsLineAndNeutralised() throws Exception {
        String source = """
                package exercises.ch9;

                public final class Hostile {
                    public static String ok() { return "still works"; }
                    public static Object exec() throws Exception { return Runtime.getRuntime().exec("id"); }
                    public static Object fork() throws Exception { return new ProcessBuilder("sleep", "100").start(); }
                    public static void exit() { System.exit(0); }
                    public static Runnable exitLater() { return () -> System.exit(1); }
                    public static java.util.function.IntConsumer exitReference() { return System::exit; }
                    public static Object reflect() throws Exception { return Class.forName("exercises.ch9.SecretTest"); }
                    public static Object field() throws Exception { return Hostile.class.getDeclaredFields(); }
                    public static Object handles() { return java.lang.invoke.MethodHandles.lookup(); }
                    public static Object read() throws Exception { return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")); }
                    public static Object resource() { return Hostile.class.getResourceAsStream("SecretTest.class"); }
                    public static Object socket() throws Exception { return new java.net.Socket("127.0.0.1", 9); }
                    public static void thread() { new Thread(() -> { }).start(); }
                    public static Object environment() { return System.getenv("HOME"); }
                    public static Object parallel() { return java.util.List.of(1, 2).parallelStream().count(); }
                    public static Object library(backprop.nn.Matrix m) { return m.toString(); }
                    public static Object grader() { return backprop.grading.Status.PASSED; }
                    public static Object test() { return new SecretTest(); }
                    public static void closeErr() { System.err.close(); }
                }
                class SecretTest {}
                """;
        var found = check("Hostile", source, "deny backprop.nn.Matrix : the library's own matrix: write yours\n");
        Map<String, String> expected = Map.ofEntries(
                Map.entry("exec", "line 5 (exec) calls java.lang.Runtime.getRuntime(): exercise code may not exit, start processes"),
                Map.entry("fork", "line 6 (fork) calls new java.lang.ProcessBuilder(String[]): starting processes is not allowed"),
                Map.entry("exit", "line 7 (exit) calls java.lang.System.exit(int): exercise code may use System.out"),
                Map.entry("a lambda in exitLater", "line 8 (a lambda in exitLater) calls java.lang.System.exit(int)"),
                Map.entry("exitReference", "line 9 (exitReference) refers to java.lang.System.exit(int)"),
                Map.entry("reflect", "line 10 (reflect) calls java.lang.Class.forName(String): reflection is not allowed"),
                Map.entry("field", "line 11 (field) calls java.lang.Class.getDeclaredFields(): reflection is not allowed"),
                Map.entry("handles", "line 12 (handles) calls java.lang.invoke.MethodHandles.lookup(): method handles are reflection"),
                Map.entry("read", "line 13 (read) calls java.nio.file.Path.of(String, String[]): exercise code may not read or write files"),
                Map.entry("resource", "line 14 (resource) calls java.lang.Class.getResourceAsStream(String): reflection is not allowed"),
                Map.entry("socket", "line 15 (socket) calls new java.net.Socket(String, int): the network is off limits"),
                Map.entry("thread", "line 16 (thread) calls new java.lang.Thread(Runnable): threads are not allowed"),
                Map.entry("environment", "line 17 (environment) calls java.lang.System.getenv(String)"),
                Map.entry("parallel", "line 18 (parallel) calls java.util.List.parallelStream(): a parallel stream runs your code on other threads"),
                Map.entry("library", "line 19 (library) calls backprop.nn.Matrix.toString(): the library's own matrix: write yours"),
                Map.entry("grader", "line 20 (grader) uses backprop.grading.Status.PASSED: the grader's own classes are off limits"),
                Map.entry("test", "line 21 (test) calls new exercises.ch9.SecretTest(): the tests' own classes are off limits"));
        for (var entry : expected.entrySet()) {
            List<ApiCheck.Violation> v = found.get(entry.getKey());
            assertTrue(v != null, "nothing found in " + entry.getKey() + "; found " + found.keySet());
            String messages = v.stream().map(ApiCheck.Violation::message).collect(Collectors.joining("\n"));
            assertTrue(messages.contains("exercises/ch9/Hostile.java " + entry.getValue()), messages);
        }
        assertTrue(!found.containsKey("ok") && !found.containsKey("closeErr"), "ok() and System.err.close() are allowed: " + found.keySet());
        assertEquals("still works", call("Hostile", "ok"), "the rest of the class still works");
        var thrown = assertThrows(InvocationTargetException.class, () -> call("Hostile", "exit")).getCause();
        assertTrue(thrown instanceof UnsupportedOperationException && thrown.getMessage().startsWith(ApiCheck.REJECTED)
                && thrown.getMessage().contains("System.exit(int)"), thrown.toString());
        assertEquals(7, thrown.getStackTrace()[0].getLineNumber(), "the stack trace points at the offending line");
    }

    @Test
    void aClassThatExtendsWhatIsDeniedRunsNothing() throws Exception {
        String source = """
                package exercises.ch9;

                public class Sneaky extends Thread {
                    public static String make() { new Sneaky().start(); return "started"; }
                    @Override public void run() { }
                }
                """;
        var found = check("Sneaky", source, null);
        assertTrue(found.get("class Sneaky").get(0).message().contains("extends java.lang.Thread: threads are not allowed"), found.toString());
        var thrown = assertThrows(InvocationTargetException.class, () -> call("Sneaky", "make")).getCause();
        assertTrue(thrown.getMessage().startsWith(ApiCheck.REJECTED), thrown.toString());
    }

    @Test
    void aChaptersRulesAddToTheCourseWideList() throws Exception {
        String source = """
                package exercises.ch9;

                public final class Slow {
                    public static String nap() throws Exception { Thread.sleep(1); return "rested"; }
                    public static int size(backprop.data.Dataset d) { return d.size(); }
                }
                """;
        assertEquals(Set.of("nap", "size"), check("Slow", source, null).keySet(), "denied by default");
        assertEquals(Map.of(), check("Slow", source, "allow java.lang.Thread#sleep\nallow backprop.data.Dataset\n"));
        assertEquals("rested", call("Slow", "nap"));
    }

    @Test
    void aMalformedRuleNamesItsFileAndLine() throws IOException {
        Path tests = temp.resolve("tests");
        Files.createDirectories(tests.resolve("exercises/ch9"));
        Files.writeString(tests.resolve("exercises/ch9/allowed-apis.txt"), "# fine\nallow java.lang.Math\npermit java.io.File\n");
        String message = assertThrows(IllegalArgumentException.class, () -> ApiPolicy.forPackage(tests, "exercises.ch9")).getMessage();
        assertTrue(message.contains("exercises/ch9/allowed-apis.txt line 3: write 'allow PATTERN' or 'deny PATTERN : reason'"), message);
        Files.writeString(tests.resolve("exercises/ch9/allowed-apis.txt"), "allow Math\n");
        message = assertThrows(IllegalArgumentException.class, () -> ApiPolicy.forPackage(tests, "exercises.ch9")).getMessage();
        assertTrue(message.contains("line 1: write the full name with its package"), message);
    }

    @Test
    void theMostSpecificRuleWins() throws IOException {
        Path tests = temp.resolve("tests");
        Files.createDirectories(tests.resolve("exercises/ch9"));
        Files.writeString(tests.resolve("exercises/allowed-apis.txt"), "allow backprop.nn.**\n");
        Files.writeString(tests.resolve("exercises/ch9/allowed-apis.txt"), "deny backprop.nn.ScratchNetwork : yours to write\n");
        ApiPolicy policy = ApiPolicy.forPackage(tests, "exercises.ch9");
        assertTrue(policy.decide("backprop.nn.Matrix", "times").allowed(), "the course allows the library's nn package");
        assertEquals("yours to write", policy.decide("backprop.nn.ScratchNetwork", "train").reason(), "the chapter denies one type of it");
        assertTrue(policy.decide("java.util.ArrayList", "add").allowed());
        assertTrue(!policy.decide("java.util.ArrayList", "parallelStream").allowed(), "a member rule on a supertype applies");
        assertTrue(!policy.decide("java.util.concurrent.ConcurrentHashMap", "put").allowed(), "java.util.* is not its sub-packages");
    }
}
