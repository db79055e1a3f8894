package backprop.nn;

import java.util.function.DoubleUnaryOperator;

/**
 * Derivatives estimated without calculus: nudge a number a little each way and watch the cost.
 * The centred difference (f(x + h) − f(x − h)) / 2h is off by about h² · f‴/6, so with h = 1e-5
 * it agrees with an exact derivative to many digits: the test that backpropagation is right.
 *
 * <pre>{@code
 * Gradients exact = network.gradients(x, y);
 * Gradients estimated = FiniteDifferences.gradients(network, x, y);
 * exact.maxRelativeError(estimated)    // below 1e-7 when backprop is right
 * }</pre>
 *
 * <p>It costs two forward passes per parameter, against one backward pass for all of them:
 * fine for checking a small network, hopeless for training one. That difference is why
 * backpropagation matters.
 */
public final class FiniteDifferences {

    /** The step h of the centred difference. */
    public static final double STEP = 1e-5;

    private FiniteDifferences() {}

    /** (f(x + h) − f(x − h)) / 2h with h = {@link #STEP}. */
    public static double derivative(DoubleUnaryOperator f, double x) {
        if (f == null) throw new IllegalArgumentException("the function is null");
        return (f.applyAsDouble(x + STEP) - f.applyAsDouble(x - STEP)) / (2 * STEP);
    }

    /**
     * ∂C/∂w for every weight and bias of {@code network}, each by a centred difference of the
     * batch cost {@code network.cost(x, y)}. The network is left as it was.
     */
    public static Gradients gradients(Network network, Matrix x, Matrix y) {
        if (network == null) throw new IllegalArgumentException("the network is null");
        int layers = network.layers();
        Matrix[] weights = new Matrix[layers + 1];
        Matrix[] biases = new Matrix[layers + 1];
        for (int l = 1; l <= layers; l++) {
            weights[l] = estimate(network, network.weights(l), x, y);
            biases[l] = estimate(network, network.biases(l), x, y);
        }
        return new Gradients(weights, biases);
    }

    private static Matrix estimate(Network network, Matrix parameters, Matrix x, Matrix y) {
        var estimate = new Matrix(parameters.rows(), parameters.cols());
        for (int i = 0; i < parameters.rows(); i++) {
            for (int j = 0; j < parameters.cols(); j++) {
                double kept = parameters.get(i, j);
                parameters.set(i, j, kept + STEP);
                double up = network.cost(x, y);
                parameters.set(i, j, kept - STEP);
                double down = network.cost(x, y);
                parameters.set(i, j, kept);
                estimate.set(i, j, (up - down) / (2 * STEP));
            }
        }
        return estimate;
    }
}
