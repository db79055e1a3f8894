package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Datasets;
import backprop.data.Split;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path computes the teaching core's numbers. */
class FastTrainingTest {

    /** The largest |a − b| / max(1, |b|) over two matrices' elements. */
    static double difference(Matrix a, Matrix b) {
        assertEquals(b.shape(), a.shape());
        double worst = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                worst = Math.max(worst, Math.abs(a.get(i, j) - b.get(i, j)) / Math.max(1, Math.abs(b.get(i, j))));
            }
        }
        return worst;
    }

    /** A 784-100-10 network and a few Fashion-MNIST examples from the bundled sample, one per column. */
    @Test
    void fastGradientsEqualTheTeachingCoresFor784x100x10() {
        Dataset sample = Datasets.fashionMnistSample().train();
        var network = new Network(new int[] {784, 100, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3);
        int[] picks = {0, 17, 123, 456, 789};
        double[][] columns = new double[picks.length][];
        for (int i = 0; i < picks.length; i++) columns[i] = sample.x()[picks[i]];
        Matrix x = Matrix.ofColumns(columns);
        Matrix y = Matrix.ofColumns(Dataset.oneHot(sample.subset(picks).y(), 10));
        Gradients teaching = network.gradients(x, y);
        Gradients fast = FastTraining.gradients(network, x, y);
        for (int l = 1; l <= 2; l++) {
            assertTrue(difference(fast.weights(l), teaching.weights(l)) < 1e-12, "∂C/∂W of layer " + l);
            assertTrue(difference(fast.biases(l), teaching.biases(l)) < 1e-12, "∂C/∂b of layer " + l);
        }
        assertTrue(teaching.weights(1).maxAbs() > 1e-3, "the gradients compared are not all zero");
    }

    @Test
    void fastGradientsEqualTheTeachingCoresForTwoHiddenLayersOfOddSizes() {
        var random = new Random(5);
        var network = new Network(new int[] {13, 7, 5, 3}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 1);
        Matrix x = Matrix.gaussian(13, 9, 1, random);
        int[] labels = new int[9];
        for (int c = 0; c < 9; c++) labels[c] = random.nextInt(3);
        Matrix y = Matrix.ofColumns(Dataset.oneHot(labels, 3));
        Gradients teaching = network.gradients(x, y);
        Gradients fast = FastTraining.gradients(network, x, y);
        for (int l = 1; l <= 3; l++) {
            assertTrue(difference(fast.weights(l), teaching.weights(l)) < 1e-12, "∂C/∂W of layer " + l);
            assertTrue(difference(fast.biases(l), teaching.biases(l)) < 1e-12, "∂C/∂b of layer " + l);
        }
    }

    @Test
    void trainingTakesTheSameStepsAsNetworkTrain() {
        Split sample = Datasets.fashionMnistSample();
        Dataset train = sample.train().slice(0, 300);
        Sgd sgd = Sgd.of(0.1, 32, 2);
        var teaching = new Network(new int[] {784, 30, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        var fast = teaching.copy();
        History slow = teaching.train(train, sample.test(), sgd);
        History quick = FastTraining.train(fast, train, sample.test(), sgd, null);
        for (int l = 1; l <= 2; l++) assertTrue(difference(fast.weights(l), teaching.weights(l)) < 1e-10, "Wˡ after two epochs, l = " + l);
        assertEquals(slow.last().trainLoss(), quick.last().trainLoss(), 1e-10);
        assertEquals(slow.last().testAccuracy(), quick.last().testAccuracy(), 0);
    }

    @Test
    void theSameSeedGivesTheSameWeightsEveryTime() {
        Dataset train = Datasets.fashionMnistSample().train();
        var first = new Network(new int[] {784, 20, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 4);
        var second = first.copy();
        FastTraining.train(first, train, null, Sgd.of(0.1, 32, 1), null);
        FastTraining.train(second, train, null, Sgd.of(0.1, 32, 1), null);
        assertEquals(second.weights(1), first.weights(1));
    }

    @Test
    void anInterruptedTrainingStopsBeforeItsFirstBatch() {
        var network = new Network(new int[] {784, 10, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        Matrix before = network.weights(1).copy();
        Thread.currentThread().interrupt();
        History history;
        try {
            history = FastTraining.train(network, Datasets.fashionMnistSample().train(), null, Sgd.of(0.1, 32, 3), null);
        } finally {
            Thread.interrupted();
        }
        assertTrue(history.interrupted());
        assertEquals(0, history.size());
        assertEquals(before, network.weights(1));
    }

    @Test
    void whatItCannotTrainIsRefusedWithTheReason() {
        var quadratic = new Network(new int[] {4, 3, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        Dataset data = Dataset.of("d", new double[][] {{1, 2, 3, 4}, {4, 3, 2, 1}}, new int[] {0, 1}, 2);
        var thrown = assertThrows(IllegalArgumentException.class, () -> FastTraining.train(quadratic, data, null, Sgd.of(0.1, 2, 1), null));
        assertTrue(thrown.getMessage().contains("not one whose BP1 simplifies"), thrown.getMessage());
        var softmax = new Network(new int[] {4, 3, 2}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        var momentum = assertThrows(IllegalArgumentException.class,
                () -> FastTraining.train(softmax, data, null, Sgd.of(0.1, 2, 1).withMomentum(0.9), null));
        assertTrue(momentum.getMessage().contains("plain SGD only"), momentum.getMessage());
    }
}
