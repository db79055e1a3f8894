package exercises.ch1;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import exercises.ch1.ChainRule.Link;
import java.util.List;

/** The visible tests of chapter 1: they are in your copy, and Check.task("1.x") runs them. */
class ChainRuleTest {

    @Graded(task = "1.1", name = "the slope of x³ at 2 is 12", points = 1)
    void slopeOfACube() {
        double slope = ChainRule.centeredDifference(x -> x * x * x, 2, 1e-5);
        near(12, slope, 1e-6, "centeredDifference(x -> x³, 2, 1e-5)",
                "take one step h to each side of x: (f(x + h) − f(x − h)) / 2h");
    }

    @Graded(task = "1.1", name = "centered, not one-sided: error of order h²", points = 1)
    void centeredNotOneSided() {
        // With h = 1e-3 the centered estimate of exp′(0) = 1 is off by about h²/6 ≈ 2e-7;
        // the one-sided (f(x + h) − f(x)) / h would be off by about h/2 = 5e-4.
        double slope = ChainRule.centeredDifference(Math::exp, 0, 1e-3);
        near(1, slope, 1e-6, "centeredDifference(exp, 0, 1e-3)",
                "use both f(x + h) and f(x − h) and divide by 2h; a one-sided difference is much less accurate");
    }

    @Graded(task = "1.2", name = "the gears: rates 2 and 3 multiply to 6", points = 1)
    void gearsMultiply() {
        var lever = new Link(t -> 2 * t, t -> 2);
        var gear = new Link(t -> 3 * t, t -> 3);
        near(6, ChainRule.derivativeOfChain(List.of(lever, gear), 0.7), 1e-12,
                "derivative of the chain lever → gear",
                "start with derivative 1 and multiply it by each link's derivative");
    }

    @Graded(task = "1.2", name = "sin(x²): the outer derivative is taken at the inner value", points = 2)
    void outerDerivativeAtTheInnerValue() {
        var square = new Link(x -> x * x, x -> 2 * x);
        var sine = new Link(Math::sin, Math::cos);
        double x = 1.3;
        near(Math.cos(x * x) * 2 * x, ChainRule.derivativeOfChain(List.of(square, sine), x), 1e-12,
                "d/dx sin(x²) at x = 1.3, which is cos(x²)·2x",
                "evaluate sin′ = cos at the value that flows INTO the sine, x² = 1.69, not at x itself");
    }

    @Graded(task = "1.3", name = "linear output: the three factors by hand", points = 1)
    void linearOutputFactors() {
        double[] h = {0.5, -1.0, 2.0};
        double[] w = {0.1, 0.4, -0.3};
        double b = 0.2, y = 1.0;
        // z = 0.05 − 0.4 − 0.6 + 0.2 = −0.75 = h₁⁽³⁾ for a linear output
        double[] factors = ChainRule.threeFactors(h, w, b, y, false);
        near(new double[] {-0.75 - 1.0, 1.0, -1.0}, factors, 1e-12,
                "{∂J/∂h₁⁽³⁾, ∂h₁⁽³⁾/∂z₁⁽²⁾, ∂z₁⁽²⁾/∂w₁₂⁽²⁾} for a linear output",
                "∂J/∂h₁⁽³⁾ = h₁⁽³⁾ − y; a linear output has slope 1; w₁₂⁽²⁾ multiplies h₂⁽²⁾ (index 1)");
    }

    @Graded(task = "1.3", name = "sigmoid output: the product is ∂J/∂w₁₂⁽²⁾", points = 2)
    void sigmoidOutputProductIsTheDerivative() {
        double[] h = {0.3, 0.8, -0.6};
        double[] w = {0.7, -0.2, 0.5};
        double b = -0.1, y = 0.0;
        double[] factors = ChainRule.threeFactors(h, w, b, y, true);
        double numerical = numericalDerivative(w12 -> loss(h, new double[] {w[0], w12, w[2]}, b, y), w[1]);
        near(numerical, factors[0] * factors[1] * factors[2], 1e-9,
                "the product of the three factors against the numerical ∂J/∂w₁₂⁽²⁾",
                "with a sigmoid output the middle factor is σ′(z) = σ(z)(1 − σ(z)), with σ(z) the output h₁⁽³⁾");
    }

    /** The tests' own centered difference, so that task 1.3 does not depend on your 1.1. */
    static double numericalDerivative(java.util.function.DoubleUnaryOperator f, double x) {
        double h = 1e-6;
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /** J = ½(σ(z) − y)² for the sigmoid output neuron. */
    static double loss(double[] h, double[] w, double b, double y) {
        double z = w[0] * h[0] + w[1] * h[1] + w[2] * h[2] + b;
        double output = 1 / (1 + Math.exp(-z));
        return 0.5 * (output - y) * (output - y);
    }
}
