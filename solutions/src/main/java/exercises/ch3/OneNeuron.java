package exercises.ch3;

import backprop.data.Dataset;
import java.util.Arrays;

/**
 * Chapter 3 exercises: one sigmoid neuron trained with binary cross-entropy. They go with the
 * notebook <b>03-one-neuron</b>.
 *
 * <p>The neuron computes, for an input vector x and a label y ∈ {0, 1}:
 * <pre>
 *     z = w · x + b                               the weighted input (linear pre-activation)
 *     a = σ(z) = 1 / (1 + e⁻ᶻ)                    the activation, the predicted probability of y = 1
 *     L = −[y ln a + (1 − y) ln(1 − a)]           binary cross-entropy, the loss
 * </pre>
 * The path from a weight to the loss runs w → z → a → L, so the chain rule gives
 * ∂L/∂w = ∂L/∂a · ∂a/∂z · ∂z/∂w. Exercises 3.1 and 3.2 compute it two ways; 3.3 and 3.4 use it
 * to learn.
 *
 * <pre>{@code
 * var neuron = new OneNeuron(new double[] {0.5, -0.25}, 0.1);
 * double a = neuron.activation(new double[] {1, 2});          // σ(0.5 − 0.5 + 0.1)
 * OneNeuron.Gradient g = neuron.gradient(new double[] {1, 2}, 1);
 * }</pre>
 *
 * @param w the weights, one per input
 * @param b the bias
 */
public record OneNeuron(double[] w, double b) {

