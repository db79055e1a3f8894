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
                step 2: ∂f/∂q = ∂f/∂f · ∂(q × z)/∂q = 1 · -4 = -4
                step 3: ∂f/∂z = ∂f/∂f · ∂(q × z)/∂z = 1 · 3 = 3
                step 4: ∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4
                step 5: ∂f/∂y = ∂f/∂q · ∂(x + y)/∂y = -4 · 1 = -4
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
        assertEquals("x + y", term.operation());
        assertEquals("∂(x + y)/∂x", x.localSymbol(term));
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
        assertEquals("∂f/∂a = ∂f/∂b · ∂(a × 2)/∂a + ∂f/∂c · ∂tanh(a)/∂a = 1 · 2 + 1 · 0.009866 = 2.01", step.toString());
        assertEquals(a.grad(), step.gradient());
    }

    @Test
    void noStepDefinesAGradientByItself() {
        // f = q · z with q = x + y: in the old notation step 2 read ∂f/∂q = ∂f/∂f · ∂f/∂q
        for (TraceStep step : Trace.backward(toy())) {
            String text = step.toString();
            String left = text.substring(0, text.indexOf(" = "));
            String right = text.substring(text.indexOf(" = ") + 3);
            assertTrue(step.isSeed() || !right.contains(left), "step " + step.number() + " uses its own gradient: " + text);
        }
        Value l = new Value(0.4, "a").log().named("ln a").neg().named("L");
        assertEquals("∂L/∂(ln a) = ∂L/∂L · ∂(-ln a)/∂(ln a) = 1 · -1 = -1", Trace.backward(l).step(2).toString());
        Value s = new Value(2, "u").pow(2).named("s");
        assertEquals("∂s/∂u = ∂s/∂s · ∂(u^2)/∂u = 1 · 4 = 4", Trace.backward(s).step(2).toString());
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
        assertTrue(text.contains("∂v0/∂x = ∂v0/∂v0 · ∂(2 × x)/∂x = 1 · 2 = 2"), text);
    }
}
