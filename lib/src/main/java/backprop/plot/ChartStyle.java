package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The course's look for charts, in one place: white background, light grid, a colour-blind-safe
 * palette (Okabe and Ito's), readable fonts, the same size everywhere.
 *
 * <pre>{@code
 * XYChart chart = ChartStyle.xyChart("Loss", "epoch", "loss");   // empty, styled
 * ChartStyle.line(chart.addSeries("train", x, y), 0);             // a line in the palette's first colour
 * }</pre>
 */
public final class ChartStyle {

    private ChartStyle() {}

    /** Default width of a chart, in pixels. */
    public static final int WIDTH = 640;
    /** Default height of a chart, in pixels. */
    public static final int HEIGHT = 400;

    /** Okabe–Ito colours: distinguishable with every common form of colour blindness. */
    public static final Color BLUE = new Color(0x0072B2);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color GREEN = new Color(0x009E73);
    public static final Color VERMILLION = new Color(0xD55E00);
    public static final Color SKY = new Color(0x56B4E9);
    public static final Color PURPLE = new Color(0xCC79A7);
    public static final Color YELLOW = new Color(0xF0E442);
    public static final Color INK = new Color(0x222222);

    /** The order in which series take colours. */
    private static final Color[] PALETTE = {BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, INK};

    /** The palette's colour number {@code i} (it repeats after eight). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xE5E5E5);

    /** An empty XY chart of the default size, titled and styled. */
    public static XYChart xyChart(String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title == null ? "" : title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        apply(chart);
        return chart;
    }

    /** Applies the course style to an XY chart; returns it. */
    public static XYChart apply(XYChart chart) {
        axes(chart.getStyler());
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisTickMarkSpacingHint(80);   // fewer, rounder numbers on the x axis
        return chart;
    }

    /** Applies the course style to a bar chart; returns it. */
    public static CategoryChart apply(CategoryChart chart) {
        axes(chart.getStyler());
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    /** Applies the course style to a heat map (white for small, blue for large); returns it. */
    public static HeatMapChart apply(HeatMapChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);   // XChart allows only OutsideE or OutsideS here
        axes(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, SKY, BLUE});
        chart.getStyler().setValueFont(LABEL);
        chart.getStyler().setValueFontColor(INK);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(10);   // a label for every class
        chart.getStyler().setYAxisTickMarkSpacingHint(10);
        return chart;
    }

    /** Styles a series as a line without markers, in palette colour {@code i}; returns it. */
    public static XYSeries line(XYSeries series, int i) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color(i));
        series.setLineWidth(2.2f);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return series;
    }

    /** Styles a series as a dashed line, in palette colour {@code i}; returns it. */
    public static XYSeries dashed(XYSeries series, int i) {
        line(series, i);
        series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f));
        return series;
    }

    private static void axes(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTickMarksColor(GRID);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(LABEL);
        styler.setAxisTickLabelsFont(TICK);
        styler.setAxisTickLabelsColor(INK);
        styler.setLegendFont(LABEL);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        styler.setAntiAlias(true);
    }
}
