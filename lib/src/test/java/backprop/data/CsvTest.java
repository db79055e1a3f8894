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
        assertTrue(problem(() -> Csv.dataset(missing, "y")).contains("CSV file " + missing + " does not exist"));
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
        assertTrue(problem(() -> Csv.dataset(file, "y")).contains("bad.csv, line 4: expected 3 fields (as in the header), found 2"));
        Path longer = write("long.csv", "a,b,y\n1,2,0,9\n");
        assertTrue(problem(() -> Csv.table(longer)).contains("long.csv, line 2: expected 3 fields (as in the header), found 4"));
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
}
