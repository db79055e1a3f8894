package backprop.bench;

import backprop.data.Dataset;
import backprop.data.Datasets;
import backprop.data.Scaler;
import backprop.data.Split;
import backprop.nn.Activation;
import backprop.nn.History;
import backprop.nn.Loss;
import backprop.nn.Network;
import backprop.nn.Sgd;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Trains the course's digits network and prints its speed and its accuracy.
 *
 * <p>The set-up, fixed so that other implementations can be compared with it: a 64-64-10
 * network, sigmoid hidden layer, softmax output with cross-entropy, plain mini-batch SGD with
 * batch 32 and learning rate 0.5 for 30 epochs, every seed 0. The split is fixed: the 1797 digits
 * in the order {@code Dataset.permutation(1797, 0)}, the first 1437 to train, the last 360 to test;
 * pixels standardised with the training part's mean and standard deviation.
 *
 * <pre>
 * bench digits-ms-per-epoch &lt;ms&gt; ms             one epoch of Network.train: 45 batches forward,
 *                                                 backward and step, plus the test set's loss and accuracy
 * bench digits-ms-per-epoch-train-only &lt;ms&gt; ms  the same without a test set
 * bench digits-test-accuracy &lt;fraction&gt; ratio   after the 30th epoch
 * </pre>
 * Each figure is the median over several full 30-epoch runs after warm-up runs, in one JVM.
 * Training runs on one thread (see {@code Trainer}): on a machine shared with other work, a second
 * thread waiting for its partner cost more than it saved.
 */
public final class DigitsBenchmark {

    static final int WARM_UP_RUNS = 5;
    static final int MEASURED_RUNS = 11;

    private DigitsBenchmark() {}

    public static void main(String[] args) {
        run();
    }

    static void run() {
        Split split = Split.shuffled(Datasets.digits(), 1437, 0);
        Scaler scaler = Scaler.standardize(split.train());
        Dataset train = scaler.apply(split.train());
        Dataset test = scaler.apply(split.test());
        Sgd sgd = Sgd.of(0.5, 32, 30);

        double accuracy = Double.NaN;
        var withTest = new ArrayList<Double>();
        var trainOnly = new ArrayList<Double>();
        for (int run = 0; run < WARM_UP_RUNS + MEASURED_RUNS; run++) {
            long started = System.nanoTime();
            History history = network().train(train, test, sgd);
            double perEpoch = (System.nanoTime() - started) / 1e6 / sgd.epochs();
            double runAccuracy = history.last().testAccuracy();
            if (run > 0 && runAccuracy != accuracy) {
                throw new IllegalStateException("the same seed gave a different accuracy: " + accuracy + " then " + runAccuracy);
            }
            accuracy = runAccuracy;

            started = System.nanoTime();
            network().train(train, sgd);
            double perEpochTrainOnly = (System.nanoTime() - started) / 1e6 / sgd.epochs();
            if (run >= WARM_UP_RUNS) {
                withTest.add(perEpoch);
                trainOnly.add(perEpochTrainOnly);
            }
        }
        System.out.printf(Locale.ROOT, "bench digits-ms-per-epoch %.3f ms%n", median(withTest));
        System.out.printf(Locale.ROOT, "bench digits-ms-per-epoch-train-only %.3f ms%n", median(trainOnly));
        System.out.printf(Locale.ROOT, "bench digits-test-accuracy %.4f ratio%n", accuracy);
    }

    static Network network() {
        return new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
    }

    static double median(ArrayList<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
