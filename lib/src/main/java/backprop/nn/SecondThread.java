package backprop.nn;

import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for the training loop, so that the two halves of a mini-batch are computed at
 * the same time on a machine with two cores or more.
 *
 * <pre>{@code
 * try (SecondThread second = SecondThread.startIfUseful()) {
 *     SecondThread.both(second, () -> work(firstHalf), () -> work(secondHalf));
 * }
 * }</pre>
 *
 * <p>Why not an {@code ExecutorService}: one mini-batch of the digits network takes about 30 µs,
 * and waking a sleeping pool thread costs several microseconds each time. This thread instead
 * spins (busy-waits) for its next task for a short while, so a hand-over costs well under a
 * microsecond, and goes to sleep only when no task has come for {@value #SPIN_NANOS} ns (between
 * epochs, while a notebook redraws its chart). It ends when it is closed; it is a daemon, so it
 * never keeps the JVM alive.
 *
 * <p>With {@code null} (one core), {@link #both} simply runs the two tasks one after the other:
 * the numbers computed are the same either way.
 */
final class SecondThread implements AutoCloseable {

    /** How long the thread busy-waits for a task before it sleeps. */
    static final long SPIN_NANOS = 200_000;

    private final Thread thread;
    private volatile Runnable task;        // set by the training thread, taken by this thread
    private volatile boolean busy;         // true from start() until the task has finished
    private volatile Throwable failure;    // what the last task threw, if anything
    private volatile boolean closed;

    private SecondThread() {
        thread = new Thread(this::loop, "backprop-second-half");
        thread.setDaemon(true);
        thread.start();
    }

    /** A second thread when the machine has a second core for it, else {@code null}. */
    static SecondThread startIfUseful() {
        return Runtime.getRuntime().availableProcessors() >= 2 ? new SecondThread() : null;
    }

    /** Runs {@code first} on the calling thread and {@code second} on {@code other} at the same time (or after it, when {@code other} is null). */
    static void both(SecondThread other, Runnable first, Runnable second) {
        if (other == null) {
            first.run();
            second.run();
            return;
        }
        other.start(second);
        try {
            first.run();
        } finally {
            other.await();
        }
    }

    private void start(Runnable work) {
        failure = null;
        busy = true;
        task = work;                       // the volatile write publishes everything written before it
        LockSupport.unpark(thread);
    }

    private void await() {
        while (busy) Thread.onSpinWait();
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) throw e;
        if (thrown instanceof Error e) throw e;
        if (thrown != null) throw new IllegalStateException("the second half of the batch failed", thrown);
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (!closed) {
            Runnable work = task;
            if (work != null) {
                task = null;
                try {
                    work.run();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    busy = false;          // publishes the task's results to the waiting thread
                }
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);    // start() and close() wake it
                idleSince = System.nanoTime();
            }
        }
    }

    /** Lets the thread finish. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
