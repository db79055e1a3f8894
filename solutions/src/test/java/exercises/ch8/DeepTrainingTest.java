package exercises.ch8;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;

/** The visible tests of chapter 8: they are in your copy, and Check.task("8.x") runs them. */
class DeepTrainingTest {

    /** What a wrong momentum step most likely did, from the two classic slips. */
    static String momentumHint(double[] w0, double[] v0, double[] g, double eta, double mu, double[] w) {
        boolean oldVelocity = true, plusGradient = true;
        for (int i = 0; i < w0.length; i++) {
            oldVelocity &= Math.abs(w[i] - (w0[i] + v0[i])) < 1e-12;                          // moved by v before updating it
            plusGradient &= Math.abs(w[i] - (w0[i] + mu * v0[i] + eta * g[i])) < 1e-12;       // climbed the gradient
        }
        if (oldVelocity) return "w moved by the OLD velocity: update v first, v ← μv − η∇C, then w ← w + v";
        if (plusGradient) return "the step went UP the gradient: the velocity adds −η∇C";
        return "v ← μv − η∇C, then w ← w + v, for every component";
    }

    @Graded(task = "8.1", name = "two momentum steps by hand", points = 2)
    void twoStepsByHand() {
        double[] w = {1.0, -2.0}, v = {0.0, 0.0};
        DeepTraining.momentumStep(w, v, new double[] {0.5, -1.0}, 0.1, 0.9);
        near(new double[] {-0.05, 0.1}, v, 1e-12, "v after the first step from v = 0", "v ← μv − η∇C: the first step is −η∇C");
        near(new double[] {0.95, -1.9}, w, 1e-12, "w after the first step",
                momentumHint(new double[] {1.0, -2.0}, new double[] {0.0, 0.0}, new double[] {0.5, -1.0}, 0.1, 0.9, w));
        double[] w1 = w.clone(), v1 = v.clone(), g = {0.5, -1.0};
        DeepTraining.momentumStep(w, v, g, 0.1, 0.9);
        near(new double[] {-0.095, 0.19}, v, 1e-12, "v after a second step with the same gradient",
                "v keeps μ of itself: 0.9 · (−0.05) − 0.1 · 0.5 = −0.095");
        near(new double[] {0.855, -1.71}, w, 1e-12, "w after the second step", momentumHint(w1, v1, g, 0.1, 0.9, w));
    }

    @Graded(task = "8.2", name = "dead neurons of a 4-neuron layer on 3 examples", points = 2)
    void deadByHand() {
        double[][] z = {
            {-1.0, -0.5, -2.0},   // silent on every example: dead
            {-1.0, 0.3, -2.0},    // fires on the second example: alive
            {0.0, 0.0, -0.1},     // max(0, z) is 0 everywhere: dead
            {2.0, 1.0, 0.5},      // alive
        };
        near(2, DeepTraining.deadNeurons(z), 0, "the dead neurons of a layer with z = {{−1, −0.5, −2}, {−1, 0.3, −2}, {0, 0, −0.1}, {2, 1, 0.5}}",
                "a neuron is dead when max(0, z) = 0 on EVERY example, that is z ≤ 0 for all of them (z = 0 included); one positive z keeps it alive");
    }
}
