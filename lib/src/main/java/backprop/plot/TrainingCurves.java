package backprop.plot;

import backprop.nn.History;
import org.knowm.xchart.XYChart;

/**
 * Learning curves from a training {@link History}: loss or accuracy per epoch, training set
 * (solid) against test set (dashed). A test curve that turns up while the training curve keeps
 * falling is overfitting.
 *
 * <pre>{@code
 * History history = network.train(train, test, Sgd.of(0.5, 32, 30));
 * XYChart loss = TrainingCurves.loss(history);
 * XYChart accuracy = TrainingCurves.accuracy(history);
 * }</pre>
 */
public final class TrainingCurves {

    private TrainingCurves() {}

    /** Train and test loss per epoch. */
    public static XYChart loss(History history) {
        return loss("Loss", history);
    }

    /** Train and test loss per epoch, with a title. */
    public static XYChart loss(String title, History history) {
        requireEpochs(history);
        XYChart chart = ChartStyle.xyChart(title, "epoch", "loss");
        draw(chart, history, false);
        return chart;
    }

    /** Train and test accuracy per epoch, in %. */
    public static XYChart accuracy(History history) {
        return accuracy("Accuracy", history);
    }

    /** Train and test accuracy per epoch, in %, with a title. */
    public static XYChart accuracy(String title, History history) {
        requireEpochs(history);
        XYChart chart = ChartStyle.xyChart(title, "epoch", "accuracy (%)");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        draw(chart, history, true);
        return chart;
    }

    /** Adds or replaces the "train" and "test" series of {@code chart} from {@code history}. */
    static void draw(XYChart chart, History history, boolean accuracy) {
        double[] x = history.epochNumbers();
        double[] train = accuracy ? percent(history.trainAccuracy()) : history.trainLoss();
        set(chart, "train", x, train, false);
        if (history.hasTest()) {
            double[] test = accuracy ? percent(history.testAccuracy()) : history.testLoss();
            set(chart, "test", x, test, true);
        }
    }

    private static void set(XYChart chart, String name, double[] x, double[] y, boolean dashed) {
        if (chart.getSeries(name) != null) {
            chart.updateXYSeries(name, x, y, null);
        } else if (dashed) {
            ChartStyle.dashed(chart.addSeries(name, x, y), 1);
        } else {
            ChartStyle.line(chart.addSeries(name, x, y), 0);
        }
    }

    private static double[] percent(double[] fractions) {
        double[] out = new double[fractions.length];
        for (int i = 0; i < out.length; i++) out[i] = 100 * fractions[i];
        return out;
    }

    private static void requireEpochs(History history) {
        if (history == null) throw new IllegalArgumentException("the history is null");
        if (history.size() == 0) throw new IllegalArgumentException("the history has no completed epochs to draw");
    }
}
