package backprop.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an expression graph, in the order the backward pass finds the gradients: what
 * the trace and the pictures are made from.
 *
 * <p>Node 0 is the output. The others follow by <em>rank</em>, the length of the longest path
 * from a node to the output: every value computed from node i has a smaller rank than i, so when
 * the walk reaches i its gradient is complete. Nodes of equal rank keep the order of a
 * depth-first walk from the output (first input first), which reads top to bottom in a picture.
 *
 * <p>The numbers are copied when the snapshot is taken: a picture drawn now keeps showing them
 * even if training changes the values later.
 */
final class GraphView {

    /** An edge of the graph seen from its input: node {@code consumer} used this node as input number {@code slot}. */
    record Use(int consumer, int slot) {}

    final List<Value> nodes;
    final String[] labels;
    final int[] rank;
    final double[] data;
    final double[] grad;
    final int[][] inputs;          // inputs[i][k]: the index of node i's k-th input
    final double[][] local;        // local[i][k]: ∂node i / ∂ its k-th input
    final List<List<Use>> uses;    // uses.get(i): where node i is used as an input

    GraphView(Value output) {
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
            labels[i] = v.name() != null ? v.name() : v.isLeaf() ? Format.number(v.data()) : "v" + i;
            List<Value> in = v.inputs();
            inputs[i] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                inputs[i][k] = index.get(in.get(k));
                uses.get(inputs[i][k]).add(new Use(i, k));
            }
            local[i] = v.localGradients();
        }
    }

    int size() {
        return nodes.size();
    }

    /** The label of the output, the f of ∂f/∂x. */
    String outputLabel() {
        return labels[0];
    }

    /** The highest rank: the number of value columns in a picture, less one. */
    int depth() {
        int depth = 0;
        for (int r : rank) depth = Math.max(depth, r);
        return depth;
    }

    /** How node i was computed, e.g. {@code q = x + y = -2 + 5 = 3}, or {@code x = -2} for a leaf. */
    String forwardText(int i) {
        String value = Format.number(data[i]);
        if (inputs[i].length == 0) {
            return labels[i].equals(value) ? value + " (a constant)" : labels[i] + " = " + value;
        }
        String symbolic = expression(i, k -> labels[inputs[i][k]]);
        String numeric = expression(i, k -> Format.number(data[inputs[i][k]]));
        return labels[i] + " = " + symbolic + " = " + numeric + " = " + value;
    }

    /** Node i's operation applied to its inputs, each written by {@code operand}: {@code x + y}, {@code tanh(n)}, {@code x^2}. */
    String expression(int i, java.util.function.IntFunction<String> operand) {
        String op = nodes.get(i).op();
        if (inputs[i].length == 2) return operand.apply(0) + " " + op + " " + operand.apply(1);
        if (op.startsWith("^")) return operand.apply(0) + op;
        if (op.equals("−")) {
            String a = operand.apply(0);
            return "-" + (a.startsWith("-") ? "(" + a + ")" : a);
        }
        return op + "(" + operand.apply(0) + ")";
    }

    /** Node i's local gradients, e.g. {@code ∂f/∂q = z = -4, ∂f/∂z = q = 3}. */
    String localGradientText(int i) {
        var parts = new ArrayList<String>();
        for (int k = 0; k < inputs[i].length; k++) {
            String rule = localRule(i, k);
            String value = Format.number(local[i][k]);
            parts.add("∂" + labels[i] + "/∂" + labels[inputs[i][k]] + " = "
                    + (rule.equals(value) ? value : rule + " = " + value));
        }
        return String.join(", ", parts);
    }

    /** The formula of ∂(node i)/∂(its k-th input), in the labels of the graph. */
    private String localRule(int i, int k) {
        String out = labels[i];
        String a = labels[inputs[i][0]];
        String b = inputs[i].length > 1 ? labels[inputs[i][1]] : null;
        String op = nodes.get(i).op();
        return switch (op) {
            case "+" -> "1";
            case "−" -> inputs[i].length == 1 || k == 1 ? "-1" : "1";
            case "×" -> k == 0 ? b : a;
            case "÷" -> k == 0 ? "1/" + b : "-" + a + "/" + b + "²";
            case "exp" -> out;
            case "log" -> "1/" + a;
            case "tanh" -> "1 - " + out + "²";
            case "σ" -> out + "·(1 - " + out + ")";
            case "ReLU" -> "(" + a + " > 0 ? 1 : 0)";
            default -> {                                   // a power, "^p": p·a^(p-1)
                String p = op.substring(1);
                double lower = Double.parseDouble(p) - 1;
                yield p + "·" + a + (lower == 1 ? "" : "^" + Format.number(lower));
            }
        };
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
