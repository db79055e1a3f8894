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
}
