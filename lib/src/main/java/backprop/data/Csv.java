package backprop.data;

import backprop.data.CsvFormat.Separator;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.ColumnIndexOutOfBoundsException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a file of examples into a tablesaw {@link Table} (to look at) and into a {@link Dataset}
 * (to train on).
 *
 * <pre>{@code
 * Table table = Csv.table(Path.of("data/gears.csv"));             // shows as an HTML table in a notebook
 * Dataset gears = Csv.dataset(Path.of("data/gears.csv"), "kind");  // "kind" holds the classes
 * Dataset seeds = Csv.dataset(Path.of("seeds_dataset.txt"), CsvFormat.tabs().withoutHeader(), 7);   // label in column 7
 * }</pre>
 *
 * <p>By default a file is comma-separated and its first line names the columns; {@link CsvFormat}
 * describes others: tabs, semicolons or runs of whitespace between the fields, no header line.
 * Every other line is one example; blank lines are skipped.
 *
 * <p>tablesaw parses the file, once. A problem is reported with the file and the line it is on:
 * a missing or empty file, a line with too few or too many fields, a missing or non-numeric value,
 * a missing label. A file that comes out as a single column is refused, with the separator its
 * lines seem to use; a header line made of numbers, which looks like an example, is refused too.
 */
public final class Csv {

    private Csv() {}

    /** A comma-separated file with a header line, as a tablesaw table named after the file. */
    public static Table table(Path file) {
        return table(file, CsvFormat.commas());
    }

    /** The file as a tablesaw table named after the file. */
    public static Table table(Path file, CsvFormat format) {
        return read(file, format, false).table();
    }

    /**
     * A comma-separated file with a header line as a dataset: {@code labelColumn} holds the classes
     * (names or whole numbers), every other column is a numeric feature. The dataset is named after
     * the file, without its extension.
     */
    public static Dataset dataset(Path file, String labelColumn) {
        return dataset(file, CsvFormat.commas(), labelColumn);
    }

    /** The file as a dataset, the classes in the column named {@code labelColumn}. */
    public static Dataset dataset(Path file, CsvFormat format, String labelColumn) {
        if (labelColumn == null) throw new IllegalArgumentException("the name of the label column is null");
        Read read = read(file, format, true);
        if (!read.table().columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException(read.name() + " has no column '" + labelColumn + "'; its columns are "
                    + read.table().columnNames() + (format.header() ? "" : " (the file has no header line: give the label column by its index)"));
        }
        return toDataset(read, labelColumn);
    }

    /** The file as a dataset, the classes in column {@code labelIndex} (0 for the first column). */
    public static Dataset dataset(Path file, CsvFormat format, int labelIndex) {
        Read read = read(file, format, true);
        int columns = read.table().columnCount();
        if (labelIndex < 0 || labelIndex >= columns) {
            throw new IllegalArgumentException(read.name() + " has " + columns + " columns, 0 to " + (columns - 1)
                    + ": there is no column " + labelIndex + " to take the labels from");
        }
        return toDataset(read, read.table().column(labelIndex).name());
    }

    private static Dataset toDataset(Read read, String labelColumn) {
        List<Integer> lines = read.dataLines();
        Dataset data = TableConversion.toDataset(read.table(), labelColumn, row -> read.name() + ", line " + lines.get(row));
        return data.withName(read.name().replaceFirst("\\.[A-Za-z]{1,4}$", ""));
    }

    // ------------------------------------------------------------------ reading

    /** A table, its file's name, and for each of its rows the line of the file it came from. */
    private record Read(Table table, String name, List<Integer> dataLines) {}

    private static Read read(Path file, CsvFormat format, boolean forDataset) {
        if (file == null) throw new IllegalArgumentException("the path of the file is null");
        if (format == null) throw new IllegalArgumentException("the file format is null (CsvFormat.commas() is the default)");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("file " + file + " does not exist (looked in " + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("file " + file + " is not a readable file");
        }
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }

