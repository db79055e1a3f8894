package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsAndHistoryTest {

    @Test
    void accuracyAndConfusion() {
        int[] actual = {0, 0, 1, 2, 2, 2};
        int[] predicted = {0, 1, 1, 2, 0, 2};
        assertEquals(4.0 / 6, Metrics.accuracy(actual, predicted), 1e-15);
        int[][] counts = Metrics.confusion(actual, predicted, 3);
        assertArrayEquals(new int[] {1, 1, 0}, counts[0]);
        assertArrayEquals(new int[] {0, 1, 0}, counts[1]);
        assertArrayEquals(new int[] {1, 0, 2}, counts[2]);
    }

    @Test
    void labelsOutOfRangeAndMismatchedLengthsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.confusion(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertTrue(e.getMessage().contains("actual label at position 1 is 3, out of range: the classes are 0 to 2"));
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("2 actual labels but 1 predicted"));
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[0], new int[0]));
        assertTrue(e.getMessage().contains("no labels"));
    }

    @Test
    void aHistoryReadsAsATableAndAsAProgressBar() {
        var history = new History(4);
        history.add(new Epoch(1, 0.9, 0.5, 0.8, 0.55, 3.2));
        history.add(new Epoch(2, 0.5, 0.75, 0.6, 0.7, 2.9));
        assertEquals("epoch   2  train loss 0.5000  accuracy  75.00%  |  test loss 0.6000  accuracy  70.00%", history.last().toString());
        assertEquals("History: 2 of 4 epochs\n" + history.epochs().get(0) + "\n" + history.last(), history.toString());
        assertTrue(history.progressBar().startsWith("[██████████░░░░░░░░░░]  2/4  epoch   2"), history.progressBar());
        assertArrayEquals(new double[] {1, 2}, history.epochNumbers());
        assertArrayEquals(new double[] {0.55, 0.7}, history.testAccuracy());
        assertTrue(history.hasTest());
        assertThrows(IllegalStateException.class, () -> new History(3).last());
        var noTest = new Epoch(1, 0.3, 0.9, Double.NaN, Double.NaN, 1);
        assertEquals("epoch   1  train loss 0.3000  accuracy  90.00%", noTest.toString());
    }
}
