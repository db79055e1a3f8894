package backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DatasetTest {

    private static String problem(Runnable making) {
        return assertThrows(IllegalArgumentException.class, making::run).getMessage();
    }

    @Test
    void aWellFormedDatasetKnowsItsShape() {
        Dataset d = Dataset.of("tiny", new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 1}, 2);
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertEquals(2, d.classes());
        assertEquals(List.of("x1", "x2"), d.featureNames());
        assertEquals("Dataset tiny: 3 examples × 2 features, 2 classes", d.toString());
    }

    @Test
    void badDataIsReportedWithWhereItIs() {
        assertTrue(problem(() -> Dataset.of("e", new double[0][], new int[0], 2)).contains("empty"));
        assertTrue(problem(() -> Dataset.of("n", new double[][] {{1, Double.NaN}}, new int[] {0}, 2))
                .contains("row 0, column 'x2': NaN is not a finite number"));
        assertTrue(problem(() -> Dataset.of("l", new double[][] {{1}, {2}}, new int[] {0, 3}, 2))
                .contains("row 1: label 3 is out of range; the classes are 0 to 1"));
        assertTrue(problem(() -> Dataset.of("r", new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2))
                .contains("row 1: expected 2 features, found 1"));
        assertTrue(problem(() -> Dataset.of("c", new double[][] {{1}, {2}}, new int[] {0}, 2))
                .contains("2 rows of features but 1 labels"));
    }

    @Test
    void subsetsSlicesAndShuffles() {
        Dataset d = Dataset.of("d", new double[][] {{0}, {1}, {2}, {3}, {4}}, new int[] {0, 1, 0, 1, 0}, 2);
        assertArrayEquals(new double[] {3}, d.subset(new int[] {3, 1}).x()[0]);
        assertEquals(2, d.slice(1, 3).size());
        assertArrayEquals(new int[] {3, 2}, d.classCounts());
        Dataset shuffled = d.shuffled(4);
        int[] order = Dataset.permutation(5, 4);
        for (int i = 0; i < 5; i++) assertEquals(order[i], (int) shuffled.x()[i][0]);
        assertArrayEquals(Dataset.permutation(5, 4), Dataset.permutation(5, 4));
        assertTrue(problem(() -> d.subset(new int[] {5})).contains("asks for row 5"));
        assertTrue(problem(() -> d.slice(3, 3)).contains("cannot take rows 3 (inclusive) to 3 (exclusive)"));
        double[][] copied = d.subset(new int[] {0}).x();
        copied[0][0] = 99;
        assertEquals(0, d.x()[0][0], "a subset copies its rows");
    }

    @Test
    void oneHotRows() {
        assertArrayEquals(new double[] {0, 0, 1}, Dataset.oneHot(new int[] {2, 0}, 3)[0]);
        assertArrayEquals(new double[] {1, 0, 0}, Dataset.oneHot(new int[] {2, 0}, 3)[1]);
        assertTrue(problem(() -> Dataset.oneHot(new int[] {0, 3}, 3)).contains("label 3 at position 1 is out of range; the classes are 0 to 2"));
        assertTrue(problem(() -> Dataset.oneHot(new int[] {-1}, 3)).contains("label -1"));
    }

    @Test
    void toAndFromATable() {
        Dataset d = new Dataset("pets", new double[][] {{1.5, 2}, {3, 4}}, new int[] {1, 0}, List.of("weight", "age"), List.of("cat", "dog"));
        Table table = d.toTable();
        assertEquals(List.of("weight", "age", "class"), table.columnNames());
        assertEquals("dog", table.stringColumn("class").get(0));
        Dataset back = Dataset.fromTable(table, "class");
        assertEquals(List.of("cat", "dog"), back.classNames());
        assertArrayEquals(d.y(), back.y());
        assertTrue(java.util.Arrays.deepEquals(d.x(), back.x()));
        assertTrue(problem(() -> Dataset.fromTable(table, "kind")).contains("has no column 'kind'"));
    }
}
