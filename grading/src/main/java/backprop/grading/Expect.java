package backprop.grading;

import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions whose failure messages teach. A graded test fails with a message a student can act
 * on: what was checked (which equation), what was expected, what the code gave, and a hint.
 *
 * <pre>{@code
 * Expect.near(expectedDelta, FourEquations.bp2(w, delta, z), 1e-12,
 *         "BP2 δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)",
 *         "sum over the neurons j of the NEXT layer: Σⱼ wⱼₖ δⱼ, then multiply by σ′(zₖ)");
 * }</pre>
 * fails with
 * <pre>
 * BP2 δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), component [1]: expected 0.0172 but got 0.0451
 * Hint: sum over the neurons j of the NEXT layer: Σⱼ wⱼₖ δⱼ, then multiply by σ′(zₖ)
 * </pre>
 *
 * <p>Every failure is an {@link AssertionFailedError} carrying the expected and actual values, so
 * that the grader's JUnit XML shows them too.
 */
public final class Expect {

    private Expect() {}

    /** The course's relative error of two numbers: |a − n| / max(1e-8, |a| + |n|). */
    public static double relativeError(double a, double n) {
        return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
    }

    /** Fails unless {@code actual} is within {@code tolerance} of {@code expected}. */
    public static void near(double expected, double actual, double tolerance, String what, String hint) {
        if (!close(expected, actual, tolerance)) {
            throw failure(what + ": " + expectedButGot(expected, actual), hint, expected, actual);
        }
    }

    /** Fails unless both vectors have the same length and every component is within {@code tolerance}. */
    public static void near(double[] expected, double[] actual, double tolerance, String what, String hint) {
        if (actual == null) {
            throw failure(what + ": expected " + show(expected) + " but got null", hint, expected, null);
        }
        if (expected.length != actual.length) {
            throw failure(what + ": expected " + expected.length + " numbers but got " + actual.length
                    + " (" + show(actual) + ")", hint, show(expected), show(actual));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], tolerance)) {
                throw failure(what + ", component [" + i + "]: " + expectedButGot(expected[i], actual[i])
                        + "\n  expected " + show(expected) + "\n  got      " + show(actual),
                        hint, show(expected), show(actual));
            }
        }
    }

    /** Fails unless both matrices have the same shape and every entry is within {@code tolerance}. */
    public static void near(double[][] expected, double[][] actual, double tolerance, String what, String hint) {
        if (actual == null) {
            throw failure(what + ": expected a " + shape(expected) + " matrix but got null", hint, shape(expected), null);
        }
        if (!shape(expected).equals(shape(actual))) {
            throw failure(what + ": expected a " + shape(expected) + " matrix but got " + shape(actual),
                    hint, shape(expected), shape(actual));
        }
        for (int j = 0; j < expected.length; j++) {
            for (int k = 0; k < expected[j].length; k++) {
                if (!close(expected[j][k], actual[j][k], tolerance)) {
                    throw failure(what + ", entry [" + j + "][" + k + "]: " + expectedButGot(expected[j][k], actual[j][k]),
                            hint, Arrays.deepToString(expected), Arrays.deepToString(actual));
                }
            }
        }
    }

    /**
     * Fails unless an analytic gradient agrees with a numerical one to the course's standard:
     * relative error below 1e-7 in every component.
     */
    public static void gradientMatches(double[] numerical, double[] analytic, String what, String hint) {
        if (analytic == null || analytic.length != numerical.length) {
            throw failure(what + ": expected a gradient of " + numerical.length + " numbers but got "
                    + (analytic == null ? "null" : analytic.length + ""), hint, show(numerical), show(analytic));
        }
        for (int i = 0; i < numerical.length; i++) {
            double error = relativeError(analytic[i], numerical[i]);
            if (!(error < 1e-7)) {
                throw failure(what + ", component [" + i + "]: the numerical derivative is " + show(numerical[i])
                        + " but the code gives " + show(analytic[i]) + " (relative error " + String.format("%.1e", error)
                        + ", must be below 1e-7)", hint, show(numerical), show(analytic));
            }
        }
    }

    /** Fails with {@code what} (and the hint) unless the condition holds. */
    public static void that(boolean condition, String what, String hint) {
        if (!condition) {
            throw failure(what, hint, null, null);
        }
    }

    private static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected)) return Double.isNaN(actual);
        if (Double.isInfinite(expected)) return expected == actual;
        return Math.abs(expected - actual) <= tolerance;   // false for NaN and ±∞ actual values
    }

    /**
     * "expected 0.0172 but got 0.0451", with as many digits as it takes to see the difference,
     * and a word about NaN and infinity, which always come from somewhere specific.
     */
    static String expectedButGot(double expected, double actual) {
        String e = show(expected), a = show(actual);
        for (int digits = 8; e.equals(a) && digits <= 17; digits += 3) {
            e = show(expected, digits);
            a = show(actual, digits);
        }
        String note = Double.isFinite(actual) ? ""
                : " (not a finite number: look for a division by zero, a log of 0 or an exp that overflows)";
        return "expected " + e + " but got " + a + note;
    }

    private static AssertionFailedError failure(String message, String hint, Object expected, Object actual) {
        String text = hint == null || hint.isBlank() ? message : message + "\nHint: " + hint;
        return expected == null && actual == null
                ? new AssertionFailedError(text)
                : new AssertionFailedError(text, expected, actual);
    }

    /** A number with enough digits to see a difference, without 17 digits of noise. */
    static String show(double value) {
        return show(value, 6);
    }

    private static String show(double value, int digits) {
        if (!Double.isFinite(value)) return Double.toString(value);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        String text = String.format(java.util.Locale.ROOT, "%." + digits + "g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }

    static String show(double[] values) {
        if (values == null) return "null";
        var out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.append(", ");
            if (i == 8 && values.length > 10) {
                out.append("… ").append(values.length - 9).append(" more …, ").append(show(values[values.length - 1]));
                break;
            }
            out.append(show(values[i]));
        }
        return out.append(']').toString();
    }

    private static String shape(double[][] matrix) {
        if (matrix == null) return "null";
        int columns = matrix.length == 0 || matrix[0] == null ? 0 : matrix[0].length;
        for (double[] row : matrix) {
            if (row == null || row.length != columns) return matrix.length + "×(ragged)";
        }
        return matrix.length + "×" + columns;
    }
}
