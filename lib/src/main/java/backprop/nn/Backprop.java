package backprop.nn;

/**
 * Backpropagation as the course teaches it: the forward pass, then the four fundamental
 * equations, each one line below, named in its comment. Everything is a plain {@link Matrix}
 * operation that returns a new matrix, so each line can be read as the equation it implements.
 *
 * <pre>{@code
 * ForwardPass pass = network.forward(x);        // every zˡ and aˡ (through this class)
 * Gradients g = network.gradients(x, y);        // the forward pass, then the four equations
 * }</pre>
 *
 * <h2>Notation</h2>
 * Layers are l = 1 … L; layer 0 is the input. A mini-batch of m examples is a matrix with one
 * <em>column</em> per example, so every zˡ, aˡ and δˡ is (nˡ × m), and δˡ = ∂C/∂zˡ is the
 * <em>error</em> of layer l. The cost C of a batch is the mean of its examples' costs; the
 * {@link Loss} puts the 1/m into δᴸ, so the sums over the batch below give the mean gradient.
 *
 * <p>{@link Network} trains with a faster, allocation-free copy of these lines ({@link Trainer});
 * a test checks that the two give the same gradients.
 */
final class Backprop {

    private final Matrix[] w;            // [l] = Wˡ, nˡ × nˡ⁻¹ (index 0 unused)
    private final Matrix[] b;            // [l] = bˡ, nˡ × 1
    private final Activation[] sigma;    // [l] = σ of layer l
    private final Loss loss;
    private final int L;

    /** The core of a network: its own weights and biases (not copies), activations and loss. */
    Backprop(Matrix[] weights, Matrix[] biases, Activation[] activations, Loss loss) {
        this.w = weights;
        this.b = biases;
        this.sigma = activations;
        this.loss = loss;
        this.L = weights.length - 1;
    }

    /** The forward pass: every weighted input zˡ and activation aˡ for the batch x (one column per example). */
    ForwardPass forward(Matrix x) {
        Matrix[] z = new Matrix[L + 1], a = new Matrix[L + 1];
        a[0] = x;
        for (int l = 1; l <= L; l++) {
            z[l] = w[l].times(a[l - 1]).addColumnVector(b[l]);   // zˡ = Wˡ aˡ⁻¹ + bˡ, bˡ added to every column
            a[l] = sigma[l].apply(z[l]);                        // aˡ = σ(zˡ)
        }
        return new ForwardPass(z, a);
    }

    /** The backward pass: from a forward pass and the targets y, every error δˡ and from them ∂C/∂Wˡ and ∂C/∂bˡ. */
    Gradients backward(ForwardPass pass, Matrix y) {
        Matrix[] delta = new Matrix[L + 1], dCdW = new Matrix[L + 1], dCdb = new Matrix[L + 1];
        delta[L] = loss.delta(pass.z(L), pass.a(L), y, sigma[L]);                                   // BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ)
        for (int l = L - 1; l >= 1; l--) {
            delta[l] = w[l + 1].transposeTimes(delta[l + 1]).hadamard(sigma[l].derivative(pass.z(l)));   // BP2: δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
        }
        for (int l = 1; l <= L; l++) {
            dCdb[l] = delta[l].rowSums();                          // BP3: ∂C/∂bˡ = δˡ, each example's column added up
            dCdW[l] = delta[l].timesTranspose(pass.a(l - 1));      // BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
        }
        return new Gradients(dCdW, dCdb);
    }

    /** ∂C/∂Wˡ and ∂C/∂bˡ of every layer for the batch x with targets y: a forward pass, then a backward pass. */
    Gradients gradients(Matrix x, Matrix y) {
        return backward(forward(x), y);
    }
}
