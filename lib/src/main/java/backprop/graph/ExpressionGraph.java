package backprop.graph;

import backprop.display.Numbers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A snapshot of an expression graph, its values numbered in the order the backward pass
 * completes their gradients: what a {@link Trace} and the pictures are made from.
 *
 * <pre>{@code
 * ExpressionGraph graph = ExpressionGraph.of(f);   // f = (x + y) · z
 * graph.label(0)           // "f": node 0 is the output
 * graph.forwardText(1)     // "q = x + y = -2 + 5 = 3"
 * }</pre>
 *
 * <p>Node 0 is the output. The others follow by <em>rank</em>, the length of the longest path
 * from a node to the output: every value computed from node i has a smaller rank than i, so when
 * the walk reaches i its gradient is complete. Nodes of equal rank keep the order of a
 * depth-first walk from the output (first input first), which reads top to bottom in a picture.
 *
 * <p>The numbers are copied when the snapshot is taken: a picture drawn now keeps showing them
 * even if training changes the values later.
 */
public final class ExpressionGraph {

    /** An edge of the graph seen from its input: node {@code consumer} used this node as its input number {@code slot}. */
    public record Use(int consumer, int slot) {}

    private final List<Value> nodes;
    private final String[] labels;
    private final int[] rank;
    private final double[] data;
    private final double[] grad;
    private final int[][] inputs;          // inputs[i][k]: the index of node i's k-th input
    private final double[][] local;        // local[i][k]: ∂node i / ∂ its k-th input
    private final List<List<Use>> uses;    // uses.get(i): where node i is used as an input

    /** The graph of {@code output} as it is now, gradients included. */
    public static ExpressionGraph of(Value output) {
        if (output == null) throw new IllegalArgumentException("there is no graph: the value is null");
        return new ExpressionGraph(output);
    }

    private ExpressionGraph(Value output) {
        List<Value> topological = output.topologicalOrder();
        int n = topological.size();
        Map<Value, Integer> position = new IdentityHashMap<>(2 * n);
        for (int i = 0; i < n; i++) position.put(topological.get(i), i);

        // Rank: the longest path to the output. Walking from the output back, a value's
        // consumers are all done before it, so its rank is final when its inputs are updated.
        int[] rankByPosition = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            for (Value input : topological.get(i).inputs()) {
                int p = position.get(input);
                rankByPosition[p] = Math.max(rankByPosition[p], rankByPosition[i] + 1);
            }
        }
        int[] preorder = preorder(output, position, n);
        Integer[] byStep = new Integer[n];
        for (int i = 0; i < n; i++) byStep[i] = i;
        Arrays.sort(byStep, Comparator.<Integer>comparingInt(p -> rankByPosition[p]).thenComparingInt(p -> preorder[p]));

