package exercises.ch5;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Chapter 5 exercises: a multilayer perceptron written from scratch, neuron by neuron, in the
 * shape of the classic from-scratch tutorial: {@code forwardPropagate},
 * {@code backwardPropagateError}, {@code updateWeights}, {@code train}. They go with the
 * notebook <b>05-mlp-from-scratch</b>, and you write the same network as the library's
 * {@code backprop.nn.ScratchNetwork} that the notebook runs: the same methods, the same names,
 * the same starting weights for the same seed, so your numbers can be compared with the notebook's.
 *
 * <p>The network is a list of layers, each an array of {@link ScratchNeuron}s. A neuron keeps its
 * weights and its bias, and what the two passes compute for it:
 * <pre>
 *     weightedInput  z = Σₖ wₖ · inputₖ + bias          (forward pass)
 *     output         a = σ(z)                           (forward pass; the activation)
 *     delta          δ = ∂C/∂z                          (backward pass)
 * </pre>
 * The cost of one example is C = ½ Σⱼ (aⱼ − yⱼ)², with y the one-hot target. Where the chain
 * rule is: each delta is "(how C changes with this neuron's output) × σ′(z)", and each weight's
 * gradient is "delta × the input that weight multiplied". The tutorial writes error = (expected −
 * output) and adds η·δ·input; this class uses δ = ∂C/∂z = (output − expected)·σ′(z) and
 * subtracts, the course's convention. The two are the same update.
 *
 * <pre>{@code
 * var net = ScratchNetwork.initialize(1, 2, 4, 2);   // seed 1; 2 inputs, 4 hidden, 2 outputs
 * double[] out = net.forwardPropagate(new double[] {0.5, -1});
 * net.backwardPropagateError(new double[] {1, 0});
 * net.updateWeights(new double[] {0.5, -1}, 0.5);
 * }</pre>
 */
public final class ScratchNetwork {

    /** One neuron: its weights and bias, and what the forward and backward passes store in it. */
    public static final class ScratchNeuron {
        /** w₁ … wₙ, one for each input of this neuron's layer. */
        public final double[] weights;
        /** The bias b. */
        public double bias;
        /** z = Σₖ wₖ · inputₖ + bias, set by the forward pass. */
        public double weightedInput;
        /** a = σ(z), set by the forward pass: the neuron's output, its activation. */
        public double output;
        /** δ = ∂C/∂z, set by the backward pass. */
        public double delta;

        ScratchNeuron(double[] weights, double bias) {
            this.weights = weights;
            this.bias = bias;
        }

        /** The number of inputs (weights). */
        public int inputs() {
            return weights.length;
        }
    }

    private final int inputs;
    /** The layers after the input, first hidden layer first, output layer last: layers.get(l − 1) is layer l. */
    private final List<ScratchNeuron[]> layers;

    private ScratchNetwork(int inputs, List<ScratchNeuron[]> layers) {
        this.inputs = inputs;
        this.layers = layers;
    }

    /**
     * Initialise a network: {@code inputs} inputs, then one layer of neurons per entry of
     * {@code layerSizes} (the last is the output layer). Every weight and bias starts uniformly
     * random in [−0.5, 0.5), drawn from {@code new Random(seed)} neuron by neuron, its weights
     * first and then its bias: the same numbers as the library's {@code ScratchNetwork.initialize}.
     */
    public static ScratchNetwork initialize(long seed, int inputs, int... layerSizes) {
        if (inputs < 1) throw new IllegalArgumentException("a network needs at least one input, got " + inputs);
        if (layerSizes == null || layerSizes.length == 0) {
            throw new IllegalArgumentException("a network needs at least one layer of neurons after its inputs");
        }
        var random = new Random(seed);
        var layers = new ArrayList<ScratchNeuron[]>();
        int previous = inputs;
        for (int l = 0; l < layerSizes.length; l++) {
            if (layerSizes[l] < 1) {
                throw new IllegalArgumentException("layer " + (l + 1) + " must have at least one neuron, got "
                        + Arrays.toString(layerSizes));
            }
            ScratchNeuron[] layer = new ScratchNeuron[layerSizes[l]];
            for (int j = 0; j < layer.length; j++) {
                double[] weights = new double[previous];
                for (int k = 0; k < previous; k++) weights[k] = random.nextDouble() - 0.5;
                layer[j] = new ScratchNeuron(weights, random.nextDouble() - 0.5);
            }
            layers.add(layer);
            previous = layerSizes[l];
        }
        return new ScratchNetwork(inputs, List.copyOf(layers));
    }

