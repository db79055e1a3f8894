package backprop.grading;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;
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
 * {@code System.err} are replaced before any of it runs, and closing them does nothing), and
 * becomes the test's output: a flood of printing can neither fill the grader's memory nor be
 * mistaken for an event. The nonce (a random word the grader sends on standard input) keeps
 * even code that writes to the real standard output from faking a result.
 *
 * <p>If student code loops forever, calls {@code System.exit} or runs out of memory, this
 * process hangs or dies in the middle of a test: the grader sees which test was running, records
 * it, and starts a fresh test JVM for the tests that are left. A test that leaves a thread or a
 * process running when it ends loses its points, and this JVM ends at once (the grader goes on
 * in a fresh one): whatever that thread does later cannot be blamed on an innocent test. When the
 * grader's end of standard input closes (the grader died), this JVM ends too.
 */
public final class TestProcess {

    static final String PREFIX = "@@grading";
    /** System property: the most characters of output kept per test. */
    static final String OUTPUT_LIMIT = "backprop.grading.outputLimit";
    /** The most characters of a failure message sent to the grader (a 300 000-character message is cut here). */
    static final int MESSAGE_LIMIT = 16_000;
    /**
     * System property, set only for the run that makes a grader's class-data archive (the
     * instructor's tests against the starter code, never student code): where the tests and the
     * code are, outside the classpath. They are loaded through a class loader of their own, so
     * that the archive holds what the classpath holds (JUnit, the grader, the library) and nothing
     * of theirs, and every test JVM after it can add its own code at the end of that classpath.
     */
    static final String WARM_UP = "backprop.grading.warmUp";

    private TestProcess() {}

    public static void main(String[] args) throws Exception {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        InputStream stdin = System.in;
        String nonce = readLine(stdin);
        if (nonce == null || nonce.isBlank()) {
            System.err.println("TestProcess: expected a nonce and test ids on standard input");
            Runtime.getRuntime().halt(2);
        }
        List<String> ids = new ArrayList<>();
        for (String line = readLine(stdin); line != null && !line.isEmpty(); line = readLine(stdin)) ids.add(line.trim());
        watchGrader(stdin);
        System.setIn(new ByteArrayInputStream(new byte[0]));   // student code reads nothing of the grader's
        String warmUp = System.getProperty(WARM_UP);
        if (warmUp != null) {
            // JUnit loads the test classes through the context class loader
            List<java.net.URL> urls = new ArrayList<>();
            for (String folder : warmUp.split(java.io.File.pathSeparator)) urls.add(java.nio.file.Path.of(folder).toUri().toURL());
            Thread.currentThread().setContextClassLoader(new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                    TestProcess.class.getClassLoader()));
        }

        var capture = new BoundedCapture(Integer.getInteger(OUTPUT_LIMIT, 8000));
        var events = new Events(channel, nonce);
        var listener = new Listener(events, capture, ids);
        listener.capture();
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

