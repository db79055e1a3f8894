package backprop.nn;

import java.util.Arrays;

/**
 * The products of training in plain Java, written for speed: the forward pass's z = W a, BP2's
 * Wᵀ δ, and BP4 added straight into the weights, W ← W + α δ aᵀ. They are the pure-Java
 * {@link Kernels} for large layers (always available; {@link BlasKernels} is used instead when
 * OpenBLAS loads). Small layers go to {@link PlainKernels}, as {@link Matrix}'s products do.
 *
 * <pre>{@code
 * FastKernels.times(w, a, z);                        // z = W a          (one column per example)
 * FastKernels.addOuterProducts(w, -eta, delta, aT, m);  // W ← W − η δ aᵀ   (BP4 and the step in one pass)
 * }</pre>
 *
 * <h2>Layouts</h2>
 * Every matrix is a {@code double[][]}, one array per row, as in {@link Matrix}. A weight matrix
 * W is n_out × n_in; a batch of m examples is n × m (one column per example, as in the
 * equations), except the {@code aT} of {@link #addOuterProducts}, which holds one <em>row</em> per
 * example.
 *
 * <h2>Why the loops look like this</h2>
 * HotSpot's optimising compiler (C2) turns an innermost loop into vector instructions (8 doubles
 * at a time with AVX-512) when its body does the same thing to consecutive elements of arrays
 * indexed by the loop variable: {@code z0[b] = fma(w00, x0[b], z0[b])}. So each kernel's innermost
 * loop runs along a row, never down a column, and is an "axpy" (row += scalar × row), never a dot
 * product (a sum C2 may not reorder, so does not vectorise). Around it, a small block of rows is
 * held in registers ("register blocking"): each element loaded from memory is used for several
 * multiply-adds, because loads and stores, not arithmetic, limit such loops.
 *
 * <p>The block sizes were measured, not guessed (bench/README.md has the figures): on JDK 17,
 * C2 stops vectorising a loop body with four input rows and more than one output row (it falls
 * back to scalar code, three times slower), so both products work on blocks of 4 output rows ×
 * 2 input rows: 8 multiply-adds per 2 loads of the input and 4 loads and stores of the output.
 * (JDK 25 vectorises 4 × 4 blocks too, faster still there; 4 × 2 is the best block both do.)
 * {@code Math.fma} (one rounding) is used where the teaching code writes {@code a * b + c}
 * (two roundings): the results agree to about 1e-15 relative.
 *
 * <p>Under the C1 compiler alone ({@code -XX:TieredStopAtLevel=1}) nothing here is vectorised:
 * these loops then run at roughly scalar speed, several times slower.
 */
final class FastKernels implements Kernels {

    /** The one instance: it has no state, its weights are the network's own arrays. */
    static final FastKernels INSTANCE = new FastKernels();

    private FastKernels() {}

    @Override
    public String name() {
        return "pure Java (FastKernels)";
    }

    /** Wˡ itself; below {@link #SMALL} weights, through {@link PlainKernels}, as the teaching core computes it. */
    @Override
    public Weights hold(Matrix w) {
        return isSmall(w) ? PlainKernels.INSTANCE.hold(w) : new Held(w);
    }

    /**
     * Fewer weights than this and a layer trains on {@link PlainKernels}: the blocks here, or a
     * native call and its copies in {@link BlasKernels}, gain nothing on such a product, and the
     * small networks of the course then train to exactly the numbers of the teaching core's products.
     */
    static final int SMALL = 16_384;

    static boolean isSmall(Matrix w) {
        return (long) w.rows() * w.cols() < SMALL;
    }

    /** W itself: the products work on the matrix's own rows, so there is nothing to write back. */
    private static final class Held implements Weights {
        private final double[][] w;
        private double[][] aT = new double[0][];   // aᵀ for addTimesTranspose, kept between calls

        Held(Matrix w) {
            this.w = w.data;
        }

        @Override public void times(Matrix a, Matrix z) {
            FastKernels.times(w, a.data, z.data);
        }

        @Override public void transposeTimes(Matrix delta, Matrix t) {
            FastKernels.transposeTimes(w, delta.data, t.data);
        }

