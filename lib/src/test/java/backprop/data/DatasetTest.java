package backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
