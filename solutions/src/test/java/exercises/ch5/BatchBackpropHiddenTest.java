package exercises.ch5;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** 5.8 tests the students do not see (they stay in solutions/). */
class BatchBackpropHiddenTest {

    @Graded(task = "5.8", name = "two hidden layers and a batch of 5", points = 1, visibility = Visibility.HIDDEN)
    void twoHiddenLayers() {
        new BatchBackpropTest.Problem(new int[] {3, 4, 4, 2}, 5, 13)
                .check("∂C/∂W and ∂C/∂b of a 3-4-4-2 network for the mean cost of 5 examples");
    }
}
