package backprop.plot;

import backprop.nn.Matrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matrices written out side by side as grids of numbers, with signs between them and one row or
 * column of each shaded: a matrix equation on paper.
 *
 * <pre>{@code
 * MatrixPicture.of()
 *         .matrix("W²", w2).column(1)          // column 1 of W² shaded
 *         .sign("→", "transpose")
 *         .matrix("(W²)ᵀ", w2.transpose()).row(1)
 *         .caption("column 1 of W² is row 1 of (W²)ᵀ")
 *         .picture("W² and its transpose")
 * }</pre>
 *
 * <p>{@link #row(int)} and {@link #column(int)} shade a row or a column of the matrix added last.
 * Numbers are written with three decimals.
 */
public final class MatrixPicture {

    static final int CELL_WIDTH = 78, CELL_HEIGHT = 34;
    static final int SIGN_WIDTH = 70;
    static final int TOP = 60;               // the titles sit above this line
    static final int MARGIN = 20;

    /** One part of the row: a matrix with its title and shading, or a sign with a small word above it. */
    private static final class Part {
        final Matrix matrix;
        final String text, above;
        int row = -1, column = -1;

        Part(Matrix matrix, String text, String above) {
            this.matrix = matrix;
            this.text = text;
            this.above = above;
        }

        int width() {
            return matrix == null ? SIGN_WIDTH : matrix.cols() * CELL_WIDTH;
        }
    }

    private final List<Part> parts = new ArrayList<>();
    private String caption = "";

    private MatrixPicture() {}

    /** An empty picture: add matrices and signs from left to right. */
    public static MatrixPicture of() {
        return new MatrixPicture();
    }

    /** Adds {@code m} with {@code title} above it. */
    public MatrixPicture matrix(String title, Matrix m) {
        if (m == null) throw new IllegalArgumentException("the matrix titled '" + title + "' is null");
        if (m.rows() > 12 || m.cols() > 12) {
            throw new IllegalArgumentException("a matrix picture shows at most 12×12 numbers; '" + title + "' is " + m.shape());
        }
        parts.add(new Part(m, title == null ? "" : title, null));
        return this;
    }

    /** Shades row {@code r} of the matrix added last. */
    public MatrixPicture row(int r) {
        Part last = lastMatrix("row");
        if (r < 0 || r >= last.matrix.rows()) {
            throw new IllegalArgumentException("row " + r + " does not exist in '" + last.text + "', which is " + last.matrix.shape());
        }
        last.row = r;
        return this;
    }

    /** Shades column {@code c} of the matrix added last. */
    public MatrixPicture column(int c) {
        Part last = lastMatrix("column");
        if (c < 0 || c >= last.matrix.cols()) {
            throw new IllegalArgumentException("column " + c + " does not exist in '" + last.text + "', which is " + last.matrix.shape());
        }
        last.column = c;
        return this;
    }

    /** Adds a sign between two matrices, e.g. {@code "·"} or {@code "="}. */
    public MatrixPicture sign(String sign) {
        return sign(sign, null);
    }

    /** Adds a sign with a small word above it, e.g. {@code sign("→", "transpose")}. */
    public MatrixPicture sign(String sign, String above) {
        parts.add(new Part(null, sign, above));
        return this;
    }

    /** One line of text under the matrices. */
    public MatrixPicture caption(String caption) {
        this.caption = caption == null ? "" : caption;
        return this;
    }

    /** The picture, with a one-line description for where pictures cannot be shown. */
    public ImagePicture picture(String description) {
        return new ImagePicture(image(), description);
    }

    /** The picture as an image. */
    public BufferedImage image() {
        if (parts.isEmpty()) throw new IllegalArgumentException("the picture has no matrices: add one with matrix(title, m)");
        int width = 2 * MARGIN, tallest = 1;
        for (Part p : parts) {
            width += p.width() + (p.matrix == null ? 0 : 10);
            if (p.matrix != null) tallest = Math.max(tallest, p.matrix.rows());
        }
        int height = TOP + tallest * CELL_HEIGHT + (caption.isEmpty() ? 20 : 70);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        try {
            double middle = TOP + tallest * CELL_HEIGHT / 2.0;
            int left = MARGIN;
            for (Part p : parts) {
                if (p.matrix == null) {
                    g.setColor(ChartStyle.INK);
                    g.setFont(Drawing.plain(22));
                    Drawing.centred(g, p.text, left + SIGN_WIDTH / 2.0, middle);
                    if (p.above != null) {
                        g.setFont(Drawing.plain(14));
                        Drawing.centred(g, p.above, left + SIGN_WIDTH / 2.0, middle - 24);
                    }
                } else {
                    drawMatrix(g, p, left + 5, (int) Math.round(middle - p.matrix.rows() * CELL_HEIGHT / 2.0));
                    left += 10;
                }
                left += p.width();
            }
            if (!caption.isEmpty()) {
                g.setColor(ChartStyle.INK);
                g.setFont(Drawing.plain(16));
                Drawing.centred(g, caption, width / 2.0, height - 30);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawMatrix(Graphics2D g, Part p, int left, int top) {
        Matrix m = p.matrix;
        g.setColor(ChartStyle.INK);
        g.setFont(Drawing.bold(16));
        Drawing.centred(g, p.text, left + m.cols() * CELL_WIDTH / 2.0, top - 18);
        g.setFont(Drawing.plain(15));
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                boolean lit = i == p.row || j == p.column;
                int x = left + j * CELL_WIDTH, y = top + i * CELL_HEIGHT;
                g.setColor(lit ? Drawing.PALE_ORANGE : Color.WHITE);
                g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                g.setColor(lit ? ChartStyle.ORANGE : new Color(0xCCCCCC));
                g.drawRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                g.setColor(ChartStyle.INK);
                Drawing.centred(g, String.format(Locale.ROOT, "%.3f", m.get(i, j)), x + CELL_WIDTH / 2.0, y + CELL_HEIGHT / 2.0);
            }
        }
    }

    private Part lastMatrix(String what) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i).matrix != null) return parts.get(i);
        }
        throw new IllegalArgumentException("no matrix to shade a " + what + " of: add one with matrix(title, m) first");
    }
}
