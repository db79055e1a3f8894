package backprop.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A dataset cut in two: examples to train on and examples to test on, which training never sees.
 *
 * <pre>{@code
 * Split split = Split.stratified(Datasets.iris(), 0.2, 0);      // 80 % train, 20 % test, per class
 * List<Split> folds = Split.kFold(Datasets.wine(), 5, 0);       // 5-fold cross-validation, per class
 * List<Split> plain = Split.kFoldUnstratified(seeds, 5, 1);     // 5 folds cut from one shuffled order
 * }</pre>
 *
 * <p>Every way of splitting takes a seed: the same seed gives the same split. Within each part
 * the examples keep their original order (training shuffles them, unless told not to).
 *
 * @param train the examples to learn from
 * @param test  the examples to measure on
 */
public record Split(Dataset train, Dataset test) {

    public Split {
        if (train == null || test == null) throw new IllegalArgumentException("a split needs a train and a test set");
    }

    /**
     * A stratified split: each class is shuffled and cut so that {@code testFraction} of it
     * (rounded) goes to the test set, so both parts keep the dataset's class proportions.
     */
    public static Split stratified(Dataset data, double testFraction, long seed) {
        requireData(data);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must lie strictly between 0 and 1, got " + testFraction);
        }
        var random = new Random(seed);
        var train = new ArrayList<Integer>();
        var test = new ArrayList<Integer>();
        for (int[] members : byClass(data)) {
            shuffle(members, random);
            int toTest = (int) Math.round(members.length * testFraction);
            for (int i = 0; i < members.length; i++) (i < toTest ? test : train).add(members[i]);
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' (" + data.size() + " examples) is too small to split with test fraction "
                    + testFraction + ": one part would be empty");
        }
        return new Split(data.subset(sorted(train)), data.subset(sorted(test)));
    }

    /**
     * A fixed shuffled split: the rows are put in the order {@link Dataset#permutation}{@code (n, seed)},
     * the first {@code trainSize} train, the rest test. (The course's digits benchmark uses
     * {@code shuffled(digits, 1437, 0)}.)
     */
    public static Split shuffled(Dataset data, int trainSize, long seed) {
        requireData(data);
        if (trainSize < 1 || trainSize >= data.size()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.size()
                    + " examples: the training part must have between 1 and " + (data.size() - 1) + ", got " + trainSize);
        }
        int[] order = Dataset.permutation(data.size(), seed);
        return new Split(data.subset(Arrays.copyOfRange(order, 0, trainSize)),
                data.subset(Arrays.copyOfRange(order, trainSize, order.length)));
    }

    /**
     * Stratified k-fold cross-validation: the examples of each class are shuffled and dealt round
     * the k folds in turn, so every fold has about the same class proportions. Split i tests on
     * fold i and trains on the other k − 1; every example is tested exactly once.
     */
    public static List<Split> kFold(Dataset data, int k, long seed) {
        requireFolds(data, k);
        var random = new Random(seed);
        var folds = new ArrayList<List<Integer>>();
        for (int f = 0; f < k; f++) folds.add(new ArrayList<>());
        int next = 0;
        for (int[] members : byClass(data)) {
            shuffle(members, random);
            for (int member : members) folds.get(next++ % k).add(member);
        }
        return splits(data, folds);
    }

    /**
     * Plain (not stratified) k-fold cross-validation, as many tutorials do it: the examples are
     * put in the order {@link Dataset#permutation}{@code (n, seed)} and cut into k consecutive
     * folds, the first {@code n % k} of them one example larger. Split i tests on fold i and trains
     * on the other k − 1; every example is tested exactly once. A fold's class proportions are
     * left to chance: a small fold may miss a class altogether.
     */
    public static List<Split> kFoldUnstratified(Dataset data, int k, long seed) {
        requireFolds(data, k);
        int n = data.size();
        int[] order = Dataset.permutation(n, seed);
        var folds = new ArrayList<List<Integer>>();
        int from = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            var fold = new ArrayList<Integer>();
            for (int i = from; i < from + size; i++) fold.add(order[i]);
            folds.add(fold);
            from += size;
        }
        return splits(data, folds);
    }

    /** Split i of k: test on fold i, train on the others, each part in the dataset's order. */
    private static List<Split> splits(Dataset data, List<List<Integer>> folds) {
        var splits = new ArrayList<Split>();
        for (int f = 0; f < folds.size(); f++) {
            var train = new ArrayList<Integer>();
            for (int g = 0; g < folds.size(); g++) if (g != f) train.addAll(folds.get(g));
            splits.add(new Split(data.subset(sorted(train)), data.subset(sorted(folds.get(f)))));
        }
        return List.copyOf(splits);
    }

    private static void requireFolds(Dataset data, int k) {
        requireData(data);
        if (k < 2) throw new IllegalArgumentException("k-fold cross-validation needs k ≥ 2 folds, got " + k);
        if (k > data.size()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.size() + " examples, too few for " + k + " folds");
        }
    }

    private static int[][] byClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] members = new int[counts.length][];
        int[] filled = new int[counts.length];
        for (int c = 0; c < counts.length; c++) members[c] = new int[counts[c]];
        for (int i = 0; i < data.size(); i++) members[data.y()[i]][filled[data.y()[i]]++] = i;
        return members;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i]; values[i] = values[j]; values[j] = t;
        }
    }

    private static int[] sorted(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static void requireData(Dataset data) {
        if (data == null) throw new IllegalArgumentException("the dataset is null");
    }

    @Override
    public String toString() {
        return "Split of '" + train.name() + "': " + train.size() + " train, " + test.size() + " test";
    }
}
