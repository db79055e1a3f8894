package exercises.ch6;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Chapter 6 exercises: the numerical gradient of a whole network, and the gradient check that
 * compares it with backpropagation. They go with the notebook
 * <b>06-why-backprop-is-efficient</b>.
 *
 * <p>The numerical gradient needs two evaluations of the cost per parameter: for a network with
 * n weights, 2n forward passes. Backpropagation gets all n derivatives from one forward and one
 * backward pass. That is why networks are trained with backpropagation, and why the numerical
 * gradient is still worth writing: it is the independent check that backpropagation is right.
 */
public final class GradientChecking {

    private GradientChecking() {}

    /**
     * <b>Exercise 6.1: the numerical gradient</b> (notebook 06-why-backprop-is-efficient,
     * section "Counting the work").
     *
     * <p>For each parameter i, estimate ∂C/∂θᵢ with a centered difference: set θᵢ to θᵢ + h and
     * evaluate the cost, set it to θᵢ − h and evaluate again, put θᵢ back, and return
     * (C⁺ − C⁻) / 2h. That is exactly 2n evaluations of the cost for n parameters. The array
     * {@code parameters} must hold its original values again when you return.
     *
     * @param cost       the cost as a function of all the parameters (it reads the array you pass)
     * @param parameters the parameters θ; nudged one at a time, then restored
     * @param h          the step, e.g. 1e-5
     * @return ∂C/∂θᵢ for every i
     */
    public static double[] numericalGradient(ToDoubleFunction<double[]> cost, double[] parameters, double h) {
        if (cost == null || parameters == null) throw new IllegalArgumentException("the cost and the parameters must not be null");
        if (!(h > 0) || Double.isInfinite(h)) throw new IllegalArgumentException("the step h must be a small positive number, got " + h);
        // TODO Exercise 6.1: your code here
        throw new UnsupportedOperationException("Exercise 6.1: for each θᵢ: nudge up, evaluate, nudge down, evaluate, restore");
    }

    /**
     * <b>Exercise 6.2: the relative error</b> (notebook 06-why-backprop-is-efficient, section
     * "The gradient check").
     *
     * <p>The largest, over all components, of
     * <pre>
     *     |aᵢ − nᵢ| / max(1e-8, |aᵢ| + |nᵢ|)
     * </pre>
     * where a is the analytic gradient and n the numerical one. Dividing by the size of the
     * numbers makes the error comparable between large and small derivatives; the 1e-8 keeps it
     * finite when both are zero. The course's standard: below 1e-7 means the gradient is right.
     *
     * @return the largest relative error, 0 for two empty gradients
     */
    public static double relativeError(double[] analytic, double[] numerical) {
        if (analytic == null || numerical == null || analytic.length != numerical.length) {
            throw new IllegalArgumentException("both gradients must have the same length, got "
                    + (analytic == null ? "null" : analytic.length) + " and " + (numerical == null ? "null" : numerical.length));
        }
        // TODO Exercise 6.2: your code here
        throw new UnsupportedOperationException("Exercise 6.2: the largest |aᵢ − nᵢ| / max(1e-8, |aᵢ| + |nᵢ|)");
    }

    /**
     * <b>Exercise 6.3: the gradient check</b> (notebook 06-why-backprop-is-efficient, section
     * "The gradient check").
     *
     * <p>Compare a gradient computed by backpropagation with the numerical one (Exercise 6.1,
     * h = 1e-5) and return the relative error between them (Exercise 6.2). Leave the parameters
     * as they were.
     *
     * @param cost       the cost as a function of the parameters
     * @param gradient   the analytic gradient (backpropagation) as a function of the parameters
     * @param parameters where to check
     * @return the relative error; below 1e-7 means backpropagation is right
     */
    public static double gradientCheck(ToDoubleFunction<double[]> cost, Function<double[], double[]> gradient,
                                       double[] parameters) {
        if (gradient == null) throw new IllegalArgumentException("the gradient function must not be null");
        // TODO Exercise 6.3: your code here
        throw new UnsupportedOperationException("Exercise 6.3: the relative error between gradient(θ) and the numerical gradient at θ");
    }
}
