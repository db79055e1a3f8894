package backprop.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How the course writes a number in a trace, a picture or an error message.
 *
 * <pre>{@code
 * Numbers.format(-4.0)           // "-4"
 * Numbers.format(Math.sqrt(0.5)) // "0.7071"
 * Numbers.format(1.5e-7)         // "1.5e-07"
 * }</pre>
 *
 * <p>One rule everywhere, so that a number reads the same in the text and in the picture:
 * <ul>
 *   <li>at most {@value #DIGITS} significant digits, trailing zeros trimmed: {@code 3}, {@code -4},
 *       {@code 0.5}, {@code 0.7071};</li>
 *   <li>the ASCII hyphen-minus for negative numbers ({@code -4}), so a number can be pasted back
 *       into Java code;</li>
 *   <li>scientific notation only for very small or very large numbers: {@code 1.5e-07};</li>
 *   <li>the same text on every machine: no locale, no platform formatting.</li>
 * </ul>
 */
public final class Numbers {

    /** Significant digits shown. Four are enough to follow a calculation by hand. */
    public static final int DIGITS = 4;

    private static final MathContext ROUNDING = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private Numbers() {}

    /** A number in the course's style, e.g. {@code -4}, {@code 0.5}, {@code 0.7071}, {@code 1.5e-07}. */
    public static String format(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";                      // also turns -0.0 into 0
        BigDecimal rounded = new BigDecimal(x).round(ROUNDING).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;   // x ≈ d.ddd × 10^exponent
        if (exponent >= -4 && exponent < 9) {
            return rounded.toPlainString();
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String sign = exponent < 0 ? "-" : "+";
        int digits = Math.abs(exponent);
        return mantissa.toPlainString() + "e" + sign + (digits < 10 ? "0" : "") + digits;
    }
}
