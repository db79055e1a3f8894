package backprop.grading;

/**
 * Who sees a graded test's result, and when: Gradescope's four settings.
 *
 * <p>The release tool copies a test file into the students' {@code exercises/} only when every
 * graded test in it is {@link #VISIBLE}. Tests with any other visibility live in their own files
 * (by convention {@code …HiddenTest.java}) that stay in {@code solutions/}: the grader runs them,
 * students never see their code.
 */
public enum Visibility {
    /** Shown to students at once; its code is in the students' copy, {@code Check.task} runs it. */
    VISIBLE("visible"),
    /** Never shown to students (its points still count). */
    HIDDEN("hidden"),
    /** Shown once the assignment's due date has passed. */
    AFTER_DUE_DATE("after_due_date"),
    /** Shown once the instructor publishes the grades. */
    AFTER_PUBLISHED("after_published");

    private final String gradescopeName;

    Visibility(String gradescopeName) {
        this.gradescopeName = gradescopeName;
    }

    /** The value of the {@code visibility} field in Gradescope's {@code results.json}. */
    public String gradescopeName() {
        return gradescopeName;
    }
}
