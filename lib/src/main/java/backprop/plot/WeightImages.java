package backprop.plot;

import backprop.nn.Matrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The first layer's weights drawn as images: row j of W¹ holds one weight per input pixel, so it
 * can be shown as a picture the size of an input image. It is what hidden neuron j "looks for":
 * its weighted input z¹ⱼ = Σₖ w¹ⱼₖ xₖ + b¹ⱼ is largest for an image with ink where the weights
 * are positive (red) and none where they are negative (blue).
 *
 * <pre>{@code
 * ImagePicture looks = WeightImages.firstLayer(network.weights(1), 28, 32);   // the first 32 hidden neurons
 * }</pre>
 *
 * <p>Each neuron's image has its own scale, from −m (full blue) through 0 (white) to +m (full
 * red), where m is that neuron's largest |w|: the pattern matters here, not its size.
 */
public final class WeightImages {

    static final int COLUMNS = 16;
    static final int GAP = 6;
    static final int ZOOM = 2;

    private WeightImages() {}

    /** The first {@code count} rows of W¹ (n¹ × side²), each as a side × side image. */
    public static ImagePicture firstLayer(Matrix w1, int side, int count) {
        if (w1 == null) throw new IllegalArgumentException("the weight matrix is null");
        return firstLayer(w1.toArray(), side, count);
    }

    /** The same from the rows themselves, one per hidden neuron. */
    public static ImagePicture firstLayer(double[][] w1, int side, int count) {
        if (w1 == null || w1.length == 0) throw new IllegalArgumentException("the weight matrix has no rows");
        if (side < 1 || w1[0].length != side * side) {
            throw new IllegalArgumentException("each row of W¹ must hold " + side + "×" + side + " = " + (side * side)
                    + " weights (one per pixel), but it has " + w1[0].length);
        }
        if (count < 1) throw new IllegalArgumentException("need at least one neuron to draw, got " + count);
        int n = Math.min(count, w1.length);
        int cell = side * ZOOM;
        int columns = Math.min(COLUMNS, n);
        int rows = (n + columns - 1) / columns;
        int width = GAP + columns * (cell + GAP);
        int height = GAP + rows * (cell + GAP) + 16;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int j = 0; j < n; j++) {
            double[] w = w1[j];
            if (w.length != side * side) {
                throw new IllegalArgumentException("row " + j + " of W¹ has " + w.length + " weights, the others " + side * side);
            }
            double max = 0;
            for (double v : w) max = Math.max(max, Math.abs(v));
            int left = GAP + (j % columns) * (cell + GAP);
            int top = GAP + (j / columns) * (cell + GAP);
            for (int p = 0; p < w.length; p++) {
                g.setColor(diverging(max == 0 ? 0 : w[p] / max));
                g.fillRect(left + (p % side) * ZOOM, top + (p / side) * ZOOM, ZOOM, ZOOM);
            }
        }
        g.setColor(ChartStyle.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("red: positive weight (ink there raises z), blue: negative, white: 0; each neuron on its own scale",
                GAP, height - 5);
        g.dispose();
        return new ImagePicture(image, "WeightImages: rows 1 to " + n + " of W¹ as " + side + "×" + side
                + " images (" + width + "×" + height + " image)");
    }

    /** t in [−1, 1] → blue (−1), white (0), red (+1). */
    static Color diverging(double t) {
        double s = Math.max(-1, Math.min(1, t));
        Color end = s >= 0 ? ChartStyle.VERMILLION : ChartStyle.BLUE;
        double a = Math.abs(s);
        return new Color(mix(255, end.getRed(), a), mix(255, end.getGreen(), a), mix(255, end.getBlue(), a));
    }

    private static int mix(int from, int to, double a) {
        return (int) Math.round(from + (to - from) * a);
    }
}
