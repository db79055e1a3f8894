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
 * <pre>    ∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4</pre>
 * The local gradient is written with the operation itself on top, ∂(x + y)/∂x, never as ∂q/∂x:
 * where the value computed from x is the output f, ∂f/∂… would name both the gradient being
 * computed and the local one, and the step would read as if it defined a thing by itself.
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
     * One use of the value: it is an input of {@code consumer}.
     *
     * @param consumer     the value computed from this one
     * @param consumerName its name in the trace
     * @param operation    the consumer's operation written out in its inputs' names, {@code x + y}
     * @param upstream     ∂output/∂consumer, complete before this step
     * @param local        ∂consumer/∂node, computed in the forward pass
     */
    public record Term(Value consumer, String consumerName, String operation, double upstream, double local) {
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

    /** The step in the course's notation: {@code ∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4}. */
    @Override
    public String toString() {
        if (isSeed()) return partial(output, name) + " = " + Numbers.format(gradient);
        var symbols = new ArrayList<String>();
        var numbers = new ArrayList<String>();
        for (Term t : terms) {
            symbols.add(partial(output, t.consumerName()) + " · " + localSymbol(t));
            numbers.add(Numbers.format(t.upstream()) + " · " + Numbers.format(t.local()));
        }
        return partial(output, name) + " = " + String.join(" + ", symbols) + " = "
                + String.join(" + ", numbers) + " = " + Numbers.format(gradient);
    }

    /** The local gradient of one use, with the operation on top: {@code ∂(x + y)/∂x}, {@code ∂tanh(v)/∂v}. */
    public String localSymbol(Term term) {
        return partial(term.operation(), name);
    }

    /** {@code ∂top/∂bottom}, each in parentheses where it would otherwise run into the rest. */
    static String partial(String top, String bottom) {
        return "∂" + grouped(top, true) + "/∂" + grouped(bottom, false);
    }

    private static String grouped(String text, boolean numerator) {
        boolean wrapped = text.startsWith("(") && text.endsWith(")");
        boolean loose = text.contains(" ") || numerator && text.contains("^");
        return loose && !wrapped ? "(" + text + ")" : text;
    }
}
