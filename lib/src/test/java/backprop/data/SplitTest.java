package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {

    /** Each example of the iris set, identified by its row of numbers and label. */
    private static Set<String> examples(Dataset d) {
        var set = new HashSet<String>();
        for (int i = 0; i < d.size(); i++) set.add(Arrays.toString(d.x()[i]) + d.y()[i] + "#" + i);
        return set;
    }

    private static List<String> keys(Dataset d) {
        return java.util.stream.IntStream.range(0, d.size()).mapToObj(i -> Arrays.toString(d.x()[i]) + d.y()[i]).sorted().toList();
    }

    @Test
    void aStratifiedSplitKeepsTheClassProportions() {
        Dataset iris = Datasets.iris();
        Split split = Split.stratified(iris, 0.2, 0);
        assertArrayEquals(new int[] {40, 40, 40}, split.train().classCounts());
        assertArrayEquals(new int[] {10, 10, 10}, split.test().classCounts());
        var all = new java.util.ArrayList<>(keys(split.train()));
        all.addAll(keys(split.test()));
        assertEquals(keys(iris), all.stream().sorted().toList(), "train and test together are the whole dataset");
        Split again = Split.stratified(iris, 0.2, 0);
        assertTrue(Arrays.deepEquals(split.test().x(), again.test().x()), "the same seed gives the same split");
        Split other = Split.stratified(iris, 0.2, 1);
        assertTrue(!Arrays.deepEquals(split.test().x(), other.test().x()));
        assertEquals("Split of 'iris': 120 train, 30 test", split.toString());
    }

    @Test
    void kFoldTestsEveryExampleOnce() {
        Dataset wine = Datasets.wine();
        List<Split> folds = Split.kFold(wine, 5, 3);
        assertEquals(5, folds.size());
        var tested = new java.util.ArrayList<String>();
        for (Split fold : folds) {
            assertEquals(wine.size(), fold.train().size() + fold.test().size());
            tested.addAll(keys(fold.test()));
            int[] counts = fold.test().classCounts();
            // 59, 71, 48 examples per class: each fold gets about a fifth of each
            assertTrue(Math.abs(counts[0] - 59 / 5.0) <= 1 && Math.abs(counts[1] - 71 / 5.0) <= 1 && Math.abs(counts[2] - 48 / 5.0) <= 1,
                    Arrays.toString(counts));
        }
        assertEquals(keys(wine), tested.stream().sorted().toList());
    }

    @Test
    void anUnstratifiedKFoldCutsOneShuffledOrderIntoConsecutiveFolds() {
        Dataset wine = Datasets.wine();                          // 178 examples: folds of 36, 36, 36, 35, 35
        List<Split> folds = Split.kFoldUnstratified(wine, 5, 3);
        int[] order = Dataset.permutation(wine.size(), 3);
        int from = 0;
        var tested = new java.util.ArrayList<String>();
        for (int f = 0; f < 5; f++) {
            Split fold = folds.get(f);
            int size = f < 3 ? 36 : 35;
            assertEquals(size, fold.test().size());
            assertEquals(wine.size() - size, fold.train().size());
            int[] expected = Arrays.copyOfRange(order, from, from + size);
            Arrays.sort(expected);                               // each part keeps the dataset's order
            assertTrue(Arrays.deepEquals(wine.subset(expected).x(), fold.test().x()), "fold " + f);
            tested.addAll(keys(fold.test()));
            from += size;
        }
        assertEquals(keys(wine), tested.stream().sorted().toList(), "every example is tested once");
        assertTrue(Arrays.deepEquals(folds.get(2).test().x(), Split.kFoldUnstratified(wine, 5, 3).get(2).test().x()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.kFoldUnstratified(wine, 1, 0)).getMessage().contains("k ≥ 2"));
    }

    @Test
    void theFixedShuffledSplitIsAPermutationCut() {
        Dataset digits = Datasets.digits();
        Split split = Split.shuffled(digits, 1437, 0);
        assertEquals(1437, split.train().size());
        assertEquals(360, split.test().size());
        int[] order = Dataset.permutation(1797, 0);
        assertArrayEquals(digits.x()[order[0]], split.train().x()[0]);
        assertArrayEquals(digits.x()[order[1796]], split.test().x()[359]);
        assertTrue(examples(split.train()).size() == 1437);
    }

    @Test
    void badSplitsAreNamed() {
        Dataset iris = Datasets.iris();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.stratified(iris, 1.0, 0)).getMessage().contains("strictly between 0 and 1, got 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.stratified(iris, 0.001, 0)).getMessage().contains("one part would be empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.kFold(iris, 1, 0)).getMessage().contains("k ≥ 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.kFold(iris, 151, 0)).getMessage().contains("too few for 151 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Split.shuffled(iris, 150, 0)).getMessage().contains("between 1 and 149"));
    }
}
