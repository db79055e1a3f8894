package exercises.ch2;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import backprop.grading.Visibility;

/** 2.5 tests the students do not see (they stay in solutions/). */
class VariablePowerHiddenTest {

    @Graded(task = "2.5", name = "xˣ: one value as base and exponent, the gradient flowing in", points = 1, visibility = Visibility.HIDDEN)
    void xToTheX() {
        Value x = new Value(1.3);
        Value out = x.pow(x);
        out.grad = 0.5;           // a gradient flowing in from further up
        out.backwardStep.run();
        // d(xˣ)/dx = xˣ(ln x + 1): the two paths into x add up
        near(0.5 * Math.pow(1.3, 1.3) * (Math.log(1.3) + 1), x.grad, 1e-12, "x.grad for out = xˣ at x = 1.3, out.grad = 0.5",
                "x is both the base and the exponent: add (+=) both contributions, each times the gradient flowing in");
    }
}
