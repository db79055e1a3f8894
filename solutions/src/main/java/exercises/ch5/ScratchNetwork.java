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
 * notebook <b>05-mlp-from-scratch</b>.
 *
 * <p>The network is a list of layers, each an array of {@link Neuron}s. A neuron keeps its
 * weights (the last one is its bias) and what the two passes compute for it:
 * <pre>
 *     weightedInput  z = Σₖ wₖ · inputₖ + bias          (forward pass)
 *     activation     a = σ(z)                           (forward pass; the tutorial's "output")
 *     delta          δ = ∂C/∂z                          (backward pass; the tutorial's "delta")
 * </pre>
 * The cost of one example is C = ½ Σⱼ (aⱼ − yⱼ)², with y the one-hot target. Where the chain
 * rule is: each delta is "(how C changes with this neuron's activation) × σ′(z)", and each
 * weight's gradient is "delta × the input that weight multiplied". The tutorial writes
 * error = (expected − output) and adds η·δ·input; this class uses δ = ∂C/∂z = (output −
 * expected)·σ′(z) and subtracts, the course's convention. The two are the same update.
 *
 * <pre>{@code
 * var net = new ScratchNetwork(1, 2, 4, 2);     // seed 1; 2 inputs, 4 hidden, 2 outputs
 * double[] out = net.forwardPropagate(new double[] {0.5, -1});
 * net.backwardPropagateError(new double[] {1, 0});
 * net.updateWeights(new double[] {0.5, -1}, 0.5);
 * }</pre>
 */
public final class ScratchNetwork {

    /** One neuron: its weights and bias, and what the forward and backward passes store. */
    public static final class Neuron {
        /** w₁ … wₙ for the n inputs of this neuron's layer, then the bias. */
        public final double[] weights;
        /** z = Σₖ wₖ · inputₖ + bias, set by the forward pass. */
        public double weightedInput;
        /** a = σ(z), set by the forward pass. */
        public double activation;
        /** δ = ∂C/∂z, set by the backward pass. */
        public double delta;

        Neuron(double[] weights) {
            this.weights = weights;
        }

        /** The number of inputs (the weights without the bias). */
        public int inputs() {
            return weights.length - 1;
        }

        /** The bias, the last of the weights. */
        public double bias() {
            return weights[weights.length - 1];
        }
    }

    /** The layers after the input, first hidden layer first, output layer last. */
    public final List<Neuron[]> layers = new ArrayList<>();

    /**
     * A network with random weights drawn uniformly from [−1, 1), the same for the same seed.
     *
     * @param seed  the seed of the random weights
     * @param sizes the number of neurons per layer, the inputs first: {@code 2, 4, 2} is 2 inputs,
     *              one hidden layer of 4 and 2 outputs
     */
    public ScratchNetwork(long seed, int... sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input size and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size < 1) throw new IllegalArgumentException("every layer needs at least one neuron, got " + Arrays.toString(sizes));
        }
        var random = new Random(seed);
        for (int l = 1; l < sizes.length; l++) {
            Neuron[] layer = new Neuron[sizes[l]];
            for (int j = 0; j < layer.length; j++) {
                double[] weights = new double[sizes[l - 1] + 1];
                for (int k = 0; k < weights.length; k++) weights[k] = 2 * random.nextDouble() - 1;
                layer[j] = new Neuron(weights);
            }
            layers.add(layer);
        }
    }

    /** σ(z) = 1 / (1 + e⁻ᶻ), the tutorial's transfer function. */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** σ′(z) written with the activation a = σ(z): a(1 − a), the tutorial's transfer_derivative. */
    public static double sigmoidPrimeFromActivation(double a) {
        return a * (1 - a);
    }

    /** The number of inputs the network takes. */
    public int inputs() {
        return layers.get(0)[0].inputs();
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
     * weighted input z = Σₖ wₖ · inputₖ + bias and its activation a = σ(z), and <em>store
     * both</em> in the neuron (the backward pass needs them). The activations of one layer are
     * the inputs of the next.
     *
     * @param row one example's inputs
     * @return the activations of the output layer
     */
    public double[] forwardPropagate(double[] row) {
        if (row == null || row.length != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs, got "
                    + (row == null ? "null" : row.length));
        }
        // BEGIN SOLUTION 5.1: for each layer and neuron, store z = Σ w·input + bias and a = σ(z)
        double[] inputs = row;
        for (Neuron[] layer : layers) {
            double[] activations = new double[layer.length];
            for (int j = 0; j < layer.length; j++) {
                Neuron neuron = layer[j];
                double z = neuron.bias();
                for (int k = 0; k < inputs.length; k++) z += neuron.weights[k] * inputs[k];
                neuron.weightedInput = z;
                neuron.activation = sigmoid(z);
                activations[j] = neuron.activation;
            }
            inputs = activations;                  // this layer's activations feed the next layer
        }
        return inputs;
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
     * where wⱼₖ is the weight that neuron j of the next layer gives to neuron k's activation
     * ({@code next[j].weights[k]}), and σ′(z) = a(1 − a).
     *
     * @param expected the one-hot target, one number per output neuron
     */
    public void backwardPropagateError(double[] expected) {
        if (expected == null || expected.length != outputs()) {
            throw new IllegalArgumentException("the network has " + outputs() + " outputs but the target has "
                    + (expected == null ? "null" : expected.length) + " numbers");
        }
        // BEGIN SOLUTION 5.2: output deltas from the target (BP1), then hidden deltas from the next layer's (BP2)
        Neuron[] output = layers.get(layers.size() - 1);
        for (int j = 0; j < output.length; j++) {
            Neuron neuron = output[j];
            double dC_da = neuron.activation - expected[j];                   // ∂C/∂a for C = ½Σ(a − y)²
            neuron.delta = dC_da * sigmoidPrimeFromActivation(neuron.activation);   // × ∂a/∂z
        }
        for (int l = layers.size() - 2; l >= 0; l--) {
            Neuron[] layer = layers.get(l);
            Neuron[] next = layers.get(l + 1);
            for (int k = 0; k < layer.length; k++) {
                double dC_da = 0;
                for (Neuron after : next) dC_da += after.weights[k] * after.delta;   // Σⱼ wⱼₖ δⱼ
                layer[k].delta = dC_da * sigmoidPrimeFromActivation(layer[k].activation);
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
     * The inputs of the first hidden layer are the example's values ({@code row}); the inputs of
     * every later layer are the activations of the layer before it.
     *
     * @param row          the example that was forward-propagated
     * @param learningRate η
     */
    public void updateWeights(double[] row, double learningRate) {
        if (row == null || row.length != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs, got "
                    + (row == null ? "null" : row.length));
        }
        // BEGIN SOLUTION 5.3: w ← w − η·δ·input (BP4) and bias ← bias − η·δ (BP3), layer by layer
        double[] inputs = row;
        for (Neuron[] layer : layers) {
            for (Neuron neuron : layer) {
                for (int k = 0; k < inputs.length; k++) {
                    neuron.weights[k] -= learningRate * neuron.delta * inputs[k];
                }
                neuron.weights[inputs.length] -= learningRate * neuron.delta;   // the bias
            }
            inputs = activations(layer);
        }
        // END SOLUTION
    }

    /** The activations a layer's neurons stored in the last forward pass. */
    public static double[] activations(Neuron[] layer) {
        double[] a = new double[layer.length];
        for (int j = 0; j < layer.length; j++) a[j] = layer[j].activation;
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
     * <p>For each epoch, go through the examples <em>in the dataset's order</em>; for each one:
     * forward propagate it, add Σⱼ (expectedⱼ − aⱼ)² to the epoch's error (expected is the one-hot
     * label, see {@link #oneHot}), backward propagate the error, update the weights. Return the
     * error summed over each epoch, one number per epoch. Check
     * {@code Thread.currentThread().isInterrupted()} once per example and stop early (returning
     * the epochs done so far) when it is set.
     *
     * <p>Trained as {@code new ScratchNetwork(1, 2, 8, 2).train(Synthetic.moons(200, 0.1, 3),
     * 0.5, 300)}, the network classifies at least 95 % of those moons correctly.
     *
     * @param data         the training examples; its classes must match the outputs
     * @param learningRate η
     * @param epochs       how many times to go through the data
     * @return the summed squared error of each epoch
     */
    public double[] train(Dataset data, double learningRate, int epochs) {
        if (data.features() != inputs() || data.classes() != outputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs and has " + outputs()
                    + " outputs, but dataset '" + data.name() + "' has " + data.features() + " features and "
                    + data.classes() + " classes");
        }
        // BEGIN SOLUTION 5.4: per epoch and example: forward, add the squared error, backward, update
        double[] errors = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            for (int n = 0; n < data.size(); n++) {
                if (Thread.currentThread().isInterrupted()) {
                    return Arrays.copyOf(errors, epoch);
                }
                double[] row = data.x()[n];
                double[] expected = oneHot(data.y()[n], outputs());
                double[] output = forwardPropagate(row);
                for (int j = 0; j < expected.length; j++) sum += (expected[j] - output[j]) * (expected[j] - output[j]);
                backwardPropagateError(expected);
                updateWeights(row, learningRate);
            }
            errors[epoch] = sum;
        }
        return errors;
        // END SOLUTION
    }

    /** The class with the largest output activation. */
    public int predict(double[] row) {
        double[] output = forwardPropagate(row);
        int best = 0;
        for (int j = 1; j < output.length; j++) if (output[j] > output[best]) best = j;
        return best;
    }

    /** The fraction of a dataset's examples predicted correctly. */
    public double accuracy(Dataset data) {
        int right = 0;
        for (int n = 0; n < data.size(); n++) if (predict(data.x()[n]) == data.y()[n]) right++;
        return (double) right / data.size();
    }
}
