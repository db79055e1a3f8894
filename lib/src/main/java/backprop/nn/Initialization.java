package backprop.nn;

import java.util.Random;

/**
 * How a network's weights and biases start, before training.
 *
 * <pre>{@code
 * new Network(sizes, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, Initialization.scaled(), 1);          // the default
 * new Network(sizes, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, Initialization.uniform(0, 1), 1);     // as classic tutorials do
 * }</pre>
 *
 * <ul>
 *   <li>{@link #scaled()}, the default: biases 0, weights uniform in [−r, r], drawn layer by layer,
 *       row by row, with r = √(6 / (nˡ⁻¹ + nˡ)) (Xavier, or Glorot) in front of sigmoid, tanh,
 *       identity and softmax, and r = √(6 / nˡ⁻¹) (He) in front of ReLU and leaky ReLU, which zero
 *       half their inputs. Both keep the weighted inputs z of a typical size from layer to layer,
 *       so that σ′(z) is neither vanishingly small (a saturated sigmoid) nor blown up.</li>
 *   <li>{@link #uniform(double, double)}: every weight and bias uniform in [low, high), drawn neuron
 *       by neuron, its weights first and then its bias. From-scratch tutorials start from
 *       {@code random()}, uniform in [0, 1): {@code uniform(0, 1)} reproduces their set-up (with
 *       Java's random numbers, not Python's). Such weights are all positive, so every neuron of a
 *       layer starts out alike; a wide or deep network then trains slowly.</li>
 * </ul>
 * Either way the numbers come from {@code new Random(seed)}: the same seed, the same network.
 */
public final class Initialization {

    private final double low;
    private final double high;   // both NaN for the scaled initialisation

    private Initialization(double low, double high) {
        this.low = low;
        this.high = high;
    }

    /** Xavier or He scaling by each layer's activation, biases 0: the default. */
    public static Initialization scaled() {
        return new Initialization(Double.NaN, Double.NaN);
    }

    /** Every weight and bias uniform in [low, high), e.g. {@code uniform(0, 1)} as classic tutorials use. */
    public static Initialization uniform(double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("uniform initial weights need finite bounds with low < high, got ["
                    + low + ", " + high + ")");
        }
        return new Initialization(low, high);
    }

    /** Fills Wˡ and bˡ of layers 1 … L (index 0 unused), for the activations σ of those layers. */
    void initialize(Matrix[] weights, Matrix[] biases, Activation[] activations, Random random) {
        for (int l = 1; l < weights.length; l++) {
            Matrix w = weights[l], b = biases[l];
            if (Double.isNaN(low)) {
                int in = w.cols(), out = w.rows();
                boolean relu = activations[l] == Activation.RELU || activations[l] == Activation.LEAKY_RELU;
                double limit = relu ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
                for (double[] row : w.data) {
                    for (int k = 0; k < row.length; k++) row[k] = limit * (2 * random.nextDouble() - 1);
                }
                b.fill(0);
            } else {
                for (int j = 0; j < w.rows(); j++) {
                    for (int k = 0; k < w.cols(); k++) w.data[j][k] = low + (high - low) * random.nextDouble();
                    b.data[j][0] = low + (high - low) * random.nextDouble();
                }
            }
        }
    }

    /** For example {@code uniform in [0, 1)} or {@code scaled (Xavier or He)}. */
    @Override
    public String toString() {
        return Double.isNaN(low) ? "scaled (Xavier or He)" : "uniform in [" + low + ", " + high + ")";
    }
}
