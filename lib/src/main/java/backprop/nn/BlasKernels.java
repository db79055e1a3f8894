package backprop.nn;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Kernels} of the machine's OpenBLAS (Debian's {@code libopenblas0}: the file
 * {@code libopenblas.so.0}), called through {@code dev.ludovic.netlib}, the binding Spark uses.
 * It is used only when that library is there, loads, and answers a small product correctly;
 * otherwise {@link Kernels#best()} falls back to {@link FastKernels}, and nothing else changes.
 * (netlib would otherwise load whatever {@code libblas.so.3} is, possibly the reference BLAS,
 * which is slower than the Java loops: so it is pointed at OpenBLAS by name.)
 *
 * <h2>Layout</h2>
 * BLAS wants each matrix as one contiguous array; a {@link Matrix} is an array of rows. So a held
 * weight matrix is copied once into a row-major {@code double[]} (and back by {@code writeBack});
 * a batch (n × m, a few thousand numbers) is copied in and out at each product, which costs a
 * small fraction of the product itself. BLAS counts in column-major order: a row-major n × m
 * array is, to BLAS, the m × n matrix of its transpose, so every call below is written for the
 * transposes (zᵀ = aᵀ Wᵀ and so on).
 *
 * <p>Small layers (the 64-64-10 digits network, the last layer of 784-100-10) stay on
 * {@link PlainKernels}: see {@link #hold}.
 *
 * <h2>Threads</h2>
 * OpenBLAS uses as many threads as {@code OPENBLAS_NUM_THREADS} says (all cores when unset);
 * {@code ./course bench} sets it to 1 for the single-threaded figure.
 */
final class BlasKernels implements Kernels {

    /** netlib's loader logs a warning for each implementation it fails to load; the kit says itself which kernels run. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

    /** netlib's setting for the native library's file; a user who sets it chooses another BLAS. */
    private static final String LIBRARY_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

    /**
     * Where Linux distributions install OpenBLAS (Debian and Ubuntu, Fedora, Arch). The kernel's
     * installer looks at the same files to choose the kernel's compiler (tools/install_kernel.py,
     * {@code openblas_library}); tools/kernel_checks.py checks that the two agree.
     */
    private static final List<String> OPENBLAS = List.of(
            "/usr/lib/" + System.getProperty("os.arch").replace("amd64", "x86_64") + "-linux-gnu/libopenblas.so.0",
            "/usr/lib64/libopenblas.so.0", "/usr/lib/libopenblas.so.0");

    private final NativeBLAS blas;

    private BlasKernels(NativeBLAS blas) {
        this.blas = blas;
    }

    /** The native kernels, or null when the library does not load or computes a test product wrongly. */
    static BlasKernels loadOrNull() {
        return Loaded.KERNELS;
    }

    /** Loaded once, on first use. */
    private static final class Loaded {
        static final BlasKernels KERNELS = load();

        private static BlasKernels load() {
            NETLIB_LOG.setLevel(Level.OFF);
            if (System.getProperty(LIBRARY_PATH) == null) {
                Path openBlas = OPENBLAS.stream().map(Path::of).filter(Files::exists).findFirst().orElse(null);
                if (openBlas == null) return null;
                System.setProperty(LIBRARY_PATH, openBlas.toString());
            }
            try {
                var kernels = new BlasKernels(NativeBLAS.getInstance());
                return kernels.answersCorrectly() ? kernels : null;
            } catch (RuntimeException | LinkageError e) {   // no libblas.so.3, or a JNI library for another platform
                return null;
            }
        }
    }

    /** [1 2; 3 4] · [5; 6] = [17; 39]: a library that loads but computes something else is not used. */
    private boolean answersCorrectly() {
        var w = new Matrix(2, 2);
        w.set(0, 0, 1);
        w.set(0, 1, 2);
        w.set(1, 0, 3);
        w.set(1, 1, 4);
        var x = new Matrix(2, 1);
        x.set(0, 0, 5);
        x.set(1, 0, 6);
        var z = new Matrix(2, 1);
        new Held(w).times(x, z);
        return z.get(0, 0) == 17 && z.get(1, 0) == 39;
    }

    @Override
    public String name() {
        return "OpenBLAS (native, through dev.ludovic.netlib)";
    }

    /**
     * Wˡ in one array for BLAS; or, below {@link FastKernels#SMALL} weights, the network's own
     * matrix through {@link PlainKernels}, because a native call and the copies cost more than a small product.
     */
    @Override
    public Weights hold(Matrix w) {
        return FastKernels.isSmall(w) ? PlainKernels.INSTANCE.hold(w) : new Held(w);
    }

    /** W as one row-major array, with buffers for the batches that meet it. */
    private final class Held implements Weights {
        private final Matrix matrix;
        private final int rows, cols;   // n_out, n_in
        private final double[] w;
        private double[] in = new double[0], out = new double[0];

        Held(Matrix matrix) {
            this.matrix = matrix;
            this.rows = matrix.rows();
            this.cols = matrix.cols();
            this.w = new double[rows * cols];
            for (int j = 0; j < rows; j++) System.arraycopy(matrix.data[j], 0, w, j * cols, cols);
        }

        @Override public void times(Matrix a, Matrix z) {
            int m = a.cols();
            double[] flatA = flatten(a, false), flatZ = buffer(rows * m);
            // z = W a, row-major; to BLAS: zᵀ (m × n_out) = aᵀ (m × n_in) · Wᵀ (n_in × n_out)
            blas.dgemm("N", "N", m, rows, cols, 1.0, flatA, m, w, cols, 0.0, flatZ, m);
            unflatten(flatZ, z);
        }

        @Override public void transposeTimes(Matrix delta, Matrix t) {
            int m = delta.cols();
            double[] flatDelta = flatten(delta, false), flatT = buffer(cols * m);
            // t = Wᵀ δ, row-major; to BLAS: tᵀ (m × n_in) = δᵀ (m × n_out) · W (n_out × n_in)
            blas.dgemm("N", "T", m, cols, rows, 1.0, flatDelta, m, w, cols, 0.0, flatT, m);
            unflatten(flatT, t);
        }

        @Override public void setTimesTranspose(Matrix delta, Matrix a) {
            addTimesTranspose(1.0, delta, a, 0.0);
        }

        @Override public void addTimesTranspose(double alpha, Matrix delta, Matrix a) {
            addTimesTranspose(alpha, delta, a, 1.0);
        }

        /** W ← β W + α δ aᵀ. */
        private void addTimesTranspose(double alpha, Matrix delta, Matrix a, double beta) {
            int m = a.cols();
            double[] flatA = flatten(a, false), flatDelta = flatten(delta, true);
            // W += α δ aᵀ, row-major; to BLAS: Wᵀ (n_in × n_out) += α a (n_in × m) · δᵀ (m × n_out)
            blas.dgemm("T", "N", cols, rows, m, alpha, flatA, m, flatDelta, m, beta, w, cols);
        }

        @Override public void addScaled(double s, Weights v) {
            blas.daxpy(w.length, s, ((Held) v).w, 1, w, 1);
        }

        @Override public void scale(double s) {
            blas.dscal(w.length, s, w, 1);
        }

        @Override public void writeBack() {
            for (int j = 0; j < rows; j++) System.arraycopy(w, j * cols, matrix.data[j], 0, cols);
        }

        /** The matrix as one row-major array: into the input buffer, or into the output buffer when {@code second}. */
        private double[] flatten(Matrix x, boolean second) {
            int n = x.rows(), m = x.cols();
            double[] flat = second ? buffer(n * m) : input(n * m);
            for (int i = 0; i < n; i++) System.arraycopy(x.data[i], 0, flat, i * m, m);
            return flat;
        }

        private void unflatten(double[] flat, Matrix x) {
            int m = x.cols();
            for (int i = 0; i < x.rows(); i++) System.arraycopy(flat, i * m, x.data[i], 0, m);
        }

        private double[] input(int size) {
            if (in.length < size) in = new double[size];
            return in;
        }

        private double[] buffer(int size) {
            if (out.length < size) out = new double[size];
            return out;
        }
    }
}
