package backprop.bench;

import backprop.nn.Matrix;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;

/**
 * The speed of the matrix product {@code A.timesInto(B, C)}, in GFLOP/s (one multiply and one add
 * count as two operations, so an n×k by k×m product is 2nkm operations).
 *
 * <pre>
 * bench matmul-32x64x64-gflops &lt;v&gt; GFLOP/s   a 32×64 matrix times a 64×64 one: the size of one mini-batch layer
 * bench matmul-512-gflops &lt;v&gt; GFLOP/s        512×512 times 512×512
 * </pre>
 * Each figure is the median of several timed rounds after warm-up rounds, in one JVM.
 */
public final class MatrixBenchmark {

    private MatrixBenchmark() {}

    public static void main(String[] args) {
        run();
    }

    static void run() {
        System.out.printf(Locale.ROOT, "bench matmul-32x64x64-gflops %.2f GFLOP/s%n", gflops(32, 64, 64, 20_000));
        System.out.printf(Locale.ROOT, "bench matmul-512-gflops %.2f GFLOP/s%n", gflops(512, 512, 512, 4));
    }

    /** Median GFLOP/s of an n×k by k×m product, each round {@code reps} products. */
    static double gflops(int n, int k, int m, int reps) {
        var random = new Random(0);
        Matrix a = Matrix.gaussian(n, k, 1, random);
        Matrix b = Matrix.gaussian(k, m, 1, random);
        Matrix c = new Matrix(n, m);
        double flops = 2.0 * n * k * m * reps;
        var rates = new ArrayList<Double>();
        double sink = 0;
        for (int round = 0; round < 25; round++) {
            long started = System.nanoTime();
            for (int r = 0; r < reps; r++) a.timesInto(b, c);
            long elapsed = System.nanoTime() - started;
            sink += c.get(0, 0);
            if (round >= 10) rates.add(flops / elapsed);      // the first rounds warm the JIT up
        }
        if (Double.isNaN(sink)) System.out.println("(unreachable: keeps the products from being optimised away)");
        return DigitsBenchmark.median(rates);
    }
}
