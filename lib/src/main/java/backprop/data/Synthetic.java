package backprop.data;

import java.util.List;
import java.util.Random;

/**
 * Small two-dimensional datasets made up on the spot, for pictures a learner can take in at a
 * glance. The same seed always gives the same points.
 *
 * <pre>{@code
 * Dataset moons = Synthetic.moons(100, 0.1, 42);     // two interleaved half circles
 * Dataset rings = Synthetic.circles(200, 0.05, 0.5, 7);
 * Dataset arms  = Synthetic.spiral(100, 3, 0);       // 3 classes, 100 points each
 * Dataset xor   = Synthetic.xor(200, 0.1, 1);
 * }</pre>
 *
 * <p>None of them can be separated by a straight line: a single neuron fails on all four, a
 * network with a hidden layer learns them.
 */
public final class Synthetic {

    private Synthetic() {}

    /**
     * Two interleaved half circles: class 0 the upper arc centred at (0, 0), class 1 the lower arc
     * centred at (1, 0.5), each point moved by Gaussian noise of standard deviation {@code noise}.
     * The rows are shuffled.
     */
    public static Dataset moons(int n, double noise, long seed) {
        requireCount(n, 2);
        requireNoise(noise);
        var random = new Random(seed);
        int upper = n / 2;
        int lower = n - upper;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < upper; i++) {
            double t = Math.PI * i / Math.max(1, upper - 1);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
            y[i] = 0;
        }
        for (int i = 0; i < lower; i++) {
            double t = Math.PI * i / Math.max(1, lower - 1);
            x[upper + i] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            y[upper + i] = 1;
        }
        addNoise(x, noise, random);
        shuffle(x, y, random);
        return twoClasses("moons", x, y);
    }

    /**
     * Two concentric circles: class 0 the outer one (radius 1), class 1 the inner one
     * (radius {@code factor}, between 0 and 1), with Gaussian noise. The rows are shuffled.
     */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        requireCount(n, 2);
        requireNoise(noise);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("the inner circle's radius factor must lie between 0 and 1, got " + factor);
        }
        var random = new Random(seed);
        int outer = n / 2;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int count = isOuter ? outer : n - outer;
            int k = isOuter ? i : i - outer;
            double t = 2 * Math.PI * k / count;
            double r = isOuter ? 1 : factor;
            x[i] = new double[] {r * Math.cos(t), r * Math.sin(t)};
            y[i] = isOuter ? 0 : 1;
        }
        addNoise(x, noise, random);
        shuffle(x, y, random);
        return twoClasses("circles", x, y);
    }

    /**
     * A spiral with {@code classes} arms of {@code perClass} points each: arm k winds out from
     * the centre, its angle jittered by Gaussian noise of standard deviation 0.2 radians.
     * The classic test that a linear classifier fails.
     */
    public static Dataset spiral(int perClass, int classes, long seed) {
        requireCount(perClass, 2);
        if (classes < 2) {
            throw new IllegalArgumentException("a spiral needs at least 2 arms (classes), got " + classes);
        }
        var random = new Random(seed);
        int n = perClass * classes;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass; i++) {
                double r = (double) i / (perClass - 1);
                double t = 4.0 * (k + r) + 0.2 * random.nextGaussian();
                x[k * perClass + i] = new double[] {r * Math.sin(t), r * Math.cos(t)};
                y[k * perClass + i] = k;
            }
        }
        shuffle(x, y, random);
        var names = new String[classes];
        for (int k = 0; k < classes; k++) names[k] = "arm " + k;
        return new Dataset("spiral", x, y, List.of("x1", "x2"), List.of(names));
    }

    /**
     * The exclusive-or pattern: points spread evenly over the square [-1, 1]², class 1 where
     * exactly one coordinate is positive (x1 · x2 < 0), moved by Gaussian noise after labelling.
     */
    public static Dataset xor(int n, double noise, long seed) {
        requireCount(n, 4);
        requireNoise(noise);
        var random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * random.nextDouble() - 1;
            double b = 2 * random.nextDouble() - 1;
            x[i] = new double[] {a, b};
            y[i] = a * b < 0 ? 1 : 0;
        }
        addNoise(x, noise, random);
        return twoClasses("xor", x, y);
    }

    private static Dataset twoClasses(String name, double[][] x, int[] y) {
        return new Dataset(name, x, y, List.of("x1", "x2"), List.of("0", "1"));
    }

    private static void addNoise(double[][] x, double noise, Random random) {
        for (double[] point : x) {
            for (int j = 0; j < point.length; j++) point[j] += noise * random.nextGaussian();
        }
    }

    /** Fisher–Yates: every order equally likely, the same order for the same seed. */
    private static void shuffle(double[][] x, int[] y, Random random) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] point = x[i]; x[i] = x[j]; x[j] = point;
            int label = y[i]; y[i] = y[j]; y[j] = label;
        }
    }

    private static void requireCount(int n, int least) {
        if (n < least) throw new IllegalArgumentException("need at least " + least + " points, got " + n);
    }

    private static void requireNoise(double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise is a standard deviation and must be ≥ 0, got " + noise);
        }
    }
}
