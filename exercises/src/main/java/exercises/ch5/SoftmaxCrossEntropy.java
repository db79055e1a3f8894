package exercises.ch5;

/**
 * Chapter 5 exercises: the output layer for more than two classes, softmax with cross-entropy.
 * They go with the notebook <b>05-mlp-from-scratch</b>, section "Softmax and cross-entropy".
 *
 * <pre>
 *     aⱼ = softmax(z)ⱼ = e^zⱼ / Σᵢ e^zᵢ        the probability of class j
 *     C  = −ln a_label                         the cross-entropy of one example
 * </pre>
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /**
     * <b>Exercise 5.5: softmax, without overflow</b>.
     *
     * <p>Return e^zⱼ / Σᵢ e^zᵢ for every j. Computed as written, e^1000 is infinity and the result
     * NaN. Subtract the largest zᵢ from every component first: softmax(z − m) = softmax(z) for any
     * constant m (the factor e⁻ᵐ cancels between the top and the bottom), and with m = max z
     * every exponent is at most 0.
     *
     * @param z the weighted inputs of the output layer
     * @return probabilities: positive, summing to 1
     */
    public static double[] softmax(double[] z) {
        if (z == null || z.length == 0) throw new IllegalArgumentException("softmax needs at least one number");
        // TODO Exercise 5.5: your code here
        throw new UnsupportedOperationException("Exercise 5.5: subtract max z, exponentiate, divide by the sum");
    }

    /** The cross-entropy C = −ln softmax(z)_label of one example. */
    public static double crossEntropy(double[] z, int label) {
        if (z == null || label < 0 || label >= z.length) {
            throw new IllegalArgumentException("label " + label + " is out of range for " + (z == null ? "null" : z.length + " classes"));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        for (double v : z) sum += Math.exp(v - max);
        return -(z[label] - max - Math.log(sum));   // −ln(e^(z_label − max) / Σ e^(zᵢ − max))
    }

    /**
     * <b>Exercise 5.6: the output error of softmax with cross-entropy</b>.
     *
     * <p>The chain rule through −ln and the softmax collapses, as it did for one sigmoid neuron
     * with binary cross-entropy, into
     * <pre>
     *     δᴸ = ∂C/∂zᴸ = a − y
     * </pre>
     * with a = softmax(z) and y the one-hot label. This δᴸ takes the place of BP1 when the output
     * layer is a softmax; BP2 to BP4 stay as they are.
     *
     * @return δᴸ, one number per class
     */
    public static double[] outputError(double[] z, int label) {
        if (z == null || label < 0 || label >= z.length) {
            throw new IllegalArgumentException("label " + label + " is out of range for " + (z == null ? "null" : z.length + " classes"));
        }
        // TODO Exercise 5.6: your code here
        throw new UnsupportedOperationException("Exercise 5.6: δᴸ = softmax(z) − y, with y the one-hot label");
    }

    /**
     * <b>Exercise 5.7: the softmax's Jacobian</b> (notebook 05-mlp-from-scratch, section
     * "Softmax and cross-entropy").
     *
     * <p>A sigmoid neuron's output depends on its own weighted input only, so its derivative is
     * one number per neuron. A softmax output aᵢ = e^zᵢ / Σₖ e^zₖ depends on <em>every</em> zⱼ,
     * through the sum at the bottom. Its derivative is therefore a matrix: return
     * {@code J[i][j]} = ∂aᵢ/∂zⱼ, the rate at which probability i changes when zⱼ alone moves.
     *
     * <p>Derive it yourself from the definition of softmax (the quotient rule; the cases j = i
     * and j ≠ i come out differently), and write it in terms of the probabilities a. It must
     * stay finite for large z, such as (1000, 1001).
     *
     * @param z the weighted inputs of the output layer
     * @return an n × n matrix for n classes, J[i][j] = ∂aᵢ/∂zⱼ
     */
    public static double[][] jacobian(double[] z) {
        if (z == null || z.length == 0) throw new IllegalArgumentException("the Jacobian of softmax needs at least one number");
        // TODO Exercise 5.7: your code here
        throw new UnsupportedOperationException("Exercise 5.7: J[i][j] = ∂aᵢ/∂zⱼ, derived from aᵢ = e^zᵢ / Σₖ e^zₖ");
    }
}
