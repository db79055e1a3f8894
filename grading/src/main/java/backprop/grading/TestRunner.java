package backprop.grading;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Runs graded tests in a separate JVM ({@link TestProcess}), inside the {@link Sandbox}, and
 * survives whatever the code under test does.
 *
 * <p>The test JVM reports each test as it starts and ends. This side keeps a clock on the test
 * that is running: past its time limit the JVM is killed and the test recorded as timed out. If
 * the JVM dies during a test ({@code System.exit}, out of memory, a crash), the test is recorded
 * as crashed, with what the JVM said. Either way a fresh JVM is started for the tests that have
 * not run yet, so one runaway test costs only its own points. A second clock, the total time of
 * the submission, stops everything: the test that is running times out and the rest are not run.
 * Whenever a test JVM ends, every process it started ends with it.
 */
final class TestRunner {

    /**
     * Per-run settings.
     *
     * @param classpath             the test JVM's classpath: the grader's jars first, then the tests, then the code
     * @param deadline              {@link System#nanoTime()} at which the submission's total time is up
     * @param totalTimeoutSeconds   that total, for messages
     * @param work                  a folder of the grader's for the test JVMs' private folders
     * @param moreOptions           more options for the test JVM (the class-data archive it maps), naming extras as {@code @EXTRA<i>@}
     * @param extras                what the test JVM sees besides its classpath ({@link Sandbox.Extra})
     */
    record Settings(List<Path> classpath, int defaultTimeoutSeconds, int heapMegabytes, int outputLimit,
                    int startupTimeoutSeconds, long deadline, int totalTimeoutSeconds, Sandbox sandbox, Path work,
                    List<String> moreOptions, List<Sandbox.Extra> extras) {

        Settings {
            moreOptions = List.copyOf(moreOptions);
            extras = List.copyOf(extras);
        }
    }

    /** What the test JVM reported for one test. */
    record Outcome(Status status, String message, String output, double seconds) {}

    /** Every test's outcome, and what the reader should know besides (a JVM that died between tests). */
    record Run(Map<GradedTest, Outcome> outcomes, List<String> notes) {}

    private sealed interface Event permits Ready, Start, End, Exiting, Restart, Done, Closed {}
    private record Ready() implements Event {}
    private record Start(String id) implements Event {}
    private record End(String id, Status status, String message, String output, double seconds) implements Event {}
    private record Exiting() implements Event {}
    private record Restart() implements Event {}
    private record Done() implements Event {}
    private record Closed() implements Event {}

    /** The most characters of the test JVM's own error output kept for crash messages. */
    private static final int STDERR_LIMIT = 4000;

    private final Settings settings;

