package backprop.graph;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A multilayer perceptron built from scalar {@link Value}s, one node per multiplication: slow
 * next to the matrix code of {@code backprop.nn}, but every number of it can be looked at.
 *
 * <p>Hidden layers use ReLU, the last layer is linear. For a binary classifier with one output,
 * the output is a <em>score</em>: positive means class 1, negative class 0.
 *
 * <pre>{@code
 * Dataset moons = Synthetic.moons(100, 0.1, 1);
 * MLP model = new MLP(2, List.of(16, 16, 1), 1);       // 2 inputs → 16 → 16 → 1 score
 * for (int k = 0; k < 100; k++) {
 *     Value loss = model.maxMarginLoss(moons, 1e-4);
 *     loss.backward();
 *     model.step(1.0 - 0.9 * k / 100);                  // gradient descent, learning rate decaying
 * }
 * model.accuracy(moons)                                 // 1.0
 * }</pre>
 *
 * <p>The parameters are named in the course's notation: {@code w2[3,1]} is w²₃₁, the weight from
 * neuron 1 of layer 1 to neuron 3 of layer 2, and {@code b2[3]} the bias of that neuron. Layer 0
 * is the input.
 */
public final class MLP implements Trainable {

    private final int inputs;
    private final List<Layer> layers;

    /**
     * A network of {@code inputs} inputs and layers of the given sizes, e.g.
     * {@code new MLP(2, List.of(16, 16, 1), seed)}. The weights start uniformly random in
     * [-1, 1) from {@code new Random(seed)}, the biases at 0.
     */
    public MLP(int inputs, List<Integer> sizes, long seed) {
        if (inputs < 1) throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
        if (sizes.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        var random = new Random(seed);
        var list = new ArrayList<Layer>(sizes.size());
        int previous = inputs;
        for (int l = 0; l < sizes.size(); l++) {
            boolean last = l == sizes.size() - 1;
            list.add(new Layer(previous, sizes.get(l), !last, random));
            previous = sizes.get(l);
        }
        this.inputs = inputs;
        this.layers = List.copyOf(list);
        for (int l = 0; l < layers.size(); l++) {
            List<Neuron> neurons = layers.get(l).neurons();
            for (int j = 0; j < neurons.size(); j++) {
                Neuron n = neurons.get(j);
                for (int k = 0; k < n.weights().size(); k++) {
                    n.weights().get(k).named("w" + (l + 1) + "[" + (j + 1) + "," + (k + 1) + "]");
                }
                n.bias().named("b" + (l + 1) + "[" + (j + 1) + "]");
            }
        }
    }

    /** The outputs of the last layer for the inputs {@code x}: the forward pass, layer after layer. */
    public List<Value> apply(List<Value> x) {
        if (x.size() != inputs) {
            throw new IllegalArgumentException("this network has " + inputs + " inputs but got " + x.size());
        }
        List<Value> a = x;
        for (Layer layer : layers) a = layer.apply(a);
        return a;
    }

    /** The outputs for plain numbers, which become leaves named {@code x1}, {@code x2}, …. */
    public List<Value> apply(double... x) {
        var leaves = new ArrayList<Value>(x.length);
        for (int i = 0; i < x.length; i++) leaves.add(new Value(x[i], "x" + (i + 1)));
        return apply(leaves);
    }

    /** The single output of a network with one output neuron, e.g. a classifier's score. */
    public Value score(double... x) {
        requireOneOutput();
        return apply(x).get(0);
    }

    /** The single output as a plain number, computed without building a graph. */
    public double predict(double... x) {
        requireOneOutput();
        if (x.length != inputs) {
            throw new IllegalArgumentException("this network has " + inputs + " inputs but got " + x.length);
        }
        double[] a = x;
        for (Layer layer : layers) a = layer.apply(a);
        return a[0];
    }

    /** The class of a point for a binary classifier: 1 if the score is positive, else 0. */
    public int classify(double[] x) {
        return predict(x) > 0 ? 1 : 0;
    }

    /**
     * The loss of micrograd's moons demo, for a binary classifier with one output: the mean
     * <em>max-margin</em> (hinge) loss plus an L2 penalty on the parameters,
     * <pre>    loss = mean over examples of ReLU(1 − y·score) + alpha · Σ p²</pre>
     * where y is +1 for class 1 and -1 for class 0. An example costs nothing once its score has
     * the right sign with a margin of at least 1.
     */
    public Value maxMarginLoss(Dataset data, double alpha) {
        requireOneOutput();
        if (data.features() != inputs) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.features()
                    + " features but this network has " + inputs + " inputs");
        }
        if (data.classes() != 2) {
            throw new IllegalArgumentException("the max-margin loss needs two classes; dataset '" + data.name()
                    + "' has " + data.classes());
        }
        Value total = null;
        for (int i = 0; i < data.size(); i++) {
            double y = data.y()[i] == 1 ? 1 : -1;
            Value margin = score(data.x()[i]).times(-y).plus(1).relu();   // ReLU(1 − y·score)
            total = total == null ? margin : total.plus(margin);
        }
        Value dataLoss = total.times(1.0 / data.size());
        Value squares = null;
        for (Value p : parameters()) squares = squares == null ? p.times(p) : squares.plus(p.times(p));
        return dataLoss.plus(squares.times(alpha)).named("loss");
    }

    /** The fraction of examples of a two-class dataset that {@link #classify(double[])} gets right. */
    public double accuracy(Dataset data) {
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            if (classify(data.x()[i]) == data.y()[i]) right++;
        }
        return (double) right / data.size();
    }

    /** The layers, the first hidden layer first. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<Value> parameters() {
        var all = new ArrayList<Value>();
        for (Layer layer : layers) all.addAll(layer.parameters());
        return all;
    }

    /** For example {@code MLP 2-16-16-1 (337 parameters)}. */
    @Override
    public String toString() {
        var sizes = new StringBuilder().append(inputs);
        for (Layer layer : layers) sizes.append('-').append(layer.neurons().size());
        return "MLP " + sizes + " (" + parameters().size() + " parameters)";
    }

    private void requireOneOutput() {
        int outputs = layers.get(layers.size() - 1).neurons().size();
        if (outputs != 1) {
            throw new IllegalArgumentException("this needs a network with one output; this one has " + outputs);
        }
    }
}
