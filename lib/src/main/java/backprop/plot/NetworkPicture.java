package backprop.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A picture of a small layered network: neurons as circles, weights as lines, the input layer on
 * the left. Parts of it can be picked out in orange: a neuron, a weight (with its name written on
 * it), a note beside a neuron.
 *
 * <pre>{@code
 * NetworkPicture.of(2, 3, 2)
 *         .names((layer, i) -> "z" + layer + "," + i)
 *         .weight(2, 0, 1, "w²₀₁")        // the weight from neuron 1 of layer 1 to neuron 0 of layer 2
 *         .picture("the 2-3-2 network")   // a cell ending with this shows it
 * }</pre>
 *
 * <p>Layers are counted from 0 at the input, neurons from 0 at the top, as in the course's code:
 * {@code weight(l, j, k, …)} is the course's wˡⱼₖ, from neuron k of layer l−1 to neuron j of layer
 * l. A picture of another text's network (notebook 01 draws a tutorial's, whose layers count from
 * 1) uses the same positions and writes that text's names on the circles.
 */
public final class NetworkPicture {

    static final int RADIUS = 28;
    static final int LAYER_SPACING = 270;
    static final int PITCH = 100;            // vertical distance between two neurons of a layer
    static final int MARGIN = 40;
    static final int TITLE_BAND = 56;        // above the neurons: the layer titles
    static final int CAPTION_BAND = 46;      // below the neurons: the caption line
    static final int NOTE_SPACE = 80;        // right of the last layer, for notes and the cost

    private final int[] sizes;
    private BiFunction<Integer, Integer, String> names = (layer, i) -> "";
    private String[] titles = new String[0];
    private final Set<List<Integer>> litNeurons = new LinkedHashSet<>();
    private final Map<List<Integer>, String> litWeights = new LinkedHashMap<>();   // {l, j, k} -> its name ("" for none)
    private final Map<List<Integer>, String> notes = new LinkedHashMap<>();         // {l, i} -> text to its right
    private final Map<List<Integer>, String> notesBelow = new LinkedHashMap<>();    // {l, i} -> text under it
    private boolean arrowsBack;
    private String cost, costBelow, costTitle;
    private String caption = "";

    private NetworkPicture(int[] sizes) {
        this.sizes = sizes;
    }

