package backprop.plot;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One number per layer, for several networks side by side, on a logarithmic scale: how the size
 * of the gradient (or of the signal) changes from layer to layer. A line that falls towards the
 * input layer is a vanishing gradient, one that rises is an exploding gradient, a flat one is
 * what training needs.
 *
 * <pre>{@code
 * Map<String, double[]> speeds = new LinkedHashMap<>();
 * speeds.put("sigmoid", new double[] {1e-5, 6e-5, 2e-4, 8e-4});   // value for layer 1, 2, 3, 4
 * speeds.put("ReLU", new double[] {0.2, 0.2, 0.3, 0.3});
 * XYChart chart = LayerProfile.chart("‖∂C/∂bˡ‖ per layer", "‖∂C/∂bˡ‖", speeds);
 * }</pre>
 */
public final class LayerProfile {

    private LayerProfile() {}

    /**
     * A line per entry of {@code values} (its name → the value of layer 1, 2, …), the layers on
     * the x axis, the values on a logarithmic y axis. Every value must be a positive number.
     */
    public static XYChart chart(String title, String yAxisTitle, Map<String, double[]> values) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException("nothing to draw: give at least one line of values per layer");
        XYChart chart = ChartStyle.xyChart(title, "layer l", yAxisTitle);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        int colour = 0, layers = 0;
        for (Map.Entry<String, double[]> line : values.entrySet()) {
            double[] y = line.getValue();
            if (y == null || y.length == 0) throw new IllegalArgumentException("'" + line.getKey() + "' has no values");
            for (int l = 0; l < y.length; l++) {
                if (!(y[l] > 0) || Double.isInfinite(y[l])) {
                    throw new IllegalArgumentException("'" + line.getKey() + "' has " + y[l] + " at layer " + (l + 1)
                            + ": a logarithmic axis needs positive, finite numbers");
                }
            }
            double[] x = new double[y.length];
            for (int l = 0; l < y.length; l++) x[l] = l + 1;
            XYSeries series = ChartStyle.line(chart.addSeries(line.getKey(), x, y), colour++);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(series.getLineColor());
            layers = Math.max(layers, y.length);
        }
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, layers));
        chart.getStyler().setXAxisTickMarkSpacingHint(40);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }
}
