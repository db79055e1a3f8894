package backprop.nn;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A fully connected feed-forward network, trained by backpropagation: the four fundamental
 * equations, one line each, on mini-batches held as matrices.
 *
 * <pre>{@code
 * var network = new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
 * History history = network.train(train, test, Sgd.of(0.5, 32, 30));
 * int digit = network.classify(test.x()[0]);
 * }</pre>
 *
 * <h2>Notation</h2>
 * Layers are numbered l = 1 … L; layer 0 is the input. Wˡ has one row per neuron of layer l and
 * one column per neuron of layer l−1, so wˡⱼₖ connects neuron k of layer l−1 to neuron j of layer
 * l; bˡ is a column vector. A mini-batch of m examples is a matrix with one <em>column</em> per
 * example: a⁰ is (inputs × m), and every zˡ, aˡ and δˡ is (nˡ × m).
 * <pre>
 *   forward    zˡ = Wˡ aˡ⁻¹ + bˡ   (bˡ added to every column)      aˡ = σ(zˡ)
 *   BP1        δᴸ = ∇ₐC ⊙ σ′(zᴸ)
 *   BP2        δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
 *   BP3        ∂C/∂bˡ = δˡ        summed over the batch's columns
 *   BP4        ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
 * </pre>
 *
 * <h2>Where the batch mean goes</h2>
 * The cost of a batch is the mean of its examples' costs, C = (1/m) Σₓ Cₓ. Its ∇ₐC (from
 * {@link Loss}) already carries the 1/m, so column x of δˡ is (1/m) times that example's own
 * error δˡₓ. Summing δˡ over its columns (BP3) and multiplying δˡ (aˡ⁻¹)ᵀ (BP4, whose product
 * adds up one outer product δˡₓ (aˡ⁻¹ₓ)ᵀ per example) then gives the mean gradient directly.
 *
 * <h2>Initial weights</h2>
 * Biases start at 0. Weights are drawn uniformly from [−r, r] by {@code new Random(seed)}, layer
 * by layer, row by row: r = √(6 / (nˡ⁻¹ + nˡ)) (Xavier, or Glorot) in front of sigmoid, tanh,
 * identity and softmax, r = √(6 / nˡ⁻¹) (He) in front of ReLU and leaky ReLU, which zero half
 * their inputs. Both keep the weighted inputs z of a typical size from layer to layer, so that
 * σ′(z) is neither vanishingly small (a saturated sigmoid) nor blown up.
 *
 * <p>A network is not safe to use from two threads at once: it keeps its working matrices
 * between calls so that training makes no new matrices per batch. (Training itself uses a second
 * thread for the second half of each mini-batch; see {@link #train(Dataset, Dataset, Sgd, Consumer)}.)
 */
public final class Network {

    private final int[] sizes;               // sizes[0] inputs, sizes[l] neurons of layer l
    private final Activation[] activations;  // [l] = σ of layer l, index 0 unused
    private final Loss loss;
    private final Matrix[] weights;          // [l] = Wˡ, nˡ × nˡ⁻¹
    private final Matrix[] biases;           // [l] = bˡ, nˡ × 1
    private final Matrix[] nablaW;           // [l] = a batch's ∂C/∂Wˡ, for steps with momentum or L2
    private final Matrix[] nablaB;           // [l] = a batch's ∂C/∂bˡ (a plain step reads the halves directly)
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            return size() > 8;   // training uses two batch sizes (the full one and the last), two halves each
        }
    };

    /**
     * A network with layer sizes {@code sizes} (inputs first, outputs last), activation
     * {@code hidden} in every hidden layer and {@code output} in the last, trained to minimise
     * {@code loss}; {@code seed} fixes the initial weights.
     */
    public Network(int[] sizes, Activation hidden, Activation output, Loss loss, long seed) {
        this(sizes, layerActivations(sizes, hidden, output), loss, seed);
    }

    /** A network with one activation per layer 1 … L ({@code activations.get(0)} is layer 1's). */
    public Network(int[] sizes, List<Activation> activations, Loss loss, long seed) {
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
        if (activations == null || activations.size() != layers || activations.contains(null)) {
            throw new IllegalArgumentException("a network of sizes " + Arrays.toString(sizes) + " needs " + layers
                    + " activations (one per layer after the input), got " + activations);
        }
        if (loss == null) throw new IllegalArgumentException("the loss is null");
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
        this.nablaW = new Matrix[layers + 1];
        this.nablaB = new Matrix[layers + 1];
        var random = new Random(seed);
        for (int l = 1; l <= layers; l++) {
            int in = sizes[l - 1], out = sizes[l];
            boolean relu = this.activations[l] == Activation.RELU || this.activations[l] == Activation.LEAKY_RELU;
            double limit = relu ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            weights[l] = Matrix.uniform(out, in, limit, random);
            biases[l] = new Matrix(out, 1);
            nablaW[l] = new Matrix(out, in);
            nablaB[l] = new Matrix(out, 1);
        }
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

    // ------------------------------------------------------------------ the working matrices

    /**
     * The matrices one batch of m examples needs, made once and reused for every batch of that
     * size: the forward pass's zˡ and aˡ, the errors δˡ, and the gradient they give.
     */
    private static final class Workspace {
        final Matrix[] z;       // [l] = zˡ
        final Matrix[] a;       // [l] = aˡ, a⁰ is the input
        final Matrix[] delta;   // [l] = δˡ
        final Matrix y;         // the targets, one column per example
        final int[] labels;     // the class of each column's example
        final Matrix[] gradW;   // [l] = ∂C/∂Wˡ for the mean cost of these m examples
        final Matrix[] gradB;   // [l] = ∂C/∂bˡ
        double totalCost;       // Σ of the m examples' costs, after a pass
        int correct;            // how many of them the network classified right

        Workspace(int[] sizes, int m) {
            int layers = sizes.length - 1;
            z = new Matrix[layers + 1];
            a = new Matrix[layers + 1];
            delta = new Matrix[layers + 1];
            gradW = new Matrix[layers + 1];
            gradB = new Matrix[layers + 1];
            a[0] = new Matrix(sizes[0], m);
            for (int l = 1; l <= layers; l++) {
                z[l] = new Matrix(sizes[l], m);
                a[l] = new Matrix(sizes[l], m);
                delta[l] = new Matrix(sizes[l], m);
                gradW[l] = new Matrix(sizes[l], sizes[l - 1]);
                gradB[l] = new Matrix(sizes[l], 1);
            }
            y = new Matrix(sizes[layers], m);
            labels = new int[m];
        }

        int examples() {
            return labels.length;
        }
    }

    private Workspace workspace(int m) {
        return workspace(m, 0);
    }

    /** The workspace for m examples; slot 1 is a second one of the same size (the other half of a batch). */
    private Workspace workspace(int m, int slot) {
        return workspaces.computeIfAbsent(2 * m + slot, key -> new Workspace(sizes, m));
    }

    // ------------------------------------------------------------------ forward and backward

    /** The forward pass: every zˡ and aˡ, from a⁰ (already in the workspace) to aᴸ. */
    private void forward(Workspace w) {
        Matrix[] z = w.z, a = w.a;
        for (int l = 1; l <= layers(); l++) {
            // zˡ = Wˡ aˡ⁻¹ + bˡ, the bias added to every column (every example)
            weights[l].timesInto(a[l - 1], z[l]).addColumnVectorInPlace(biases[l]);
            // aˡ = σ(zˡ)
            activations[l].apply(z[l], a[l]);
        }
    }

    /**
     * Backpropagation: from the forward pass's zˡ and aˡ and the targets y, every error δˡ and
     * from them ∂C/∂Wˡ and ∂C/∂bˡ (into the workspace's {@code gradW} and {@code gradB}). Each δˡ
     * is computed from δˡ⁺¹, so the loop runs from the output back to the first layer.
     */
    private void backward(Workspace w) {
        Matrix[] z = w.z, a = w.a, delta = w.delta, nablaW = w.gradW, nablaB = w.gradB;
        Matrix y = w.y;
        int L = layers();
        if (loss.simplifiesWith(activations[L])) {
            // BP1, with ∇ₐC ⊙ σ′(zᴸ) already multiplied out: δᴸ = (aᴸ − y) / m (see Loss)
            delta[L].copyFrom(a[L]).minusInPlace(y).scaleInPlace(1.0 / y.cols());
        } else {
            // BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ)
            activations[L].backward(z[L], a[L], loss.gradientInto(a[L], y, delta[L]));
        }
        for (int l = L; l >= 1; l--) {
            if (l < L) {
                // BP2: δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
                activations[l].backward(z[l], a[l], weights[l + 1].transposeTimesInto(delta[l + 1], delta[l]));
            }
            // BP3: ∂C/∂bˡ = δˡ, each example's column added up
            delta[l].rowSumsInto(nablaB[l]);
            // BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
            delta[l].timesTransposeInto(a[l - 1], nablaW[l]);
        }
    }

    // ------------------------------------------------------------------ public passes

    /** Every zˡ and aˡ for the batch {@code x} (one column per example), as copies. */
    public ForwardPass forward(Matrix x) {
        Workspace w = load(x);
        forward(w);
        Matrix[] z = new Matrix[layers() + 1];
        Matrix[] a = new Matrix[layers() + 1];
        a[0] = w.a[0].copy();
        for (int l = 1; l <= layers(); l++) {
            z[l] = w.z[l].copy();
            a[l] = w.a[l].copy();
        }
        return new ForwardPass(z, a);
    }

    /** The output aᴸ for the batch {@code x} (one column per example), as a new matrix. */
    public Matrix output(Matrix x) {
        Workspace w = load(x);
        forward(w);
        return w.a[layers()].copy();
    }

    /** The output for one example. */
    public double[] output(double[] features) {
        return output(Matrix.ofColumns(requireFeatures(features))).column(0);
    }

    /** The mean cost of the batch {@code x} with targets {@code y} (one column per example). */
    public double cost(Matrix x, Matrix y) {
        Workspace w = load(x, y);
        forward(w);
        return loss.cost(w.a[layers()], w.y);
    }

    /**
     * ∂C/∂Wˡ and ∂C/∂bˡ for every layer, for the mean cost of the batch {@code x} with targets
     * {@code y} (one column per example): a forward pass, then BP1 to BP4.
     */
    public Gradients gradients(Matrix x, Matrix y) {
        Workspace w = load(x, y);
        forward(w);
        backward(w);
        Matrix[] gw = new Matrix[layers() + 1];
        Matrix[] gb = new Matrix[layers() + 1];
        for (int l = 1; l <= layers(); l++) {
            gw[l] = w.gradW[l].copy();
            gb[l] = w.gradB[l].copy();
        }
        return new Gradients(gw, gb);
    }

    /** One step of gradient descent: Wˡ ← Wˡ − η ∂C/∂Wˡ and bˡ ← bˡ − η ∂C/∂bˡ for every layer. */
    public void step(Gradients gradients, double learningRate) {
        if (gradients == null || gradients.layers() != layers()) {
            throw new IllegalArgumentException("the gradients must be those of a " + layers() + "-layer network");
        }
        requireLearningRate(learningRate);
        for (int l = 1; l <= layers(); l++) {
            weights[l].addScaledInPlace(-learningRate, gradients.weights(l));
            biases[l].addScaledInPlace(-learningRate, gradients.biases(l));
        }
    }

    private Workspace load(Matrix x) {
        if (x == null) throw new IllegalArgumentException("the input batch is null");
        if (x.rows() != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs (rows), but the batch is " + x.shape()
                    + ": put one example in each column");
        }
        requireFinite(x, "input batch");
        Workspace w = workspace(x.cols());
        w.a[0].copyFrom(x);
        return w;
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

    private Workspace load(Matrix x, Matrix y) {
        if (y == null) throw new IllegalArgumentException("the targets are null");
        if (x != null && (y.rows() != outputs() || y.cols() != x.cols())) {
            throw new IllegalArgumentException("the targets are " + y.shape() + " but must be " + outputs() + "×" + x.cols()
                    + " (one row per output, one column per example of the " + x.shape() + " batch)");
        }
        requireFinite(y, "target batch");
        Workspace w = load(x);
        w.y.copyFrom(y);
        return w;
    }

    private double[] requireFeatures(double[] features) {
        if (features == null || features.length != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " features, got "
                    + (features == null ? "null" : features.length));
        }
        return features;
    }

    // ------------------------------------------------------------------ classification

    /** The class the network gives one example: the largest output, or output ≥ 0.5 for a single output. */
    public int classify(double[] features) {
        double[] out = output(features);
        return classOf(out);
    }

    private static int classOf(double[] out) {
        if (out.length == 1) return out[0] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int i = 1; i < out.length; i++) if (out[i] > out[best]) best = i;
        return best;
    }

    /** The class of each row of {@code x}. */
    public int[] classify(double[][] x) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("there are no examples to classify");
        int[] classes = new int[x.length];
        for (int from = 0; from < x.length; from += EVALUATION_BATCH) {
            int m = Math.min(EVALUATION_BATCH, x.length - from);
            Workspace w = workspace(m);
            for (int b = 0; b < m; b++) loadColumn(w.a[0], b, requireFeatures(x[from + b]));
            requireFinite(w.a[0], "examples to classify");
            forward(w);
            for (int b = 0; b < m; b++) classes[from + b] = classOfColumn(w.a[layers()], b);
        }
        return classes;
    }

    /** The class of each example of {@code data}. */
    public int[] classify(Dataset data) {
        requireCompatible(data, "classify");
        return classify(data.x());
    }

    private static int classOfColumn(Matrix out, int b) {
        double[][] a = out.data;
        if (a.length == 1) return a[0][b] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i][b] > a[best][b]) best = i;
        return best;
    }

    /** The mean cost and the accuracy of the network on {@code data}. */
    public Evaluation evaluate(Dataset data) {
        requireCompatible(data, "evaluate");
        return evaluate(data, null);
    }

    /** {@link #evaluate(Dataset)}, each chunk of examples in two halves, at once when there is a second thread. */
    private Evaluation evaluate(Dataset data, SecondThread second) {
        double total = 0;
        int correct = 0;
        int[] all = IntStream.range(0, data.size()).toArray();
        for (int from = 0; from < data.size(); from += EVALUATION_BATCH) {
            int m = Math.min(EVALUATION_BATCH, data.size() - from);
            Workspace[] halves = halves(data, all, from, m);
            passes(second, halves, this::measure);
            for (Workspace w : halves) {
                total += w.totalCost;
                correct += w.correct;
            }
        }
        return new Evaluation(total / data.size(), (double) correct / data.size());
    }

    /** The cost and accuracy of a network on a dataset. */
    public record Evaluation(double loss, double accuracy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "loss %.4f, accuracy %.2f%%", loss, 100 * accuracy);
        }
    }

    /** Examples per forward pass when evaluating: long rows keep the inner loops long. */
    private static final int EVALUATION_BATCH = 512;

    // ------------------------------------------------------------------ training

    /** Trains on {@code train} without a test set and without a callback. */
    public History train(Dataset train, Sgd sgd) {
        return train(train, null, sgd, null);
    }

    /** Trains on {@code train}, measuring {@code test} (may be null) after every epoch. */
    public History train(Dataset train, Dataset test, Sgd sgd) {
        return train(train, test, sgd, null);
    }

    /**
     * Mini-batch stochastic gradient descent on {@code train}, {@code sgd.epochs()} times over.
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
     *
     * <p>A mini-batch of {@value #SPLIT_FROM} examples or more is computed in two halves, at the
     * same time on a machine with two cores: each half runs the forward pass and BP1–BP4 for its
     * own examples, and the batch's gradient is the mean of the two. The split is the same on any
     * machine, so a seed gives the same numbers everywhere.
     */
    public History train(Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch) {
        if (sgd == null) throw new IllegalArgumentException("the training settings (Sgd) are null");
        requireCompatible(train, "train on");
        if (test != null) requireCompatible(test, "test on");
        var history = new History(sgd.epochs());
        var random = new Random(sgd.seed());
        int n = train.size();
        int[] order = IntStream.range(0, n).toArray();
        Matrix[] velocityW = null, velocityB = null;
        if (sgd.momentum() > 0) {
            velocityW = new Matrix[layers() + 1];
            velocityB = new Matrix[layers() + 1];
            for (int l = 1; l <= layers(); l++) {
                velocityW[l] = new Matrix(sizes[l], sizes[l - 1]);
                velocityB[l] = new Matrix(sizes[l], 1);
            }
        }
        try (SecondThread second = SecondThread.startIfUseful()) {   // null on a one-core machine
            for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
                long started = System.nanoTime();
                shuffle(order, random);
                double totalCost = 0;
                int correct = 0;
                int batch = 0;
                for (int from = 0; from < n; from += sgd.batchSize()) {
                    if (Thread.currentThread().isInterrupted()) {
                        history.markInterrupted();
                        return history;
                    }
                    batch++;
                    int m = Math.min(sgd.batchSize(), n - from);
                    Workspace[] halves = halves(train, order, from, m);
                    passes(second, halves, this::learn);   // forward, cost, BP1–BP4: both halves at once
                    double batchCost = 0;
                    for (Workspace w : halves) {
                        batchCost += w.totalCost;
                        correct += w.correct;
                    }
                    if (!Double.isFinite(batchCost)) {
                        throw diverged(batchCost, "epoch " + epoch + ", batch " + batch, sgd, history);
                    }
                    totalCost += batchCost;
                    update(sgd, halves, m, velocityW, velocityB);
                }
                double testLoss = Double.NaN, testAccuracy = Double.NaN;
                if (test != null) {
                    Evaluation result = evaluate(test, second);
                    if (!Double.isFinite(result.loss())) {
                        throw diverged(result.loss(), "the test set after epoch " + epoch, sgd, history);
                    }
                    testLoss = result.loss();
                    testAccuracy = result.accuracy();
                }
                double millis = (System.nanoTime() - started) / 1e6;
                history.add(new Epoch(epoch, totalCost / n, (double) correct / n, testLoss, testAccuracy, millis));
                if (onEpoch != null) onEpoch.accept(history);
            }
            return history;
        }
    }

    // ------------------------------------------------------------------ a batch in two halves

    /**
     * A batch of m examples at least this large is computed as two halves, each with its own
     * forward and backward pass, on two threads when the machine has two cores. It is split the
     * same way on one core, so the numbers never depend on the machine.
     */
    static final int SPLIT_FROM = 16;

    /** Loads examples order[from … from+m−1] into one workspace, or two halves of one batch. */
    private Workspace[] halves(Dataset data, int[] order, int from, int m) {
        if (m < SPLIT_FROM) {
            Workspace whole = workspace(m);
            loadBatch(whole, data, order, from, m);
            return new Workspace[] {whole};
        }
        int first = (m + 1) / 2;
        Workspace a = workspace(first, 0), b = workspace(m - first, 1);
        loadBatch(a, data, order, from, first);
        loadBatch(b, data, order, from + first, m - first);
        return new Workspace[] {a, b};
    }

    /** Runs {@code pass} on each workspace: the two halves at the same time when there is a second thread. */
    private static void passes(SecondThread second, Workspace[] halves, Consumer<Workspace> pass) {
        if (halves.length == 1) {
            pass.accept(halves[0]);
        } else {
            SecondThread.both(second, () -> pass.accept(halves[0]), () -> pass.accept(halves[1]));
        }
    }

    /** A forward pass that records the examples' total cost and how many were classified right. */
    private void measure(Workspace w) {
        forward(w);
        w.totalCost = loss.totalCost(w.a[layers()], w.y);
        w.correct = countCorrect(w);
    }

    /** {@link #measure}, then backpropagation: the workspace's gradient for its examples. */
    private void learn(Workspace w) {
        measure(w);
        backward(w);
    }

    /**
     * The step after one batch: gradient descent with optional momentum and L2 weight decay (see
     * {@link Sgd}). The batch's gradient ∂C/∂W is the mean over its examples; computed in two
     * halves, it is the sum of each half's mean gradient weighted by that half's share of the examples.
     */
    private void update(Sgd sgd, Workspace[] halves, int m, Matrix[] velocityW, Matrix[] velocityB) {
        double eta = sgd.learningRate(), lambda = sgd.l2(), mu = sgd.momentum();
        for (int l = 1; l <= layers(); l++) {
            if (lambda == 0 && velocityW == null) {
                // W ← W − η ∂C/∂W and b ← b − η ∂C/∂b, taking ∂C/∂W half by half (one pass over W each)
                for (Workspace half : halves) {
                    double share = (double) half.examples() / m;
                    weights[l].addScaledInPlace(-eta * share, half.gradW[l]);
                    biases[l].addScaledInPlace(-eta * share, half.gradB[l]);
                }
                continue;
            }
            meanGradient(halves, m, l);
            if (lambda > 0) nablaW[l].addScaledInPlace(lambda, weights[l]);   // ∂/∂W of (λ/2) Σ w² is λ W
            if (velocityW == null) {
                weights[l].addScaledInPlace(-eta, nablaW[l]);                 // W ← W − η ∂C/∂W
                biases[l].addScaledInPlace(-eta, nablaB[l]);                  // b ← b − η ∂C/∂b
            } else {
                velocityW[l].scaleInPlace(mu).addScaledInPlace(-eta, nablaW[l]);   // v ← μ v − η ∂C/∂W
                velocityB[l].scaleInPlace(mu).addScaledInPlace(-eta, nablaB[l]);
                weights[l].plusInPlace(velocityW[l]);                              // W ← W + v
                biases[l].plusInPlace(velocityB[l]);
            }
        }
    }

    /** ∂C/∂Wˡ and ∂C/∂bˡ of the whole batch into {@code nablaW} and {@code nablaB}: the halves' gradients, weighted by their shares of the examples. */
    private void meanGradient(Workspace[] halves, int m, int l) {
        nablaW[l].copyFrom(halves[0].gradW[l]).scaleInPlace((double) halves[0].examples() / m);
        nablaB[l].copyFrom(halves[0].gradB[l]).scaleInPlace((double) halves[0].examples() / m);
        for (int h = 1; h < halves.length; h++) {
            double share = (double) halves[h].examples() / m;
            nablaW[l].addScaledInPlace(share, halves[h].gradW[l]);
            nablaB[l].addScaledInPlace(share, halves[h].gradB[l]);
        }
    }

    private TrainingDivergedException diverged(double cost, String where, Sgd sgd, History history) {
        return new TrainingDivergedException("training diverged: the loss became " + cost + " in " + where
                + " with learning rate " + sgd.learningRate() + ". The steps are too large and the weights overflowed;"
                + " try a smaller learning rate, e.g. " + sgd.learningRate() / 10
                + " (the network's weights are now unusable: make a new network)", history);
    }

    /** Fisher–Yates: every order equally likely, the same order for the same random state. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Copies examples order[from … from+m−1] into the columns of a⁰, and their targets into y. */
    private void loadBatch(Workspace w, Dataset data, int[] order, int from, int m) {
        double[][] x = data.x();
        int[] labels = data.y();
        double[][] y = w.y.data;
        for (double[] row : y) Arrays.fill(row, 0.0);
        for (int b = 0; b < m; b++) {
            int example = order[from + b];
            loadColumn(w.a[0], b, x[example]);
            w.labels[b] = labels[example];
            if (outputs() == 1) y[0][b] = labels[example];   // a single output answers "is it class 1?"
            else y[labels[example]][b] = 1;                  // one-hot: 1 in the row of the right class
        }
    }

    private static void loadColumn(Matrix a0, int b, double[] features) {
        double[][] a = a0.data;
        for (int f = 0; f < features.length; f++) a[f][b] = features[f];
    }

    private int countCorrect(Workspace w) {
        Matrix output = w.a[layers()];
        int correct = 0;
        for (int b = 0; b < output.cols(); b++) {
            if (classOfColumn(output, b) == w.labels[b]) correct++;
        }
        return correct;
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

    private static void requireLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
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
