package exercises.ch7;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.data.Dataset;
import backprop.data.Datasets;
import backprop.data.Split;
import backprop.grading.Graded;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The visible tests of chapter 7: they are in your copy, and Check.task("7.x") runs them. */
class FashionScratchTest {

    @Graded(task = "7.1", name = "a 4×4 image shrunk to 2×2 by block means", points = 2)
    void shrinkByHand() {
        double[] image = {
                1, 3, 0, 0,
                5, 7, 0, 4,
                2, 2, 1, 1,
                2, 2, 1, 1};
        near(new double[] {4, 1, 2, 1}, FashionScratch.shrinkImage(image, 4, 2), 1e-12, "shrinkImage(4×4, side 4, factor 2)",
                "pixel (r, c) of the result is the mean of rows 2r, 2r+1 and columns 2c, 2c+1 of the image");
        near(image, FashionScratch.shrinkImage(image, 4, 1), 0, "shrinkImage with factor 1", "factor 1 keeps every pixel");
    }

    @Graded(task = "7.1", name = "a 28×28 photo becomes 7×7", points = 1)
    void shrinkAPhoto() {
        double[] photo = Datasets.fashionMnistSample().train().x()[0];
        double[] small = FashionScratch.shrinkImage(photo, 28, 4);
        that(small.length == 49, "shrinkImage(28×28, factor 4) returned " + small.length + " numbers", "7 × 7 = 49");
        double block = 0;
        for (int r = 12; r < 16; r++) for (int c = 8; c < 12; c++) block += photo[r * 28 + c];
        near(block / 16, small[3 * 7 + 2], 1e-12, "pixel (3, 2) of the 7×7 image", "the mean of rows 12–15, columns 8–11");
    }

    @Graded(task = "7.2", name = "the first examples of each class, in order", points = 2)
    void balancedByHand() {
        Dataset data = tiny(new int[] {2, 0, 2, 1, 0, 2, 1, 1, 0});
        int[] rows = FashionScratch.balancedRows(data, 2);
        that(Arrays.equals(new int[] {0, 1, 2, 3, 4, 6}, rows), "balancedRows(labels 2 0 2 1 0 2 1 1 0, 2) gave "
                + Arrays.toString(rows) + ", expected [0, 1, 2, 3, 4, 6]", "keep a row while its class has fewer than perClass, in order");
        int[] ten = FashionScratch.balancedRows(Datasets.fashionMnistSample().train(), 10);
        int[] counts = Datasets.fashionMnistSample().train().subset(ten).classCounts();
        that(ten.length == 100 && Arrays.stream(counts).allMatch(c -> c == 10),
                "10 per class of the sample gave " + ten.length + " rows, per class " + Arrays.toString(counts), "10 of each of the 10 classes");
    }

