package exercises.ch1;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import backprop.grading.Visibility;
import exercises.ch1.ChainRule.Link;
import java.util.List;
import java.util.Random;

/** Chapter 1 tests the students do not see (they stay in solutions/). */
class ChainRuleHiddenTest {

    @Graded(task = "1.1", name = "exact for a parabola", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void exactForAParabola() {
        // For f(x) = 3x² − 2x + 1 the centered difference is exact: f′(0.4) = 0.4 even with h = 0.1.
        double slope = ChainRule.centeredDifference(x -> 3 * x * x - 2 * x + 1, 0.4, 0.1);
        near(0.4, slope, 1e-12, "centeredDifference of 3x² − 2x + 1 at 0.4 with h = 0.1",
                "a centered difference is exact for any parabola; a one-sided one is off by 3h here");
    }

    @Graded(task = "1.2", name = "three nested functions and the empty chain", points = 1, visibility = Visibility.HIDDEN)
    void threeNestedAndEmpty() {
        var square = new Link(x -> x * x, x -> 2 * x);
        var sine = new Link(Math::sin, Math::cos);
        var exp = new Link(Math::exp, Math::exp);
        double x = 0.9;
        double expected = Math.exp(Math.sin(x * x)) * Math.cos(x * x) * 2 * x;
        near(expected, ChainRule.derivativeOfChain(List.of(square, sine, exp), x), 1e-12,
                "d/dx exp(sin(x²)) at 0.9", "three links: three local derivatives, each at its own input");
        near(1, ChainRule.derivativeOfChain(List.of(), x), 0, "the derivative of an empty chain (the identity)",
                "with no links the value passes through unchanged: the derivative is 1");
    }

    @Graded(task = "1.3", name = "random networks: product matches the numerical derivative", points = 1,
            visibility = Visibility.AFTER_PUBLISHED)
    void randomNetworks() {
        var random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] h = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] w = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double b = random.nextGaussian(), y = random.nextDouble();
            boolean sigmoid = trial % 2 == 0;
            double[] f = ChainRule.threeFactors(h, w, b, y, sigmoid);
            double numerical = ChainRuleTest.numericalDerivative(w12 -> {
                double z = w[0] * h[0] + w12 * h[1] + w[2] * h[2] + b;
                double output = sigmoid ? 1 / (1 + Math.exp(-z)) : z;
                return 0.5 * (output - y) * (output - y);
            }, w[1]);
            near(numerical, f[0] * f[1] * f[2], 1e-8, "∂J/∂w₁₂⁽²⁾ for random network " + trial
                    + (sigmoid ? " (sigmoid output)" : " (linear output)"), "check each factor against its definition");
        }
    }
}