        nodes = new ArrayList<>(n);
        Map<Value, Integer> index = new IdentityHashMap<>(2 * n);
        rank = new int[n];
        for (int i = 0; i < n; i++) {
            Value v = topological.get(byStep[i]);
            nodes.add(v);
            index.put(v, i);
            rank[i] = rankByPosition[byStep[i]];
        }
        labels = new String[n];
        data = new double[n];
        grad = new double[n];
        inputs = new int[n][];
        local = new double[n][];
        uses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) uses.add(new ArrayList<>(1));
        for (int i = 0; i < n; i++) {
            Value v = nodes.get(i);
            data[i] = v.data();
            grad[i] = v.grad();
            labels[i] = v.name() != null ? v.name() : v.isLeaf() ? Numbers.format(v.data()) : "v" + i;
            List<Value> in = v.inputs();
            inputs[i] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                inputs[i][k] = index.get(in.get(k));
                uses.get(inputs[i][k]).add(new Use(i, k));
            }
            local[i] = v.localGradients();
        }
    }

    /** The number of values. */
    public int size() {
        return nodes.size();
    }

    /** Value i itself. */
    public Value value(int i) {
        return nodes.get(i);
    }

    /** The name of value i in traces and pictures: its own name, its number for an unnamed leaf, else {@code v} and i. */
    public String label(int i) {
        return labels[i];
    }

    /** The label of the output, the f of ∂f/∂x. */
    public String outputLabel() {
        return labels[0];
    }

    /** The length of the longest path from value i to the output (0 for the output). */
    public int rank(int i) {
        return rank[i];
    }

    /** The highest rank: the number of value columns in a picture, less one. */
    public int depth() {
        int depth = 0;
        for (int r : rank) depth = Math.max(depth, r);
        return depth;
    }

    /** The data of value i when the snapshot was taken. */
    public double data(int i) {
        return data[i];
    }

    /** The gradient of value i when the snapshot was taken. */
    public double grad(int i) {
        return grad[i];
    }

    /** True if value i is a leaf: an input, a parameter or a constant. */
    public boolean isLeaf(int i) {
        return inputs[i].length == 0;
    }

    /** The number of inputs of value i. */
    public int inputCount(int i) {
        return inputs[i].length;
    }

    /** The node number of value i's k-th input. */
    public int input(int i, int k) {
        return inputs[i][k];
    }

    /** ∂(value i)/∂(its k-th input), from the forward pass. */
    public double localGradient(int i, int k) {
        return local[i][k];
    }

    /** Where value i is used as an input: one entry per use. */
    public List<Use> uses(int i) {
        return List.copyOf(uses.get(i));
    }

    /** The symbol of the operation that made value i, e.g. {@code "×"}, or {@code ""} for a leaf. */
    public String symbol(int i) {
        return nodes.get(i).op();
    }

    /** How value i was computed, e.g. {@code q = x + y = -2 + 5 = 3}, or {@code x = -2} for a leaf. */
    public String forwardText(int i) {
        String value = Numbers.format(data[i]);
        if (isLeaf(i)) {
            return labels[i].equals(value) ? value + " (a constant)" : labels[i] + " = " + value;
        }
        String symbolic = expression(i, k -> labels[inputs[i][k]]);
        String numeric = expression(i, k -> Numbers.format(data[inputs[i][k]]));
        return labels[i] + " = " + symbolic + " = " + numeric + " = " + value;
    }

    /** Value i's operation applied to its inputs, each written by {@code operand}: {@code x + y}, {@code tanh(n)}, {@code x^2}. */
    public String expression(int i, IntFunction<String> operand) {
        Value v = nodes.get(i);
        return v.operation().expression(operand.apply(0), second(i, operand));
    }

    /**
     * Value i's local gradients, with its operation on top, e.g.
     * {@code ∂(q × z)/∂q = z = -4, ∂(q × z)/∂z = q = 3} (see {@link TraceStep} for why not ∂f/∂q).
     */
    public String localGradientText(int i) {
        Operation operation = nodes.get(i).operation();
        String a = labels[inputs[i][0]], b = second(i, k -> labels[inputs[i][k]]);
        String written = expression(i, k -> labels[inputs[i][k]]);
        var parts = new ArrayList<String>();
        for (int k = 0; k < inputs[i].length; k++) {
            String rule = operation.formula(k, a, b, labels[i]);
            String value = Numbers.format(local[i][k]);
            parts.add(TraceStep.partial(written, labels[inputs[i][k]]) + " = " + (rule.equals(value) ? value : rule + " = " + value));
        }
        return String.join(", ", parts);
    }

    /** The b of value i's operation, written by {@code operand}: its second input, or the exponent of a power. */
    private String second(int i, IntFunction<String> operand) {
        if (inputs[i].length > 1) return operand.apply(1);
        Value v = nodes.get(i);
        return v.operation() == Operation.POWER ? Numbers.format(v.constant()) : "";
    }

    /** Depth-first from the output, first input first; each node numbered when first reached. No recursion. */
    private static int[] preorder(Value output, Map<Value, Integer> position, int n) {
        int[] order = new int[n];
        Arrays.fill(order, -1);
        int next = 0;
        Deque<Value> stack = new ArrayDeque<>();
        stack.push(output);
        while (!stack.isEmpty()) {
            Value v = stack.pop();
            int p = position.get(v);
            if (order[p] >= 0) continue;
            order[p] = next++;
            List<Value> in = v.inputs();
            for (int k = in.size() - 1; k >= 0; k--) {
                if (order[position.get(in.get(k))] < 0) stack.push(in.get(k));
            }
        }
        return order;
    }
}
