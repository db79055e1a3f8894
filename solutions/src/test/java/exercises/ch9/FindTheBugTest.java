package exercises.ch9;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The visible tests of chapter 9: they are in your copy, and Check.task("9.x") runs them. */
class FindTheBugTest {

    static FindTheBug.Gradients gradients(double[][][] w, double[][] b) {
        return new FindTheBug.Gradients(w, b);
    }

    @Graded(task = "9.1", name = "per-layer errors of a two-layer gradient by hand", points = 2)
    void byHand() {
        var numerical = gradients(new double[][][] {{{1, 2}}, {{0.5}, {-1}}}, new double[][] {{0.25}, {2, 3}});
        // layer 1 exactly right; layer 2 has its weight (1, 0) at −2 instead of −1: |−2 − (−1)| / 3 = 1/3
        // and its bias 1 at 3.3 instead of 3: 0.3 / 6.3
        var analytic = gradients(new double[][][] {{{1, 2}}, {{0.5}, {-2}}}, new double[][] {{0.25}, {2, 3.3}});
        double[] errors = FindTheBug.layerErrors(analytic, numerical);
        near(new double[] {0, 1.0 / 3}, errors, 1e-12, "layerErrors for a right first layer and a wrong second layer",
                hint(errors));
    }

    static String hint(double[] errors) {
        if (errors != null && errors.length == 2 && Math.abs(errors[1] - 0.3 / 6.3) < 1e-12) {
            return "that is the error of the biases alone: take the largest over the weights AND the biases of each layer";
        }
        if (errors != null && errors.length == 2 && Math.abs(errors[1] - 1) < 1e-12) {
            return "that is |a − n| alone: divide by max(1e-8, |a| + |n|)";
        }
        return "one number per layer (index 0 is layer 1): the largest |a − n| / max(1e-8, |a| + |n|) over ∂C/∂Wˡ and ∂C/∂bˡ";
    }

    @Graded(task = "9.1", name = "a layer with gradients of the wrong shape gets infinity", points = 1)
    void wrongShape() {
        var numerical = gradients(new double[][][] {{{1, 2}}, {{0.5}}}, new double[][] {{0.25}, {2}});
        var analytic = gradients(new double[][][] {{{1, 2}}, {{0.5, 0.5}}}, new double[][] {{0.25}, {2}});
        double[] errors = FindTheBug.layerErrors(analytic, numerical);
        near(new double[] {0, Double.POSITIVE_INFINITY}, errors, 0, "layerErrors when ∂C/∂W² is 1×2 but W² is 1×1",
                "compare the shapes first: a gradient shaped unlike its parameter is wrong whatever its numbers");
    }

    /** A random sigmoid network and a batch of m examples, for the tests of 9.2. */
    static final class Problem {
        final double[][][] w;
        final double[][] b, x, y;

        Problem(int[] sizes, int m, long seed) {
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
            x = new double[sizes[0]][m];
            for (double[] row : x) for (int i = 0; i < m; i++) row[i] = random.nextGaussian();
            y = new double[sizes[layers]][m];
            for (double[] row : y) for (int i = 0; i < m; i++) row[i] = random.nextDouble();
        }

        /** The gradient in one array, W¹ row by row, b¹, W², …; null when a shape does not fit. */
        double[] flatten(FindTheBug.Gradients g) {
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

        void check(String what) {
            double[] numerical = flatten(FindTheBug.numericalGradient(w, b, x, y));
            double[] analytic = flatten(FindTheBug.backprop(w, b, x, y));
            double[] suspect = flatten(FindTheBug.suspect(w, b, x, y));
            String hint = java.util.Arrays.equals(analytic, suspect)
                    ? "that is exactly the suspect's gradient: the bug is still in it. Run your layerErrors(suspect(…), numericalGradient(…)) "
                            + "to see which layers are wrong, then read the lines that compute those layers"
                    : "the output layer of the suspect is right; compare the suspect's layers with the numerical gradient (9.1), "
                            + "then look at the line that carries δ from one layer to the one before";
            gradientMatches(numerical, analytic, what, hint);
        }
    }

    @Graded(task = "9.2", name = "the fixed backward pass on a 3-4-3-2 network, a batch of 3", points = 3)
    void fixed() {
        new Problem(new int[] {3, 4, 3, 2}, 3, 21).check("∂C/∂W and ∂C/∂b of a 3-4-3-2 sigmoid network, batch of 3");
    }
}
