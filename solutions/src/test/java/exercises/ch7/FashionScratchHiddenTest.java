package exercises.ch7;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.data.Dataset;
import backprop.grading.Graded;
import backprop.grading.Visibility;
import java.util.Arrays;

/** Chapter 7 tests the students do not see (they stay in solutions/). */
class FashionScratchHiddenTest {

    @Graded(task = "7.1", name = "a 6×6 image by 3 and by 2", points = 1, visibility = Visibility.HIDDEN)
    void otherFactors() {
        double[] image = new double[36];
        for (int p = 0; p < 36; p++) image[p] = p;
        near(new double[] {7, 10, 25, 28}, FashionScratch.shrinkImage(image, 6, 3), 1e-12, "shrinkImage(0…35 as 6×6, factor 3)",
                "the mean of each 3×3 block: rows r·3 … r·3+2, columns c·3 … c·3+2");
        that(FashionScratch.shrinkImage(image, 6, 2).length == 9, "factor 2 of a 6×6 image should give 3×3 = 9 pixels",
                "side / factor pixels in each direction");
    }

    @Graded(task = "7.2", name = "a class with fewer examples gives all it has", points = 1, visibility = Visibility.HIDDEN)
    void shortClass() {
        Dataset data = FashionScratchTest.tiny(new int[] {0, 0, 0, 0, 1, 2, 2, 2});
        int[] rows = FashionScratch.balancedRows(data, 3);
        that(Arrays.equals(new int[] {0, 1, 2, 4, 5, 6, 7}, rows), "balancedRows(labels 0 0 0 0 1 2 2 2, 3) gave "
                + Arrays.toString(rows), "class 1 has one example: keep it, and 3 of each other class");
    }

    @Graded(task = "7.3", name = "training stops when the thread is interrupted", points = 1, visibility = Visibility.HIDDEN)
    void stopsWhenInterrupted() {
        var recorder = new FashionScratchTest.Recorder();
        Thread.currentThread().interrupt();
        double[] errors;
        try {
            errors = FashionScratch.train(recorder, FashionScratchTest.tiny(new int[] {1, 0, 2}), 0.1, 3);
        } finally {
            Thread.interrupted();
        }
        that(errors.length == 0 && recorder.calls.isEmpty(), "an interrupted training made " + recorder.calls.size()
                + " calls and returned " + errors.length + " epochs", "check Thread.currentThread().isInterrupted() before each example");
    }
}
