package backprop.display;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.IChart;
import tech.tablesaw.api.Table;

/**
 * Turns charts, images and tables into the formats a notebook shows (PNG, SVG, HTML).
 *
 * <p>The kernel's startup script calls these methods, so that a cell ending in an XChart chart
 * shows the chart and a cell ending in a tablesaw {@code Table} shows an HTML table. They are
 * plain static methods on purpose: no IJava class is needed to call or to test them.
 */
public final class Displays {

    /** A table longer than this shows its head, a "⋮" row and its tail. */
    public static final int MAX_ROWS = 20;
    /** A table wider than this shows its first and last columns and a "…" column. */
    public static final int MAX_COLUMNS = 16;

    private Displays() {}

    /** An image as base64-encoded PNG, the form Jupyter's {@code image/png} expects. */
    public static String pngBase64(BufferedImage image) {
        var bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * How many pixels a chart's PNG has per point of its size: 2, so that charts stay sharp on
     * high-density screens (the notebook is told to show them at the chart's own size).
     */
    public static final int CHART_PIXEL_SCALE = 2;

    /** An XChart chart as base64-encoded PNG, {@link #CHART_PIXEL_SCALE} pixels per point. */
    public static String chartPng(IChart chart) {
        return pngBase64(chartImage(chart, CHART_PIXEL_SCALE));
    }

    /**
     * An XChart chart drawn into an image {@code scale} times its size. Lines are drawn with pure
     * strokes: Java2D's default snaps their ends to whole pixels, which turns a gentle curve into
     * a staircase.
     */
    public static BufferedImage chartImage(IChart chart, int scale) {
        if (scale < 1 || scale > 8) {
            throw new IllegalArgumentException("the scale must be between 1 and 8, got " + scale);
        }
        var image = new BufferedImage(chart.getWidth() * scale, chart.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** An XChart chart as SVG text: crisp at any zoom, larger than PNG for charts with many points. */
    public static String chartSvg(IChart chart) {
        var bytes = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart as SVG", e);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A chart in one line of text, for places that cannot show pictures: {@code XYChart "Loss" 600×400}. */
    public static String describe(IChart chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "×" + chart.getHeight();
    }

    /** A chart shown as SVG rather than PNG: end a cell with {@code Displays.svg(chart)}. */
    public static Displayable svg(IChart chart) {
        return () -> java.util.Map.of(
                "image/svg+xml", chartSvg(chart),
                "text/plain", describe(chart) + " (SVG)");
    }

    /** A table as HTML, with {@link #MAX_ROWS} rows and {@link #MAX_COLUMNS} columns at most. */
    public static String tableHtml(Table table) {
        return tableHtml(table, MAX_ROWS, MAX_COLUMNS);
    }

    /**
     * A table as HTML. A longer table shows its first and last rows around a "⋮" row, a wider one
     * its first and last columns around a "…" column; the caption always gives the full size.
     */
    public static String tableHtml(Table table, int maxRows, int maxColumns) {
        if (maxRows < 2 || maxColumns < 2) {
            throw new IllegalArgumentException(
                    "maxRows and maxColumns must be at least 2, got " + maxRows + " and " + maxColumns);
        }
        List<Integer> rows = headAndTail(table.rowCount(), maxRows);
        List<Integer> columns = headAndTail(table.columnCount(), maxColumns);
        var html = new StringBuilder("<table class=\"backprop-table\">\n<caption style=\"caption-side:bottom;text-align:left\">")
                .append(escape(table.name() == null ? "" : table.name())).append(' ')
                .append(table.rowCount()).append(" rows × ").append(table.columnCount()).append(" columns</caption>\n");
        html.append("<thead><tr>");
        for (Integer c : columns) {
            html.append(c == null ? "<th>…</th>" : "<th>" + escape(table.column(c).name()) + "</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Integer r : rows) {
            html.append("<tr>");
            for (Integer c : columns) {
                String cell = r == null ? "⋮" : c == null ? "…" : table.column(c).getString(r);
                html.append("<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /**
     * A small table of text, header row first, with a caption under it: HTML in a notebook, the
     * same rows as text (cells joined by {@code |}) in a diff or a terminal.
     *
     * <pre>{@code
     * Displays.table("Shapes", List.of(new String[] {"quantity", "shape"}, new String[] {"W¹", "3×2"}))
     * }</pre>
     */
    public static Displayable table(String caption, List<String[]> rows) {
        if (rows == null || rows.isEmpty()) throw new IllegalArgumentException("a table needs at least its header row");
        int columns = rows.get(0).length;
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).length + " cells, the header has " + columns);
            }
        }
        String title = caption == null ? "" : caption;
        var html = new StringBuilder("<table class=\"backprop-table\"><caption style=\"caption-side:bottom;text-align:left\">")
                .append(escape(title)).append("</caption>");
        var text = new StringBuilder(title);
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            html.append("<tr>");
            for (String value : rows.get(r)) {
                html.append('<').append(cell).append('>').append(escape(value == null ? "" : value)).append("</").append(cell).append('>');
            }
            html.append("</tr>");
            text.append("\n  ").append(String.join(" | ", rows.get(r)));
        }
        html.append("</table>");
        var bundle = new java.util.LinkedHashMap<String, String>();
        bundle.put("text/html", html.toString());
        bundle.put("text/plain", text.toString());
        Map<String, String> shown = java.util.Collections.unmodifiableMap(bundle);
        return () -> shown;
    }

    /** Indices 0..n-1, or the first and last of them with a {@code null} marking the gap. */
    private static List<Integer> headAndTail(int n, int max) {
        var shown = new ArrayList<Integer>();
        if (n <= max) {
            for (int i = 0; i < n; i++) shown.add(i);
            return shown;
        }
        int tail = (max - 1) / 3;          // a third of the space for the end, the rest for the start
        int head = max - 1 - tail;
        for (int i = 0; i < head; i++) shown.add(i);
        shown.add(null);
        for (int i = n - tail; i < n; i++) shown.add(i);
        return shown;
    }

    /** Escapes the five characters that mean something in HTML. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
