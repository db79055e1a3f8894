package backprop.graph.picture;

import backprop.display.Displayable;
import backprop.display.Displays;
import backprop.display.Numbers;
import backprop.graph.ExpressionGraph;
import backprop.graph.Trace;
import backprop.graph.TraceStep;
import backprop.graph.Value;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A picture of an expression graph: every value a box with its name, its data and its gradient,
 * every operation a small node in front of the value it makes, drawn left to right from the
 * inputs to the output.
 *
 * <pre>{@code
 * GraphPicture.forward(f)        // the forward pass: data filled in, gradients still unknown
 * GraphPicture.backward(f)       // runs the backward pass and shows every gradient
 * GraphPicture.atStep(f, 3)      // the first 3 steps of the backward pass done, step 3 emphasised
 * }</pre>
 *
 * <p>A notebook cell that ends with a picture shows the <em>interactive graph</em>: click a value
 * to see how its gradient is made (upstream gradient · local gradient); <b>Step</b> replays the
 * backward pass one value at a time (after the last step it starts again from the first);
 * <b>Reset</b> goes back to the forward pass, <b>End</b> to the finished backward pass. The
 * interactive graph is a self-contained piece of HTML (inline SVG, a style sheet, a short script;
 * nothing from the network). Where scripts are not run, in an untrusted notebook (a notebook just
 * cloned, not yet run) or on GitHub, the picture still shows, as it was drawn, under a line that
 * says to run the cell: as the inline SVG where style sheets are kept, as an image where they are
 * removed too (JupyterLab's sanitizer removes style sheets and SVG elements; the image is the SVG,
 * or a PNG for a graph whose SVG is too large to copy). The picture is shown at its own size, its
 * text never smaller than 12 pixels: a graph wider than the page scrolls sideways.
 * {@link #svg()} and {@link #image()} give the picture alone; a picture of the forward pass has
 * no buttons, and keeps the same fallback.
 *
 * <p>The numbers are taken when the picture is made: training the graph further does not change
 * a picture already shown. Pictures are meant for course-sized graphs (up to a few hundred
 * values); a graph of more than {@value #MAX_VALUES} values is refused.
 *
 * <p>The page's structure (what a browser test relies on): the root is
 * {@code <div class="bp-graph" data-steps="S">}; each value is an SVG
 * {@code <g class="bp-node" data-node="I" data-name="x">}, numbered in the order of the backward
 * pass (node 0 is the output); each edge a {@code <g class="bp-edge" data-from="I" data-to="J">};
 * then {@code <div class="bp-panel">}, the buttons {@code <button data-action="step">},
 * {@code <button data-action="reset">} and {@code <button data-action="end">}, and
 * {@code <span class="bp-status">} reading {@code step k of S}. While stepping, values whose
 * gradient is known carry the class {@code bp-done} and the edges of the current step
 * {@code bp-current}. {@code <div class="bp-note">} says to run the cell (the script hides it),
 * {@code <div class="bp-fallback">} holds the picture as an {@code <img>} (the style sheet hides
 * it). A picture of the forward pass is a {@code <div class="bp-graph-static">} with the same
 * figure and fallback.
 */
public final class GraphPicture implements Displayable {

    /** The largest SVG (in characters) also given as an SVG image for viewers without inline SVG; a larger graph's fallback is its PNG. */
    static final int MAX_FALLBACK = 200_000;

    /** What a picture says where its script has not run: in a notebook just opened, its cell has not run yet. */
    static final String RUN_HINT = "Run this cell, then click a box to see how its gradient is made; "
            + "Step, Reset and End replay the backward pass. (Until the cell has run, this is a still picture.)";

    /** The largest graph drawn. Beyond a few hundred values a picture is no longer readable anyway. */
    public static final int MAX_VALUES = 1000;

    private final ExpressionGraph graph;
    private final Trace trace;             // null for a picture of the forward pass
    private final int done;                // steps of the backward pass shown as done
    private final boolean current;         // emphasise the last step done
    private final List<String> dataTexts = new ArrayList<>();
    private final List<String> gradTexts = new ArrayList<>();
    private final GraphLayout layout;

    private GraphPicture(ExpressionGraph graph, Trace trace, int done, boolean current) {
        this(graph, trace, done, current, true);
    }

    private GraphPicture(ExpressionGraph graph, Trace trace, int done, boolean current, boolean legend) {
        if (graph.size() > MAX_VALUES) {
            throw new IllegalArgumentException("the graph of " + graph.outputLabel() + " has " + graph.size()
                    + " values; a picture is drawn for at most " + MAX_VALUES + " (draw a smaller part of it)");
        }
        this.graph = graph;
        this.trace = trace;
        this.done = done;
        this.current = current;
        for (int i = 0; i < graph.size(); i++) {
            dataTexts.add(Numbers.format(graph.data(i)));
            gradTexts.add(trace == null ? null : Numbers.format(graph.grad(i)));
        }
        this.layout = new GraphLayout(graph, prefixed("data ", dataTexts), prefixed("grad ", gradTexts), legend);
    }

    /** The graph of {@code output} after the forward pass: every value's data, no gradients yet. */
    public static GraphPicture forward(Value output) {
        return new GraphPicture(ExpressionGraph.of(requireValue(output)), null, 0, false);
    }

    /** Runs the backward pass from {@code output} and shows the graph with every gradient. */
    public static GraphPicture backward(Value output) {
        return of(Trace.backward(requireValue(output)));
    }

    /**
     * Runs the backward pass from {@code output} and shows it after {@code step} of its steps:
     * those values highlighted with their gradients, the value and edges of step {@code step}
     * emphasised. Step 0 is the forward pass; the steps are those of {@link Trace#backward(Value)}.
     */
    public static GraphPicture atStep(Value output, int step) {
        return of(Trace.backward(requireValue(output)), step);
    }

    /** The graph of a trace, after the whole backward pass. */
    public static GraphPicture of(Trace trace) {
        return new GraphPicture(trace.graph(), trace, trace.size(), false);
    }

    /** The graph of a trace after {@code step} of its steps (0 to {@code trace.size()}). */
    public static GraphPicture of(Trace trace, int step) {
        if (step < 0 || step > trace.size()) {
            throw new IllegalArgumentException("step " + step + " does not exist: the backward pass of "
                    + trace.graph().outputLabel() + " has steps 0 (none done) to " + trace.size());
        }
        return new GraphPicture(trace.graph(), trace, step, step > 0);
    }

    /**
     * The same picture without the line above the graph that says what the numbers in a box are:
     * for small graphs shown side by side under captions of their own ({@code PictureGrid}).
     */
    public GraphPicture withoutLegend() {
        return new GraphPicture(graph, trace, done, current, false);
    }

    /** The number of steps of the backward pass shown as done. */
    public int step() {
        return done;
    }

    /** The size the picture is shown at, in pixels: {@code {width, height}}. */
    public int[] size() {
        return new int[] {(int) Math.round(layout.width * SCALE), (int) Math.round(layout.height * SCALE)};
    }

    /** How much larger than its own units the picture is shown: its text then matches a notebook's. */
    static final double SCALE = 1.2;

    /** The picture as an SVG element ({@code <svg …>…</svg>}), text kept as text. */
    public String svg() {
        var svg = new SVGGraphics2D(Math.round(layout.width * SCALE), Math.round(layout.height * SCALE));
        svg.setDefsKeyPrefix("bp");              // no clock-based ids: the same graph gives the same SVG
        svg.setGeomDoubleConverter(GraphPicture::coordinate);
        svg.setTransformDoubleConverter(GraphPicture::coordinate);
        new GraphPainter(graph, layout, dataTexts, gradTexts).paint(svg, done, current, trace != null);
        return svg.getSVGElement(null, true, new ViewBox(0, 0, layout.width, layout.height), null, null);
    }

    /** The picture as an image, the size the notebook shows it. */
    public BufferedImage image() {
        return image(SCALE);
    }

    /** The picture as an image, {@code scale} pixels per unit of the layout ({@link #image()} uses 1.2; 2.4 gives a sharp picture on a high-resolution screen). */
    public BufferedImage image(double scale) {
        if (!(scale > 0 && scale <= 8)) throw new IllegalArgumentException("scale must lie in (0, 8], got " + scale);
        var image = new BufferedImage((int) Math.round(layout.width * scale), (int) Math.round(layout.height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // the whole image first: the layout's edge, scaled, need not fall on a whole pixel
            g.setPaint(GraphPainter.BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            new GraphPainter(graph, layout, dataTexts, gradTexts).paint(g, done, current, trace != null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The interactive graph: a {@code <div class="bp-graph">} holding a style sheet, the buttons,
     * the SVG picture, the panel and a script. Without a backward pass (a {@link #forward} picture)
     * there is nothing to replay, and the block holds the picture only.
     */
    public String html() {
        String svg = svg();
        if (trace == null) {
            return "<div class=\"bp-graph-static\">\n<style>" + Interactive.CSS + "</style>\n" + figure(svg) + "</div>";
        }
        var html = new StringBuilder(16_384);
        html.append("<div class=\"bp-graph\" data-steps=\"").append(trace.size()).append("\">\n");
        html.append("<style>").append(Interactive.CSS).append("</style>\n");
        html.append("<div class=\"bp-controls\" style=\"display:none\">")
                .append("<button data-action=\"step\">Step</button> ")
                .append("<button data-action=\"reset\">Reset</button> ")
                .append("<button data-action=\"end\" title=\"the finished backward pass\">End</button> ")
                .append("<span class=\"bp-status\">step ").append(done).append(" of ").append(trace.size()).append("</span>")
                .append("</div>\n");
        html.append("<div class=\"bp-note\" style=\"margin:0 0 6px 0;font-size:13px;font-style:italic;color:#52606d\">")
                .append(Displays.escape(RUN_HINT)).append("</div>\n");
        html.append(figure(svg));
        html.append("<div class=\"bp-panel\" style=\"display:none\">").append(Displays.escape(Interactive.HINT)).append("</div>\n");
        html.append("<script type=\"application/json\" class=\"bp-data\">").append(Interactive.data(panels(), done, current))
                .append("</script>\n");
        html.append("<script>").append(Interactive.SCRIPT).append("</script>\n");
        return html.append("</div>").toString();
    }

    /**
     * The picture twice. Inline, for the page to animate: its box is folded by its style
     * attribute and unfolded by the style sheet, which also keeps it at its own size (a wide graph
     * scrolls). And as an image, in a box the style sheet hides: where a viewer removes style
     * sheets, SVG and scripts (JupyterLab with an untrusted notebook), the inline picture stays
     * folded and the image shows, also at its own size, scrolling if it must.
     */
    private String figure(String svg) {
        int[] size = size();
        String source = svg.length() <= MAX_FALLBACK
                ? "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8))
                : "data:image/png;base64," + Displays.pngBase64(image());
        String alt = toString().lines().findFirst().orElse("expression graph");
        return "<div class=\"bp-figure\" style=\"height:0;overflow:hidden\">" + svg + "</div>\n"
                + "<div class=\"bp-fallback\" style=\"overflow-x:auto;max-width:100%\"><img src=\"" + source + "\" width=\"" + size[0]
                + "\" height=\"" + size[1] + "\" alt=\"" + Displays.escape(alt) + "\" style=\"display:block;max-width:none;width:"
                + size[0] + "px;height:" + size[1] + "px\"></div>\n";
    }

    /** What a notebook shows: the interactive graph, a PNG for viewers without HTML, and a text summary. */
    @Override
    public Map<String, String> mimeBundle() {
        var bundle = new LinkedHashMap<String, String>();
        bundle.put("text/html", html());
        bundle.put("image/png", Displays.pngBase64(image()));
        bundle.put("text/plain", toString());
        return bundle;
    }

    /**
     * The graph as text, one value per line from the output back, e.g.
     * {@code q = x + y = -2 + 5 = 3    grad -4}.
     */
    @Override
    public String toString() {
        String state = trace == null ? "the forward pass"
                : done == trace.size() ? "the backward pass (" + done + " steps)"
                : "step " + done + " of " + trace.size() + " of the backward pass";
        var text = new StringBuilder("expression graph of ").append(graph.outputLabel()).append(": ")
                .append(graph.size()).append(graph.size() == 1 ? " value" : " values").append(", after ").append(state);
        int width = 0;
        for (int i = 0; i < graph.size(); i++) width = Math.max(width, graph.forwardText(i).length());
        width = Math.min(width, 60);
        for (int i = 0; i < graph.size(); i++) {
            String forward = graph.forwardText(i);
            String grad = trace != null && i < done ? gradTexts.get(i) : "?";
            text.append("\n  ").append(forward).append(" ".repeat(Math.max(1, width - forward.length() + 3)))
                    .append("grad ").append(grad);
        }
        return text.toString();
    }

    /** For each value, the lines the panel shows when it is clicked. */
    private List<List<String>> panels() {
        var all = new ArrayList<List<String>>();
        String f = graph.outputLabel();
        for (int i = 0; i < graph.size(); i++) {
            var lines = new ArrayList<String>();
            TraceStep step = trace.steps().get(i);
            lines.add(graph.label(i) + ", step " + step.number() + " of " + trace.size() + " of the backward pass");
            lines.add("forward: " + graph.forwardText(i));
            lines.add(step.toString());
            if (step.isSeed()) {
                lines.add("the seed: " + f + " changes one for one with itself, so the backward pass starts from 1");
            }
            for (TraceStep.Term t : step.terms()) {
                lines.add("upstream gradient ∂" + f + "/∂" + t.consumerName() + " = " + Numbers.format(t.upstream())
                        + " · local gradient " + step.localSymbol(t) + " = " + Numbers.format(t.local())
                        + " → " + Numbers.format(t.product()));
            }
            if (!graph.isLeaf(i)) {
                lines.add("local gradients of " + graph.label(i) + ": " + graph.localGradientText(i));
            }
            all.add(lines);
        }
        return all;
    }

    /** A coordinate in the SVG: one decimal at most, e.g. {@code 376.8}, the same on every machine. */
    private static String coordinate(double x) {
        double rounded = Math.round(x * 10) / 10.0;
        if (rounded == Math.rint(rounded)) return Long.toString((long) rounded);
        return java.math.BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString();
    }

    private static List<String> prefixed(String prefix, List<String> texts) {
        var out = new ArrayList<String>(texts.size());
        for (String t : texts) out.add(prefix + (t == null ? "?" : t));
        return out;
    }

    private static Value requireValue(Value output) {
        if (output == null) throw new IllegalArgumentException("there is no graph to draw: the value is null");
        return output;
    }
}
