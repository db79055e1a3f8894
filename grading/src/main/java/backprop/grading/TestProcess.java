package backprop.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The test JVM: the one process in which student code runs. The grader ({@link TestRunner})
 * starts it, tells it which graded tests to run, and reads what happens.
 *
 * <p>It runs the tests through the JUnit Platform Launcher and reports each one as it starts and
 * ends, one line per event, on the process's real standard output:
 * <pre>
 *     @@grading NONCE START base64(class#method)
 *     @@grading NONCE END base64(class#method) STATUS base64(message) base64(output) millis
 * </pre>
 * Everything the student's code prints goes to a bounded buffer instead ({@code System.out} and
 * {@code System.err} are replaced before any of it runs), and becomes the test's output: a
 * flood of printing can neither fill the grader's memory nor be mistaken for an event. The nonce
 * (a random word the grader sends on standard input) keeps even code that writes to the real
 * standard output from faking a result.
 *
 * <p>If student code loops forever, calls {@code System.exit} or runs out of memory, this
 * process hangs or dies in the middle of a test: the grader sees which test was running, records
 * it, and starts a fresh test JVM for the tests that are left.
 */
public final class TestProcess {

    static final String PREFIX = "@@grading";
    /** System property: the most characters of output kept per test. */
    static final String OUTPUT_LIMIT = "backprop.grading.outputLimit";

    private TestProcess() {}

    public static void main(String[] args) throws Exception {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String nonce = input.readLine();
        if (nonce == null || nonce.isBlank()) {
            System.err.println("TestProcess: expected a nonce and test ids on standard input");
            Runtime.getRuntime().halt(2);
        }
        List<String> ids = new ArrayList<>();
        for (String line = input.readLine(); line != null && !line.isEmpty(); line = input.readLine()) {
            ids.add(line.trim());
        }
        var capture = new BoundedCapture(Integer.getInteger(OUTPUT_LIMIT, 8000));
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);

        var events = new Events(channel, nonce);
        var listener = new Listener(events, capture, ids);
        List<MethodSelector> selectors = new ArrayList<>();
        for (String id : ids) {
            int hash = id.indexOf('#');
            selectors.add(selectMethod(id.substring(0, hash), id.substring(hash + 1)));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.platform.output.capture.stderr", "false")
                .build();
        // System.exit runs shutdown hooks (our own halt below does not, nor does dying of
        // OutOfMemoryError): this tells the grader that the code under test called it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> events.send("EXITING")));
        events.send("READY");
        try {
            LauncherFactory.create().execute(request, listener);
        } catch (Throwable t) {
            listener.failUnreported(Status.ERROR, "the test run stopped: " + describe(t, Set.of()));
        }
        listener.failUnreported(Status.ERROR, "JUnit did not run this test (the test class could not be loaded?)");
        events.send("DONE");
        channel.flush();
        // halt, not exit: threads or shutdown hooks left behind by student code must not keep us alive
        Runtime.getRuntime().halt(0);
    }

    /** Writes protocol lines. */
    static final class Events {
        private final PrintStream channel;
        private final String nonce;

        Events(PrintStream channel, String nonce) {
            this.channel = channel;
            this.nonce = nonce;
        }

        synchronized void send(String type, String... fields) {
            var line = new StringBuilder(PREFIX).append(' ').append(nonce).append(' ').append(type);
            for (String field : fields) line.append(' ').append(field);
            channel.println(line);
        }

        static String encode(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reports each graded test as JUnit runs it. */
    static final class Listener implements TestExecutionListener {
        private final Events events;
        private final BoundedCapture capture;
        private final Set<String> unreported;
        private final Set<String> testClasses = new LinkedHashSet<>();
        private final Map<String, Long> started = new LinkedHashMap<>();

        Listener(Events events, BoundedCapture capture, List<String> ids) {
            this.events = events;
            this.capture = capture;
            this.unreported = new LinkedHashSet<>(ids);
            for (String id : ids) testClasses.add(id.substring(0, id.indexOf('#')));
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            String id = idOf(identifier);
            if (id != null && identifier.isTest()) {
                capture.reset();
                started.put(id, System.nanoTime());
                events.send("START", Events.encode(id));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            String id = idOf(identifier);
            if (id != null) end(id, Status.FAILED, "the test was skipped: " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            String id = idOf(identifier);
            Throwable failure = result.getThrowable().orElse(null);
            if (id != null && identifier.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    end(id, Status.PASSED, "");
                } else {
                    end(id, statusOf(failure), describe(failure, testClasses));
                }
            } else if (classOf(identifier).isPresent() && failure != null) {
                // the class itself failed (its set-up, or a static initializer it triggered):
                // none of its tests that have not reported will run
                String cls = classOf(identifier).get();
                for (String pending : List.copyOf(unreported)) {
                    if (pending.startsWith(cls + "#")) end(pending, statusOf(failure), describe(failure, testClasses));
                }
            }
        }

        private void end(String id, Status status, String message) {
            if (!unreported.remove(id)) return;
            long start = started.getOrDefault(id, System.nanoTime());
            long millis = (System.nanoTime() - start) / 1_000_000;
            events.send("END", Events.encode(id), status.name(), Events.encode(message), Events.encode(capture.text()),
                    Long.toString(millis));
            capture.reset();
        }

        void failUnreported(Status status, String message) {
            for (String id : List.copyOf(unreported)) end(id, status, message);
        }

        private static String idOf(TestIdentifier identifier) {
            Optional<TestSource> source = identifier.getSource();
            if (source.isPresent() && source.get() instanceof MethodSource method) {
                return method.getClassName() + "#" + method.getMethodName();
            }
            return null;
        }

        private static Optional<String> classOf(TestIdentifier identifier) {
            Optional<TestSource> source = identifier.getSource();
            if (source.isPresent() && source.get() instanceof ClassSource cls) return Optional.of(cls.getClassName());
            return Optional.empty();
        }
    }

    /** NOT_WRITTEN for an exercise stub, FAILED for an assertion, ERROR for anything else. */
    static Status statusOf(Throwable t) {
        Throwable root = unwrap(t);
        if (isStub(root)) return Status.NOT_WRITTEN;
        if (root instanceof AssertionError) return Status.FAILED;
        return Status.ERROR;
    }

    static boolean isStub(Throwable t) {
        return t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().startsWith("Exercise ");
    }

    /** The throwable that says what happened: the cause of an ExceptionInInitializerError, say. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current != null && current.getCause() != null
                && (current instanceof ExceptionInInitializerError
                    || current instanceof java.lang.reflect.InvocationTargetException)) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * A message for the student: an assertion's own message; a stub's "Exercise N.M: …"; for
     * anything else the exception, its message, and where in the student's code it happened.
     */
    static String describe(Throwable t, Set<String> testClasses) {
        if (t == null) return "the test failed without an exception";
        Throwable root = unwrap(t);
        if (root instanceof AssertionError) {
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        if (isStub(root)) return root.getMessage();
        String what = root.getClass().getSimpleName();
        if (root instanceof StackOverflowError) {
            what += ": the calls never end (a recursion without a base case, or one that never reaches it?)";
        } else if (root.getMessage() != null) {
            what += ": " + root.getMessage();
        }
        if (t != root) what = t.getClass().getSimpleName() + " caused by " + what;
        StackTraceElement frame = studentFrame(root, testClasses);
        return frame == null ? what : what + "\n  at " + frame;
    }

    /** The first stack frame in the code under test (not the JDK, JUnit, the grader or the test). */
    private static StackTraceElement studentFrame(Throwable t, Set<String> testClasses) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            String outer = c.contains("$") ? c.substring(0, c.indexOf('$')) : c;
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.junit.")
                    || c.startsWith("org.opentest4j.") || c.startsWith("backprop.grading.") || testClasses.contains(outer)) {
                continue;
            }
            return e;
        }
        return null;
    }

    /**
     * An output stream that keeps the first {@code limit} characters written to it and counts
     * the rest, so that printing a gigabyte costs time but no memory.
     */
    static final class BoundedCapture extends OutputStream {
        private final int limit;
        private final byte[] kept;
        private int size;
        private long dropped;

        BoundedCapture(int limit) {
            this.limit = Math.max(0, limit);
            this.kept = new byte[this.limit];
        }

        @Override
        public synchronized void write(int b) {
            if (size < limit) kept[size++] = (byte) b;
            else dropped++;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int room = Math.min(length, limit - size);
            if (room > 0) {
                System.arraycopy(bytes, offset, kept, size, room);
                size += room;
            }
            dropped += length - Math.max(room, 0);
        }

        synchronized void reset() {
            size = 0;
            dropped = 0;
        }

        synchronized String text() {
            String text = new String(kept, 0, size, StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[… " + dropped + " more bytes of output were cut]";
        }
    }
}
