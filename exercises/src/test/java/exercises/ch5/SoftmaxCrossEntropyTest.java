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
}
