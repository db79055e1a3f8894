package exercises.ch5;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 5 softmax tests the students do not see (they stay in solutions/). */
class SoftmaxCrossEntropyHiddenTest {

    @Graded(task = "5.5", name = "softmax ignores a shift, and one class gets probability 1", points = 1,
            visibility = Visibility.HIDDEN)
    void shiftAndSingleClass() {
        near(SoftmaxCrossEntropy.softmax(new double[] {0.5, -2, 1}), SoftmaxCrossEntropy.softmax(new double[] {-49.5, -52, -49}), 1e-12,
                "softmax(z) against softmax(z − 50)", "softmax only depends on the differences between the zⱼ");
        near(new double[] {1}, SoftmaxCrossEntropy.softmax(new double[] {-3}), 0, "softmax of a single number", "e^z / e^z = 1");
    }

    @Graded(task = "5.6", name = "δᴸ stays finite for very confident outputs", points = 1, visibility = Visibility.AFTER_PUBLISHED)
    void confidentOutputs() {
        double[] delta = SoftmaxCrossEntropy.outputError(new double[] {800, -800}, 1);
        that(Double.isFinite(delta[0]) && Double.isFinite(delta[1]), "outputError(800, −800) is not finite",
                "compute a with your overflow-safe softmax, then subtract the one-hot label");
        near(new double[] {1, -1}, delta, 1e-12, "δᴸ for z = (800, −800) and label 1", "a ≈ (1, 0), y = (0, 1)");
    }

    @Graded(task = "5.7", name = "the Jacobian's rows add up to 0, and it stays finite for large z", points = 1,
            visibility = Visibility.HIDDEN)
    void jacobianRowsAndLargeInputs() {
        double[][] j = SoftmaxCrossEntropy.jacobian(new double[] {1000, 1001, 998});
        double[][] expected = SoftmaxCrossEntropyTest.numericalJacobian(new double[] {2, 3, 0});   // softmax ignores a shift
        near(expected, j, 1e-8, "the Jacobian at z = (1000, 1001, 998)",
                "compute a with the overflow-safe softmax of 5.5 and write J with the probabilities a, never with e^z");
        for (int i = 0; i < j.length; i++) {
            double sum = 0;
            for (double entry : j[i]) sum += entry;
            near(0, sum, 1e-12, "the sum of row " + i + " of the Jacobian",
                    "the probabilities always add up to 1, so moving all the zⱼ together changes nothing: Σⱼ ∂aᵢ/∂zⱼ = 0");
        }
        near(new double[][] {{0}}, SoftmaxCrossEntropy.jacobian(new double[] {4}), 1e-15, "the Jacobian for a single class",
                "with one class, a = 1 whatever z is");
    }
}
