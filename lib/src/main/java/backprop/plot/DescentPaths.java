package backprop.plot;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Paths of gradient descent on the quadratic bowl C(w₁, w₂) = ½(a·w₁² + b·w₂²), drawn over a few
 * of its contour lines (ellipses). When b is much larger than a the bowl is a long narrow
 * valley: the steep direction limits the step size, and plain gradient descent zigzags across
 * the valley while it crawls along it.
 *
 * <pre>{@code
 * double[][] plain = ...;   // plain[t] = {w₁, w₂} after step t
 * XYChart chart = DescentPaths.chart("A narrow valley", 1, 20, Map.of("plain", plain));
 * }</pre>
 */
public final class DescentPaths {

    /** Points per contour ellipse. */
    static final int POINTS = 120;

    private DescentPaths() {}

    /**
     * The contour lines of ½(a·w₁² + b·w₂²) through the starting point of the first path (and at
     * a quarter, a sixteenth and 1/64 of that cost), then one line with markers per path:
     * {@code paths} maps a name to the points {w₁, w₂}, one per step.
     */
    public static XYChart chart(String title, double a, double b, Map<String, double[][]> paths) {
        if (!(a > 0 && b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("the bowl's curvatures must be positive numbers, got a = " + a + ", b = " + b);
        }
        if (paths == null || paths.isEmpty()) throw new IllegalArgumentException("nothing to draw: give at least one path");
        for (Map.Entry<String, double[][]> path : paths.entrySet()) {
            double[][] points = path.getValue();
            if (points == null || points.length == 0) throw new IllegalArgumentException("path '" + path.getKey() + "' has no points");
            for (int t = 0; t < points.length; t++) {
                if (points[t] == null || points[t].length != 2 || !Double.isFinite(points[t][0]) || !Double.isFinite(points[t][1])) {
                    throw new IllegalArgumentException("point " + t + " of path '" + path.getKey() + "' must be two finite numbers {w₁, w₂}");
                }
            }
        }
        XYChart chart = ChartStyle.xyChart(title, "w₁", "w₂");
        double[] start = paths.values().iterator().next()[0];
        double top = 0.5 * (a * start[0] * start[0] + b * start[1] * start[1]);
        for (int level = 0; level < 4; level++) {
            double c = top / Math.pow(4, level);
            double[] x = new double[POINTS + 1], y = new double[POINTS + 1];
            for (int i = 0; i <= POINTS; i++) {
                double t = 2 * Math.PI * i / POINTS;
                x[i] = Math.sqrt(2 * c / a) * Math.cos(t);   // ½ a w₁² + ½ b w₂² = c
                y[i] = Math.sqrt(2 * c / b) * Math.sin(t);
            }
            XYSeries contour = chart.addSeries(String.format(java.util.Locale.ROOT, "C = %.3g", c), x, y);
            contour.setMarker(SeriesMarkers.NONE);
            contour.setLineColor(new java.awt.Color(0xCCCCCC));
            contour.setLineWidth(1f);
            contour.setShowInLegend(false);
        }
        int colour = 0;
        for (Map.Entry<String, double[][]> path : paths.entrySet()) {
            double[][] points = path.getValue();
            double[] x = new double[points.length], y = new double[points.length];
            for (int t = 0; t < points.length; t++) {
                x[t] = points[t][0];
                y[t] = points[t][1];
            }
            XYSeries series = ChartStyle.line(chart.addSeries(path.getKey(), x, y), colour++);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(series.getLineColor());
            series.setLineWidth(1.6f);
        }
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }
}
