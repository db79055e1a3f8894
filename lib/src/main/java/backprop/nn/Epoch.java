package backprop.nn;

import java.util.Locale;

/**
 * What one epoch of training achieved.
 *
 * <p>The training figures are averages over the epoch's mini-batches, each measured by the
 * forward pass that training does anyway, just before that batch's step: they cost nothing
 * extra, but they mix the network's states across the epoch (as most libraries report them).
 * The test figures are measured on the test set after the epoch's last step. Without a test set
 * they are {@code NaN}.
 *
 * @param number        1 for the first epoch
 * @param trainLoss     the mean cost over the epoch's training examples
 * @param trainAccuracy the fraction of training examples classified correctly during the epoch
 * @param testLoss      the mean cost on the test set after the epoch, or NaN
 * @param testAccuracy  the fraction of the test set classified correctly after the epoch, or NaN
 * @param millis        how long the epoch took, test evaluation included
 */
public record Epoch(int number, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double millis) {

    /** Whether the test figures were measured. */
    public boolean hasTest() {
        return !Double.isNaN(testLoss);
    }

    /** One line, without the time (so that a notebook's printed output is the same on every run). */
    @Override
    public String toString() {
        String train = String.format(Locale.ROOT, "epoch %3d  train loss %.4f  accuracy %6.2f%%", number, trainLoss, 100 * trainAccuracy);
        return hasTest()
                ? train + String.format(Locale.ROOT, "  |  test loss %.4f  accuracy %6.2f%%", testLoss, 100 * testAccuracy)
                : train;
    }
}
