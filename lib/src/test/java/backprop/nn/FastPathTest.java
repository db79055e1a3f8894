package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link Trainer}) computes what the teaching core ({@link Backprop}) computes: the
 * same gradients to 1e-12, the same training steps. And what both compute is right, also for
 * targets that a shortcut would get wrong.
 */
class FastPathTest {

    private static final List<Network> NETWORKS = List.of(
            new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 1),
            new Network(new int[] {2, 1}, Activation.IDENTITY, Activation.IDENTITY, Loss.QUADRATIC, 2),
            new Network(new int[] {4, 6, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3),
            new Network(new int[] {5, 7, 7, 1}, Activation.RELU, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 4),
            new Network(new int[] {3, 8, 2}, Activation.LEAKY_RELU, Activation.IDENTITY, Loss.QUADRATIC, 5),
            new Network(new int[] {6, 9, 4}, Activation.SIGMOID, Activation.SOFTMAX, Loss.QUADRATIC, 6),
            new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 7));

    @Test
    void theFastGradientsEqualTheTeachingCoresToOnePartIn1e12() {
        for (Network network : NETWORKS) {
            for (int m : new int[] {1, 3, 32, 33}) {
                Matrix[] batch = NetworkTest.batch(network, m, 10 + m);
                Gradients teaching = network.gradients(batch[0], batch[1]);
                Gradients fast = network.fastPath().gradients(batch[0], batch[1]);
                double error = teaching.maxRelativeError(fast);
                assertTrue(error <= 1e-12, network + ", batch of " + m + ": relative error " + error);
            }
        }
    }

    @Test
    void trainingStepsAlongTheTeachingCoresGradient() {
        for (Network start : NETWORKS) {
            Dataset data = dataFor(start, 24, 3);
            Network trained = start.copy(), byHand = start.copy();
            trained.train(data, Sgd.of(0.3, 8, 1).withoutShuffling());
            for (int from = 0; from < data.size(); from += 8) {
                Matrix[] batch = targets(byHand, data, from, 8);
                byHand.step(byHand.gradients(batch[0], batch[1]), 0.3);
            }
            for (int l = 1; l <= start.layers(); l++) {
                assertClose(byHand.weights(l), trained.weights(l), start + ": W" + l);
                assertClose(byHand.biases(l), trained.biases(l), start + ": b" + l);
            }
        }
    }

    /** Softmax with cross-entropy, for targets whose columns do not add up to 1: δᴸ = a Σy − y, not a − y. */
    @Test
    void softmaxWithCrossEntropyIsRightForTargetsThatDoNotSumToOne() {
        var network = new Network(new int[] {3, 5, 4}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 8);
        Matrix x = Matrix.gaussian(3, 3, 1, new Random(9));
        Matrix y = Matrix.of(new double[] {0.5, 0, 2}, new double[] {0.8, 0, 0}, new double[] {0, 0.3, 1}, new double[] {0, 0, 0.5});
        Gradients estimated = FiniteDifferences.gradients(network, x, y);
        Gradients teaching = network.gradients(x, y);
        Gradients fast = network.fastPath().gradients(x, y);
        assertTrue(teaching.maxRelativeError(estimated) < 1e-7, "teaching core vs centred differences: " + teaching.maxRelativeError(estimated));
        assertTrue(fast.maxRelativeError(estimated) < 1e-7, "fast path vs centred differences: " + fast.maxRelativeError(estimated));

        // by hand for one example: δᴸ = (a·Σy − y) / m
        Matrix a = network.output(x);
        Matrix delta = Loss.CROSS_ENTROPY.delta(network.forward(x).z(2), a, y, Activation.SOFTMAX);
        assertEquals((a.get(0, 0) * 1.3 - 0.5) / 3, delta.get(0, 0), 1e-15);
        assertEquals((a.get(3, 2) * 3.5 - 0.5) / 3, delta.get(3, 2), 1e-15);
        assertEquals(a.get(2, 1) * 0.3 / 3 - 0.3 / 3, delta.get(2, 1), 1e-15);
    }

    @Test
    void withoutShufflingEveryEpochTakesTheDatasetsOrder() {
        Network start = NETWORKS.get(0);
        Dataset data = dataFor(start, 10, 4);
        Network a = start.copy(), b = start.copy(), shuffled = start.copy();
        a.train(data, Sgd.of(0.5, 4, 3).withoutShuffling().withSeed(1));
        b.train(data, Sgd.of(0.5, 4, 3).withoutShuffling().withSeed(2));    // the seed no longer matters
        shuffled.train(data, Sgd.of(0.5, 4, 3).withSeed(1));
        assertEquals(a.weights(1), b.weights(1));
        assertTrue(!a.weights(1).equals(shuffled.weights(1)), "shuffling changes the steps");
        assertTrue(Sgd.of(0.5, 4, 3).shuffle() && !Sgd.of(0.5, 4, 3).withoutShuffling().withMomentum(0.5).shuffle());
    }

    /** Random examples of the right width, with labels for the network's outputs. */
    static Dataset dataFor(Network network, int n, long seed) {
        var random = new Random(seed);
        int classes = network.outputs() == 1 ? 2 : network.outputs();
        double[][] x = new double[n][network.inputs()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < x[i].length; f++) x[i][f] = random.nextGaussian();
            y[i] = random.nextInt(classes);
        }
        return Dataset.of("random", x, y, classes);
    }

    /** Examples from … from+m−1 of data as a batch, with the targets training makes from their labels. */
    private static Matrix[] targets(Network network, Dataset data, int from, int m) {
        int count = Math.min(m, data.size() - from);
        double[][] rows = java.util.Arrays.copyOfRange(data.x(), from, from + count);
        Matrix y = new Matrix(network.outputs(), count);
        for (int j = 0; j < count; j++) {
            int label = data.y()[from + j];
            if (network.outputs() == 1) y.set(0, j, label);
            else y.set(label, j, 1);
        }
        return new Matrix[] {Matrix.ofColumns(rows), y};
    }

    private static void assertClose(Matrix expected, Matrix actual, String what) {
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                assertEquals(expected.get(i, j), actual.get(i, j), 1e-12, what + "[" + i + "," + j + "]");
            }
        }
    }
}
