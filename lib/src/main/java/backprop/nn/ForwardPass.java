package backprop.nn;

/**
 * Everything a forward pass computes, kept for the backward pass: the weighted input zˡ and the
 * activation aˡ of every layer, for every example of the batch (one column each).
 *
 * <pre>{@code
 * ForwardPass pass = network.forward(x);
 * pass.z(1)        // z¹ = W¹ a⁰ + b¹
 * pass.a(1)        // a¹ = σ(z¹)
 * pass.output()    // aᴸ, the network's answer
 * }</pre>
 *
 * <p>Backpropagation needs both: σ′(zˡ) for every error δˡ, and aˡ⁻¹ for ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ. That is why a forward
 * pass that only returned the output would not be enough to train.
 */
public final class ForwardPass {

    private final Matrix[] z;   // [l] = zˡ, index 0 unused
    private final Matrix[] a;   // [l] = aˡ, a⁰ is the input

    ForwardPass(Matrix[] z, Matrix[] a) {
        this.z = z;
        this.a = a;
    }

    /** The number of layers L. */
    public int layers() {
        return a.length - 1;
    }

    /** The weighted input zˡ = Wˡ aˡ⁻¹ + bˡ of layer l, from 1 to L. */
    public Matrix z(int l) {
        if (l < 1 || l > layers()) {
            throw new IllegalArgumentException("layer " + l + " has no weighted input: z is defined for layers 1 to " + layers());
        }
        return z[l];
    }

    /** The activation aˡ of layer l, from 0 (the input itself) to L (the output). */
    public Matrix a(int l) {
        if (l < 0 || l > layers()) {
            throw new IllegalArgumentException("there is no layer " + l + ": the layers are 0 (input) to " + layers());
        }
        return a[l];
    }

    /** The output aᴸ. */
    public Matrix output() {
        return a[layers()];
    }

    @Override
    public String toString() {
        var text = new StringBuilder("ForwardPass of " + layers() + " layers, " + a[0].cols() + " examples");
        text.append("\n  a0 ").append(a[0].shape());
        for (int l = 1; l <= layers(); l++) text.append("\n  z").append(l).append(' ').append(z[l].shape())
                .append("  a").append(l).append(' ').append(a[l].shape());
        return text.toString();
    }
}
