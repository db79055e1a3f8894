package backprop.plot;

import backprop.nn.ScratchNetwork;
import backprop.nn.ScratchNeuron;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A small {@link ScratchNetwork} as a picture: the inputs on the left, each neuron as a circle
 * with its output a and its delta δ, each weight as a line (blue when positive, orange when
 * negative, thicker when larger). One weight can be marked in black, the one a notebook follows.
 *
 * <pre>{@code
 * net.forwardPropagate(x);
 * net.backwardPropagateError(y);
 * ScratchNetworkDiagram.of(net, x, 2, 0, 1)   // w²₀₁ in black: from neuron 1 of layer 1 to neuron 0 of layer 2
 * }</pre>
 *
 * <p>Drawn with Java 2D: a chart library has no good way to draw a network.
 */
public final class ScratchNetworkDiagram {

    static final int GAP = 240;           // between two columns of neurons
    static final int RADIUS = 44;
    static final int ROW_HEIGHT = 110;    // per neuron of the tallest layer
    static final int MARGIN = 40;

    private ScratchNetworkDiagram() {}

    /** The network after its last forward and backward pass, for the example {@code input}. */
    public static ImagePicture of(ScratchNetwork net, double[] input) {
        return draw(net, input, null);
    }

    /**
     * The same, with the weight wˡⱼₖ drawn in black: from neuron k of layer l−1 (an input when
     * l = 1) to neuron j of layer l.
     */
    public static ImagePicture of(ScratchNetwork net, double[] input, int l, int j, int k) {
        if (net == null) throw new IllegalArgumentException("the network is null");
        if (l < 1 || l > net.layers()) {
            throw new IllegalArgumentException("layer " + l + " has no weights: the layers with weights are 1 to " + net.layers());
        }
        if (j < 0 || j >= net.layer(l).size() || k < 0 || k >= net.neuron(l, 0).inputs()) {
            throw new IllegalArgumentException("weight (" + l + ", " + j + ", " + k + ") does not exist: layer " + l + " has "
                    + net.layer(l).size() + " neurons with " + net.neuron(l, 0).inputs() + " inputs each");
        }
        return draw(net, input, new int[] {l, j, k});
    }

    private static ImagePicture draw(ScratchNetwork net, double[] input, int[] marked) {
        if (net == null) throw new IllegalArgumentException("the network is null");
        int inputs = net.neuron(1, 0).inputs();
        if (input == null || input.length != inputs) {
            throw new IllegalArgumentException("the network takes " + inputs + " inputs, got "
                    + (input == null ? "null" : input.length));
        }
        int columns = net.layers() + 1;
        int[] sizes = new int[columns];
        sizes[0] = inputs;
        int rows = inputs;
        for (int l = 1; l <= net.layers(); l++) {
            sizes[l] = net.layer(l).size();
            rows = Math.max(rows, sizes[l]);
        }
        int width = GAP * (columns - 1) + 2 * RADIUS + 2 * MARGIN, height = ROW_HEIGHT * rows + 90;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        double largest = 0;
        for (int l = 1; l <= net.layers(); l++) {
            for (ScratchNeuron n : net.layer(l)) for (double w : n.weights()) largest = Math.max(largest, Math.abs(w));
        }
        for (int l = 1; l < columns; l++) {
            for (int j = 0; j < sizes[l]; j++) {
                for (int k = 0; k < sizes[l - 1]; k++) {
                    double w = net.neuron(l, j).weight(k);
                    boolean black = marked != null && marked[0] == l && marked[1] == j && marked[2] == k;
                    g.setColor(black ? ChartStyle.INK : w >= 0 ? ChartStyle.BLUE : ChartStyle.ORANGE);
                    float thickness = largest == 0 ? 1f : (float) (0.8 + 3.5 * Math.abs(w) / largest);
                    g.setStroke(new BasicStroke(black ? 4.5f : thickness));
                    g.drawLine(x(l - 1) + RADIUS, y(k, sizes[l - 1], height), x(l) - RADIUS, y(j, sizes[l], height));
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            g.setColor(ChartStyle.INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            String title = c == 0 ? "inputs" : c < net.layers() ? "layer " + c + " (hidden)" : "layer " + c + " (output)";
            g.drawString(title, x(c) - g.getFontMetrics().stringWidth(title) / 2, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int j = 0; j < sizes[c]; j++) {
                int cx = x(c), cy = y(j, sizes[c], height);
                g.setColor(c == 0 ? new Color(0xEEEEEE) : new Color(0xDCEBF7));
                g.fillOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
                g.setColor(ChartStyle.INK);
                g.setStroke(new BasicStroke(1.5f));
                g.drawOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
                String[] lines = c == 0
                        ? new String[] {String.format(Locale.ROOT, "x%d = %.2f", j, input[j])}
                        : new String[] {String.format(Locale.ROOT, "a = %.3f", net.neuron(c, j).output()),
                                        String.format(Locale.ROOT, "δ = %.4f", net.neuron(c, j).delta())};
                for (int i = 0; i < lines.length; i++) {
                    int baseline = cy + 5 + 17 * i - 17 * (lines.length - 1) / 2;
                    g.drawString(lines[i], cx - g.getFontMetrics().stringWidth(lines[i]) / 2, baseline);
                }
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("blue: positive weight, orange: negative (thicker = larger)"
                + (marked == null ? "" : "; black: the weight followed in the text"), 20, height - 14);
        g.dispose();
        String weight = marked == null ? "" : String.format(Locale.ROOT, ", the weight from neuron %d of layer %d to neuron %d of layer %d in black",
                marked[2], marked[0] - 1, marked[1], marked[0]);
        return new ImagePicture(image, "ScratchNetworkDiagram of the " + net + weight + " (" + width + "×" + height + " image)");
    }

    /** The centre of column c (0 = the inputs). */
    private static int x(int c) {
        return MARGIN + RADIUS + c * GAP;
    }

    /** The centre of neuron j of a column of {@code size} neurons, spread evenly over the height. */
    private static int y(int j, int size, int height) {
        return 50 + (height - 90) * (2 * j + 1) / (2 * size);
    }
}
