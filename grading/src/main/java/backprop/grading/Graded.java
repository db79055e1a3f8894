package backprop.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;

/**
 * Marks a JUnit 5 test as graded: which exercise it checks, what it is called, what it is worth
 * and who sees it. A {@code @Graded} method is a test by itself (this annotation carries
 * {@link Test}), so it needs no {@code @Test} of its own.
 *
 * <pre>{@code
 * @Graded(task = "4.2", name = "BP2 on a 3-2 layer", points = 2)
 * void bp2OnASmallLayer() { ... }
 *
 * @Graded(task = "4.2", name = "BP2 with a wide next layer", points = 1, visibility = Visibility.HIDDEN)
 * void bp2WithAWideNextLayer() { ... }
 * }</pre>
 *
 * <p>Write every value as a literal (as above): the grader reads these annotations from the test
 * sources before anything is compiled, so that a student's compile error still leaves a complete
 * report with every task in it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
public @interface Graded {

    /** The exercise this test checks, {@code "chapter.number"}: {@code "4.2"}. */
    String task();

    /** What the test checks, in a few words a student understands: {@code "BP2 on a 3-2 layer"}. */
    String name();

    /** What passing it is worth; at least 1. */
    int points();

    /** Who sees the result and when; visible by default. */
    Visibility visibility() default Visibility.VISIBLE;

    /** How long the test may run before it counts as failed; 0 means the grader's default (5 s). */
    int timeoutSeconds() default 0;
}
