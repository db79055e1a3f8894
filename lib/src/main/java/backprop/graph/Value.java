package backprop.graph;

import backprop.display.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A number that remembers how it was computed, so that it can fill in its gradient backwards.
 *
 * <p>Every operation on values makes a new value and records three things: the
 * {@link Operation}, its inputs, and its <em>local gradients</em>, the derivative of the result
 * with respect to each input, ∂out/∂input. The local gradients are computed right after the
 * forward result, while the numbers they need are at hand; the table of operations holds both
 * formulas side by side. For {@code q = x + y} they are {@code {1, 1}}; for {@code f = q · z}
 * they are {@code {z, q}}.
 *
 * <pre>{@code
 * Value x = new Value(-2, "x"), y = new Value(5, "y"), z = new Value(-4, "z");
 * Value q = x.plus(y).named("q");        // q = 3
 * Value f = q.times(z).named("f");       // f = -12
 * f.backward();                          // x.grad() = -4, y.grad() = -4, z.grad() = 3
 * }</pre>
 *
 * <p>{@link #backward()} then needs a single rule for every operation, the chain rule:
 * <pre>    input.grad += localGradient · out.grad     (upstream gradient × local gradient)</pre>
 * applied to every node, from the output back to the inputs.
 *
 * <p>Mixing with plain numbers: {@code x.times(2)}, {@code x.plus(1)}. A plain number becomes a
 * constant leaf of the graph (a value with no inputs), exactly as if it had been written
 * {@code new Value(2)}. For a number on the left, start from a value: {@code new Value(1).minus(x)}.
 *
 * <p>Bad input is refused where it happens, with the value named: the log of a value that is not
 * positive, a fractional power of a negative value, a division by zero.
 */
public final class Value {

    /** Hands out a fresh mark for each graph walk; see {@link #topologicalOrder()}. */
    private static final AtomicInteger WALKS = new AtomicInteger();

    private double data;
    private double grad;
    private String name;
    private final Operation operation;   // null for a leaf
    private final Value[] inputs;
    /** ∂this/∂input for each input; a power keeps its constant exponent after its one local gradient. */
    private final double[] localGrads;
    /** The number of the last graph walk that reached this value: cheaper than a set of visited nodes. */
    private int visited;

    /** A leaf: an input or a parameter, with no name. */
    public Value(double data) {
        this(data, (String) null);
    }

    /** A leaf with a name, e.g. {@code new Value(-2, "x")}. */
    public Value(double data, String name) {
        if (!Double.isFinite(data)) {
            throw new IllegalArgumentException("a value must be a finite number, got " + data
                    + (name == null ? "" : " for " + name));
        }
        this.data = data;
        this.name = checkName(name);
        this.operation = null;
        this.inputs = new Value[0];
        this.localGrads = new double[0];
    }

    /**
     * The result of an operation on its inputs (and, for a power, a constant exponent): the
     * forward computation, and right after it ∂out/∂input for each input, both from the table.
     */
    private Value(Operation operation, double exponent, Value... inputs) {
        double a = inputs[0].data, b = inputs.length > 1 ? inputs[1].data : exponent;
        this.operation = operation;
        this.inputs = inputs;
        this.data = operation.forward(a, b);
        double[] local = operation.localGradients(a, b, data);
        // The exponent is the one number of an operation that is not an input. It rides in the
        // array of local gradients, after them: a field for it would make every value larger,
        // and a graph of 65 000 values noticeably slower to build.
        this.localGrads = operation == Operation.POWER ? new double[] {local[0], exponent} : local;
    }

    private Value(Operation operation, Value... inputs) {
        this(operation, Double.NaN, inputs);
    }

    // ------------------------------------------------------------------ operations
    // Each one makes the value out of the table's row (see Operation), after refusing bad input.

    /** {@code this + other}. */
    public Value plus(Value other) {
        return new Value(Operation.PLUS, this, other(other, "+"));
    }

    /** {@code this - other}. */
    public Value minus(Value other) {
        return new Value(Operation.MINUS, this, other(other, "−"));
    }

    /** {@code this · other}. */
    public Value times(Value other) {
        return new Value(Operation.TIMES, this, other(other, "×"));
    }

    /**
     * The larger of {@code this} and {@code other}, {@code max(x, y)}. In the backward pass it
     * routes the whole upstream gradient to the larger input and none to the other (at a tie,
     * to {@code this}).
     */
    public Value max(Value other) {
        return new Value(Operation.MAX, this, other(other, "max"));
    }

    /** {@code this / other}; refuses a division by zero. */
    public Value div(Value other) {
        if (other(other, "÷").data == 0) {
            throw new IllegalArgumentException("division by zero: the divisor " + describe(other) + " is 0");
        }
        return new Value(Operation.DIVIDE, this, other);
    }

    /** {@code -this}. */
    public Value neg() {
        return new Value(Operation.NEGATE, this);
    }

    /**
     * {@code this} to a constant power, e.g. {@code x.pow(2)} for x², {@code x.pow(-1)} for 1/x.
     * A fractional power of a negative value has no real result and is refused.
     */
    public Value pow(double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("the exponent must be a finite number, got " + exponent);
        }
        boolean whole = exponent == Math.rint(exponent);
        if (data < 0 && !whole) {
            throw new IllegalArgumentException("a fractional power of a negative value has no real result: "
                    + describe(this) + " to the power " + Numbers.format(exponent));
        }
        if (data == 0 && exponent < 1 && exponent != 0) {
            throw new IllegalArgumentException(describe(this) + " to the power " + Numbers.format(exponent)
                    + " has no finite " + (exponent < 0 ? "value" : "derivative") + " at 0");
        }
        return new Value(Operation.POWER, exponent, this);
    }

    /** e to the power {@code this}. */
    public Value exp() {
        return new Value(Operation.EXP, this);
    }

    /** The natural logarithm; refuses a value that is not positive. */
    public Value log() {
        if (data <= 0) {
            throw new IllegalArgumentException("log needs a positive value, got " + describe(this));
        }
        return new Value(Operation.LOG, this);
    }

    /** The hyperbolic tangent, an S-shaped curve from -1 to 1. */
    public Value tanh() {
        return new Value(Operation.TANH, this);
    }

    /** The sigmoid σ(a) = 1 / (1 + e^-a), an S-shaped curve from 0 to 1. */
    public Value sigmoid() {
        return new Value(Operation.SIGMOID, this);
    }

    /**
     * The rectifier, max(0, a). Its slope is 1 for a &gt; 0 and 0 for a &lt; 0; at exactly 0, where
     * the slope is not defined, this library takes 0 (as micrograd and PyTorch do).
     */
    public Value relu() {
        return new Value(Operation.RELU, this);
    }

    // Mixing with plain numbers: the number becomes a constant leaf.

    /** {@code this + c}. */
    public Value plus(double c) { return plus(new Value(c)); }

    /** {@code this - c}. */
    public Value minus(double c) { return minus(new Value(c)); }

    /** {@code this · c}. */
    public Value times(double c) { return times(new Value(c)); }

    /** {@code this / c}. */
    public Value div(double c) { return div(new Value(c)); }

    // ------------------------------------------------------------------ the backward pass

    /**
     * Fills in {@code grad} for every value this one depends on: after it, {@code v.grad()} is
     * ∂this/∂v.
     *
     * <ol>
     *   <li>Put the graph in topological order: every value after the values it was computed
     *       from ({@link #topologicalOrder()}).</li>
     *   <li>Set every gradient in the graph to 0, and this value's own to 1 (∂out/∂out = 1).</li>
     *   <li>Walk the order backwards, from this value to the inputs. When a value is reached,
     *       every value computed from it has been done, so its gradient is complete; pass it on
     *       to its inputs with the chain rule, {@code input.grad += local · out.grad}. The
     *       {@code +=} is what sums the gradient of a value used more than once.</li>
     * </ol>
     *
     * <p>Because step 2 clears the gradients of the whole graph first, calling {@code backward()}
     * twice gives the same gradients twice. (micrograd, which only sets the output's gradient,
     * keeps adding into the intermediate values on a second call.) The flip side: gradients do
     * not accumulate across calls. To sum the gradients of several examples, add their losses into
     * one value and call {@code backward()} on it once.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value v : order) v.grad = 0;
        grad = 1;                                          // ∂out/∂out = 1: the seed
        for (int i = order.size() - 1; i >= 0; i--) {
            Value out = order.get(i);
            for (int k = 0; k < out.inputs.length; k++) {
                out.inputs[k].grad += out.localGrads[k] * out.grad;   // the chain rule: local × upstream
            }
        }
    }

    /**
     * Every value this one depends on, itself included, each after all of its inputs (inputs
     * first, this value last).
     *
     * <p>A depth-first walk that lists a value once all its inputs are listed. It keeps its own
     * stack instead of calling itself, so a graph 100 000 operations deep does not overflow
     * Java's call stack. A value reached twice (used twice) is listed once: each walk takes a
     * fresh number, and a value remembers the number of the last walk that reached it.
     */
    public List<Value> topologicalOrder() {
        int walk = WALKS.incrementAndGet();
        List<Value> order = new ArrayList<>();
        Value[] stack = new Value[16];
        int[] nextInput = new int[16];                    // for each value on the stack, the input to visit next
        int top = 0;
        stack[top++] = this;
        visited = walk;
        while (top > 0) {
            Value node = stack[top - 1];
            int k = nextInput[top - 1];
            if (k < node.inputs.length) {
                nextInput[top - 1] = k + 1;
                Value input = node.inputs[k];
                if (input.visited != walk) {
                    input.visited = walk;
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * top);
                        nextInput = Arrays.copyOf(nextInput, 2 * top);
                    }
                    stack[top] = input;
                    nextInput[top] = 0;
                    top++;
                }
            } else {
                order.add(node);                          // all its inputs are listed: list it
                top--;
            }
        }
        return order;
    }

    // ------------------------------------------------------------------ reading and changing

    /** The number this value holds, computed in the forward pass. */
    public double data() { return data; }

    /** ∂out/∂this, where out is the value {@link #backward()} was last called on (0 before that). */
    public double grad() { return grad; }

    /** The name given to this value, or {@code null}. */
    public String name() { return name; }

    /** The symbol of the operation that made this value ({@code "+"}, {@code "×"}, {@code "tanh"}, {@code "^2"}, …), or {@code ""} for a leaf. */
    public String op() { return operation == null ? "" : operation.symbol(constant()); }

    /** The operation that made this value, or {@code null} for a leaf. */
    public Operation operation() { return operation; }

    /** The constant exponent of a {@link Operation#POWER}, NaN for every other value. */
    public double constant() { return operation == Operation.POWER ? localGrads[1] : Double.NaN; }

    /** The values this one was computed from, in order (empty for a leaf). */
    public List<Value> inputs() { return Collections.unmodifiableList(Arrays.asList(inputs)); }

    /** ∂this/∂input for each input, in the order of {@link #inputs()}, computed in the forward pass. */
    public double[] localGradients() { return Arrays.copyOf(localGrads, inputs.length); }

    /** True for an input, a parameter or a constant: a value not computed from others. */
    public boolean isLeaf() { return inputs.length == 0; }

    /** Gives this value a name, shown in traces and pictures, and returns it: {@code x.plus(y).named("q")}. */
    public Value named(String name) {
        this.name = checkName(name);
        return this;
    }

    /**
     * Changes the number a leaf holds, as gradient descent does to a parameter
     * ({@code w.setData(w.data() - rate * w.grad())}). Values computed from it before keep their
     * old numbers: run the forward pass again. Only a leaf can be changed: a computed value's
     * number comes from its inputs.
     */
    public void setData(double data) {
        if (!isLeaf()) {
            throw new IllegalArgumentException("only a leaf (an input or a parameter) can be changed; "
                    + describe(this) + " was computed by " + op());
        }
        if (!Double.isFinite(data)) {
            throw new IllegalArgumentException("a value must be a finite number, got " + data + " for " + describe(this));
        }
        this.data = data;
    }

    /** Sets the gradient back to 0, as before any backward pass. */
    public void zeroGrad() { grad = 0; }

    /** For example {@code x = -2 (grad -4)}, or {@code -12 (grad 1)} for a value without a name. */
    @Override
    public String toString() {
        return (name == null ? "" : name + " = ") + Numbers.format(data) + " (grad " + Numbers.format(grad) + ")";
    }

    // ------------------------------------------------------------------ helpers

    private static Value other(Value other, String op) {
        if (other == null) {
            throw new IllegalArgumentException("the right-hand side of " + op + " is null; use a Value or a number");
        }
        return other;
    }

    /** {@code x = -1}, or {@code the value -1} when it has no name: for error messages. */
    private static String describe(Value v) {
        return v.name == null ? "the value " + Numbers.format(v.data) : v.name + " = " + Numbers.format(v.data);
    }

    private static String checkName(String name) {
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("a value's name must not be blank; leave it out (null) for no name");
        }
        return name;
    }
}
