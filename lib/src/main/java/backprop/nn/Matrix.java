package backprop.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A matrix of doubles: the weights Wˡ of a layer, the weighted inputs zˡ and activations aˡ of a
 * mini-batch, the errors δˡ.
 *
 * <pre>{@code
 * Matrix w = Matrix.of(new double[] {1, 2}, new double[] {3, 4});   // 2×2
 * Matrix x = Matrix.columnVector(1, -1);                                    // 2×1
 * Matrix z = w.times(x);                                              // [-1, -1]ᵀ
 * }</pre>
 *
 * <h2>Layout</h2>
 * Row-major: row {@code i} is one contiguous {@code double[]}, element (i, j) is {@code data[i][j]}.
 * In the course a mini-batch is a matrix whose <em>columns</em> are the examples, so row {@code i}
 * of zˡ holds neuron {@code i}'s weighted input for every example of the batch.
 *
 * <h2>Two kinds of operation</h2>
 * <ul>
 *   <li>{@code times}, {@code plus}, {@code hadamard}, … return a new matrix and leave their
 *       operands alone: use them to explore.</li>
 *   <li>{@code timesInto(b, out)}, {@code plusInPlace(b)}, … write into a matrix that already
 *       exists and return it: training calls them thousands of times a second and allocates nothing.</li>
 * </ul>
 * Every operation checks shapes first and names both in its message: {@code cannot multiply 3×2 by 3×1}.
 *
 * <h2>Where the speed is</h2>
 * The products ({@code times}, {@code timesTranspose}, {@code transposeTimes} and their
 * {@code …Into} forms) are computed by {@link PlainKernels}, which explains its loops.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    /** The elements, one array per row. Package-private: activations and losses loop over it. */
    final double[][] data;
    /** A buffer for Bᵀ, kept by the output matrix of {@link #timesTransposeInto} between calls (see {@link PlainKernels}). */
    double[][] transposeBuffer;

    /** A {@code rows × cols} matrix of zeros. */
    public Matrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, got " + rows + "×" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows][cols];
    }

    /** A matrix with the given rows (copied). */
    public static Matrix of(double[]... rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row, got none");
        }
        if (rows[0] == null) {
            throw new IllegalArgumentException("row 0 is null");
        }
        var m = new Matrix(rows.length, rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != m.cols) {
                throw new IllegalArgumentException("rows must have equal lengths: row 0 has " + m.cols
                        + " entries, row " + i + " has " + (rows[i] == null ? "none (null)" : rows[i].length));
            }
            System.arraycopy(rows[i], 0, m.data[i], 0, m.cols);
        }
        return m;
    }

    /**
     * A matrix whose columns are the given arrays: {@code ofColumns(examples)} turns a list of
     * examples (rows, as in a dataset) into a mini-batch (columns, as in the equations).
     */
    public static Matrix ofColumns(double[]... columns) {
        if (columns == null || columns.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one column, got none");
        }
        if (columns[0] == null) {
            throw new IllegalArgumentException("column 0 is null");
        }
        var m = new Matrix(columns[0].length, columns.length);
        for (int j = 0; j < columns.length; j++) {
            if (columns[j] == null || columns[j].length != m.rows) {
                throw new IllegalArgumentException("columns must have equal lengths: column 0 has " + m.rows
                        + " entries, column " + j + " has " + (columns[j] == null ? "none (null)" : columns[j].length));
            }
            for (int i = 0; i < m.rows; i++) m.data[i][j] = columns[j][i];
        }
        return m;
    }

    /** A column vector (n×1): a bias bˡ, or one example. */
    public static Matrix columnVector(double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("a column vector needs at least one value");
        }
        var m = new Matrix(values.length, 1);
        for (int i = 0; i < values.length; i++) m.data[i][0] = values[i];
        return m;
    }

    /** A row vector (1×n). */
    public static Matrix rowVector(double... values) {
        return of(values);
    }

    /** A {@code rows × cols} matrix with every element equal to {@code value}. */
    public static Matrix filled(int rows, int cols, double value) {
        return new Matrix(rows, cols).fill(value);
    }

    /** The n×n identity matrix. */
    public static Matrix identity(int n) {
        var m = new Matrix(n, n);
        for (int i = 0; i < n; i++) m.data[i][i] = 1;
        return m;
    }

    /**
     * A matrix of independent Gaussian numbers with mean 0 and standard deviation {@code std},
     * drawn row by row from {@code random}: the same seed gives the same matrix.
     */
    public static Matrix gaussian(int rows, int cols, double std, Random random) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("a standard deviation must be finite and ≥ 0, got " + std);
        }
        var m = new Matrix(rows, cols);
        for (double[] row : m.data) {
            for (int j = 0; j < cols; j++) row[j] = std * random.nextGaussian();
        }
        return m;
    }

    /**
     * A matrix of independent numbers drawn uniformly from [−limit, limit], row by row, from
     * {@code random}: the same seed gives the same matrix.
     */
    public static Matrix uniform(int rows, int cols, double limit, Random random) {
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("the limit of a uniform range must be finite and ≥ 0, got " + limit);
        }
        var m = new Matrix(rows, cols);
        for (double[] row : m.data) {
            for (int j = 0; j < cols; j++) row[j] = limit * (2 * random.nextDouble() - 1);
        }
        return m;
    }

    // ------------------------------------------------------------------ shape and elements

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The shape as the course writes it, e.g. {@code "3×2"}. */
    public String shape() {
        return rows + "×" + cols;
    }

    /** Element (i, j), counting from 0. */
    public double get(int i, int j) {
        checkIndex(i, j);
        return data[i][j];
    }

    /** Sets element (i, j), counting from 0. */
    public void set(int i, int j, double value) {
        checkIndex(i, j);
        data[i][j] = value;
    }

    /** Row i, copied. */
    public double[] row(int i) {
        checkIndex(i, 0);
        return data[i].clone();
    }

    /** Column j, copied: one example of a mini-batch. */
    public double[] column(int j) {
        checkIndex(0, j);
        double[] column = new double[rows];
        for (int i = 0; i < rows; i++) column[i] = data[i][j];
        return column;
    }

    /** All the elements, copied, one array per row. */
    public double[][] toArray() {
        double[][] copy = new double[rows][];
        for (int i = 0; i < rows; i++) copy[i] = data[i].clone();
        return copy;
    }

    /** A copy of this matrix. */
    public Matrix copy() {
        return new Matrix(rows, cols).copyFrom(this);
    }

    /** Whether this matrix has the same shape as {@code other}. */
    public boolean sameShape(Matrix other) {
        return other.rows == rows && other.cols == cols;
    }

    // ------------------------------------------------------------------ products

    /** The matrix product {@code this · b}. */
    public Matrix times(Matrix b) {
        requireNotNull(b);
        return timesInto(b, new Matrix(rows, b.cols));
    }

    /** {@code this · bᵀ}, without making bᵀ first: the weight gradient δˡ (aˡ⁻¹)ᵀ. */
    public Matrix timesTranspose(Matrix b) {
        requireNotNull(b);
        return timesTransposeInto(b, new Matrix(rows, b.rows));
    }

    /** {@code thisᵀ · b}, without making thisᵀ: the error sent back a layer, (Wˡ⁺¹)ᵀ δˡ⁺¹. */
    public Matrix transposeTimes(Matrix b) {
        requireNotNull(b);
        return transposeTimesInto(b, new Matrix(cols, b.cols));
    }

    /** The transpose. */
    public Matrix transpose() {
        return transposeInto(new Matrix(cols, rows));
    }

    /** Writes {@code this · b} into {@code out} and returns {@code out}. */
    public Matrix timesInto(Matrix b, Matrix out) {
        requireNotNull(b);
        if (cols != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + b.shape()
                    + ": the first has " + cols + " columns, the second " + b.rows + " rows");
        }
        requireOut(out, rows, b.cols, "the product " + shape() + " · " + b.shape(), b);
        PlainKernels.product(this, b, out);
        return out;
    }

    /** Writes {@code this · bᵀ} into {@code out} and returns {@code out}. */
    public Matrix timesTransposeInto(Matrix b, Matrix out) {
        requireNotNull(b);
        if (cols != b.cols) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by the transpose of " + b.shape()
                    + " (" + b.cols + "×" + b.rows + "): the first has " + cols + " columns, the transpose " + b.cols + " rows");
        }
        requireOut(out, rows, b.rows, "the product " + shape() + " · (" + b.shape() + ")ᵀ", b);
        PlainKernels.productTranspose(this, b, out);
        return out;
    }

    /** Writes {@code thisᵀ · b} into {@code out} and returns {@code out}. */
    public Matrix transposeTimesInto(Matrix b, Matrix out) {
        requireNotNull(b);
        if (rows != b.rows) {
            throw new IllegalArgumentException("cannot multiply the transpose of " + shape() + " (" + cols + "×" + rows
                    + ") by " + b.shape() + ": the transpose has " + rows + " columns, the second " + b.rows + " rows");
        }
        requireOut(out, cols, b.cols, "the product (" + shape() + ")ᵀ · " + b.shape(), b);
        PlainKernels.transposeProduct(this, b, out);
        return out;
    }

    /** Writes the transpose into {@code out} and returns {@code out}. */
    public Matrix transposeInto(Matrix out) {
        requireOut(out, cols, rows, "the transpose of " + shape(), this);
        PlainKernels.transpose(data, out.data);
        return out;
    }

    // ------------------------------------------------------------------ element-wise, new matrix

    /** {@code this + b}, element by element. */
    public Matrix plus(Matrix b) {
        return copy().plusInPlace(b);
    }

    /** {@code this − b}, element by element. */
    public Matrix minus(Matrix b) {
        return copy().minusInPlace(b);
    }

    /** The Hadamard product {@code this ⊙ b}: element by element, as in δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ). */
    public Matrix hadamard(Matrix b) {
        return copy().hadamardInPlace(b);
    }

    /** Every element times {@code s}. */
    public Matrix scale(double s) {
        return copy().scaleInPlace(s);
    }

    /** {@code f} applied to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        return copy().mapInPlace(f);
    }

    /**
     * Adds the column vector {@code v} to every column: {@code z = W a + b} for a whole batch,
     * the bias broadcast across the examples.
     */
    public Matrix addColumnVector(Matrix v) {
        return copy().addColumnVectorInPlace(v);
    }

    /** The sum of each row, as a column vector (n×1): ∂C/∂bˡ adds up δˡ over the batch's columns this way. */
    public Matrix rowSums() {
        return rowSumsInto(new Matrix(rows, 1));
    }

    /** The sum of each column, as a row vector (1×m). */
    public Matrix columnSums() {
        var out = new Matrix(1, cols);
        double[] sums = out.data[0];
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) sums[j] += row[j];
        }
        return out;
    }

    /** The sum of all elements. */
    public double sum() {
        double total = 0;
        for (double[] row : data) {
            for (double x : row) total += x;
        }
        return total;
    }

    /** The largest absolute value of an element. */
    public double maxAbs() {
        double max = 0;
        for (double[] row : data) {
            for (double x : row) max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    /**
     * For each column, the row of its largest element (the first one on a tie): the class a
     * network predicts for each example of a batch.
     */
    public int[] argmaxPerColumn() {
        int[] best = new int[cols];
        double[] max = data[0].clone();
        for (int i = 1; i < rows; i++) {
            double[] row = data[i];
            for (int j = 0; j < cols; j++) {
                if (row[j] > max[j]) {
                    max[j] = row[j];
                    best[j] = i;
                }
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ in place

    /** Adds {@code b} to this matrix, element by element; returns this. */
    public Matrix plusInPlace(Matrix b) {
        requireSameShape(b, "add");
        for (int i = 0; i < rows; i++) {
            double[] x = data[i], y = b.data[i];
            for (int j = 0; j < cols; j++) x[j] += y[j];
        }
        return this;
    }

    /** Subtracts {@code b} from this matrix, element by element; returns this. */
    public Matrix minusInPlace(Matrix b) {
        requireSameShape(b, "subtract");
        for (int i = 0; i < rows; i++) {
            double[] x = data[i], y = b.data[i];
            for (int j = 0; j < cols; j++) x[j] -= y[j];
        }
        return this;
    }

    /** Multiplies this matrix by {@code b} element by element (⊙); returns this. */
    public Matrix hadamardInPlace(Matrix b) {
        requireSameShape(b, "take the Hadamard product of");
        for (int i = 0; i < rows; i++) {
            double[] x = data[i], y = b.data[i];
            for (int j = 0; j < cols; j++) x[j] *= y[j];
        }
        return this;
    }

    /** Multiplies every element by {@code s}; returns this. */
    public Matrix scaleInPlace(double s) {
        for (double[] x : data) {
            for (int j = 0; j < cols; j++) x[j] *= s;
        }
        return this;
    }

    /** Adds {@code s · b} to this matrix: the gradient step {@code W.addScaledInPlace(-η, ∂C/∂W)}. */
    public Matrix addScaledInPlace(double s, Matrix b) {
        requireSameShape(b, "add a multiple of");
        for (int i = 0; i < rows; i++) {
            double[] x = data[i], y = b.data[i];
            for (int j = 0; j < cols; j++) x[j] += s * y[j];
        }
        return this;
    }

    /** Replaces every element x by f(x); returns this. */
    public Matrix mapInPlace(DoubleUnaryOperator f) {
        if (f == null) throw new IllegalArgumentException("the function to map is null");
        for (double[] x : data) {
            for (int j = 0; j < cols; j++) x[j] = f.applyAsDouble(x[j]);
        }
        return this;
    }

    /** Adds the column vector {@code v} (rows × 1) to every column; returns this. */
    public Matrix addColumnVectorInPlace(Matrix v) {
        requireNotNull(v);
        if (v.cols != 1 || v.rows != rows) {
            throw new IllegalArgumentException("cannot add " + v.shape() + " to every column of " + shape()
                    + ": need a column vector of " + rows + "×1");
        }
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double bias = v.data[i][0];
            for (int j = 0; j < cols; j++) x[j] += bias;
        }
        return this;
    }

    /** Writes the sum of each row into the column vector {@code out} and returns {@code out}. */
    public Matrix rowSumsInto(Matrix out) {
        requireOut(out, rows, 1, "the row sums of " + shape(), this);
        for (int i = 0; i < rows; i++) {
            double total = 0;
            for (double x : data[i]) total += x;
            out.data[i][0] = total;
        }
        return out;
    }

    /** Sets every element to {@code value}; returns this. */
    public Matrix fill(double value) {
        for (double[] x : data) Arrays.fill(x, value);
        return this;
    }

    /** Copies the elements of {@code b}, which must have this matrix's shape; returns this. */
    public Matrix copyFrom(Matrix b) {
        requireSameShape(b, "copy");
        if (b != this) {
            for (int i = 0; i < rows; i++) System.arraycopy(b.data[i], 0, data[i], 0, cols);
        }
        return this;
    }

    // ------------------------------------------------------------------ checks

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IllegalArgumentException("index (" + i + ", " + j + ") is outside the " + shape()
                    + " matrix: rows 0 to " + (rows - 1) + ", columns 0 to " + (cols - 1));
        }
    }

    private static void requireNotNull(Matrix b) {
        if (b == null) throw new IllegalArgumentException("the other matrix is null");
    }

    private void requireSameShape(Matrix b, String verb) {
        requireNotNull(b);
        if (!sameShape(b)) {
            throw new IllegalArgumentException("cannot " + verb + " " + b.shape() + " and " + shape() + ": the shapes differ");
        }
    }

    /** The output of a product must have its shape and must not be one of the operands. */
    private void requireOut(Matrix out, int r, int c, String what, Matrix other) {
        if (out == null) throw new IllegalArgumentException("the output matrix is null");
        if (out.rows != r || out.cols != c) {
            throw new IllegalArgumentException(what + " is " + r + "×" + c + ", but the output matrix is " + out.shape());
        }
        if (out == this || out == other) {
            throw new IllegalArgumentException("the output matrix must not be one of the operands: "
                    + what + " would overwrite its own input while reading it");
        }
    }

    // ------------------------------------------------------------------ equality and text

    /** Equal shapes and exactly equal elements. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Matrix other) || !sameShape(other)) return false;
        for (int i = 0; i < rows; i++) {
            if (!Arrays.equals(data[i], other.data[i])) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(data);
    }

    /** Rows shown by {@link #toString()}: a taller matrix shows its first and last rows. */
    static final int SHOWN_ROWS = 10;
    /** Columns shown by {@link #toString()}: a wider matrix shows its first and last columns. */
    static final int SHOWN_COLS = 8;

    /**
     * The matrix as aligned text, with its shape on the first line. A large matrix shows its
     * corners, with ⋮ and … for what is left out:
     * <pre>
     * 2×3
     * [  1.0000  -2.5000   3.0000 ]
     * [  0.5000   0.0000  10.0000 ]
     * </pre>
     */
    @Override
    public String toString() {
        int[] shownRows = corners(rows, SHOWN_ROWS);
        int[] shownCols = corners(cols, SHOWN_COLS);
        String[][] cells = new String[shownRows.length][shownCols.length];
        int width = 1;
        for (int r = 0; r < shownRows.length; r++) {
            for (int c = 0; c < shownCols.length; c++) {
                String cell = shownRows[r] < 0 ? "⋮" : shownCols[c] < 0 ? "…" : format(data[shownRows[r]][shownCols[c]]);
                cells[r][c] = cell;
                width = Math.max(width, cell.length());
            }
        }
        var text = new StringBuilder(shape());
        for (String[] line : cells) {
            text.append("\n[ ");
            for (int c = 0; c < line.length; c++) {
                if (c > 0) text.append("  ");
                text.append(" ".repeat(width - line[c].length())).append(line[c]);
            }
            text.append(" ]");
        }
        return text.toString();
    }

    /** Indices 0..n-1, or the first and last few with -1 marking the gap. */
    private static int[] corners(int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int tail = (max - 1) / 3;
        int head = max - 1 - tail;
        int[] shown = new int[max];
        for (int i = 0; i < head; i++) shown[i] = i;
        shown[head] = -1;
        for (int i = 0; i < tail; i++) shown[head + 1 + i] = n - tail + i;
        return shown;
    }

    private static String format(double x) {
        if (x == 0) return "0.0000";
        double magnitude = Math.abs(x);
        if (Double.isFinite(x) && (magnitude < 1e-3 || magnitude >= 1e5)) return String.format(Locale.ROOT, "%.3e", x);
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
