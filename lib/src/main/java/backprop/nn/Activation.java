package backprop.nn;

import backprop.graph.Operation;

/**
 * The activation function σ of a layer, {@code a = σ(z)}, with its derivative σ′, by which
 * backpropagation multiplies each layer's error.
 *
 * <pre>{@code
 * Activation.SIGMOID.value(0.0)        // 0.5
 * Activation.SIGMOID.derivative(0.0)   // 0.25
 * }</pre>
 *
 * <p>All but {@link #SOFTMAX} act on each number by itself, so their derivative is a number per
 * neuron and the chain rule through them is a Hadamard product: {@code δ = g ⊙ σ′(z)}, where
 * {@code g = ∂C/∂a}. Softmax makes each output depend on the whole column, so its derivative is a
 * matrix per example; {@link #backward} handles both cases.
 *
 * <p>The derivative is computed from the output {@code a} where that is cheaper: σ′ = a(1 − a)
 * for the sigmoid and 1 − a² for tanh need no second call to {@code Math.exp}.
 */
public enum Activation {

    /** σ(z) = 1 / (1 + e^(−z)), between 0 and 1; σ′(z) = σ(z)(1 − σ(z)), at most 1/4. */
    SIGMOID("sigmoid") {
        @Override public double value(double z) { return Operation.sigmoid(z); }   // the course's one sigmoid
        @Override public double derivative(double z) { double a = value(z); return a * (1 - a); }
        @Override double derivativeFromOutput(double z, double a) { return a * (1 - a); }

        @Override void applyToRow(double[] z, double[] a) {
            for (int j = 0; j < z.length; j++) a[j] = Operation.sigmoid(z[j]);
        }

        @Override void multiplyRowByDerivative(double[] z, double[] a, double[] g) {
            for (int j = 0; j < g.length; j++) g[j] *= a[j] * (1 - a[j]);
        }
    },

    /** tanh(z), between −1 and 1; tanh′(z) = 1 − tanh²(z). */
    TANH("tanh") {
        @Override public double value(double z) { return Math.tanh(z); }
        @Override public double derivative(double z) { double a = Math.tanh(z); return 1 - a * a; }
        @Override double derivativeFromOutput(double z, double a) { return 1 - a * a; }

        @Override void multiplyRowByDerivative(double[] z, double[] a, double[] g) {
            for (int j = 0; j < g.length; j++) g[j] *= 1 - a[j] * a[j];
        }
    },

    /** max(0, z); its derivative is 1 for z > 0 and 0 otherwise (0 at z = 0, by convention). */
    RELU("relu") {
        @Override public double value(double z) { return Math.max(0, z); }
        @Override public double derivative(double z) { return z > 0 ? 1 : 0; }
        @Override double derivativeFromOutput(double z, double a) { return z > 0 ? 1 : 0; }

        @Override void applyToRow(double[] z, double[] a) {
            for (int j = 0; j < z.length; j++) a[j] = Math.max(0, z[j]);
        }

        @Override void multiplyRowByDerivative(double[] z, double[] a, double[] g) {
            for (int j = 0; j < g.length; j++) g[j] = z[j] > 0 ? g[j] : 0;
        }
    },

    /**
     * z for z > 0, {@value #LEAKY_SLOPE}·z otherwise: like ReLU, but a neuron whose z is negative
     * still passes a little gradient back, so it cannot die.
     */
    LEAKY_RELU("leaky relu") {
        @Override public double value(double z) { return z > 0 ? z : LEAKY_SLOPE * z; }
        @Override public double derivative(double z) { return z > 0 ? 1 : LEAKY_SLOPE; }
        @Override double derivativeFromOutput(double z, double a) { return z > 0 ? 1 : LEAKY_SLOPE; }
    },

    /** z itself, for an output that may be any real number (regression); derivative 1. */
    IDENTITY("identity") {
        @Override public double value(double z) { return z; }
        @Override public double derivative(double z) { return 1; }
        @Override double derivativeFromOutput(double z, double a) { return 1; }

        @Override void multiplyRowByDerivative(double[] z, double[] a, double[] g) {
            // σ′ = 1: the chain rule through the identity changes nothing
        }
    },

