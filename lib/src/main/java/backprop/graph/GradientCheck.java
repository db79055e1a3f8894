package backprop.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks the gradients of the backward pass against numerical ones: the test every gradient in
 * this course has to pass.
 *
 * <p>The numerical gradient of f with respect to an input x nudges x both ways by a small
 * {@code h} and measures the slope (a <em>centered difference</em>):
 * <pre>    ∂f/∂x ≈ (f(x + h) − f(x − h)) / 2h        with h = 1e-5</pre>
 * Its error shrinks like h², far better than the one-sided (f(x + h) − f(x)) / h. The analytic
 * gradient a (from {@link Value#backward()}) and the numerical one n are then compared by their
 * <em>relative error</em> (as in CS231n),
 * <pre>    |a − n| / max(1e-8, |a| + |n|)</pre>
 * which is about 1e-10 when the backward pass is right and near 1 when it is wrong; in double
 * precision the course asks for less than {@value #TOLERANCE}.
 *
 * <p>One blind spot of the formula: where the true gradient is exactly 0 (a ReLU that is off, a
 * bias of 0 under an L2 penalty), the numerical gradient is rounding noise of about 1e-11, and
 * 1e-11 / 1e-8 reads as a relative error of 1e-3. Check such inputs by eye, or move them off 0.
 *
 * <pre>{@code
 * GradientCheck check = GradientCheck.of(v -> v[0].plus(v[1]).times(v[2]), -2, 5, -4);
 * check.maxRelativeError()    // about 1e-11
 * check                       // a table, one row per input, and the worst one named
 * }</pre>
 */
public final class GradientCheck {

    /** The nudge of the centered difference. */
    public static final double H = 1e-5;
    /** The largest relative error the course accepts in double precision. */
    public static final double TOLERANCE = 1e-7;

    /**
     * The check of one input.
     *
     * @param name          the input's name ({@code x1}, {@code x2}, … when it has none)
     * @param analytic      its gradient from the backward pass
     * @param numerical     its gradient by centered differences
     * @param relativeError |a − n| / max(1e-8, |a| + |n|)
     */
    public record Entry(String name, double analytic, double numerical, double relativeError) {}

    private final List<Entry> entries;

    private GradientCheck(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Checks a function of fresh inputs: {@code function} receives one leaf value per number in
     * {@code point} (named {@code x1}, {@code x2}, …) and returns the output. It is called once
     * for the backward pass and twice more per input for the numerical gradient.
     */
    public static GradientCheck of(Function<Value[], Value> function, double... point) {
        if (point.length == 0) {
            throw new IllegalArgumentException("give at least one input to check the gradient at");
        }
        Value[] inputs = new Value[point.length];
        for (int i = 0; i < point.length; i++) inputs[i] = new Value(point[i], "x" + (i + 1));
        return of(List.of(inputs), () -> function.apply(inputs));
    }

    /**
     * Checks the gradient of {@code function} with respect to existing leaves, e.g. the
     * parameters of a network: {@code function} must build the output again from the leaves each
     * time it is called (a forward pass). Each leaf is nudged and put back; afterwards every
     * leaf holds its number again and has the gradient of the backward pass.
     */
    public static GradientCheck of(List<Value> inputs, Supplier<Value> function) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("there are no inputs to check the gradient of");
        }
        for (Value v : inputs) {
            if (!v.isLeaf()) {
                throw new IllegalArgumentException("only leaves can be nudged; " + v + " was computed by " + v.op());
            }
        }
        double[] numerical = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) numerical[i] = numericalGradient(function, inputs.get(i));
        output(function).backward();                      // the analytic gradients, at the original point
        var entries = new ArrayList<Entry>();
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            double a = v.grad(), n = numerical[i];
            entries.add(new Entry(v.name() != null ? v.name() : "x" + (i + 1), a, n, relativeError(a, n)));
        }
        return new GradientCheck(entries);
    }

    /** ∂function/∂input by centered differences with {@link #H}; the input is put back afterwards. */
    public static double numericalGradient(Supplier<Value> function, Value input) {
        double x = input.data();
        try {
            input.setData(x + H);
            double up = output(function).data();
            input.setData(x - H);
            double down = output(function).data();
            return (up - down) / (2 * H);
        } finally {
            input.setData(x);
        }
    }

    /** |a − n| / max(1e-8, |a| + |n|): 0 when they agree, about 1 when they have nothing in common. */
    public static double relativeError(double analytic, double numerical) {
        return Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical));
    }

    /** One entry per input, in order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The input whose gradients disagree most. */
    public Entry worst() {
        Entry worst = entries.get(0);
        for (Entry e : entries) {
            if (!(e.relativeError() <= worst.relativeError())) worst = e;   // a NaN error counts as worst
        }
        return worst;
    }

    /** The largest relative error over all inputs. */
    public double maxRelativeError() {
        return worst().relativeError();
    }

    /** True when every relative error is below {@link #TOLERANCE}. */
    public boolean passes() {
        return maxRelativeError() < TOLERANCE;
    }

    /** A table of the inputs and a verdict naming the worst input. */
    @Override
    public String toString() {
        var text = new StringBuilder(String.format(java.util.Locale.ROOT, "%-10s %14s %14s %10s%n",
                "input", "analytic", "numerical", "rel. error"));
        for (Entry e : entries) {
            text.append(String.format(java.util.Locale.ROOT, "%-10s %14.8g %14.8g %10.1e%n",
                    e.name(), e.analytic(), e.numerical(), e.relativeError()));
        }
        Entry w = worst();
        text.append(String.format(java.util.Locale.ROOT, "worst: %s, relative error %.1e: %s%n", w.name(), w.relativeError(),
                passes() ? "passes (below 1e-7)" : "FAILS (the course asks for below 1e-7)"));
        return text.toString();
    }

    private static Value output(Supplier<Value> function) {
        Value out = function.get();
        if (out == null) throw new IllegalArgumentException("the function returned null instead of a Value");
        return out;
    }
}
