package backprop.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void numbersHaveFourSignificantDigitsAndNoTrailingZeros() {
        assertEquals("3", Format.number(3));
        assertEquals("-4", Format.number(-4));
        assertEquals("-12", Format.number(-12.0));
        assertEquals("0.5", Format.number(0.5));
        assertEquals("0.7071", Format.number(Math.sqrt(0.5)));
        assertEquals("25.59", Format.number(3 + 3 + Math.exp(3) - 0.5));
        assertEquals("1235", Format.number(1234.5678));
        assertEquals("0.0001235", Format.number(0.00012345678));
        assertEquals("1.5e-07", Format.number(1.5e-7));
        assertEquals("-2.5e+10", Format.number(-2.5e10));
        assertEquals("0", Format.number(-0.0));
        assertEquals("NaN", Format.number(Double.NaN));
        assertEquals("-∞", Format.number(Double.NEGATIVE_INFINITY));
    }
}
