package backprop.grading.cohort;

/**
 * One slice of a class, so that several machines can grade it at once: shard {@code index} of
 * {@code count}, counted from 1 as in {@code --shard 2/4}.
 *
 * <p>The students are put in order of their id and dealt out like cards: student number
 * {@code p} (from 0) goes to shard {@code p mod count + 1}. The slice depends only on the roster,
 * so every machine that reads the same roster agrees on it, and the shards differ in size by one
 * student at most.
 *
 * <pre>{@code
 * Shard second = Shard.parse("2/4");
 * second.takes(1);   // true: the second student in id order
 * second.takes(5);   // true: the sixth
 * }</pre>
 *
 * <p>Engines number their workers in their own ways: a Kubernetes Indexed Job sets
 * {@code JOB_COMPLETION_INDEX} from 0, a GitHub Actions matrix gives whatever values the workflow
 * lists. The kit's manifests turn those into {@code i/n} on the command line.
 */
public record Shard(int index, int count) {

    /** The whole class, unsharded. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1) throw new IllegalArgumentException("a class splits into at least 1 shard, got " + count);
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: shards are numbered 1 to " + count);
        }
    }

    /** Reads {@code "2/4"}. */
    public static Shard parse(String text) {
        if (text == null || !text.strip().matches("[0-9]+/[0-9]+")) {
            throw new IllegalArgumentException("--shard takes i/n, such as 2/4 (shards are numbered from 1), got "
                    + (text == null ? "nothing" : "'" + text + "'"));
        }
        String[] parts = text.strip().split("/");
        try {
            return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + text + ": the numbers are too large");
        }
    }

    /** Whether the student at {@code position} (from 0, in id order) belongs to this shard. */
    public boolean takes(int position) {
        return position % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
