package backprop.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A layer of neurons that all see the same inputs: {@code outputs} neurons of {@code inputs}
 * weights each.
 */
public final class Layer implements Trainable {

    private final List<Neuron> neurons;

    /** A layer of {@code outputs} neurons with {@code inputs} inputs each, ReLU if {@code relu}. */
    public Layer(int inputs, int outputs, boolean relu, Random random) {
        if (outputs < 1) throw new IllegalArgumentException("a layer needs at least one neuron, got " + outputs);
        var list = new ArrayList<Neuron>(outputs);
        for (int j = 0; j < outputs; j++) list.add(new Neuron(inputs, relu, random));
        this.neurons = List.copyOf(list);
    }

    /** Each neuron's activation for the inputs {@code x}. */
    public List<Value> apply(List<Value> x) {
        var out = new ArrayList<Value>(neurons.size());
        for (Neuron n : neurons) out.add(n.apply(x));
        return out;
    }

    /** The same as {@link #apply(List)} on plain numbers, without building a graph. */
    public double[] apply(double[] x) {
        double[] out = new double[neurons.size()];
        for (int j = 0; j < out.length; j++) out[j] = neurons.get(j).apply(x);
        return out;
    }

    /** The neurons, in order. */
    public List<Neuron> neurons() {
        return neurons;
    }

    @Override
    public List<Value> parameters() {
        var all = new ArrayList<Value>();
        for (Neuron n : neurons) all.addAll(n.parameters());
        return all;
    }

    @Override
    public String toString() {
        Neuron first = neurons.get(0);
        return (first.isRelu() ? "ReLU" : "Linear") + " layer " + first.weights().size() + " → " + neurons.size();
    }
}
