package backprop.data;

import java.util.ArrayList;
import java.util.List;

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

    @Override
    public String toString() {
        return "Dataset " + name + ": " + size() + " examples × " + features() + " features, " + classes() + " classes";
    }
}
