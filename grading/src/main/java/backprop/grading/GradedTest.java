package backprop.grading;

import java.nio.file.Path;

/**
 * One graded test, as its {@link Graded} annotation describes it: where it is, which exercise it
 * checks, what it is worth and who sees it.
 *
 * @param className      the test class, e.g. {@code exercises.ch4.FourEquationsTest}
 * @param method         the test method
 * @param task           the exercise, e.g. {@code "4.2"}
 * @param name           what the test checks
 * @param points         what passing it is worth
 * @param visibility     who sees its result, and when
 * @param timeoutSeconds how long it may run, 0 for the grader's default
 * @param file           the test's source file
 * @param line           the line of its annotation
 */
public record GradedTest(String className, String method, String task, String name, int points,
                         Visibility visibility, int timeoutSeconds, Path file, int line) {

    /** {@code class#method}: how the grader and the test JVM refer to this test. */
    public String id() {
        return className + "#" + method;
    }

    /** The chapter of the task: 4 for {@code "4.2"}. */
    public int chapter() {
        return chapterOf(task);
    }

    /** The package of the test class: {@code exercises.ch4}. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The class name without its package. */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The chapter of a task number such as "4.2". */
    static int chapterOf(String task) {
        return Integer.parseInt(task.substring(0, task.indexOf('.')));
    }

    /** Orders tasks numerically: 1.2 before 1.10 before 2.1. */
    static int compareTasks(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        int chapters = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return chapters != 0 ? chapters : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
