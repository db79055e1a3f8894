package exercises.ch5;

/**
 * Chapter 5 exercise 5.8: backpropagation for a whole mini-batch at once, written with matrices.
 * It goes with the notebook <b>05-mlp-from-scratch</b>, sections "The matrix version" and
 * "Softmax and cross-entropy".
 *
 * <p>The network: layers l = 1 … L, sigmoid neurons in every hidden layer and a softmax output
 * layer, one output per class. A mini-batch of m examples is a matrix with one <em>column</em>
 * per example, the course's convention: {@code x[k][i]} is feature k of example i. Every Zˡ
 * and Aˡ then has one column per example too:
 * <pre>
 *     Zˡ = Wˡ Aˡ⁻¹ + bˡ     (bˡ added to every column)        A⁰ = x
 *     Aˡ = σ(Zˡ)            for the hidden layers, σ the sigmoid
 *     Aᴸ = softmax(Zᴸ)      column by column: each column holds one example's class probabilities
 *     C  = (1/m) Σᵢ −ln Aᴸ[labelᵢ][i]     the MEAN cross-entropy of the batch
 * </pre>
 * {@link #forward} computes all of it for you. Matrices are {@code double[][]}, rows first.
 */
public final class BatchBackprop {

    private BatchBackprop() {}

    /** Every Zˡ and Aˡ of a forward pass; index l is layer l (z[0] is unused, a[0] is the input). */
    public record Forward(double[][][] z, double[][][] a) {}

    /** ∂C/∂Wˡ and ∂C/∂bˡ of the batch's mean cost; {@code w[l - 1]} and {@code b[l - 1]} belong to layer l. */
    public record Gradients(double[][][] w, double[][] b) {}

    /**
     * <b>Exercise 5.8: the gradient of a mini-batch</b> (notebook 05-mlp-from-scratch, sections
     * "The matrix version" and "Softmax and cross-entropy").
     *
     * <p>Return ∂C/∂Wˡ and ∂C/∂bˡ for every layer, where C is the <em>mean</em> cross-entropy of
     * the batch (see the class comment), shaped like Wˡ and bˡ. Work with whole matrices, one
     * column per example, not example by example: derive the error of the output layer for this
     * cost and this output, then the four equations for a batch. Nothing here tells you where the
     * mean's 1/m goes; the gradient check of the tests will.
     *
     * @param w      the weight matrices W¹ … Wᴸ ({@code w[0]} is W¹)
     * @param b      the bias vectors b¹ … bᴸ
     * @param x      the batch, one column per example
     * @param labels the class of each example (column)
     */
    public static Gradients gradients(double[][][] w, double[][] b, double[][] x, int[] labels) {
        Forward pass = forward(w, b, x);
        requireLabels(labels, x, b[b.length - 1].length);
        // TODO Exercise 5.8: your code here
        throw new UnsupportedOperationException("Exercise 5.8: δᴸ for the mean cross-entropy of a softmax output, then BP2 back; BP3 and BP4 for a batch");
    }

    /** The forward pass: every Zˡ and Aˡ for the batch x (one column per example). */
    public static Forward forward(double[][][] w, double[][] b, double[][] x) {
        requireNetwork(w, b, x);
        int layers = w.length;
        double[][][] z = new double[layers + 1][][];
        double[][][] a = new double[layers + 1][][];
        a[0] = x;
        for (int l = 1; l <= layers; l++) {
            z[l] = times(w[l - 1], a[l - 1]);
            for (int j = 0; j < z[l].length; j++) {
                for (int i = 0; i < z[l][j].length; i++) z[l][j][i] += b[l - 1][j];   // + bˡ in every column
            }
            a[l] = l < layers ? sigmoid(z[l]) : softmaxColumns(z[l]);
        }
        return new Forward(z, a);
    }

    /** C = (1/m) Σᵢ −ln Aᴸ[labelᵢ][i], the mean cross-entropy of the batch. */
    public static double cost(double[][][] w, double[][] b, double[][] x, int[] labels) {
        double[][] output = forward(w, b, x).a()[w.length];
        requireLabels(labels, x, output.length);
        double total = 0;
        for (int i = 0; i < labels.length; i++) total -= Math.log(output[labels[i]][i]);
        return total / labels.length;
    }

    // ------------------------------------------------------------------ matrix helpers

    /** A B. */
    public static double[][] times(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) out[i][j] += a[i][k] * b[k][j];
            }
        }
        return out;
    }

    /** Aᵀ B, without making Aᵀ. */
    public static double[][] transposeTimes(double[][] a, double[][] b) {
        double[][] out = new double[a[0].length][b[0].length];
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[0].length; i++) {
                for (int j = 0; j < b[0].length; j++) out[i][j] += a[k][i] * b[k][j];
            }
        }
        return out;
    }

    /** A Bᵀ, without making Bᵀ. */
    public static double[][] timesTranspose(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                for (int k = 0; k < a[0].length; k++) out[i][j] += a[i][k] * b[j][k];
            }
        }
        return out;
    }

    /** The sum of each row: a column vector as a plain array. */
    public static double[] rowSums(double[][] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) for (double v : a[i]) out[i] += v;
        return out;
    }

    private static double[][] sigmoid(double[][] z) {
        double[][] out = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            out[j] = new double[z[j].length];
            for (int i = 0; i < z[j].length; i++) out[j][i] = 1 / (1 + Math.exp(-z[j][i]));
        }
        return out;
    }

    /** Softmax of every column, each after subtracting the column's largest z (no overflow). */
    private static double[][] softmaxColumns(double[][] z) {
        double[][] out = new double[z.length][z[0].length];
        for (int i = 0; i < z[0].length; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double[] row : z) max = Math.max(max, row[i]);
            for (int j = 0; j < z.length; j++) sum += out[j][i] = Math.exp(z[j][i] - max);
            for (int j = 0; j < z.length; j++) out[j][i] /= sum;
        }
        return out;
    }

    private static void requireNetwork(double[][][] w, double[][] b, double[][] x) {
        if (w == null || b == null || x == null || w.length == 0 || w.length != b.length) {
            throw new IllegalArgumentException("a network needs as many bias vectors as weight matrices (at least one), and a batch");
        }
        if (x.length == 0 || x[0] == null || x[0].length == 0) throw new IllegalArgumentException("the batch has no examples");
        int rows = x.length, columns = x[0].length;
        for (double[] row : x) {
            if (row == null || row.length != columns) {
                throw new IllegalArgumentException("the batch must be a " + rows + "×" + columns + " matrix (features × examples), but a row has "
                        + (row == null ? "null" : row.length + " numbers"));
            }
        }
        int inputs = rows;
        for (int l = 0; l < w.length; l++) {
            if (w[l] == null || b[l] == null || w[l].length != b[l].length) {
                throw new IllegalArgumentException("W" + (l + 1) + " must have one row per entry of b" + (l + 1));
            }
            for (double[] row : w[l]) {
                if (row == null || row.length != inputs) {
                    throw new IllegalArgumentException("W" + (l + 1) + " must have " + inputs + " columns (one per neuron of layer " + l
                            + "), but a row has " + (row == null ? "null" : row.length));
                }
            }
            inputs = b[l].length;
        }
    }

    private static void requireLabels(int[] labels, double[][] x, int classes) {
        if (labels == null || labels.length != x[0].length) {
            throw new IllegalArgumentException("need one label per example: the batch has " + x[0].length + " columns, got "
                    + (labels == null ? "null" : labels.length + " labels"));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is out of range; the classes are 0 to " + (classes - 1));
            }
        }
    }
}
