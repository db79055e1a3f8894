package exercises.ch2;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

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
 * Value q = x.add(y);      // q = x + y = 3
 * Value f = q.mul(z);      // f = q · z = -12
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
 * <p>This class is your own, separate from the course library's {@code backprop.graph.Value}.
 */
public final class Value {

    /** The number this node holds, computed in the forward pass. */
    public final double data;
    /** ∂f/∂(this node) for the output f that {@link #backward()} was called on; 0 until then. */
    public double grad;

    /** The nodes this one was computed from (none for an input). */
    final List<Value> children;
    /** The operation that made this node: "+", "*", "^2", "exp", "tanh", or "" for an input. */
    final String op;
    /** Adds this node's contribution to its children's gradients: the chain rule, one step. */
    Runnable backwardStep = () -> {};

    /** An input of the graph: a variable such as x, y or z. */
    public Value(double data) {
        this(data, "");
    }

    /** A node made by an operation; its {@code backwardStep} is set by the operation. */
    Value(double data, String op, Value... children) {
        this.data = data;
        this.op = op;
        this.children = List.of(children);
    }

    /**
     * <b>Exercise 2.1 (part 1): add</b> (notebook 02-expression-graph, section "Local gradients
     * of add and multiply"). For out = a + b: ∂out/∂a = 1 and ∂out/∂b = 1, so an add node passes
     * the gradient flowing in to both inputs unchanged.
     */
    public Value add(Value other) {
        Value out = new Value(this.data + other.data, "+", this, other);
        out.backwardStep = () -> {
            // BEGIN SOLUTION 2.1: the backward step of add, out = this + other
            this.grad += 1.0 * out.grad;
            other.grad += 1.0 * out.grad;
            // END SOLUTION
        };
        return out;
    }

    /**
     * <b>Exercise 2.1 (part 2): multiply</b> (same section). For out = a · b: ∂out/∂a = b and
     * ∂out/∂b = a: each input receives the gradient flowing in times the <em>other</em> input.
     */
    public Value mul(Value other) {
        Value out = new Value(this.data * other.data, "*", this, other);
        out.backwardStep = () -> {
            // BEGIN SOLUTION 2.1: the backward step of multiply, out = this · other
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
            // END SOLUTION
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
            // BEGIN SOLUTION 2.2: the backward step of a power, out = thisⁿ
            this.grad += n * Math.pow(this.data, n - 1) * out.grad;
            // END SOLUTION
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
            // BEGIN SOLUTION 2.3: the backward step of exp, out = e^this
            this.grad += out.data * out.grad;
            // END SOLUTION
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
            // BEGIN SOLUTION 2.3: the backward step of tanh, out = tanh(this)
            this.grad += (1 - out.data * out.data) * out.grad;
            // END SOLUTION
        };
        return out;
    }

    /**
     * <b>Exercise 2.4: the backward pass</b> (notebook 02-expression-graph, sections "The
     * backward pass, step by step" and "A variable used twice").
     *
     * <p>Fill in {@link #grad} of every node this one depends on, with this node as the output f:
     * <ol>
     *   <li>list the nodes in <em>topological order</em>: every node after all of its children
     *       (a depth-first search that adds a node once all its children are added; a node
     *       reachable along two paths is listed once);</li>
     *   <li>set this node's grad to 1, because ∂f/∂f = 1;</li>
     *   <li>run each node's {@code backwardStep} in the <em>reverse</em> of that order, so that a
     *       node sends its gradient back only after every node that uses it has sent theirs.</li>
     * </ol>
     * Call {@code backward()} once per graph: gradients accumulate, so a second call adds to them.
     */
    public void backward() {
        // BEGIN SOLUTION 2.4: topological order, grad = 1, then every backwardStep in reverse order
        List<Value> order = new ArrayList<>();
        Set<Value> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        buildTopologicalOrder(this, visited, order);
        this.grad = 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep.run();
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION 2.4
    //> // Room for helper methods of your own, such as the depth-first search that backward() needs.
    private static void buildTopologicalOrder(Value node, Set<Value> visited, List<Value> order) {
        if (visited.add(node)) {
            for (Value child : node.children) {
                buildTopologicalOrder(child, visited, order);
            }
            order.add(node);   // after all its children
        }
    }
    // END SOLUTION

    /** The nodes this one was computed from. */
    public List<Value> children() {
        return children;
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
