package backprop.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.display.Displays;
import backprop.nn.Matrix;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-drawn pictures of backprop.plot: what they draw where, and the bad input they refuse. */
class PicturesTest {

    private static final int WHITE = 0xFFFFFF;

    private static int rgb(BufferedImage image, double x, double y) {
        return image.getRGB((int) Math.round(x), (int) Math.round(y)) & 0xFFFFFF;
    }

    private static boolean near(int rgb, Color colour) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return Math.abs(r - colour.getRed()) + Math.abs(g - colour.getGreen()) + Math.abs(b - colour.getBlue()) < 40;
    }

    @Test
    void aNetworkPictureDrawsEveryNeuronAndPicksOutOneWeight() {
        BufferedImage plain = NetworkPicture.of(2, 3, 2).image();
        BufferedImage lit = NetworkPicture.of(2, 3, 2).neuron(1, 1).weight(2, 0, 1, "w²₀₁").image();
        assertEquals(plain.getWidth(), lit.getWidth());
        assertEquals(plain.getHeight(), lit.getHeight());
        // the rim of hidden neuron 1 (layer 1, the middle of three): blue when plain, orange when picked out
        double cx = NetworkPicture.MARGIN + NetworkPicture.RADIUS + NetworkPicture.LAYER_SPACING;
        double cy = NetworkPicture.TITLE_BAND + 3 * NetworkPicture.PITCH / 2.0;
        assertTrue(near(rgb(plain, cx, cy - NetworkPicture.RADIUS), ChartStyle.BLUE), "a plain neuron has a blue rim");
        assertTrue(near(rgb(lit, cx, cy - NetworkPicture.RADIUS), ChartStyle.ORANGE), "a picked-out neuron has an orange rim");
        // a point on the line from that neuron to output neuron 0, away from the weight's name
        double ox = cx + NetworkPicture.LAYER_SPACING, oy = NetworkPicture.TITLE_BAND + 3 * NetworkPicture.PITCH / 2.0 - NetworkPicture.PITCH / 2.0;
        double t = 0.25, px = cx + NetworkPicture.RADIUS + t * (ox - cx - 2 * NetworkPicture.RADIUS), py = cy + t * (oy - cy);
        assertTrue(near(rgb(lit, px, py), ChartStyle.ORANGE), "the picked-out weight is drawn in orange");
        assertTrue(near(rgb(plain, px, py), Drawing.FAINT) || rgb(plain, px, py) != WHITE, "an ordinary weight is drawn in grey");
    }

    @Test
    void aNetworkPictureRefusesWhatItCannotDraw() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkPicture.of(3)).getMessage().contains("at least two layers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkPicture.of(2, 0)).getMessage().contains("1 to 8 neurons"));
        var picture = NetworkPicture.of(2, 3, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> picture.neuron(3, 0)).getMessage().contains("layers are 0 to 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> picture.weight(2, 2, 0, "w"))
                .getMessage().contains("neuron 2 does not exist in layer 2, which has 2 neurons (0 to 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> picture.weight(0, 0, 0, "w")).getMessage().contains("layers 1 and up"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> picture.cost("J", "", "cost")).getMessage().contains("one output neuron"));
    }

    @Test
    void aMatrixPictureWritesEachMatrixAndShadesTheChosenRow() {
        Matrix m = new Matrix(2, 3);
        BufferedImage plain = MatrixPicture.of().matrix("W", m).image();
        BufferedImage shaded = MatrixPicture.of().matrix("W", m).row(1).image();
        assertEquals(2 * MatrixPicture.MARGIN + 3 * MatrixPicture.CELL_WIDTH + 10, plain.getWidth());
        int x = MatrixPicture.MARGIN + 5 + 5, y = MatrixPicture.TOP + MatrixPicture.CELL_HEIGHT + 5;   // inside row 1, column 0
        assertEquals(WHITE, rgb(plain, x, y));
        assertTrue(near(rgb(shaded, x, y), Drawing.PALE_ORANGE), "row 1 is shaded");
        BufferedImage wider = MatrixPicture.of().matrix("W", m).sign("=").matrix("v", new Matrix(2, 1)).caption("c").image();
        assertEquals(plain.getWidth() + MatrixPicture.SIGN_WIDTH + MatrixPicture.CELL_WIDTH + 10, wider.getWidth());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixPicture.of().matrix("W", m).column(3))
                .getMessage().contains("column 3 does not exist in 'W', which is 2×3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixPicture.of().row(0)).getMessage().contains("no matrix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MatrixPicture.of().image()).getMessage().contains("no matrices"));
    }

    @Test
    void aPathPictureCountsThePathsItDraws() {
        ImagePicture picture = PathPicture.of(3, 3, 1);
        assertEquals("paths from neuron 0 of layer 1 through layers of [3, 3, 1]: 9 as a tree; 7 errors δ when shared", picture.toString());
        assertEquals(9 * PathPicture.ROW + 70, picture.image().getHeight());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathPicture.of(5, 5, 5)).getMessage().contains("more than 40 paths"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PathPicture.of()).getMessage().contains("1 to 8 layers"));
    }

    @Test
    void aPictureGridPlacesPicturesInRowsUnderTheirCaptions() {
        var small = new BufferedImage(50, 20, BufferedImage.TYPE_INT_RGB);
        var tall = new BufferedImage(40, 60, BufferedImage.TYPE_INT_RGB);   // black
        PictureGrid grid = PictureGrid.columns(2).add("a", small).add("b", tall).add("c", small);
        BufferedImage image = grid.image();
        assertEquals(3, grid.size());
        assertEquals(2 * (50 + PictureGrid.GAP), image.getWidth());
        int firstRow = PictureGrid.CAPTION_HEIGHT + 60 + PictureGrid.GAP / 2, secondRow = PictureGrid.CAPTION_HEIGHT + 20 + PictureGrid.GAP / 2;
        assertEquals(firstRow + secondRow, image.getHeight(), "each row is as high as its highest picture");
        assertEquals(0, rgb(image, 50 + PictureGrid.GAP + 12 + 5, PictureGrid.CAPTION_HEIGHT + 50), "the tall picture sits in column 1 of row 0");
        assertNotEquals(0, rgb(image, 12 + 5, PictureGrid.CAPTION_HEIGHT + 50), "under the short picture of column 0 the canvas stays white");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PictureGrid.columns(0)).getMessage().contains("1 to 8 columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PictureGrid.columns(2).image()).getMessage().contains("empty"));
    }

    @Test
    void anImagePictureNeedsAnImageAndADescription() {
        var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertEquals("four pixels", ImagePicture.of(image, "four pixels").mimeBundle().get("text/plain"));
        assertThrows(IllegalArgumentException.class, () -> ImagePicture.of(null, "x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImagePicture.of(image, " ")).getMessage().contains("describe"));
    }

    @Test
    void aSmallTableShowsAsHtmlAndAsTheSameRowsOfText() {
        var table = Displays.table("Shapes <m>", List.of(new String[] {"quantity", "shape"}, new String[] {"W¹", "3×2"}));
        assertEquals("Shapes <m>\n  quantity | shape\n  W¹ | 3×2", table.mimeBundle().get("text/plain"));
        String html = table.mimeBundle().get("text/html");
        assertTrue(html.contains("<th>quantity</th><th>shape</th>"), html);
        assertTrue(html.contains("<td>W¹</td><td>3×2</td>"), html);
        assertTrue(html.contains("Shapes &lt;m&gt;"), "the caption is escaped: " + html);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Displays.table("t", List.of(new String[] {"a", "b"}, new String[] {"c"}))).getMessage().contains("row 1 has 1 cells, the header has 2"));
    }
}
