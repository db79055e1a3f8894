package backprop.graph.picture;

import backprop.graph.ExpressionGraph;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Draws an expression graph with Java2D: the same code draws the PNG (on a {@code BufferedImage})
 * and the SVG (on JFreeSVG's {@code SVGGraphics2D}).
 *
 * <p>In SVG every value, operation and edge is a group ({@code <g>}) with a class and its node
 * number, so that the interactive page can find it (the classes are listed in
 * {@link GraphPicture}). A value's gradient is drawn twice there, known and unknown, one of them
 * hidden, so that the page can switch between them while it replays the backward pass.
 */
final class GraphPainter {

    // Colours. Gradients are red, as in CS231n's pictures; the step being replayed is orange.
    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x1f2933);
    static final Color MUTED = new Color(0x7b8794);
    static final Color PENDING = new Color(0xa9b1bb);
    static final Color GRAD = new Color(0xc0392b);
    static final Color BOX = Color.WHITE;
    static final Color BOX_LINE = new Color(0x52606d);
    static final Color DONE = new Color(0xedf7ee);
    static final Color DONE_LINE = new Color(0x2f855a);
    static final Color CURRENT = new Color(0xe8710a);
    static final Color EDGE = new Color(0x9aa5b1);
    static final Color LEAF_NAME = new Color(0xdbe9f8);
    static final Color INNER_NAME = new Color(0xeceff3);
    static final Color OUTPUT_NAME = new Color(0xe9e1f7);

    static final Font NAME_FONT = new Font(Font.SANS_SERIF, Font.BOLD, (int) GraphLayout.NAME_SIZE);
    static final Font TEXT_FONT = new Font(Font.MONOSPACED, Font.PLAIN, (int) GraphLayout.TEXT_SIZE);
    static final Font OP_FONT = new Font(Font.SANS_SERIF, Font.BOLD, (int) GraphLayout.OP_SIZE);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, (int) GraphLayout.LEGEND_SIZE);

    private static final BasicStroke THIN = new BasicStroke(1.25f);
    private static final BasicStroke BOX_STROKE = new BasicStroke(1.25f);
    private static final BasicStroke BOLD = new BasicStroke(2.5f);
    private static final BasicStroke THICK = new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private final ExpressionGraph graph;
    private final GraphLayout layout;
    private final List<String> dataTexts;
    private final List<String> gradTexts;     // null entries: gradient not known
    private Graphics2D g;
    private boolean svg;

    GraphPainter(ExpressionGraph graph, GraphLayout layout, List<String> dataTexts, List<String> gradTexts) {
        this.graph = graph;
        this.layout = layout;
        this.dataTexts = dataTexts;
        this.gradTexts = gradTexts;
    }

    /**
     * Draws the graph with the first {@code done} steps of the backward pass done (their values
     * highlighted and their gradients shown); if {@code current}, the last of them is emphasised
     * with the edges it used. {@code gradients} is false for a picture of the forward pass only.
     */
    void paint(Graphics2D target, int done, boolean current, boolean gradients) {
        this.g = target;
        this.svg = target instanceof SVGGraphics2D;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);

        g.setPaint(BACKGROUND);
        g.fill(new Rectangle2D.Double(0, 0, layout.width, layout.height));
        if (layout.legend) {
            g.setFont(LEGEND_FONT);
            g.setPaint(MUTED);
            g.drawString(GraphLayout.legend(graph.outputLabel()), (float) GraphLayout.MARGIN, (float) (GraphLayout.MARGIN + 10));
        }

        int active = current ? done - 1 : -1;        // the node of the step being shown
        int n = graph.size();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < graph.inputCount(i); k++) edge(graph.input(i, k), i, k, graph.input(i, k) == active);
        }
        if (gradients) seed(active == 0);
        for (int i = 0; i < n; i++) {
            if (!graph.isLeaf(i)) operation(i);
        }
        for (int i = 0; i < n; i++) box(i, i < done, i == active, gradients);
    }

    /** The edge from value {@code from} into the operation of value {@code to}, as its input {@code slot}. */
    private void edge(int from, int to, int slot, boolean current) {
        begin("bp-edge" + (current ? " bp-current" : ""), "data-from", Integer.toString(from),
                "data-to", Integer.toString(to), "data-slot", Integer.toString(slot));
        double x1 = layout.left[from] + layout.boxWidth[from];
        double y1 = layout.centreY[from];
        int arity = graph.inputCount(to);
        double dy = (slot - (arity - 1) / 2.0) * 7;
        double radius = GraphLayout.OP_HEIGHT / 2;
        double capCentre = layout.opCentreX[to] - layout.opWidth[to] / 2 + radius;
        double x2 = capCentre - Math.sqrt(radius * radius - dy * dy);     // on the node's rounded left end
        double y2 = layout.centreY[to] + dy;
        double bend = Math.max(20, (x2 - x1) * 0.5);
        g.setPaint(current ? CURRENT : EDGE);
        g.setStroke(current ? THICK : THIN);
        g.draw(new CubicCurve2D.Double(x1, y1, x1 + bend, y1, x2 - 6 - bend, y2, x2 - 6, y2));
        arrow(x2, y2, current ? CURRENT : EDGE, 9);
        end();
    }

    /** The seed: the gradient 1 that enters the output, ∂f/∂f = 1, drawn as an arrow from the right. */
    private void seed(boolean current) {
        begin("bp-edge bp-seed" + (current ? " bp-current" : ""), "data-from", "0", "data-to", "seed", "data-slot", "0");
        String f = graph.outputLabel();
        title("the seed: ∂" + f + "/∂" + f + " = 1, where the backward pass starts");
        double x1 = layout.left[0] + layout.boxWidth[0];
        double y = layout.centreY[0];
        double x2 = x1 + GraphLayout.SEED_SPACE - 14;
        g.setPaint(current ? CURRENT : GRAD);
        g.setStroke(current ? THICK : THIN);
        var line = new Path2D.Double();
        line.moveTo(x2, y);
        line.lineTo(x1 + 7, y);
        g.draw(line);
        leftArrow(x1, y, current ? CURRENT : GRAD, 9);
        end();
        g.setFont(TEXT_FONT);
        g.setPaint(GRAD);
        String text = "1";
        g.drawString(text, (float) ((x1 + x2) / 2 - GraphLayout.mono(text, GraphLayout.TEXT_SIZE) / 2), (float) (y - 6));
    }

    /** The operation node of value {@code i}, and the short arrow from it into the value's box. */
    private void operation(int i) {
        String op = graph.symbol(i);
        begin("bp-op", "data-node", Integer.toString(i));
        title(graph.label(i) + " = " + graph.expression(i, k -> graph.label(graph.input(i, k))));
        double w = layout.opWidth[i], h = GraphLayout.OP_HEIGHT;
        double cx = layout.opCentreX[i], cy = layout.centreY[i];
        g.setPaint(EDGE);
        g.setStroke(THIN);
        g.draw(new Line2D.Double(cx + w / 2, cy, layout.left[i] - 6, cy));
        arrow(layout.left[i], cy, EDGE, 9);
        var shape = new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, h, h);
        g.setPaint(BOX);
        g.fill(shape);
        g.setPaint(BOX_LINE);
        g.setStroke(BOX_STROKE);
        g.draw(shape);
        g.setFont(OP_FONT);
        g.setPaint(INK);
        g.drawString(op, (float) (cx - GraphLayout.sansBold(op, GraphLayout.OP_SIZE) / 2), (float) (cy + 4.5));
        end();
    }

    /** The box of value {@code i}: its name, its data and its gradient. */
    private void box(int i, boolean done, boolean active, boolean gradients) {
        begin("bp-node" + (done ? " bp-done" : "") + (active ? " bp-active" : ""),
                "data-node", Integer.toString(i), "data-name", graph.label(i));
        title(graph.forwardText(i));
        double x = layout.left[i], w = layout.boxWidth[i], nw = layout.nameWidth[i];
        double h = GraphLayout.BOX_HEIGHT, y = layout.centreY[i] - h / 2, cy = layout.centreY[i];
        var outline = new RoundRectangle2D.Double(x, y, w, h, 10, 10);

        begin("bp-fill");
        g.setPaint(done ? DONE : BOX);
        g.fill(outline);
        end();
        g.setPaint(i == 0 ? OUTPUT_NAME : graph.isLeaf(i) ? LEAF_NAME : INNER_NAME);
        g.fill(leftRounded(x, y, nw, h, 5));
        g.setPaint(BOX_LINE);
        g.setStroke(BOX_STROKE);
        g.draw(new Line2D.Double(x + nw, y, x + nw, y + h));
        begin("bp-outline");
        g.setPaint(active ? CURRENT : done ? DONE_LINE : BOX_LINE);
        g.setStroke(active ? BOLD : BOX_STROKE);
        g.draw(outline);
        end();

        String name = graph.label(i);
        g.setFont(NAME_FONT);
        g.setPaint(INK);
        g.drawString(name, (float) (x + (nw - GraphLayout.sansBold(name, GraphLayout.NAME_SIZE)) / 2), (float) (cy + 5));

        double textX = x + nw + 9;
        double numberX = textX + GraphLayout.mono("data ", GraphLayout.TEXT_SIZE);
        g.setFont(TEXT_FONT);
        g.setPaint(MUTED);
        g.drawString("data", (float) textX, (float) (cy - 4));
        g.setPaint(INK);
        g.drawString(dataTexts.get(i), (float) numberX, (float) (cy - 4));

        String grad = gradients ? gradTexts.get(i) : null;
        boolean known = grad != null && done;
        if (svg || known) {
            begin("bp-grad-known", known ? new String[0] : new String[] {"display", "none"});
            if (grad != null) {
                g.setPaint(MUTED);
                g.drawString("grad", (float) textX, (float) (cy + 13));
                g.setPaint(GRAD);
                g.drawString(grad, (float) numberX, (float) (cy + 13));
            }
            end();
        }
        if (svg || !known) {
            begin("bp-grad-unknown", known ? new String[] {"display", "none"} : new String[0]);
            g.setPaint(PENDING);
            g.drawString("grad ?", (float) textX, (float) (cy + 13));
            end();
        }
        end();
    }

    /** An arrowhead pointing right, its tip at (x, y). */
    private void arrow(double x, double y, Color colour, double length) {
        begin("bp-arrow");
        var head = new Path2D.Double();
        head.moveTo(x, y);
        head.lineTo(x - length, y - length * 0.5);
        head.lineTo(x - length, y + length * 0.5);
        head.closePath();
        g.setPaint(colour);
        g.fill(head);
        end();
    }

    /** An arrowhead pointing left, its tip at (x, y). */
    private void leftArrow(double x, double y, Color colour, double length) {
        begin("bp-arrow");
        var head = new Path2D.Double();
        head.moveTo(x, y);
        head.lineTo(x + length, y - length * 0.5);
        head.lineTo(x + length, y + length * 0.5);
        head.closePath();
        g.setPaint(colour);
        g.fill(head);
        end();
    }

    /** A rectangle with its two left corners rounded: the name cell of a box. */
    private static Path2D leftRounded(double x, double y, double w, double h, double r) {
        var p = new Path2D.Double();
        p.moveTo(x + w, y);
        p.lineTo(x + r, y);
        p.quadTo(x, y, x, y + r);
        p.lineTo(x, y + h - r);
        p.quadTo(x, y + h, x + r, y + h);
        p.lineTo(x + w, y + h);
        p.closePath();
        return p;
    }

    // SVG groups: a no-op on a bitmap.

    private void begin(String cssClass, String... attributes) {
        if (!svg) return;
        Map<String, String> group = new LinkedHashMap<>();
        group.put("class", cssClass);
        for (int a = 0; a + 1 < attributes.length; a += 2) group.put(attributes[a], attributes[a + 1]);
        g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, group);
    }

    private void end() {
        if (svg) g.setRenderingHint(SVGHints.KEY_END_GROUP, "end");
    }

    private void title(String text) {
        if (svg) g.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, text);
    }
}
