package backprop.nn;

/**
 * How good a classifier's answers are: accuracy and the confusion matrix.
 *
 * <pre>{@code
 * int[] predicted = network.classify(test);
 * Metrics.accuracy(test.y(), predicted)                       // e.g. 0.975
 * int[][] counts = Metrics.confusion(test.y(), predicted, 10);  // counts[actual][predicted]
 * }</pre>
 */
public final class Metrics {

    private Metrics() {}

    /** The fraction of positions where {@code predicted} equals {@code actual}. */
    public static double accuracy(int[] actual, int[] predicted) {
        requireSameLength(actual, predicted);
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == predicted[i]) correct++;
        }
        return (double) correct / actual.length;
    }

    /**
     * The confusion matrix: {@code counts[a][p]} is the number of examples of class {@code a}
     * classified as {@code p}. The diagonal holds the correct answers.
     */
    public static int[][] confusion(int[] actual, int[] predicted, int classes) {
        requireSameLength(actual, predicted);
        if (classes < 1) throw new IllegalArgumentException("need at least one class, got " + classes);
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            checkLabel(actual[i], classes, "actual", i);
            checkLabel(predicted[i], classes, "predicted", i);
            counts[actual[i]][predicted[i]]++;
        }
        return counts;
    }

    private static void checkLabel(int label, int classes, String which, int i) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("the " + which + " label at position " + i + " is " + label
                    + ", out of range: the classes are 0 to " + (classes - 1));
        }
    }

    private static void requireSameLength(int[] actual, int[] predicted) {
        if (actual == null || predicted == null) throw new IllegalArgumentException("a label array is null");
        if (actual.length == 0) throw new IllegalArgumentException("there are no labels to compare");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual labels but " + predicted.length + " predicted ones");
        }
    }
}
