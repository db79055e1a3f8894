package exercises.ch2;

import static backprop.grading.Expect.near;

import backprop.grading.Graded;

/**
 * The visible tests of chapter 2. The tests of the local gradients (2.1 to 2.3) run one node's
 * backward step by hand, so they do not need your backward() (2.4); the tests of backward() use
 * nodes whose backward steps the tests write themselves, so they do not need your 2.1 to 2.3.
 */
class ValueTest {

    /** Runs one node's backward step with the gradient {@code upstream} flowing into it. */
    static void stepBack(Value out, double upstream) {
        out.grad = upstream;
        out.backwardStep.run();
    }

    @Graded(task = "2.1", name = "the toy function f = (x + y)·z, step by step", points = 2)
    void toyFunctionStepByStep() {
        Value x = new Value(-2), y = new Value(5), z = new Value(-4);
        Value q = x.plus(y);
        Value f = q.times(z);
        f.grad = 1;                 // ∂f/∂f
        f.backwardStep.run();       // f = q·z sends z to q and q to z
        q.backwardStep.run();       // q = x + y sends q's gradient to both
        near(3, z.grad, 1e-12, "∂f/∂z after the multiply step", "for out = a·b the gradient of b is a·out.grad (here a = q = 3)");
        near(-4, q.grad, 1e-12, "∂f/∂q after the multiply step", "for out = a·b the gradient of a is b·out.grad (here b = z = −4)");
        near(-4, x.grad, 1e-12, "∂f/∂x after the plus step", "plus passes the gradient flowing in to both inputs unchanged");
        near(-4, y.grad, 1e-12, "∂f/∂y after the plus step", "plus passes the gradient flowing in to both inputs unchanged");
    }

    @Graded(task = "2.1", name = "plus and times accumulate with +=", points = 1)
    void plusAndTimesAccumulate() {
        Value a = new Value(3), b = new Value(-2);
        a.grad = 0.5;               // gradient already received along another path
        b.grad = 0.25;
        stepBack(a.times(b), 2);
        near(0.5 + (-2) * 2, a.grad, 1e-12, "a.grad after out = a·b with out.grad = 2 (a.grad was 0.5)",
                "add to the gradient (+=), do not overwrite it: a value used elsewhere keeps what it has");
        near(0.25 + 3 * 2, b.grad, 1e-12, "b.grad after out = a·b with out.grad = 2 (b.grad was 0.25)",
                "add to the gradient (+=), do not overwrite it");
        Value c = new Value(7);
        stepBack(c.plus(c), 1.5);   // c + c: c gets the gradient twice
        near(3, c.grad, 1e-12, "c.grad after out = c + c with out.grad = 1.5",
                "the same value is both inputs of plus: it must receive 1.5 twice, so use +=");
    }

    @Graded(task = "2.2", name = "power: n·xⁿ⁻¹ for n = 2, 3 and −1", points = 2)
    void power() {
        double[] exponents = {2, 3, -1};
        double[] expected = {2 * 1.5, 3 * 1.5 * 1.5, -1 / (1.5 * 1.5)};
        for (int i = 0; i < exponents.length; i++) {
            Value x = new Value(1.5);
            stepBack(x.pow(exponents[i]), 1);
            near(expected[i], x.grad, 1e-12, "∂(x^" + exponents[i] + ")/∂x at x = 1.5",
                    "the local gradient of xⁿ is n·xⁿ⁻¹ (Math.pow(x, n - 1))");
        }
        Value x = new Value(2);
        stepBack(x.pow(2), 0.5);
        near(2 * 2 * 0.5, x.grad, 1e-12, "x.grad for out = x² with out.grad = 0.5",
                "multiply the local gradient by the gradient flowing in, out.grad");
    }

    @Graded(task = "2.3", name = "exp: the local gradient is the output itself", points = 1)
    void exp() {
        Value x = new Value(0.7);
        stepBack(x.exp(), 2);
        near(Math.exp(0.7) * 2, x.grad, 1e-12, "x.grad for out = eˣ with out.grad = 2",
                "the derivative of eˣ is eˣ, which out.data already holds");
    }

    @Graded(task = "2.3", name = "tanh: 1 − tanh²", points = 1)
    void tanh() {
        Value x = new Value(0.4);
        stepBack(x.tanh(), 3);
        double t = Math.tanh(0.4);
        near((1 - t * t) * 3, x.grad, 1e-12, "x.grad for out = tanh(x) with out.grad = 3",
                "the derivative of tanh is 1 − tanh², and tanh(x) is out.data");
    }

    /** A node out = k·input whose backward step the test writes itself. */
    static Value scale(Value input, double k) {
        Value out = new Value(k * input.data, "scale", input);
        out.backwardStep = () -> input.grad += k * out.grad;
        return out;
    }

    /** A node out = a + b whose backward step the test writes itself. */
    static Value sum(Value a, Value b) {
        Value out = new Value(a.data + b.data, "sum", a, b);
        out.backwardStep = () -> {
            a.grad += out.grad;
            b.grad += out.grad;
        };
        return out;
    }

    @Graded(task = "2.4", name = "backward sets ∂f/∂f = 1 and walks a chain", points = 1)
    void backwardOnAChain() {
        Value x = new Value(1);
        Value f = scale(scale(scale(x, 2), 3), 4);
        f.backward();
        near(1, f.grad, 0, "f.grad after f.backward()", "start the backward pass with ∂f/∂f = 1");
        near(24, x.grad, 1e-12, "x.grad after f.backward() for f = 4·(3·(2·x))",
                "run the backward steps from the output back to the inputs");
    }

    @Graded(task = "2.4", name = "a variable used twice: its gradients add", points = 2)
    void variableUsedTwice() {
        Value x = new Value(1);
        Value a = scale(x, 2);      // two paths from x to f
        Value b = scale(x, 5);
        Value f = sum(a, b);        // f = 2x + 5x
        f.backward();
        near(7, x.grad, 1e-12, "x.grad for f = 2x + 5x",
                "x is reached along two paths; each backward step must run once, and their gradients add up to 7");
    }

    @Graded(task = "2.4", name = "a diamond: every step runs once, after all its users", points = 2)
    void diamond() {
        Value x = new Value(1);
        Value h = scale(x, 3);          // h is used twice below
        Value f = sum(scale(h, 2), scale(h, 10));
        f.backward();
        near(12, h.grad, 1e-12, "h.grad for f = 2h + 10h", "h's gradient collects 2 and 10 from its two users");
        near(36, x.grad, 1e-12, "x.grad for f = 2h + 10h with h = 3x",
                "h must send its gradient back only after BOTH of its users have sent theirs, and only once: "
                        + "that is what the topological order is for");
    }

    @Graded(task = "2.4", name = "backward twice gives the same gradients (each grad cleared first)", points = 1)
    void backwardTwice() {
        Value x = new Value(1);
        Value h = scale(x, 3);
        Value f = sum(scale(h, 2), h);  // f = 2h + h = 9x
        f.backward();
        f.backward();
        near(1, f.grad, 0, "f.grad after calling f.backward() twice", "the output's own gradient is the seed, 1, every time");
        near(3, h.grad, 1e-12, "h.grad after calling f.backward() twice for f = 2h + h",
                "set every node's grad to 0 before the seed: a second backward() must not add onto the first");
        near(9, x.grad, 1e-12, "x.grad after calling f.backward() twice for f = 2h + h with h = 3x",
                "set every node's grad to 0 before the seed: a second backward() must not add onto the first");
    }
}
