package exercises.ch4;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The visible tests of chapter 4: they are in your copy, and Check.task("4.x") runs them. */
class FourEquationsTest {

    static double s(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double sp(double z) {
        return s(z) * (1 - s(z));
    }

    @Graded(task = "4.1", name = "BP1 for two output neurons", points = 2)
    void bp1TwoOutputs() {
        double[] z = {0.5, -1.2};
        double[] a = {s(0.5), s(-1.2)};
        double[] y = {1, 0};
        near(new double[] {(a[0] - 1) * sp(0.5), (a[1] - 0) * sp(-1.2)}, FourEquations.bp1(a, y, z), 1e-12,
                "BP1 δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)",
                "for the quadratic cost ∇ₐC = aᴸ − y; multiply component by component by σ′(zᴸ), not by σ′(aᴸ)");
    }

    @Graded(task = "4.2", name = "BP2 through a 2×3 weight matrix: the transpose", points = 3)
    void bp2ThroughTheTranspose() {
        double[][] wNext = {{0.1, -0.4, 0.7}, {0.5, 0.2, -0.3}};   // layer l+1 has 2 neurons, layer l has 3
        double[] deltaNext = {0.25, -0.5};
        double[] z = {0.3, -0.1, 0.8};
        double[] expected = new double[3];
        for (int k = 0; k < 3; k++) {
            expected[k] = (wNext[0][k] * deltaNext[0] + wNext[1][k] * deltaNext[1]) * sp(z[k]);
        }
        double[] got = FourEquations.bp2(wNext, deltaNext, z);
        near(expected, got, 1e-12, "BP2 δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)", bp2Hint(wNext, deltaNext, z, got));
    }

    /**
     * What a wrong BP2 most likely got wrong: each classic mistake is computed here and compared
     * with the answer, so that a missing σ′ is not sent looking for a transpose.
     */
    static String bp2Hint(double[][] wNext, double[] deltaNext, double[] z, double[] got) {
        int n = z.length;
        if (got == null || got.length != n) {
            return "δˡ has one number per neuron of layer l, that is one per COLUMN of Wˡ⁺¹ (" + n + " here), not one per row: "
                    + "sum down each column k, Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ, which is what the transpose does";
        }
        double[] backward = new double[n];
        for (int k = 0; k < n; k++) for (int j = 0; j < deltaNext.length; j++) backward[k] += wNext[j][k] * deltaNext[j];
        double[] withSigma = new double[n], withActivationSlope = new double[n];
        for (int k = 0; k < n; k++) {
            withSigma[k] = backward[k] * s(z[k]);
            withActivationSlope[k] = backward[k] * sp(s(z[k]));
        }
        if (sameNumbers(got, backward)) {
            return "the sum (Wˡ⁺¹)ᵀ δˡ⁺¹ is right, but the σ′(zˡ) factor is missing: multiply component k by σ′(zˡₖ) = σ(zˡₖ)(1 − σ(zˡₖ))";
        }
        if (sameNumbers(got, withSigma)) {
            return "you multiplied by σ(zˡₖ); BP2 needs its derivative σ′(zˡₖ) = σ(zˡₖ)(1 − σ(zˡₖ))";
        }
        if (sameNumbers(got, withActivationSlope)) {
            return "you took σ′ of σ(zˡₖ), the activation; take it of the weighted input zˡₖ, or write it as aˡₖ(1 − aˡₖ)";
        }
        return "δˡₖ = (Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ)·σ′(zˡₖ): for each k sum DOWN column k of Wˡ⁺¹ (that is the transpose), then multiply by σ′(zˡₖ)";
    }

    private static boolean sameNumbers(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= 1e-12)) return false;
        return true;
    }

    @Graded(task = "4.3", name = "BP3: the bias gradient is δ, as a new array", points = 1)
    void bp3IsDelta() {
        double[] delta = {0.2, -0.7, 1.5};
        double[] gradient = FourEquations.bp3(delta);
        near(new double[] {0.2, -0.7, 1.5}, gradient, 0, "BP3 ∂C/∂bˡ = δˡ", "∂zˡⱼ/∂bˡⱼ = 1, so the error is the bias gradient");
        gradient[0] = 99;
        near(0.2, delta[0], 0, "δ[0] after changing the returned gradient",
                "return a new array (delta.clone()), so that changing the gradient does not change δ");
    }

    @Graded(task = "4.4", name = "BP4: the outer product δ (aˡ⁻¹)ᵀ", points = 2)
    void bp4OuterProduct() {
        double[] delta = {0.5, -2};
        double[] aPrevious = {0.1, 0.6, 0.9};
        double[][] expected = {{0.05, 0.3, 0.45}, {-0.2, -1.2, -1.8}};
        near(expected, FourEquations.bp4(delta, aPrevious), 1e-12, "BP4 ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ",
                "row j is δⱼ times the whole previous activation: ∂C/∂wⱼₖ = aˡ⁻¹ₖ δˡⱼ; the result is shaped like Wˡ");
    }

    @Graded(task = "4.5", name = "the 1-1-1 network, by hand", points = 2)
    void oneOneOneByHand() {
        double x = 1.5, w1 = 0.8, b1 = -0.2, w2 = -1.1, b2 = 0.4, y = 1;
        // the same chain of scalars the notebook derives: one neuron per layer
        double z1 = w1 * x + b1, a1 = s(z1), z2 = w2 * a1 + b2, a2 = s(z2);
        double delta2 = (a2 - y) * sp(z2);          // BP1
        double delta1 = w2 * delta2 * sp(z1);       // BP2
        FourEquations.Gradients g = FourEquations.backprop(new double[][][] {{{w1}}, {{w2}}},
                new double[][] {{b1}, {b2}}, new double[] {x}, new double[] {y});
        near(new double[] {delta1 * x, delta1, delta2 * a1, delta2},
                new double[] {g.w()[0][0][0], g.b()[0][0], g.w()[1][0][0], g.b()[1][0]}, 1e-12,
                "(∂C/∂w¹, ∂C/∂b¹, ∂C/∂w², ∂C/∂b²) for the 1-1-1 network",
                "keep z¹, a¹, z², a² from the forward pass; δ² from BP1, δ¹ from BP2, then BP3 and BP4");
    }

    @Graded(task = "4.5", name = "a 3-4-2 network against the numerical gradient", points = 2)
    void matchesTheNumericalGradient() {
        Network net = Network.random(new int[] {3, 4, 2}, 5);
        FourEquations.Gradients g = FourEquations.backprop(net.w, net.b, net.x, net.y);
        gradientMatches(net.numericalGradient(), net.flatten(g), "all of ∂C/∂W and ∂C/∂b of a 3-4-2 network",
                "every layer's δ comes from the next layer's δ (BP2); ∂C/∂Wˡ uses aˡ⁻¹, the activation BEFORE layer l");
    }

    @Graded(task = "4.6", name = "a 2-3-2 network with a linear output against the numerical gradient", points = 2)
    void linearOutput() {
        Network net = Network.random(new int[] {2, 3, 2}, 8).withLinearOutput();
        double[] numerical = net.numericalGradient();
        double[] analytic = net.flatten(FourEquations.backpropLinearOutput(net.w, net.b, net.x, net.y));
        gradientMatches(numerical, analytic, "all of ∂C/∂W and ∂C/∂b of a 2-3-2 network whose output is aᴸ = zᴸ",
                net.linearOutputHint(analytic));
    }

    /** A small random network, an example, and the numerical gradient of its cost. */
    static final class Network {
        final double[][][] w;
        final double[][] b;
        final double[] x, y;
        final boolean linearOutput;

        Network(double[][][] w, double[][] b, double[] x, double[] y) {
            this(w, b, x, y, false);
        }

        private Network(double[][][] w, double[][] b, double[] x, double[] y, boolean linearOutput) {
            this.w = w;
            this.b = b;
            this.x = x;
            this.y = y;
            this.linearOutput = linearOutput;
        }

        /** The same weights and example, with aᴸ = zᴸ in the output layer and a target that is not a class. */
        Network withLinearOutput() {
            double[] target = new double[y.length];
            for (int j = 0; j < target.length; j++) target[j] = 1.5 - 2.0 * j;   // any real numbers
            return new Network(w, b, x, target, true);
        }

        static Network random(int[] sizes, long seed) {
            var random = new Random(seed);
            int layers = sizes.length - 1;
            double[][][] w = new double[layers][][];
            double[][] b = new double[layers][];
            for (int l = 0; l < layers; l++) {
                w[l] = new double[sizes[l + 1]][sizes[l]];
                b[l] = new double[sizes[l + 1]];
                for (int j = 0; j < sizes[l + 1]; j++) {
                    b[l][j] = random.nextGaussian();
                    for (int k = 0; k < sizes[l]; k++) w[l][j][k] = random.nextGaussian();
                }
            }
            double[] x = new double[sizes[0]];
            for (int k = 0; k < x.length; k++) x[k] = random.nextGaussian();
            double[] y = new double[sizes[layers]];
            y[random.nextInt(y.length)] = 1;
            return new Network(w, b, x, y);
        }

        /** The cost of the forward pass, written here so that it does not depend on your code. */
        double cost() {
            double[] a = x;
            for (int l = 0; l < w.length; l++) {
                double[] next = new double[b[l].length];
                for (int j = 0; j < next.length; j++) {
                    double z = b[l][j];
                    for (int k = 0; k < a.length; k++) z += w[l][j][k] * a[k];
                    next[j] = linearOutput && l == w.length - 1 ? z : s(z);
                }
                a = next;
            }
            double c = 0;
            for (int j = 0; j < a.length; j++) c += 0.5 * (a[j] - y[j]) * (a[j] - y[j]);
            return c;
        }

        /** Centered differences for every weight and bias, in the order of {@link #flatten}. */
        double[] numericalGradient() {
            List<Double> out = new ArrayList<>();
            double h = 1e-5;
            for (int l = 0; l < w.length; l++) {
                for (double[] row : w[l]) {
                    for (int k = 0; k < row.length; k++) out.add(nudge(row, k, h));
                }
                for (int j = 0; j < b[l].length; j++) out.add(nudge(b[l], j, h));
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private double nudge(double[] parameters, int i, double h) {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double up = cost();
            parameters[i] = saved - h;
            double down = cost();
            parameters[i] = saved;
            return (up - down) / (2 * h);
        }

        /**
         * For a linear output: what a wrong gradient most likely forgot, found by computing the two
         * classic mistakes and comparing.
         */
        String linearOutputHint(double[] analytic) {
            if (analytic == null) return "return the gradients of every layer, shaped like W and b";
            if (close(analytic, flatten(mistake(true, true)))) {
                return "that is the gradient of a SIGMOID output: here aᴸ = zᴸ, so ∂aᴸ/∂zᴸ = 1 and BP1 has no σ′(zᴸ) factor";
            }
            if (close(analytic, flatten(mistake(false, false)))) {
                return "only the output layer is linear: the hidden layers are still sigmoid, so BP2 keeps its σ′(zˡ)";
            }
            return "δᴸ = ∂C/∂zᴸ = (∂C/∂aᴸ)·(∂aᴸ/∂zᴸ) with aᴸ = zᴸ; BP2, BP3 and BP4 are unchanged";
        }

        /** Backpropagation with a σ′ in the output layer or not, and in the hidden layers or not. */
        private FourEquations.Gradients mistake(boolean sigmaPrimeAtOutput, boolean sigmaPrimeHidden) {
            int layers = w.length;
            double[][] z = new double[layers + 1][], a = new double[layers + 1][];
            a[0] = x;
            for (int l = 1; l <= layers; l++) {
                z[l] = new double[b[l - 1].length];
                a[l] = new double[z[l].length];
                for (int j = 0; j < z[l].length; j++) {
                    z[l][j] = b[l - 1][j];
                    for (int k = 0; k < a[l - 1].length; k++) z[l][j] += w[l - 1][j][k] * a[l - 1][k];
                    a[l][j] = l < layers ? s(z[l][j]) : z[l][j];
                }
            }
            double[][] delta = new double[layers + 1][];
            delta[layers] = new double[y.length];
            for (int j = 0; j < y.length; j++) delta[layers][j] = (a[layers][j] - y[j]) * (sigmaPrimeAtOutput ? sp(z[layers][j]) : 1);
            for (int l = layers - 1; l >= 1; l--) {
                delta[l] = new double[z[l].length];
                for (int k = 0; k < z[l].length; k++) {
                    for (int j = 0; j < delta[l + 1].length; j++) delta[l][k] += w[l][j][k] * delta[l + 1][j];
                    if (sigmaPrimeHidden) delta[l][k] *= sp(z[l][k]);
                }
            }
            double[][][] dw = new double[layers][][];
            double[][] db = new double[layers][];
            for (int l = 1; l <= layers; l++) {
                db[l - 1] = delta[l].clone();
                dw[l - 1] = new double[delta[l].length][a[l - 1].length];
                for (int j = 0; j < delta[l].length; j++) {
                    for (int k = 0; k < a[l - 1].length; k++) dw[l - 1][j][k] = delta[l][j] * a[l - 1][k];
                }
            }
            return new FourEquations.Gradients(dw, db);
        }

        private static boolean close(double[] a, double[] b) {
            if (a == null || b == null || a.length != b.length) return false;
            for (int i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-9) return false;
            return true;
        }

        /** The gradient in the order of {@link #numericalGradient()}; null when a shape does not fit. */
        double[] flatten(FourEquations.Gradients g) {
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
    }
}
