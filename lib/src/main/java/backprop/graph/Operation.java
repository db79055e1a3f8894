package backprop.graph;

import backprop.display.Numbers;

/**
 * The table of operations a {@link Value} can be made by. Each row holds everything about one
 * operation, side by side: its symbol, its forward computation, its local gradients
 * ∂out/∂input, and the same local gradients as a formula in words, for traces and pictures.
 *
 * <pre>{@code
 * Operation.TIMES.forward(3, -4)               // -12
 * Operation.TIMES.localGradients(3, -4, -12)   // {b, a} = {-4, 3}: ∂out/∂a, ∂out/∂b
 * Operation.TIMES.formula(0, "q", "z", "f")    // "z": ∂f/∂q = z
 * }</pre>
 *
 * <p>The names in a row are those of the operation {@code out = a op b}: {@code a} is the first
 * input, {@code b} the second, or for {@link #POWER} the constant exponent. A one-input
 * operation ignores {@code b}. Input {@code k = 0} is a, {@code k = 1} is b.
 *
 * <p>Several local gradients are written with {@code out}, the forward result: the derivative of
 * eᵃ is eᵃ itself, that of tanh is 1 − tanh². The backward pass then finds them in the number
 * the forward pass already computed.
 */
public enum Operation {

    /** out = a + b. */
    PLUS("+", 2) {
        public double forward(double a, double b) { return a + b; }
        public double[] localGradients(double a, double b, double out) { return new double[] {1, 1}; }         // ∂out/∂a = ∂out/∂b = 1
        public String formula(int k, String a, String b, String out) { return "1"; }
    },

    /** out = a − b. */
    MINUS("−", 2) {
        public double forward(double a, double b) { return a - b; }
        public double[] localGradients(double a, double b, double out) { return new double[] {1, -1}; }        // ∂out/∂a = 1, ∂out/∂b = -1
        public String formula(int k, String a, String b, String out) { return k == 0 ? "1" : "-1"; }
    },

    /** out = a · b. */
    TIMES("×", 2) {
        public double forward(double a, double b) { return a * b; }
        public double[] localGradients(double a, double b, double out) { return new double[] {b, a}; }         // ∂out/∂a = b, ∂out/∂b = a
        public String formula(int k, String a, String b, String out) { return k == 0 ? b : a; }
    },

    /** out = a / b, for b ≠ 0. */
    DIVIDE("÷", 2) {
        public double forward(double a, double b) { return a / b; }
        public double[] localGradients(double a, double b, double out) { return new double[] {1 / b, -a / (b * b)}; }   // 1/b, -a/b²
        public String formula(int k, String a, String b, String out) { return k == 0 ? "1/" + b : "-" + a + "/" + b + "²"; }
    },

    /**
     * out = max(a, b): the larger input passes, the other is ignored. Its local gradient is 1 for
     * the larger input and 0 for the other, so the backward pass routes the whole upstream
     * gradient to the input that won. At a tie, where the slope is not defined, a takes the 1.
     */
    MAX("max", 2) {
        public double forward(double a, double b) { return Math.max(a, b); }
        public double[] localGradients(double a, double b, double out) { return a >= b ? new double[] {1, 0} : new double[] {0, 1}; }   // 1 for the winner
        public String formula(int k, String a, String b, String out) {
            return k == 0 ? "(" + a + " ≥ " + b + " ? 1 : 0)" : "(" + a + " ≥ " + b + " ? 0 : 1)";
        }
        @Override String expression(String a, String b) { return "max(" + a + ", " + b + ")"; }
    },

    /** out = −a. */
    NEGATE("−", 1) {
        public double forward(double a, double b) { return -a; }
        public double[] localGradients(double a, double b, double out) { return new double[] {-1}; }            // ∂out/∂a = -1
        public String formula(int k, String a, String b, String out) { return "-1"; }
        @Override String expression(String a, String b) { return "-" + (a.startsWith("-") ? "(" + a + ")" : a); }
    },

