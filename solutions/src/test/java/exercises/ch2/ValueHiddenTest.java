package exercises.ch2;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;

import backprop.grading.Graded;
import backprop.grading.Visibility;
import java.util.function.DoubleUnaryOperator;

/** Chapter 2 tests the students do not see (they stay in solutions/). */
class ValueHiddenTest {

    static double numerical(DoubleUnaryOperator f, double x) {
        double h = 1e-6;
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    @Graded(task = "2.2", name = "power: a fractional exponent, checked numerically", points = 1, visibility = Visibility.HIDDEN)
    void fractionalPower() {
        Value x = new Value(2.3);
        ValueTest.stepBack(x.pow(1.5), 1);
        gradientMatches(new double[] {numerical(t -> Math.pow(t, 1.5), 2.3)}, new double[] {x.grad},
                "∂(x^1.5)/∂x at 2.3", "n·xⁿ⁻¹ holds for any constant n");
    }

    @Graded(task = "2.3", name = "exp and tanh accumulate with +=", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void expAndTanhAccumulate() {
        Value x = new Value(-0.3);
        x.grad = 1;
        ValueTest.stepBack(x.exp(), 1);
        ValueTest.stepBack(x.tanh(), 1);
        double t = Math.tanh(-0.3);
        near(1 + Math.exp(-0.3) + (1 - t * t), x.grad, 1e-12, "x.grad after an exp and a tanh step (it started at 1)",
                "every backward step adds (+=) to the input's gradient");
    }

    @Graded(task = "2.4", name = "a neuron tanh(w·x + b) end to end, checked numerically", points = 2,
            visibility = Visibility.AFTER_PUBLISHED)
    void neuronEndToEnd() {
        // The nodes carry the test's own local gradients, so only backward() is being tested.
        double w0 = 0.8, x0 = -1.5, b0 = 0.3;
        Value w = new Value(w0), x = new Value(x0), b = new Value(b0);
        Value wx = node(w0 * x0, w, x, x0, w0);
        Value z = node(wx.data + b0, wx, b, 1, 1);
        double t = Math.tanh(z.data);
        Value out = node(t, z, null, 1 - t * t, 0);
        out.backward();
        gradientMatches(new double[] {numerical(v -> Math.tanh(v * x0 + b0), w0), numerical(v -> Math.tanh(w0 * v + b0), x0),
                        numerical(v -> Math.tanh(w0 * x0 + v), b0)},
                new double[] {w.grad, x.grad, b.grad}, "∂out/∂(w, x, b) for out = tanh(w·x + b)",
                "backward() must visit every node once, in reverse topological order");
    }

    /** A node with one or two inputs and the given local gradients. */
    private static Value node(double data, Value a, Value b, double localA, double localB) {
        Value out = b == null ? new Value(data, "f", a) : new Value(data, "g", a, b);
        out.backwardStep = () -> {
            a.grad += localA * out.grad;
            if (b != null) b.grad += localB * out.grad;
        };
        return out;
    }
}