        @Override public void setTimesTranspose(Matrix delta, Matrix a) {
            for (double[] row : w) Arrays.fill(row, 0.0);
            addTimesTranspose(1.0, delta, a);
        }

        @Override public void addTimesTranspose(double alpha, Matrix delta, Matrix a) {
            // the outer-product loop runs along a row of W, so it wants one row of a per example
            if (aT.length != a.cols() || aT[0].length != a.rows()) aT = new double[a.cols()][a.rows()];
            transpose(a.data, aT);
            addOuterProducts(w, alpha, delta.data, aT, a.cols());
        }

        @Override public void addScaled(double s, Weights v) {
            double[][] other = ((Held) v).w;
            for (int j = 0; j < w.length; j++) axpy(s, other[j], w[j]);
        }

        @Override public void scale(double s) {
            for (double[] row : w) {
                for (int k = 0; k < row.length; k++) row[k] *= s;
            }
        }

        @Override public void writeBack() {
            // the products changed the matrix's own rows
        }
    }

    // ------------------------------------------------------------------ the loops

    /**
     * z = W a: {@code z[j][b] = Σ_k w[j][k] a[k][b]}, for W (n_out × n_in), a (n_in × m) and z
     * (n_out × m). The forward pass's weighted input, before the bias.
     */
    static void times(double[][] w, double[][] a, double[][] z) {
        int rows = z.length, inner = a.length;
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            double[] w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
            double[] z0 = z[j], z1 = z[j + 1], z2 = z[j + 2], z3 = z[j + 3];
            Arrays.fill(z0, 0.0);
            Arrays.fill(z1, 0.0);
            Arrays.fill(z2, 0.0);
            Arrays.fill(z3, 0.0);
            int k = 0;
            for (; k + 1 < inner; k += 2) {
                timesBlock4x2(a[k], a[k + 1], z0, z1, z2, z3,
                        w0[k], w0[k + 1], w1[k], w1[k + 1], w2[k], w2[k + 1], w3[k], w3[k + 1]);
            }
            if (k < inner) {
                axpy(w0[k], a[k], z0);
                axpy(w1[k], a[k], z1);
                axpy(w2[k], a[k], z2);
                axpy(w3[k], a[k], z3);
            }
        }
        for (; j < rows; j++) {
            double[] wj = w[j], zj = z[j];
            Arrays.fill(zj, 0.0);
            for (int k = 0; k < inner; k++) axpy(wj[k], a[k], zj);
        }
    }

    /** Four rows of z, two rows of a: 8 multiply-adds per 2 loads of a and 4 loads and stores of z. */
    private static void timesBlock4x2(double[] x0, double[] x1, double[] z0, double[] z1, double[] z2, double[] z3,
                                      double p0, double p1, double q0, double q1, double r0, double r1, double s0, double s1) {
        for (int b = 0; b < z0.length; b++) {
            double v0 = x0[b], v1 = x1[b];
            z0[b] = Math.fma(p1, v1, Math.fma(p0, v0, z0[b]));
            z1[b] = Math.fma(q1, v1, Math.fma(q0, v0, z1[b]));
            z2[b] = Math.fma(r1, v1, Math.fma(r0, v0, z2[b]));
            z3[b] = Math.fma(s1, v1, Math.fma(s0, v0, z3[b]));
        }
    }

    /** y ← y + s x. */
    private static void axpy(double s, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] = Math.fma(s, x[i], y[i]);
    }

    /**
     * t = Wᵀ δ: {@code t[k][b] = Σ_j w[j][k] delta[j][b]}, for W (n_out × n_in), δ (n_out × m)
     * and t (n_in × m). BP2's (Wˡ⁺¹)ᵀ δˡ⁺¹, before ⊙ σ′(zˡ).
     */
    static void transposeTimes(double[][] w, double[][] delta, double[][] t) {
        for (double[] row : t) Arrays.fill(row, 0.0);
        int outs = w.length, ins = t.length;
        int j = 0;
        for (; j + 3 < outs; j += 4) {
            double[] w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
            double[] d0 = delta[j], d1 = delta[j + 1], d2 = delta[j + 2], d3 = delta[j + 3];
            for (int k = 0; k < ins; k++) {
                double p0 = w0[k], p1 = w1[k], p2 = w2[k], p3 = w3[k];
                double[] tk = t[k];
                for (int b = 0; b < tk.length; b++) {
                    tk[b] = Math.fma(p3, d3[b], Math.fma(p2, d2[b], Math.fma(p1, d1[b], Math.fma(p0, d0[b], tk[b]))));
                }
            }
        }
        for (; j < outs; j++) {
            double[] wj = w[j], dj = delta[j];
            for (int k = 0; k < ins; k++) axpy(wj[k], dj, t[k]);
        }
    }

    /**
     * W ← W + α δ aᵀ: {@code w[j][k] += alpha · Σ_b delta[j][b] aT[b][k]}, for W (n_out × n_in),
     * δ (n_out × m) and aT (m × n_in, one row per example). With W = 0 and α = 1 it is BP4's
     * ∂C/∂W = δ aᵀ; with the weights and α = −η it is BP4 and the gradient step at once, without
     * ever storing ∂C/∂W (which would be written once and read once more per batch).
     *
     * <p>Only the first {@code examples} rows of aT (and columns of δ) are used, so a batch's
     * rows can be looked up in a longer array.
     */
    static void addOuterProducts(double[][] w, double alpha, double[][] delta, double[][] aT, int examples) {
        int rows = w.length;
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            double[] w0 = w[j], w1 = w[j + 1], w2 = w[j + 2], w3 = w[j + 3];
            double[] d0 = delta[j], d1 = delta[j + 1], d2 = delta[j + 2], d3 = delta[j + 3];
            int b = 0;
            for (; b + 1 < examples; b += 2) {
                outerBlock4x2(w0, w1, w2, w3, aT[b], aT[b + 1],
                        alpha * d0[b], alpha * d0[b + 1], alpha * d1[b], alpha * d1[b + 1],
                        alpha * d2[b], alpha * d2[b + 1], alpha * d3[b], alpha * d3[b + 1]);
            }
            if (b < examples) {
                double[] x = aT[b];
                axpy(alpha * d0[b], x, w0);
                axpy(alpha * d1[b], x, w1);
                axpy(alpha * d2[b], x, w2);
                axpy(alpha * d3[b], x, w3);
            }
        }
        for (; j < rows; j++) {
            double[] wj = w[j], dj = delta[j];
            for (int b = 0; b < examples; b++) axpy(alpha * dj[b], aT[b], wj);
        }
    }

    /** Four rows of W, two examples: 8 multiply-adds per 2 loads of aᵀ and 4 loads and stores of W. */
    private static void outerBlock4x2(double[] w0, double[] w1, double[] w2, double[] w3, double[] x0, double[] x1,
                                      double s00, double s01, double s10, double s11,
                                      double s20, double s21, double s30, double s31) {
        for (int k = 0; k < w0.length; k++) {
            double v0 = x0[k], v1 = x1[k];
            w0[k] = Math.fma(s01, v1, Math.fma(s00, v0, w0[k]));
            w1[k] = Math.fma(s11, v1, Math.fma(s10, v0, w1[k]));
            w2[k] = Math.fma(s21, v1, Math.fma(s20, v0, w2[k]));
            w3[k] = Math.fma(s31, v1, Math.fma(s30, v0, w3[k]));
        }
    }

    /**
     * to = fromᵀ, for {@code from} (n × m) and {@code to} (m × n). Copied in tiles of 8 × 8 so that
     * both sides stay in the cache.
     */
    static void transpose(double[][] from, double[][] to) {
        int n = from.length, m = to.length;
        for (int i0 = 0; i0 < n; i0 += 8) {
            int i1 = Math.min(n, i0 + 8);
            for (int j0 = 0; j0 < m; j0 += 8) {
                int j1 = Math.min(m, j0 + 8);
                for (int i = i0; i < i1; i++) {
                    double[] row = from[i];
                    for (int j = j0; j < j1; j++) to[j][i] = row[j];
                }
            }
        }
    }
}
