package backprop.nn;

import java.util.Locale;

/**
 * How well a network does on a dataset: its mean cost and the fraction of examples it classifies
 * correctly.
 *
 * <pre>{@code
 * Evaluation result = network.evaluate(test);
 * result.accuracy()      // e.g. 0.9722
 * result                 // "loss 0.0981, accuracy 97.22%"
 * }</pre>
 *
 * @param loss     the mean cost over the examples
 * @param accuracy the fraction classified correctly, from 0 to 1
 */
public record Evaluation(double loss, double accuracy) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.2f%%", loss, 100 * accuracy);
    }
}
