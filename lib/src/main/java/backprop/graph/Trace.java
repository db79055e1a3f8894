package backprop.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The backward pass told step by step: {@code Trace.backward(f)} runs {@code f.backward()} and
 * returns this record of it.
 *
 * <pre>{@code
 * Trace trace = Trace.backward(f);
 * trace               // prints, for f = (x + y) · z at x = -2, y = 5, z = -4:
 * }</pre>
 * <pre>
 * backward pass from f in 5 steps (each gradient = upstream gradient · local gradient)
 * step 1: ∂f/∂f = 1
 * step 2: ∂f/∂q = ∂f/∂f · ∂(q × z)/∂q = 1 · -4 = -4
 * step 3: ∂f/∂z = ∂f/∂f · ∂(q × z)/∂z = 1 · 3 = 3
 * step 4: ∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4
 * step 5: ∂f/∂y = ∂f/∂q · ∂(x + y)/∂y = -4 · 1 = -4
 * </pre>
 *
 * <p>There is one step per value. The steps go from the output back towards the inputs, one
 * "layer" of the graph at a time (by the longest path to the output), so every value's step comes
 * after the steps of all the values computed from it: its upstream gradients are known when its
 * turn comes. Numbers are shown with four significant digits ({@link TraceStep}).
 *
 * <p>A value without a name is called by its number if it is a leaf ({@code 2}), otherwise
 * {@code v} and its step number less one ({@code v3}); give values names with
 * {@link Value#named(String)} for a readable trace.
 */
public final class Trace implements Iterable<TraceStep> {

    private final Value output;
    private final ExpressionGraph graph;
    private final List<TraceStep> steps;

    /**
     * Runs {@code output.backward()} and returns its story: one step per value, from the output
     * back to the inputs, each with the upstream gradients, the local gradients and their
     * products. Print it to see the chain rule at work: {@code ∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4}.
     */
    public static Trace backward(Value output) {
        if (output == null) throw new IllegalArgumentException("there is no backward pass to trace: the value is null");
        output.backward();
        return new Trace(output);
    }

    /** The trace of the backward pass that was just run from {@code output}. */
    private Trace(Value output) {
        this.output = output;
        this.graph = ExpressionGraph.of(output);
        var list = new ArrayList<TraceStep>(graph.size());
        for (int i = 0; i < graph.size(); i++) {
            var terms = new ArrayList<TraceStep.Term>();
            for (ExpressionGraph.Use use : graph.uses(i)) {
                int c = use.consumer();
                String operation = graph.expression(c, k -> graph.label(graph.input(c, k)));
                terms.add(new TraceStep.Term(graph.value(c), graph.label(c), operation, graph.grad(c), graph.localGradient(c, use.slot())));
            }
            list.add(new TraceStep(i + 1, graph.value(i), graph.label(i), graph.outputLabel(), graph.grad(i), terms));
        }
        this.steps = List.copyOf(list);
    }

    /** The value the backward pass started from. */
    public Value output() {
        return output;
    }

    /** The steps, the output's first. */
    public List<TraceStep> steps() {
        return steps;
    }

    /** The number of steps: one per value in the graph. */
    public int size() {
        return steps.size();
    }

    /** Step {@code number}, counted from 1 as in the printed trace. */
    public TraceStep step(int number) {
        if (number < 1 || number > steps.size()) {
            throw new IllegalArgumentException("step " + number + " does not exist: this trace has steps 1 to " + steps.size());
        }
        return steps.get(number - 1);
    }

    /** The step that completed the gradient of {@code v}. */
    public TraceStep stepOf(Value v) {
        for (TraceStep step : steps) {
            if (step.node() == v) return step;
        }
        throw new IllegalArgumentException(v + " is not part of the graph of " + output);
    }

    @Override
    public Iterator<TraceStep> iterator() {
        return steps.iterator();
    }

    /** The graph and its numbers as they were when the trace was taken. */
    public ExpressionGraph graph() {
        return graph;
    }

    @Override
    public String toString() {
        var text = new StringBuilder("backward pass from ").append(graph.outputLabel()).append(" in ")
                .append(steps.size()).append(steps.size() == 1 ? " step" : " steps")
                .append(" (each gradient = upstream gradient · local gradient)\n");
        for (TraceStep step : steps) {
            text.append("step ").append(step.number()).append(": ").append(step).append('\n');
        }
        return text.toString();
    }
}
