package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void quadraticCostByHand() {
        Matrix a = Matrix.columnVector(0.8, 0.1), y = Matrix.columnVector(1, 0);
        assertEquals(0.5 * (0.04 + 0.01), Loss.QUADRATIC.cost(a, y), 1e-15);
        assertEquals(Matrix.columnVector(0.8 - 1, 0.1), Loss.QUADRATIC.gradient(a, y));
    }

    @Test
    void theBatchCostIsTheMeanAndItsGradientCarriesOneOverM() {
        Matrix a = Matrix.of(new double[] {0.8, 0.4}), y = Matrix.of(new double[] {1, 0});
        assertEquals((0.5 * 0.04 + 0.5 * 0.16) / 2, Loss.QUADRATIC.cost(a, y), 1e-15);
        Matrix g = Loss.QUADRATIC.gradient(a, y);
        assertEquals(-0.2 / 2, g.get(0, 0), 1e-15);
        assertEquals(0.4 / 2, g.get(0, 1), 1e-15);
    }

    @Test
    void crossEntropiesByHand() {
        Matrix p = Matrix.columnVector(0.7, 0.2, 0.1), onehot = Matrix.columnVector(1, 0, 0);
        assertEquals(-Math.log(0.7), Loss.CROSS_ENTROPY.cost(p, onehot), 1e-15);
        Matrix q = Matrix.columnVector(0.9), yes = Matrix.columnVector(1), no = Matrix.columnVector(0);
        assertEquals(-Math.log(0.9), Loss.BINARY_CROSS_ENTROPY.cost(q, yes), 1e-15);
        assertEquals(-Math.log(0.1), Loss.BINARY_CROSS_ENTROPY.cost(q, no), 1e-14);
    }

    @Test
    void everyGradientMatchesACentredDifferenceOfTheBatchCost() {
        var random = new Random(8);
        Matrix a = Matrix.uniform(3, 4, 0.4, random).map(x -> x + 0.5);   // probabilities in (0.1, 0.9)
        Matrix y = Matrix.of(new double[] {1, 0, 0, 0}, new double[] {0, 1, 0, 1}, new double[] {0, 0, 1, 0});
        for (Loss loss : Loss.values()) {
            Matrix g = loss.gradient(a, y);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    int r = i, c = j;
                    double numerical = FiniteDifferences.derivative(t -> {
                        Matrix moved = a.copy();
                        moved.set(r, c, t);
                        return loss.cost(moved, y);
                    }, a.get(i, j));
                    assertTrue(Gradients.relativeError(g.get(i, j), numerical) < 1e-7,
                            loss + " ∂C/∂a at (" + i + ", " + j + "): " + g.get(i, j) + " vs " + numerical);
                }
            }
        }
    }

    /** Seed 003's cancellation: the long way round (∇ₐC through σ) equals (a − y) / m. */
    @Test
    void theShortcutPairsCancelToAMinusY() {
        var random = new Random(11);
        Matrix z = Matrix.gaussian(3, 5, 1.5, random);
        Matrix oneHot = new Matrix(3, 5);
        for (int j = 0; j < 5; j++) oneHot.set(j % 3, j, 1);
        Matrix binary = Matrix.uniform(3, 5, 0.5, random).map(x -> x > 0 ? 1 : 0);
        Matrix real = Matrix.gaussian(3, 5, 1, random);
        check(Activation.SOFTMAX, Loss.CROSS_ENTROPY, z, oneHot);
        check(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, z, binary);
        check(Activation.IDENTITY, Loss.QUADRATIC, z, real);
        assertFalse(Loss.QUADRATIC.simplifiesWith(Activation.SIGMOID));
        assertFalse(Loss.CROSS_ENTROPY.simplifiesWith(Activation.SIGMOID));
    }

    private static void check(Activation sigma, Loss loss, Matrix z, Matrix y) {
        assertTrue(loss.simplifiesWith(sigma));
        Matrix a = sigma.apply(z);
        Matrix delta = loss.gradient(a, y);
        sigma.backward(z, a, delta);                                  // δᴸ = ∇ₐC ⊙ σ′(zᴸ) the long way
        Matrix shortcut = a.minus(y).scale(1.0 / z.cols());          // (a − y) / m
        for (int i = 0; i < z.rows(); i++) {
            for (int j = 0; j < z.cols(); j++) {
                assertEquals(shortcut.get(i, j), delta.get(i, j), 1e-14, sigma + " + " + loss + " at " + i + "," + j);
            }
        }
    }

    /** δᴸ from Loss.delta is ∇ₐC ⊙ σ′(zᴸ) for every pair, whatever the targets (here soft ones that do not add up to 1). */
    @Test
    void deltaIsTheLongWayRoundForAnyTargets() {
        var random = new Random(12);
        Matrix z = Matrix.gaussian(4, 6, 1.5, random);
        Matrix y = Matrix.uniform(4, 6, 0.5, random).map(x -> x + 0.5);   // in [0, 1), columns add up to about 2
        Object[][] pairs = {
                {Activation.SOFTMAX, Loss.CROSS_ENTROPY}, {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY},
                {Activation.IDENTITY, Loss.QUADRATIC}, {Activation.SIGMOID, Loss.QUADRATIC},
                {Activation.TANH, Loss.QUADRATIC}, {Activation.SOFTMAX, Loss.QUADRATIC}};
        for (Object[] pair : pairs) {
            Activation sigma = (Activation) pair[0];
            Loss loss = (Loss) pair[1];
            Matrix a = sigma.apply(z);
            Matrix longWay = sigma.backward(z, a, loss.gradient(a, y));
            Matrix delta = loss.delta(z, a, y, sigma);
            for (int i = 0; i < z.rows(); i++) {
                for (int j = 0; j < z.cols(); j++) {
                    assertEquals(longWay.get(i, j), delta.get(i, j), 1e-12 * Math.max(1, Math.abs(longWay.get(i, j))),
                            sigma + " + " + loss + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void outputAndTargetMustHaveTheSameShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.QUADRATIC.cost(new Matrix(2, 3), new Matrix(3, 2)));
        assertTrue(e.getMessage().contains("the output is 2×3 but the target is 3×2"));
    }
}
