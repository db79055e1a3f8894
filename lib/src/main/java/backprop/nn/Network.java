package backprop.nn;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A fully connected feed-forward network, trained by backpropagation on mini-batches held as
 * matrices.
 *
 * <pre>{@code
 * var network = new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
 * History history = network.train(train, test, Sgd.of(0.5, 32, 30));
 * int digit = network.classify(test.x()[0]);
 * }</pre>
 *
 * <h2>Where to read what</h2>
 * <ul>
 *   <li>{@link Backprop}: the forward pass and the four fundamental equations, one line each.
 *       {@link #forward}, {@link #output}, {@link #cost} and {@link #gradients} go through it.</li>
 *   <li>{@link Trainer}: the same computation in place, without allocating, for training,
 *       {@link #evaluate} and {@link #classify(double[][])}; its products go through {@link Kernels}
 *       (OpenBLAS when the machine has it, {@link FastKernels} otherwise).</li>
 *   <li>This class: the network's shape and parameters, and the checks on what comes in.</li>
 * </ul>
 *
 * <h2>Notation</h2>
 * Layers are numbered l = 1 … L; layer 0 is the input. Wˡ has one row per neuron of layer l and
 * one column per neuron of layer l−1, so wˡⱼₖ connects neuron k of layer l−1 to neuron j of layer
 * l; bˡ is a column vector. A mini-batch of m examples is a matrix with one <em>column</em> per
 * example: a⁰ is (inputs × m), and every zˡ, aˡ and δˡ is (nˡ × m).
 *
 * <h2>Where the batch mean goes</h2>
 * The cost of a batch is the mean of its examples' costs, C = (1/m) Σₓ Cₓ. Its ∇ₐC (from
 * {@link Loss}) already carries the 1/m, so column x of δˡ is (1/m) times that example's own
 * error δˡₓ. Summing δˡ over its columns (for ∂C/∂bˡ) and multiplying δˡ (aˡ⁻¹)ᵀ (for ∂C/∂Wˡ,
 * a product that adds up one outer product δˡₓ (aˡ⁻¹ₓ)ᵀ per example) then gives the mean gradient.
 *
 * <h2>Initial weights</h2>
 * By default biases start at 0 and weights uniformly random, scaled to the layer (Xavier or He,
 * see {@link Initialization}); {@code Initialization.uniform(0, 1)} starts as classic tutorials do.
 * The numbers come from {@code new Random(seed)}.
 *
 * <p>A network is not safe to use from two threads at once: training keeps its working matrices
 * between calls so that it makes no new matrices per batch.
 */
public final class Network {

    private final int[] sizes;               // sizes[0] inputs, sizes[l] neurons of layer l
    private final Activation[] activations;  // [l] = σ of layer l, index 0 unused
    private final Loss loss;
    private final Matrix[] weights;          // [l] = Wˡ, nˡ × nˡ⁻¹
    private final Matrix[] biases;           // [l] = bˡ, nˡ × 1
    private final Backprop core;             // the teaching core, on these weights
    private final Trainer trainer;           // the fast path, on the same weights

    /**
     * A network with layer sizes {@code sizes} (inputs first, outputs last), activation
     * {@code hidden} in every hidden layer and {@code output} in the last, trained to minimise
     * {@code loss}; {@code seed} fixes the initial weights (scaled, see {@link Initialization}).
     */
    public Network(int[] sizes, Activation hidden, Activation output, Loss loss, long seed) {
        this(sizes, layerActivations(sizes, hidden, output), loss, Initialization.scaled(), seed);
    }

    /** The same, with the initial weights drawn by {@code init}, e.g. {@code Initialization.uniform(0, 1)}. */
    public Network(int[] sizes, Activation hidden, Activation output, Loss loss, Initialization init, long seed) {
        this(sizes, layerActivations(sizes, hidden, output), loss, init, seed);
    }

    /** A network with one activation per layer 1 … L ({@code activations.get(0)} is layer 1's). */
    public Network(int[] sizes, List<Activation> activations, Loss loss, long seed) {
        this(sizes, activations, loss, Initialization.scaled(), seed);
    }

    /** A network with one activation per layer 1 … L and initial weights drawn by {@code init}. */
    public Network(int[] sizes, List<Activation> activations, Loss loss, Initialization init, long seed) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layer sizes (inputs and outputs), got "
                    + (sizes == null ? "null" : Arrays.toString(sizes)));
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw new IllegalArgumentException("layer " + l + " must have at least one neuron, got " + sizes[l]
                        + " in " + Arrays.toString(sizes));
            }
        }
        int layers = sizes.length - 1;
        if (activations == null || activations.size() != layers || activations.stream().anyMatch(a -> a == null)) {
            throw new IllegalArgumentException("a network of sizes " + Arrays.toString(sizes) + " needs " + layers
                    + " activations (one per layer after the input), got " + activations);
        }
        if (activations.subList(0, layers - 1).contains(Activation.SOFTMAX)) {
            throw new IllegalArgumentException("softmax turns a layer into probabilities that add up to 1: it belongs in the"
                    + " output layer only, but the hidden layers of " + Arrays.toString(sizes) + " are " + activations.subList(0, layers - 1));
        }
        if (loss == null) throw new IllegalArgumentException("the loss is null");
        if (init == null) throw new IllegalArgumentException("the initialization is null (Initialization.scaled() is the default)");
        Activation last = activations.get(layers - 1);
        if (loss == Loss.CROSS_ENTROPY && last != Activation.SOFTMAX) {
            throw new IllegalArgumentException("cross-entropy needs a softmax output layer (a probability for each class), got "
                    + last + "; for one sigmoid output use BINARY_CROSS_ENTROPY");
        }
        if (loss == Loss.BINARY_CROSS_ENTROPY && last != Activation.SIGMOID) {
            throw new IllegalArgumentException("binary cross-entropy needs a sigmoid output layer (each output a probability), got " + last);
        }
        this.sizes = sizes.clone();
        this.activations = new Activation[layers + 1];
        for (int l = 1; l <= layers; l++) this.activations[l] = activations.get(l - 1);
        this.loss = loss;
        this.weights = new Matrix[layers + 1];
        this.biases = new Matrix[layers + 1];
        for (int l = 1; l <= layers; l++) {
            weights[l] = new Matrix(sizes[l], sizes[l - 1]);
            biases[l] = new Matrix(sizes[l], 1);
        }
        init.initialize(weights, biases, this.activations, new Random(seed));
        this.core = new Backprop(weights, biases, this.activations, loss);
        this.trainer = new Trainer(this.sizes, this.activations, loss, weights, biases, Kernels.forSizes(this.sizes));
    }

    private static List<Activation> layerActivations(int[] sizes, Activation hidden, Activation output) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layer sizes (inputs and outputs), got "
                    + (sizes == null ? "null" : Arrays.toString(sizes)));
        }
        if (output == null || (hidden == null && sizes.length > 2)) {
            throw new IllegalArgumentException("the hidden or the output activation is null");
        }
        var list = new ArrayList<Activation>();
        for (int l = 1; l < sizes.length - 1; l++) list.add(hidden);
        list.add(output);
        return list;
    }

    // ------------------------------------------------------------------ shape and parameters

    /** The number of layers L, not counting the input layer. */
    public int layers() {
        return sizes.length - 1;
    }

    /** The layer sizes, inputs first (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The number of inputs. */
    public int inputs() {
        return sizes[0];
    }

    /** The number of outputs. */
    public int outputs() {
        return sizes[layers()];
    }

    /** Wˡ for l from 1 to L: the network's own matrix, so {@code weights(1).set(0, 0, 0.5)} changes the network. */
    public Matrix weights(int l) {
        return weights[checkLayer(l)];
    }

    /** bˡ for l from 1 to L: the network's own column vector. */
    public Matrix biases(int l) {
        return biases[checkLayer(l)];
    }

    /** σ of layer l, from 1 to L. */
    public Activation activation(int l) {
        return activations[checkLayer(l)];
    }

    /** The loss the network is trained on. */
    public Loss loss() {
        return loss;
    }

    /** The number of weights and biases. */
    public int parameterCount() {
        int count = 0;
        for (int l = 1; l <= layers(); l++) count += sizes[l] * (sizes[l - 1] + 1);
        return count;
    }

    /** An independent copy, with the same weights, biases, activations and loss. */
    public Network copy() {
        var copy = new Network(sizes, Arrays.asList(activations).subList(1, activations.length), loss, 0);
        for (int l = 1; l <= layers(); l++) {
            copy.weights[l].copyFrom(weights[l]);
            copy.biases[l].copyFrom(biases[l]);
        }
        return copy;
    }

    private int checkLayer(int l) {
        if (l < 1 || l > layers()) {
            throw new IllegalArgumentException("layer " + l + " has no weights: the layers with weights are 1 to " + layers());
        }
        return l;
    }

    // ------------------------------------------------------------------ the passes, through the teaching core

    /** Every zˡ and aˡ for the batch {@code x} (one column per example); a⁰ is a copy of x. */
    public ForwardPass forward(Matrix x) {
        return core.forward(requireBatch(x).copy());
    }

    /** The output aᴸ for the batch {@code x} (one column per example), as a new matrix. */
    public Matrix output(Matrix x) {
        return core.forward(requireBatch(x)).output();
    }

    /** The output for one example. */
    public double[] output(double[] features) {
        return output(Matrix.ofColumns(requireFeatures(features))).column(0);
    }

    /** The mean cost of the batch {@code x} with targets {@code y} (one column per example). */
    public double cost(Matrix x, Matrix y) {
        requireTargets(x, y);
        return loss.cost(core.forward(x).output(), y);
    }

    /**
     * ∂C/∂Wˡ and ∂C/∂bˡ for every layer, for the mean cost of the batch {@code x} with targets
     * {@code y} (one column per example): a forward pass, then the four equations ({@link Backprop}).
     */
    public Gradients gradients(Matrix x, Matrix y) {
        requireTargets(x, y);
        return core.gradients(x, y);
    }

    /** One step of gradient descent: Wˡ ← Wˡ − η ∂C/∂Wˡ and bˡ ← bˡ − η ∂C/∂bˡ for every layer. */
    public void step(Gradients gradients, double learningRate) {
        if (gradients == null || gradients.layers() != layers()) {
            throw new IllegalArgumentException("the gradients must be those of a " + layers() + "-layer network");
        }
        Sgd.requireLearningRate(learningRate);
        for (int l = 1; l <= layers(); l++) {
            weights[l].addScaledInPlace(-learningRate, gradients.weights(l));
            biases[l].addScaledInPlace(-learningRate, gradients.biases(l));
        }
    }

    /**
     * Which kernels training's products run on: {@code "OpenBLAS (native, through dev.ludovic.netlib)"}
     * when the machine has OpenBLAS, {@code "pure Java (FastKernels)"} otherwise, and for a network
     * whose layers all have fewer than 16 384 weights {@code "plain Java loops (PlainKernels)"}.
     * The numbers are the same up to rounding; only the speed differs.
     */
    public String kernels() {
        return trainer.kernelsName();
    }

    /** The fast path on this network's weights (tests compare its gradients with the teaching core's). */
    Trainer fastPath() {
        return trainer;
    }

    // ------------------------------------------------------------------ classification and evaluation

    /** The class the network gives one example: the largest output, or output ≥ 0.5 for a single output. */
    public int classify(double[] features) {
        return Trainer.classOfColumn(output(Matrix.ofColumns(requireFeatures(features))), 0);
    }

    /** The class of each row of {@code x}. */
    public int[] classify(double[][] x) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("there are no examples to classify");
        for (int i = 0; i < x.length; i++) {
            requireFeatures(x[i]);
            for (int f = 0; f < x[i].length; f++) {
                if (!Double.isFinite(x[i][f])) {
                    throw new IllegalArgumentException("the examples to classify have " + x[i][f] + " in example " + i
                            + ", feature " + f + ": every value must be a finite number");
                }
            }
        }
        return trainer.classify(x);
    }

    /** The class of each example of {@code data}. */
    public int[] classify(Dataset data) {
        requireCompatible(data, "classify");
        return trainer.classify(data.x());
    }

    /** The mean cost and the accuracy of the network on {@code data}. */
    public Evaluation evaluate(Dataset data) {
        requireCompatible(data, "evaluate");
        return trainer.evaluate(data);
    }

    // ------------------------------------------------------------------ training, on the fast path

    /** Trains on {@code train} without a test set and without a callback. */
    public History train(Dataset train, Sgd sgd) {
        return train(train, null, sgd, null);
    }

    /** Trains on {@code train}, measuring {@code test} (may be null) after every epoch. */
    public History train(Dataset train, Dataset test, Sgd sgd) {
        return train(train, test, sgd, null);
    }

    /**
     * Mini-batch stochastic gradient descent on {@code train}, {@code sgd.epochs()} times over,
     * shuffling the examples each epoch unless {@code sgd} says {@link Sgd#withoutShuffling()}.
     *
     * <p>After each epoch, {@code test} (if not null) is measured and {@code onEpoch} (if not null)
     * is called with the history so far: a notebook redraws its learning curve there.
     *
     * <p>Training stops cleanly, keeping the epochs done, when the thread is interrupted (checked
     * before every batch: Kernel → Interrupt in JupyterLab); the returned history then says
     * {@link History#interrupted()}. If the loss stops being a finite number, it throws
     * {@link TrainingDivergedException}, suggesting a smaller learning rate.
     *
     * <p>The targets come from the labels: a one-hot column when the network has one output per
     * class, the label itself (0 or 1) when a single output answers a two-class question.
     */
    public History train(Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch) {
        if (sgd == null) throw new IllegalArgumentException("the training settings (Sgd) are null");
        requireCompatible(train, "train on");
        if (test != null) requireCompatible(test, "test on");
        return trainer.train(train, test, sgd, onEpoch);
    }

    // ------------------------------------------------------------------ checks on what comes in

    private Matrix requireBatch(Matrix x) {
        if (x == null) throw new IllegalArgumentException("the input batch is null");
        if (x.rows() != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs (rows), but the batch is " + x.shape()
                    + ": put one example in each column");
        }
        requireFinite(x, "input batch");
        return x;
    }

    private void requireTargets(Matrix x, Matrix y) {
        requireBatch(x);
        if (y == null) throw new IllegalArgumentException("the targets are null");
        if (y.rows() != outputs() || y.cols() != x.cols()) {
            throw new IllegalArgumentException("the targets are " + y.shape() + " but must be " + outputs() + "×" + x.cols()
                    + " (one row per output, one column per example of the " + x.shape() + " batch)");
        }
        requireFinite(y, "target batch");
    }

    /** NaN or ∞ in a batch would flow silently into every gradient: refuse it where it enters. */
    private static void requireFinite(Matrix m, String what) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (!Double.isFinite(m.data[i][j])) {
                    throw new IllegalArgumentException("the " + what + " has " + m.data[i][j] + " at row " + i + ", column " + j
                            + " (example " + j + "): every value must be a finite number");
                }
            }
        }
    }

    private double[] requireFeatures(double[] features) {
        if (features == null || features.length != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " features, got "
                    + (features == null ? "null" : features.length));
        }
        return features;
    }

    private void requireCompatible(Dataset data, String verb) {
        if (data == null) throw new IllegalArgumentException("cannot " + verb + " a null dataset");
        if (data.features() != inputs()) {
            throw new IllegalArgumentException("cannot " + verb + " dataset '" + data.name() + "': it has " + data.features()
                    + " features but the network takes " + inputs() + " inputs");
        }
        boolean binary = outputs() == 1 && data.classes() == 2;
        if (!binary && data.classes() != outputs()) {
            throw new IllegalArgumentException("cannot " + verb + " dataset '" + data.name() + "': it has " + data.classes()
                    + " classes but the network has " + outputs() + " outputs (one per class, or a single one for two classes)");
        }
    }

    /** For example {@code Network 64-64-10: sigmoid, softmax; cross-entropy loss; 4810 parameters}. */
    @Override
    public String toString() {
        String shape = Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        String acts = Arrays.stream(activations, 1, activations.length).map(Activation::toString).collect(Collectors.joining(", "));
        return "Network " + shape + ": " + acts + "; " + loss + " loss; " + parameterCount() + " parameters";
    }
}
