package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void valuesAtKnownPoints() {
        assertEquals(0.5, Activation.SIGMOID.value(0));
        assertEquals(0.25, Activation.SIGMOID.derivative(0));
        assertEquals(1 / (1 + Math.exp(-2)), Activation.SIGMOID.value(2), 1e-16);
        assertEquals(Math.tanh(0.7), Activation.TANH.value(0.7));
        assertEquals(1, Activation.TANH.derivative(0));
        assertEquals(0, Activation.RELU.value(-3));
        assertEquals(3, Activation.RELU.value(3));
        assertEquals(0, Activation.RELU.derivative(0), "ReLU′(0) is taken as 0");
        assertEquals(-0.03, Activation.LEAKY_RELU.value(-3), 1e-15);
        assertEquals(Activation.LEAKY_SLOPE, Activation.LEAKY_RELU.derivative(-3));
        assertEquals(-4.5, Activation.IDENTITY.value(-4.5));
        assertEquals(1, Activation.IDENTITY.derivative(123));
    }

    /** The scalar engine, the matrix network and the neuron-by-neuron network share one sigmoid. */
    @Test
    void theCourseHasOneSigmoid() {
        double[] zs = {-1000, -40, -3.5, -1e-9, 0, 0.25, 2, 37, 1000};
        Matrix row = Matrix.rowVector(zs);
        Matrix applied = Activation.SIGMOID.apply(row);
        for (int j = 0; j < zs.length; j++) {
            double expected = backprop.graph.Operation.sigmoid(zs[j]);
            assertEquals(expected, Activation.SIGMOID.value(zs[j]), 0, "σ(" + zs[j] + ")");
            assertEquals(expected, applied.get(0, j), 0, "σ(" + zs[j] + ") of a matrix");
            assertEquals(expected, new backprop.graph.Value(zs[j]).sigmoid().data(), 0, "σ(" + zs[j] + ") of a Value");
            assertTrue(expected >= 0 && expected <= 1, "σ(" + zs[j] + ") = " + expected);
        }
        assertEquals(0, Activation.SIGMOID.value(-1000), "e^1000 overflows to ∞, and 1/(1 + ∞) is the right limit, 0");
        assertEquals(1, Activation.SIGMOID.value(1000));
        var scratch = ScratchNetwork.initialize(1, 1, 1);
        double w = scratch.neuron(1, 0).weight(0), b = scratch.neuron(1, 0).bias();
        assertEquals(Activation.SIGMOID.value(w * 0.7 + b), scratch.forwardPropagate(new double[] {0.7})[0], 0);
    }

    @Test
    void everyElementWiseDerivativeMatchesACentredDifference() {
        // where σ′ is tiny beside σ (tanh at ±7: 3e-6 against 1) rounding swamps any difference
        // quotient, so the points stay where the derivative is worth measuring
        double[] points = {-3.5, -2.5, -0.3, 0.2, 1.1, 3};
        for (Activation activation : Activation.values()) {
            if (!activation.isElementWise()) continue;
            for (double z : points) {
                double numerical = FiniteDifferences.derivative(activation::value, z);
                double analytic = activation.derivative(z);
                assertTrue(Gradients.relativeError(analytic, numerical) < 1e-7,
                        activation + "′(" + z + ") = " + analytic + " but the centred difference gives " + numerical);
            }
        }
    }

    @Test
    void theSigmoidSaturatesWithoutNaN() {
        assertEquals(0, Activation.SIGMOID.value(-1000));
        assertEquals(1, Activation.SIGMOID.value(1000));
        assertEquals(0, Activation.SIGMOID.derivative(1000));
    }

    @Test
    void matrixVersionsAgreeWithTheScalarOnes() {
        Matrix z = Matrix.gaussian(4, 5, 2, new Random(1));
        for (Activation activation : Activation.values()) {
            if (!activation.isElementWise()) continue;
            Matrix a = activation.apply(z);
            Matrix g = Matrix.gaussian(4, 5, 1, new Random(2));
            Matrix expected = g.hadamard(activation.derivative(z));   // g ⊙ σ′(z)
            activation.backward(z, a, g);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(activation.value(z.get(i, j)), a.get(i, j), 1e-15, activation + " at " + i + "," + j);
                    assertEquals(expected.get(i, j), g.get(i, j), 1e-15, activation + "′ at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void softmaxColumnsArePositiveAndAddUpToOneEvenForHugeInputs() {
        Matrix z = Matrix.of(new double[] {1, 1000, -5}, new double[] {2, 1001, -5}, new double[] {3, 999, -5});
        Matrix a = Activation.SOFTMAX.apply(z);
        for (int j = 0; j < 3; j++) {
            double total = 0;
            for (int i = 0; i < 3; i++) {
                assertTrue(a.get(i, j) > 0 && Double.isFinite(a.get(i, j)));
                total += a.get(i, j);
            }
            assertEquals(1, total, 1e-15);
        }
        assertEquals(1.0 / 3, a.get(0, 2), 1e-15);
        double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
        assertEquals(e2 / (e1 + e2 + e3), a.get(1, 0), 1e-15);
        assertFalse(Activation.SOFTMAX.isElementWise());
    }

    @Test
    void softmaxBackwardIsTheJacobianProductByFiniteDifferences() {
        var random = new Random(4);
        Matrix z = Matrix.gaussian(4, 3, 1.5, random);
        Matrix g = Matrix.gaussian(4, 3, 1, random);
        Matrix delta = g.copy();
        Activation.SOFTMAX.backward(z, Activation.SOFTMAX.apply(z), delta);
        // δ_k = ∂/∂z_k of Σ_j g_j a_j(z), column by column
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 4; k++) {
                int row = k, col = j;
                double numerical = FiniteDifferences.derivative(t -> {
                    Matrix moved = z.copy();
                    moved.set(row, col, t);
                    Matrix a = Activation.SOFTMAX.apply(moved);
                    double s = 0;
                    for (int i = 0; i < 4; i++) s += g.get(i, col) * a.get(i, col);
                    return s;
                }, z.get(k, j));
                assertTrue(Gradients.relativeError(delta.get(k, j), numerical) < 1e-7,
                        "softmax backward at (" + k + ", " + j + "): " + delta.get(k, j) + " vs " + numerical);
            }
        }
    }

    @Test
    void softmaxHasNoOneNumberForm() {
        assertThrows(IllegalStateException.class, () -> Activation.SOFTMAX.value(1));
        assertThrows(IllegalStateException.class, () -> Activation.SOFTMAX.derivative(1));
        assertThrows(IllegalStateException.class, () -> Activation.SOFTMAX.derivative(new Matrix(2, 2)));
    }

    @Test
    void mismatchedShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.SIGMOID.apply(new Matrix(2, 3), new Matrix(3, 2)));
        assertTrue(e.getMessage().contains("2×3 and 3×2"));
    }

    @Test
    void namesReadWell() {
        assertEquals("leaky relu", Activation.LEAKY_RELU.toString());
        assertEquals("softmax", Activation.SOFTMAX.toString());
    }
}