    /** A network with these layer sizes, the input layer first, e.g. {@code of(2, 3, 2)}. */
    public static NetworkPicture of(int... sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layers, got "
                    + (sizes == null ? "none" : Arrays.toString(sizes)));
        }
        for (int size : sizes) {
            if (size < 1 || size > 8) {
                throw new IllegalArgumentException("each layer of a picture holds 1 to 8 neurons, got " + Arrays.toString(sizes));
            }
        }
        return new NetworkPicture(sizes.clone());
    }

    /** The name written in each neuron, from its layer and its position: {@code (l, i) -> "a" + …}. */
    public NetworkPicture names(BiFunction<Integer, Integer, String> names) {
        if (names == null) throw new IllegalArgumentException("names must not be null");
        this.names = names;
        return this;
    }

    /** A title above each layer, the input layer's first (fewer titles leave the last layers without). */
    public NetworkPicture titles(String... titles) {
        if (titles.length > sizes.length) {
            throw new IllegalArgumentException(titles.length + " titles for " + sizes.length + " layers");
        }
        this.titles = titles.clone();
        return this;
    }

    /** Picks out neuron {@code i} of layer {@code layer}. */
    public NetworkPicture neuron(int layer, int i) {
        checkNeuron(layer, i);
        litNeurons.add(List.of(layer, i));
        return this;
    }

    /** Picks out the weight wˡⱼₖ, from neuron k of layer l−1 to neuron j of layer l, and writes {@code name} on it. */
    public NetworkPicture weight(int layer, int j, int k, String name) {
        if (layer < 1) throw new IllegalArgumentException("weights enter layers 1 and up, got layer " + layer);
        checkNeuron(layer, j);
        checkNeuron(layer - 1, k);
        litWeights.put(List.of(layer, j, k), name == null ? "" : name);
        return this;
    }

    /** Draws an arrowhead at the earlier end of every picked-out weight: something flows back along it. */
    public NetworkPicture arrowsBack() {
        this.arrowsBack = true;
        return this;
    }

    /** Writes {@code text} in orange just right of neuron {@code i} of layer {@code layer}. */
    public NetworkPicture note(int layer, int i, String text) {
        checkNeuron(layer, i);
        notes.put(List.of(layer, i), text);
        return this;
    }

    /** Writes {@code text} just under neuron {@code i} of layer {@code layer}. */
    public NetworkPicture noteBelow(int layer, int i, String text) {
        checkNeuron(layer, i);
        notesBelow.put(List.of(layer, i), text);
        return this;
    }

    /**
     * Adds the cost right of the output layer: a square named {@code name}, with {@code below}
     * written under it and {@code title} above it. A picked-out output neuron's line to the cost
     * is picked out too.
     */
    public NetworkPicture cost(String name, String below, String title) {
        if (sizes[sizes.length - 1] != 1) {
            throw new IllegalArgumentException("the cost is drawn for a network with one output neuron; this one has "
                    + sizes[sizes.length - 1]);
        }
        this.cost = name;
        this.costBelow = below;
        this.costTitle = title;
        return this;
    }

    /** One line of text under the picture. */
    public NetworkPicture caption(String caption) {
        this.caption = caption == null ? "" : caption;
        return this;
    }

    /** The picture, with a one-line description for where pictures cannot be shown. */
    public ImagePicture picture(String description) {
        return new ImagePicture(image(), description);
    }

    /** The picture as an image. */
    public BufferedImage image() {
        int columns = sizes.length + (cost == null ? 0 : 1);
        int tallest = Arrays.stream(sizes).max().orElse(1);
        int width = 2 * MARGIN + 2 * RADIUS + (columns - 1) * LAYER_SPACING + (notes.isEmpty() && cost == null ? 0 : NOTE_SPACE);
        int height = TITLE_BAND + tallest * PITCH + (caption.isEmpty() ? 10 : CAPTION_BAND);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Drawing.canvas(image);
        try {
            // weights first, so that the circles are drawn over their ends
            for (int l = 1; l < sizes.length; l++) {
                for (int j = 0; j < sizes[l]; j++) {
                    for (int k = 0; k < sizes[l - 1]; k++) {
                        if (!litWeights.containsKey(List.of(l, j, k))) line(g, l - 1, k, l, j, false);
                    }
                }
            }
            for (var lit : litWeights.entrySet()) {
                List<Integer> w = lit.getKey();
                line(g, w.get(0) - 1, w.get(2), w.get(0), w.get(1), true);
            }
            for (var lit : litWeights.entrySet()) {
                List<Integer> w = lit.getKey();
                if (arrowsBack) arrowhead(g, w.get(0), w.get(1), w.get(2));
                if (!lit.getValue().isEmpty()) weightName(g, w.get(0), w.get(1), w.get(2), lit.getValue());
            }
            if (cost != null) drawCost(g);
            for (int l = 0; l < sizes.length; l++) {
                for (int i = 0; i < sizes[l]; i++) neuron(g, l, i);
            }
            g.setColor(ChartStyle.INK);
            g.setFont(Drawing.plain(15));
            for (int l = 0; l < titles.length; l++) Drawing.centred(g, titles[l], x(l), TITLE_BAND / 2.0);
            if (!caption.isEmpty()) Drawing.centred(g, caption, width / 2.0, height - CAPTION_BAND / 2.0);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ------------------------------------------------------------------ drawing

    private double x(int layer) {
        return MARGIN + RADIUS + layer * (double) LAYER_SPACING;
    }

    private double y(int layer, int i) {
        int tallest = Arrays.stream(sizes).max().orElse(1);
        double middle = TITLE_BAND + tallest * PITCH / 2.0;
        return middle + (i - (sizes[layer] - 1) / 2.0) * PITCH;
    }

    private void line(Graphics2D g, int fromLayer, int from, int toLayer, int to, boolean lit) {
        g.setColor(lit ? ChartStyle.ORANGE : Drawing.FAINT);
        g.setStroke(new BasicStroke(lit ? 3.5f : 1.5f));
        g.draw(new Line2D.Double(x(fromLayer) + RADIUS, y(fromLayer, from), x(toLayer) - RADIUS, y(toLayer, to)));
    }

    /** An arrowhead touching the circle of neuron k of layer l−1, pointing at it. */
    private void arrowhead(Graphics2D g, int layer, int j, int k) {
        double ux = x(layer) - x(layer - 1), uy = y(layer, j) - y(layer - 1, k), length = Math.hypot(ux, uy);
        ux /= length;
        uy /= length;
        double tipX = x(layer - 1) + (RADIUS + 2) * ux, tipY = y(layer - 1, k) + (RADIUS + 2) * uy;
        var head = new Path2D.Double();
        head.moveTo(tipX, tipY);
        head.lineTo(tipX + 16 * ux - 7 * uy, tipY + 16 * uy + 7 * ux);
        head.lineTo(tipX + 16 * ux + 7 * uy, tipY + 16 * uy - 7 * ux);
        head.closePath();
        g.setColor(ChartStyle.ORANGE);
        g.fill(head);
    }

    /** The weight's name on a white patch, a little nearer its later end. */
    private void weightName(Graphics2D g, int layer, int j, int k, String name) {
        double mx = 0.45 * x(layer - 1) + 0.55 * x(layer), my = 0.45 * y(layer - 1, k) + 0.55 * y(layer, j);
        g.setFont(Drawing.bold(16));
        int w = g.getFontMetrics().stringWidth(name) + 12;
        g.setColor(Color.WHITE);
        g.fillRoundRect((int) Math.round(mx - w / 2.0), (int) Math.round(my - 13), w, 26, 8, 8);
        g.setColor(ChartStyle.ORANGE.darker());
        Drawing.centred(g, name, mx, my);
    }

    private void neuron(Graphics2D g, int layer, int i) {
        boolean lit = litNeurons.contains(List.of(layer, i));
        double cx = x(layer), cy = y(layer, i);
        var circle = new Ellipse2D.Double(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
        g.setColor(lit ? Drawing.PALE_ORANGE : Drawing.PALE_BLUE);
        g.fill(circle);
        g.setColor(lit ? ChartStyle.ORANGE : ChartStyle.BLUE);
        g.setStroke(new BasicStroke(2f));
        g.draw(circle);
        g.setColor(ChartStyle.INK);
        g.setFont(Drawing.plain(16));
        Drawing.centred(g, names.apply(layer, i), cx, cy);
        String note = notes.get(List.of(layer, i));
        if (note != null) {
            g.setColor(ChartStyle.VERMILLION);
            g.setFont(Drawing.bold(16));
            Drawing.leftAligned(g, note, cx + RADIUS + 14, cy);
        }
        String below = notesBelow.get(List.of(layer, i));
        if (below != null) {
            g.setColor(ChartStyle.INK);
            g.setFont(Drawing.plain(15));
            Drawing.centred(g, below, cx, cy + RADIUS + 16);
        }
    }

    private void drawCost(Graphics2D g) {
        int last = sizes.length - 1, column = sizes.length;
        double cx = x(column), cy = y(last, 0);
        boolean lit = litNeurons.contains(List.of(last, 0));
        g.setColor(lit ? ChartStyle.ORANGE : Drawing.FAINT);
        g.setStroke(new BasicStroke(lit ? 3.5f : 1.5f));
        g.draw(new Line2D.Double(x(last) + RADIUS, cy, cx - RADIUS, cy));
        g.setColor(new Color(0xE6DCF0));
        g.fill(new Rectangle2D.Double(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS));
        g.setColor(ChartStyle.PURPLE.darker());
        g.setStroke(new BasicStroke(2f));
        g.draw(new Rectangle2D.Double(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS));
        g.setColor(ChartStyle.INK);
        g.setFont(Drawing.plain(16));
        Drawing.centred(g, cost, cx, cy);
        g.setFont(Drawing.plain(15));
        if (costBelow != null) Drawing.centred(g, costBelow, cx, cy + RADIUS + 16);
        if (costTitle != null) Drawing.centred(g, costTitle, cx, TITLE_BAND / 2.0);
    }

    private void checkNeuron(int layer, int i) {
        if (layer < 0 || layer >= sizes.length) {
            throw new IllegalArgumentException("layer " + layer + " does not exist: the layers are 0 to " + (sizes.length - 1));
        }
        if (i < 0 || i >= sizes[layer]) {
            throw new IllegalArgumentException("neuron " + i + " does not exist in layer " + layer + ", which has "
                    + sizes[layer] + (sizes[layer] == 1 ? " neuron (0)" : " neurons (0 to " + (sizes[layer] - 1) + ")"));
        }
    }
}
