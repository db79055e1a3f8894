package exercises.ch9;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 9 tests the students do not see (they stay in solutions/). */
class FindTheBugHiddenTest {

    @Graded(task = "9.1", name = "the suspect's layers: the output right, the hidden ones wrong", points = 1, visibility = Visibility.HIDDEN)
    void theSuspectsPattern() {
        var p = new FindTheBugTest.Problem(new int[] {3, 4, 3, 2}, 3, 22);
        double[] errors = FindTheBug.layerErrors(FindTheBug.suspect(p.w, p.b, p.x, p.y), FindTheBug.numericalGradient(p.w, p.b, p.x, p.y));
        near(3, errors.length, 0, "the number of layer errors for a 3-layer network", "one number per layer");
        that(errors[2] < 1e-7, String.format(java.util.Locale.ROOT, "the output layer's error is %.1e, expected below 1e-7", errors[2]),
                "the suspect's BP1, BP3 and BP4 of the output layer are right");
        that(errors[0] > 1e-3 && errors[1] > 1e-3, String.format(java.util.Locale.ROOT,
                "the hidden layers' errors are %.1e and %.1e; the suspect gets both wrong", errors[0], errors[1]),
                "the relative error of each layer, the largest over its weights and biases");
        near(0, FindTheBug.layerErrors(new FindTheBug.Gradients(new double[][][] {{{0}}}, new double[][] {{0}}),
                new FindTheBug.Gradients(new double[][][] {{{0}}}, new double[][] {{0}}))[0], 0,
                "the error of two zero gradients", "max(1e-8, |a| + |n|) keeps 0 / 0 from happening");
    }

    @Graded(task = "9.2", name = "the fixed backward pass on a 2-5-4-3 network, a batch of 5", points = 2, visibility = Visibility.HIDDEN)
    void fixedDeeper() {
        new FindTheBugTest.Problem(new int[] {2, 5, 4, 3}, 5, 23).check("∂C/∂W and ∂C/∂b of a 2-5-4-3 sigmoid network, batch of 5");
    }
}
