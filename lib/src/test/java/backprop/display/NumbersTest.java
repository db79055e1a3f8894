package backprop.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void numbersHaveFourSignificantDigitsAndNoTrailingZeros() {
        assertEquals("3", Numbers.format(3));
        assertEquals("-4", Numbers.format(-4));
        assertEquals("-12", Numbers.format(-12.0));
        assertEquals("0.5", Numbers.format(0.5));
        assertEquals("0.7071", Numbers.format(Math.sqrt(0.5)));
        assertEquals("25.59", Numbers.format(3 + 3 + Math.exp(3) - 0.5));
        assertEquals("1235", Numbers.format(1234.5678));
        assertEquals("0.0001235", Numbers.format(0.00012345678));
        assertEquals("1.5e-07", Numbers.format(1.5e-7));
        assertEquals("-2.5e+10", Numbers.format(-2.5e10));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("-∞", Numbers.format(Double.NEGATIVE_INFINITY));
    }
}
