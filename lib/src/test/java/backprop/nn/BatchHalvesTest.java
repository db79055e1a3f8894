package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Training computes a mini-batch as two halves (on two threads when it can): the step it takes
 * must be the step of the whole batch's mean gradient, whatever the split.
 */
class BatchHalvesTest {

    private static Dataset randomData(int n, long seed) {
        var random = new Random(seed);
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = random.nextGaussian();
            y[i] = random.nextInt(2);
        }
        return Dataset.of("random", x, y, 2);
    }

    /** W − η ∂C/∂W with the gradient of the mean cost over every example of the data, in one piece. */
    private static Network oneStepByHand(Network start, Dataset data, double eta) {
        Network expected = start.copy();
        Matrix x = Matrix.ofColumns(data.x());
        Matrix y = new Matrix(2, data.size());
        for (int j = 0; j < data.size(); j++) y.set(data.y()[j], j, 1);
        expected.step(start.gradients(x, y), eta);
        return expected;
    }

    private static void assertSameWeights(Network expected, Network actual) {
        for (int l = 1; l <= expected.layers(); l++) {
            for (int i = 0; i < expected.sizes()[l]; i++) {
                for (int k = 0; k < expected.sizes()[l - 1]; k++) {
                    assertEquals(expected.weights(l).get(i, k), actual.weights(l).get(i, k), 1e-12, "w" + l + "[" + i + "," + k + "]");
                }
                assertEquals(expected.biases(l).get(i, 0), actual.biases(l).get(i, 0), 1e-12, "b" + l + "[" + i + "]");
            }
        }
    }

    @Test
    void oneBatchInTwoUnequalHalvesStepsAlongTheWholeBatchsMeanGradient() {
        Dataset data = randomData(33, 1);   // one batch of 33: halves of 17 and 16
        Network network = new Network(new int[] {3, 5, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 7);
        Network expected = oneStepByHand(network, data, 0.3);
        network.train(data, Sgd.of(0.3, 33, 1));
        assertSameWeights(expected, network);
    }

    @Test
    void withMomentumTheFirstStepIsTheSame() {
        Dataset data = randomData(40, 2);
        Network network = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 8);
        Network expected = oneStepByHand(network, data, 0.2);
        network.train(data, Sgd.of(0.2, 40, 1).withMomentum(0.9));   // v = −η ∂C/∂W at the first step
        assertSameWeights(expected, network);
    }

    @Test
    void aSmallBatchIsNotSplit() {
        Dataset data = randomData(Network.SPLIT_FROM - 1, 3);
        Network network = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 9);
        Network expected = oneStepByHand(network, data, 0.5);
        network.train(data, Sgd.of(0.5, data.size(), 1));
        assertSameWeights(expected, network);
    }

    @Test
    void theSecondThreadRunsItsTaskAndReportsItsFailure() {
        List<String> done = new ArrayList<>();
        try (SecondThread second = SecondThread.startIfUseful()) {
            for (int round = 0; round < 100; round++) {
                int[] results = new int[2];
                SecondThread.both(second, () -> results[0] = 1, () -> results[1] = 2);
                assertEquals(3, results[0] + results[1], "round " + round);
            }
            var failure = new IllegalStateException("the second half failed on purpose");
            var thrown = assertThrows(IllegalStateException.class,
                    () -> SecondThread.both(second, () -> done.add("first"), () -> { throw failure; }));
            assertSame(failure, thrown);
            assertTrue(done.contains("first"), "the first task still ran");
        }
    }

    @Test
    void withoutASecondThreadBothTasksRunInOrder() {
        List<String> done = new ArrayList<>();
        SecondThread.both(null, () -> done.add("first"), () -> done.add("second"));
        assertEquals(List.of("first", "second"), done);
    }
}
