package exercises.ch9;

/**
 * Chapter 9 exercises: a gradient check that says which layer is wrong, and a backward pass with
 * one bug in it to find and fix. They go with the notebook <b>09-debugging-backprop</b>.
 *
 * <p>The network: layers l = 1 … L of sigmoid neurons, the output layer included, and the mean
 * quadratic cost of a batch of m examples,
 * <pre>
 *     C = (1/m) Σᵢ ½ ‖aᴸᵢ − yᵢ‖²
 * </pre>
 * A batch is a matrix with one <em>column</em> per example: {@code x[k][i]} is input k of
 * example i and {@code y[j][i]} its target for output j. Matrices are {@code double[][]}, rows
 * first; {@code w[l - 1]} and {@code b[l - 1]} belong to layer l.
 */
public final class FindTheBug {

    private FindTheBug() {}

    /** ∂C/∂Wˡ and ∂C/∂bˡ of every layer; {@code w[l - 1]} and {@code b[l - 1]} belong to layer l. */
    public record Gradients(double[][][] w, double[][] b) {}

    /**
     * <b>Exercise 9.1: the gradient check, layer by layer</b> (notebook 09-debugging-backprop,
     * section "The gradient check, layer by layer").
     *
     * <p>For each layer l, the largest relative error |a − n| / max(1e-8, |a| + |n|) over every
     * entry of ∂C/∂Wˡ <em>and</em> ∂C/∂bˡ, where a is the analytic gradient and n the numerical
     * one. A layer whose analytic gradients do not have the numerical ones' shapes gets
     * {@code Double.POSITIVE_INFINITY}: nothing about it can be right.
     *
     * @param analytic  the gradient to check (from backpropagation)
     * @param numerical the gradient by centred differences, see {@link #numericalGradient}
     * @return one error per layer: index 0 is layer 1
     */
    public static double[] layerErrors(Gradients analytic, Gradients numerical) {
        if (analytic == null || numerical == null || analytic.w() == null || analytic.b() == null
                || numerical.w() == null || numerical.b() == null || analytic.w().length != numerical.w().length
                || analytic.b().length != numerical.b().length || numerical.w().length != numerical.b().length) {
            throw new IllegalArgumentException("both gradients must have the same number of layers, with weights and biases for each");
        }
        // BEGIN SOLUTION 9.1: per layer, the largest relative error over ∂C/∂Wˡ and ∂C/∂bˡ; ∞ where a shape differs
        double[] errors = new double[numerical.w().length];
        for (int l = 0; l < errors.length; l++) {
            double[][] aw = analytic.w()[l], nw = numerical.w()[l];
            double[] ab = analytic.b()[l], nb = numerical.b()[l];
            if (!sameShape(aw, nw) || ab == null || ab.length != nb.length) {
                errors[l] = Double.POSITIVE_INFINITY;   // a gradient of the wrong shape cannot be right
                continue;
            }
            double worst = 0;
            for (int j = 0; j < nw.length; j++) {
                for (int k = 0; k < nw[j].length; k++) worst = Math.max(worst, relativeError(aw[j][k], nw[j][k]));
                worst = Math.max(worst, relativeError(ab[j], nb[j]));
            }
            errors[l] = worst;
        }
        return errors;
        // END SOLUTION
    }

