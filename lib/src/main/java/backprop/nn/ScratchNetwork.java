package backprop.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A neural network written neuron by neuron and trained one example at a time, the way
 * from-scratch tutorials write it: lists of neurons, each with its weights, its output and its
 * "delta". Sigmoid neurons throughout, the quadratic cost C = ½ ‖a − y‖².
 *
 * <pre>{@code
 * ScratchNetwork net = ScratchNetwork.initialize(0, 2, 3, 2);   // seed, 2 inputs, 3 hidden, 2 outputs
 * List<Double> costs = net.train(xor.x(), xor.y(), 0.5, 100);   // one entry per epoch
 * int guess = net.predict(new double[] {0.9, -0.8});
 * }</pre>
 *
 * <h2>Where the chain rule is</h2>
 * Nowhere by name, and yet in every line of {@link #backwardPropagateError} and
 * {@link #updateWeights}. The derivative of the cost with respect to a weight w of neuron j is a
 * product of three factors, each computed on a line of its own below:
 * <pre>
 *   ∂C/∂w = ∂C/∂a · ∂a/∂z · ∂z/∂w
 *         = (how the cost moves with the output) · σ′(z) · (the input that w multiplies)
 * </pre>
 * The first two multiplied give the neuron's delta, δ = ∂C/∂z. For an output neuron ∂C/∂a comes
 * from the cost (the output error, δᴸ = ∇ₐC ⊙ σ′(zᴸ)); for a hidden neuron it is collected from
 * the neurons it feeds, Σ w δ (the error sent back, δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)). The third
 * factor turns δ into the weight's gradient, ∂C/∂w = δ · a; for the bias it is 1, ∂C/∂b = δ.
 * These are the four equations of {@link Backprop}, one neuron at a time.
 *
 * <p>The gradients are exactly those of {@link Network} with the same weights: {@link #toNetwork()}
 * builds that network, and the tests check the two agree.
 *
 * <p>Sign convention: δ here is ∂C/∂z, as in the course's equations, so an update subtracts
 * η·δ·input. Some tutorials store the negative (target − output) and add instead; the steps are the same.
 */
public final class ScratchNetwork {

    private final int inputs;
    private final List<List<ScratchNeuron>> layers;   // layers.get(l - 1) is layer l, 1 … L

    private ScratchNetwork(int inputs, List<List<ScratchNeuron>> layers) {
        this.inputs = inputs;
        this.layers = layers;
    }

    /**
     * Initialise network: {@code inputs} inputs, then one layer of neurons per entry of
     * {@code layerSizes} (the last is the output layer). Every weight and bias starts uniformly
     * random in [−0.5, 0.5), drawn from {@code new Random(seed)} neuron by neuron.
     */
    public static ScratchNetwork initialize(long seed, int inputs, int... layerSizes) {
        if (inputs < 1) throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
        if (layerSizes == null || layerSizes.length == 0) {
            throw new IllegalArgumentException("a network needs at least one layer of neurons after its inputs");
        }
        var random = new Random(seed);
        var layers = new ArrayList<List<ScratchNeuron>>();
        int previous = inputs;
        for (int l = 0; l < layerSizes.length; l++) {
            if (layerSizes[l] < 1) {
                throw new IllegalArgumentException("layer " + (l + 1) + " must have at least one neuron, got " + layerSizes[l]);
            }
            var layer = new ArrayList<ScratchNeuron>();
            for (int j = 0; j < layerSizes[l]; j++) {
                double[] weights = new double[previous];
                for (int k = 0; k < previous; k++) weights[k] = random.nextDouble() - 0.5;
                layer.add(new ScratchNeuron(weights, random.nextDouble() - 0.5));
            }
            layers.add(List.copyOf(layer));
            previous = layerSizes[l];
        }
        return new ScratchNetwork(inputs, List.copyOf(layers));
    }

    /** A network with the weights and biases of {@code network}, which must use sigmoid in every layer. */
    public static ScratchNetwork from(Network network) {
        for (int l = 1; l <= network.layers(); l++) {
            if (network.activation(l) != Activation.SIGMOID) {
                throw new IllegalArgumentException("a ScratchNetwork has sigmoid neurons only, but layer " + l + " uses " + network.activation(l));
            }
        }
        var layers = new ArrayList<List<ScratchNeuron>>();
        for (int l = 1; l <= network.layers(); l++) {
            Matrix w = network.weights(l), b = network.biases(l);
            var layer = new ArrayList<ScratchNeuron>();
            for (int j = 0; j < w.rows(); j++) layer.add(new ScratchNeuron(w.row(j), b.get(j, 0)));
            layers.add(List.copyOf(layer));
        }
        return new ScratchNetwork(network.inputs(), List.copyOf(layers));
    }

    /** The number of layers of neurons, L. */
    public int layers() {
        return layers.size();
    }

    /** The neurons of layer l, from 1 (the first hidden layer) to L (the output layer). */
    public List<ScratchNeuron> layer(int l) {
        if (l < 1 || l > layers.size()) {
            throw new IllegalArgumentException("there is no layer " + l + ": the layers of neurons are 1 to " + layers.size());
        }
        return layers.get(l - 1);
    }

    /** Neuron j of layer l. */
    public ScratchNeuron neuron(int l, int j) {
        List<ScratchNeuron> layer = layer(l);
        if (j < 0 || j >= layer.size()) {
            throw new IllegalArgumentException("layer " + l + " has neurons 0 to " + (layer.size() - 1) + ", not " + j);
        }
        return layer.get(j);
    }

    /** σ(z), the course's one sigmoid (that of {@link Activation#SIGMOID}). */
    private static double sigmoid(double z) {
        return Activation.SIGMOID.value(z);
    }

    /** Forward propagate: each neuron's z and output, layer by layer; returns the output layer's outputs. */
    public double[] forwardPropagate(double[] input) {
        requireInput(input);
        double[] activations = input;
        for (List<ScratchNeuron> layer : layers) {
            double[] next = new double[layer.size()];
            for (int j = 0; j < layer.size(); j++) {
                ScratchNeuron neuron = layer.get(j);
                double z = neuron.bias;
                for (int k = 0; k < activations.length; k++) z += neuron.weights[k] * activations[k];
                neuron.weightedInput = z;
                neuron.output = sigmoid(z);
                next[j] = neuron.output;
            }
            activations = next;
        }
        return activations;
    }

    /**
     * Backward propagate error: every neuron's δ = ∂C/∂z for the example last passed forward,
     * with target outputs {@code expected}. Output layer first, then backwards.
     */
    public void backwardPropagateError(double[] expected) {
        List<ScratchNeuron> outputLayer = layers.get(layers.size() - 1);
        if (expected == null || expected.length != outputLayer.size()) {
            throw new IllegalArgumentException("expected " + outputLayer.size() + " target outputs, got "
                    + (expected == null ? "null" : expected.length));
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
            List<ScratchNeuron> layer = layers.get(l);
            for (int j = 0; j < layer.size(); j++) {
                ScratchNeuron neuron = layer.get(j);
                double costByOutput;
                if (l == layers.size() - 1) {
                    // ∂C/∂a for C = ½ Σ (a − y)²: how the cost moves with this output (∇ₐC of the output error)
                    costByOutput = neuron.output - expected[j];
                } else {
                    // ∂C/∂a for a hidden neuron: its output reaches the cost through every neuron
                    // of the next layer, so add up ∂C/∂z_next · ∂z_next/∂a = δ_next · w (an entry of (Wˡ⁺¹)ᵀ δˡ⁺¹)
                    costByOutput = 0;
                    for (ScratchNeuron next : layers.get(l + 1)) costByOutput += next.weights[j] * next.delta;
                }
                // ∂a/∂z = σ′(z) = a (1 − a), from the output the forward pass kept
                double outputByInput = neuron.output * (1 - neuron.output);
                // δ = ∂C/∂z = ∂C/∂a · ∂a/∂z: the chain rule's first two factors
                neuron.delta = costByOutput * outputByInput;
            }
        }
    }

    /**
     * Update weights: one gradient-descent step for the example last passed forward and back.
     * {@code input} is that example's features (what layer 1's weights multiply).
     */
    public void updateWeights(double[] input, double learningRate) {
        requireInput(input);
        Sgd.requireLearningRate(learningRate);
        for (int l = 0; l < layers.size(); l++) {
            double[] previous = l == 0 ? input : outputs(layers.get(l - 1));
            for (ScratchNeuron neuron : layers.get(l)) {
                for (int k = 0; k < previous.length; k++) {
                    // ∂z/∂w = the activation this weight multiplies, so ∂C/∂w = δ · a_k (an entry of δˡ (aˡ⁻¹)ᵀ)
                    neuron.weights[k] -= learningRate * neuron.delta * previous[k];
                }
                // ∂z/∂b = 1, so ∂C/∂b = δ
                neuron.bias -= learningRate * neuron.delta;
            }
        }
    }

    /**
     * ∂C/∂w for the weight from neuron (or input) k of layer l−1 to neuron j of layer l, for the
     * example last passed forward and back: δⱼ times the activation the weight multiplies.
     */
    public double weightGradient(int l, int j, int k, double[] input) {
        requireInput(input);
        ScratchNeuron neuron = neuron(l, j);
        double[] previous = l == 1 ? input : outputs(layer(l - 1));
        if (k < 0 || k >= previous.length) {
            throw new IllegalArgumentException("neuron " + j + " of layer " + l + " has weights 0 to " + (previous.length - 1) + ", not " + k);
        }
        return neuron.delta * previous[k];
    }

    /** ∂C/∂b of neuron j of layer l for the example last passed forward and back: its δ. */
    public double biasGradient(int l, int j) {
        return neuron(l, j).delta;
    }

    /**
     * Train network: {@code epochs} passes over the examples in the order given, one example at
     * a time (forward, backward, update). The target of an example of class c is 1 for output c
     * and 0 for the others. Returns the total cost Σ ½ ‖a − y‖² of each epoch.
     */
    public List<Double> train(double[][] x, int[] labels, double learningRate, int epochs) {
        if (x == null || labels == null || x.length == 0 || x.length != labels.length) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one of each");
        }
        Sgd.requireLearningRate(learningRate);
        if (epochs < 1) throw new IllegalArgumentException("the number of epochs must be at least 1, got " + epochs);
        int outputs = layers.get(layers.size() - 1).size();
        var costs = new ArrayList<Double>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                if (Thread.currentThread().isInterrupted()) return costs;
                double[] expected = target(labels[i], outputs, i);
                double[] out = forwardPropagate(x[i]);
                for (int j = 0; j < outputs; j++) total += 0.5 * (out[j] - expected[j]) * (out[j] - expected[j]);
                backwardPropagateError(expected);
                updateWeights(x[i], learningRate);
            }
            costs.add(total);
        }
        return costs;
    }

    /** Predict: the output neuron with the largest output (for a single output, 1 if it is at least 0.5). */
    public int predict(double[] input) {
        double[] out = forwardPropagate(input);
        if (out.length == 1) return out[0] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
        return best;
    }

    /** The matrix network with these weights: sigmoid in every layer, quadratic cost. */
    public Network toNetwork() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = inputs;
        for (int l = 0; l < layers.size(); l++) sizes[l + 1] = layers.get(l).size();
        var network = new Network(sizes, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        for (int l = 1; l <= layers.size(); l++) {
            List<ScratchNeuron> layer = layers.get(l - 1);
            for (int j = 0; j < layer.size(); j++) {
                for (int k = 0; k < sizes[l - 1]; k++) network.weights(l).set(j, k, layer.get(j).weights[k]);
                network.biases(l).set(j, 0, layer.get(j).bias);
            }
        }
        return network;
    }

    private static double[] outputs(List<ScratchNeuron> layer) {
        double[] out = new double[layer.size()];
        for (int j = 0; j < out.length; j++) out[j] = layer.get(j).output;
        return out;
    }

    private static double[] target(int label, int outputs, int position) {
        double[] expected = new double[outputs];
        if (outputs == 1 && (label == 0 || label == 1)) {
            expected[0] = label;
        } else if (label >= 0 && label < outputs) {
            expected[label] = 1;
        } else {
            throw new IllegalArgumentException("label " + label + " of example " + position + " is out of range: the network has "
                    + outputs + " outputs, so the classes are 0 to " + (outputs == 1 ? 1 : outputs - 1));
        }
        return expected;
    }

    private void requireInput(double[] input) {
        if (input == null || input.length != inputs) {
            throw new IllegalArgumentException("the network takes " + inputs + " inputs, got "
                    + (input == null ? "null" : input.length));
        }
    }

    @Override
    public String toString() {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = inputs;
        for (int l = 0; l < layers.size(); l++) sizes[l + 1] = layers.get(l).size();
        return "ScratchNetwork " + Arrays.toString(sizes) + " (sigmoid neurons, quadratic cost)";
    }
}
