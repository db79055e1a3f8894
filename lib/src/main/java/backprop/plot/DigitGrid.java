package backprop.plot;

import backprop.data.Dataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A grid of 8×8 digit images, each with the class a network gave it: green when right, red with
 * the true class when wrong. A notebook cell that ends with the returned picture shows it.
 *
 * <pre>{@code
 * int[] predicted = network.classify(test);
 * ImagePicture grid = DigitGrid.image(test, predicted, 40);       // the first 40 test digits
 * ImagePicture wrong = DigitGrid.mistakes(test, predicted, 20);   // up to 20 that it got wrong
 * }</pre>
 *
 * <p>Drawn with Java2D rather than XChart: a chart library has no good way to tile small images.
 */
public final class DigitGrid {

    /** Screen pixels per image pixel. */
    static final int ZOOM = 7;
    static final int SIDE = 8;
    static final int LABEL_HEIGHT = 20;
    static final int GAP = 8;
    static final int COLUMNS = 10;

    private DigitGrid() {}

    /** The first {@code count} examples of {@code digits} with the predicted classes. */
    public static ImagePicture image(Dataset digits, int[] predicted, int count) {
        requireDigits(digits, predicted);
        if (count < 1) throw new IllegalArgumentException("need at least one digit to draw, got " + count);
        int n = Math.min(count, digits.size());
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return draw(digits, predicted, rows);
    }

    /** Up to {@code count} examples the network got wrong, in dataset order. */
    public static ImagePicture mistakes(Dataset digits, int[] predicted, int count) {
        requireDigits(digits, predicted);
        if (count < 1) throw new IllegalArgumentException("need at least one digit to draw, got " + count);
        int[] rows = java.util.stream.IntStream.range(0, digits.size())
                .filter(i -> predicted[i] != digits.y()[i]).limit(count).toArray();
        if (rows.length == 0) {
            return new ImagePicture(banner("no mistakes: every digit was classified correctly"),
                    "DigitGrid: no mistakes among " + digits.size() + " digits");
        }
        return draw(digits, predicted, rows);
    }

    private static ImagePicture draw(Dataset digits, int[] predicted, int[] rows) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int r : rows) for (double v : digits.x()[r]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        double range = hi > lo ? hi - lo : 1;
        int columns = Math.min(COLUMNS, rows.length);
        int gridRows = (rows.length + columns - 1) / columns;
        int cell = SIDE * ZOOM;
        int width = GAP + columns * (cell + GAP);
        int height = GAP + gridRows * (cell + LABEL_HEIGHT + GAP);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int left = GAP + (i % columns) * (cell + GAP);
            int top = GAP + (i / columns) * (cell + LABEL_HEIGHT + GAP);
            double[] pixels = digits.x()[r];
            for (int p = 0; p < SIDE * SIDE; p++) {
                float ink = (float) ((pixels[p] - lo) / range);          // 0 paper, 1 ink
                int shade = Math.round(255 * (1 - Math.max(0, Math.min(1, ink))));
                g.setColor(new Color(shade, shade, shade));
                g.fillRect(left + (p % SIDE) * ZOOM, top + (p / SIDE) * ZOOM, ZOOM, ZOOM);
            }
            boolean right = predicted[r] == digits.y()[r];
            g.setColor(right ? ChartStyle.GREEN : ChartStyle.VERMILLION);
            g.setStroke(new BasicStroke(right ? 1f : 2f));
            g.drawRect(left, top, cell - 1, cell - 1);
            String label = digits.classNames().get(predicted[r]) + (right ? "" : "  (is " + digits.classNames().get(digits.y()[r]) + ")");
            g.drawString(label, left + 2, top + cell + LABEL_HEIGHT - 5);
        }
        g.dispose();
        int wrong = 0;
        for (int r : rows) if (predicted[r] != digits.y()[r]) wrong++;
        return new ImagePicture(image, "DigitGrid: " + rows.length + (rows.length == 1 ? " digit" : " digits") + " of '" + digits.name() + "', "
                + wrong + " classified wrongly (" + width + "×" + height + " image)");
    }

    private static BufferedImage banner(String text) {
        var image = new BufferedImage(420, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 420, 40);
        g.setColor(ChartStyle.GREEN);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(text, 10, 25);
        g.dispose();
        return image;
    }

    private static void requireDigits(Dataset digits, int[] predicted) {
        if (digits == null) throw new IllegalArgumentException("the dataset is null");
        if (digits.features() != SIDE * SIDE) {
            throw new IllegalArgumentException("dataset '" + digits.name() + "' has " + digits.features()
                    + " features, but a digit image has " + SIDE * SIDE + " (8×8 pixels)");
        }
        if (predicted == null || predicted.length != digits.size()) {
            throw new IllegalArgumentException("need one predicted class per example: dataset '" + digits.name() + "' has "
                    + digits.size() + ", got " + (predicted == null ? "null" : predicted.length));
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= digits.classes()) {
                throw new IllegalArgumentException("predicted class " + predicted[i] + " at position " + i
                        + " is out of range; the classes are 0 to " + (digits.classes() - 1));
            }
        }
    }
}
