package backprop.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The record of a training run: one {@link Epoch} per completed epoch, and whether the run was
 * interrupted before it finished.
 *
 * <pre>{@code
 * History history = network.train(train, test, Sgd.of(0.5, 32, 30));
 * history.last().testAccuracy()    // e.g. 0.975
 * history.testLoss()               // one value per epoch, for a chart
 * }</pre>
 */
public final class History {

    private final List<Epoch> epochs = new ArrayList<>();
    private final int plannedEpochs;
    private boolean interrupted;

    /** An empty history of a run planned for {@code plannedEpochs} epochs. */
    public History(int plannedEpochs) {
        this.plannedEpochs = plannedEpochs;
    }

    void add(Epoch epoch) {
        epochs.add(epoch);
    }

    void markInterrupted() {
        interrupted = true;
    }

    /** The completed epochs, first to last. */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(new ArrayList<>(epochs));
    }

    /** The number of completed epochs. */
    public int size() {
        return epochs.size();
    }

    /** How many epochs the run was asked for. */
    public int plannedEpochs() {
        return plannedEpochs;
    }

    /** Whether the run stopped early because its thread was interrupted (Kernel → Interrupt). */
    public boolean interrupted() {
        return interrupted;
    }

    /** The last completed epoch. */
    public Epoch last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch has been completed yet");
        return epochs.get(epochs.size() - 1);
    }

    /** Whether the run measured a test set. */
    public boolean hasTest() {
        return !epochs.isEmpty() && epochs.get(0).hasTest();
    }

    /** 1, 2, …, one number per completed epoch: the x axis of a learning curve. */
    public double[] epochNumbers() {
        return epochs.stream().mapToDouble(Epoch::number).toArray();
    }

    /** The training loss of each epoch. */
    public double[] trainLoss() {
        return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
    }

    /** The training accuracy of each epoch. */
    public double[] trainAccuracy() {
        return epochs.stream().mapToDouble(Epoch::trainAccuracy).toArray();
    }

    /** The test loss of each epoch (NaN without a test set). */
    public double[] testLoss() {
        return epochs.stream().mapToDouble(Epoch::testLoss).toArray();
    }

    /** The test accuracy of each epoch (NaN without a test set). */
    public double[] testAccuracy() {
        return epochs.stream().mapToDouble(Epoch::testAccuracy).toArray();
    }

    /** The time of each epoch in milliseconds. */
    public double[] millis() {
        return epochs.stream().mapToDouble(Epoch::millis).toArray();
    }

    /**
     * A text progress bar, for places where a chart cannot be updated in place:
     * {@code [██████░░░░░░░░░░░░░░]  9/30  epoch   9  train loss 0.1234 …}.
     */
    public String progressBar() {
        int width = 20;
        int done = plannedEpochs == 0 ? width : (int) Math.round(width * (double) size() / plannedEpochs);
        String bar = "[" + "█".repeat(done) + "░".repeat(width - done) + "] "
                + String.format(Locale.ROOT, "%2d/%d", size(), plannedEpochs);
        return epochs.isEmpty() ? bar : bar + "  " + last();
    }

    /** One line per epoch, and a last line if the run was interrupted. */
    @Override
    public String toString() {
        var text = new StringBuilder("History: " + size() + " of " + plannedEpochs + " epochs");
        for (Epoch epoch : epochs) text.append('\n').append(epoch);
        if (interrupted) text.append("\ninterrupted after epoch ").append(size());
        return text.toString();
    }
}
