package backprop.plot;

import backprop.nn.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The confusion matrix as a heat map: row = the true class, column = the class the network
 * gave, each cell the number of examples. The diagonal holds the right answers; a dark cell off
 * it is a pair of classes the network mixes up.
 *
 * <pre>{@code
 * HeatMapChart chart = ConfusionChart.chart("Digits, test set", test.y(), network.classify(test), test.classNames());
 * }</pre>
 */
public final class ConfusionChart {

    private ConfusionChart() {}

    /** The confusion matrix of {@code predicted} against {@code actual}. */
    public static HeatMapChart chart(String title, int[] actual, int[] predicted, List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) throw new IllegalArgumentException("need the class names");
        return chart(title, Metrics.confusion(actual, predicted, classNames.size()), classNames);
    }

    /** A heat map of given counts: {@code counts[actual][predicted]}. */
    public static HeatMapChart chart(String title, int[][] counts, List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) throw new IllegalArgumentException("need the class names");
        int k = classNames.size();
        if (counts == null || counts.length != k) {
            throw new IllegalArgumentException("need a " + k + "×" + k + " matrix of counts for " + k + " classes");
        }
        int max = 0;
        for (int[] row : counts) {
            if (row == null || row.length != k) {
                throw new IllegalArgumentException("need a " + k + "×" + k + " matrix of counts for " + k + " classes");
            }
            for (int c : row) {
                if (c < 0) throw new IllegalArgumentException("a count cannot be negative, got " + c);
                max = Math.max(max, c);
            }
        }
        int side = Math.max(360, Math.min(640, 120 + 48 * k));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 40).height(side)
                .title(title == null ? "" : title).xAxisTitle("predicted").yAxisTitle("actual").build();
        ChartStyle.apply(chart);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.max(1, max));
        // long class names ("T-shirt/top", "Ankle boot") would run into each other under the columns
        if (classNames.stream().anyMatch(name -> name.length() > 4)) chart.getStyler().setXAxisLabelRotation(40);
        // XChart puts the first y category at the bottom; list them backwards so class 0 is on top.
        List<String> down = new ArrayList<>(classNames);
        java.util.Collections.reverse(down);
        var cells = new ArrayList<Number[]>();
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                cells.add(new Number[] {predicted, k - 1 - actual, counts[actual][predicted]});
            }
        }
        chart.addSeries("confusion", classNames, down, cells);
        return chart;
    }
}
