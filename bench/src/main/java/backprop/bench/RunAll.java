package backprop.bench;

import java.util.List;

/**
 * Runs every benchmark of the kit, one after the other, in this JVM.
 *
 * <p>Each prints its figures as lines of the form {@code bench <name> <value> <unit>}, medians of
 * several runs after a warm-up. These are measurements, not tests: nothing here passes or fails.
 * Give benchmark names as arguments to run only those.
 */
public final class RunAll {

    /** A named benchmark. */
    record Benchmark(String name, Runnable run) {}

    private static final List<Benchmark> ALL = List.of(
            new Benchmark("moons", MoonsBenchmark::run),
            new Benchmark("matrix", MatrixBenchmark::run),
            new Benchmark("digits", DigitsBenchmark::run),
            new Benchmark("fashion", FashionBenchmark::run),
            new Benchmark("grade-all", GradingBench::gradeAll),
            new Benchmark("grade-prepared", GradingBench::gradePrepared),
            new Benchmark("check-one-task", GradingBench::checkOneTask)
    );

    public static void main(String[] args) {
        var wanted = List.of(args);
        for (Benchmark benchmark : ALL) {
            if (wanted.isEmpty() || wanted.contains(benchmark.name())) {
                benchmark.run().run();
            }
        }
    }

    private RunAll() {}
}
