package exercises.ch2;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;

/** The visible test of 2.5: a power whose exponent is a variable. It runs one node's backward step by hand. */
class VariablePowerTest {

    /** What a wrong pair of local gradients most likely got wrong. */
    static String hint(double a, double b, double gotA, double gotB) {
        double rightA = b * Math.pow(a, b - 1), rightB = Math.pow(a, b) * Math.log(a);
        if (Math.abs(gotA - rightA) < 1e-9 && Math.abs(gotB - b * Math.pow(a, b - 1)) < 1e-9) {
            return "the base's gradient is right, but the exponent's is not the power rule again: as a function of b, aᵇ is an "
                    + "exponential; write aᵇ = e^(b·ln a) and use the chain rule";
        }
        if (Math.abs(gotA - rightA) < 1e-9 && Math.abs(gotB) < 1e-15) {
            return "the exponent is a value of the graph too: it needs its own gradient, exponent.grad += …";
        }
        if (Math.abs(gotB - rightB) < 1e-9) {
            return "the exponent's gradient is right; for the base, b is held fixed: the power rule of Exercise 2.2";
        }
        return "treat each input in turn as the variable and the other as a constant: the power rule for a, and for b "
                + "write aᵇ = e^(b·ln a)";
    }

    @Graded(task = "2.5", name = "both local gradients of aᵇ at a = 1.7, b = 2.3", points = 2)
    void bothLocalGradients() {
        Value a = new Value(1.7), b = new Value(2.3);
        Value out = a.pow(b);
        out.grad = 1;
        out.backwardStep.run();   // this node's backward step alone, so that 2.4 is not needed
        double h = 1e-6;
        double byA = (Math.pow(1.7 + h, 2.3) - Math.pow(1.7 - h, 2.3)) / (2 * h);
        double byB = (Math.pow(1.7, 2.3 + h) - Math.pow(1.7, 2.3 - h)) / (2 * h);
        String hint = hint(1.7, 2.3, a.grad, b.grad);
        near(byA, a.grad, 1e-7, "∂(aᵇ)/∂a at a = 1.7, b = 2.3", hint);
        near(byB, b.grad, 1e-7, "∂(aᵇ)/∂b at a = 1.7, b = 2.3", hint);
    }
}
