package backprop.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Small pictures laid out in a grid, each under its caption: one picture where a notebook would
 * otherwise show a long column of them.
 *
 * <pre>{@code
 * PictureGrid grid = PictureGrid.columns(2);
 * grid.add("add: ∂f/∂x = 1", addPicture).add("multiply: ∂f/∂x = y", timesPicture);
 * grid.picture("local gradients of add and multiply")
 * }</pre>
 *
 * <p>Each row is as high as its highest picture; every column as wide as the widest picture.
 */
public final class PictureGrid {

    static final int CAPTION_HEIGHT = 30, GAP = 24;

    private final int columns;
    private final List<String> captions = new ArrayList<>();
    private final List<BufferedImage> pictures = new ArrayList<>();

    private PictureGrid(int columns) {
        this.columns = columns;
    }

    /** An empty grid that fills rows of {@code columns} pictures. */
    public static PictureGrid columns(int columns) {
        if (columns < 1 || columns > 8) throw new IllegalArgumentException("a grid has 1 to 8 columns, got " + columns);
        return new PictureGrid(columns);
    }

    /** Adds a picture with its caption, in the next free place. */
    public PictureGrid add(String caption, BufferedImage picture) {
        if (picture == null) throw new IllegalArgumentException("the picture captioned '" + caption + "' is null");
        captions.add(caption == null ? "" : caption);
        pictures.add(picture);
        return this;
    }

    /** The number of pictures added. */
    public int size() {
        return pictures.size();
    }

    /** The grid, with a description for where pictures cannot be shown. */
    public ImagePicture picture(String description) {
        return new ImagePicture(image(), description);
    }

    /** The grid as an image. */
    public BufferedImage image() {
        if (pictures.isEmpty()) throw new IllegalArgumentException("the grid is empty: add a picture first");
        int cellWidth = pictures.stream().mapToInt(BufferedImage::getWidth).max().orElse(1) + GAP;
        int rows = (pictures.size() + columns - 1) / columns;
        int[] rowTop = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            int highest = 0;
            for (int i = r * columns; i < Math.min(pictures.size(), (r + 1) * columns); i++) {
                highest = Math.max(highest, pictures.get(i).getHeight());
            }
            rowTop[r + 1] = rowTop[r] + CAPTION_HEIGHT + highest + GAP / 2;
        }
        int used = Math.min(columns, pictures.size());
        var image = new BufferedImage(used * cellWidth, rowTop[rows], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        try {
            g.setColor(ChartStyle.INK);
            g.setFont(Drawing.bold(15));
            for (int i = 0; i < pictures.size(); i++) {
                int left = (i % columns) * cellWidth + 12, top = rowTop[i / columns];
                g.drawString(captions.get(i), left, top + 22);
                g.drawImage(pictures.get(i), left, top + CAPTION_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
