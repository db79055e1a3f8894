package backprop.graph;

import java.util.List;

/**
 * Anything with parameters that gradient descent adjusts: a {@link Neuron}, a {@link Layer}, an
 * {@link MLP}. (micrograd and PyTorch call this a "module"; in Java that name is taken by
 * {@code java.lang.Module}, which every notebook sees.)
 *
 * <pre>{@code
 * Value loss = model.maxMarginLoss(data, 1e-4);
 * loss.backward();      // every parameter's grad is now ∂loss/∂p
 * model.step(0.1);      // p ← p − 0.1 · ∂loss/∂p for every parameter
 * }</pre>
 */
public interface Trainable {

    /** Every parameter (weights and biases), each a leaf {@link Value}. */
    List<Value> parameters();

    /** Sets the gradient of every parameter to 0. */
    default void zeroGrad() {
        for (Value p : parameters()) p.zeroGrad();
    }

    /**
     * One step of gradient descent: moves every parameter against its gradient,
     * {@code p ← p − learningRate · ∂loss/∂p}. Run the backward pass of the loss first.
     */
    default void step(double learningRate) {
        for (Value p : parameters()) p.setData(p.data() - learningRate * p.grad());
    }
}
