package backprop.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A labelled dataset: one row of numbers per example, and the class of each example.
 *
 * <pre>{@code
 * Dataset moons = Synthetic.moons(100, 0.1, 42);
 * double[] first = moons.x()[0];   // its two features
 * int label = moons.y()[0];        // 0 or 1
 * }</pre>
 *
 * <p>Rows are examples, columns are features, as in a CSV file. The network code turns a batch
 * of rows into a matrix whose <em>columns</em> are the examples, the layout of the course's equations.
 *
 * <p>A dataset checks itself when it is made: rows of equal length, finite numbers and labels in
 * range. A problem is reported with the row and column it is in, never discovered later as a
 * strange loss curve.
 *
 * @param name         a short name for titles, e.g. {@code "moons"}
 * @param x            the features, one row per example
 * @param y            the class of each example, from 0 to {@code classNames.size() - 1}
 * @param featureNames one name per column of {@code x}
 * @param classNames   one name per class
 */
public record Dataset(String name, double[][] x, int[] y, List<String> featureNames, List<String> classNames) {

    public Dataset {
        if (name == null || x == null || y == null || featureNames == null || classNames == null) {
            throw new IllegalArgumentException("a dataset needs a name, features, labels, feature names and class names (one of them is null)");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("dataset '" + name + "' is empty: it has no examples");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("dataset '" + name + "' has " + x.length + " rows of features but " + y.length + " labels");
        }
        int columns = featureNames.size();
        if (columns == 0) {
            throw new IllegalArgumentException("dataset '" + name + "' has no feature columns");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "' has no classes");
        }
        for (int row = 0; row < x.length; row++) {
            if (x[row] == null || x[row].length != columns) {
                throw new IllegalArgumentException("dataset '" + name + "', row " + row + ": expected " + columns
                        + " features, found " + (x[row] == null ? "none" : x[row].length));
            }
            for (int column = 0; column < columns; column++) {
                if (!Double.isFinite(x[row][column])) {
                    throw new IllegalArgumentException("dataset '" + name + "', row " + row + ", column '"
                            + featureNames.get(column) + "': " + x[row][column] + " is not a finite number");
                }
            }
            if (y[row] < 0 || y[row] >= classNames.size()) {
                throw new IllegalArgumentException("dataset '" + name + "', row " + row + ": label " + y[row]
                        + " is out of range; the classes are 0 to " + (classNames.size() - 1));
            }
        }
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    /** A dataset whose classes are named "0", "1", … and whose features are named x1, x2, …. */
    public static Dataset of(String name, double[][] x, int[] y, int classes) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("dataset '" + name + "' is empty: it has no examples");
        }
        var features = new ArrayList<String>();
        for (int j = 1; j <= x[0].length; j++) features.add("x" + j);
        var classNames = new ArrayList<String>();
        for (int k = 0; k < classes; k++) classNames.add(Integer.toString(k));
        return new Dataset(name, x, y, features, classNames);
    }

    /** The number of examples (rows). */
    public int size() {
        return x.length;
    }

    /** The number of features (columns). */
    public int features() {
        return featureNames.size();
    }

    /** The number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** How many examples each class has: {@code classCounts()[k]} for class k. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : y) counts[label]++;
        return counts;
    }

    /**
     * The examples at the given row indices, in that order (an index may repeat). Rows are copied,
     * so changing the new dataset leaves this one alone.
     */
    public Dataset subset(int[] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("dataset '" + name + "': a subset needs at least one row index");
        }
        double[][] xs = new double[rows.length][];
        int[] ys = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new IllegalArgumentException("dataset '" + name + "' has rows 0 to " + (size() - 1) + ", but the subset asks for row " + rows[i]);
            }
            xs[i] = x[rows[i]].clone();
            ys[i] = y[rows[i]];
        }
        return new Dataset(name, xs, ys, featureNames, classNames);
    }

    /** The examples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("dataset '" + name + "' has rows 0 to " + (size() - 1)
                    + ": cannot take rows " + from + " (inclusive) to " + to + " (exclusive)");
        }
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) rows[i] = from + i;
        return subset(rows);
    }

    /** The same examples in a random order: the same seed gives the same order. */
    public Dataset shuffled(long seed) {
        return subset(permutation(size(), seed));
    }

    /**
     * A random ordering of 0 … n−1 from {@code new Random(seed)} (Fisher–Yates): the permutation
     * behind {@link #shuffled} and the course's fixed train/test splits.
     */
    public static int[] permutation(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("a permutation needs at least one element, got " + n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return order;
    }

    /** The same data under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, x, y, featureNames, classNames);
    }

    /**
     * The labels as one-hot rows: row i has a 1 in column {@code y[i]} and 0 elsewhere, the target
     * a softmax output layer is trained towards.
     */
    public double[][] oneHot() {
        return oneHot(y, classes());
    }

    /** One-hot rows for the given labels, each from 0 to {@code classes − 1}. */
    public static double[][] oneHot(int[] labels, int classes) {
        if (labels == null) throw new IllegalArgumentException("the labels are null");
        if (classes < 1) throw new IllegalArgumentException("one-hot encoding needs at least one class, got " + classes);
        double[][] rows = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at position " + i
                        + " is out of range; the classes are 0 to " + (classes - 1));
            }
            rows[i][labels[i]] = 1;
        }
        return rows;
    }

    /** The dataset as a tablesaw table: one numeric column per feature and a last column with the class name. */
    public Table toTable() {
        var table = Table.create(name);
        for (int j = 0; j < features(); j++) {
            double[] column = new double[size()];
            for (int i = 0; i < size(); i++) column[i] = x[i][j];
            table.addColumns(DoubleColumn.create(featureNames.get(j), column));
        }
        String labelName = featureNames.contains("class") ? "label" : "class";
        String[] labels = Arrays.stream(y).mapToObj(classNames::get).toArray(String[]::new);
        table.addColumns(StringColumn.create(labelName, labels));
        return table;
    }

    /**
     * A dataset from a tablesaw table: {@code labelColumn} holds the classes (names or whole
     * numbers), every other column a numeric feature. The classes are the label column's distinct
     * values, sorted (numerically if they are all whole numbers). A missing or non-numeric feature
     * or a missing label is reported with its row and column.
     */
    public static Dataset fromTable(Table table, String labelColumn) {
        return TableConversion.toDataset(table, labelColumn, row -> "table '" + table.name() + "', row " + row);
    }

    @Override
    public String toString() {
        return "Dataset " + name + ": " + size() + " examples × " + features() + " features, " + classes() + " classes";
    }
}
