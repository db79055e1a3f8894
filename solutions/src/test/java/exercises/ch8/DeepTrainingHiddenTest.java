package exercises.ch8;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 8 tests the students do not see (they stay in solutions/). */
class DeepTrainingHiddenTest {

    @Graded(task = "8.1", name = "μ = 0 is plain gradient descent, and a bowl is descended", points = 1, visibility = Visibility.HIDDEN)
    void plainAndBowl() {
        double[] w = {3.0}, v = {0.0};
        DeepTraining.momentumStep(w, v, new double[] {6.0}, 0.25, 0);
        near(new double[] {1.5}, w, 1e-12, "one step with μ = 0 on C = w², from w = 3 with η = 0.25", "with μ = 0, w ← w − η∇C");
        double[] x = {-8, 1}, velocity = {0, 0};
        for (int t = 0; t < 60; t++) DeepTraining.momentumStep(x, velocity, new double[] {x[0], 20 * x[1]}, 0.09, 0.5);
        near(0, 0.5 * (x[0] * x[0] + 20 * x[1] * x[1]), 1e-6, "C = ½(w₁² + 20w₂²) after 60 steps with η = 0.09, μ = 0.5 from (−8, 1)",
                "momentum reaches the bottom of this valley: check the order, v first, then w ← w + v");
    }

    @Graded(task = "8.2", name = "no neurons, and a layer where every neuron fires once", points = 1, visibility = Visibility.HIDDEN)
    void edgeCases() {
        near(0, DeepTraining.deadNeurons(new double[0][]), 0, "the dead neurons of a layer with no neurons", "count the rows");
        near(0, DeepTraining.deadNeurons(new double[][] {{1e-9, -5}, {-5, 1e-9}}), 0, "two neurons that each fire once, barely",
                "any z > 0 keeps a neuron alive, however small");
    }
}
