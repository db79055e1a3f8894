package backprop.nn;

import java.util.Locale;

/**
 * The gradient of the cost with respect to every weight and bias of a network: ∂C/∂Wˡ and
 * ∂C/∂bˡ for the layers l = 1 … L, each of the same shape as the parameter it belongs to.
 *
 * <pre>{@code
 * Gradients g = network.gradients(x, y);
 * g.weights(1).get(0, 2)    // ∂C/∂w¹₀₂: how the cost changes with the weight from input 2 to neuron 0
 * }</pre>
 *
 * <p>These are the "deltas" a from-scratch implementation stores next to each weight: the
 * components of ∇C that gradient descent subtracts, η times, from the parameters.
 */
public final class Gradients {

    private final Matrix[] weights;   // [l] = ∂C/∂Wˡ, index 0 unused
    private final Matrix[] biases;    // [l] = ∂C/∂bˡ, index 0 unused

    Gradients(Matrix[] weights, Matrix[] biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /** The number of layers L (the input layer 0 has no parameters). */
    public int layers() {
        return weights.length - 1;
    }

    /** ∂C/∂Wˡ, for l from 1 to L: element (j, k) belongs to the weight from neuron k of layer l−1 to neuron j of layer l. */
    public Matrix weights(int l) {
        return weights[checkLayer(l)];
    }

    /** ∂C/∂bˡ, for l from 1 to L: a column vector, one entry per neuron. */
    public Matrix biases(int l) {
        return biases[checkLayer(l)];
    }

    private int checkLayer(int l) {
        if (l < 1 || l > layers()) {
            throw new IllegalArgumentException("layer " + l + " has no parameters: the layers with weights are 1 to " + layers());
        }
        return l;
    }

    /**
     * The largest relative error |a − n| / max(1e-8, |a| + |n|) between these gradients and
     * {@code other}, over every weight and bias: below 1e-7 means the two agree.
     */
    public double maxRelativeError(Gradients other) {
        if (other == null || other.layers() != layers()) {
            throw new IllegalArgumentException("cannot compare gradients of " + layers() + " layers with "
                    + (other == null ? "null" : other.layers() + " layers"));
        }
        double worst = 0;
        for (int l = 1; l <= layers(); l++) {
            worst = Math.max(worst, maxRelativeError(weights[l], other.weights[l], "∂C/∂W" + l));
            worst = Math.max(worst, maxRelativeError(biases[l], other.biases[l], "∂C/∂b" + l));
        }
        return worst;
    }

    /** |a − n| / max(1e-8, |a| + |n|): the course's measure of how far two derivatives differ. */
    public static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    }

    private static double maxRelativeError(Matrix a, Matrix n, String what) {
        if (!a.sameShape(n)) {
            throw new IllegalArgumentException(what + " is " + a.shape() + " in one and " + n.shape() + " in the other");
        }
        double worst = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) worst = Math.max(worst, relativeError(a.data[i][j], n.data[i][j]));
        }
        return worst;
    }

    @Override
    public String toString() {
        var text = new StringBuilder("Gradients of " + layers() + " layers");
        for (int l = 1; l <= layers(); l++) {
            text.append(String.format(Locale.ROOT, "%n  layer %d: ∂C/∂W %s (largest |·| %.3g), ∂C/∂b %s (largest |·| %.3g)",
                    l, weights[l].shape(), weights[l].maxAbs(), biases[l].shape(), biases[l].maxAbs()));
        }
        return text.toString();
    }
}
