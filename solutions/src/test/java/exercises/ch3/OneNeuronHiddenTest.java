package exercises.ch3;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** Chapter 3 tests the students do not see (they stay in solutions/). */
class OneNeuronHiddenTest {

    @Graded(task = "3.2", name = "stays exact when the sigmoid saturates", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void saturatedSigmoid() {
        // z = 40: σ(z) is 1.0 exactly in double precision, so −y/a + (1 − y)/(1 − a) divides by zero.
        var neuron = new OneNeuron(new double[] {20}, 0);
        OneNeuron.Gradient right = neuron.gradient(new double[] {2}, 1);
        OneNeuron.Gradient wrong = neuron.gradient(new double[] {2}, 0);
        near(0, right.db(), 1e-12, "∂L/∂b for a saturated neuron (a = 1) and y = 1",
                "use the cancelled form a − y; the three-factor product is 0/0 here");
        near(new double[] {2}, wrong.dw(), 1e-12, "∂L/∂w for a saturated neuron (a = 1) and y = 0",
                "use the cancelled form (a − y)·x; the three-factor product is ∞·0 here");
    }

    @Graded(task = "3.2", name = "checked numerically on a five-input neuron", points = 1, visibility = Visibility.HIDDEN)
    void numericallyOnFiveInputs() {
        double[] w = {0.3, -0.8, 0.5, 0.05, -0.2};
        double b = 0.4;
        double[] x = {1.2, 0.7, -0.4, 2.0, -1.1};
        double[] numerical = new double[6];
        double h = 1e-6;
        for (int i = 0; i <= 5; i++) {
            double[] up = w.clone(), down = w.clone();
            double bUp = b, bDown = b;
            if (i < 5) { up[i] += h; down[i] -= h; } else { bUp += h; bDown -= h; }
            numerical[i] = (lossOf(up, bUp, x, 0) - lossOf(down, bDown, x, 0)) / (2 * h);
        }
        OneNeuron.Gradient g = new OneNeuron(w, b).gradient(x, 0);
        double[] analytic = new double[6];
        System.arraycopy(g.dw(), 0, analytic, 0, 5);
        analytic[5] = g.db();
        gradientMatches(numerical, analytic, "(∂L/∂w₁ … ∂L/∂w₅, ∂L/∂b)", "one (a − y)·xᵢ per weight, and a − y for the bias");
    }

    @Graded(task = "3.4", name = "stops cleanly when interrupted", points = 1, visibility = Visibility.HIDDEN)
    void stopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            OneNeuron.Training run = OneNeuron.train(new OneNeuron(new double[] {0, 0}, 0), OneNeuronTest.twoBlobs(20, 2), 0.1, 1000);
            that(run.losses().length < 1000, "train(…) ran all 1000 epochs although the thread was interrupted",
                    "check Thread.currentThread().isInterrupted() once per epoch and return what you have");
        } finally {
            Thread.interrupted();   // clear the flag for the tests that follow
        }
    }

    private static double lossOf(double[] w, double b, double[] x, double y) {
        double z = b;
        for (int i = 0; i < w.length; i++) z += w[i] * x[i];
        double a = 1 / (1 + Math.exp(-z));
        return -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
    }
}