    /**
     * Softmax over each column: a_j = e^(z_j) / Σ_k e^(z_k). The outputs of an example are
     * positive and add up to 1, a probability for each class. Its derivative is the Jacobian
     * ∂a_j/∂z_k = a_j (1[j = k] − a_k), so the chain rule gives δ_k = a_k (g_k − Σ_j a_j g_j).
     * Paired with {@link Loss#CROSS_ENTROPY} this collapses to δ = a − y (see {@link Loss}).
     */
    SOFTMAX("softmax") {
        @Override public double value(double z) {
            throw new IllegalStateException("softmax has no value for one number alone: each output depends on the whole column (use apply)");
        }

        @Override public double derivative(double z) {
            throw new IllegalStateException("softmax has no derivative for one number alone: its derivative is a matrix per example (use backward)");
        }

        @Override double derivativeFromOutput(double z, double a) {
            throw new IllegalStateException("softmax's derivative is a matrix per example");
        }

        @Override public boolean isElementWise() { return false; }

        @Override public void apply(Matrix z, Matrix a) {
            requireSameShape(z, a);
            double[][] zs = z.data, as = a.data;
            int m = z.cols();
            // Subtracting each column's largest z first changes nothing (the factor e^(−max)
            // cancels) and keeps e^z from overflowing.
            double[] max = zs[0].clone();
            for (double[] row : zs) {
                for (int j = 0; j < m; j++) max[j] = Math.max(max[j], row[j]);
            }
            double[] total = new double[m];
            for (int i = 0; i < zs.length; i++) {
                double[] zi = zs[i], ai = as[i];
                for (int j = 0; j < m; j++) ai[j] = Math.exp(zi[j] - max[j]);
                for (int j = 0; j < m; j++) total[j] += ai[j];
            }
            for (double[] ai : as) {
                for (int j = 0; j < m; j++) ai[j] /= total[j];
            }
        }

        @Override public Matrix backward(Matrix z, Matrix a, Matrix g) {
            requireSameShape(z, a);
            requireSameShape(g, a);
            double[][] as = a.data, gs = g.data;
            int m = a.cols();
            // δ_k = a_k (g_k − Σ_j a_j g_j), column by column
            double[] weighted = new double[m];
            for (int i = 0; i < as.length; i++) {
                double[] ai = as[i], gi = gs[i];
                for (int j = 0; j < m; j++) weighted[j] += ai[j] * gi[j];
            }
            for (int i = 0; i < as.length; i++) {
                double[] ai = as[i], gi = gs[i];
                for (int j = 0; j < m; j++) gi[j] = ai[j] * (gi[j] - weighted[j]);
            }
            return g;
        }
    };

    /** The slope of {@link #LEAKY_RELU} for negative z. */
    public static final double LEAKY_SLOPE = 0.01;

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** σ(z) for one number. */
    public abstract double value(double z);

    /** σ′(z) for one number. */
    public abstract double derivative(double z);

    /** σ′ given both z and a = σ(z): whichever is cheaper to use. */
    abstract double derivativeFromOutput(double z, double a);

    /** Whether σ acts on each number by itself (all but softmax). */
    public boolean isElementWise() {
        return true;
    }

    /** Writes {@code a = σ(z)} for a whole batch (z and a of the same shape; they may be the same matrix). */
    public void apply(Matrix z, Matrix a) {
        requireSameShape(z, a);
        for (int i = 0; i < z.rows(); i++) applyToRow(z.data[i], a.data[i]);
    }

    /** A new matrix σ(z). */
    public Matrix apply(Matrix z) {
        var a = new Matrix(z.rows(), z.cols());
        apply(z, a);
        return a;
    }

    /**
     * The chain rule through σ, in place: {@code g} holds ∂C/∂a on entry and ∂C/∂z on return,
     * which is returned. For an element-wise σ that is {@code g ⊙ σ′(z)}, the Hadamard product of
     * the error equations; for softmax, the Jacobian product. {@code a} must be σ(z).
     */
    public Matrix backward(Matrix z, Matrix a, Matrix g) {
        requireSameShape(z, a);
        requireSameShape(g, a);
        for (int i = 0; i < z.rows(); i++) multiplyRowByDerivative(z.data[i], a.data[i], g.data[i]);
        return g;
    }

    /** The matrix σ′(z), element by element (element-wise activations only). */
    public Matrix derivative(Matrix z) {
        if (!isElementWise()) {
            throw new IllegalStateException(label + "'s derivative is a matrix per example, not one number per neuron (use backward)");
        }
        var d = new Matrix(z.rows(), z.cols());
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.cols(); j++) d.data[i][j] = derivative(z.data[i][j]);
        }
        return d;
    }

    void applyToRow(double[] z, double[] a) {
        for (int j = 0; j < z.length; j++) a[j] = value(z[j]);
    }

    void multiplyRowByDerivative(double[] z, double[] a, double[] g) {
        for (int j = 0; j < g.length; j++) g[j] *= derivativeFromOutput(z[j], a[j]);
    }

    private static void requireSameShape(Matrix x, Matrix y) {
        if (x == null || y == null) throw new IllegalArgumentException("a matrix is null");
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException("the matrices must have the same shape, got " + x.shape() + " and " + y.shape());
        }
    }

    /** The name used in text and charts, e.g. {@code "leaky relu"}. */
    @Override
    public String toString() {
        return label;
    }
}
