package backprop.grading.cohort;

import backprop.grading.Visibility;
import java.util.Locale;

/**
 * Which tests' details a student may read in their feedback, as Gradescope's visibility settings
 * define it: visible tests always; after-due-date tests once the due date has passed;
 * after-published tests once grades are published; hidden tests never. Hidden tests still count
 * towards the score, and the feedback says that a hidden test failed, not which or why.
 */
public enum Reveal {
    /** Only the visible tests' details (the default). */
    VISIBLE,
    /** Also the after-due-date tests': the due date has passed. */
    AFTER_DUE_DATE,
    /** Also the after-published tests': the grades are published. */
    AFTER_PUBLISHED;

    /** Whether a test of this visibility shows its name and message. */
    public boolean shows(Visibility visibility) {
        return switch (visibility) {
            case VISIBLE -> true;
            case AFTER_DUE_DATE -> this != VISIBLE;
            case AFTER_PUBLISHED -> this == AFTER_PUBLISHED;
            case HIDDEN -> false;
        };
    }

    /** Reads {@code visible}, {@code after-due-date} or {@code after-published}. */
    public static Reveal parse(String text) {
        for (Reveal r : values()) {
            if (r.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) return r;
        }
        throw new IllegalArgumentException("--reveal takes visible, after-due-date or after-published, got " + text);
    }
}
