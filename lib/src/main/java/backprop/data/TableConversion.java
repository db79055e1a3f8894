package backprop.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Table → Dataset, shared by {@link Dataset#fromTable} and {@link Csv}, which name places differently. */
final class TableConversion {

    private TableConversion() {}

    /**
     * @param where names row r of the table for messages: "table 'x', row 3" or "iris.csv, line 5"
     */
    static Dataset toDataset(Table table, String labelColumn, IntFunction<String> where) {
        if (table == null) throw new IllegalArgumentException("the table is null");
        if (labelColumn == null) throw new IllegalArgumentException("the name of the label column is null");
        String source = table.name() == null ? "the table" : "'" + table.name() + "'";
        if (!table.columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException(source + " has no column '" + labelColumn + "'; its columns are " + table.columnNames());
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(source + " is empty: it has a header but no examples");
        }
        if (table.columnCount() < 2) {
            throw new IllegalArgumentException(source + " has only the label column '" + labelColumn + "': there are no features");
        }
        int n = table.rowCount();
        Column<?> labels = table.column(labelColumn);

        // the classes: distinct label values, sorted numerically if all are whole numbers
        var values = new ArrayList<String>(n);
        for (int r = 0; r < n; r++) {
            if (labels.isMissing(r) || labels.getString(r).isBlank()) {
                throw new IllegalArgumentException(where.apply(r) + ", column '" + labelColumn + "': the label is missing");
            }
            values.add(wholeNumberText(labels.getString(r).trim()));
        }
        boolean numeric = values.stream().allMatch(TableConversion::isWholeNumber);
        var distinct = numeric
                ? new TreeSet<String>((p, q) -> Long.compare(Long.parseLong(p), Long.parseLong(q)))
                : new TreeSet<String>();
        distinct.addAll(values);
        List<String> classNames = new ArrayList<>(distinct);
        Map<String, Integer> classOf = new HashMap<>();
        for (int k = 0; k < classNames.size(); k++) classOf.put(classNames.get(k), k);
        int[] y = new int[n];
        for (int r = 0; r < n; r++) y[r] = classOf.get(values.get(r));

        // the features: every other column, numeric and finite
        var featureNames = new ArrayList<String>();
        var columns = new ArrayList<Column<?>>();
        for (Column<?> column : table.columns()) {
            if (!column.name().equals(labelColumn)) {
                featureNames.add(column.name());
                columns.add(column);
            }
        }
        double[][] x = new double[n][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column<?> column = columns.get(c);
            for (int r = 0; r < n; r++) {
                if (column.isMissing(r)) {
                    throw new IllegalArgumentException(where.apply(r) + ", column '" + column.name() + "': the value is missing");
                }
                double value;
                if (column instanceof NumericColumn<?> numbers) {
                    value = numbers.getDouble(r);
                } else {
                    String text = column.getString(r).trim();
                    try {
                        value = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(where.apply(r) + ", column '" + column.name() + "': '" + text
                                + "' is not a number (every column but the label '" + labelColumn + "' must be numeric)");
                    }
                }
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(where.apply(r) + ", column '" + column.name() + "': " + value + " is not a finite number");
                }
                x[r][c] = value;
            }
        }
        String name = table.name() == null || table.name().isBlank() ? "table" : table.name();
        return new Dataset(name, x, y, featureNames, classNames);
    }

    /** "2.0" → "2", so that a label column read as decimals still names its classes 0, 1, 2. */
    private static String wholeNumberText(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        } catch (NumberFormatException e) {
            // a class name, not a number
        }
        return text;
    }

    private static boolean isWholeNumber(String text) {
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
