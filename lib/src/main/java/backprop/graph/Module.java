package backprop.graph;

import java.util.List;

/**
 * Anything with parameters that gradient descent adjusts: a {@link Neuron}, a {@link Layer}, an
 * {@link MLP}.
 */
public interface Module {

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
