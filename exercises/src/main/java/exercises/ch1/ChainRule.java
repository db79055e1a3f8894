package exercises.ch1;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Chapter 1 exercises: a derivative as a local rate of change, and the chain rule that
 * multiplies those rates along a chain of nested functions. They go with the notebook
 * <b>01-chain-rule</b>.
 *
 * <p>Write the body of each method marked "Exercise". Check your work from the notebook with
 * {@code Check.task("1.1")} (or {@code Check.chapter(1)}), or from a terminal with
 * {@code ./course grade 1}.
 */
public final class ChainRule {

    private ChainRule() {}

    /**
     * <b>Exercise 1.1: the centered difference</b> (notebook 01-chain-rule, section
     * "Checking a derivative numerically").
     *
     * <p>Estimate the derivative of {@code f} at {@code x} from two nearby values, one step
     * {@code h} to each side:
     * <pre>
     *     f′(x) ≈ (f(x + h) − f(x − h)) / 2h
     * </pre>
     * The error of this centered estimate shrinks like h², much faster than the one-sided
     * (f(x + h) − f(x)) / h, whose error shrinks only like h.
     *
     * <pre>{@code
     * centeredDifference(x -> x * x, 3, 1e-5)   // ≈ 6, the slope of x² at 3
     * }</pre>
     *
     * @param f the function
     * @param x where to take the derivative
     * @param h the step, a small positive number such as 1e-5
     * @return the estimate of f′(x)
     */
    public static double centeredDifference(DoubleUnaryOperator f, double x, double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("the step h must be a small positive number, got " + h);
        }
        // TODO Exercise 1.1: your code here
        throw new UnsupportedOperationException("Exercise 1.1: estimate f′(x) as (f(x + h) − f(x − h)) / 2h");
    }

    /**
     * One link of a chain of nested functions: the function and its derivative.
     *
     * @param function   the function, e.g. {@code x -> Math.sin(x)}
     * @param derivative its derivative, e.g. {@code x -> Math.cos(x)}
     */
    public record Link(DoubleUnaryOperator function, DoubleUnaryOperator derivative) {
        public Link {
            if (function == null || derivative == null) {
                throw new IllegalArgumentException("a link needs both a function and its derivative");
            }
        }
    }

    /**
     * <b>Exercise 1.2: the chain rule along a chain</b> (notebook 01-chain-rule, sections
     * "Nested functions" and "Three nested functions").
     *
     * <p>The chain is given innermost first: {@code List.of(h, g, f)} stands for f(g(h(x))).
     * Its derivative is the product of each link's derivative, each taken <em>at the value that
     * flows into that link</em>:
     * <pre>
     *     d/dx f(g(h(x))) = f′(g(h(x))) · g′(h(x)) · h′(x)
     * </pre>
     * Walk the chain from the inside out, keeping two numbers: the value so far (start at x) and
     * the derivative so far (start at 1). At each link, multiply the derivative so far by the
     * link's derivative at the value so far, then move the value through the link.
     *
     * <pre>{@code
     * // the gears: the lever turns gear 1 twice as fast, gear 1 turns gear 2 three times as fast
     * var lever = new Link(t -> 2 * t, t -> 2);
     * var gear  = new Link(t -> 3 * t, t -> 3);
     * derivativeOfChain(List.of(lever, gear), 0.7)   // 6: the rates multiply
     * }</pre>
     *
     * @param innerToOuter the links, innermost first; an empty chain is the identity (derivative 1)
     * @param x            where to take the derivative
     * @return the derivative of the whole chain at x
     */
    public static double derivativeOfChain(List<Link> innerToOuter, double x) {
        if (innerToOuter == null) {
            throw new IllegalArgumentException("the chain is null; pass List.of() for no links");
        }
        // TODO Exercise 1.2: your code here
        throw new UnsupportedOperationException("Exercise 1.2: multiply each link's derivative, taken at the value flowing into it");
    }

    /**
     * <b>Exercise 1.3: the tutorial's "chain function"</b> (notebook 01-chain-rule, section
     * "∂J/∂w₁₂⁽²⁾ in the tutorial's own notation").
     *
     * <p>The output neuron of the tutorial's network takes the three hidden outputs
     * h₁⁽²⁾, h₂⁽²⁾, h₃⁽²⁾ and computes
     * <pre>
     *     z₁⁽²⁾ = w₁₁⁽²⁾ h₁⁽²⁾ + w₁₂⁽²⁾ h₂⁽²⁾ + w₁₃⁽²⁾ h₃⁽²⁾ + b⁽²⁾      (before the activation)
     *     h₁⁽³⁾ = f(z₁⁽²⁾)                                          (the network's output)
     *     J     = ½ (h₁⁽³⁾ − y)²                                     (the loss for the target y)
     * </pre>
     * where f is the identity (a linear output) or the sigmoid σ(z) = 1 / (1 + e⁻ᶻ). Return the
     * three factors of
     * <pre>
     *     ∂J/∂w₁₂⁽²⁾ = ∂J/∂h₁⁽³⁾ · ∂h₁⁽³⁾/∂z₁⁽²⁾ · ∂z₁⁽²⁾/∂w₁₂⁽²⁾
     * </pre>
     * in that order: their product is the derivative of the loss with respect to the weight
     * w₁₂⁽²⁾, which connects hidden neuron 2 to the output.
     *
     * @param h            the hidden outputs h₁⁽²⁾, h₂⁽²⁾, h₃⁽²⁾
     * @param w            the output neuron's weights w₁₁⁽²⁾, w₁₂⁽²⁾, w₁₃⁽²⁾
     * @param b            its bias b⁽²⁾
     * @param y            the target
     * @param sigmoidOutput true for f = σ, false for a linear output f(z) = z
     * @return {∂J/∂h₁⁽³⁾, ∂h₁⁽³⁾/∂z₁⁽²⁾, ∂z₁⁽²⁾/∂w₁₂⁽²⁾}
     */
    public static double[] threeFactors(double[] h, double[] w, double b, double y, boolean sigmoidOutput) {
        if (h == null || w == null || h.length != 3 || w.length != 3) {
            throw new IllegalArgumentException("the tutorial's output neuron has 3 inputs and 3 weights, got "
                    + (h == null ? "null" : h.length) + " inputs and " + (w == null ? "null" : w.length) + " weights");
        }
        // TODO Exercise 1.3: your code here
        throw new UnsupportedOperationException("Exercise 1.3: the three factors ∂J/∂h₁⁽³⁾, ∂h₁⁽³⁾/∂z₁⁽²⁾, ∂z₁⁽²⁾/∂w₁₂⁽²⁾");
    }
}
