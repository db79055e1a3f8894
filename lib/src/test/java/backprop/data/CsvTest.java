package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class CsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String problem(Runnable reading) {
        return assertThrows(IllegalArgumentException.class, reading::run).getMessage();
    }

    @Test
    void aCsvBecomesATableAndADataset() throws IOException {
        Path file = write("flowers.csv", """
                length,width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor

                6.3,3.3,virginica
                4.9,3.0,setosa
                """);
        Table table = Csv.table(file);
        assertEquals(4, table.rowCount());
        assertEquals(List.of("length", "width", "species"), table.columnNames());
        Dataset flowers = Csv.dataset(file, "species");
        assertEquals("flowers", flowers.name());
        assertEquals(List.of("length", "width"), flowers.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), flowers.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, flowers.y());
        assertArrayEquals(new double[] {6.3, 3.3}, flowers.x()[2]);
    }

    @Test
    void wholeNumberLabelsAreSortedAsNumbers() throws IOException {
        Path file = write("n.csv", "x,label\n1,10\n2,9\n3,2\n4,10\n");
        Dataset data = Csv.dataset(file, "label");
        assertEquals(List.of("2", "9", "10"), data.classNames());
        assertArrayEquals(new int[] {2, 1, 0, 2}, data.y());
    }

    @Test
    void quotedFieldsMayHoldCommas() throws IOException {
        Path file = write("q.csv", "a,b,kind\n1,2,\"big, round\"\n3,4,\"say \"\"hi\"\"\"\n");
        Dataset data = Csv.dataset(file, "kind");
        assertEquals(List.of("big, round", "say \"hi\""), data.classNames());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.csv");
        assertTrue(problem(() -> Csv.dataset(missing, "y")).contains("file " + missing + " does not exist"));
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsEmpty() throws IOException {
        Path empty = write("empty.csv", "");
        assertTrue(problem(() -> Csv.table(empty)).contains("empty.csv is empty: expected a header line"));
        Path header = write("header.csv", "a,b,y\n");
        assertTrue(problem(() -> Csv.dataset(header, "y")).contains("header.csv is empty: it has a header but no examples"));
    }

    @Test
    void aShortOrLongLineIsNamedWithItsLineNumber() throws IOException {
        Path file = write("bad.csv", "a,b,y\n1,2,0\n3,4,1\n5,6\n");
        assertTrue(problem(() -> Csv.dataset(file, "y")).contains("bad.csv, line 4: expected as many fields as the first line has, found 2"));
        Path longer = write("long.csv", "a,b,y\n1,2,0,9\n");
        assertTrue(problem(() -> Csv.table(longer)).contains("long.csv, line 2: expected as many fields as the first line has, found 4"));
        Path open = write("open.csv", "a,b,y\n1,\"2,0\n");
        assertTrue(problem(() -> Csv.table(open)).contains("open.csv, line 2: a quoted field is not closed"));
    }

    @Test
    void aNonNumericOrMissingValueIsNamedWithLineAndColumn() throws IOException {
        Path text = write("text.csv", "a,b,y\n1,2,0\n3,oops,1\n");
        assertTrue(problem(() -> Csv.dataset(text, "y")).contains("text.csv, line 3, column 'b': 'oops' is not a number"));
        Path blank = write("blank.csv", "a,b,y\n1,2,0\n\n3,,1\n");
        assertTrue(problem(() -> Csv.dataset(blank, "y")).contains("blank.csv, line 4, column 'b': the value is missing"));
        Path label = write("label.csv", "a,b,y\n1,2,0\n3,4,\n");
        assertTrue(problem(() -> Csv.dataset(label, "y")).contains("label.csv, line 3, column 'y': the label is missing"));
        Path nan = write("nan.csv", "a,b,y\n1,2,0\n3,NaN,1\n");
        assertTrue(problem(() -> Csv.dataset(nan, "y")).contains("nan.csv, line 3, column 'b'"));
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() throws IOException {
        Path file = write("c.csv", "a,b,y\n1,2,0\n");
        assertTrue(problem(() -> Csv.dataset(file, "class")).contains("has no column 'class'; its columns are [a, b, y]"));
    }

    @Test
    void aTabSeparatedFileWithoutHeaderAndWithDoubledTabsReadsAsItLooks() throws IOException {
        Path file = write("seeds.txt", "15.26\t14.84\t\t1\n14.88\t\t14.57\t1\n\n17.63\t15.98\t2\t\n");
        Dataset seeds = Csv.dataset(file, CsvFormat.tabs().withoutHeader(), 2);
        assertEquals("seeds", seeds.name());
        assertEquals(List.of("C0", "C1"), seeds.featureNames());
        assertEquals(List.of("1", "2"), seeds.classNames());
        assertArrayEquals(new double[] {14.88, 14.57}, seeds.x()[1]);
        assertArrayEquals(new int[] {0, 0, 1}, seeds.y());
        assertEquals(List.of("C0", "C1", "C2"), Csv.table(file, CsvFormat.tabs().withoutHeader()).columnNames());
        assertEquals(seeds.y()[2], Csv.dataset(file, CsvFormat.tabs().withoutHeader(), "C2").y()[2], "by name or by index");
    }

    @Test
    void whitespaceSeparatedColumnsAndSemicolonsReadToo() throws IOException {
        Path spaces = write("aligned.txt", "   x     y  class\n  1.5   2.0      a\n -3.0  \t 4.5   b\n");
        Dataset aligned = Csv.dataset(spaces, CsvFormat.whitespace(), "class");
        assertArrayEquals(new double[] {-3.0, 4.5}, aligned.x()[1]);
        Path semicolons = write("semi.csv", "x;y;class\n1;2;a\n3;4;b\n");
        assertEquals(List.of("a", "b"), Csv.dataset(semicolons, CsvFormat.semicolons(), 2).classNames());
        assertEquals("tabs, no header", CsvFormat.tabs().withoutHeader().toString());
    }

    @Test
    void aFileThatReadsAsOneColumnSaysSoAndSuggestsTheSeparator() throws IOException {
        Path tabs = write("tabs.txt", "5.1\t3.5\t1\n4.9\t3.0\t0\n");
        String message = problem(() -> Csv.dataset(tabs, "y"));
        assertTrue(message.contains("tabs.txt reads as a single column with commas as the separator; its lines hold tabs: read it with CsvFormat.tabs()"), message);
        assertTrue(problem(() -> Csv.table(tabs)).contains("read it with CsvFormat.tabs()"));
        Path semicolons = write("semi.csv", "a;b;y\n1;2;0\n");
        assertTrue(problem(() -> Csv.dataset(semicolons, "y")).contains("CsvFormat.semicolons()"));
        Path spaces = write("spaces.txt", "1 2 0\n3 4 1\n");
        assertTrue(problem(() -> Csv.dataset(spaces, CsvFormat.tabs().withoutHeader(), 2)).contains("CsvFormat.whitespace()"));
        Path single = write("single.csv", "value\n1\n2\n");
        assertEquals(2, Csv.table(single).rowCount(), "a table may have one column");
        assertTrue(problem(() -> Csv.dataset(single, CsvFormat.commas(), 0)).contains("a dataset needs features and a label"));
    }

    @Test
    void aHeaderMadeOfNumbersIsAnExampleAndIsNotLost() throws IOException {
        Path file = write("noheader.csv", "5.1,3.5,1\n4.9,3.0,0\n");
        String message = problem(() -> Csv.dataset(file, CsvFormat.commas(), 2));
        assertTrue(message.contains("noheader.csv, line 1: the header line [5.1, 3.5, 1] is made of numbers"), message);
        assertTrue(message.contains("withoutHeader()"), message);
        assertEquals(2, Csv.dataset(file, CsvFormat.commas().withoutHeader(), 2).size());
    }

    @Test
    void aLabelIndexOutsideTheColumnsIsNamed() throws IOException {
        Path file = write("idx.csv", "a,b,y\n1,2,0\n");
        assertTrue(problem(() -> Csv.dataset(file, CsvFormat.commas(), 3)).contains("idx.csv has 3 columns, 0 to 2: there is no column 3"));
        assertTrue(problem(() -> Csv.dataset(file, CsvFormat.commas(), -1)).contains("there is no column -1"));
        Path headerless = write("h.txt", "1\t2\t0\n");
        assertTrue(problem(() -> Csv.dataset(headerless, CsvFormat.tabs().withoutHeader(), "y"))
                .contains("its columns are [C0, C1, C2] (the file has no header line: give the label column by its index)"));
    }
}
