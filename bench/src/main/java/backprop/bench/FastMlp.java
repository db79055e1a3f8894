package backprop.bench;

import backprop.data.Dataset;
import backprop.nn.FastKernels;
import java.util.Random;

/**
 * A one-hidden-layer network (ReLU, then softmax with cross-entropy) trained with
 * {@link FastKernels}: the benchmark's fast path. It starts from the same weights as
 * {@code new Network(sizes, RELU, SOFTMAX, CROSS_ENTROPY, seed)} and visits the examples in the
 * same order as {@code Network.train} with {@code Sgd.of(eta, m, epochs)}, so the two compute
 * the same steps up to rounding.
 */
final class FastMlp {

    final int inputs, hidden, outputs;
    final double[][] w1, w2;     // W¹ (hidden × inputs), W² (outputs × hidden)
    final double[] b1, b2;
    private final Random shuffling;
    private int[] order;

    // one batch's working arrays, one column per example
    private int m = -1;
    private double[][] rows, x, z1, a1, a1T, z2, delta1, delta2;
    private int[] labels;

    FastMlp(int inputs, int hidden, int outputs, long seed) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        var random = new Random(seed);
        w1 = uniform(hidden, inputs, Math.sqrt(6.0 / inputs), random);               // He, before ReLU
        w2 = uniform(outputs, hidden, Math.sqrt(6.0 / (hidden + outputs)), random);   // Xavier, before softmax
        b1 = new double[hidden];
        b2 = new double[outputs];
        shuffling = new Random(seed);
    }

    private static double[][] uniform(int rows, int cols, double limit, Random random) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) for (int j = 0; j < cols; j++) row[j] = limit * (2 * random.nextDouble() - 1);
        return w;
    }

    private void workspace(int batch) {
        if (batch == m) return;
        m = batch;
        rows = new double[batch][];
        x = new double[inputs][batch];
        z1 = new double[hidden][batch];
        a1 = new double[hidden][batch];
        a1T = new double[batch][hidden];
        z2 = new double[outputs][batch];
        delta1 = new double[hidden][batch];
        delta2 = new double[outputs][batch];
        labels = new int[batch];
    }

    /** One epoch of mini-batch SGD; false if the thread was interrupted before its end. */
    boolean trainEpoch(Dataset train, int batch, double eta) {
        int n = train.size();
        if (order == null) {
            order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {   // Network.shuffle
            int j = shuffling.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        for (int from = 0; from < n; from += batch) {
            if (Thread.currentThread().isInterrupted()) return false;
            int size = Math.min(batch, n - from);
            workspace(size);
            for (int b = 0; b < size; b++) {
                rows[b] = train.x()[order[from + b]];
                labels[b] = train.y()[order[from + b]];
            }
            step(eta);
        }
        return true;
    }

    private void step(double eta) {
        forward();
        // BP1 for softmax with cross-entropy: δ² = (a² − y) / m, a² held in z2
        for (int i = 0; i < outputs; i++) {
            double[] d = delta2[i], a = z2[i];
            for (int b = 0; b < m; b++) d[b] = a[b] / m;
        }
        for (int b = 0; b < m; b++) delta2[labels[b]][b] -= 1.0 / m;
        // BP2: δ¹ = (W²ᵀ δ²) ⊙ relu′(z¹)
        FastKernels.transposeTimes(w2, delta2, delta1);
        for (int j = 0; j < hidden; j++) {
            double[] d = delta1[j], z = z1[j];
            for (int b = 0; b < m; b++) d[b] = z[b] > 0 ? d[b] : 0;
        }
        // BP3 and the step for the biases
        for (int i = 0; i < outputs; i++) b2[i] -= eta * sum(delta2[i]);
        for (int j = 0; j < hidden; j++) b1[j] -= eta * sum(delta1[j]);
        // BP4 and the step for the weights: W ← W − η δ aᵀ
        FastKernels.transpose(a1, hidden, a1T);
        FastKernels.addOuterProducts(w2, -eta, delta2, a1T, m);
        FastKernels.addOuterProducts(w1, -eta, delta1, rows, m);
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) total += v;
        return total;
    }

    /** z¹, a¹ and the softmax output (written over z²) for the batch in {@code rows}. */
    private void forward() {
        FastKernels.transpose(rows, m, x);
        FastKernels.times(w1, x, z1);
        for (int j = 0; j < hidden; j++) {
            double[] z = z1[j], a = a1[j];
            double bias = b1[j];
            for (int b = 0; b < m; b++) {
                z[b] += bias;
                a[b] = Math.max(0, z[b]);
            }
        }
        FastKernels.times(w2, a1, z2);
        for (int b = 0; b < m; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < outputs; i++) max = Math.max(max, z2[i][b] += b2[i]);
            double total = 0;
            for (int i = 0; i < outputs; i++) total += z2[i][b] = Math.exp(z2[i][b] - max);
            for (int i = 0; i < outputs; i++) z2[i][b] /= total;
        }
    }

    /** The fraction of {@code data} classified right. */
    double accuracy(Dataset data) {
        int correct = 0;
        int batch = 500;
        for (int from = 0; from < data.size(); from += batch) {
            int size = Math.min(batch, data.size() - from);
            workspace(size);
            for (int b = 0; b < size; b++) rows[b] = data.x()[from + b];
            forward();
            for (int b = 0; b < size; b++) {
                int best = 0;
                for (int i = 1; i < outputs; i++) if (z2[i][b] > z2[best][b]) best = i;
                if (best == data.y()[from + b]) correct++;
            }
        }
        return (double) correct / data.size();
    }
}
