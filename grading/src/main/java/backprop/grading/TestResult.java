package backprop.grading;

/**
 * The result of one graded test.
 *
 * @param test    the test
 * @param status  how it ended
 * @param message what went wrong, for the student ("" when it passed)
 * @param output  what the code printed while the test ran, cut to a bounded length
 * @param seconds how long it ran
 */
public record TestResult(GradedTest test, Status status, String message, String output, double seconds) {

    public TestResult {
        message = message == null ? "" : message;
        output = output == null ? "" : output;
    }

    /** The points earned: all of the test's points if it passed, none otherwise. */
    public int score() {
        return status == Status.PASSED ? test.points() : 0;
    }

    /** Whether it passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
