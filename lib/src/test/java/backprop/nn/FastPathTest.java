package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Datasets;
import backprop.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The network of the Fashion-MNIST chapter, 784-100-10, on real photos from the bundled sample,
     * with every kernel this machine has: pure Java always, OpenBLAS when it loads.
     */
    @Test
    void everyKernelGivesTheTeachingCoresGradientsFor784x100x10() {
        Dataset sample = Datasets.fashionMnistSample().train();
        var network = new Network(new int[] {784, 100, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3);
        int[] picks = {0, 17, 123, 456, 789, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909, 910, 911};   // 17 examples: blocks and remainders
        Dataset batch = sample.subset(picks);
        Matrix x = Matrix.ofColumns(batch.x());
        Matrix y = Matrix.ofColumns(Dataset.oneHot(batch.y(), 10));
        Gradients teaching = network.gradients(x, y);
        assertTrue(teaching.weights(1).maxAbs() > 1e-3, "the gradients compared are not all zero");
        for (Kernels kernels : kernelsOfThisMachine()) {
            Gradients fast = trainerOf(network, kernels).gradients(x, y);
            if (kernels == PlainKernels.INSTANCE) {
                double error = teaching.maxRelativeError(fast);   // the teaching core's own loops: element by element
                assertTrue(error <= 1e-12, kernels.name() + ": relative error " + error);
            }
            // FastKernels and BLAS add the 784 or 17 terms of each sum in another order, FastKernels
            // with one rounding per multiply-add (Math.fma). Where the terms cancel, an
            // element near 0 can differ by 1e-10 of itself although the difference is 1e-19: so the
            // difference is measured against the largest element of each gradient.
            for (int l = 1; l <= 2; l++) {
                double w = scaledDifference(teaching.weights(l), fast.weights(l)), b = scaledDifference(teaching.biases(l), fast.biases(l));
                assertTrue(w <= 1e-12 && b <= 1e-12, kernels.name() + ", layer " + l + ": ∂C/∂W differs by " + w + ", ∂C/∂b by " + b);
            }
        }
    }

    /** max |a − b| over max |a|: how far two matrices differ, on the scale of the first. */
    private static double scaledDifference(Matrix a, Matrix b) {
        return a.minus(b).maxAbs() / a.maxAbs();
    }

    /** Two epochs on 300 photos take the same steps with every kernel (up to rounding), and leave the weights in the network. */
    @Test
    void everyKernelTrainsToTheSameWeights() {
        Split sample = Datasets.fashionMnistSample();
        Dataset train = sample.train().slice(0, 300);
        var start = new Network(new int[] {784, 30, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        for (Kernels kernels : kernelsOfThisMachine()) {
            for (Sgd sgd : List.of(Sgd.of(0.1, 32, 2), Sgd.of(0.05, 32, 2).withMomentum(0.9).withL2(1e-3))) {
                Network trained = start.copy();
                trainerOf(trained, kernels).train(train, sample.test(), sgd, null);
                Network byJava = start.copy();
                trainerOf(byJava, PlainKernels.INSTANCE).train(train, sample.test(), sgd, null);
                for (int l = 1; l <= 2; l++) {
                    assertClose(byJava.weights(l), trained.weights(l), 1e-10, kernels.name() + ", " + sgd + ": W" + l);
                }
                assertTrue(!trained.weights(1).equals(start.weights(1)), "training moved the network's own weights");
            }
        }
    }

    @Test
    void theNativeKernelsAreUsedWhenTheMachineHasOpenBlas() {
        boolean hasBlas = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libopenblas.so.0"))
                && System.getProperty("os.arch").equals("amd64");
        Kernels best = Kernels.best();
        if (hasBlas && System.getProperty("backprop.kernels") == null) {
            assertTrue(BlasKernels.loadOrNull() != null, "OpenBLAS is installed but dev.ludovic.netlib did not load it");
            assertEquals(BlasKernels.loadOrNull(), best);
        } else if (BlasKernels.loadOrNull() == null) {
            assertEquals(FastKernels.INSTANCE, best, "without a native BLAS, training runs on the Java kernels");
        }
        var network = new Network(new int[] {784, 30, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        assertEquals(best.name(), network.kernels(), "784 × 30 weights: the fastest kernels");
        var small = new Network(new int[] {64, 64, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        assertEquals(PlainKernels.INSTANCE.name(), small.kernels(), "64 × 64 weights: the teaching core's loops");
    }

    /** The Java loops always; OpenBLAS too when it loads on this machine. */
    static List<Kernels> kernelsOfThisMachine() {
        var all = new ArrayList<Kernels>(List.of(PlainKernels.INSTANCE, FastKernels.INSTANCE));
        if (BlasKernels.loadOrNull() != null) all.add(BlasKernels.loadOrNull());
        return all;
    }

    /** A trainer on the network's own weights, with the given kernels. */
    private static Trainer trainerOf(Network network, Kernels kernels) {
        var activations = new Activation[network.layers() + 1];
        var weights = new Matrix[network.layers() + 1];
        var biases = new Matrix[network.layers() + 1];
        for (int l = 1; l <= network.layers(); l++) {
            activations[l] = network.activation(l);
            weights[l] = network.weights(l);
            biases[l] = network.biases(l);
        }
        return new Trainer(network.sizes(), activations, network.loss(), weights, biases, kernels);
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
        assertClose(expected, actual, 1e-12, what);
    }

    private static void assertClose(Matrix expected, Matrix actual, double tolerance, String what) {
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                assertEquals(expected.get(i, j), actual.get(i, j), tolerance, what + "[" + i + "," + j + "]");
            }
        }
    }
}
