package backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a CSV file into a tablesaw {@link Table} (to look at) and into a {@link Dataset} (to train on).
 *
 * <pre>{@code
 * Table table = Csv.table(Path.of("data/gears.csv"));            // shows as an HTML table in a notebook
 * Dataset gears = Csv.dataset(Path.of("data/gears.csv"), "kind"); // "kind" holds the classes
 * }</pre>
 *
 * <p>The file's first line names the columns; every other line is one example. Fields are
 * separated by commas and may be quoted ({@code "a, b"}; a quote inside is doubled). Before
 * tablesaw sees the file, every line is checked, so that a problem is reported with the file and
 * the line it is on: a missing file, an empty file, a line with too few or too many fields, a
 * missing or non-numeric value, a missing label.
 */
public final class Csv {

    private Csv() {}

    /** The file as a tablesaw table, named after the file. */
    public static Table table(Path file) {
        return read(file).table();
    }

    /**
     * The file as a dataset: {@code labelColumn} holds the classes (names or whole numbers), every
     * other column is a numeric feature. The dataset is named after the file, without ".csv".
     */
    public static Dataset dataset(Path file, String labelColumn) {
        Checked checked = read(file);
        String fileName = file.getFileName().toString();
        List<Integer> lines = checked.dataLines();
        Dataset data = TableConversion.toDataset(checked.table(), labelColumn, row -> fileName + ", line " + lines.get(row));
        return data.withName(fileName.replaceFirst("(?i)\\.csv$", ""));
    }

    /** A table and, for each of its rows, the line of the file it came from. */
    private record Checked(Table table, List<Integer> dataLines) {}

    private static Checked read(Path file) {
        if (file == null) throw new IllegalArgumentException("the path of the CSV file is null");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("CSV file " + file + " does not exist (looked in " + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("CSV file " + file + " is not a readable file");
        }
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read CSV file " + file + ": " + e.getMessage(), e);
        }
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) headerLine++;
        if (headerLine == lines.size()) {
            throw new IllegalArgumentException(name + " is empty: expected a header line naming the columns");
        }
        List<String> header = fields(lines.get(headerLine), name, headerLine + 1);
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isBlank()) {
                throw new IllegalArgumentException(name + ", line " + (headerLine + 1) + ": column " + (c + 1) + " has no name");
            }
        }
        var dataLines = new ArrayList<Integer>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;   // blank lines are skipped, as tablesaw does
            List<String> row = fields(lines.get(i), name, i + 1);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(name + ", line " + (i + 1) + ": expected " + header.size()
                        + " fields (as in the header), found " + row.size());
            }
            dataLines.add(i + 1);
        }
        if (dataLines.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: it has a header but no examples");
        }
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(name).header(true));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tablesaw could not read " + name + ": " + e.getMessage(), e);
        }
        if (table.rowCount() != dataLines.size()) {
            throw new IllegalArgumentException("tablesaw read " + table.rowCount() + " rows from " + name + " but the file has "
                    + dataLines.size() + " data lines (a quoted field spanning lines is not supported)");
        }
        return new Checked(table, dataLines);
    }

    /** The fields of one line: comma-separated, optionally quoted with doubled quotes inside. */
    static List<String> fields(String line, String file, int lineNumber) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ", line " + lineNumber + ": a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }
}
