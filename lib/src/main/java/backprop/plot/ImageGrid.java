package backprop.plot;

import backprop.data.Dataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.stream.IntStream;

/**
 * A grid of square grey images, such as Fashion-MNIST's 28×28 photos, each labelled with the
 * class a network guessed: green when right; red, with the true class under it, when wrong.
 *
 * <pre>{@code
 * int[] guesses = network.classify(test);
 * ImagePicture first = ImageGrid.image(test, guesses, 20);      // the first 20 test images
 * ImagePicture wrong = ImageGrid.mistakes(test, guesses, 30);   // up to 30 it got wrong
 * }</pre>
 *
 * <p>Each example's features are its pixels row by row, 0 (background) to 1 (full ink), as
 * {@code Datasets.fashionMnist()} gives them; the side is the square root of the feature count.
 * Ink is drawn dark on white paper.
 */
public final class ImageGrid {

    static final int COLUMNS = 10;
    static final int GAP = 8;
    static final int LINE = 14;
    /** Each image is drawn about this many screen pixels wide. */
    static final int CELL = 84;

    private ImageGrid() {}

    /** The first {@code count} examples of {@code data}, with the classes guessed for them. */
    public static ImagePicture image(Dataset data, int[] guesses, int count) {
        int side = requireImages(data, guesses);
        if (count < 1) throw new IllegalArgumentException("need at least one image to draw, got " + count);
        return draw(data, guesses, IntStream.range(0, Math.min(count, data.size())).toArray(), side);
    }

    /** Up to {@code count} examples the network got wrong, in the dataset's order. */
    public static ImagePicture mistakes(Dataset data, int[] guesses, int count) {
        int side = requireImages(data, guesses);
        if (count < 1) throw new IllegalArgumentException("need at least one image to draw, got " + count);
        int[] rows = IntStream.range(0, data.size()).filter(i -> guesses[i] != data.y()[i]).limit(count).toArray();
        if (rows.length == 0) {
            var empty = new BufferedImage(360, 30, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = empty.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 360, 30);
            g.setColor(ChartStyle.GREEN);
            g.drawString("no mistakes: every image was classified correctly", 8, 20);
            g.dispose();
            return new ImagePicture(empty, "ImageGrid: no mistakes among " + data.size() + " images of '" + data.name() + "'");
        }
        return draw(data, guesses, rows, side);
    }

    private static ImagePicture draw(Dataset data, int[] guesses, int[] rows, int side) {
        int zoom = Math.max(1, CELL / side);
        int cell = side * zoom;
        int width = Math.max(cell, 96);
        int columns = Math.min(COLUMNS, rows.length);
        int gridRows = (rows.length + columns - 1) / columns;
        int imageWidth = GAP + columns * (width + GAP);
        int imageHeight = GAP + gridRows * (cell + 2 * LINE + GAP);
        var image = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, imageWidth, imageHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int wrong = 0;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int left = GAP + (i % columns) * (width + GAP) + (width - cell) / 2;
            int top = GAP + (i / columns) * (cell + 2 * LINE + GAP);
            paint(g, data.x()[r], side, zoom, left, top);
            boolean right = guesses[r] == data.y()[r];
            if (!right) wrong++;
            g.setColor(right ? ChartStyle.GREEN : ChartStyle.VERMILLION);
            g.setStroke(new BasicStroke(right ? 1f : 2f));
            g.drawRect(left, top, cell - 1, cell - 1);
            int textLeft = GAP + (i % columns) * (width + GAP);
            g.drawString(data.classNames().get(guesses[r]) + (right ? "" : "?"), textLeft, top + cell + LINE - 2);
            if (!right) {
                g.setColor(ChartStyle.INK);
                g.drawString("is " + data.classNames().get(data.y()[r]), textLeft, top + cell + 2 * LINE - 3);
            }
        }
        g.dispose();
        return new ImagePicture(image, "ImageGrid: " + rows.length + " images of '" + data.name() + "' with their guesses, "
                + wrong + " wrong (" + imageWidth + "×" + imageHeight + " image)");
    }

    /** One image, ink dark on white: pixel value v in [0, 1] becomes grey 255·(1 − v). */
    static void paint(Graphics2D g, double[] pixels, int side, int zoom, int left, int top) {
        for (int p = 0; p < side * side; p++) {
            int shade = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, pixels[p]))));
            g.setColor(new Color(shade, shade, shade));
            g.fillRect(left + (p % side) * zoom, top + (p / side) * zoom, zoom, zoom);
        }
    }

    /** The side of the square images, after checking the guesses. */
    private static int requireImages(Dataset data, int[] guesses) {
        if (data == null) throw new IllegalArgumentException("the dataset is null");
        int side = (int) Math.round(Math.sqrt(data.features()));
        if (side * side != data.features()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.features()
                    + " features, which is not a square number of pixels: not square images");
        }
        if (guesses == null || guesses.length != data.size()) {
            throw new IllegalArgumentException("need one guessed class per example: dataset '" + data.name() + "' has "
                    + data.size() + ", got " + (guesses == null ? "null" : guesses.length));
        }
        for (int i = 0; i < guesses.length; i++) {
            if (guesses[i] < 0 || guesses[i] >= data.classes()) {
                throw new IllegalArgumentException("guessed class " + guesses[i] + " at position " + i
                        + " is out of range; the classes are 0 to " + (data.classes() - 1));
            }
        }
        return side;
    }
}
