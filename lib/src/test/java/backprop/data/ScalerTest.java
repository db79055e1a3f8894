package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalerTest {

    static final Dataset TRAIN = Dataset.of("train", new double[][] {{1, 10, 5}, {3, 20, 5}, {5, 60, 5}}, new int[] {0, 1, 0}, 2);
    static final Dataset TEST = Dataset.of("test", new double[][] {{7, 30, 6}}, new int[] {1}, 2);

    @Test
    void standardizingGivesMeanZeroAndDeviationOneOnTheTrainingSet() {
        Scaler scaler = Scaler.standardize(TRAIN);
        Dataset scaled = scaler.apply(TRAIN);
        for (int j = 0; j < 2; j++) {
            double mean = 0, square = 0;
            for (double[] row : scaled.x()) mean += row[j] / 3;
            for (double[] row : scaled.x()) square += (row[j] - mean) * (row[j] - mean) / 3;
            assertEquals(0, mean, 1e-15);
            assertEquals(1, Math.sqrt(square), 1e-15);
        }
        assertArrayEquals(new double[] {3, 30, 5}, scaler.shift(), 1e-12);
        assertEquals(1, scaler.scale()[2], "a constant feature keeps scale 1");
        // the test set is moved by the training set's numbers, not its own
        double[] test = scaler.apply(TEST).x()[0];
        assertEquals((7 - 3) / Math.sqrt(8.0 / 3), test[0], 1e-12);
        assertEquals(1, test[2], 1e-15);
        assertArrayEquals(TEST.y(), scaler.apply(TEST).y());
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        Scaler scaler = Scaler.minMax(TRAIN);
        Dataset scaled = scaler.apply(TRAIN);
        assertArrayEquals(new double[] {0, 0, 0}, scaled.x()[0], 1e-15);
        assertArrayEquals(new double[] {1, 1, 0}, scaled.x()[2], 1e-15);
        assertArrayEquals(new double[] {1.5, 0.4, 1}, scaler.apply(TEST).x()[0], 1e-15);
        assertTrue(scaler.toString().startsWith("Scaler (min-max) of 3 features"));
    }

    @Test
    void aDatasetWithOtherFeaturesIsRejected() {
        Scaler scaler = Scaler.minMax(TRAIN);
        Dataset other = Dataset.of("other", new double[][] {{1, 2}}, new int[] {0}, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> scaler.apply(other));
        assertTrue(e.getMessage().contains("fitted on 3 features, but dataset 'other' has 2"));
    }
}
