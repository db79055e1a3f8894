package backprop.nn;

import backprop.data.Dataset;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains a {@link Network} the fast way: the same mini-batch gradient descent as
 * {@link Network#train(Dataset, Dataset, Sgd, Consumer)}, the same shuffling and so the same
 * steps up to rounding, with the matrix products of {@link FastKernels} on the network's own
 * weights. Use it for data the size of Fashion-MNIST; read {@link Network} to learn how it works.
 *
 * <pre>{@code
 * var network = new Network(new int[] {784, 100, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
 * History history = FastTraining.train(network, train, test, Sgd.of(0.1, 32, 10), null);
 * }</pre>
 *
 * <h2>What is different from {@code Network.train}</h2>
 * <ul>
 *   <li>BP4 and the step are one pass: W ← W − η δ aᵀ is added into the weights directly
 *       ({@link FastKernels#addOuterProducts}), so ∂C/∂W is never stored.</li>
 *   <li>Each example's input is used where it lies in the dataset (for BP4), and copied once per
 *       batch into a column (for the forward pass).</li>
 *   <li>With two cores, each layer's rows are shared between two threads (rows 0 … n/2 − 1 and
 *       the rest): every number is computed by the same operations as on one thread, so a seed
 *       gives the same weights on any machine.</li>
 * </ul>
 * It covers the networks the course trains on large data: any number of hidden layers with an
 * element-wise activation, an output layer whose BP1 simplifies to δᴸ = (aᴸ − y)/m (softmax
 * with cross-entropy, sigmoid with binary cross-entropy, identity with the quadratic cost), and
 * plain SGD (no momentum, no L2). Anything else is refused with a message naming it.
 *
 * <p>Training stops cleanly, keeping the epochs done, when the thread is interrupted (checked
 * before every batch).
 */
public final class FastTraining {

    private final Network network;
    private final int layers;
    private final int[] sizes;
    private final double[][][] w;   // [l] = Wˡ's rows: the network's own arrays
    private final double[][][] b;   // [l] = bˡ's rows (each a double[1])

    private FastTraining(Network network) {
        this.network = network;
        this.layers = network.layers();
        this.sizes = network.sizes();
        this.w = new double[layers + 1][][];
        this.b = new double[layers + 1][][];
        for (int l = 1; l <= layers; l++) {
            w[l] = network.weights(l).data;
            b[l] = network.biases(l).data;
        }
    }

    /** Whether {@link #train} can train this network (see the class comment). */
    public static boolean supports(Network network) {
        return problem(network) == null;
    }

    private static String problem(Network network) {
        if (network == null) return "the network is null";
        int last = network.layers();
        for (int l = 1; l < last; l++) {
            if (!network.activation(l).isElementWise()) return "hidden layer " + l + " is " + network.activation(l) + ", not element-wise";
        }
        if (!network.loss().simplifiesWith(network.activation(last))) {
            return "its output layer (" + network.activation(last) + " with " + network.loss()
                    + ") is not one whose BP1 simplifies to (a − y)/m";
        }
        if (network.outputs() == 1) return "it has a single output; FastTraining needs one output per class";
        return null;
    }

    /**
     * {@link Network#train(Dataset, Dataset, Sgd, Consumer)}, fast: trains {@code network} in
     * place on {@code train}, measures {@code test} (may be null) after every epoch and calls
     * {@code onEpoch} (may be null) with the history so far.
     */
    public static History train(Network network, Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch) {
        return train(network, train, test, sgd, onEpoch, 2);
    }

    /**
     * The same on {@code threads} threads, 1 or 2 (2 uses a second thread only on a machine with a
     * second core). The numbers are the same either way; benchmarks compare one thread with one.
     */
    public static History train(Network network, Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch, int threads) {
        if (threads != 1 && threads != 2) throw new IllegalArgumentException("FastTraining runs on 1 or 2 threads, not " + threads);
        String problem = problem(network);
        if (problem != null) throw new IllegalArgumentException("FastTraining cannot train this network: " + problem + "; use Network.train");
        if (sgd == null) throw new IllegalArgumentException("the training settings (Sgd) are null");
        if (sgd.momentum() != 0 || sgd.l2() != 0) {
            throw new IllegalArgumentException("FastTraining does plain SGD only (momentum " + sgd.momentum() + ", L2 " + sgd.l2()
                    + " asked for); use Network.train");
        }
        requireCompatible(network, train, "train on");
        if (test != null) requireCompatible(network, test, "test on");
        return new FastTraining(network).run(train, test, sgd, onEpoch, threads);
    }

    private static void requireCompatible(Network network, Dataset data, String verb) {
        if (data == null) throw new IllegalArgumentException("cannot " + verb + " a null dataset");
        if (data.features() != network.inputs() || data.classes() != network.outputs()) {
            throw new IllegalArgumentException("cannot " + verb + " dataset '" + data.name() + "': it has " + data.features()
                    + " features and " + data.classes() + " classes, the network " + network.inputs() + " inputs and "
                    + network.outputs() + " outputs");
        }
    }

    // ------------------------------------------------------------------ one batch's arrays

    /** What a batch of m examples needs; each matrix also as two halves of its rows for two threads. */
    private final class Workspace {
        final int m;
        final double[][] rows;   // the batch's examples, one row each (the dataset's own arrays): layer 1's aᵀ
        final int[] labels;
        final Matrix[] z, a, delta, y;   // a[0] = the batch as columns; y[L] = one-hot targets
        final double[][][] aT;            // [l] = (aˡ)ᵀ, one row per example, for BP4 of layer l + 1

        Workspace(int m) {
            this.m = m;
            rows = new double[m][];
            labels = new int[m];
            z = new Matrix[layers + 1];
            a = new Matrix[layers + 1];
            delta = new Matrix[layers + 1];
            y = new Matrix[layers + 1];
            aT = new double[layers + 1][][];
            a[0] = new Matrix(sizes[0], m);
            for (int l = 1; l <= layers; l++) {
                z[l] = new Matrix(sizes[l], m);
                a[l] = new Matrix(sizes[l], m);
                delta[l] = new Matrix(sizes[l], m);
                if (l < layers) aT[l] = new double[m][sizes[l]];
            }
            y[layers] = new Matrix(sizes[layers], m);
        }
    }

    /** Rows [from, to) of a matrix: the same row arrays, no copy. */
    private static double[][] rows(double[][] m, int from, int to) {
        return Arrays.copyOfRange(m, from, to);
    }

    // ------------------------------------------------------------------ training

    private History run(Dataset train, Dataset test, Sgd sgd, Consumer<History> onEpoch, int threads) {
        var history = new History(sgd.epochs());
        var random = new Random(sgd.seed());
        int n = train.size();
        int[] order = IntStream.range(0, n).toArray();
        try (SecondThread second = threads == 2 ? SecondThread.startIfUseful() : null) {
            Workspace full = null, last = null;
            for (int epoch = 1; epoch <= sgd.epochs(); epoch++) {
                long started = System.nanoTime();
                shuffle(order, random);
                double totalCost = 0;
                int correct = 0;
                for (int from = 0; from < n; from += sgd.batchSize()) {
                    if (Thread.currentThread().isInterrupted()) {
                        history.markInterrupted();
                        return history;
                    }
                    int m = Math.min(sgd.batchSize(), n - from);
                    Workspace ws;
                    if (m == sgd.batchSize()) ws = full == null ? (full = new Workspace(m)) : full;
                    else ws = last == null || last.m != m ? (last = new Workspace(m)) : last;
                    for (int i = 0; i < m; i++) {
                        ws.rows[i] = train.x()[order[from + i]];
                        ws.labels[i] = train.y()[order[from + i]];
                    }
                    forward(ws, second);
                    double cost = cost(ws);
                    if (!Double.isFinite(cost)) {
                        throw new TrainingDivergedException("training diverged: the loss became " + cost + " in epoch " + epoch
                                + " with learning rate " + sgd.learningRate() + "; try a smaller learning rate, e.g. "
                                + sgd.learningRate() / 10, history);
                    }
                    totalCost += cost;
                    correct += correct(ws);
                    backwardAndStep(ws, sgd.learningRate(), second);
                }
                double testLoss = Double.NaN, testAccuracy = Double.NaN;
                if (test != null) {
                    double[] measured = measure(test, second);
                    testLoss = measured[0];
                    testAccuracy = measured[1];
                }
                history.add(new Epoch(epoch, totalCost / n, (double) correct / n, testLoss, testAccuracy,
                        (System.nanoTime() - started) / 1e6));
                if (onEpoch != null) onEpoch.accept(history);
            }
            return history;
        }
    }

    /** zˡ = Wˡ aˡ⁻¹ + bˡ and aˡ = σ(zˡ), layer by layer; each hidden layer's rows in two halves. */
    private void forward(Workspace ws, SecondThread second) {
        FastKernels.transpose(ws.rows, ws.m, ws.a[0].data);   // the batch as columns: a⁰
        for (int l = 1; l <= layers; l++) {
            double[][] wl = w[l], bl = b[l], zl = ws.z[l].data, al = ws.a[l].data, prev = ws.a[l - 1].data;
            Activation sigma = network.activation(l);
            int half = (zl.length / 2) & ~3;   // a multiple of 4: the kernels work in blocks of 4 rows
            boolean hidden = l < layers;
            Runnable top = () -> weightedInput(wl, bl, prev, zl, 0, half, sigma, al, hidden);
            Runnable bottom = () -> weightedInput(wl, bl, prev, zl, half, zl.length, sigma, al, hidden);
            if (half == 0) bottom.run();
            else SecondThread.both(second, top, bottom);
            if (l == layers) sigma.apply(ws.z[l], ws.a[l]);   // softmax needs whole columns
            else FastKernels.transpose(al, al.length, ws.aT[l]);   // (aˡ)ᵀ, one row per example, for BP4
        }
    }

    /** Rows [from, to) of z = W a + b, and of a = σ(z) when {@code activate}. */
    private static void weightedInput(double[][] w, double[][] b, double[][] prev, double[][] z, int from, int to,
                                      Activation sigma, double[][] a, boolean activate) {
        double[][] zRows = rows(z, from, to);
        FastKernels.times(rows(w, from, to), prev, zRows);
        for (int j = from; j < to; j++) {
            double bias = b[j][0];
            double[] zj = z[j];
            for (int i = 0; i < zj.length; i++) zj[i] += bias;      // + bˡ, every example
            if (activate) sigma.applyToRow(zj, a[j]);
        }
    }

    /** BP1 to BP4 and the step, layer by layer from the output; the big products' rows in two halves. */
    private void backwardAndStep(Workspace ws, double eta, SecondThread second) {
        int m = ws.m;
        // BP1, multiplied out: δᴸ = (aᴸ − y) / m
        double[][] dL = ws.delta[layers].data, aL = ws.a[layers].data, yL = ws.y[layers].data;
        for (int i = 0; i < dL.length; i++) {
            for (int c = 0; c < m; c++) dL[i][c] = (aL[i][c] - yL[i][c]) / m;
        }
        for (int l = layers; l >= 1; l--) {
            double[][] d = ws.delta[l].data, wl = w[l], bl = b[l];
            if (l > 1) {
                // BP2: δˡ⁻¹ = ((Wˡ)ᵀ δˡ) ⊙ σ′(zˡ⁻¹), before Wˡ takes its step
                FastKernels.transposeTimes(wl, d, ws.delta[l - 1].data);
                network.activation(l - 1).backward(ws.z[l - 1], ws.a[l - 1], ws.delta[l - 1]);
            }
            // BP3 and the bias step: b ← b − η Σ δ (the columns added up)
            for (int j = 0; j < d.length; j++) {
                double sum = 0;
                for (double v : d[j]) sum += v;
                bl[j][0] -= eta * sum;
            }
            // BP4 and the weight step: W ← W − η δ (aˡ⁻¹)ᵀ, rows in two halves
            double[][] inputs = l == 1 ? ws.rows : ws.aT[l - 1];
            int half = (wl.length / 2) & ~3;
            Runnable top = () -> FastKernels.addOuterProducts(rows(wl, 0, half), -eta, rows(d, 0, half), inputs, m);
            Runnable bottom = () -> FastKernels.addOuterProducts(rows(wl, half, wl.length), -eta, rows(d, half, d.length), inputs, m);
            if (half == 0) bottom.run();
            else SecondThread.both(second, top, bottom);
        }
    }

    /** The batch's total cost, with the one-hot targets written into y. */
    private double cost(Workspace ws) {
        double[][] y = ws.y[layers].data;
        for (double[] row : y) Arrays.fill(row, 0.0);
        for (int c = 0; c < ws.m; c++) y[ws.labels[c]][c] = 1;
        return network.loss().totalCost(ws.a[layers], ws.y[layers]);
    }

    private int correct(Workspace ws) {
        double[][] out = ws.a[layers].data;
        int right = 0;
        for (int c = 0; c < ws.m; c++) {
            int best = 0;
            for (int i = 1; i < out.length; i++) if (out[i][c] > out[best][c]) best = i;
            if (best == ws.labels[c]) right++;
        }
        return right;
    }

    /** The mean cost and the accuracy on {@code data}, 500 examples per forward pass. */
    private double[] measure(Dataset data, SecondThread second) {
        double total = 0;
        int right = 0;
        Workspace ws = null;
        for (int from = 0; from < data.size(); from += 500) {
            int m = Math.min(500, data.size() - from);
            if (ws == null || ws.m != m) ws = new Workspace(m);
            for (int i = 0; i < m; i++) {
                ws.rows[i] = data.x()[from + i];
                ws.labels[i] = data.y()[from + i];
            }
            forward(ws, second);
            total += cost(ws);
            right += correct(ws);
        }
        return new double[] {total / data.size(), (double) right / data.size()};
    }

    /** Network's shuffle: Fisher–Yates, the same order for the same random state. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * ∂C/∂Wˡ and ∂C/∂bˡ of the batch {@code x} (one column per example) with one-hot targets
     * {@code y}, computed with the fast kernels: the numbers training uses, for comparing with
     * {@link Network#gradients}. The network is not changed.
     */
    public static Gradients gradients(Network network, Matrix x, Matrix y) {
        String problem = problem(network);
        if (problem != null) throw new IllegalArgumentException("FastTraining cannot handle this network: " + problem);
        if (x == null || y == null || x.rows() != network.inputs() || y.rows() != network.outputs() || x.cols() != y.cols()) {
            throw new IllegalArgumentException("need a batch of " + network.inputs() + "-row columns and " + network.outputs()
                    + "-row targets with as many columns");
        }
        var fast = new FastTraining(network);
        var ws = fast.new Workspace(x.cols());
        double[][] examples = x.transpose().data;
        for (int c = 0; c < ws.m; c++) {
            ws.rows[c] = examples[c];
            ws.labels[c] = y.argmaxPerColumn()[c];
        }
        fast.forward(ws, null);
        fast.cost(ws);
        ws.y[fast.layers].copyFrom(y);
        Matrix[] gw = new Matrix[fast.layers + 1], gb = new Matrix[fast.layers + 1];
        double[][] dL = ws.delta[fast.layers].data, aL = ws.a[fast.layers].data, yL = y.data;
        for (int i = 0; i < dL.length; i++) {
            for (int c = 0; c < ws.m; c++) dL[i][c] = (aL[i][c] - yL[i][c]) / ws.m;
        }
        for (int l = fast.layers; l >= 1; l--) {
            if (l > 1) {
                FastKernels.transposeTimes(fast.w[l], ws.delta[l].data, ws.delta[l - 1].data);
                network.activation(l - 1).backward(ws.z[l - 1], ws.a[l - 1], ws.delta[l - 1]);
            }
            gw[l] = new Matrix(fast.sizes[l], fast.sizes[l - 1]);
            FastKernels.addOuterProducts(gw[l].data, 1.0, ws.delta[l].data, l == 1 ? ws.rows : ws.aT[l - 1], ws.m);
            gb[l] = ws.delta[l].rowSums();
        }
        return new Gradients(gw, gb);
    }
}