    /** One line of the grader's input, read byte by byte so that nothing after it is buffered away. */
    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') line.write(b);
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Ends this JVM when the grader's end of standard input closes: the grader is gone. */
    private static void watchGrader(InputStream stdin) {
        Thread watcher = new Thread(() -> {
            try {
                while (stdin.read() != -1) {
                    // the grader sends nothing more; wait for the end
                }
            } catch (IOException e) {
                // closed
            }
            Runtime.getRuntime().halt(3);
        }, "grading-watchdog");
        watcher.setDaemon(true);
        watcher.start();
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
        private final PrintStream captured;
        private final Set<String> unreported;
        private final Set<String> testClasses = new LinkedHashSet<>();
        private final Map<String, Long> started = new LinkedHashMap<>();
        /** A class whose static initializer failed → what it threw, repeated in every later test it breaks. */
        private final Map<String, String> failedInitializers = new LinkedHashMap<>();
        private Set<Thread> threadsBefore = Set.of();

        Listener(Events events, BoundedCapture capture, List<String> ids) {
            this.events = events;
            this.capture = capture;
            this.captured = new CapturedStream(capture);
            this.unreported = new LinkedHashSet<>(ids);
            for (String id : ids) testClasses.add(id.substring(0, id.indexOf('#')));
        }

        /** Points System.out and System.err at the capture (again: code under test may have moved them). */
        void capture() {
            System.setOut(captured);
            System.setErr(captured);
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            String id = idOf(identifier);
            if (id != null && identifier.isTest()) {
                capture();
                capture.reset();
                threadsBefore = liveThreads();
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
                String leftovers = leftovers();
                if (leftovers != null) {
                    end(id, Status.ERROR, leftovers + ". Exercise code may not start threads or processes: this test "
                            + "earns nothing, and the tests after it ran in a fresh test JVM");
                    events.send("RESTART");
                    Runtime.getRuntime().halt(0);   // whatever was left running dies with this JVM
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    end(id, Status.PASSED, "");
                } else {
                    end(id, statusOf(failure), explain(failure));
                }
            } else if (classOf(identifier).isPresent() && failure != null) {
                // the class itself failed (its set-up, or a static initializer it triggered):
                // none of its tests that have not reported will run
                String cls = classOf(identifier).get();
                for (String pending : List.copyOf(unreported)) {
                    if (pending.startsWith(cls + "#")) end(pending, statusOf(failure), explain(failure));
                }
            }
        }

        /** A failure's message, with the cause of an earlier static-initializer failure it follows from. */
        private String explain(Throwable failure) {
            rememberInitializerFailure(failure);
            String message = describe(failure, testClasses);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof NoClassDefFoundError && t.getMessage() != null && t.getMessage().startsWith("Could not initialize class ")) {
                    String cls = t.getMessage().substring("Could not initialize class ".length()).trim();
                    String cause = failedInitializers.get(cls);
                    if (cause != null) {
                        message += "\n  (" + cls + " could not be set up: its static initializer failed earlier with "
                                + cause + ")";
                    }
                    break;
                }
            }
            return message;
        }

        private void rememberInitializerFailure(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ExceptionInInitializerError && t.getCause() != null) {
                    Throwable cause = t.getCause();
                    for (StackTraceElement frame : cause.getStackTrace()) {
                        if (frame.getMethodName().equals("<clinit>")) {
                            failedInitializers.putIfAbsent(frame.getClassName(), describe(cause, testClasses));
                            break;
                        }
                    }
                    return;
                }
            }
        }

        /** Null when the test left nothing running; else what it left. */
        private String leftovers() {
            List<Thread> threads = newThreads();
            List<ProcessHandle> processes = ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            if (threads.isEmpty() && processes.isEmpty()) return null;
            for (Thread t : threads) {
                try {
                    t.join(100);   // a thread that is just finishing is no offence
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads = newThreads();
            processes = ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
            if (threads.isEmpty() && processes.isEmpty()) return null;
            List<String> what = new ArrayList<>();
            if (!threads.isEmpty()) {
                what.add(threads.size() + (threads.size() == 1 ? " thread (" : " threads (")
                        + threads.stream().map(Thread::getName).limit(5).collect(Collectors.joining(", ")) + ")");
            }
            if (!processes.isEmpty()) what.add(processes.size() + (processes.size() == 1 ? " process" : " processes"));
            return "the code left " + String.join(" and ", what) + " running after the test ended";
        }

        private List<Thread> newThreads() {
            Set<Thread> now = liveThreads();
            now.removeAll(threadsBefore);
            return new ArrayList<>(now);
        }

        private void end(String id, Status status, String message) {
            if (!unreported.remove(id)) return;
            long start = started.getOrDefault(id, System.nanoTime());
            long millis = (System.nanoTime() - start) / 1_000_000;
            events.send("END", Events.encode(id), status.name(), Events.encode(cut(message, MESSAGE_LIMIT)),
                    Events.encode(capture.text()), Long.toString(millis));
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

    /** The live threads of the main thread group (where code under test starts its threads). */
    static Set<Thread> liveThreads() {
        ThreadGroup main = Thread.currentThread().getThreadGroup();
        Thread[] threads = new Thread[main.activeCount() + 16];
        int n = main.enumerate(threads, true);
        Set<Thread> live = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            if (threads[i].isAlive() && threads[i] != Thread.currentThread()) live.add(threads[i]);
        }
        return live;
    }

    /**
     * REJECTED for a method the static check neutralised, NOT_WRITTEN for an exercise stub,
     * NOT_COMPILED when the test does not fit the code (a renamed method), FAILED for an
     * assertion, ERROR for anything else.
     */
    static Status statusOf(Throwable t) {
        Throwable root = unwrap(t);
        if (isRejected(root)) return Status.REJECTED;
        if (isStub(root)) return Status.NOT_WRITTEN;
        if (doesNotFit(root)) return Status.NOT_COMPILED;
        if (root instanceof AssertionError) return Status.FAILED;
        return Status.ERROR;
    }

    static boolean isStub(Throwable t) {
        return t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().startsWith("Exercise ");
    }

    static boolean isRejected(Throwable t) {
        return t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().startsWith(ApiCheck.REJECTED);
    }

    /** A test compiled against other code than it runs with: a method or class it calls is missing or changed. */
    static boolean doesNotFit(Throwable t) {
        return t instanceof LinkageError && !(t instanceof ExceptionInInitializerError)
                && !(t instanceof NoClassDefFoundError && t.getMessage() != null && t.getMessage().startsWith("Could not initialize"));
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
        if (isStub(root) || isRejected(root)) return root.getMessage();
        if (doesNotFit(root)) {
            return "the test does not fit your code: " + root.getClass().getSimpleName() + ": " + root.getMessage()
                    + " (did you rename a method or a class, change its parameters or make it private?)";
        }
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

    /** The text cut to {@code limit} characters, saying how much was left out. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) return text;
        return text.substring(0, limit) + "\n[… " + (text.length() - limit) + " more characters were cut]";
    }

    /** System.out and System.err while tests run: into the capture, and closing them does nothing. */
    private static final class CapturedStream extends PrintStream {
        CapturedStream(OutputStream capture) {
            super(capture, true, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            flush();   // System.out.close() in exercise code must not silence the tests after it
        }
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
