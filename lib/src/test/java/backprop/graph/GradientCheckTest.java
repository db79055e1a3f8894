package backprop.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void theToyGraphPasses() {
        GradientCheck check = GradientCheck.of(v -> v[0].plus(v[1]).times(v[2]), -2, 5, -4);
        assertTrue(check.passes(), check.toString());
        assertEquals(3, check.entries().size());
        assertEquals(-4, check.entries().get(0).analytic());
        assertEquals(-4, check.entries().get(0).numerical(), 1e-8);
        assertEquals(3, check.entries().get(2).analytic());
        assertTrue(check.toString().contains("passes"), check.toString());
    }

    /** A classic bug: reading .data() cuts the graph, so that factor's gradient goes missing. */
    @Test
    void aWrongGradientIsCaughtAndTheWorstInputNamed() {
        GradientCheck check = GradientCheck.of(v -> v[0].times(new Value(v[0].data())).plus(v[1]), 1.5, 2);
        assertFalse(check.passes());
        assertEquals("x1", check.worst().name());
        assertEquals(1.5, check.worst().analytic(), 1e-12);      // x treated as a constant: d(c·x)/dx = c
        assertEquals(3, check.worst().numerical(), 1e-6);        // the true slope of x²: 2x
        assertEquals(1.0 / 3, check.maxRelativeError(), 1e-6);
        assertTrue(check.toString().contains("worst: x1") && check.toString().contains("FAILS"), check.toString());
    }

    @Test
    void theRelativeErrorIsTheCs231nOne() {
        assertEquals(0, GradientCheck.relativeError(0, 0));
        assertEquals(1, GradientCheck.relativeError(1, -1));
        assertEquals(0.1, GradientCheck.relativeError(1e-9, 0), 1e-12, "the 1e-8 floor");
        assertEquals(1.0 / 3, GradientCheck.relativeError(2, 1), 1e-15);
    }

    @Test
    void existingLeavesAreNudgedAndPutBack() {
        Value w = new Value(0.7, "w"), b = new Value(-0.2, "b");
        GradientCheck check = GradientCheck.of(List.of(w, b), () -> w.times(3).plus(b).tanh());
        assertTrue(check.passes(), check.toString());
        assertEquals(0.7, w.data());
        assertEquals(-0.2, b.data());
        assertEquals("w", check.entries().get(0).name());
        assertEquals(check.entries().get(0).analytic(), w.grad());
    }

    @Test
    void badUseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(v -> v[0]));
        Value x = new Value(1);
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(List.of(x.plus(1)), () -> x));
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(List.of(x), () -> null));
    }
}
