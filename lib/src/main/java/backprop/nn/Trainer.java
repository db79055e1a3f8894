package backprop.nn;

import backprop.data.Dataset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The fast path: mini-batch gradient descent on a network's weights, computed in place. The
 * same equations as {@link Backprop}, line for line, but every matrix is made once per batch
 * size and reused, so that an epoch allocates nothing; and every product goes through
 * {@link Kernels}: OpenBLAS when the machine has it, fast Java loops otherwise.
 *
 * <pre>{@code
 * var trainer = new Trainer(sizes, activations, loss, weights, biases, Kernels.best());   // the network's own matrices
 * History history = trainer.train(train, test, Sgd.of(0.5, 32, 30), null);
 * }</pre>
 *
 * <p>It works on the matrices it is given and knows nothing of {@link Network}, which calls it.
 * One thread: on a machine shared with other work (a JupyterHub node, a laptop with a browser
 * open), a second thread that waits for its partner costs more than it saves (see the README's
 * benchmarks). A trainer is not safe to use from two threads at once.
 */
final class Trainer {

    /** Examples per forward pass when evaluating or classifying: long rows keep the inner loops long. */
    static final int EVALUATION_BATCH = 512;

    private final int[] sizes;               // sizes[0] inputs, sizes[l] neurons of layer l
    private final Activation[] activations;  // [l] = σ of layer l, index 0 unused
    private final Loss loss;
    private final Matrix[] weights;          // [l] = Wˡ, updated in place
    private final Matrix[] biases;           // [l] = bˡ, updated in place
    private final Kernels kernels;           // the products, see Kernels.best()
    private final int L;
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            return size() > 4;   // training uses two batch sizes (the full one and the last), evaluation two more
        }
    };

    Trainer(int[] sizes, Activation[] activations, Loss loss, Matrix[] weights, Matrix[] biases, Kernels kernels) {
        this.sizes = sizes;
        this.activations = activations;
        this.loss = loss;
        this.weights = weights;
        this.biases = biases;
        this.kernels = kernels;
        this.L = sizes.length - 1;
    }

    /** The kernels that do the products, e.g. {@code "pure Java (FastKernels)"}. */
    String kernelsName() {
        return kernels.name();
    }

    /** Every Wˡ, held by the kernels for the products; written back with {@link #writeBack}. */
    private Kernels.Weights[] hold() {
        Kernels.Weights[] held = new Kernels.Weights[L + 1];
        for (int l = 1; l <= L; l++) held[l] = kernels.hold(weights[l]);
        return held;
    }

    private void writeBack(Kernels.Weights[] held) {
        for (int l = 1; l <= L; l++) held[l].writeBack();
    }

    // ------------------------------------------------------------------ the working matrices

    /**
     * The matrices one batch of m examples needs, made once and reused for every batch of that
     * size: the forward pass's zˡ and aˡ, the errors δˡ, and the bias gradients they give. (The
     * weight gradients are the kernels' business: see {@link #step}.)
     */
    private static final class Workspace {
        final Matrix[] z;       // [l] = zˡ
        final Matrix[] a;       // [l] = aˡ, a⁰ is the input
        final Matrix[] delta;   // [l] = δˡ
        final Matrix y;         // the targets, one column per example
        final int[] labels;     // the class of each column's example
        final double[][] rows;  // the examples' own arrays (the dataset's rows), before they become a⁰'s columns
        final Matrix[] gradB;   // [l] = ∂C/∂bˡ for the mean cost of these m examples

        Workspace(int[] sizes, int m) {
            int layers = sizes.length - 1;
            z = new Matrix[layers + 1];
            a = new Matrix[layers + 1];
            delta = new Matrix[layers + 1];
            gradB = new Matrix[layers + 1];
            a[0] = new Matrix(sizes[0], m);
            for (int l = 1; l <= layers; l++) {
                z[l] = new Matrix(sizes[l], m);
                a[l] = new Matrix(sizes[l], m);
                delta[l] = new Matrix(sizes[l], m);
                gradB[l] = new Matrix(sizes[l], 1);
            }
            y = new Matrix(sizes[layers], m);
            labels = new int[m];
            rows = new double[m][];
        }
    }

    private Workspace workspace(int m) {
        return workspaces.computeIfAbsent(m, key -> new Workspace(sizes, m));
    }

    // ------------------------------------------------------------------ forward and backward, in place

    /** The forward pass: every zˡ and aˡ, from a⁰ (already in the workspace) to aᴸ. */
    private void forward(Workspace w, Kernels.Weights[] W) {
        for (int l = 1; l <= L; l++) {
            W[l].times(w.a[l - 1], w.z[l]);                            // zˡ = Wˡ aˡ⁻¹ …
            w.z[l].addColumnVectorInPlace(biases[l]);                  // … + bˡ
            activations[l].apply(w.z[l], w.a[l]);                      // aˡ = σ(zˡ)
        }
    }

    /**
     * The backward pass of {@link Backprop}, into the workspace: every δˡ and ∂C/∂bˡ. BP4's
     * ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ is left to {@link #step}, which adds it straight into the weights.
     */
    private void backward(Workspace w, Kernels.Weights[] W) {
        loss.deltaInto(w.z[L], w.a[L], w.y, activations[L], w.delta[L]);   // δᴸ = ∇ₐC ⊙ σ′(zᴸ)
        for (int l = L - 1; l >= 1; l--) {
            W[l + 1].transposeTimes(w.delta[l + 1], w.delta[l]);               // (Wˡ⁺¹)ᵀ δˡ⁺¹ …
            activations[l].backward(w.z[l], w.a[l], w.delta[l]);               // … ⊙ σ′(zˡ), in place
        }
        for (int l = 1; l <= L; l++) w.delta[l].rowSumsInto(w.gradB[l]);    // ∂C/∂bˡ = δˡ summed over the batch
    }

    /** The gradients of the batch x with targets y, computed here (for the test that compares them with the teaching core's). */
    Gradients gradients(Matrix x, Matrix y) {
        Kernels.Weights[] W = hold();
        Workspace w = workspace(x.cols());
        w.a[0].copyFrom(x);
        w.y.copyFrom(y);
        forward(w, W);
        backward(w, W);
        Matrix[] gw = new Matrix[L + 1], gb = new Matrix[L + 1];
        for (int l = 1; l <= L; l++) {
            gw[l] = new Matrix(sizes[l], sizes[l - 1]);
            Kernels.Weights g = kernels.hold(gw[l]);
            g.setTimesTranspose(w.delta[l], w.a[l - 1]);                 // ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
            g.writeBack();
            gb[l] = w.gradB[l].copy();
        }
        return new Gradients(gw, gb);
    }

    // ------------------------------------------------------------------ training

    /** See {@link Network#train(Dataset, Dataset, Sgd, Consumer)}; the datasets have been checked to fit. */
    History train(Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch) {
        Run run = new Run(sgd);
        try {
            return epochs(train, test, sgd, onEpoch, run);
        } finally {
            writeBack(run.W);   // interrupted, diverged or done: the network's matrices get the weights reached
        }
    }

    /** What a training run changes, held by the kernels: every Wˡ, and for weight decay or momentum ∂C/∂Wˡ and the velocities. */
    private final class Run {
        final Kernels.Weights[] W = hold();
        final Kernels.Weights[] gradW, velocityW;   // null for plain gradient descent
        final Matrix[] velocityB;

        Run(Sgd sgd) {
            gradW = sgd.momentum() > 0 || sgd.l2() > 0 ? holdZeros() : null;
            velocityW = sgd.momentum() > 0 ? holdZeros() : null;
            velocityB = sgd.momentum() > 0 ? new Matrix[L + 1] : null;
            for (int l = 1; velocityB != null && l <= L; l++) velocityB[l] = new Matrix(sizes[l], 1);
        }

        private Kernels.Weights[] holdZeros() {
            Kernels.Weights[] held = new Kernels.Weights[L + 1];
            for (int l = 1; l <= L; l++) held[l] = kernels.hold(new Matrix(sizes[l], sizes[l - 1]));
            return held;
        }
    }

    private History epochs(Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch, Run run) {
        var history = new History(sgd.epochs());
        var random = new Random(sgd.seed());
        int n = train.size();
        int[] order = IntStream.range(0, n).toArray();
        Kernels.Weights[] W = run.W;
        for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
            long started = System.nanoTime();
            if (sgd.shuffle()) shuffle(order, random);
            double totalCost = 0;
            int correct = 0;
            int batch = 0;
            for (int from = 0; from < n; from += sgd.batchSize()) {
                if (Thread.currentThread().isInterrupted()) {
                    history.markInterrupted();
                    return history;
                }
                batch++;
                Workspace w = workspace(Math.min(sgd.batchSize(), n - from));
                load(w, train, order, from);
                forward(w, W);
                double batchCost = loss.totalCost(w.a[L], w.y);       // measured by the pass training does anyway
                if (!Double.isFinite(batchCost)) {
                    throw diverged(batchCost, "epoch " + epoch + ", batch " + batch, sgd, history);
                }
                totalCost += batchCost;
                correct += countCorrect(w);
                backward(w, W);
                step(w, run, sgd);
            }
            double testLoss = Double.NaN, testAccuracy = Double.NaN;
            if (test != null) {
                Evaluation result = evaluate(test, W);
                if (!Double.isFinite(result.loss())) {
                    throw diverged(result.loss(), "the test set after epoch " + epoch, sgd, history);
                }
                testLoss = result.loss();
                testAccuracy = result.accuracy();
            }
            double millis = (System.nanoTime() - started) / 1e6;
            history.add(new Epoch(epoch, totalCost / n, (double) correct / n, testLoss, testAccuracy, millis));
            if (onEpoch != null) {
                writeBack(W);   // the callback may look at the network
                onEpoch.accept(history);
            }
        }
        return history;
    }

    /**
     * The step after one batch: gradient descent with optional momentum and L2 weight decay (see
     * {@link Sgd}). For plain gradient descent, BP4's ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ is not stored: the
     * product is added straight into the weights, −η times, which is the step's own arithmetic.
     */
    private void step(Workspace w, Run run, Sgd sgd) {
        double eta = sgd.learningRate(), lambda = sgd.l2(), mu = sgd.momentum();
        Kernels.Weights[] W = run.W, gradW = run.gradW, velocityW = run.velocityW;
        Matrix[] velocityB = run.velocityB;
        for (int l = 1; l <= L; l++) {
            if (gradW == null) {
                W[l].addTimesTranspose(-eta, w.delta[l], w.a[l - 1]);            // W ← W − η δˡ (aˡ⁻¹)ᵀ: BP4 and the step
                biases[l].addScaledInPlace(-eta, w.gradB[l]);                     // b ← b − η ∂C/∂b
                continue;
            }
            gradW[l].setTimesTranspose(w.delta[l], w.a[l - 1]);                   // ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
            if (lambda > 0) gradW[l].addScaled(lambda, W[l]);                      // ∂/∂W of (λ/2) Σ w² is λ W
            if (velocityW == null) {
                W[l].addScaled(-eta, gradW[l]);                                    // W ← W − η ∂C/∂W
                biases[l].addScaledInPlace(-eta, w.gradB[l]);                      // b ← b − η ∂C/∂b
            } else {
                velocityW[l].scale(mu);                                            // v ← μ v …
                velocityW[l].addScaled(-eta, gradW[l]);                            // … − η ∂C/∂W
                velocityB[l].scaleInPlace(mu).addScaledInPlace(-eta, w.gradB[l]);
                W[l].addScaled(1, velocityW[l]);                                   // W ← W + v
                biases[l].plusInPlace(velocityB[l]);
            }
        }
    }

    // ------------------------------------------------------------------ evaluation and classification

    /** The mean cost and the accuracy on {@code data}, a forward pass per chunk of examples. */
    Evaluation evaluate(Dataset data) {
        return evaluate(data, hold());   // nothing changes the weights: nothing to write back
    }

    private Evaluation evaluate(Dataset data, Kernels.Weights[] W) {
        double total = 0;
        int correct = 0;
        int[] all = IntStream.range(0, data.size()).toArray();
        for (int from = 0; from < data.size(); from += EVALUATION_BATCH) {
            Workspace w = workspace(Math.min(EVALUATION_BATCH, data.size() - from));
            load(w, data, all, from);
            forward(w, W);
            total += loss.totalCost(w.a[L], w.y);
            correct += countCorrect(w);
        }
        return new Evaluation(total / data.size(), (double) correct / data.size());
    }

    /** The class of each row of {@code x}, whose rows have been checked to be finite and of the right length. */
    int[] classify(double[][] x) {
        int[] classes = new int[x.length];
        Kernels.Weights[] W = hold();
        for (int from = 0; from < x.length; from += EVALUATION_BATCH) {
            int m = Math.min(EVALUATION_BATCH, x.length - from);
            Workspace w = workspace(m);
            System.arraycopy(x, from, w.rows, 0, m);
            FastKernels.transpose(w.rows, w.a[0].data);
            forward(w, W);
            for (int b = 0; b < m; b++) classes[from + b] = classOfColumn(w.a[L], b);
        }
        return classes;
    }

    /** The class of example (column) b of an output: the largest output, or output ≥ 0.5 for a single output. */
    static int classOfColumn(Matrix out, int b) {
        double[][] a = out.data;
        if (a.length == 1) return a[0][b] >= 0.5 ? 1 : 0;
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i][b] > a[best][b]) best = i;
        return best;
    }

    private int countCorrect(Workspace w) {
        Matrix output = w.a[L];
        int correct = 0;
        for (int b = 0; b < output.cols(); b++) {
            if (classOfColumn(output, b) == w.labels[b]) correct++;
        }
        return correct;
    }

    // ------------------------------------------------------------------ loading a batch

    /**
     * Copies the examples order[from …] into the columns of a⁰, and their targets into y: a one-hot
     * column when the network has one output per class, the label itself (0 or 1) for a single output.
     */
    private void load(Workspace w, Dataset data, int[] order, int from) {
        double[][] x = data.x();
        int[] labels = data.y();
        double[][] y = w.y.data;
        for (double[] row : y) Arrays.fill(row, 0.0);
        for (int b = 0; b < w.labels.length; b++) {
            int example = order[from + b];
            w.rows[b] = x[example];
            w.labels[b] = labels[example];
            if (y.length == 1) y[0][b] = labels[example];   // a single output answers "is it class 1?"
            else y[labels[example]][b] = 1;                 // one-hot: 1 in the row of the right class
        }
        FastKernels.transpose(w.rows, w.a[0].data);         // the examples become a⁰'s columns, in cache-sized tiles
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

    private static TrainingDivergedException diverged(double cost, String where, Sgd sgd, History history) {
        return new TrainingDivergedException("training diverged: the loss became " + cost + " in " + where
                + " with learning rate " + sgd.learningRate() + ". The steps are too large and the weights overflowed;"
                + " try a smaller learning rate, e.g. " + sgd.learningRate() / 10
                + " (the network's weights are now unusable: make a new network)", history);
    }
}
