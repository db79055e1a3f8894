package exercises.ch5;

import static backprop.grading.Expect.gradientMatches;

import backprop.grading.Graded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The visible tests of 5.8: the gradient of a batch against the test's own numerical gradient. */
class BatchBackpropTest {

    /** A random network with sigmoid hidden layers and a softmax output, and a batch for it. */
    static final class Problem {
        final double[][][] w;
        final double[][] b;
        final double[][] x;
        final int[] labels;

        Problem(int[] sizes, int examples, long seed) {
            var random = new Random(seed);
            int layers = sizes.length - 1;
            w = new double[layers][][];
            b = new double[layers][];
            for (int l = 0; l < layers; l++) {
                w[l] = new double[sizes[l + 1]][sizes[l]];
                b[l] = new double[sizes[l + 1]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    b[l][j] = 0.5 * random.nextGaussian();
                    for (int k = 0; k < sizes[l]; k++) w[l][j][k] = random.nextGaussian();
                }
            }
            x = new double[sizes[0]][examples];
            for (double[] row : x) for (int i = 0; i < examples; i++) row[i] = random.nextGaussian();
            labels = new int[examples];
            for (int i = 0; i < examples; i++) labels[i] = random.nextInt(sizes[layers]);
        }

        /** The mean cross-entropy, computed here so that the check does not depend on the exercise file. */
        double cost() {
            double total = 0;
            for (int i = 0; i < labels.length; i++) {
                double[] a = new double[x.length];
                for (int k = 0; k < a.length; k++) a[k] = x[k][i];
                for (int l = 0; l < w.length; l++) {
                    double[] z = new double[b[l].length];
                    for (int j = 0; j < z.length; j++) {
                        z[j] = b[l][j];
                        for (int k = 0; k < a.length; k++) z[j] += w[l][j][k] * a[k];
                    }
                    a = l < w.length - 1 ? sigmoid(z) : softmax(z);
                }
                total -= Math.log(a[labels[i]]);
            }
            return total / labels.length;
        }

        /** Centred differences for every weight and bias, layer by layer: Wˡ row by row, then bˡ. */
        double[] numericalGradient() {
            List<Double> out = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                for (double[] row : w[l]) for (int k = 0; k < row.length; k++) out.add(nudge(row, k));
                for (int j = 0; j < b[l].length; j++) out.add(nudge(b[l], j));
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private double nudge(double[] parameters, int i) {
            double saved = parameters[i], h = 1e-5;
            parameters[i] = saved + h;
            double up = cost();
            parameters[i] = saved - h;
            double down = cost();
            parameters[i] = saved;
            return (up - down) / (2 * h);
        }

        /** The exercise's gradient in the order of {@link #numericalGradient()}; null when a shape is wrong. */
        double[] flatten(BatchBackprop.Gradients g) {
            if (g == null || g.w() == null || g.b() == null || g.w().length != w.length || g.b().length != b.length) return null;
            List<Double> out = new ArrayList<>();
            for (int l = 0; l < w.length; l++) {
                if (g.w()[l] == null || g.w()[l].length != w[l].length || g.b()[l] == null || g.b()[l].length != b[l].length) return null;
                for (int j = 0; j < w[l].length; j++) {
                    if (g.w()[l][j] == null || g.w()[l][j].length != w[l][j].length) return null;
                    for (double v : g.w()[l][j]) out.add(v);
                }
                for (double v : g.b()[l]) out.add(v);
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The most likely cause of a mismatch, from the ratio between the two gradients. */
        String hint(double[] numerical, double[] analytic) {
            if (analytic == null) {
                return "∂C/∂Wˡ must have the shape of Wˡ (a row per neuron of layer l, a column per neuron of layer l−1) and ∂C/∂bˡ that of bˡ";
            }
            int m = labels.length;
            if (m > 1 && proportional(numerical, analytic, m)) {
                return "every component is exactly " + m + " times too large: C is the MEAN of the " + m
                        + " examples' costs, so each column of δᴸ carries a factor 1/m";
            }
            if (m > 1 && proportional(numerical, analytic, 1.0 / m)) {
                return "every component is exactly " + m + " times too small: the 1/m of the mean belongs in δᴸ once, not once more in BP3 or BP4";
            }
            return "for a softmax output with the cross-entropy, δᴸ = ∂C/∂Zᴸ has no σ′ factor; BP2 runs back through (Wˡ⁺¹)ᵀ "
                    + "with σ′(Zˡ) = Aˡ(1 − Aˡ); BP3 adds up each row of δˡ over the batch, BP4 is δˡ (Aˡ⁻¹)ᵀ";
        }

        private static boolean proportional(double[] numerical, double[] analytic, double factor) {
            for (int i = 0; i < numerical.length; i++) {
                if (Math.abs(analytic[i] - factor * numerical[i]) > 1e-6 * Math.max(1, Math.abs(analytic[i]))) return false;
            }
            return true;
        }

        void check(String what) {
            double[] numerical = numericalGradient();
            double[] analytic = flatten(BatchBackprop.gradients(w, b, x, labels));
            gradientMatches(numerical, analytic, what, hint(numerical, analytic));
        }
    }

    static double[] sigmoid(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) a[j] = 1 / (1 + Math.exp(-z[j]));
        return a;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) max = Math.max(max, v);
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) sum += a[j] = Math.exp(z[j] - max);
        for (int j = 0; j < z.length; j++) a[j] /= sum;
        return a;
    }

    @Graded(task = "5.8", name = "one example: a 2-3-3 network against the numerical gradient", points = 1)
    void oneExample() {
        new Problem(new int[] {2, 3, 3}, 1, 11).check("∂C/∂W and ∂C/∂b of a 2-3-3 network for a batch of 1");
    }

    @Graded(task = "5.8", name = "a batch of 4: the gradient of the mean cost", points = 2)
    void batchOfFour() {
        new Problem(new int[] {2, 3, 3}, 4, 12).check("∂C/∂W and ∂C/∂b of a 2-3-3 network for the mean cost of 4 examples");
    }
}
