package backprop.grading;

/** How a graded test ended. Only {@link #PASSED} earns its points. */
public enum Status {
    /** The test ran and passed. */
    PASSED("passed"),
    /** An assertion failed: the code ran but gave a wrong answer. */
    FAILED("failed"),
    /** The test reached an exercise stub that still throws "Exercise N.M: …". */
    NOT_WRITTEN("not written"),
    /** The code threw an exception (or a StackOverflowError) of its own. */
    ERROR("error"),
    /** The test ran longer than its time limit: an infinite loop, or very slow code. */
    TIMEOUT("timed out"),
    /** The test JVM died during the test: System.exit, running out of memory, a crash. */
    CRASHED("crashed"),
    /** The code the test needs does not compile (or does not fit the test). */
    NOT_COMPILED("not compiled"),
    /**
     * The test reached code the static check rejected: a method that uses what exercise code may
     * not (reflection, files, processes, threads, the library's ready-made answer…).
     */
    REJECTED("rejected"),
    /** Grading stopped before this test ran: the submission used up its total time. */
    NOT_RUN("not run");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** A word or two for tables: "passed", "timed out". */
    public String label() {
        return label;
    }
}
