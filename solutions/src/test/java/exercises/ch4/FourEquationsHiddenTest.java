package exercises.ch4;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;
import static exercises.ch4.FourEquationsTest.s;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 4 tests the students do not see (they stay in solutions/). */
class FourEquationsHiddenTest {

    @Graded(task = "4.1", name = "BP1 is ∂C/∂zᴸ, checked numerically", points = 1, visibility = Visibility.HIDDEN)
    void bp1Numerically() {
        double[] z = {2.0, -0.3, 0.9};
        double[] y = {0, 1, 0};
        double[] a = {s(z[0]), s(z[1]), s(z[2])};
        double[] numerical = new double[3];
        for (int j = 0; j < 3; j++) {
            double h = 1e-6;
            double[] up = z.clone(), down = z.clone();
            up[j] += h;
            down[j] -= h;
            numerical[j] = (outputCost(up, y) - outputCost(down, y)) / (2 * h);
        }
        gradientMatches(numerical, FourEquations.bp1(a, y, z), "δᴸ = ∂C/∂zᴸ for three outputs", "BP1 is ∂C/∂zᴸ by definition");
    }

    @Graded(task = "4.2", name = "BP2 is ∂C/∂zˡ one layer before the output", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    void bp2Numerically() {
        double[][] wNext = {{0.6, -0.9}, {1.2, 0.3}, {-0.4, 0.8}};   // 3 neurons after, 2 before
        double[] bNext = {0.1, -0.2, 0.05};
        double[] z = {0.7, -0.5};
        double[] y = {1, 0, 0};
        double[] zNext = forward(wNext, bNext, z);
        double[] deltaNext = new double[3];
        for (int j = 0; j < 3; j++) deltaNext[j] = (s(zNext[j]) - y[j]) * s(zNext[j]) * (1 - s(zNext[j]));
        double[] numerical = new double[2];
        for (int k = 0; k < 2; k++) {
            double h = 1e-6;
            double[] up = z.clone(), down = z.clone();
            up[k] += h;
            down[k] -= h;
            numerical[k] = (outputCost(forward(wNext, bNext, up), y) - outputCost(forward(wNext, bNext, down), y)) / (2 * h);
        }
        double[] got = FourEquations.bp2(wNext, deltaNext, z);
        gradientMatches(numerical, got, "δˡ = ∂C/∂zˡ for a 2-neuron layer before a 3-neuron output",
                FourEquationsTest.bp2Hint(wNext, deltaNext, z, got));
    }

    @Graded(task = "4.4", name = "BP4 for a 3×1 and a 1×4 layer", points = 1, visibility = Visibility.HIDDEN)
    void bp4Shapes() {
        near(new double[][] {{1.5}, {-3}, {0}}, FourEquations.bp4(new double[] {0.5, -1, 0}, new double[] {3}), 1e-12,
                "BP4 for 3 neurons after 1", "one row per neuron of layer l, one column per neuron of layer l−1");
        near(new double[][] {{2, 4, 6, 8}}, FourEquations.bp4(new double[] {2}, new double[] {1, 2, 3, 4}), 1e-12,
                "BP4 for 1 neuron after 4", "one row per neuron of layer l, one column per neuron of layer l−1");
    }

    @Graded(task = "4.5", name = "a deeper 4-5-3-3 network against the numerical gradient", points = 2,
            visibility = Visibility.AFTER_PUBLISHED)
    void deeperNetwork() {
        for (long seed = 1; seed <= 3; seed++) {
            var net = FourEquationsTest.Network.random(new int[] {4, 5, 3, 3}, seed);
            gradientMatches(net.numericalGradient(), net.flatten(FourEquations.backprop(net.w, net.b, net.x, net.y)),
                    "the gradient of a 4-5-3-3 network (seed " + seed + ")", "BP2 must run for every hidden layer, from the output back");
        }
    }

    @Graded(task = "4.6", name = "a linear output after two sigmoid layers, 3-4-3-2", points = 2, visibility = Visibility.HIDDEN)
    void linearOutputDeeper() {
        for (long seed = 4; seed <= 5; seed++) {
            var net = FourEquationsTest.Network.random(new int[] {3, 4, 3, 2}, seed).withLinearOutput();
            double[] analytic = net.flatten(FourEquations.backpropLinearOutput(net.w, net.b, net.x, net.y));
            gradientMatches(net.numericalGradient(), analytic, "the gradient of a 3-4-3-2 network with a linear output (seed " + seed + ")",
                    net.linearOutputHint(analytic));
        }
    }

    /** z' = W σ(z) + b. */
    private static double[] forward(double[][] w, double[] b, double[] z) {
        double[] out = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            out[j] = b[j];
            for (int k = 0; k < z.length; k++) out[j] += w[j][k] * s(z[k]);
        }
        return out;
    }

    /** C = ½‖σ(z) − y‖². */
    private static double outputCost(double[] z, double[] y) {
        double c = 0;
        for (int j = 0; j < z.length; j++) c += 0.5 * (s(z[j]) - y[j]) * (s(z[j]) - y[j]);
        return c;
    }
}