    TestRunner(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs the tests, in the order given; returns an outcome for every one of them.
     *
     * @param finished told of each outcome as soon as it is known (for reports written as tests finish)
     */
    Run run(List<GradedTest> tests, BiConsumer<GradedTest, Outcome> finished) {
        Map<GradedTest, Outcome> outcomes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        BiConsumer<GradedTest, Outcome> record = (test, outcome) -> {
            if (!outcomes.containsKey(test)) {
                outcomes.put(test, outcome);
                finished.accept(test, outcome);
            }
        };
        List<GradedTest> remaining = new ArrayList<>(tests);
        while (!remaining.isEmpty()) {
            if (System.nanoTime() - settings.deadline() >= 0) {
                for (GradedTest t : remaining) {
                    record.accept(t, new Outcome(Status.NOT_RUN, "grading stopped before this test ran: the submission "
                            + "used up its total time of " + settings.totalTimeoutSeconds() + " s", "", 0));
                }
                break;
            }
            int before = remaining.size();
            runOnce(remaining, record, notes);
            remaining.removeIf(outcomes::containsKey);
            if (remaining.size() == before && System.nanoTime() - settings.deadline() < 0) {
                // the JVM died without getting through a single test: do not start it again and again
                for (GradedTest t : remaining) {
                    record.accept(t, new Outcome(Status.CRASHED, "the test JVM stopped before it could run this test", "", 0));
                }
                remaining.clear();
            }
        }
        Map<GradedTest, Outcome> ordered = new LinkedHashMap<>();
        for (GradedTest t : tests) ordered.put(t, outcomes.get(t));
        return new Run(ordered, notes);
    }

    /** One test JVM: runs as many of the tests as it can, recording each. */
    private void runOnce(List<GradedTest> tests, BiConsumer<GradedTest, Outcome> record, List<String> notes) {
        Map<String, GradedTest> byId = tests.stream().collect(Collectors.toMap(GradedTest::id, t -> t, (a, b) -> a, LinkedHashMap::new));
        String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Sandbox.Jail jail;
        try {
            jail = settings.sandbox().start(jvmOptions(), settings.classpath(), TestProcess.class.getName(), settings.work(),
                    settings.extras());
        } catch (IOException | RuntimeException e) {
            for (GradedTest t : tests) record.accept(t, new Outcome(Status.CRASHED, "could not start the test JVM: " + e.getMessage(), "", 0));
            return;
        }
        Process process = jail.process();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        var stderr = new StringBuilder();    // the JVM's own messages, on either stream
        Thread reader = daemon(() -> readEvents(process.getInputStream(), nonce, events, stderr), "grading-events");
        Thread drain = daemon(() -> drain(process.getErrorStream(), stderr), "grading-stderr");
        reader.start();
        drain.start();
        // standard input stays open while the JVM runs: when it closes, the JVM knows the grader is gone
        var in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        try {
            in.write(nonce + "\n");
            for (String id : byId.keySet()) in.write(id + "\n");
            in.write("\n");
            in.flush();
        } catch (IOException e) {
            // the JVM died at once; its error output says why
        }

        String running = null, lastEnded = null;
        long deadline = Math.min(System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.startupTimeoutSeconds()), settings.deadline());
        boolean ready = false, exiting = false, restarting = false;
        try {
            while (true) {
                long wait = deadline - System.nanoTime();
                Event event = wait > 0 ? events.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    // a clock ran out: a test that never ends, a JVM that never started, or the total time
                    boolean total = System.nanoTime() - settings.deadline() >= 0;
                    jail.close();
                    if (running != null && byId.containsKey(running)) {
                        GradedTest test = byId.get(running);
                        String why = total
                                ? "grading stopped during this test: the submission used up its total time of "
                                        + settings.totalTimeoutSeconds() + " s"
                                : "did not finish within " + timeoutOf(test) + " s: an infinite loop, or code far slower "
                                        + "than it should be (a loop whose condition never becomes false? a recursion that never stops?)";
                        record.accept(test, new Outcome(Status.TIMEOUT, why, "", total ? 0 : timeoutOf(test)));
                    } else if (!ready && !total) {
                        for (GradedTest t : tests) {
                            record.accept(t, new Outcome(Status.CRASHED, "the test JVM did not start within "
                                    + settings.startupTimeoutSeconds() + " s" + stderrNote(stderr), "", 0));
                        }
                    }
                    return;
                }
                if (event instanceof Ready) {
                    ready = true;
                    deadline = settings.deadline();
                } else if (event instanceof Start start) {
                    running = start.id();
                    GradedTest test = byId.get(running);
                    long limit = TimeUnit.SECONDS.toNanos(test == null ? settings.defaultTimeoutSeconds() : timeoutOf(test));
                    deadline = Math.min(System.nanoTime() + limit, settings.deadline());
                } else if (event instanceof End end) {
                    GradedTest test = byId.get(end.id());
                    if (test != null) record.accept(test, new Outcome(end.status(), end.message(), end.output(), end.seconds()));
                    lastEnded = end.id();
                    running = null;
                    deadline = settings.deadline();
                } else if (event instanceof Exiting) {
                    exiting = true;
                } else if (event instanceof Restart) {
                    restarting = true;
                } else if (event instanceof Done) {
                    // closing its input now lets the JVM end at once: a JVM that ends waits up to
                    // 0.3 s for threads blocked in native code, such as its watchdog reading that input
                    closeQuietly(in);
                    process.waitFor(5, TimeUnit.SECONDS);
                    return;
                } else if (event instanceof Closed) {
                    // the JVM's output ended without DONE: it died
                    boolean exited = process.waitFor(5, TimeUnit.SECONDS);
                    drain.join(2000);
                    int code = exited ? process.exitValue() : -1;
                    if (running != null && byId.containsKey(running)) {
                        record.accept(byId.get(running), new Outcome(Status.CRASHED, crashMessage(code, exiting, stderr), "", 0));
                    } else if (!ready) {
                        for (GradedTest t : tests) {
                            record.accept(t, new Outcome(Status.CRASHED, "the test JVM did not start (exit status "
                                    + code + ")" + stderrNote(stderr), "", 0));
                        }
                    } else if (!restarting && lastEnded != null) {
                        // nobody's test was running: say when it happened rather than blame the next test
                        GradedTest after = byId.get(lastEnded);
                        String which = after == null || after.visibility() != Visibility.VISIBLE ? "a test students do not see"
                                : "test " + after.task() + " \"" + after.name() + "\"";
                        notes.add("The test JVM ended between two tests, after " + which + ": "
                                + crashMessage(code, exiting, stderr) + ". The tests after it ran in a fresh test JVM.");
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (GradedTest t : tests) record.accept(t, new Outcome(Status.CRASHED, "grading was interrupted", "", 0));
        } finally {
            jail.close();
            closeQuietly(in);
        }
    }

    private static void closeQuietly(java.io.Writer in) {
        try {
            in.close();
        } catch (IOException e) {
            // the JVM is gone
        }
    }

    private int timeoutOf(GradedTest test) {
        return test.timeoutSeconds() > 0 ? test.timeoutSeconds() : settings.defaultTimeoutSeconds();
    }

    private static String crashMessage(int code, boolean calledExit, StringBuilder stderr) {
        String err;
        synchronized (stderr) {
            err = stderr.toString();
        }
        if (err.contains("OutOfMemoryError")) {
            return "ran out of memory (java.lang.OutOfMemoryError): the code keeps more than the test JVM's heap "
                    + "can hold (a list or array that grows without end?)";
        }
        if (calledExit) {
            return "the code called System.exit(" + code + "), which ends the program that runs it (here the "
                    + "test JVM; in a notebook, the kernel): report a problem with an exception instead";
        }
        return "the test JVM died during this test (exit status " + code + ")" + stderrNote(stderr);
    }

    private static String stderrNote(StringBuilder stderr) {
        String err;
        synchronized (stderr) {
            err = stderr.toString().strip();
        }
        return err.isEmpty() ? "" : "\nThe JVM said: " + err;
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(TestJvmOptions.of(settings.heapMegabytes(), settings.outputLimit()));
        options.addAll(settings.moreOptions());
        return options;
    }

    /** Turns the test JVM's protocol lines into events; anything else on that stream is ignored. */
    private static void readEvents(InputStream stream, String nonce, BlockingQueue<Event> events, StringBuilder other) {
        String prefix = TestProcess.PREFIX + " " + nonce + " ";
        try (Reader in = new java.io.BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 65536)) {
            var line = new StringBuilder();
            int c;
            boolean tooLong = false;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    if (!tooLong && !parse(line.toString(), prefix, events)) keep(other, line.append('\n'));
                    line.setLength(0);
                    tooLong = false;
                } else if (line.length() < 4_000_000) {
                    line.append((char) c);
                } else {
                    tooLong = true;   // not one of ours: our lines are bounded by the output and message limits
                }
            }
        } catch (IOException e) {
            // the stream closed with the process
        }
        events.add(new Closed());
    }

    /** Adds an event for a protocol line; false for any other line. */
    private static boolean parse(String line, String prefix, BlockingQueue<Event> events) {
        if (!line.startsWith(prefix)) return false;
        String[] parts = line.substring(prefix.length()).split(" ");
        try {
            switch (parts[0]) {
                case "READY" -> events.add(new Ready());
                case "START" -> events.add(new Start(decode(parts[1])));
                case "END" -> events.add(new End(decode(parts[1]), Status.valueOf(parts[2]), decode(parts[3]),
                        decode(parts[4]), Long.parseLong(parts[5]) / 1000.0));
                case "EXITING" -> events.add(new Exiting());
                case "RESTART" -> events.add(new Restart());
                case "DONE" -> events.add(new Done());
                default -> { }
            }
        } catch (RuntimeException malformed) {
            // ignore a line that only looks like ours
        }
        return true;
    }

    private static void keep(StringBuilder into, CharSequence text) {
        synchronized (into) {
            int room = STDERR_LIMIT - into.length();
            if (room > 0) into.append(text, 0, Math.min(room, text.length()));
        }
    }

    private static String decode(String field) {
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }

    /** Reads a stream to its end, keeping its first characters. */
    private static void drain(InputStream stream, StringBuilder into) {
        try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            int n;
            while ((n = in.read(buffer)) != -1) keep(into, java.nio.CharBuffer.wrap(buffer, 0, n));
        } catch (IOException e) {
            // closed with the process
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
