package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two ways to reach the output from one neuron, side by side. On the left every path through the
 * later layers is drawn as a branch of its own, a tree, so that the same error δ turns up once per
 * path through it; on the right the same neurons are drawn once each and shared, the way
 * backpropagation visits them.
 *
 * <pre>{@code
 * PathPicture.of(3, 3, 1)   // from neuron 0 of layer 1 through layers of 3, 3 and 1 neurons: 9 paths
 * }</pre>
 *
 * <p>Layers are numbered from 1, the layer of the starting neuron, so the errors are named δ¹₀,
 * δ²₀ … as in notebook 06.
 */
public final class PathPicture {

    static final int ROW = 38, RADIUS = 18, COLUMN = 100, TOP = 50;
    static final int MAX_PATHS = 40;

    private static final String[] UP = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    private static final String[] DOWN = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};

    /** A circle of the picture: where it is and which δ it holds. */
    private record Node(double x, double y, int layer, int neuron) {}

    private PathPicture() {}

    /** Every path from neuron 0 of layer 1 through layers of the given widths, as a tree and shared. */
    public static ImagePicture of(int... widths) {
        if (widths == null || widths.length == 0 || widths.length > 8) {
            throw new IllegalArgumentException("give the widths of 1 to 8 layers after the first, got "
                    + (widths == null ? "none" : Arrays.toString(widths)));
        }
        int paths = 1;
        for (int w : widths) {
            if (w < 1 || w > 9) throw new IllegalArgumentException("each layer holds 1 to 9 neurons, got " + Arrays.toString(widths));
            paths *= w;
            if (paths > MAX_PATHS) {
                throw new IllegalArgumentException("layers of " + Arrays.toString(widths) + " have more than " + MAX_PATHS
                        + " paths: too many to draw one by one");
            }
        }
        int height = Math.max(paths, 3) * ROW + 70;
        int treeWidth = COLUMN * widths.length + 2 * RADIUS + 40;
        int width = treeWidth + COLUMN * widths.length + 2 * RADIUS + 100;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        try {
            drawTree(g, widths, paths);
            drawShared(g, widths, treeWidth + 40, height);
            g.setColor(ChartStyle.INK);
            g.setFont(Drawing.bold(15));
            g.drawString("every path on its own: " + paths + (paths == 1 ? " path" : " paths"), 20, 24);
            g.drawString("backpropagation: each δ once", treeWidth + 40, 24);
            g.setColor(new Color(0xCCCCCC));
            g.drawLine(treeWidth + 10, 10, treeWidth + 10, height - 10);
        } finally {
            g.dispose();
        }
        String text = "paths from neuron 0 of layer 1 through layers of " + Arrays.toString(widths) + ": " + paths
                + " as a tree; " + Arrays.stream(widths).sum() + " errors δ when shared";
        return new ImagePicture(image, text);
    }

    /** The tree: each node's leaves take a band of rows, and the node sits in the middle of its band. */
    private static void drawTree(Graphics2D g, int[] widths, int paths) {
        List<Node> level = List.of(new Node(30 + RADIUS, TOP + ROW * paths / 2.0, 1, 0));
        List<int[]> bands = List.of(new int[] {0, paths});            // first leaf row, leaves below
        List<Node> all = new ArrayList<>(level);
        g.setStroke(new BasicStroke(1.5f));
        for (int depth = 0; depth < widths.length; depth++) {
            List<Node> next = new ArrayList<>();
            List<int[]> nextBands = new ArrayList<>();
            for (int p = 0; p < level.size(); p++) {
                Node parent = level.get(p);
                int first = bands.get(p)[0], each = bands.get(p)[1] / widths[depth];
                for (int i = 0; i < widths[depth]; i++) {
                    int start = first + i * each;
                    Node child = new Node(parent.x() + COLUMN, TOP + ROW * start + ROW * each / 2.0, parent.layer() + 1, i);
                    g.setColor(ChartStyle.ORANGE);
                    g.draw(new Line2D.Double(parent.x() + RADIUS, parent.y(), child.x() - RADIUS, child.y()));
                    next.add(child);
                    nextBands.add(new int[] {start, each});
                }
            }
            all.addAll(next);
            level = next;
            bands = nextBands;
        }
        for (Node n : all) circle(g, n, new Color(0xFDE9C8));
    }

    /** The network: one column per layer, every neuron once, every neuron joined to every one of the next layer. */
    private static void drawShared(Graphics2D g, int[] widths, int left, int height) {
        List<List<Node>> layers = new ArrayList<>();
        for (int depth = 0; depth <= widths.length; depth++) {
            int n = depth == 0 ? 1 : widths[depth - 1];
            List<Node> layer = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                layer.add(new Node(left + RADIUS + COLUMN * depth, TOP + (height - 90) * (2 * i + 1) / (2.0 * n), depth + 1, i));
            }
            layers.add(layer);
        }
        g.setColor(ChartStyle.BLUE);
        g.setStroke(new BasicStroke(1.5f));
        for (int depth = 1; depth < layers.size(); depth++) {
            for (Node a : layers.get(depth - 1)) {
                for (Node c : layers.get(depth)) g.draw(new Line2D.Double(a.x() + RADIUS, a.y(), c.x() - RADIUS, c.y()));
            }
        }
        for (List<Node> layer : layers) for (Node n : layer) circle(g, n, new Color(0xDCEBF7));
        g.setColor(ChartStyle.INK);
        g.setFont(Drawing.plain(14));
        for (int depth = 0; depth < layers.size(); depth++) {
            Drawing.centred(g, "layer " + (depth + 1), layers.get(depth).get(0).x(), height - 20);
        }
    }

    private static void circle(Graphics2D g, Node n, Color fill) {
        var shape = new Ellipse2D.Double(n.x() - RADIUS, n.y() - RADIUS, 2 * RADIUS, 2 * RADIUS);
        g.setColor(fill);
        g.fill(shape);
        g.setColor(ChartStyle.INK);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(shape);
        g.setFont(Drawing.plain(15));
        Drawing.centred(g, "δ" + UP[n.layer()] + DOWN[n.neuron()], n.x(), n.y());
    }
}
