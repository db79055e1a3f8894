package exercises.ch8;

/**
 * Chapter 8 exercises: two small tools for training deep networks. They go with the notebook
 * <b>08-making-deep-networks-train</b>.
 */
public final class DeepTraining {

    private DeepTraining() {}

    /**
     * <b>Exercise 8.1: one step with momentum</b> (notebook 08-making-deep-networks-train,
     * section "Momentum").
     *
     * <p>Update the velocity and then the parameters, both in place:
     * <pre>
     *     v ← μ v − η ∇C
     *     w ← w + v
     * </pre>
     * in that order: the parameters move by the <em>new</em> velocity. With μ = 0 this is a plain
     * step of gradient descent.
     *
     * @param w        the parameters, changed in place
     * @param v        the velocity (zeros before the first step), changed in place
     * @param gradient ∇C at w
     * @param eta      the learning rate η
     * @param mu       the momentum μ, from 0 (none) to below 1
     */
    public static void momentumStep(double[] w, double[] v, double[] gradient, double eta, double mu) {
        if (w == null || v == null || gradient == null || w.length != v.length || w.length != gradient.length) {
            throw new IllegalArgumentException("w, v and the gradient must have the same length, got "
                    + (w == null ? "null" : w.length) + ", " + (v == null ? "null" : v.length) + " and "
                    + (gradient == null ? "null" : gradient.length));
        }
        if (!(mu >= 0 && mu < 1)) throw new IllegalArgumentException("the momentum μ must be in [0, 1), got " + mu);
        // TODO Exercise 8.1: your code here
        throw new UnsupportedOperationException("Exercise 8.1: v ← μv − η∇C, then w ← w + v, component by component");
    }

    /**
     * <b>Exercise 8.2: count the dead neurons</b> (notebook 08-making-deep-networks-train,
     * section "Dead ReLUs").
     *
     * <p>{@code z[j][i]} is the weighted input of neuron j of a ReLU layer for example i (one row
     * per neuron, one column per example). A neuron is dead on these examples when its ReLU
     * outputs 0 for every one of them. Return how many of the layer's neurons are dead.
     *
     * @param z the layer's weighted inputs, one row per neuron, one column per example
     * @return the number of dead neurons
     */
    public static int deadNeurons(double[][] z) {
        if (z == null) throw new IllegalArgumentException("the weighted inputs are null");
        // TODO Exercise 8.2: your code here
        throw new UnsupportedOperationException("Exercise 8.2: the neurons whose ReLU output max(0, z) is 0 on every example");
    }
}