    // BEGIN SOLUTION 9.1
    //> // Room for helper methods of your own.
    private static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    }

    private static boolean sameShape(double[][] a, double[][] b) {
        if (a == null || a.length != b.length) return false;
        for (int j = 0; j < a.length; j++) if (a[j] == null || a[j].length != b[j].length) return false;
        return true;
    }
    // END SOLUTION

    /**
     * The suspect: backpropagation for this network and cost, one example at a time, with
     * <b>one bug</b> in it. It runs, it returns gradients of the right shapes, and a network
     * trained with it even learns a little. Find the bug with {@link #layerErrors} and
     * {@link #numericalGradient}; then write {@link #backprop}.
     */
    public static Gradients suspect(double[][][] w, double[][] b, double[][] x, double[][] y) {
        requireBatch(w, b, x, y);
        int layers = w.length, m = x[0].length;
        double[][][] gradW = new double[layers][][];
        double[][] gradB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gradW[l] = new double[w[l].length][w[l][0].length];
            gradB[l] = new double[b[l].length];
        }
        for (int i = 0; i < m; i++) {
            double[][] a = new double[layers + 1][];
            a[0] = column(x, i);
            for (int l = 1; l <= layers; l++) a[l] = sigmoid(weightedInput(w[l - 1], b[l - 1], a[l - 1]));
            double[] target = column(y, i);
            double[] delta = new double[a[layers].length];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = (a[layers][j] - target[j]) * a[layers][j] * (1 - a[layers][j]);      // BP1
            }
            for (int l = layers; l >= 1; l--) {
                for (int j = 0; j < delta.length; j++) {
                    for (int k = 0; k < a[l - 1].length; k++) gradW[l - 1][j][k] += delta[j] * a[l - 1][k] / m;   // BP4
                    gradB[l - 1][j] += delta[j] / m;                                                          // BP3
                }
                if (l > 1) {
                    double[] before = new double[a[l - 1].length];
                    for (int k = 0; k < before.length; k++) {
                        for (int j = 0; j < delta.length; j++) before[k] += w[l - 1][j][k] * delta[j];
                        before[k] *= sigmoidPrime(a[l - 1][k]);                                             // BP2
                    }
                    delta = before;
                }
            }
        }
        return new Gradients(gradW, gradB);
    }

    /**
     * <b>Exercise 9.2: the suspect, fixed</b> (notebook 09-debugging-backprop, section "Find the
     * bug").
     *
     * <p>Return the correct gradient of C, ∂C/∂Wˡ and ∂C/∂bˡ for every layer. Start from
     * {@link #suspect}: find which layers it gets wrong with your {@link #layerErrors}, read the
     * lines that compute them, and fix the one that is wrong.
     */
    public static Gradients backprop(double[][][] w, double[][] b, double[][] x, double[][] y) {
        requireBatch(w, b, x, y);
        // BEGIN SOLUTION 9.2: the suspect with its bug fixed
        int layers = w.length, m = x[0].length;
        double[][][] gradW = new double[layers][][];
        double[][] gradB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gradW[l] = new double[w[l].length][w[l][0].length];
            gradB[l] = new double[b[l].length];
        }
        for (int i = 0; i < m; i++) {
            double[][] a = new double[layers + 1][];
            a[0] = column(x, i);
            for (int l = 1; l <= layers; l++) a[l] = sigmoid(weightedInput(w[l - 1], b[l - 1], a[l - 1]));
            double[] target = column(y, i);
            double[] delta = new double[a[layers].length];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = (a[layers][j] - target[j]) * a[layers][j] * (1 - a[layers][j]);      // BP1
            }
            for (int l = layers; l >= 1; l--) {
                for (int j = 0; j < delta.length; j++) {
                    for (int k = 0; k < a[l - 1].length; k++) gradW[l - 1][j][k] += delta[j] * a[l - 1][k] / m;   // BP4
                    gradB[l - 1][j] += delta[j] / m;                                                          // BP3
                }
                if (l > 1) {
                    double[] before = new double[a[l - 1].length];
                    for (int k = 0; k < before.length; k++) {
                        for (int j = 0; j < delta.length; j++) before[k] += w[l - 1][j][k] * delta[j];
                        // the bug: sigmoidPrime(a) took σ′ of the activation, σ(σ(z))(1 − σ(σ(z))); σ′(z) is a(1 − a)
                        before[k] *= a[l - 1][k] * (1 - a[l - 1][k]);                                       // BP2
                    }
                    delta = before;
                }
            }
        }
        return new Gradients(gradW, gradB);
        // END SOLUTION
    }

    /** C = (1/m) Σᵢ ½‖aᴸᵢ − yᵢ‖², the mean quadratic cost of the batch. */
    public static double cost(double[][][] w, double[][] b, double[][] x, double[][] y) {
        requireBatch(w, b, x, y);
        int m = x[0].length;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double[] a = column(x, i);
            for (int l = 0; l < w.length; l++) a = sigmoid(weightedInput(w[l], b[l], a));
            for (int j = 0; j < a.length; j++) total += 0.5 * (a[j] - y[j][i]) * (a[j] - y[j][i]);
        }
        return total / m;
    }

    /** ∂C/∂Wˡ and ∂C/∂bˡ by centred differences with h = 1e-5: two evaluations of the cost per parameter. */
    public static Gradients numericalGradient(double[][][] w, double[][] b, double[][] x, double[][] y) {
        requireBatch(w, b, x, y);
        double h = 1e-5;
        double[][][] gradW = new double[w.length][][];
        double[][] gradB = new double[w.length][];
        for (int l = 0; l < w.length; l++) {
            gradW[l] = new double[w[l].length][w[l][0].length];
            gradB[l] = new double[b[l].length];
            for (int j = 0; j < w[l].length; j++) {
                for (int k = 0; k < w[l][j].length; k++) gradW[l][j][k] = nudge(w[l][j], k, h, w, b, x, y);
                gradB[l][j] = nudge(b[l], j, h, w, b, x, y);
            }
        }
        return new Gradients(gradW, gradB);
    }

    private static double nudge(double[] parameters, int i, double h, double[][][] w, double[][] b, double[][] x, double[][] y) {
        double saved = parameters[i];
        parameters[i] = saved + h;
        double up = cost(w, b, x, y);
        parameters[i] = saved - h;
        double down = cost(w, b, x, y);
        parameters[i] = saved;
        return (up - down) / (2 * h);
    }

    /** σ(z) = 1 / (1 + e⁻ᶻ), component by component. */
    static double[] sigmoid(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) a[j] = 1 / (1 + Math.exp(-z[j]));
        return a;
    }

    /** σ′(z) = σ(z)(1 − σ(z)): the slope at the weighted input z. */
    static double sigmoidPrime(double z) {
        double s = 1 / (1 + Math.exp(-z));
        return s * (1 - s);
    }

    /** z = W a + b. */
    static double[] weightedInput(double[][] w, double[] b, double[] a) {
        double[] z = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            z[j] = b[j];
            for (int k = 0; k < a.length; k++) z[j] += w[j][k] * a[k];
        }
        return z;
    }

    static double[] column(double[][] matrix, int i) {
        double[] c = new double[matrix.length];
        for (int r = 0; r < matrix.length; r++) c[r] = matrix[r][i];
        return c;
    }

    private static void requireBatch(double[][][] w, double[][] b, double[][] x, double[][] y) {
        if (w == null || b == null || x == null || y == null || w.length == 0 || w.length != b.length) {
            throw new IllegalArgumentException("a network needs as many bias vectors as weight matrices (at least one), a batch and its targets");
        }
        if (x.length == 0 || x[0].length == 0 || y.length == 0 || y[0].length != x[0].length) {
            throw new IllegalArgumentException("the batch and its targets need one column per example, the same number of columns: got "
                    + (x.length == 0 ? 0 : x[0].length) + " and " + (y.length == 0 ? 0 : y[0].length));
        }
        int inputs = x.length;
        for (int l = 0; l < w.length; l++) {
            if (w[l].length != b[l].length || w[l].length == 0 || w[l][0].length != inputs) {
                throw new IllegalArgumentException("W" + (l + 1) + " must be " + b[l].length + "×" + inputs + " (neurons of layer " + (l + 1)
                        + " × neurons of layer " + l + "), got " + w[l].length + "×" + (w[l].length == 0 ? 0 : w[l][0].length));
            }
            inputs = b[l].length;
        }
        if (y.length != inputs) {
            throw new IllegalArgumentException("the targets have " + y.length + " rows but the output layer has " + inputs + " neurons");
        }
    }
}
