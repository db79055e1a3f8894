package exercises.ch4;

/**
 * Chapter 4 exercises: the four fundamental equations of backpropagation, one method each, then
 * all four together. They go with the notebook <b>04-four-equations</b>.
 *
 * <p>The notation is the course's. Layers are numbered l = 1 … L, layer 0 is the input.
 * <pre>
 *     zˡ = Wˡ aˡ⁻¹ + bˡ       the weighted input of layer l
 *     aˡ = σ(zˡ)              its activation (σ is the sigmoid, applied to each component)
 *     δˡ = ∂C/∂zˡ             its error
 *     C  = ½ ‖aᴸ − y‖²        the quadratic cost of one example
 * </pre>
 * Wˡ has one row per neuron of layer l and one column per neuron of layer l−1, so
 * {@code w[j][k]} is w<sup>l</sup><sub>jk</sub>, the weight from neuron k of layer l−1 to neuron
 * j of layer l. Vectors are {@code double[]}, matrices {@code double[][]} (rows first).
 *
 * <pre>
 *     BP1   δᴸ = ∇ₐC ⊙ σ′(zᴸ)
 *     BP2   δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
 *     BP3   ∂C/∂bˡ = δˡ
 *     BP4   ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ,   that is  ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ
 * </pre>
 * ⊙ is the Hadamard product: multiply two vectors component by component.
 */
public final class FourEquations {

    private FourEquations() {}

    /** σ(z) = 1 / (1 + e⁻ᶻ). */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** σ′(z) = σ(z)(1 − σ(z)). */
    public static double sigmoidPrime(double z) {
        double s = sigmoid(z);
        return s * (1 - s);
    }

