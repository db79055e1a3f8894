package backprop.graph;

import backprop.display.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of the backward pass: the moment a value's gradient becomes complete.
 *
 * <p>A value's gradient is the sum, over every value computed from it, of the
 * <em>upstream gradient</em> (the gradient of that value) times the <em>local gradient</em> (how
 * that value changes with this one). For {@code f = (x + y) · z}, with {@code q = x + y}:
 * <pre>    ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4</pre>
 * A value used twice has two terms, added. The output's own step has none: its gradient is the
 * seed, ∂f/∂f = 1.
 *
 * @param number   1 for the output, up to the number of values in the graph
 * @param node     the value whose gradient this step completes
 * @param name     its name in the trace ({@code x}), or a stand-in for a value without a name
 * @param output   the name of the output, the f of ∂f/∂x
 * @param gradient the completed gradient, ∂output/∂node
 * @param terms    one per use of the value: upstream gradient × local gradient
 */
public record TraceStep(int number, Value node, String name, String output, double gradient, List<Term> terms) {

    /**
     * One use of the value: it is input number {@code slot} of {@code consumer}.
     *
     * @param consumer     the value computed from this one
     * @param consumerName its name in the trace
     * @param upstream     ∂output/∂consumer, complete before this step
     * @param local        ∂consumer/∂node, computed in the forward pass
     */
    public record Term(Value consumer, String consumerName, double upstream, double local) {
        /** upstream × local: this use's share of the gradient (the chain rule). */
        public double product() {
            return upstream * local;
        }
    }

    public TraceStep {
        terms = List.copyOf(terms);
    }

    /** True for the first step, the output's, whose gradient is the seed 1. */
    public boolean isSeed() {
        return terms.isEmpty();
    }

    /** The step in the course's notation: {@code ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4}. */
    @Override
    public String toString() {
        if (isSeed()) return "∂" + output + "/∂" + name + " = " + Numbers.format(gradient);
        var symbols = new ArrayList<String>();
        var numbers = new ArrayList<String>();
        for (Term t : terms) {
            symbols.add("∂" + output + "/∂" + t.consumerName() + " · ∂" + t.consumerName() + "/∂" + name);
            numbers.add(Numbers.format(t.upstream()) + " · " + Numbers.format(t.local()));
        }
        return "∂" + output + "/∂" + name + " = " + String.join(" + ", symbols) + " = "
                + String.join(" + ", numbers) + " = " + Numbers.format(gradient);
    }
}
