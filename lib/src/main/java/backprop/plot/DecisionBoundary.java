package backprop.plot;

import backprop.data.Dataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Circle;
import org.knowm.xchart.style.markers.Marker;

/**
 * Where a classifier puts the line between its classes: the plane of a two-feature dataset
 * tinted by the class the classifier gives each point of a fine grid, with the examples on top.
 *
 * <pre>{@code
 * XYChart chart = DecisionBoundary.chart("MLP on moons", moons, model::classify);
 * }</pre>
 *
 * <p>An example drawn on a tint of another colour is one the classifier gets wrong.
 */
public final class DecisionBoundary {

    /** Points per side of the grid the classifier is asked about. */
    public static final int DEFAULT_GRID = 120;

    /** Dark colours for the examples, light ones for the regions; class k uses entry k (mod the length). */
    private static final Color[] POINTS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    private static final Color[] REGIONS = {new Color(0xd6e6f4), new Color(0xf8d7d4), new Color(0xd8efd5),
            new Color(0xe6ddf1), new Color(0xfde5cc), new Color(0xeadfdb)};

    private static final int WIDTH = 560;
    private static final int HEIGHT = 460;

    private DecisionBoundary() {}

    /** The chart with a {@value #DEFAULT_GRID} × {@value #DEFAULT_GRID} grid. */
    public static XYChart chart(String title, Dataset data, ToIntFunction<double[]> classify) {
        return chart(title, data, classify, DEFAULT_GRID);
    }

    /**
     * The chart for a two-feature dataset: {@code classify} is asked for the class of each of
     * {@code grid × grid} points spread over the data's range (plus a margin), and each region is
     * tinted with its class's colour.
     */
    public static XYChart chart(String title, Dataset data, ToIntFunction<double[]> classify, int grid) {
        if (data.features() != 2) {
            throw new IllegalArgumentException("a decision boundary is drawn in the plane: dataset '" + data.name()
                    + "' has " + data.features() + " features, not 2");
        }
        if (grid < 2 || grid > 1000) {
            throw new IllegalArgumentException("the grid must have between 2 and 1000 points per side, got " + grid);
        }
        double[] xRange = range(data, 0), yRange = range(data, 1);
        double dx = (xRange[1] - xRange[0]) / grid, dy = (yRange[1] - yRange[0]) / grid;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(data.featureNames().get(0)).yAxisTitle(data.featureNames().get(1)).build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotContentSize(1.0);                // the tiles reach the plot's edges
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(8);
        styler.setXAxisMin(xRange[0]).setXAxisMax(xRange[1]).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);

        // The regions: one tile per grid point, as many pixels as a grid cell (a little more, so tiles overlap).
        int classes = data.classes();
        List<List<double[]>> cells = new ArrayList<>();
        for (int k = 0; k < classes; k++) cells.add(new ArrayList<>());
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                double[] point = {xRange[0] + (i + 0.5) * dx, yRange[0] + (j + 0.5) * dy};
                int k = classify.applyAsInt(point);
                if (k < 0 || k >= classes) {
                    throw new IllegalArgumentException("the classifier gave class " + k + " for the point ("
                            + point[0] + ", " + point[1] + "); dataset '" + data.name() + "' has classes 0 to " + (classes - 1));
                }
                cells.get(k).add(point);
            }
        }
        double tileWidth = (double) WIDTH / grid + 1, tileHeight = (double) HEIGHT / grid + 1;
        for (int k = 0; k < classes; k++) {
            if (cells.get(k).isEmpty()) continue;
            XYSeries region = chart.addSeries("region " + data.classNames().get(k), xs(cells.get(k)), ys(cells.get(k)));
            region.setMarker(new Tile(tileWidth, tileHeight));
            region.setMarkerColor(REGIONS[k % REGIONS.length]);
            region.setShowInLegend(false);
        }

        // The examples, one series per class.
        for (int k = 0; k < classes; k++) {
            var points = new ArrayList<double[]>();
            for (int i = 0; i < data.size(); i++) {
                if (data.y()[i] == k) points.add(data.x()[i]);
            }
            if (points.isEmpty()) continue;
            XYSeries series = chart.addSeries("class " + data.classNames().get(k), xs(points), ys(points));
            series.setMarker(new Circle());
            series.setMarkerColor(POINTS[k % POINTS.length]);
        }
        return chart;
    }

    /** The range of feature {@code column}, widened by 10 % on each side. */
    private static double[] range(Dataset data, int column) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : data.x()) {
            min = Math.min(min, row[column]);
            max = Math.max(max, row[column]);
        }
        double margin = max > min ? 0.1 * (max - min) : 1;
        return new double[] {min - margin, max + margin};
    }

    private static double[] xs(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[0]).toArray();
    }

    private static double[] ys(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[1]).toArray();
    }

    /** A filled rectangle of a fixed size in pixels, whatever the chart's marker size: one cell of the grid. */
    private static final class Tile extends Marker {
        private final double width;
        private final double height;

        Tile(double width, double height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.setStroke(new BasicStroke(0f));
            g.fill(new Rectangle2D.Double(x - width / 2, y - height / 2, width, height));
        }
    }
}