    /** out = aᵖ, for a constant exponent p (passed as b). */
    POWER("^", 1) {
        public double forward(double a, double p) { return Math.pow(a, p); }
        public double[] localGradients(double a, double p, double out) { return new double[] {p == 0 ? 0 : p * Math.pow(a, p - 1)}; }   // p·a^(p-1)
        public String formula(int k, String a, String p, String out) {
            double lower = Double.parseDouble(p) - 1;
            return p + "·" + a + (lower == 1 ? "" : "^" + Numbers.format(lower));
        }
        @Override String symbol(double p) { return "^" + Numbers.format(p); }
        @Override String expression(String a, String p) { return a + "^" + p; }
    },

    /** out = eᵃ. */
    EXP("exp", 1) {
        public double forward(double a, double b) { return Math.exp(a); }
        public double[] localGradients(double a, double b, double out) { return new double[] {out}; }           // ∂out/∂a = eᵃ = out
        public String formula(int k, String a, String b, String out) { return out; }
    },

    /** out = ln a, for a &gt; 0. */
    LOG("log", 1) {
        public double forward(double a, double b) { return Math.log(a); }
        public double[] localGradients(double a, double b, double out) { return new double[] {1 / a}; }         // ∂out/∂a = 1/a
        public String formula(int k, String a, String b, String out) { return "1/" + a; }
    },

    /** out = tanh a, an S-shaped curve from -1 to 1. */
    TANH("tanh", 1) {
        public double forward(double a, double b) { return Math.tanh(a); }
        public double[] localGradients(double a, double b, double out) { return new double[] {1 - out * out}; } // ∂out/∂a = 1 - out²
        public String formula(int k, String a, String b, String out) { return "1 - " + out + "²"; }
    },

    /** out = σ(a) = 1 / (1 + e⁻ᵃ), an S-shaped curve from 0 to 1. */
    SIGMOID("σ", 1) {
        public double forward(double a, double b) { return sigmoid(a); }
        public double[] localGradients(double a, double b, double out) { return new double[] {out * (1 - out)}; }   // ∂out/∂a = σ(1 - σ)
        public String formula(int k, String a, String b, String out) { return out + "·(1 - " + out + ")"; }
    },

    /**
     * out = max(0, a). Its slope is 1 for a &gt; 0 and 0 for a &lt; 0; at exactly 0, where the
     * slope is not defined, the course takes 0 (as micrograd and PyTorch do).
     */
    RELU("ReLU", 1) {
        public double forward(double a, double b) { return Math.max(0, a); }
        public double[] localGradients(double a, double b, double out) { return new double[] {a > 0 ? 1 : 0}; } // 1 if a > 0 else 0
        public String formula(int k, String a, String b, String out) { return "(" + a + " > 0 ? 1 : 0)"; }
    };

    private final String symbol;
    private final int inputs;

    Operation(String symbol, int inputs) {
        this.symbol = symbol;
        this.inputs = inputs;
    }

    /** The result of the operation on a and b. */
    public abstract double forward(double a, double b);

    /** ∂out/∂input for each input, given the inputs and the forward result. */
    public abstract double[] localGradients(double a, double b, double out);

    /** ∂out/∂(input k) as a formula in the names of the values, e.g. {@code "1 - f²"}. */
    public abstract String formula(int k, String a, String b, String out);

    /** How many values the operation takes (the exponent of {@link #POWER} is a constant, not a value). */
    public int inputs() {
        return inputs;
    }

    /** The symbol shown in traces and pictures: {@code +}, {@code ×}, {@code tanh}; {@code ^2} for a square. */
    String symbol(double b) {
        return symbol;
    }

    /** The operation written out in the names of its inputs: {@code x + y}, {@code tanh(n)}, {@code x^2}. */
    String expression(String a, String b) {
        return inputs == 2 ? a + " " + symbol + " " + b : symbol + "(" + a + ")";
    }

    /**
     * The sigmoid σ(z) = 1 / (1 + e⁻ᶻ): the one sigmoid of the course, which the matrix network's
     * activation uses too. For a very negative z, e⁻ᶻ overflows to ∞ and the quotient is 0, the
     * right limit: there is nothing to guard against.
     */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
