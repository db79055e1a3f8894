package exercises.ch6;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The visible tests of chapter 6: they are in your copy, and Check.task("6.x") runs them. */
class GradientCheckingTest {

    @Graded(task = "6.1", name = "the gradient of θ₀² + 3θ₀θ₁ + sin θ₂", points = 2)
    void smallFunction() {
        double[] theta = {1.5, -0.5, 0.3};
        double[] gradient = GradientChecking.numericalGradient(t -> t[0] * t[0] + 3 * t[0] * t[1] + Math.sin(t[2]), theta, 1e-5);
        // first: were the parameters put back? A θᵢ left at θᵢ ± h also spoils every later component,
        // so this is the cause to name before comparing the gradient
        near(new double[] {1.5, -0.5, 0.3}, theta, 0, "the parameters θ after numericalGradient",
                restoreHint(new double[] {1.5, -0.5, 0.3}, theta, 1e-5));
        near(new double[] {2 * 1.5 + 3 * -0.5, 3 * 1.5, Math.cos(0.3)}, gradient, 1e-8, "the numerical gradient",
                "nudge one θᵢ at a time by ±h and use (C⁺ − C⁻) / 2h");
    }

    /** Names a θᵢ that was not put back, and by how much it moved. */
    static String restoreHint(double[] original, double[] after, double h) {
        for (int i = 0; i < original.length; i++) {
            double moved = after[i] - original[i];
            if (moved != 0) {
                String sign = moved < 0 ? "−" : "+";
                String by = Math.abs(Math.abs(moved) - h) < 1e-3 * h ? "h" : String.format(java.util.Locale.ROOT, "%.1e", Math.abs(moved));
                return "θ" + i + " was left at θ" + i + " " + sign + " " + by + ": put each θᵢ back to its saved value after its "
                        + "two evaluations (a θᵢ left nudged also moves the point where every later component is measured)";
            }
        }
        return "put each θᵢ back to its saved value after its two evaluations";
    }

    @Graded(task = "6.2", name = "relative errors by hand", points = 2)
    void relativeErrors() {
        near(0.5, GradientChecking.relativeError(new double[] {3}, new double[] {1}), 1e-12, "relativeError({3}, {1})",
                "|3 − 1| / (|3| + |1|) = 0.5");
        near(0.25, GradientChecking.relativeError(new double[] {1, 100}, new double[] {1, 60}), 1e-12,
                "relativeError({1, 100}, {1, 60})", "take the LARGEST relative error over the components: 40 / 160");
        near(0, GradientChecking.relativeError(new double[] {0, 0}, new double[] {0, 0}), 0, "relativeError of two zero gradients",
                "divide by max(1e-8, |a| + |n|) so that 0 / 0 never happens");
    }

    @Graded(task = "6.3", name = "the check passes a right gradient and catches a wrong one", points = 2)
    void checkCatchesABug() {
        double[] theta = TinyNetwork.start();
        double right = GradientChecking.gradientCheck(TinyNetwork::cost, TinyNetwork::gradient, theta);
        that(right < 1e-7, String.format(java.util.Locale.ROOT, "the gradient check of a correct backpropagation gave a relative error of %.1e,"
                + " expected below 1e-7", right), "use h = 1e-5 and the relative error of Exercise 6.2");
        Function<double[], double[]> buggy = TinyNetwork::gradientWithoutSigmaPrime;
        double wrong = GradientChecking.gradientCheck(TinyNetwork::cost, buggy, theta);
        that(wrong > 1e-3, String.format(java.util.Locale.ROOT, "the gradient check of a backpropagation that forgets σ′ in BP2 gave only %.1e", wrong),
                "return the relative error between gradient(θ) and the numerical gradient at θ");
    }

    /**
     * A 2-2-1 sigmoid network on one example, its 9 parameters in one array
     * (W¹ row by row, b¹, W², b²), and backpropagation written out by hand.
     */
    static final class TinyNetwork {
        static final double[] X = {0.8, -0.4};
        static final double Y = 1;

        static double[] start() {
            return new double[] {0.3, -0.6, 0.9, 0.2, 0.1, -0.3, 0.7, -0.5, 0.2};
        }

        static double s(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        static double cost(double[] t) {
            double a1 = s(t[0] * X[0] + t[1] * X[1] + t[4]);
            double a2 = s(t[2] * X[0] + t[3] * X[1] + t[5]);
            double out = s(t[6] * a1 + t[7] * a2 + t[8]);
            return 0.5 * (out - Y) * (out - Y);
        }

        static double[] gradient(double[] t) {
            return backprop(t, true);
        }

        static double[] gradientWithoutSigmaPrime(double[] t) {
            return backprop(t, false);
        }

        static double[] backprop(double[] t, boolean withSigmaPrime) {
            double a1 = s(t[0] * X[0] + t[1] * X[1] + t[4]);
            double a2 = s(t[2] * X[0] + t[3] * X[1] + t[5]);
            double out = s(t[6] * a1 + t[7] * a2 + t[8]);
            double delta = (out - Y) * out * (1 - out);                                   // BP1
            double d1 = t[6] * delta * (withSigmaPrime ? a1 * (1 - a1) : 1);              // BP2
            double d2 = t[7] * delta * (withSigmaPrime ? a2 * (1 - a2) : 1);
            return new double[] {d1 * X[0], d1 * X[1], d2 * X[0], d2 * X[1], d1, d2,    // BP4, BP3
                    delta * a1, delta * a2, delta};
        }
    }

    /** Counts the evaluations of a cost. */
    static final class Counting implements ToDoubleFunction<double[]> {
        final ToDoubleFunction<double[]> cost;
        int calls;

        Counting(ToDoubleFunction<double[]> cost) {
            this.cost = cost;
        }

        @Override
        public double applyAsDouble(double[] t) {
            calls++;
            return cost.applyAsDouble(t);
        }
    }
}
