package backprop.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceTest {

    static Value toy() {
        Value x = new Value(-2, "x"), y = new Value(5, "y"), z = new Value(-4, "z");
        Value q = x.plus(y).named("q");
        return q.times(z).named("f");
    }

    @Test
    void theToyGraphsTraceReadsInTheCourseNotation() {
        Trace trace = Trace.backward(toy());
        assertEquals("""
                backward pass from f in 5 steps (each gradient = upstream gradient · local gradient)
                step 1: ∂f/∂f = 1
                step 2: ∂f/∂q = ∂f/∂f · ∂f/∂q = 1 · -4 = -4
                step 3: ∂f/∂z = ∂f/∂f · ∂f/∂z = 1 · 3 = 3
                step 4: ∂f/∂x = ∂f/∂q · ∂q/∂x = -4 · 1 = -4
                step 5: ∂f/∂y = ∂f/∂q · ∂q/∂y = -4 · 1 = -4
                """, trace.toString());
    }

    @Test
    void eachStepHoldsTheUpstreamAndLocalGradientsAndTheirProduct() {
        Value f = toy();
        Trace trace = Trace.backward(f);
        TraceStep x = trace.step(4);
        assertEquals("x", x.name());
        assertEquals(-4, x.gradient());
        assertEquals(1, x.terms().size());
        TraceStep.Term term = x.terms().get(0);
        assertEquals("q", term.consumerName());
        assertEquals(-4, term.upstream());
        assertEquals(1, term.local());
        assertEquals(-4, term.product());
        assertTrue(trace.step(1).isSeed());
        assertSame(f, trace.output());
        assertSame(x, trace.stepOf(x.node()));
        assertThrows(IllegalArgumentException.class, () -> trace.step(0));
        assertThrows(IllegalArgumentException.class, () -> trace.step(6));
    }

    @Test
    void aValueUsedTwiceHasOneTermPerUse() {
        Value a = new Value(3, "a");
        Value b = a.times(2).named("b");
        Value c = a.tanh().named("c");
        Value f = b.plus(c).named("f");
        Trace trace = Trace.backward(f);
        TraceStep step = trace.stepOf(a);
        assertEquals(2, step.terms().size());
        assertEquals("∂f/∂a = ∂f/∂b · ∂b/∂a + ∂f/∂c · ∂c/∂a = 1 · 2 + 1 · 0.009866 = 2.01", step.toString());
        assertEquals(a.grad(), step.gradient());
    }

    @Test
    void stepsComeAfterEveryValueComputedFromThem() {
        Value x = new Value(0.3, "x");
        Value f = x.times(x).plus(x.exp()).tanh().times(x.sigmoid());
        Trace trace = Trace.backward(f);
        assertEquals(f.topologicalOrder().size(), trace.size());
        for (TraceStep step : trace) {
            for (TraceStep.Term t : step.terms()) {
                assertTrue(trace.stepOf(t.consumer()).number() < step.number(),
                        t.consumerName() + " must be done before " + step.name());
            }
        }
    }

    @Test
    void valuesWithoutNamesAreCalledByNumberOrByStep() {
        Value f = new Value(2).times(new Value(3, "x"));
        String text = Trace.backward(f).toString();
        assertTrue(text.contains("step 1: ∂v0/∂v0 = 1"), text);
        assertTrue(text.contains("∂v0/∂x = ∂v0/∂v0 · ∂v0/∂x = 1 · 2 = 2"), text);
    }
}
