package backprop.data;

/**
 * How a text file of examples is laid out: what separates its fields, and whether its first line
 * names the columns.
 *
 * <pre>{@code
 * CsvFormat.commas()                     // a, b, label   with a header line: the default
 * CsvFormat.tabs().withoutHeader()       // 5.1 <tab> 3.5 <tab> 1   as many UCI data sets come
 * CsvFormat.whitespace().withoutHeader() // 5.1   3.5  1   columns aligned with spaces or tabs
 * }</pre>
 *
 * <p>Without a header the columns are named by position, {@code C0}, {@code C1}, … (tablesaw's
 * names), and the label column is best given by its index.
 *
 * @param separator what separates the fields of a line
 * @param header    whether the first line names the columns
 */
public record CsvFormat(Separator separator, boolean header) {

    /** What separates the fields of a line. */
    public enum Separator {
        /** {@code ,} as in a CSV file; fields may be quoted ({@code "a, b"}); an empty field is a missing value. */
        COMMA(',', "commas"),
        /** {@code ;} as spreadsheets write CSV where the comma is the decimal mark. */
        SEMICOLON(';', "semicolons"),
        /**
         * A tab. A run of tabs counts as one separator, and tabs at the start or end of a line are
         * ignored: files whose columns were aligned with extra tabs read as they look.
         */
        TAB('\t', "tabs"),
        /** Any run of spaces and tabs, as in files whose columns are aligned with spaces. Fields are not quoted. */
        WHITESPACE(' ', "spaces or tabs");

        final char character;
        final String described;

        Separator(char character, String described) {
            this.character = character;
            this.described = described;
        }
    }

    public CsvFormat {
        if (separator == null) throw new IllegalArgumentException("the separator is null");
    }

    /** Comma-separated, with a header line: the default of {@link Csv}. */
    public static CsvFormat commas() {
        return new CsvFormat(Separator.COMMA, true);
    }

    /** Semicolon-separated, with a header line. */
    public static CsvFormat semicolons() {
        return new CsvFormat(Separator.SEMICOLON, true);
    }

    /** Tab-separated (a run of tabs is one separator), with a header line. */
    public static CsvFormat tabs() {
        return new CsvFormat(Separator.TAB, true);
    }

    /** Separated by runs of spaces and tabs, with a header line. */
    public static CsvFormat whitespace() {
        return new CsvFormat(Separator.WHITESPACE, true);
    }

    /** The same format for a file whose first line is already an example: columns named C0, C1, …. */
    public CsvFormat withoutHeader() {
        return new CsvFormat(separator, false);
    }

    /** For example {@code tabs, no header}. */
    @Override
    public String toString() {
        return separator.described + (header ? ", header line" : ", no header");
    }
}
