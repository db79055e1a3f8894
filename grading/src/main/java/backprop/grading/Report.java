package backprop.grading;

import java.util.List;

/**
 * The result of grading: one {@link TestResult} per graded test that was selected, whatever
 * happened to the code (a test that could not run is in the report as failed, with the reason).
 *
 * @param results   the results, ordered by task
 * @param seconds   how long grading took, compiling included
 * @param notes     what the grader wants the reader to know (compile problems, rejected code)
 * @param isolation the isolation the student code ran in ({@link Isolation#description()}), "" when unknown
 */
public record Report(List<TestResult> results, double seconds, List<String> notes, String isolation) {

    public Report {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
        isolation = isolation == null ? "" : isolation;
    }

    /** A report without a word on isolation (one put together by hand, say). */
    public Report(List<TestResult> results, double seconds, List<String> notes) {
        this(results, seconds, notes, "");
    }

    /** The points earned. */
    public int score() {
        return results.stream().mapToInt(TestResult::score).sum();
    }

    /** The points at stake. */
    public int maxScore() {
        return results.stream().mapToInt(r -> r.test().points()).sum();
    }

    /** The score as a percentage of the maximum (100 when nothing was at stake). */
    public double percent() {
        return maxScore() == 0 ? 100 : 100.0 * score() / maxScore();
    }

    /** How many tests passed. */
    public long passed() {
        return results.stream().filter(TestResult::passed).count();
    }
}
