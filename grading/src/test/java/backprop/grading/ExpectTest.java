package backprop.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ExpectTest {

    @Test
    void aFailureSaysWhatWhereAndGivesTheHint() {
        var e = assertThrows(AssertionFailedError.class, () -> Expect.near(new double[] {1, 0.0172}, new double[] {1, 0.0451}, 1e-9,
                "BP2", "sum down the column"));
        assertEquals("BP2, component [1]: expected 0.0172 but got 0.0451\n  expected [1, 0.0172]\n  got      [1, 0.0451]\n"
                + "Hint: sum down the column", e.getMessage());
        assertTrue(e.isExpectedDefined() && e.isActualDefined());
    }

    @Test
    void closeNumbersGetEnoughDigitsToDiffer() {
        var e = assertThrows(AssertionFailedError.class, () -> Expect.near(0.5, 0.50000001, 1e-12, "x", null));
        assertEquals("x: expected 0.5 but got 0.50000001", e.getMessage());
    }

    @Test
    void notANumberIsExplained() {
        var e = assertThrows(AssertionFailedError.class, () -> Expect.near(1, Double.NaN, 1e-9, "a", "h"));
        assertTrue(e.getMessage().contains("got NaN (not a finite number"), e.getMessage());
    }

    @Test
    void shapesAreCheckedBeforeValues() {
        var e = assertThrows(AssertionFailedError.class, () -> Expect.near(new double[2][3], new double[3][2], 0, "BP4", "like W"));
        assertTrue(e.getMessage().startsWith("BP4: expected a 2×3 matrix but got 3×2"), e.getMessage());
    }

    @Test
    void gradientsAreComparedByRelativeError() {
        Expect.gradientMatches(new double[] {1e-3, 5}, new double[] {1e-3 * (1 + 1e-9), 5}, "g", null);
        var e = assertThrows(AssertionFailedError.class, () -> Expect.gradientMatches(new double[] {1}, new double[] {1.001}, "g", "h"));
        assertTrue(e.getMessage().contains("relative error 5.0e-04, must be below 1e-7"), e.getMessage());
    }
}
