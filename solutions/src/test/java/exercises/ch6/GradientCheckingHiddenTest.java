package exercises.ch6;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 6 tests the students do not see (they stay in solutions/). */
class GradientCheckingHiddenTest {

    @Graded(task = "6.1", name = "exactly 2n evaluations of the cost", points = 1, visibility = Visibility.HIDDEN)
    void twoEvaluationsPerParameter() {
        var counting = new GradientCheckingTest.Counting(GradientCheckingTest.TinyNetwork::cost);
        GradientChecking.numericalGradient(counting, GradientCheckingTest.TinyNetwork.start(), 1e-5);
        that(counting.calls == 18, "numericalGradient evaluated the cost " + counting.calls + " times for 9 parameters",
                "two evaluations per parameter, C(θ + h·eᵢ) and C(θ − h·eᵢ), no more: that is the 2n of the notebook");
    }

    @Graded(task = "6.2", name = "the relative error is symmetric and scale-free", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void symmetricAndScaleFree() {
        double e1 = GradientChecking.relativeError(new double[] {2e-6, 5}, new double[] {1e-6, 5});
        double e2 = GradientChecking.relativeError(new double[] {1e-6, 5}, new double[] {2e-6, 5});
        near(1.0 / 3, e1, 1e-12, "relativeError({2e-6, 5}, {1e-6, 5})",
                "divide by |a| + |n| so that a small derivative's error counts as much as a large one's");
        near(e1, e2, 0, "relativeError with the arguments swapped", "|a − n| / (|a| + |n|) is symmetric in a and n");
    }

    @Graded(task = "6.3", name = "the check leaves the parameters as they were", points = 1, visibility = Visibility.HIDDEN)
    void parametersUntouched() {
        double[] theta = GradientCheckingTest.TinyNetwork.start();
        GradientChecking.gradientCheck(GradientCheckingTest.TinyNetwork::cost, GradientCheckingTest.TinyNetwork::gradient, theta);
        near(GradientCheckingTest.TinyNetwork.start(), theta, 0, "the parameters after gradientCheck",
                GradientCheckingTest.restoreHint(GradientCheckingTest.TinyNetwork.start(), theta, 1e-5));
    }
}
