package exercises.ch5;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;

/** The visible tests of chapter 5's softmax and cross-entropy. */
class SoftmaxCrossEntropyTest {

    @Graded(task = "5.5", name = "softmax of (1, 2, 3)", points = 1)
    void softmaxByHand() {
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        near(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum},
                SoftmaxCrossEntropy.softmax(new double[] {1, 2, 3}), 1e-12, "softmax(1, 2, 3)",
                "aⱼ = e^zⱼ / Σᵢ e^zᵢ");
    }

    @Graded(task = "5.5", name = "softmax of (1000, 1001, 999) does not overflow", points = 1)
    void softmaxWithoutOverflow() {
        double[] a = SoftmaxCrossEntropy.softmax(new double[] {1000, 1001, 999});
        double sum = Math.exp(-1) + 1 + Math.exp(-2);
        that(a.length == 3 && Double.isFinite(a[0]) && Double.isFinite(a[1]) && Double.isFinite(a[2]),
                "softmax(1000, 1001, 999) is not finite: e^1000 overflows to infinity",
                "subtract the largest component from every zⱼ before exponentiating; the result does not change");
        near(new double[] {Math.exp(-1) / sum, 1 / sum, Math.exp(-2) / sum}, a, 1e-12, "softmax(1000, 1001, 999)",
                "softmax(z − max z) = softmax(z)");
    }

    @Graded(task = "5.6", name = "δᴸ = a − y, checked numerically", points = 2)
    void outputErrorNumerically() {
        double[] z = {0.3, -1.1, 2.0, 0.4};
        int label = 1;
        double[] numerical = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            double h = 1e-6;
            double[] up = z.clone(), down = z.clone();
            up[j] += h;
            down[j] -= h;
            numerical[j] = (SoftmaxCrossEntropy.crossEntropy(up, label) - SoftmaxCrossEntropy.crossEntropy(down, label)) / (2 * h);
        }
        gradientMatches(numerical, SoftmaxCrossEntropy.outputError(z, label), "∂C/∂zᴸ for C = −ln softmax(z)₁",
                "δᴸ = softmax(z) − y: subtract 1 at the label, nothing elsewhere");
    }

    /** The test's own softmax, so that 5.7 is checked against numbers your code did not make. */
    static double[] softmaxOf(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) sum += a[j] = Math.exp(z[j] - max);
        for (int j = 0; j < z.length; j++) a[j] /= sum;
        return a;
    }

    /** ∂aᵢ/∂zⱼ by centred differences: column j nudges zⱼ alone. */
    static double[][] numericalJacobian(double[] z) {
        int n = z.length;
        double[][] jacobian = new double[n][n];
        double h = 1e-6;
        for (int j = 0; j < n; j++) {
            double[] up = z.clone(), down = z.clone();
            up[j] += h;
            down[j] -= h;
            double[] aUp = softmaxOf(up), aDown = softmaxOf(down);
            for (int i = 0; i < n; i++) jacobian[i][j] = (aUp[i] - aDown[i]) / (2 * h);
        }
        return jacobian;
    }

    /** What is most likely wrong with a Jacobian that does not match, from the pattern of its entries. */
    static String jacobianHint(double[][] expected, double[][] got) {
        if (got == null || got.length != expected.length) {
            return "one row and one column per class: J[i][j] = ∂aᵢ/∂zⱼ is n × n";
        }
        boolean diagonalRight = true, offDiagonalZero = true, offDiagonalFlipped = true;
        for (int i = 0; i < expected.length; i++) {
            if (got[i] == null || got[i].length != expected.length) return "one row and one column per class: J[i][j] = ∂aᵢ/∂zⱼ is n × n";
            for (int j = 0; j < expected.length; j++) {
                if (i == j) {
                    diagonalRight &= Math.abs(got[i][j] - expected[i][j]) < 1e-6;
                } else {
                    offDiagonalZero &= Math.abs(got[i][j]) < 1e-12;
                    offDiagonalFlipped &= Math.abs(got[i][j] + expected[i][j]) < 1e-6;
                }
            }
        }
        if (diagonalRight && offDiagonalZero) {
            return "the diagonal is right, but aᵢ also depends on every OTHER zⱼ, through the sum Σₖ e^zₖ at the bottom: "
                    + "for j ≠ i only the bottom of e^zᵢ / Σₖ e^zₖ changes";
        }
        if (diagonalRight && offDiagonalFlipped) {
            return "the diagonal is right, but the entries off it have the wrong sign: raising zⱼ takes probability away "
                    + "from every other class, so ∂aᵢ/∂zⱼ < 0 for j ≠ i";
        }
        if (!diagonalRight) {
            return "on the diagonal zᵢ is in the top and in the bottom of e^zᵢ / Σₖ e^zₖ: use the quotient rule, "
                    + "then write the result with aᵢ alone";
        }
        return "for j ≠ i only the bottom of e^zᵢ / Σₖ e^zₖ depends on zⱼ; write both cases with the probabilities a";
    }

    @Graded(task = "5.7", name = "the Jacobian of softmax at four classes, checked numerically", points = 2)
    void jacobianNumerically() {
        double[] z = {0.5, -1.0, 2.0, 0.1};
        double[][] expected = numericalJacobian(z);
        double[][] got = SoftmaxCrossEntropy.jacobian(z);
        near(expected, got, 1e-8, "J[i][j] = ∂aᵢ/∂zⱼ of softmax at z = (0.5, −1, 2, 0.1)", jacobianHint(expected, got));
    }
}
