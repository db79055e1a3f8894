package backprop.nn;

/**
 * The cost C that training makes small, its gradient ∇ₐC with respect to the network's output a,
 * and from them the error of the output layer, δᴸ = ∂C/∂zᴸ, where backpropagation starts.
 *
 * <pre>{@code
 * Matrix a = Matrix.columnVector(0.8), y = Matrix.columnVector(1.0);
 * Loss.QUADRATIC.cost(a, y)       // ½ (0.8 − 1)² = 0.02
 * Loss.QUADRATIC.gradient(a, y)   // a − y = −0.2
 * }</pre>
 *
 * <h2>A batch's cost is the mean of its examples' costs</h2>
 * For a mini-batch of m examples (the columns of a and y), C = (1/m) Σₓ Cₓ. The gradient
 * returned here is that of the batch cost, so every column already carries the factor 1/m:
 * summing over the columns later (for ∂C/∂b and ∂C/∂W) gives the mean gradient with nothing left
 * to divide.
 *
 * <h2>The output error δᴸ, and when σ′ cancels</h2>
 * {@link #delta} gives δᴸ = ∇ₐC ⊙ σ′(zᴸ) for any loss and output activation (through the softmax
 * Jacobian for a softmax output). For three pairs the two factors cancel, and δᴸ is computed
 * without dividing by a(1 − a), which is 0 when a sigmoid saturates (per example):
 * <ul>
 *   <li>sigmoid + binary cross-entropy: ∂C/∂a = (a − y) / (a(1 − a)) and σ′ = a(1 − a), so δ = a − y;</li>
 *   <li>identity + quadratic: ∂C/∂a = a − y and σ′ = 1, so δ = a − y;</li>
 *   <li>softmax + cross-entropy: −y/a through the softmax Jacobian gives δ = a (Σⱼ yⱼ) − y, which
 *       is a − y when the targets of the example add up to 1 (a one-hot label). Targets that do
 *       not (soft labels, a typo) still get their true gradient: the sum is taken, not assumed.</li>
 * </ul>
 */
public enum Loss {