        // Where each record is: the lines that are not blank (tablesaw skips blank lines too).
        String[] lines = text.split("\r?\n|\r", -1);
        var records = new ArrayList<Integer>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) records.add(i + 1);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: expected " + (format.header() ? "a header line naming the columns" : "examples"));
        }
        int headerLines = format.header() ? 1 : 0;
        List<Integer> dataLines = records.subList(headerLines, records.size());
        if (dataLines.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: it has a header but no examples");
        }

        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(separatedOnce(lines, format.separator())))
                    .tableName(name).header(format.header()).separator(format.separator() == Separator.WHITESPACE ? '\t' : format.separator().character)
                    .sample(false));                  // detect each column's type from all its values, not a sample
        } catch (ColumnIndexOutOfBoundsException e) { // while detecting types: a line with too many fields, data rows counted from 0
            throw wrongFieldCount(name, records, e.getRowNumber() + headerLines, e.getLine().length);
        } catch (RuntimeException e) {
            throw unreadable(name, lines, records, e, format.separator());
        }
        if (table.rowCount() != dataLines.size()) {
            throw new IllegalArgumentException("tablesaw read " + table.rowCount() + " rows from " + name + " but the file has "
                    + dataLines.size() + " lines of examples (a quoted field spanning lines is not supported)");
        }
        if (format.header()) requireNames(table, name, records.get(0), forDataset);
        if (table.columnCount() == 1) {
            String suggestion = separatorSuggestion(lines[dataLines.get(0) - 1], format.separator());
            if (forDataset || suggestion != null) {
                throw new IllegalArgumentException(name + " reads as a single column with " + format.separator().described
                        + " as the separator" + (suggestion == null ? ": a dataset needs features and a label" : "; " + suggestion));
            }
        }
        return new Read(table, name, List.copyOf(dataLines));
    }

    /**
     * The text with each line's separators as tablesaw expects them: for tabs, a run of tabs
     * becomes one and tabs at either end go; for whitespace, every run of spaces and tabs becomes
     * one tab. Commas and semicolons are left alone (an empty field there is a missing value).
     */
    private static String separatedOnce(String[] lines, Separator separator) {
        if (separator != Separator.TAB && separator != Separator.WHITESPACE) return String.join("\n", lines);
        String run = separator == Separator.TAB ? "\t+" : "[ \t]+";
        var text = new StringBuilder();
        for (String line : lines) {
            String trimmed = separator == Separator.TAB ? line.replaceAll("^\t+|\t+$", "") : line.strip();
            text.append(trimmed.replaceAll(run, "\t")).append('\n');
        }
        return text.toString();
    }

    private static IllegalArgumentException wrongFieldCount(String file, List<Integer> records, long record, int found) {
        return new IllegalArgumentException(file + lineOf(records, record) + ": expected as many fields as the first line has, found " + found);
    }

    /** What tablesaw's failure means, with the line it happened on where that can be known. */
    private static IllegalArgumentException unreadable(String file, String[] lines, List<Integer> records, RuntimeException e, Separator separator) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // tablesaw: "Row number 3 contains 2 columns. 3 expected.", rows counted from 0 with the header as row 0
            Matcher m = Pattern.compile("Row number (\\d+) contains (\\d+) columns").matcher(String.valueOf(t.getMessage()));
            if (m.find()) return wrongFieldCount(file, records, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (e instanceof AddCellToColumnException cell) {
            return new IllegalArgumentException(file + lineOf(records, cell.getRowNumber()) + ", column '" + cell.getColumnName() + "': "
                    + (cell.getCause() == null ? cell.getMessage() : cell.getCause().getMessage()), e);
        }
        if (separator == Separator.COMMA || separator == Separator.SEMICOLON) {
            for (int line : records) {
                if (lines[line - 1].chars().filter(c -> c == '"').count() % 2 == 1) {
                    return new IllegalArgumentException(file + ", line " + line + ": a quoted field is not closed (a quote starts a field"
                            + " that may hold separators; the field ends at the next quote)", e);
                }
            }
        }
        return new IllegalArgumentException("tablesaw could not read " + file + ": " + e.getMessage(), e);
    }

    /** ", line 7" for record r of the file (counting from 0, blank lines left out), or "" if there is no such record. */
    private static String lineOf(List<Integer> records, long record) {
        return record >= 0 && record < records.size() ? ", line " + records.get((int) record) : "";
    }

    /** Column names that are all numbers belong to an example: reading it as a header would lose it. */
    private static void requireNames(Table table, String file, int line, boolean forDataset) {
        boolean allNumbers = table.columnNames().stream().allMatch(Csv::isNumber);
        if (allNumbers && forDataset) {
            throw new IllegalArgumentException(file + ", line " + line + ": the header line " + table.columnNames()
                    + " is made of numbers, like an example. If the file has no header line, read it with "
                    + "a format .withoutHeader() (the columns are then named C0, C1, …)");
        }
    }

    /** Which separator the line seems to use instead of the one asked for, as advice; null if none. */
    private static String separatorSuggestion(String line, Separator asked) {
        if (asked != Separator.TAB && asked != Separator.WHITESPACE && line.contains("\t")) {
            return "its lines hold tabs: read it with CsvFormat.tabs()";
        }
        if (asked != Separator.SEMICOLON && line.contains(";")) return "its lines hold semicolons: read it with CsvFormat.semicolons()";
        if (asked != Separator.COMMA && line.contains(",")) return "its lines hold commas: read it with CsvFormat.commas()";
        if (asked != Separator.WHITESPACE && line.strip().contains(" ")) {
            return "its lines hold spaces: read it with CsvFormat.whitespace()";
        }
        return null;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
