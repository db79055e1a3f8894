package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatrixTest {

    static String problem(Runnable making) {
        return assertThrows(IllegalArgumentException.class, making::run).getMessage();
    }

    /** The textbook triple loop, the reference the fast kernels are checked against. */
    static Matrix naiveProduct(Matrix a, Matrix b) {
        var c = new Matrix(a.rows(), b.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double sum = 0;
                for (int p = 0; p < a.cols(); p++) sum += a.get(i, p) * b.get(p, j);
                c.set(i, j, sum);
            }
        }
        return c;
    }

    static void assertClose(Matrix expected, Matrix actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                assertEquals(expected.get(i, j), actual.get(i, j), tolerance, "element (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void aSmallProductByHand() {
        Matrix w = Matrix.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
        Matrix x = Matrix.of(new double[] {1, -1, 2}, new double[] {0, 1, 0.5});
        // [1 2; 3 4; 5 6] · [1 -1 2; 0 1 0.5] = [1 1 3; 3 1 8; 5 1 13]
        assertEquals(Matrix.of(new double[] {1, 1, 3}, new double[] {3, 1, 8}, new double[] {5, 1, 13}), w.times(x));
    }

    @Test
    void productsAgreeWithTheTripleLoopForEveryRemainderOfTheUnrolling() {
        var random = new Random(3);
        for (int n : new int[] {1, 2, 5}) {
            for (int k = 1; k <= 9; k++) {                 // 1 … 9 covers every k mod 4
                for (int m : new int[] {1, 3, 8, 33}) {
                    Matrix a = Matrix.gaussian(n, k, 1, random);
                    Matrix b = Matrix.gaussian(k, m, 1, random);
                    Matrix expected = naiveProduct(a, b);
                    assertClose(expected, a.times(b), 1e-12);
                    assertClose(expected, a.timesTranspose(b.transpose()), 1e-12);
                    assertClose(expected, a.transpose().transposeTimes(b), 1e-12);
                }
            }
        }
    }

    @Test
    void productsIntoAPreallocatedMatrixOverwriteItAndReuseTheTransposeBuffer() {
        var random = new Random(5);
        Matrix delta = Matrix.gaussian(6, 32, 1, random);
        Matrix a = Matrix.gaussian(7, 32, 1, random);
        Matrix out = Matrix.filled(6, 7, 99);
        assertSame(out, delta.timesTransposeInto(a, out));
        assertClose(naiveProduct(delta, a.transpose()), out, 1e-12);
        // a smaller batch (fewer columns) afterwards, as the last batch of an epoch
        Matrix delta2 = Matrix.gaussian(6, 29, 1, random);
        Matrix a2 = Matrix.gaussian(7, 29, 1, random);
        delta2.timesTransposeInto(a2, out);
        assertClose(naiveProduct(delta2, a2.transpose()), out, 1e-12);
        // and a bigger one again
        Matrix delta3 = Matrix.gaussian(6, 40, 1, random);
        Matrix a3 = Matrix.gaussian(7, 40, 1, random);
        delta3.timesTransposeInto(a3, out);
        assertClose(naiveProduct(delta3, a3.transpose()), out, 1e-12);
        Matrix z = Matrix.filled(6, 32, -1);
        Matrix w = Matrix.gaussian(6, 7, 1, random);
        w.timesInto(a, z);
        assertClose(naiveProduct(w, a), z, 1e-12);
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        Matrix a = new Matrix(3, 2), b = new Matrix(3, 1);
        assertTrue(problem(() -> a.times(b)).startsWith("cannot multiply 3×2 by 3×1"));
        assertTrue(problem(() -> a.timesTranspose(new Matrix(4, 3))).startsWith("cannot multiply 3×2 by the transpose of 4×3"));
        assertTrue(problem(() -> a.transposeTimes(new Matrix(2, 2))).startsWith("cannot multiply the transpose of 3×2 (2×3) by 2×2"));
        assertTrue(problem(() -> a.plus(b)).contains("3×1 and 3×2"));
        assertTrue(problem(() -> a.minus(b)).contains("3×1 and 3×2"));
        assertTrue(problem(() -> a.hadamard(new Matrix(2, 3))).contains("2×3 and 3×2"));
        assertTrue(problem(() -> a.addColumnVector(new Matrix(2, 1))).contains("cannot add 2×1 to every column of 3×2"));
        assertTrue(problem(() -> a.timesInto(new Matrix(2, 4), new Matrix(3, 3))).contains("is 3×4, but the output matrix is 3×3"));
        assertTrue(problem(() -> a.rowSumsInto(new Matrix(2, 1))).contains("is 3×1, but the output matrix is 2×1"));
    }

    @Test
    void aProductCannotWriteIntoItsOwnOperand() {
        Matrix a = Matrix.identity(3), b = Matrix.filled(3, 3, 2);
        assertTrue(problem(() -> a.timesInto(b, b)).contains("must not be one of the operands"));
        assertTrue(problem(() -> a.timesTransposeInto(b, a)).contains("must not be one of the operands"));
        assertTrue(problem(() -> a.transposeTimesInto(b, b)).contains("must not be one of the operands"));
        assertTrue(problem(() -> a.transposeInto(a)).contains("must not be one of the operands"));
    }

    @Test
    void badConstructionIsNamed() {
        assertTrue(problem(() -> new Matrix(0, 3)).contains("got 0×3"));
        assertTrue(problem(() -> Matrix.of(new double[] {1, 2}, new double[] {3})).contains("row 0 has 2 entries, row 1 has 1"));
        assertTrue(problem(() -> Matrix.ofColumns(new double[] {1, 2}, new double[] {3})).contains("column 0 has 2 entries, column 1 has 1"));
        assertTrue(problem(Matrix::of).contains("at least one row"));
        assertTrue(problem(() -> Matrix.gaussian(2, 2, Double.NaN, new Random(0))).contains("NaN"));
        assertTrue(problem(() -> Matrix.identity(2).get(2, 0)).contains("index (2, 0) is outside the 2×2 matrix"));
        assertTrue(problem(() -> Matrix.identity(2).set(0, -1, 1)).contains("index (0, -1)"));
    }

    @Test
    void elementWiseOperationsAndTheirInPlaceTwins() {
        Matrix a = Matrix.of(new double[] {1, 2}, new double[] {3, 4});
        Matrix b = Matrix.of(new double[] {10, 20}, new double[] {30, 40});
        assertEquals(Matrix.of(new double[] {11, 22}, new double[] {33, 44}), a.plus(b));
        assertEquals(Matrix.of(new double[] {9, 18}, new double[] {27, 36}), b.minus(a));
        assertEquals(Matrix.of(new double[] {10, 40}, new double[] {90, 160}), a.hadamard(b));
        assertEquals(Matrix.of(new double[] {-2, -4}, new double[] {-6, -8}), a.scale(-2));
        assertEquals(Matrix.of(new double[] {1, 4}, new double[] {9, 16}), a.map(x -> x * x));
        assertEquals(Matrix.of(new double[] {1, 2}, new double[] {3, 4}), a, "the allocating versions leave their operand alone");
        Matrix c = a.copy();
        assertSame(c, c.addScaledInPlace(0.5, b));
        assertEquals(Matrix.of(new double[] {6, 12}, new double[] {18, 24}), c);
        assertEquals(Matrix.of(new double[] {2, 3}, new double[] {2, 5}), a.transpose().plus(Matrix.identity(2)));
    }

    @Test
    void theBiasIsBroadcastToEveryColumn() {
        Matrix z = Matrix.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        Matrix b = Matrix.columnVector(10, -1);
        assertEquals(Matrix.of(new double[] {11, 12, 13}, new double[] {3, 4, 5}), z.addColumnVector(b));
    }

    @Test
    void sumsAndArgmax() {
        Matrix m = Matrix.of(new double[] {1, 5, 2}, new double[] {3, 5, -1});
        assertEquals(Matrix.columnVector(8, 7), m.rowSums());
        assertEquals(Matrix.rowVector(4, 10, 1), m.columnSums());
        assertEquals(15, m.sum());
        assertEquals(5, m.maxAbs());
        assertArrayEquals(new int[] {1, 0, 0}, m.argmaxPerColumn(), "a tie goes to the first row");
    }

    @Test
    void columnsAreExamples() {
        Matrix batch = Matrix.ofColumns(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertEquals("3×2", batch.shape());
        assertArrayEquals(new double[] {4, 5, 6}, batch.column(1));
        assertArrayEquals(new double[] {2, 5}, batch.row(1));
        double[][] rows = batch.toArray();
        rows[0][0] = 100;
        assertEquals(1, batch.get(0, 0), "toArray copies");
    }

    @Test
    void toStringAlignsASmallMatrixAndShowsTheCornersOfABigOne() {
        Matrix m = Matrix.of(new double[] {1, -2.5, 3}, new double[] {0.5, 0, 10});
        assertEquals("2×3\n[  1.0000  -2.5000   3.0000 ]\n[  0.5000   0.0000  10.0000 ]", m.toString());
        Matrix big = new Matrix(64, 32);
        big.set(63, 31, 7);
        String text = big.toString();
        assertTrue(text.startsWith("64×32\n"));
        assertEquals(1 + Matrix.SHOWN_ROWS, text.split("\n").length);
        assertTrue(text.contains("⋮") && text.contains("…") && text.contains("7.0000"), text);
        assertTrue(Matrix.columnVector(1e-6, 2e7).toString().contains("1.000e-06"));
    }

    @Test
    void equalityIsByShapeAndValue() {
        assertEquals(Matrix.identity(2), Matrix.of(new double[] {1, 0}, new double[] {0, 1}));
        assertEquals(Matrix.identity(2).hashCode(), Matrix.of(new double[] {1, 0}, new double[] {0, 1}).hashCode());
        assertNotEquals(Matrix.columnVector(1, 2), Matrix.rowVector(1, 2));
    }

    @Test
    void randomMatricesFollowTheirSeed() {
        assertEquals(Matrix.gaussian(3, 4, 1, new Random(9)), Matrix.gaussian(3, 4, 1, new Random(9)));
        assertNotEquals(Matrix.gaussian(3, 4, 1, new Random(9)), Matrix.gaussian(3, 4, 1, new Random(10)));
        Matrix u = Matrix.uniform(20, 20, 0.3, new Random(1));
        assertTrue(u.maxAbs() <= 0.3);
        assertEquals(u, Matrix.uniform(20, 20, 0.3, new Random(1)));
    }
}