    /** σ(z) = 1 / (1 + e⁻ᶻ), the tutorial's transfer function. */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The number of layers of neurons, L. */
    public int layers() {
        return layers.size();
    }

    /** The neurons of layer l, from 1 (the first hidden layer) to L (the output layer). */
    public ScratchNeuron[] layer(int l) {
        if (l < 1 || l > layers.size()) {
            throw new IllegalArgumentException("there is no layer " + l + ": the layers of neurons are 1 to " + layers.size());
        }
        return layers.get(l - 1);
    }

    /** Neuron j of layer l. */
    public ScratchNeuron neuron(int l, int j) {
        ScratchNeuron[] layer = layer(l);
        if (j < 0 || j >= layer.length) {
            throw new IllegalArgumentException("layer " + l + " has neurons 0 to " + (layer.length - 1) + ", not " + j);
        }
        return layer[j];
    }

    /** The number of inputs the network takes. */
    public int inputs() {
        return inputs;
    }

    /** The number of outputs (classes). */
    public int outputs() {
        return layers.get(layers.size() - 1).length;
    }

    /**
     * <b>Exercise 5.1: forward propagate</b> (notebook 05-mlp-from-scratch, section "Forward
     * propagation").
     *
     * <p>Feed one example through the network, layer by layer. For every neuron, compute its
     * weighted input z = Σₖ wₖ · inputₖ + bias and its output a = σ(z), and <em>store both</em>
     * in the neuron (the backward pass needs them). The outputs of one layer are the inputs of
     * the next.
     *
     * @param input one example's inputs
     * @return the outputs of the output layer
     */
    public double[] forwardPropagate(double[] input) {
        requireInput(input);
        // BEGIN SOLUTION 5.1: for each layer and neuron, store z = Σ w·input + bias and a = σ(z)
        double[] activations = input;
        for (ScratchNeuron[] layer : layers) {
            double[] next = new double[layer.length];
            for (int j = 0; j < layer.length; j++) {
                ScratchNeuron neuron = layer[j];
                double z = neuron.bias;
                for (int k = 0; k < activations.length; k++) z += neuron.weights[k] * activations[k];
                neuron.weightedInput = z;
                neuron.output = sigmoid(z);
                next[j] = neuron.output;
            }
            activations = next;                    // this layer's outputs feed the next layer
        }
        return activations;
        // END SOLUTION
    }

    /**
     * <b>Exercise 5.2: backward propagate error</b> (notebook 05-mlp-from-scratch, section
     * "Backward propagation: the deltas").
     *
     * <p>After {@link #forwardPropagate}, fill in every neuron's delta δ = ∂C/∂z, from the output
     * layer back to the first hidden layer:
     * <pre>
     *     output neuron j:   δⱼ = (aⱼ − expectedⱼ) · σ′(zⱼ)                        (BP1)
     *     hidden neuron k:   δₖ = (Σⱼ wⱼₖ δⱼ) · σ′(zₖ), j over the NEXT layer     (BP2)
     * </pre>
     * where wⱼₖ is the weight that neuron j of the next layer gives to neuron k's output
     * ({@code next[j].weights[k]}), and σ′(z) = a(1 − a) from the stored output.
     *
     * @param expected the target outputs, one number per output neuron
     */
    public void backwardPropagateError(double[] expected) {
        if (expected == null || expected.length != outputs()) {
            throw new IllegalArgumentException("the network has " + outputs() + " outputs but the target has "
                    + (expected == null ? "null" : expected.length) + " numbers");
        }
        // BEGIN SOLUTION 5.2: output deltas from the target (BP1), then hidden deltas from the next layer's (BP2)
        ScratchNeuron[] outputLayer = layers.get(layers.size() - 1);
        for (int j = 0; j < outputLayer.length; j++) {
            ScratchNeuron neuron = outputLayer[j];
            double costByOutput = neuron.output - expected[j];                   // ∂C/∂a for C = ½Σ(a − y)²
            neuron.delta = costByOutput * neuron.output * (1 - neuron.output);   // × ∂a/∂z = a(1 − a)
        }
        for (int l = layers.size() - 2; l >= 0; l--) {
            ScratchNeuron[] layer = layers.get(l);
            ScratchNeuron[] next = layers.get(l + 1);
            for (int k = 0; k < layer.length; k++) {
                double costByOutput = 0;
                for (ScratchNeuron after : next) costByOutput += after.weights[k] * after.delta;   // Σⱼ wⱼₖ δⱼ
                layer[k].delta = costByOutput * layer[k].output * (1 - layer[k].output);
            }
        }
        // END SOLUTION
    }

