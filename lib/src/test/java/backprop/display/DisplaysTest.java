package backprop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplaysTest {

    private static Table numbers(int rows, int columns) {
        var table = Table.create("numbers");
        for (int c = 0; c < columns; c++) {
            int[] values = new int[rows];
            for (int r = 0; r < rows; r++) values[r] = r * 100 + c;
            table.addColumns(IntColumn.create("c" + c, values));
        }
        return table;
    }

    @Test
    void aSmallTableIsShownWhole() {
        String html = Displays.tableHtml(numbers(3, 2));
        assertTrue(html.contains("<th>c0</th><th>c1</th>"));
        assertTrue(html.contains("<td>201</td>"));
        assertTrue(html.contains("3 rows × 2 columns"));
        assertFalse(html.contains("⋮"));
    }

    @Test
    void aBigTableShowsItsHeadAndTailAndItsFullSize() {
        String html = Displays.tableHtml(numbers(1000, 65));
        assertTrue(html.contains("1000 rows × 65 columns"));
        assertTrue(html.contains("<td>0</td>"), "the first row is shown");
        assertTrue(html.contains("<td>99964</td>"), "the last row's last column is shown");
        assertTrue(html.contains("⋮") && html.contains("<th>…</th>"));
        assertFalse(html.contains("<td>50000</td>"), "the middle row is left out");
        assertEquals(Displays.MAX_ROWS, html.split("<tr>").length - 2, "MAX_ROWS body rows, the ⋮ row included");
    }

    @Test
    void tableTextIsEscaped() {
        var table = Table.create("t", StringColumn.create("s", "<b>&</b>"));
        assertTrue(Displays.tableHtml(table).contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    }

    @Test
    void tooSmallLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Displays.tableHtml(numbers(3, 3), 1, 5));
    }

    @Test
    void aChartBecomesAPngAndAnSvgAndALineOfText() throws java.io.IOException {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("Loss").build();
        chart.addSeries("loss", new double[] {0, 1, 2}, new double[] {3, 2, 1});
        byte[] png = Base64.getDecoder().decode(Displays.chartPng(chart));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(300 * Displays.CHART_PIXEL_SCALE, image.getWidth(), "twice the pixels, for sharp screens");
        assertEquals(200 * Displays.CHART_PIXEL_SCALE, image.getHeight());
        assertTrue(Displays.chartSvg(chart).contains("<svg"));
        assertEquals("XYChart \"Loss\" 300×200", Displays.describe(chart));
    }
}
