package backprop.nn;

/**
 * The seam for faster arithmetic: the products that training spends its time in, done by an
 * implementation that may keep a layer's weights in a layout of its own while it trains.
 * {@link Trainer} does all its products through here; the teaching core ({@link Backprop}) does not.
 *
 * <pre>{@code
 * Kernels kernels = Kernels.best();           // OpenBLAS if the machine has it, else pure Java
 * Kernels.Weights w1 = kernels.hold(weights); // Wˡ, for the products below
 * w1.times(a0, z1);                           // z¹ = W¹ a⁰
 * w1.addTimesTranspose(-eta, delta1, a0);     // W¹ ← W¹ − η δ¹ (a⁰)ᵀ: BP4 and the step at once
 * w1.writeBack();                             // the network's matrix gets the new values
 * }</pre>
 *
 * <h2>Three implementations</h2>
 * <ul>
 *   <li>{@link PlainKernels}: the loops {@link Matrix}'s own products use. Layers with fewer than
 *       {@link FastKernels#SMALL} weights train on them whatever the machine: there the others gain
 *       nothing, and the course's small networks train to the very numbers of the teaching core's products.</li>
 *   <li>{@link FastKernels}: Java loops in register blocks, shaped so that the JIT compiler turns
 *       them into vector instructions, for larger layers. Always there; works on the network's own arrays.</li>
 *   <li>{@link BlasKernels}: the machine's OpenBLAS through {@code dev.ludovic.netlib}, when the
 *       native library loads. It copies each weight matrix once into one contiguous array (BLAS
 *       cannot use Java's array of rows) and back when asked.</li>
 * </ul>
 * {@link #best()} takes OpenBLAS when it loads, {@code FastKernels} otherwise; the system property
 * {@code -Dbackprop.kernels=java} asks for the Java ones (the benchmark compares both that way).
 * They compute the same numbers up to rounding (a test checks the gradients to 1e-12).
 */
interface Kernels {

    /** For example {@code "OpenBLAS (native, through dev.ludovic.netlib)"}. */
    String name();

    /**
     * Wˡ made ready for the products below. Until {@link Weights#writeBack()}, the matrix itself
     * may be out of date: change the weights through the returned object only.
     */
    Weights hold(Matrix w);

    /** One weight matrix W (n_out × n_in) and the products training needs of it. */
    interface Weights {

        /** z = W a, for a batch a (n_in × m, one column per example) and z (n_out × m). */
        void times(Matrix a, Matrix z);

        /** t = Wᵀ δ, for δ (n_out × m) and t (n_in × m): BP2's (Wˡ⁺¹)ᵀ δˡ⁺¹. */
        void transposeTimes(Matrix delta, Matrix t);

        /** W ← δ aᵀ, for δ (n_out × m) and a (n_in × m): BP4's ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, when W holds a gradient. */
        void setTimesTranspose(Matrix delta, Matrix a);

        /** W ← W + α δ aᵀ, for δ (n_out × m) and a (n_in × m): BP4's δˡ (aˡ⁻¹)ᵀ, added in α times. */
        void addTimesTranspose(double alpha, Matrix delta, Matrix a);

        /** W ← W + s · V for V of the same shape held by the same kernels (momentum, weight decay). */
        void addScaled(double s, Weights v);

        /** W ← s W. */
        void scale(double s);

        /** Copies the current values into the matrix given to {@link Kernels#hold}. */
        void writeBack();
    }

    /**
     * The kernels for a network with these layer sizes: {@link #best()} when a layer has
     * {@link FastKernels#SMALL} weights or more, else {@link PlainKernels} (which all its layers
     * would use anyway), without loading the native library.
     */
    static Kernels forSizes(int[] sizes) {
        for (int l = 1; l < sizes.length; l++) {
            if ((long) sizes[l] * sizes[l - 1] >= FastKernels.SMALL) return best();
        }
        return PlainKernels.INSTANCE;
    }

    /**
     * The fastest kernels this machine has: {@link BlasKernels} when the native OpenBLAS loads,
     * {@link FastKernels} otherwise, or when {@code -Dbackprop.kernels=java} asks for them.
     */
    static Kernels best() {
        if ("java".equals(System.getProperty("backprop.kernels"))) return FastKernels.INSTANCE;
        Kernels blas = BlasKernels.loadOrNull();
        return blas != null ? blas : FastKernels.INSTANCE;
    }
}