    /**
     * <b>Exercise 5.3: update weights</b> (notebook 05-mlp-from-scratch, section "Updating the
     * weights").
     *
     * <p>After {@link #backwardPropagateError}, take one step of gradient descent on every weight
     * and bias:
     * <pre>
     *     wₖ ← wₖ − η · δ · inputₖ       (BP4: ∂C/∂wₖ = δ · inputₖ)
     *     bias ← bias − η · δ            (BP3: ∂C/∂bias = δ)
     * </pre>
     * The inputs of the first hidden layer are the example's values ({@code input}); the inputs
     * of every later layer are the outputs of the layer before it ({@link #outputs(ScratchNeuron[])}).
     *
     * @param input        the example that was forward-propagated
     * @param learningRate η
     */
    public void updateWeights(double[] input, double learningRate) {
        requireInput(input);
        // BEGIN SOLUTION 5.3: w ← w − η·δ·input (BP4) and bias ← bias − η·δ (BP3), layer by layer
        double[] previous = input;
        for (ScratchNeuron[] layer : layers) {
            for (ScratchNeuron neuron : layer) {
                for (int k = 0; k < previous.length; k++) {
                    neuron.weights[k] -= learningRate * neuron.delta * previous[k];
                }
                neuron.bias -= learningRate * neuron.delta;
            }
            previous = outputs(layer);
        }
        // END SOLUTION
    }

    /** The outputs a layer's neurons stored in the last forward pass. */
    public static double[] outputs(ScratchNeuron[] layer) {
        double[] a = new double[layer.length];
        for (int j = 0; j < layer.length; j++) a[j] = layer[j].output;
        return a;
    }

    /** The one-hot vector of a class: 1 at {@code label}, 0 elsewhere. */
    public static double[] oneHot(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " is out of range; the classes are 0 to " + (classes - 1));
        }
        double[] y = new double[classes];
        y[label] = 1;
        return y;
    }

    /**
     * <b>Exercise 5.4: train the network</b> (notebook 05-mlp-from-scratch, section "Training").
     *
     * <p>For each epoch, go through the examples <em>in the order given</em>; for each one:
     * forward propagate it, add its cost ½ Σⱼ (aⱼ − expectedⱼ)² to the epoch's total (expected is
     * the one-hot label, see {@link #oneHot}), backward propagate the error, update the weights.
     * Return the total cost of each epoch, one number per epoch. Check
     * {@code Thread.currentThread().isInterrupted()} once per example and stop early (returning
     * the epochs done so far) when it is set.
     *
     * <p>Trained as {@code ScratchNetwork.initialize(1, 2, 8, 2).train(moons.x(), moons.y(), 0.5,
     * 300)} on {@code Synthetic.moons(200, 0.1, 3)}, the network classifies at least 95 % of
     * those moons correctly.
     *
     * @param x            the examples, one row each
     * @param labels       the class of each example, from 0 to outputs − 1
     * @param learningRate η
     * @param epochs       how many times to go through the examples
     * @return the total cost of each epoch
     */
    public List<Double> train(double[][] x, int[] labels, double learningRate, int epochs) {
        if (x == null || labels == null || x.length == 0 || x.length != labels.length) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one of each");
        }
        // BEGIN SOLUTION 5.4: per epoch and example: forward, add the cost, backward, update
        var costs = new ArrayList<Double>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                if (Thread.currentThread().isInterrupted()) return costs;
                double[] expected = oneHot(labels[i], outputs());
                double[] out = forwardPropagate(x[i]);
                for (int j = 0; j < out.length; j++) total += 0.5 * (out[j] - expected[j]) * (out[j] - expected[j]);
                backwardPropagateError(expected);
                updateWeights(x[i], learningRate);
            }
            costs.add(total);
        }
        return costs;
        // END SOLUTION
    }

    /** Predict: the output neuron with the largest output. */
    public int predict(double[] input) {
        double[] out = forwardPropagate(input);
        int best = 0;
        for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
        return best;
    }

    /** The fraction of a dataset's examples predicted correctly. */
    public double accuracy(Dataset data) {
        int right = 0;
        for (int n = 0; n < data.size(); n++) if (predict(data.x()[n]) == data.y()[n]) right++;
        return (double) right / data.size();
    }

    private void requireInput(double[] input) {
        if (input == null || input.length != inputs) {
            throw new IllegalArgumentException("the network takes " + inputs + " inputs, got "
                    + (input == null ? "null" : input.length));
        }
    }
}