    /** C = ½ ‖a − y‖², summed over the outputs: the seeds' cost. ∂C/∂a = a − y. */
    QUADRATIC("quadratic") {
        @Override double exampleCost(double[][] a, double[][] y, int j) {
            double total = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i][j] - y[i][j];
                total += 0.5 * d * d;
            }
            return total;
        }

        @Override double gradientOf(double a, double y) {
            return a - y;
        }
    },

    /**
     * C = −Σ [y ln a + (1 − y) ln(1 − a)], for outputs that are probabilities of independent yes/no
     * questions (a sigmoid output layer). ∂C/∂a = (a − y) / (a(1 − a)).
     */
    BINARY_CROSS_ENTROPY("binary cross-entropy") {
        @Override double exampleCost(double[][] a, double[][] y, int j) {
            double total = 0;
            for (int i = 0; i < a.length; i++) {
                double p = a[i][j], t = y[i][j];
                // a term whose weight is 0 is left out, so that 0 · ln 0 counts as 0
                if (t != 0) total -= t * Math.log(p);
                if (t != 1) total -= (1 - t) * Math.log(1 - p);
            }
            return total;
        }

        @Override double gradientOf(double a, double y) {
            return (a - y) / (a * (1 - a));
        }
    },

    /**
     * C = −Σ y ln a, for a softmax output layer: with a one-hot y, the cost is −ln of the
     * probability the network gives the right class. ∂C/∂a = −y / a.
     */
    CROSS_ENTROPY("cross-entropy") {
        @Override double exampleCost(double[][] a, double[][] y, int j) {
            double total = 0;
            for (int i = 0; i < a.length; i++) {
                double t = y[i][j];
                if (t != 0) total -= t * Math.log(a[i][j]);   // one log per example for a one-hot y
            }
            return total;
        }

        @Override double gradientOf(double a, double y) {
            return y == 0 ? 0 : -y / a;
        }
    };

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    /** The cost of example (column) j. */
    abstract double exampleCost(double[][] a, double[][] y, int j);

    /** ∂Cₓ/∂a for one output of one example. */
    abstract double gradientOf(double a, double y);

    /** The cost of a batch: the mean over its columns of each example's cost. */
    public double cost(Matrix a, Matrix y) {
        requireSameShape(a, y);
        double total = 0;
        for (int j = 0; j < a.cols(); j++) total += exampleCost(a.data, y.data, j);
        return total / a.cols();
    }

    /** The total (not the mean) of the examples' costs: training adds these up over an epoch. */
    double totalCost(Matrix a, Matrix y) {
        double total = 0;
        for (int j = 0; j < a.cols(); j++) total += exampleCost(a.data, y.data, j);
        return total;
    }

    /** ∇ₐC for the batch cost: each example's gradient divided by the batch size m. */
    public Matrix gradient(Matrix a, Matrix y) {
        return gradientInto(a, y, new Matrix(a.rows(), a.cols()));
    }

    /** Writes ∇ₐC for the batch cost into {@code out} (which may be a or y) and returns it. */
    public Matrix gradientInto(Matrix a, Matrix y, Matrix out) {
        requireSameShape(a, y);
        requireSameShape(a, out);
        double perExample = 1.0 / a.cols();
        for (int i = 0; i < a.rows(); i++) {
            double[] ai = a.data[i], yi = y.data[i], oi = out.data[i];
            for (int j = 0; j < ai.length; j++) oi[j] = perExample * gradientOf(ai[j], yi[j]);
        }
        return out;
    }

    /**
     * δᴸ = ∂C/∂zᴸ, the error of the output layer for the batch cost: ∇ₐC ⊙ σ′(zᴸ), where
     * {@code z} is the output layer's weighted input, {@code a = output.apply(z)} its activation
     * and {@code y} the targets (one column per example).
     */
    public Matrix delta(Matrix z, Matrix a, Matrix y, Activation output) {
        return deltaInto(z, a, y, output, new Matrix(a.rows(), a.cols()));
    }

    /** Writes δᴸ (see {@link #delta}) into {@code out}, which may be y, and returns it. */
    public Matrix deltaInto(Matrix z, Matrix a, Matrix y, Activation output, Matrix out) {
        requireSameShape(a, y);
        requireSameShape(a, out);
        if (output == null) throw new IllegalArgumentException("the output activation is null");
        double perExample = 1.0 / a.cols();
        double[][] as = a.data, ys = y.data, ds = out.data;
        if (this == CROSS_ENTROPY && output == Activation.SOFTMAX) {
            for (int j = 0; j < a.cols(); j++) {
                double targets = 0;                                     // Σᵢ yᵢ of example j: 1 for a one-hot y
                for (double[] yi : ys) targets += yi[j];
                for (int i = 0; i < as.length; i++) ds[i][j] = perExample * (as[i][j] * targets - ys[i][j]);
            }
        } else if (simplifiesWith(output)) {
            for (int i = 0; i < as.length; i++) {
                double[] ai = as[i], yi = ys[i], di = ds[i];
                for (int j = 0; j < ai.length; j++) di[j] = perExample * (ai[j] - yi[j]);   // δ = (a − y) / m
            }
        } else {
            output.backward(z, a, gradientInto(a, y, out));             // ∇ₐC, then ⊙ σ′(zᴸ)
        }
        return out;
    }

    /**
     * Whether ∇ₐC ⊙ σ′(zᴸ) simplifies to a − y for this output activation: sigmoid with binary
     * cross-entropy, softmax with cross-entropy (for targets that add up to 1), identity with quadratic.
     */
    public boolean simplifiesWith(Activation output) {
        return switch (this) {
            case QUADRATIC -> output == Activation.IDENTITY;
            case BINARY_CROSS_ENTROPY -> output == Activation.SIGMOID;
            case CROSS_ENTROPY -> output == Activation.SOFTMAX;
        };
    }

    private static void requireSameShape(Matrix a, Matrix y) {
        if (a == null || y == null) throw new IllegalArgumentException("the output or the target is null");
        if (!a.sameShape(y)) {
            throw new IllegalArgumentException("the output is " + a.shape() + " but the target is " + y.shape()
                    + ": they need the same shape (one column per example, one row per output)");
        }
    }

    /** The name used in text and charts, e.g. {@code "cross-entropy"}. */
    @Override
    public String toString() {
        return label;
    }
}