    /**
     * <b>Exercise 4.1: BP1, the error of the output layer</b> (notebook 04-four-equations,
     * section "BP1").
     *
     * <p>δᴸ = ∇ₐC ⊙ σ′(zᴸ). For the quadratic cost C = ½‖aᴸ − y‖², ∇ₐC = aᴸ − y, so
     * <pre>
     *     δᴸⱼ = (aᴸⱼ − yⱼ) · σ′(zᴸⱼ)
     * </pre>
     *
     * @param a the output layer's activation aᴸ
     * @param y the target
     * @param z the output layer's weighted input zᴸ
     * @return δᴸ, one number per output neuron
     */
    public static double[] bp1(double[] a, double[] y, double[] z) {
        requireSameLength("aᴸ", a, "y", y);
        requireSameLength("aᴸ", a, "zᴸ", z);
        // BEGIN SOLUTION 4.1: δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)
        double[] delta = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            delta[j] = (a[j] - y[j]) * sigmoidPrime(z[j]);   // BP1: ∇ₐC ⊙ σ′(zᴸ)
        }
        return delta;
        // END SOLUTION
    }

    /**
     * <b>Exercise 4.2: BP2, the error of an earlier layer</b> (notebook 04-four-equations,
     * section "BP2" and "Why the transpose").
     *
     * <p>δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ). In components, neuron k of layer l sent its activation to
     * every neuron j of layer l+1 through the weight wˡ⁺¹ⱼₖ; its error collects the errors of
     * those neurons back through the same weights:
     * <pre>
     *     δˡₖ = (Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ) · σ′(zˡₖ)
     * </pre>
     * The sum runs over the <em>rows</em> j of Wˡ⁺¹ for a fixed column k: that is what the
     * transpose does.
     *
     * @param wNext     Wˡ⁺¹, with one row per neuron of layer l+1 and one column per neuron of layer l
     * @param deltaNext δˡ⁺¹
     * @param z         zˡ
     * @return δˡ, one number per neuron of layer l
     */
    public static double[] bp2(double[][] wNext, double[] deltaNext, double[] z) {
        requireShape("Wˡ⁺¹", wNext, deltaNext == null ? -1 : deltaNext.length, z == null ? -1 : z.length,
                "δˡ⁺¹ has " + (deltaNext == null ? "null" : deltaNext.length) + " and zˡ has " + (z == null ? "null" : z.length));
        // BEGIN SOLUTION 4.2: δˡₖ = (Σⱼ wˡ⁺¹ⱼₖ δˡ⁺¹ⱼ) · σ′(zˡₖ)
        double[] delta = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            double backward = 0;
            for (int j = 0; j < deltaNext.length; j++) {
                backward += wNext[j][k] * deltaNext[j];      // ((Wˡ⁺¹)ᵀ δˡ⁺¹)ₖ
            }
            delta[k] = backward * sigmoidPrime(z[k]);        // BP2: ⊙ σ′(zˡ)
        }
        return delta;
        // END SOLUTION
    }

    /**
     * <b>Exercise 4.3: BP3, the gradient of the biases</b> (notebook 04-four-equations,
     * section "BP3").
     *
     * <p>∂C/∂bˡ = δˡ: a bias is added straight into z, so ∂zˡⱼ/∂bˡⱼ = 1 and the error of a neuron
     * <em>is</em> the gradient of its bias. Return it as a new array (the caller may change it).
     */
    public static double[] bp3(double[] delta) {
        if (delta == null) throw new IllegalArgumentException("δˡ is null");
        // BEGIN SOLUTION 4.3: ∂C/∂bˡ = δˡ, as a new array
        return delta.clone();   // BP3
        // END SOLUTION
    }

    /**
     * <b>Exercise 4.4: BP4, the gradient of the weights</b> (notebook 04-four-equations,
     * section "BP4").
     *
     * <p>∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, the outer product of the layer's error and the previous layer's
     * activation. The weight wˡⱼₖ multiplies aˡ⁻¹ₖ on its way into zˡⱼ, so
     * <pre>
     *     ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ · δˡⱼ
     * </pre>
     *
     * @return a matrix shaped like Wˡ: one row per neuron of layer l, one column per neuron of layer l−1
     */
    public static double[][] bp4(double[] delta, double[] aPrevious) {
        if (delta == null || aPrevious == null) throw new IllegalArgumentException("δˡ or aˡ⁻¹ is null");
        // BEGIN SOLUTION 4.4: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ · δˡⱼ
        double[][] gradient = new double[delta.length][aPrevious.length];
        for (int j = 0; j < delta.length; j++) {
            for (int k = 0; k < aPrevious.length; k++) {
                gradient[j][k] = aPrevious[k] * delta[j];    // BP4
            }
        }
        return gradient;
        // END SOLUTION
    }

    /**
     * The gradient of the cost for one example: ∂C/∂Wˡ and ∂C/∂bˡ for every layer.
     * {@code w[l - 1]} and {@code b[l - 1]} belong to layer l (Java arrays start at 0).
     */
    public record Gradients(double[][][] w, double[][] b) {}

    /**
     * <b>Exercise 4.5: all four together</b> (notebook 04-four-equations, section "The whole
     * backward pass").
     *
     * <p>Compute the gradient of C = ½‖aᴸ − y‖² for one example x:
     * <ol>
     *   <li>forward: a⁰ = x, then for l = 1 … L: zˡ = Wˡ aˡ⁻¹ + bˡ and aˡ = σ(zˡ), keeping every
     *       zˡ and aˡ (the backward pass needs them);</li>
     *   <li>BP1 for δᴸ;</li>
     *   <li>BP2 for δᴸ⁻¹, …, δ¹, from the output back to the first layer;</li>
     *   <li>BP3 and BP4 for each layer's ∂C/∂bˡ and ∂C/∂Wˡ.</li>
     * </ol>
     * You may call your {@link #bp1}, {@link #bp2}, {@link #bp3} and {@link #bp4}.
     *
     * @param w the weight matrices W¹ … Wᴸ ({@code w[0]} is W¹)
     * @param b the bias vectors b¹ … bᴸ
     * @param x the input a⁰
     * @param y the target
     */
    public static Gradients backprop(double[][][] w, double[][] b, double[] x, double[] y) {
        requireNetwork(w, b, x, y);
        // BEGIN SOLUTION 4.5: forward (keep every z and a), then BP1, BP2 backwards, BP3 and BP4
        int layers = w.length;
        double[][] z = new double[layers + 1][];
        double[][] a = new double[layers + 1][];
        a[0] = x;
        for (int l = 1; l <= layers; l++) {
            z[l] = new double[b[l - 1].length];
            a[l] = new double[b[l - 1].length];
            for (int j = 0; j < z[l].length; j++) {
                double sum = b[l - 1][j];
                for (int k = 0; k < a[l - 1].length; k++) sum += w[l - 1][j][k] * a[l - 1][k];
                z[l][j] = sum;
                a[l][j] = sigmoid(sum);
            }
        }
        double[][] delta = new double[layers + 1][];
        delta[layers] = bp1(a[layers], y, z[layers]);                 // BP1
        for (int l = layers - 1; l >= 1; l--) {
            delta[l] = bp2(w[l], delta[l + 1], z[l]);                  // BP2 (w[l] is Wˡ⁺¹)
        }
        double[][][] dw = new double[layers][][];
        double[][] db = new double[layers][];
        for (int l = 1; l <= layers; l++) {
            db[l - 1] = bp3(delta[l]);                                  // BP3
            dw[l - 1] = bp4(delta[l], a[l - 1]);                        // BP4
        }
        return new Gradients(dw, db);
        // END SOLUTION
    }

    /**
     * <b>Exercise 4.6: a network with a linear output</b> (notebook 04-four-equations, sections
     * "BP1" and "The whole backward pass").
     *
     * <p>A network that predicts numbers rather than classes (a price, a temperature) often has no
     * activation in its output layer: aᴸ = zᴸ, so its outputs can be any real number. The hidden
     * layers keep the sigmoid. Compute the gradient of C = ½‖aᴸ − y‖² for one example x, for this
     * network.
     *
     * <p>No formula is given here: go back to what δᴸ means and work out which of the four
     * equations change, and how, when the last layer has no σ. You may call your {@link #bp2},
     * {@link #bp3} and {@link #bp4} where they still apply.
     *
     * @param w the weight matrices W¹ … Wᴸ ({@code w[0]} is W¹)
     * @param b the bias vectors b¹ … bᴸ
     * @param x the input a⁰
     * @param y the target
     */
    public static Gradients backpropLinearOutput(double[][][] w, double[][] b, double[] x, double[] y) {
        requireNetwork(w, b, x, y);
        // BEGIN SOLUTION 4.6: the gradient when the output layer is linear (aᴸ = zᴸ)
        int layers = w.length;
        double[][] z = new double[layers + 1][];
        double[][] a = new double[layers + 1][];
        a[0] = x;
        for (int l = 1; l <= layers; l++) {
            z[l] = new double[b[l - 1].length];
            a[l] = new double[b[l - 1].length];
            for (int j = 0; j < z[l].length; j++) {
                double sum = b[l - 1][j];
                for (int k = 0; k < a[l - 1].length; k++) sum += w[l - 1][j][k] * a[l - 1][k];
                z[l][j] = sum;
                a[l][j] = l < layers ? sigmoid(sum) : sum;         // the output layer has no activation
            }
        }
        double[][] delta = new double[layers + 1][];
        delta[layers] = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            delta[layers][j] = a[layers][j] - y[j];                // BP1 with ∂aᴸ/∂zᴸ = 1: δᴸ = ∇ₐC
        }
        for (int l = layers - 1; l >= 1; l--) {
            delta[l] = bp2(w[l], delta[l + 1], z[l]);              // BP2 unchanged: the hidden layers are sigmoid
        }
        double[][][] dw = new double[layers][][];
        double[][] db = new double[layers][];
        for (int l = 1; l <= layers; l++) {
            db[l - 1] = bp3(delta[l]);                              // BP3
            dw[l - 1] = bp4(delta[l], a[l - 1]);                    // BP4
        }
        return new Gradients(dw, db);
        // END SOLUTION
    }

    /** The cost C = ½‖aᴸ − y‖² of one example: the forward pass alone (for checking gradients). */
    public static double cost(double[][][] w, double[][] b, double[] x, double[] y) {
        requireNetwork(w, b, x, y);
        double[] a = x;
        for (int l = 0; l < w.length; l++) {
            double[] next = new double[b[l].length];
            for (int j = 0; j < next.length; j++) {
                double z = b[l][j];
                for (int k = 0; k < a.length; k++) z += w[l][j][k] * a[k];
                next[j] = sigmoid(z);
            }
            a = next;
        }
        double c = 0;
        for (int j = 0; j < a.length; j++) c += 0.5 * (a[j] - y[j]) * (a[j] - y[j]);
        return c;
    }

    private static void requireSameLength(String nameA, double[] a, String nameB, double[] b) {
        if (a == null || b == null || a.length != b.length) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " must have the same length, got "
                    + (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length));
        }
    }

    private static void requireShape(String name, double[][] m, int rows, int columns, String why) {
        if (m == null || m.length != rows || rows < 0 || columns < 0) {
            throw new IllegalArgumentException(name + " must be " + rows + "×" + columns + " because " + why
                    + ", got " + (m == null ? "null" : m.length + " rows"));
        }
        for (int j = 0; j < m.length; j++) {
            if (m[j] == null || m[j].length != columns) {
                throw new IllegalArgumentException(name + " must be " + rows + "×" + columns + " because " + why
                        + ", but row " + j + " has " + (m[j] == null ? "null" : m[j].length + " columns"));
            }
        }
    }

    private static void requireNetwork(double[][][] w, double[][] b, double[] x, double[] y) {
        if (w == null || b == null || x == null || y == null || w.length == 0 || w.length != b.length) {
            throw new IllegalArgumentException("a network needs as many bias vectors as weight matrices (at least one), and an input and a target");
        }
        int inputs = x.length;
        for (int l = 0; l < w.length; l++) {
            requireShape("W" + (l + 1), w[l], b[l] == null ? -1 : b[l].length, inputs,
                    "b" + (l + 1) + " has " + (b[l] == null ? "null" : b[l].length) + " entries and layer " + l + " has " + inputs + " neurons");
            inputs = b[l].length;
        }
        if (y.length != inputs) {
            throw new IllegalArgumentException("the target has " + y.length + " numbers but the output layer has " + inputs + " neurons");
        }
    }
}
