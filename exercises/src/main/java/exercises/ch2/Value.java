package exercises.ch2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Chapter 2 exercises: your own tiny expression graph. They go with the notebook
 * <b>02-expression-graph</b>.
 *
 * <p>A {@code Value} is one node of the graph: a number computed in the forward pass
 * ({@link #data}) and, after {@link #backward()}, the derivative of the graph's output with
 * respect to it ({@link #grad}). Each operation builds a new node and says, right beside its
 * forward computation, how to send a gradient back to its inputs: its {@code backwardStep}.
 *
 * <pre>{@code
 * Value x = new Value(-2), y = new Value(5), z = new Value(-4);
 * Value q = x.plus(y);     // q = x + y = 3
 * Value f = q.times(z);    // f = q · z = -12
 * f.backward();            // x.grad = -4, y.grad = -4, z.grad = 3
 * }</pre>
 *
 * <p>The forward computations are written for you. You write the backward steps (Exercises
 * 2.1 to 2.3: the local gradients) and the backward pass itself (Exercise 2.4). Every backward
 * step follows the chain rule in the same shape:
 * <pre>
 *     input.grad += (∂out/∂input) · out.grad        local gradient × the gradient flowing in
 * </pre>
 * with {@code +=}, not {@code =}: a value used twice receives a gradient along both paths, and
 * the two must add up.
 *
 * <p>This class is your own, separate from the course library's {@code backprop.graph.Value},
 * but it speaks the same language: the same operation names ({@code plus}, {@code times},
 * {@code pow}, {@code exp}, {@code tanh}), {@code inputs()} for the nodes a value was computed
 * from, and the same {@code backward()}, which gives the same gradients however often it is called.
 */
public final class Value {

    /** The number this node holds, computed in the forward pass. */
    public final double data;
    /** ∂f/∂(this node) for the output f that {@link #backward()} was called on; 0 until then. */
    public double grad;

    /** The nodes this one was computed from (none for an input). */
    final List<Value> inputs;
    /** The operation that made this node: "+", "×", "^2", "^" (a variable exponent), "exp", "tanh", or "" for an input. */
    final String op;
    /** Adds this node's contribution to its inputs' gradients: the chain rule, one step. */
    Runnable backwardStep = () -> {};

    /** An input of the graph: a variable such as x, y or z. */
    public Value(double data) {
        this(data, "");
    }

    /** A node made by an operation; its {@code backwardStep} is set by the operation. */
    Value(double data, String op, Value... inputs) {
        this.data = data;
        this.op = op;
        this.inputs = List.of(inputs);
    }

    /**
     * <b>Exercise 2.1 (part 1): plus</b> (notebook 02-expression-graph, section "Local gradients
     * of add and multiply"). For out = a + b: ∂out/∂a = 1 and ∂out/∂b = 1, so a plus node passes
     * the gradient flowing in to both inputs unchanged.
     */
    public Value plus(Value other) {
        Value out = new Value(this.data + other.data, "+", this, other);
        out.backwardStep = () -> {
            // TODO Exercise 2.1: your code here
            throw new UnsupportedOperationException("Exercise 2.1: the backward step of plus, out = this + other");
        };
        return out;
    }

    /**
     * <b>Exercise 2.1 (part 2): times</b> (same section). For out = a · b: ∂out/∂a = b and
     * ∂out/∂b = a: each input receives the gradient flowing in times the <em>other</em> input.
     */
    public Value times(Value other) {
        Value out = new Value(this.data * other.data, "×", this, other);
        out.backwardStep = () -> {
            // TODO Exercise 2.1: your code here
            throw new UnsupportedOperationException("Exercise 2.1: the backward step of times, out = this · other");
        };
        return out;
    }

    /**
     * <b>Exercise 2.2: a power with a constant exponent</b> (notebook 02-expression-graph,
     * section "More local gradients"). For out = aⁿ: ∂out/∂a = n · aⁿ⁻¹.
     *
     * @param n the exponent, a constant (it gets no gradient)
     */
    public Value pow(double n) {
        Value out = new Value(Math.pow(this.data, n), "^" + formatExponent(n), this);
        out.backwardStep = () -> {
            // TODO Exercise 2.2: your code here
            throw new UnsupportedOperationException("Exercise 2.2: the backward step of a power, out = thisⁿ");
        };
        return out;
    }

    /**
     * <b>Exercise 2.3 (part 1): exp</b> (same section). For out = eᵃ: ∂out/∂a = eᵃ, which is
     * out's own value: the forward pass has already computed the local gradient.
     */
    public Value exp() {
        Value out = new Value(Math.exp(this.data), "exp", this);
        out.backwardStep = () -> {
            // TODO Exercise 2.3: your code here
            throw new UnsupportedOperationException("Exercise 2.3: the backward step of exp, out = e^this");
        };
        return out;
    }

    /**
     * <b>Exercise 2.3 (part 2): tanh</b> (same section). For out = tanh(a):
     * ∂out/∂a = 1 − tanh²(a) = 1 − out², again from the forward value.
     */
    public Value tanh() {
        Value out = new Value(Math.tanh(this.data), "tanh", this);
        out.backwardStep = () -> {
            // TODO Exercise 2.3: your code here
            throw new UnsupportedOperationException("Exercise 2.3: the backward step of tanh, out = tanh(this)");
        };
        return out;
    }

    /**
     * <b>Exercise 2.5: a power whose exponent is a variable too</b> (notebook 02-expression-graph,
     * section "More local gradients").
     *
     * <p>out = aᵇ, where <em>both</em> a and b are values of the graph, so both receive a gradient.
     * {@link #pow(double)} had a constant exponent; here the exponent can change too (as in xʸ, or
     * xˣ). The forward computation is written for you, for a positive base a. Write the backward
     * step: derive ∂out/∂a and ∂out/∂b yourself. No formula is given here; the two are different
     * kinds of function of their variable.
     *
     * @param exponent b, a value of the graph
     */
    public Value pow(Value exponent) {
        if (!(this.data > 0)) {
            throw new IllegalArgumentException("a power with a variable exponent needs a positive base, got " + this.data);
        }
        Value out = new Value(Math.pow(this.data, exponent.data), "^", this, exponent);
        out.backwardStep = () -> {
            // TODO Exercise 2.5: your code here
            throw new UnsupportedOperationException("Exercise 2.5: the backward step of out = this^exponent, for both inputs");
        };
        return out;
    }

    /**
     * <b>Exercise 2.4: the backward pass</b> (notebook 02-expression-graph, sections "The
     * backward pass, step by step" and "A variable used twice").
     *
     * <p>Fill in {@link #grad} of every node this one depends on, with this node as the output f:
     * <ol>
     *   <li>list the nodes in <em>topological order</em>: every node after all of its inputs
     *       (a depth-first search that adds a node once all its inputs are added; a node
     *       reachable along two paths is listed once);</li>
     *   <li>set the grad of every node in that list to 0, then this node's grad to 1, because
     *       ∂f/∂f = 1;</li>
     *   <li>run each node's {@code backwardStep} in the <em>reverse</em> of that order, so that a
     *       node sends its gradient back only after every node that uses it has sent theirs.</li>
     * </ol>
     * The zeros of step 2 clear what an earlier backward pass left behind, as the library's
     * {@code backprop.graph.Value.backward()} does: calling {@code backward()} twice gives the
     * same gradients twice, instead of adding the second pass onto the first.
     */
    public void backward() {
        // TODO Exercise 2.4: your code here
        throw new UnsupportedOperationException("Exercise 2.4: topological order, every grad 0 and this one's 1, then every backwardStep in reverse order");
    }

    // Room for helper methods of your own, such as the depth-first search that backward() needs.

    /** The nodes this one was computed from. */
    public List<Value> inputs() {
        return inputs;
    }

    /** The operation that made this node ("" for an input). */
    public String op() {
        return op;
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + (op.isEmpty() ? "" : ", op=" + op) + ")";
    }

    private static String formatExponent(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }
}
