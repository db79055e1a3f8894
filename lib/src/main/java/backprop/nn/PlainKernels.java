package backprop.nn;

import java.util.Arrays;

/**
 * The three matrix products in their plainest fast form, computed in place into a matrix that
 * already exists. {@link Matrix#times} and its relatives, and so the teaching core
 * {@link Backprop}, compute every product here; so does training ({@link Trainer}) for layers
 * too small for {@link FastKernels} or {@link BlasKernels} to pay, which therefore train exactly as
 * the teaching core's products would.
 *
 * <pre>
 *   product(a, b, c)            c = a · b       the forward pass's Wˡ aˡ⁻¹
 *   transposeProduct(a, b, c)   c = aᵀ · b      the error sent back a layer, (Wˡ⁺¹)ᵀ δˡ⁺¹
 *   productTranspose(a, b, c)   c = a · bᵀ      the weight gradient δˡ (aˡ⁻¹)ᵀ
 * </pre>
 * The callers have checked the shapes; {@code c} is never one of the operands.
 *
 * <h2>Why the loops look the way they do</h2>
 * {@code C = A·B} is computed row by row as {@code C[i] += A[i][p] · B[p]}: the innermost loop adds
 * a multiple of one contiguous row to another ("axpy"). HotSpot's compiler turns such a loop into
 * vector instructions (8 doubles at a time on AVX-512), but only when every array in it is indexed
 * by the same expression: that is why each row is an array of its own, and why {@code A·Bᵀ}, whose
 * natural inner loop is a dot product (a sum the compiler will not reorder), first copies Bᵀ.
 * Four terms are added per pass over a row, so each row of C is read and written a quarter as often.
 */
final class PlainKernels implements Kernels {

    /** The one instance: it has no state, its weights are the network's own matrices. */
    static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {}

    @Override
    public String name() {
        return "plain Java loops (PlainKernels)";
    }

    @Override
    public Weights hold(Matrix w) {
        return new Held(w);
    }

    /** W itself, changed with Matrix's own in-place operations: the arithmetic of Network.step. */
    private static final class Held implements Weights {
        private final Matrix w;
        private Matrix gradient;   // δ aᵀ before it is added in, kept between calls

        Held(Matrix w) {
            this.w = w;
        }

        @Override public void times(Matrix a, Matrix z) {
            product(w, a, z);
        }

        @Override public void transposeTimes(Matrix delta, Matrix t) {
            transposeProduct(w, delta, t);
        }

        @Override public void setTimesTranspose(Matrix delta, Matrix a) {
            productTranspose(delta, a, w);
        }

        @Override public void addTimesTranspose(double alpha, Matrix delta, Matrix a) {
            if (gradient == null) gradient = new Matrix(w.rows(), w.cols());
            productTranspose(delta, a, gradient);
            w.addScaledInPlace(alpha, gradient);
        }

        @Override public void addScaled(double s, Weights v) {
            w.addScaledInPlace(s, ((Held) v).w);
        }

        @Override public void scale(double s) {
            w.scaleInPlace(s);
        }

        @Override public void writeBack() {
            // the operations changed the matrix itself
        }
    }

    // ------------------------------------------------------------------ the loops

    /** c = a · b. */
    static void product(Matrix a, Matrix b, Matrix c) {
        multiply(a.data, b.data, c.data, a.cols(), b.cols());
    }

    /** c = a · bᵀ, through a copy of bᵀ that c keeps between calls. */
    static void productTranspose(Matrix a, Matrix b, Matrix c) {
        // The dot-product form Σ_p a[i][p]·b[j][p] does not vectorise; the axpy form on a copy
        // of bᵀ does, and the copy costs b.rows·b.cols moves against a.rows·a.cols·b.rows products.
        // (A buffer with spare rows is fine: a training run's last, smaller batch reuses the full one's.)
        double[][] bT = c.transposeBuffer;
        if (bT == null || bT.length < b.cols() || bT[0].length != b.rows()) {
            bT = c.transposeBuffer = new double[b.cols()][b.rows()];
        }
        transpose(b.data, bT);
        multiply(a.data, bT, c.data, a.cols(), b.rows());
    }

    /** c = aᵀ · b. */
    static void transposeProduct(Matrix a, Matrix b, Matrix c) {
        double[][] x = a.data, y = b.data, out = c.data;
        int n = a.cols(), m = b.cols(), rows = a.rows();
        for (double[] row : out) Arrays.fill(row, 0.0);
        // C[i] += A[p][i] · B[p]: walk down the rows p of A and B together, four at a time.
        int p = 0;
        for (; p + 3 < rows; p += 4) {
            double[] a0 = x[p], a1 = x[p + 1], a2 = x[p + 2], a3 = x[p + 3];
            double[] b0 = y[p], b1 = y[p + 1], b2 = y[p + 2], b3 = y[p + 3];
            for (int i = 0; i < n; i++) {
                double s0 = a0[i], s1 = a1[i], s2 = a2[i], s3 = a3[i];
                double[] ci = out[i];
                for (int j = 0; j < m; j++) ci[j] += s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
            }
        }
        for (; p < rows; p++) {
            double[] ap = x[p], bp = y[p];
            for (int i = 0; i < n; i++) {
                double s = ap[i];
                double[] ci = out[i];
                for (int j = 0; j < m; j++) ci[j] += s * bp[j];
            }
        }
    }

    /** C = A·B for A with {@code k} columns and B with {@code m} columns (C's rows set by A). */
    private static void multiply(double[][] a, double[][] b, double[][] c, int k, int m) {
        for (int i = 0; i < c.length; i++) {
            double[] ai = a[i], ci = c[i];
            Arrays.fill(ci, 0.0);
            // C[i] += A[i][p] · B[p], four rows of B per pass over C[i]
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double s0 = ai[p], s1 = ai[p + 1], s2 = ai[p + 2], s3 = ai[p + 3];
                double[] b0 = b[p], b1 = b[p + 1], b2 = b[p + 2], b3 = b[p + 3];
                for (int j = 0; j < m; j++) ci[j] += s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
            }
            for (; p < k; p++) {
                double s = ai[p];
                double[] bp = b[p];
                for (int j = 0; j < m; j++) ci[j] += s * bp[j];
            }
        }
    }

    /** to = fromᵀ. */
    static void transpose(double[][] from, double[][] to) {
        for (int i = 0; i < from.length; i++) {
            double[] row = from[i];
            for (int j = 0; j < row.length; j++) to[j][i] = row[j];
        }
    }
}