    @Graded(task = "7.3", name = "forward, error, backward, update: in that order, per example", points = 2)
    void theTrainingLoop() {
        var recorder = new Recorder();
        Dataset data = tiny(new int[] {1, 0, 2});
        double[] errors = FashionScratch.train(recorder, data, 0.25, 2);
        List<String> expected = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int n = 0; n < 3; n++) {
                expected.add("forward " + n);
                expected.add("backward " + Arrays.toString(Dataset.oneHot(data.y(), 3)[n]));
                expected.add("update " + n + " 0.25");
            }
        }
        that(recorder.calls.equals(expected), "the calls were " + recorder.calls + ", expected " + expected,
                "for each example in order: forwardPropagate(row), backwardPropagateError(one-hot), updateWeights(row, η)");
        // the recorder always outputs (0.5, 0.5, 0.5): each example's error is 0.25 + 0.25 + 0.25
        near(new double[] {2.25, 2.25}, errors, 1e-12, "the errors of the two epochs", "add Σⱼ (expectedⱼ − aⱼ)² over the epoch's examples");
    }

    @Graded(task = "7.3", name = "a per-example network learns Fashion-MNIST at 7×7", points = 3)
    void learnsTheSample() {
        Split sample = Datasets.fashionMnistSample();
        Dataset train = sevenBySeven(sample.train());   // shrunk here, so that this test needs only Exercise 7.3
        Dataset test = sevenBySeven(sample.test());
        var network = new Scratch(1, 49, 30, 10);
        double[] errors = FashionScratch.train(network, train, 0.5, 8);
        double accuracy = FashionScratch.accuracy(network, test);
        that(errors.length == 8 && errors[7] < errors[0], "the errors per epoch were " + Arrays.toString(errors),
                "the summed error should fall from the first epoch to the last");
        that(accuracy >= 0.60, "after 8 epochs on 1000 shrunk photos the network classified " + accuracy
                + " of the 500 test photos right, expected at least 0.60 (guessing gives 0.10)", "train with the one-hot targets of each example's class");
    }

    /** Each 28×28 photo as the 7×7 means of its 4×4 blocks. */
    static Dataset sevenBySeven(Dataset photos) {
        double[][] x = new double[photos.size()][49];
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < 784; p++) x[i][(p / 28 / 4) * 7 + (p % 28) / 4] += photos.x()[i][p] / 16;
        }
        return Dataset.of(photos.name() + " 7×7", x, photos.y(), photos.classes());
    }

    /** A dataset of one feature per example (its index) with the given labels, 3 classes. */
    static Dataset tiny(int[] labels) {
        double[][] x = new double[labels.length][];
        for (int i = 0; i < x.length; i++) x[i] = new double[] {i};
        return Dataset.of("tiny", x, labels, 3);
    }

    /** Records the calls the training loop makes; always outputs 0.5 for each of 3 classes. */
    static final class Recorder implements FashionScratch.Learner {
        final List<String> calls = new ArrayList<>();

        @Override public double[] forwardPropagate(double[] row) {
            calls.add("forward " + (int) row[0]);
            return new double[] {0.5, 0.5, 0.5};
        }

        @Override public void backwardPropagateError(double[] expected) {
            calls.add("backward " + Arrays.toString(expected));
        }

        @Override public void updateWeights(double[] row, double learningRate) {
            calls.add("update " + (int) row[0] + " " + learningRate);
        }
    }

    /**
     * Chapter 5's network in brief: sigmoid neurons, the quadratic cost, one example at a time,
     * weights (bias last) uniform in [−1, 1) from the seed.
     */
    static final class Scratch implements FashionScratch.Learner {
        final double[][][] w;      // w[l][j] = weights of neuron j of layer l+1, bias last
        final double[][] a, delta;

        Scratch(long seed, int... sizes) {
            var random = new Random(seed);
            w = new double[sizes.length - 1][][];
            a = new double[sizes.length - 1][];
            delta = new double[sizes.length - 1][];
            for (int l = 0; l < w.length; l++) {
                w[l] = new double[sizes[l + 1]][sizes[l] + 1];
                for (double[] neuron : w[l]) for (int k = 0; k < neuron.length; k++) neuron[k] = 2 * random.nextDouble() - 1;
                a[l] = new double[sizes[l + 1]];
                delta[l] = new double[sizes[l + 1]];
            }
        }

        @Override public double[] forwardPropagate(double[] row) {
            double[] in = row;
            for (int l = 0; l < w.length; l++) {
                for (int j = 0; j < w[l].length; j++) {
                    double[] neuron = w[l][j];
                    double z = neuron[in.length];
                    for (int k = 0; k < in.length; k++) z += neuron[k] * in[k];
                    a[l][j] = 1 / (1 + Math.exp(-z));
                }
                in = a[l];
            }
            return in.clone();
        }

        @Override public void backwardPropagateError(double[] expected) {
            int last = w.length - 1;
            for (int j = 0; j < a[last].length; j++) delta[last][j] = (a[last][j] - expected[j]) * a[last][j] * (1 - a[last][j]);
            for (int l = last - 1; l >= 0; l--) {
                for (int k = 0; k < a[l].length; k++) {
                    double sum = 0;
                    for (int j = 0; j < w[l + 1].length; j++) sum += w[l + 1][j][k] * delta[l + 1][j];
                    delta[l][k] = sum * a[l][k] * (1 - a[l][k]);
                }
            }
        }

        @Override public void updateWeights(double[] row, double learningRate) {
            double[] in = row;
            for (int l = 0; l < w.length; l++) {
                for (int j = 0; j < w[l].length; j++) {
                    double[] neuron = w[l][j];
                    for (int k = 0; k < in.length; k++) neuron[k] -= learningRate * delta[l][j] * in[k];
                    neuron[in.length] -= learningRate * delta[l][j];
                }
                in = a[l];
            }
        }
    }
}
