package backprop.grading;

import java.util.Locale;

/**
 * How the test JVM, where student code runs, is kept apart from the machine. The grader uses the
 * strongest the machine allows ({@link #AUTO}) unless told otherwise, and every report says which
 * one was in force.
 */
public enum Isolation {
    /** The strongest available: bubblewrap, else an unprivileged user (when the grader is root), else none. */
    AUTO("auto", "the strongest available"),
    /**
     * A bubblewrap sandbox: a read-only view of the system's programs and of the jars and classes
     * grading needs (nothing else: no kit, no solutions, no test sources), a private /tmp, no
     * network, its own process namespace (every process it starts ends with it), and an
     * unprivileged user id.
     */
    BUBBLEWRAP("bubblewrap", "bubblewrap sandbox: read-only view of the system and of the grading classes only, "
            + "private /tmp, no network, own process namespace, unprivileged user"),
    /**
     * An unprivileged user id of its own (the grader runs as root, but the machine refuses
     * namespaces, as a Docker container may): it cannot write what root owns, signal the grader or
     * read files that are not readable by every user; its processes are ended by user id.
     */
    USER("user", "unprivileged user of its own: cannot write the grader's files or signal it, reads only what "
            + "every user may read; network not isolated"),
    /** None: student code runs as the grader's own user (a student's laptop). The static check still applies. */
    NONE("none", "none: the test JVM runs as the grader's own user (the static check still applies)");

    private final String option;
    private final String description;

    Isolation(String option, String description) {
        this.option = option;
        this.description = description;
    }

    /** The word for {@code --isolation} and {@code BACKPROP_ISOLATION}: auto, bubblewrap, user, none. */
    public String option() {
        return option;
    }

    /** What it guarantees, in a line, for reports. */
    public String description() {
        return description;
    }

    /** The mode {@code BACKPROP_ISOLATION} names, else {@link #AUTO}: how a grader picks when nobody tells it. */
    public static Isolation fromEnvironment() {
        String word = System.getenv(Sandbox.ENVIRONMENT);
        return word == null || word.isBlank() ? AUTO : of(word.trim());
    }

    /** The mode a word names. */
    public static Isolation of(String word) {
        for (Isolation i : values()) {
            if (i.option.equals(word.toLowerCase(Locale.ROOT))) return i;
        }
        throw new IllegalArgumentException("isolation '" + word + "' is not one of auto, bubblewrap, user, none");
    }
}