    public OneNeuron {
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("a neuron needs at least one weight");
        }
        w = w.clone();   // a neuron never changes: a gradient step makes a new one
    }

    /** The gradient of the loss for one example: ∂L/∂w (one number per weight) and ∂L/∂b. */
    public record Gradient(double[] dw, double db) {}

    /** σ(z) = 1 / (1 + e⁻ᶻ). */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Binary cross-entropy L(a, y) = −[y ln a + (1 − y) ln(1 − a)]. */
    public static double loss(double a, double y) {
        return -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
    }

    /** The weighted input z = w · x + b for one example. */
    public double weightedInput(double[] x) {
        requireInputs(x);
        double z = b;
        for (int i = 0; i < w.length; i++) z += w[i] * x[i];
        return z;
    }

    /** The activation a = σ(z): the neuron's predicted probability that y = 1. */
    public double activation(double[] x) {
        return sigmoid(weightedInput(x));
    }

    /**
     * <b>Exercise 3.1: the three factors</b> (notebook 03-one-neuron, section "The three factors").
     *
     * <p>For a neuron with one input, z = w·x + b, return the three factors of ∂L/∂w, each
     * computed from its own definition:
     * <pre>
     *     ∂L/∂a = −y/a + (1 − y)/(1 − a)       differentiate the cross-entropy with respect to a
     *     ∂a/∂z = σ(z)(1 − σ(z)) = a(1 − a)    the sigmoid's derivative
     *     ∂z/∂w = x                            the weight multiplies the input
     * </pre>
     *
     * @return {∂L/∂a, ∂a/∂z, ∂z/∂w}
     */
    public static double[] threeFactors(double w, double b, double x, double y) {
        // BEGIN SOLUTION 3.1: the factors ∂L/∂a, ∂a/∂z and ∂z/∂w, each from its definition
        double a = sigmoid(w * x + b);
        double dL_da = -y / a + (1 - y) / (1 - a);
        double da_dz = a * (1 - a);
        double dz_dw = x;
        return new double[] {dL_da, da_dz, dz_dw};
        // END SOLUTION
    }

    /**
     * <b>Exercise 3.2: the gradient after the cancellation</b> (notebook 03-one-neuron, section
     * "The cancellation").
     *
     * <p>Multiply the three factors out: ∂L/∂a · ∂a/∂z = (a − y)/(a(1 − a)) · a(1 − a) = a − y.
     * The sigmoid's derivative cancels against the logarithm's, leaving
     * <pre>
     *     ∂L/∂wᵢ = (a − y) · xᵢ        ∂L/∂b = a − y
     * </pre>
     * Use this simplified form: it is shorter, and it stays exact where the three factors do not
     * (when the sigmoid saturates, a = 1.0 exactly and ∂L/∂a divides by zero).
     *
     * @param x one example's inputs
     * @param y its label, 0 or 1
     */
    public Gradient gradient(double[] x, double y) {
        requireInputs(x);
        // BEGIN SOLUTION 3.2: ∂L/∂wᵢ = (a − y)·xᵢ and ∂L/∂b = a − y
        double error = activation(x) - y;          // ∂L/∂z = a − y, after the cancellation
        double[] dw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            dw[i] = error * x[i];                   // ∂z/∂wᵢ = xᵢ
        }
        return new Gradient(dw, error);             // ∂z/∂b = 1
        // END SOLUTION
    }

    /**
     * <b>Exercise 3.3: one step of gradient descent</b> (notebook 03-one-neuron, section
     * "Gradient descent on one neuron").
     *
     * <p>Average the gradient (Exercise 3.2) over all the examples of the batch, then move every
     * parameter a little against it:
     * <pre>
     *     w ← w − η · mean ∂L/∂w        b ← b − η · mean ∂L/∂b
     * </pre>
     * Return a new neuron; this one stays as it is.
     *
     * @param x            the examples, one row each
     * @param y            their labels, 0 or 1
     * @param learningRate η, a small positive number
     */
    public OneNeuron step(double[][] x, int[] y, double learningRate) {
        if (x == null || y == null || x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("a step needs as many labels as examples (and at least one), got "
                    + (x == null ? "null" : x.length) + " examples and " + (y == null ? "null" : y.length) + " labels");
        }
        // BEGIN SOLUTION 3.3: the mean gradient over the batch, then w ← w − η·∂L/∂w, b ← b − η·∂L/∂b
        double[] meanDw = new double[w.length];
        double meanDb = 0;
        for (int n = 0; n < x.length; n++) {
            Gradient g = gradient(x[n], y[n]);
            for (int i = 0; i < w.length; i++) meanDw[i] += g.dw()[i] / x.length;
            meanDb += g.db() / x.length;
        }
        double[] newW = new double[w.length];
        for (int i = 0; i < w.length; i++) newW[i] = w[i] - learningRate * meanDw[i];
        return new OneNeuron(newW, b - learningRate * meanDb);
        // END SOLUTION
    }

    /** The mean loss over a dataset's examples. */
    public double meanLoss(Dataset data) {
        double total = 0;
        for (int n = 0; n < data.size(); n++) total += loss(activation(data.x()[n]), data.y()[n]);
        return total / data.size();
    }

    /** The fraction of examples whose label the neuron predicts (a ≥ 0.5 means class 1). */
    public double accuracy(Dataset data) {
        int right = 0;
        for (int n = 0; n < data.size(); n++) {
            if ((activation(data.x()[n]) >= 0.5 ? 1 : 0) == data.y()[n]) right++;
        }
        return (double) right / data.size();
    }

    /**
     * <b>Exercise 3.4: training</b> (notebook 03-one-neuron, section "Gradient descent on one
     * neuron", the loss curve).
     *
     * <p>Starting from {@code start}, take {@code epochs} steps of gradient descent (Exercise 3.3)
     * on the whole dataset. Return the mean loss (see {@link #meanLoss}) of the neuron
     * <em>before</em> each step, so {@code losses[0]} is the untrained neuron's loss, and the
     * neuron after the last step. Stop early, returning what you have so far, when the thread
     * is interrupted ({@code Thread.currentThread().isInterrupted()}: the notebook's
     * Kernel → Interrupt).
     *
     * @param data a dataset with two classes, 0 and 1
     */
    public static Training train(OneNeuron start, Dataset data, double learningRate, int epochs) {
        if (data.classes() != 2) {
            throw new IllegalArgumentException("one neuron separates two classes; dataset '" + data.name()
                    + "' has " + data.classes());
        }
        // BEGIN SOLUTION 3.4: epochs steps of gradient descent, recording the mean loss before each
        double[] losses = new double[epochs];
        OneNeuron neuron = start;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (Thread.currentThread().isInterrupted()) {
                return new Training(neuron, Arrays.copyOf(losses, epoch));
            }
            losses[epoch] = neuron.meanLoss(data);
            neuron = neuron.step(data.x(), data.y(), learningRate);
        }
        return new Training(neuron, losses);
        // END SOLUTION
    }

    /** What {@link #train} returns: the trained neuron and the loss before each step. */
    public record Training(OneNeuron neuron, double[] losses) {}

    @Override
    public double[] w() {
        return w.clone();
    }

    @Override
    public String toString() {
        return "OneNeuron[w=" + Arrays.toString(w) + ", b=" + b + "]";
    }

    private void requireInputs(double[] x) {
        if (x == null || x.length != w.length) {
            throw new IllegalArgumentException("this neuron has " + w.length + " weights but the input has "
                    + (x == null ? "null" : x.length + " numbers"));
        }
    }
}
