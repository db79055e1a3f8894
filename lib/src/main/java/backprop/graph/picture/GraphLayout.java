package backprop.graph.picture;

import backprop.graph.ExpressionGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where each node of a picture goes: a layered drawing, left to right, inputs on the left and the
 * output on the right.
 *
 * <p>Columns come from the rank of a value (its longest path to the output): the output is the
 * rightmost column, the values it is computed from the column before, and so on. Each operation
 * is a small node just left of the value it makes. Within a column a value is placed as close as
 * it can get to the values computed from it (the first input of a two-input operation a little
 * above it, the second a little below), keeping the column's order and a minimum spacing; the
 * best such positions come from isotonic regression ("pool adjacent violators").
 *
 * <p>Text widths are estimated from character counts, not measured with the fonts of this
 * machine, so the same graph gives the same picture, to the last coordinate, everywhere.
 */
final class GraphLayout {

    static final double MARGIN = 16;
    static final double LEGEND_HEIGHT = 26;
    static final double BOX_HEIGHT = 40;
    static final double PITCH = 54;             // vertical distance between two boxes' centres
    static final double OP_HEIGHT = 26;
    static final double SEED_SPACE = 62;        // right of the output: the seed arrow
    static final double NAME_SIZE = 14, TEXT_SIZE = 12, OP_SIZE = 13, LEGEND_SIZE = 12;

    final double[] left;          // x of each value's box
    final double[] centreY;       // y of each value's centre (and of its operation node)
    final double[] nameWidth;     // width of the name cell of each box
    final double[] boxWidth;      // width of each box
    final double[] opCentreX;     // x of each value's operation node (NaN for a leaf)
    final double[] opWidth;       // width of each operation node (0 for a leaf)
    final double width;
    final double height;
    final boolean legend;         // the line above the graph that says what the numbers are

    GraphLayout(ExpressionGraph graph, List<String> dataTexts, List<String> gradTexts, boolean legend) {
        this.legend = legend;
        int n = graph.size();
        int depth = graph.depth();
        left = new double[n];
        centreY = new double[n];
        nameWidth = new double[n];
        boxWidth = new double[n];
        opCentreX = new double[n];
        opWidth = new double[n];

        // Column sizes: every box of a column has the same width, so the column lines up.
        double[] columnName = new double[depth + 1];
        double[] columnText = new double[depth + 1];
        double[] columnOp = new double[depth + 1];
        for (int i = 0; i < n; i++) {
            int r = graph.rank(i);
            columnName[r] = Math.max(columnName[r], Math.max(30, sansBold(graph.label(i), NAME_SIZE) + 18));
            double text = Math.max(mono(dataTexts.get(i), TEXT_SIZE), mono(gradTexts.get(i), TEXT_SIZE));
            columnText[r] = Math.max(columnText[r], Math.max(52, text + 18));
            if (!graph.isLeaf(i)) columnOp[r] = Math.max(columnOp[r], opWidth(graph.symbol(i)));
        }

        // x, from the leftmost column (highest rank) to the output's.
        double[] columnLeft = new double[depth + 1];
        double[] columnOpCentre = new double[depth + 1];
        double x = MARGIN;
        for (int r = depth; r >= 0; r--) {
            if (r < depth) {
                if (columnOp[r] > 0) {
                    x += 34;
                    columnOpCentre[r] = x + columnOp[r] / 2;
                    x += columnOp[r] + 22;
                } else {
                    x += 48;
                }
            }
            columnLeft[r] = x;
            x += columnName[r] + columnText[r];
        }
        for (int i = 0; i < n; i++) {
            int r = graph.rank(i);
            left[i] = columnLeft[r];
            nameWidth[i] = columnName[r];
            boxWidth[i] = columnName[r] + columnText[r];
            boolean leaf = graph.isLeaf(i);
            opCentreX[i] = leaf ? Double.NaN : columnOpCentre[r];
            opWidth[i] = leaf ? 0 : opWidth(graph.symbol(i));   // centred in its column
        }

        placeVertically(graph);
        double top = Double.POSITIVE_INFINITY, bottom = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            top = Math.min(top, centreY[i]);
            bottom = Math.max(bottom, centreY[i]);
        }
        double shift = MARGIN + (legend ? LEGEND_HEIGHT : 0) + BOX_HEIGHT / 2 - top;
        for (int i = 0; i < n; i++) centreY[i] += shift;
        width = Math.ceil(Math.max(x + SEED_SPACE + MARGIN, legend ? 2 * MARGIN + sans(legend(graph.outputLabel()), LEGEND_SIZE) : 0));
        height = Math.ceil(bottom + shift + BOX_HEIGHT / 2 + MARGIN);
    }

    /** The line above the graph that says what the numbers in a box are. */
    static String legend(String output) {
        return "data: the value, from the forward pass · grad: ∂" + output + "/∂value, from the backward pass";
    }

    /** Column by column from the output, each value as near as it can be to the values computed from it. */
    private void placeVertically(ExpressionGraph graph) {
        int n = graph.size();
        List<List<Integer>> columns = new ArrayList<>();
        for (int r = 0; r <= graph.depth(); r++) columns.add(new ArrayList<>());
        for (int i = 0; i < n; i++) columns.get(graph.rank(i)).add(i);   // in step order
        double[] target = new double[n];
        for (List<Integer> column : columns) {
            for (int i : column) {
                if (i == 0) continue;                       // the output, at 0
                double sum = 0;
                for (ExpressionGraph.Use use : graph.uses(i)) {
                    int arity = graph.inputCount(use.consumer());
                    sum += centreY[use.consumer()] + (use.slot() - (arity - 1) / 2.0) * PITCH;
                }
                target[i] = sum / graph.uses(i).size();
            }
            Integer[] order = column.toArray(new Integer[0]);
            Arrays.sort(order, Comparator.comparingDouble(i -> target[i]));   // stable: ties keep step order
            // Isotonic regression: y_j = v_j + j·PITCH with v non-decreasing, as near the targets as possible.
            int m = order.length;
            double[] sums = new double[m];
            int[] counts = new int[m];
            int blocks = 0;
            for (int j = 0; j < m; j++) {
                sums[blocks] = target[order[j]] - j * PITCH;
                counts[blocks] = 1;
                blocks++;
                while (blocks > 1 && sums[blocks - 1] / counts[blocks - 1] < sums[blocks - 2] / counts[blocks - 2]) {
                    sums[blocks - 2] += sums[blocks - 1];
                    counts[blocks - 2] += counts[blocks - 1];
                    blocks--;
                }
            }
            int j = 0;
            for (int b = 0; b < blocks; b++) {
                double v = sums[b] / counts[b];
                for (int c = 0; c < counts[b]; c++, j++) centreY[order[j]] = v + j * PITCH;
            }
        }
    }

    /** The width of an operation node: a circle for a symbol, a rounded pill for a word. */
    static double opWidth(String op) {
        return Math.max(OP_HEIGHT, sansBold(op, OP_SIZE) + 14);
    }

    /** Estimated width of text in a monospaced font: every character 0.6 em wide. */
    static double mono(String text, double size) {
        return text.codePointCount(0, text.length()) * 0.6 * size;
    }

    /** Estimated width of text in a sans-serif font. */
    static double sans(String text, double size) {
        return text.codePointCount(0, text.length()) * 0.56 * size;
    }

    /** Estimated width of bold text in a sans-serif font. */
    static double sansBold(String text, double size) {
        return text.codePointCount(0, text.length()) * 0.64 * size;
    }
}
