package backprop.nn;

/**
 * One neuron of a {@link ScratchNetwork}: its weights and bias, and what the last passes left in
 * it, its weighted input z, its output a = σ(z) and its error δ = ∂C/∂z.
 *
 * <p>In the matrix network each of these is one entry of a bigger object: the weights are a row
 * of Wˡ, the bias an entry of bˡ, z, a and δ entries of zˡ, aˡ and δˡ. Here each neuron keeps its
 * own, which is slower but lets you point at every number.
 */
public final class ScratchNeuron {

    final double[] weights;   // weights[k]: from neuron k of the previous layer (or input k)
    double bias;
    double weightedInput;     // z = Σₖ wₖ aₖ + b, from the last forward pass
    double output;            // a = σ(z), from the last forward pass
    double delta;             // δ = ∂C/∂z, from the last backward pass

    ScratchNeuron(double[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** The number of inputs (weights). */
    public int inputs() {
        return weights.length;
    }

    /** The weight from neuron (or input) k of the previous layer. */
    public double weight(int k) {
        if (k < 0 || k >= weights.length) {
            throw new IllegalArgumentException("this neuron has weights 0 to " + (weights.length - 1) + ", not " + k);
        }
        return weights[k];
    }

    /** The weights, copied. */
    public double[] weights() {
        return weights.clone();
    }

    /** The bias. */
    public double bias() {
        return bias;
    }

    /** z from the last forward pass. */
    public double weightedInput() {
        return weightedInput;
    }

    /** a = σ(z) from the last forward pass. */
    public double output() {
        return output;
    }

    /** δ = ∂C/∂z from the last backward pass: the "delta" of from-scratch implementations. */
    public double delta() {
        return delta;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ScratchNeuron(%d weights, bias %.4f, z %.4f, a %.4f, δ %.4g)",
                weights.length, bias, weightedInput, output, delta);
    }
}
