package backprop.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One neuron: a weighted sum of its inputs plus a bias, the <em>weighted input</em>
 * {@code z = w·x + b}, then optionally the rectifier, {@code a = ReLU(z)}.
 *
 * <pre>{@code
 * Neuron n = new Neuron(2, true, new Random(1));
 * Value a = n.apply(List.of(new Value(1, "x1"), new Value(-2, "x2")));
 * }</pre>
 *
 * <p>Its weights start uniformly random in [-1, 1), its bias at 0 (as in micrograd). They are
 * named {@code w1}, {@code w2}, … and {@code b}; an {@link MLP} renames them after their layer.
 */
public final class Neuron implements Trainable {

    private final List<Value> weights;
    private final Value bias;
    private final boolean relu;

    /** A neuron with {@code inputs} weights, ReLU if {@code relu} (otherwise linear: {@code a = z}). */
    public Neuron(int inputs, boolean relu, Random random) {
        if (inputs < 1) throw new IllegalArgumentException("a neuron needs at least one input, got " + inputs);
        var w = new ArrayList<Value>(inputs);
        for (int k = 1; k <= inputs; k++) w.add(new Value(2 * random.nextDouble() - 1, "w" + k));
        this.weights = List.copyOf(w);
        this.bias = new Value(0, "b");
        this.relu = relu;
    }

    /** The activation for the inputs {@code x}: {@code ReLU(w·x + b)}, or {@code w·x + b} for a linear neuron. */
    public Value apply(List<Value> x) {
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException("this neuron has " + weights.size() + " weights but got " + x.size() + " inputs");
        }
        Value z = bias;
        for (int k = 0; k < x.size(); k++) z = z.plus(weights.get(k).times(x.get(k)));   // z = b + Σ w_k·x_k
        return relu ? z.relu() : z;
    }

    /** The same as {@link #apply(List)} on plain numbers, without building a graph: for predictions. */
    public double apply(double[] x) {
        if (x.length != weights.size()) {
            throw new IllegalArgumentException("this neuron has " + weights.size() + " weights but got " + x.length + " inputs");
        }
        double z = bias.data();
        for (int k = 0; k < x.length; k++) z += weights.get(k).data() * x[k];
        return relu ? Math.max(0, z) : z;
    }

    /** The weights, one per input. */
    public List<Value> weights() {
        return weights;
    }

    /** The bias. */
    public Value bias() {
        return bias;
    }

    /** True if the neuron applies ReLU, false if it is linear. */
    public boolean isRelu() {
        return relu;
    }

    /** The weights, then the bias. */
    @Override
    public List<Value> parameters() {
        var all = new ArrayList<Value>(weights);
        all.add(bias);
        return all;
    }

    @Override
    public String toString() {
        return (relu ? "ReLU" : "Linear") + " neuron of " + weights.size() + " inputs";
    }
}
