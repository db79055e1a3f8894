package exercises.ch3;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.data.Dataset;
import backprop.grading.Graded;
import java.util.Random;

/** The visible tests of chapter 3: they are in your copy, and Check.task("3.x") runs them. */
class OneNeuronTest {

    @Graded(task = "3.1", name = "the three factors for w = 0.5, b = 0, x = 2, y = 1", points = 2)
    void threeFactorsByHand() {
        double a = 1 / (1 + Math.exp(-1.0));   // z = 0.5·2 + 0 = 1
        double[] factors = OneNeuron.threeFactors(0.5, 0, 2, 1);
        near(new double[] {-1 / a, a * (1 - a), 2}, factors, 1e-12, "{∂L/∂a, ∂a/∂z, ∂z/∂w}",
                "∂L/∂a = −y/a + (1 − y)/(1 − a); ∂a/∂z = a(1 − a); ∂z/∂w = x");
    }

    @Graded(task = "3.1", name = "their product is ∂L/∂w, checked numerically", points = 1)
    void productIsTheDerivative() {
        double w = -0.7, b = 0.2, x = 1.3, y = 0;
        double[] f = OneNeuron.threeFactors(w, b, x, y);
        double h = 1e-6;
        double numerical = (loss(w + h, b, x, y) - loss(w - h, b, x, y)) / (2 * h);
        near(numerical, f[0] * f[1] * f[2], 1e-8, "∂L/∂a · ∂a/∂z · ∂z/∂w against the numerical ∂L/∂w (y = 0)",
                "for y = 0 only the (1 − y)/(1 − a) term of ∂L/∂a remains");
    }

    @Graded(task = "3.2", name = "(a − y)·x and a − y for a two-input neuron", points = 2)
    void gradientAfterTheCancellation() {
        var neuron = new OneNeuron(new double[] {0.4, -0.6}, 0.1);
        double[] x = {1.5, 0.5};
        double a = 1 / (1 + Math.exp(-(0.4 * 1.5 - 0.6 * 0.5 + 0.1)));
        OneNeuron.Gradient g = neuron.gradient(x, 1);
        near(new double[] {(a - 1) * 1.5, (a - 1) * 0.5}, g.dw(), 1e-12, "∂L/∂w", "∂L/∂wᵢ = (a − y)·xᵢ");
        near(a - 1, g.db(), 1e-12, "∂L/∂b", "∂L/∂b = a − y: the bias's input is always 1");
    }

    @Graded(task = "3.3", name = "one step: the mean gradient times η", points = 2)
    void oneStep() {
        var neuron = new OneNeuron(new double[] {0.2, -0.1}, 0.05);
        double[][] x = {{1, 2}, {-1, 0.5}, {0.3, -2}};
        int[] y = {1, 0, 1};
        double eta = 0.5;
        double[] meanDw = new double[2];
        double meanDb = 0;
        for (int n = 0; n < 3; n++) {
            double a = 1 / (1 + Math.exp(-(0.2 * x[n][0] - 0.1 * x[n][1] + 0.05)));
            meanDw[0] += (a - y[n]) * x[n][0] / 3;
            meanDw[1] += (a - y[n]) * x[n][1] / 3;
            meanDb += (a - y[n]) / 3;
        }
        OneNeuron next = neuron.step(x, y, eta);
        near(new double[] {0.2 - eta * meanDw[0], -0.1 - eta * meanDw[1]}, next.w(), 1e-12, "w after one step",
                "w ← w − η · (mean of ∂L/∂w over the batch): average, do not sum");
        near(0.05 - eta * meanDb, next.b(), 1e-12, "b after one step", "b ← b − η · mean ∂L/∂b");
        near(new double[] {0.2, -0.1}, neuron.w(), 0, "the old neuron's w after step()",
                "step() returns a new neuron and leaves this one unchanged");
    }

    @Graded(task = "3.4", name = "training: the loss goes down and 95 % are classified", points = 2)
    void trainingOnTwoBlobs() {
        Dataset blobs = twoBlobs(100, 11);
        var start = new OneNeuron(new double[] {0, 0}, 0);
        OneNeuron.Training run = OneNeuron.train(start, blobs, 0.5, 60);
        that(run.losses().length == 60, "train(…, 60 epochs) returned " + run.losses().length + " losses",
                "record the mean loss once per epoch, before the step");
        near(Math.log(2), run.losses()[0], 1e-12, "the loss before the first step (w = 0, b = 0 gives a = ½)",
                "losses[0] is the untrained neuron's mean loss, ln 2");
        for (int i = 1; i < run.losses().length; i++) {
            that(run.losses()[i] <= run.losses()[i - 1] + 1e-12, String.format(java.util.Locale.ROOT, "the loss went up at epoch %d: %.6g → %.6g",
                    i, run.losses()[i - 1], run.losses()[i]), "each step must move against the gradient: w − η·∂L/∂w");
        }
        double accuracy = run.neuron().accuracy(blobs);
        that(accuracy >= 0.95, "after 60 epochs the neuron classifies " + Math.round(100 * accuracy)
                + " % of the two blobs correctly, expected at least 95 %", "train the neuron returned by each step, not the start");
    }

    static double loss(double w, double b, double x, double y) {
        double a = 1 / (1 + Math.exp(-(w * x + b)));
        return -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
    }

    /** Two round clouds of points, class 0 around (−1, −1) and class 1 around (1, 1). */
    static Dataset twoBlobs(int n, long seed) {
        var random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double centre = y[i] == 1 ? 1 : -1;
            x[i] = new double[] {centre + 0.5 * random.nextGaussian(), centre + 0.5 * random.nextGaussian()};
        }
        return Dataset.of("two blobs", x, y, 2);
    }
}
