package backprop.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ValueTest {

    /** The seed's toy graph: f = (x + y) · z at x = -2, y = 5, z = -4. */
    @Test
    void theToyGraphHasTheGradientsDerivedByHand() {
        Value x = new Value(-2, "x"), y = new Value(5, "y"), z = new Value(-4, "z");
        Value q = x.plus(y).named("q");
        Value f = q.times(z).named("f");
        assertEquals(3, q.data());
        assertEquals(-12, f.data());
        f.backward();
        assertEquals(1, f.grad());
        assertEquals(-4, q.grad());     // ∂f/∂q = z
        assertEquals(-4, x.grad());     // ∂f/∂x = ∂f/∂q · ∂q/∂x = z · 1
        assertEquals(-4, y.grad());
        assertEquals(3, z.grad());      // ∂f/∂z = q
    }

    @Test
    void eachOperationRecordsItsLocalGradients() {
        Value a = new Value(3, "a"), b = new Value(-2, "b");
        assertArrayEquals(new double[] {1, 1}, a.plus(b).localGradients());
        assertArrayEquals(new double[] {1, -1}, a.minus(b).localGradients());
        assertArrayEquals(new double[] {-2, 3}, a.times(b).localGradients());
        assertArrayEquals(new double[] {-0.5, -0.75}, a.div(b).localGradients());   // 1/b, -a/b²
        assertArrayEquals(new double[] {-1}, a.neg().localGradients());
        assertArrayEquals(new double[] {27}, a.pow(3).localGradients());            // 3a²
        assertArrayEquals(new double[] {1, 0}, a.max(b).localGradients());            // a wins: the gradient goes to a
        assertArrayEquals(new double[] {0, 1}, b.max(a).localGradients());
        assertArrayEquals(new double[] {1, 0}, a.max(new Value(3)).localGradients()); // a tie: to the first input
        assertEquals(3, a.max(b).data());
        assertEquals("max", a.max(b).op());
        assertEquals("×", a.times(b).op());
        assertEquals("^3", a.pow(3).op());
        assertEquals(3, a.pow(3).constant(), "a power keeps its exponent");
        assertTrue(Double.isNaN(a.times(b).constant()), "no other operation has one");
        assertEquals(Operation.POWER, a.pow(3).operation());
        assertEquals(List.of(a, b), a.times(b).inputs());
        assertTrue(a.isLeaf());
    }

    /** Every operation's backward pass against centered differences, at several points each. */
    @Test
    void everyOperationAgreesWithFiniteDifferences() {
        List<Function<Value[], Value>> unary = List.of(
                v -> v[0].neg(), v -> v[0].exp(), v -> v[0].tanh(), v -> v[0].sigmoid(), v -> v[0].relu(),
                v -> v[0].pow(2), v -> v[0].pow(3), v -> v[0].pow(-1), v -> v[0].pow(-2),
                v -> v[0].plus(2.5), v -> v[0].minus(2.5), v -> v[0].times(-1.5), v -> v[0].div(4));
        for (var op : unary) {
            for (double x : new double[] {-2.3, -0.7, 0.4, 1.9}) assertPasses(GradientCheck.of(op, x), x);
        }
        List<Function<Value[], Value>> positiveOnly = List.of(v -> v[0].log(), v -> v[0].pow(0.5), v -> v[0].pow(1.5));
        for (var op : positiveOnly) {
            for (double x : new double[] {0.05, 0.8, 3.7, 40}) assertPasses(GradientCheck.of(op, x), x);
        }
        List<Function<Value[], Value>> binary = List.of(
                v -> v[0].plus(v[1]), v -> v[0].minus(v[1]), v -> v[0].times(v[1]), v -> v[0].div(v[1]),
                v -> v[0].max(v[1]));
        double[][] points = {{-2, 5}, {0.3, -0.8}, {4.1, 2.2}, {-1.5, -3.5}};
        for (var op : binary) {
            for (double[] p : points) assertPasses(GradientCheck.of(op, p), p[0]);
        }
        // far out on the S-curves, where the gradients are small but not yet tiny
        for (double x : new double[] {-8, 8}) {
            assertPasses(GradientCheck.of(v -> v[0].sigmoid(), x), x);
            assertPasses(GradientCheck.of(v -> v[0].tanh().times(1000), x / 2), x);
        }
    }

    private static void assertPasses(GradientCheck check, double at) {
        assertTrue(check.passes(), "at " + at + ":\n" + check);
    }

    @Test
    void reluHasSlopeZeroAtZeroAsDocumented() {
        Value z = new Value(0, "z");
        Value a = z.relu();
        a.backward();
        assertEquals(0, a.data());
        assertEquals(0, z.grad());
        Value positive = new Value(1e-12);
        positive.relu().backward();
        assertEquals(1, positive.grad());
        Value negative = new Value(-1e-12);
        negative.relu().backward();
        assertEquals(0, negative.grad());
    }

    @Test
    void sigmoidAndExpKeepTheirValuesFarOut() {
        assertEquals(1, new Value(800).sigmoid().data());
        assertEquals(0, new Value(-800).sigmoid().data());
        assertEquals(0.5, new Value(0).sigmoid().data());
        assertEquals(0.25, new Value(0).sigmoid().localGradients()[0]);
        assertEquals(Math.E, new Value(1).exp().data(), 1e-15);
    }

    @Test
    void logOfANonPositiveValueIsRefusedWithTheValueNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Value(-1, "x").log());
        assertTrue(e.getMessage().contains("x = -1"), e.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new Value(0, "p").log());
        assertTrue(zero.getMessage().contains("p = 0"), zero.getMessage());
        var unnamed = assertThrows(IllegalArgumentException.class, () -> new Value(-2.5).log());
        assertTrue(unnamed.getMessage().contains("-2.5"), unnamed.getMessage());
    }

    @Test
    void aFractionalPowerOfANegativeValueIsRefusedWithTheValueNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Value(-4, "x").pow(0.5));
        assertTrue(e.getMessage().contains("x = -4") && e.getMessage().contains("0.5"), e.getMessage());
        assertEquals(-8, new Value(-2).pow(3).data(), "a whole power of a negative value is fine");
        assertEquals(0.25, new Value(-2).pow(-2).data());
        assertThrows(IllegalArgumentException.class, () -> new Value(0, "x").pow(-1));
        assertThrows(IllegalArgumentException.class, () -> new Value(0, "x").pow(0.5));
        assertThrows(IllegalArgumentException.class, () -> new Value(2).pow(Double.NaN));
        Value zeroPower = new Value(0).pow(0);
        assertEquals(1, zeroPower.data());
        assertEquals(0, zeroPower.localGradients()[0]);
    }

    @Test
    void otherBadInputIsRefusedClearly() {
        var division = assertThrows(IllegalArgumentException.class, () -> new Value(1).div(new Value(0, "d")));
        assertTrue(division.getMessage().contains("d = 0"), division.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Value(Double.POSITIVE_INFINITY, "w"));
        assertThrows(IllegalArgumentException.class, () -> new Value(1).plus((Value) null));
        assertThrows(IllegalArgumentException.class, () -> new Value(1, " "));
        Value q = new Value(1).plus(2);
        var computed = assertThrows(IllegalArgumentException.class, () -> q.named("q").setData(5));
        assertTrue(computed.getMessage().contains("q = 3"), computed.getMessage());
    }

    @Test
    void aValueUsedTwiceGetsTheSumOfItsGradients() {
        Value a = new Value(3, "a");
        Value f = a.times(a).plus(a);      // f = a² + a, df/da = 2a + 1 = 7
        f.backward();
        assertEquals(7, a.grad());

        Value x = new Value(-2, "x");
        Value b = x.times(3), c = x.exp();
        Value g = b.plus(c);               // x feeds two branches
        g.backward();
        assertEquals(3 + Math.exp(-2), x.grad(), 1e-15);
    }

    @Test
    void callingBackwardTwiceGivesTheSameGradients() {
        Value x = new Value(-2, "x"), y = new Value(5, "y"), z = new Value(-4, "z");
        Value q = x.plus(y);
        Value f = q.times(z).tanh().plus(q.times(q));
        f.backward();
        double[] first = {x.grad(), y.grad(), z.grad(), q.grad(), f.grad()};
        f.backward();
        double[] second = {x.grad(), y.grad(), z.grad(), q.grad(), f.grad()};
        assertArrayEquals(first, second, "micrograd would have doubled q's gradient and more");
    }

    @Test
    void backwardFromAnInnerValueLeavesTheRestConsistent() {
        Value x = new Value(2, "x");
        Value q = x.times(x);
        Value f = q.plus(1);
        f.backward();
        assertEquals(4, x.grad());
        q.backward();                      // ∂q/∂x, again 2x: not added to the old 4
        assertEquals(4, x.grad());
        assertEquals(1, q.grad());
    }

    @Test
    void aChainOfAHundredThousandOperationsDoesNotOverflowTheStack() {
        Value x = new Value(0.5, "x");
        Value v = x;
        int n = 100_000;
        for (int i = 0; i < n; i++) v = v.plus(1);
        v.backward();
        assertEquals(1, x.grad());
        assertEquals(0.5 + n, v.data());
        assertEquals(2 * n + 1, v.topologicalOrder().size(), "the chain, its constants and x");

        Value w = new Value(1.0, "w");     // a deep chain of multiplications: the gradient is a long product
        Value p = w;
        for (int i = 0; i < n; i++) p = p.times(1.00001);
        p.backward();
        assertEquals(Math.pow(1.00001, n), w.grad(), 1e-9);
    }

    @Test
    void theTopologicalOrderListsEachValueOnceAfterItsInputs() {
        Value a = new Value(1, "a"), b = new Value(2, "b");
        Value c = a.times(b), d = c.plus(a), e = d.times(c);
        List<Value> order = e.topologicalOrder();
        assertEquals(5, order.size());
        assertEquals(e, order.get(4));
        for (int i = 0; i < order.size(); i++) {
            for (Value input : order.get(i).inputs()) assertTrue(order.indexOf(input) < i);
        }
    }

    @Test
    void zeroGradAndSetDataWorkOnLeaves() {
        Value w = new Value(0.5, "w");
        Value loss = w.times(w);
        loss.backward();
        assertEquals(1, w.grad());
        w.zeroGrad();
        assertEquals(0, w.grad());
        w.setData(2);
        assertEquals(2, w.data());
        assertEquals(0.25, loss.data(), "a value computed earlier keeps its number");
    }

    @Test
    void toStringShowsNameDataAndGradient() {
        Value x = new Value(-2, "x");
        x.times(2).backward();
        assertEquals("x = -2 (grad 2)", x.toString());
        assertEquals("0.5 (grad 0)", new Value(0.5).toString());
    }
}
