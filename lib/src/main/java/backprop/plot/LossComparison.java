package backprop.plot;

import backprop.nn.History;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The training loss per epoch of several runs on one chart, on a logarithmic scale: the same
 * network trained with different learning rates, with and without momentum, from different
 * initial weights. A run that stopped early (it diverged, or was interrupted) simply ends
 * where its history ends.
 *
 * <pre>{@code
 * Map<String, History> runs = new LinkedHashMap<>();
 * runs.put("η = 0.01", slow);
 * runs.put("η = 0.1", good);
 * XYChart chart = LossComparison.chart("Three learning rates", runs);
 * }</pre>
 */
public final class LossComparison {

    private LossComparison() {}

    /** One line per run: its name → its history. A run without a completed epoch is left out of the chart but named in its legend. */
    public static XYChart chart(String title, Map<String, History> runs) {
        if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("nothing to draw: give at least one training history");
        XYChart chart = ChartStyle.xyChart(title, "epoch", "training loss (logarithmic scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(1.0);
        int colour = 0, epochs = 1;
        for (Map.Entry<String, History> run : runs.entrySet()) {
            History history = run.getValue();
            if (history == null) throw new IllegalArgumentException("the history of '" + run.getKey() + "' is null");
            double[] x = history.epochNumbers(), y = history.trainLoss();
            if (x.length == 0) {
                x = new double[] {1};
                y = new double[] {Double.NaN};   // XChart wants a point; NaN draws nothing
            }
            for (double v : y) {
                if (!Double.isNaN(v) && !(v > 0)) {
                    throw new IllegalArgumentException("'" + run.getKey() + "' has a training loss of " + v + ": a logarithmic axis needs positive numbers");
                }
            }
            ChartStyle.line(chart.addSeries(run.getKey(), x, y), colour++);
            epochs = Math.max(epochs, history.plannedEpochs());
        }
        chart.getStyler().setXAxisMax((double) Math.max(2, epochs));
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }
}
