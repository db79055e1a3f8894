package exercises.ch7;

import backprop.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Chapter 7 exercises: your network from chapter 5 meets real images. They go with the notebook
 * <b>07</b>, section "Fashion-MNIST".
 *
 * <p>Your chapter-5 {@code ScratchNetwork} learns one example at a time, neuron by neuron. A
 * Fashion-MNIST photo has 28 × 28 = 784 pixels, so every hidden neuron of such a network would
 * have 784 weights, and 60 000 photos would take it minutes per epoch. Three steps make the
 * problem its size: shrink each photo (7.1), take a small subset that still has every class
 * (7.2), and write the training loop against any per-example network (7.3).
 *
 * <p>Your own network plugs in through {@link #learner}, three method references:
 * <pre>{@code
 * var mine = exercises.ch5.ScratchNetwork.initialize(1, 49, 30, 10);   // 7×7 inputs, 30 hidden, 10 classes
 * var net = FashionScratch.learner(mine::forwardPropagate, mine::backwardPropagateError, mine::updateWeights);
 * Dataset small = FashionScratch.shrink(FashionScratch.balancedSubset(Datasets.fashionMnistSample().train(), 100), 4);
 * double[] errors = FashionScratch.train(net, small, 0.5, 10);
 * }</pre>
 * (The graded tests use a network of their own with the same three methods, so that this
 * chapter is graded on its own, whatever the state of chapter 5.)
 */
public final class FashionScratch {

    private FashionScratch() {}

    /**
     * A network trained one example at a time, as in chapter 5: forward propagate an example,
     * backward propagate the error against its one-hot target, update the weights.
     */
    public interface Learner {
        /** The output activations for one example (and every neuron's z, a stored for the backward pass). */
        double[] forwardPropagate(double[] row);

        /** Every neuron's δ = ∂C/∂z for the example last propagated, against the target {@code expected}. */
        void backwardPropagateError(double[] expected);

        /** One gradient-descent step for the example last propagated forward and back. */
        void updateWeights(double[] row, double learningRate);
    }

    /** A {@link Learner} from three methods, e.g. those of your chapter-5 ScratchNetwork. */
    public static Learner learner(UnaryOperator<double[]> forward, Consumer<double[]> backward, BiConsumer<double[], Double> update) {
        return new Learner() {
            @Override public double[] forwardPropagate(double[] row) { return forward.apply(row); }
            @Override public void backwardPropagateError(double[] expected) { backward.accept(expected); }
            @Override public void updateWeights(double[] row, double learningRate) { update.accept(row, learningRate); }
        };
    }

    /**
     * <b>Exercise 7.1: shrink an image</b> (section "Fashion-MNIST: your own network").
     *
     * <p>{@code image} is a square picture of {@code side} × {@code side} pixels, row by row.
     * Return the picture {@code factor} times smaller in each direction: pixel (r, c) of the
     * result is the <em>mean</em> of the factor × factor block of pixels whose rows are
     * r·factor … r·factor + factor − 1 and columns c·factor … c·factor + factor − 1. With side
     * 28 and factor 4 that is 7 × 7 = 49 numbers instead of 784.
     *
     * @throws IllegalArgumentException if the image does not have side² pixels or side is not a multiple of factor
     */
    public static double[] shrinkImage(double[] image, int side, int factor) {
        if (image == null || side < 1 || image.length != side * side) {
            throw new IllegalArgumentException("need " + side + "×" + side + " pixels, got " + (image == null ? "null" : image.length));
        }
        if (factor < 1 || side % factor != 0) {
            throw new IllegalArgumentException("the side " + side + " is not a multiple of the factor " + factor);
        }
        // BEGIN SOLUTION 7.1: the mean of each factor × factor block, row by row
        int small = side / factor;
        double[] out = new double[small * small];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                out[(r / factor) * small + c / factor] += image[r * side + c];
            }
        }
        for (int i = 0; i < out.length; i++) out[i] /= factor * factor;
        return out;
        // END SOLUTION
    }

    /** Every image of {@code data} shrunk by {@link #shrinkImage}; the labels and classes stay. */
    public static Dataset shrink(Dataset data, int factor) {
        int side = (int) Math.round(Math.sqrt(data.features()));
        double[][] x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) x[i] = shrinkImage(data.x()[i], side, factor);
        int small = side / factor;
        var names = new ArrayList<String>();
        for (int r = 0; r < small; r++) for (int c = 0; c < small; c++) names.add("block_" + r + "_" + c);
        return new Dataset(data.name() + " /" + factor, x, data.y(), names, data.classNames());
    }

    /**
     * <b>Exercise 7.2: a balanced subset</b> (section "Fashion-MNIST: your own network").
     *
     * <p>Return the row indices of the first {@code perClass} examples of each class, in the
     * order they appear in {@code data} (so classes stay interleaved as they were). A class with
     * fewer examples gives all it has. Use them with {@code data.subset(rows)}.
     */
    public static int[] balancedRows(Dataset data, int perClass) {
        if (perClass < 1) throw new IllegalArgumentException("need at least one example per class, got " + perClass);
        // BEGIN SOLUTION 7.2: walk the rows in order, keeping each until its class has perClass
        int[] taken = new int[data.classes()];
        var rows = new ArrayList<Integer>();
        for (int i = 0; i < data.size(); i++) {
            int label = data.y()[i];
            if (taken[label] < perClass) {
                taken[label]++;
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
        // END SOLUTION
    }

    /** The subset of {@link #balancedRows}. */
    public static Dataset balancedSubset(Dataset data, int perClass) {
        return data.subset(balancedRows(data, perClass));
    }

    /**
     * <b>Exercise 7.3: train on the images</b> (section "Fashion-MNIST: your own network").
     *
     * <p>Exercise 5.4 again, for any {@link Learner}: for each epoch, go through the examples in
     * the dataset's order; for each, forward propagate it, add Σⱼ (expectedⱼ − aⱼ)² to the
     * epoch's error (expected is the one-hot label, 1 at the example's class and 0 elsewhere),
     * backward propagate the error and update the weights. Return each epoch's summed error.
     * Check {@code Thread.currentThread().isInterrupted()} once per example and return the
     * epochs finished so far when it is set.
     */
    public static double[] train(Learner network, Dataset data, double learningRate, int epochs) {
        if (network == null || data == null) throw new IllegalArgumentException("need a network and a dataset");
        if (epochs < 1) throw new IllegalArgumentException("need at least one epoch, got " + epochs);
        // BEGIN SOLUTION 7.3: per epoch and example: forward, add the squared error, backward, update
        double[] errors = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            for (int n = 0; n < data.size(); n++) {
                if (Thread.currentThread().isInterrupted()) return Arrays.copyOf(errors, epoch);
                double[] row = data.x()[n];
                double[] expected = new double[data.classes()];
                expected[data.y()[n]] = 1;
                double[] output = network.forwardPropagate(row);
                for (int j = 0; j < expected.length; j++) sum += (expected[j] - output[j]) * (expected[j] - output[j]);
                network.backwardPropagateError(expected);
                network.updateWeights(row, learningRate);
            }
            errors[epoch] = sum;
        }
        return errors;
        // END SOLUTION
    }

    /** The fraction of {@code data} whose largest output is at the right class. */
    public static double accuracy(Learner network, Dataset data) {
        int right = 0;
        for (int n = 0; n < data.size(); n++) {
            double[] out = network.forwardPropagate(data.x()[n]);
            int best = 0;
            for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
            if (best == data.y()[n]) right++;
        }
        return (double) right / data.size();
    }
}
