package backprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Csv;
import backprop.data.CsvFormat;
import backprop.data.Dataset;
import backprop.data.Scaler;
import backprop.data.Split;
import backprop.nn.Activation;
import backprop.nn.Initialization;
import backprop.nn.Loss;
import backprop.nn.Network;
import backprop.nn.Sgd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment of the classic "backpropagation from scratch" tutorial, through the library's
 * public API: a tab-separated file without a header (such as the UCI seeds data, with its doubled
 * tabs), every feature scaled to [0, 1], plain k-fold cross-validation, a sigmoid network whose
 * weights start uniform in [0, 1), trained one example at a time in the data's order, with the
 * quadratic cost. The same experiment is then done by hand, in plain arrays, and the two must agree.
 */
class ReproduceATutorialTest {

    @TempDir
    Path dir;

    static final int FEATURES = 3, CLASSES = 3, EXAMPLES = 45, FOLDS = 5, HIDDEN = 4, EPOCHS = 40;
    static final double RATE = 0.5;

    @Test
    void aTabSeparatedHeaderlessFileGivesTheTutorialsKFoldExperiment() throws IOException {
        // the file: three measurements and a class (1, 2 or 3) per line, tabs doubled here and there
        var random = new Random(2024);
        double[][] x = new double[EXAMPLES][FEATURES];
        int[] label = new int[EXAMPLES];
        var text = new StringBuilder();
        for (int i = 0; i < EXAMPLES; i++) {
            label[i] = i % CLASSES;
            for (int f = 0; f < FEATURES; f++) x[i][f] = Math.round((10 + 3 * label[i] * (f + 1) + 2 * random.nextGaussian()) * 100) / 100.0;
            text.append(x[i][0]).append(i % 4 == 0 ? "\t\t" : "\t").append(x[i][1]).append("\t").append(x[i][2])
                    .append(i % 3 == 0 ? "\t\t" : "\t").append(label[i] + 1).append(i % 5 == 0 ? "\t" : "").append('\n');
        }
        Path file = dir.resolve("seeds_like.txt");
        Files.writeString(file, text);

        // through the library
        Dataset data = Csv.dataset(file, CsvFormat.tabs().withoutHeader(), FEATURES);
        assertEquals(EXAMPLES, data.size());
        assertArrayEquals(x[4], data.x()[4], "a doubled tab is one separator");
        Dataset scaled = Scaler.minMax(data).apply(data);            // the tutorial scales the whole file first
        double[] libraryAccuracy = new double[FOLDS];
        double[][][] libraryWeights = new double[FOLDS][][];
        int f = 0;
        for (Split fold : Split.kFoldUnstratified(scaled, FOLDS, 7)) {
            var network = new Network(new int[] {FEATURES, HIDDEN, CLASSES}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC,
                    Initialization.uniform(0, 1), f);
            network.train(fold.train(), Sgd.of(RATE, 1, EPOCHS).withoutShuffling());
            libraryAccuracy[f] = network.evaluate(fold.test()).accuracy();
            libraryWeights[f] = network.weights(1).toArray();
            f++;
        }

        // by hand, from the numbers written to the file
        double[][] byHandScaled = minMax(x);
        int[] order = permutation(EXAMPLES, 7);
        double[] byHandAccuracy = new double[FOLDS];
        int from = 0;
        for (f = 0; f < FOLDS; f++) {
            int size = EXAMPLES / FOLDS + (f < EXAMPLES % FOLDS ? 1 : 0);
            boolean[] tested = new boolean[EXAMPLES];
            for (int i = from; i < from + size; i++) tested[order[i]] = true;
            from += size;
            var net = new HandNetwork(f);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (int i = 0; i < EXAMPLES; i++) if (!tested[i]) net.learn(byHandScaled[i], label[i]);   // the file's order
            }
            int right = 0, count = 0;
            for (int i = 0; i < EXAMPLES; i++) {
                if (tested[i]) {
                    count++;
                    if (net.predict(byHandScaled[i]) == label[i]) right++;
                }
            }
            byHandAccuracy[f] = (double) right / count;
            for (int j = 0; j < HIDDEN; j++) {
                assertArrayEquals(net.w1[j], libraryWeights[f][j], 1e-9, "fold " + f + ": the weights into hidden neuron " + j);
            }
        }
        assertArrayEquals(byHandAccuracy, libraryAccuracy, 0, "the accuracy of each fold");
        double mean = Arrays.stream(libraryAccuracy).average().orElseThrow();
        assertTrue(mean > 0.8, "the network learns the three classes: mean accuracy " + mean + " " + Arrays.toString(libraryAccuracy));
    }

    /** Each column to [0, 1]: (x − min) / (max − min). */
    private static double[][] minMax(double[][] x) {
        double[][] out = new double[x.length][FEATURES];
        for (int c = 0; c < FEATURES; c++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                min = Math.min(min, row[c]);
                max = Math.max(max, row[c]);
            }
            for (int i = 0; i < x.length; i++) out[i][c] = (x[i][c] - min) / (max - min);
        }
        return out;
    }

    /** Fisher–Yates from new Random(seed): the order the examples are dealt into folds. */
    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The tutorial's network: weights and biases uniform in [0, 1), neuron by neuron; one example per step. */
    private static final class HandNetwork {
        final double[][] w1 = new double[HIDDEN][FEATURES], w2 = new double[CLASSES][HIDDEN];
        final double[] b1 = new double[HIDDEN], b2 = new double[CLASSES];

        HandNetwork(long seed) {
            var random = new Random(seed);
            for (int j = 0; j < HIDDEN; j++) {
                for (int k = 0; k < FEATURES; k++) w1[j][k] = random.nextDouble();
                b1[j] = random.nextDouble();
            }
            for (int j = 0; j < CLASSES; j++) {
                for (int k = 0; k < HIDDEN; k++) w2[j][k] = random.nextDouble();
                b2[j] = random.nextDouble();
            }
        }

        static double[] layer(double[][] w, double[] b, double[] in) {
            double[] a = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                double z = b[j];
                for (int k = 0; k < in.length; k++) z += w[j][k] * in[k];
                a[j] = 1 / (1 + Math.exp(-z));
            }
            return a;
        }

        int predict(double[] in) {
            double[] out = layer(w2, b2, layer(w1, b1, in));
            int best = 0;
            for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
            return best;
        }

        void learn(double[] in, int label) {
            double[] hidden = layer(w1, b1, in), out = layer(w2, b2, hidden);
            double[] deltaOut = new double[CLASSES], deltaHidden = new double[HIDDEN];
            for (int j = 0; j < CLASSES; j++) deltaOut[j] = (out[j] - (j == label ? 1 : 0)) * out[j] * (1 - out[j]);
            for (int k = 0; k < HIDDEN; k++) {
                double sum = 0;
                for (int j = 0; j < CLASSES; j++) sum += w2[j][k] * deltaOut[j];
                deltaHidden[k] = sum * hidden[k] * (1 - hidden[k]);
            }
            for (int j = 0; j < CLASSES; j++) {
                for (int k = 0; k < HIDDEN; k++) w2[j][k] -= RATE * deltaOut[j] * hidden[k];
                b2[j] -= RATE * deltaOut[j];
            }
            for (int j = 0; j < HIDDEN; j++) {
                for (int k = 0; k < FEATURES; k++) w1[j][k] -= RATE * deltaHidden[j] * in[k];
                b1[j] -= RATE * deltaHidden[j];
            }
        }
    }
}
