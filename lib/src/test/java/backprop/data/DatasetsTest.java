package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void irisHasFiftyFlowersOfEachSpecies() {
        Dataset iris = Datasets.iris();
        assertEquals("Dataset iris: 150 examples × 4 features, 3 classes", iris.toString());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.x()[0]);      // Fisher's first flower
        assertEquals("petal width (cm)", iris.featureNames().get(3));
    }

    @Test
    void wineHasItsThreeCultivars() {
        Dataset wine = Datasets.wine();
        assertEquals(178, wine.size());
        assertEquals(13, wine.features());
        assertArrayEquals(new int[] {59, 71, 48}, wine.classCounts());
        assertEquals(1065, wine.x()[0][12]);                                      // proline of the first wine
        assertEquals(List.of("class_0", "class_1", "class_2"), wine.classNames());
    }

    @Test
    void digitsAreEightByEightImagesWithPixelCountsUpToSixteen() {
        Dataset digits = Datasets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.features());
        assertEquals(10, digits.classes());
        assertEquals("pixel_7_7", digits.featureNames().get(63));
        double max = 0;
        for (double[] row : digits.x()) for (double v : row) {
            assertTrue(v >= 0 && v == Math.rint(v));
            max = Math.max(max, v);
        }
        assertEquals(16, max);
        assertEquals(0, digits.y()[0]);
        int total = 0;
        for (int count : digits.classCounts()) {
            assertTrue(count >= 174 && count <= 183);
            total += count;
        }
        assertEquals(1797, total);
    }
}
