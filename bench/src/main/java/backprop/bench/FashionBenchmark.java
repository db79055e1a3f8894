package backprop.bench;

import backprop.data.Datasets;
import backprop.data.Split;
import backprop.nn.Activation;
import backprop.nn.History;
import backprop.nn.Loss;
import backprop.nn.Network;
import backprop.nn.Sgd;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fashion-MNIST at full size: how long one epoch of the kit's training ({@code Network.train},
 * on the fastest kernels the machine has) takes, and how that compares with numpy doing the same
 * work in the same run.
 *
 * <p>The set-up, fixed so that any implementation can be compared with it: a 784-100-10 network,
 * ReLU hidden layer, softmax output with cross-entropy, float64, plain mini-batch SGD with batch
 * 32 and learning rate 0.1 over all 60 000 training images, weights and shuffling seeded with 0,
 * one thread. One epoch is 1875 batches; its arithmetic is counted in {@link #flopsPerEpoch}.
 * A line {@code fashion: kernels ...} says which kernels trained: OpenBLAS when the native
 * library loads (single-threaded: {@code ./course bench} sets OPENBLAS_NUM_THREADS=1), pure Java
 * otherwise.
 *
 * <pre>
 * bench fashion-load-s &lt;s&gt; s                       Datasets.fashionMnist(): read and decompress 70 000 images
 * bench fashion-load-peak-heap &lt;MB&gt; MB              the heap's peak while loading (sum of the pools' peaks)
 * bench fashion-load-peak-heap-ratio &lt;r&gt; ratio      that peak over the images' size in doubles (439 MB)
 * bench fashion-s-per-epoch &lt;s&gt; s                  one epoch, wall clock, median
 * bench fashion-cpu-s-per-epoch &lt;s&gt; s              the same in the thread's processor time
 * bench fashion-gflops &lt;GFLOP/s&gt; GFLOP/s           the epoch's arithmetic over its wall-clock time
 * bench fashion-test-accuracy &lt;fraction&gt; ratio      after the last epoch
 * bench fashion-numpy-s-per-epoch &lt;s&gt; s            the numpy peer, wall clock, median
 * bench fashion-numpy-cpu-s-per-epoch &lt;s&gt; s        the numpy peer, processor time, median
 * bench fashion-numpy-test-accuracy &lt;fraction&gt; ratio
 * bench fashion-vs-numpy &lt;ratio&gt; ratio              kit's s/epoch over numpy's (below 1: the kit is faster)
 * bench fashion-vs-numpy-cpu &lt;ratio&gt; ratio          the same from processor times
 * bench fashion-java-s-per-epoch &lt;s&gt; s            the pure-Java kernels in a child JVM (-Dbackprop.kernels=java),
 *                                                 printed when the run above used OpenBLAS
 * bench fashion-two-threads-s-per-epoch &lt;s&gt; s     OpenBLAS with two threads (OPENBLAS_NUM_THREADS=2) in a child JVM
 * bench fashion-kernel-options-s-per-epoch &lt;s&gt; s  a JVM with the notebook kernel's options and environment
 *                                                 (given by ./course bench as -Dbackprop.bench.kernel.options)
 * bench fashion-c1-only-s-per-epoch &lt;s&gt; s        the same with HotSpot's quick compiler C1 alone
 * </pre>
 * Each child JVM trains 3 epochs and reports the median of the last two.
 * The numpy peer (tools/bench_fashion_numpy.py) runs when a Python with numpy is given with
 * {@code -Dbackprop.bench.python=…} ({@code ./course bench} finds or installs one). It starts from
 * the same weights and sees the examples in the same order; its epochs alternate with the kit's,
 * so that both see the same load on a shared machine. It runs with one OpenBLAS thread and
 * without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which would pin OpenBLAS to slower kernels.
 */
public final class FashionBenchmark {

    static final int HIDDEN = 100;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.1;

    private FashionBenchmark() {}

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--epochs-only")) {
            epochsOnly(Integer.parseInt(args[1]));
            return;
        }
        run(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    }

    /** The training figure alone: what a child JVM prints. */
    private static void epochsOnly(int epochs) {
        Split fashion = Datasets.fashionMnist();
        System.out.println(median(trainSeconds(fashion, epochs)));
    }

    /** Wall-clock seconds of each epoch after the first, training a fresh network. */
    private static List<Double> trainSeconds(Split fashion, int epochs) {
        History history = newNetwork(fashion).train(fashion.train(), null, Sgd.of(LEARNING_RATE, BATCH, epochs));
        List<Double> seconds = new ArrayList<>();
        for (int e = 1; e < history.size(); e++) seconds.add(history.epochs().get(e).millis() / 1e3);
        return seconds;
    }

    private static Network newNetwork(Split fashion) {
        return new Network(new int[] {fashion.train().features(), HIDDEN, fashion.train().classes()},
                Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
    }

    /**
     * The s/epoch of a fresh JVM started with {@code options} and {@code environment} added to
     * this one's: the pure-Java kernels, two OpenBLAS threads, the notebook kernel's options
     * (what a cell gets), or C1 alone, to show what the kernel's options are chosen against.
     */
    private static double childSecondsPerEpoch(List<String> options, Map<String, String> environment, int epochs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                FashionBenchmark.class.getName(), "--epochs-only", Integer.toString(epochs)));
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) return Double.NaN;
            return Double.parseDouble(out.lines().reduce((a, b) -> b).orElse("NaN"));
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    static void run() {
        run(Integer.getInteger("backprop.bench.fashion.epochs", 10));
    }

    static void run(int epochs) {
        Split fashion;
        Path folder;
        try {
            folder = fashionFolder();
        } catch (IllegalStateException e) {
            System.out.println("fashion: skipped, " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        System.gc();
        resetPeaks();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long started = System.nanoTime();
        fashion = Datasets.fashionMnist();
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        long peak = heapPeak() - heapBefore;
        double doubles = 8.0 * (fashion.train().size() + fashion.test().size()) * fashion.train().features();
        print("fashion-load-s", loadSeconds, "s");
        print("fashion-load-peak-heap", peak / 1e6, "MB");
        print("fashion-load-peak-heap-ratio", peak / doubles, "ratio");

        Network network = newNetwork(fashion);
        boolean blas = network.kernels().startsWith("OpenBLAS");
        System.out.println("fashion: kernels " + network.kernels() + (blas ? ", OPENBLAS_NUM_THREADS="
                + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset: every core)") : ""));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>(), numpyWall = new ArrayList<>(), numpyCpu = new ArrayList<>();
        try (NumpyPeer numpy = NumpyPeer.start(folder)) {
            long[] cpuMark = {threads.getCurrentThreadCpuTime()};
            // One call for all epochs (so the shuffling goes on as in Network.train); numpy's epoch
            // runs in the callback after each of the kit's, and is not part of the kit's timing.
            network.train(fashion.train(), null, Sgd.of(LEARNING_RATE, BATCH, epochs), history -> {
                cpu.add((threads.getCurrentThreadCpuTime() - cpuMark[0]) / 1e9);
                wall.add(history.last().millis() / 1e3);
                if (numpy != null) {
                    double[] times = numpy.epoch();
                    numpyWall.add(times[0]);
                    numpyCpu.add(times[1]);
                }
                cpuMark[0] = threads.getCurrentThreadCpuTime();
            });
            double perEpoch = median(wall.subList(1, wall.size()));   // the first epoch includes compiling
            print("fashion-s-per-epoch", perEpoch, "s");
            print("fashion-cpu-s-per-epoch", median(cpu.subList(1, cpu.size())), "s");
            print("fashion-gflops", flopsPerEpoch(fashion.train().size(), fashion.train().features(), HIDDEN, fashion.train().classes()) / perEpoch / 1e9, "GFLOP/s");
            print("fashion-test-accuracy", network.evaluate(fashion.test()).accuracy(), "ratio");
            if (numpy != null) {
                double numpyPerEpoch = median(numpyWall.subList(1, numpyWall.size()));
                double numpyCpuPerEpoch = median(numpyCpu.subList(1, numpyCpu.size()));
                print("fashion-numpy-s-per-epoch", numpyPerEpoch, "s");
                print("fashion-numpy-cpu-s-per-epoch", numpyCpuPerEpoch, "s");
                print("fashion-numpy-test-accuracy", numpy.accuracy(), "ratio");
                print("fashion-vs-numpy", perEpoch / numpyPerEpoch, "ratio");
                print("fashion-vs-numpy-cpu", median(cpu.subList(1, cpu.size())) / numpyCpuPerEpoch, "ratio");
            }
        }
        if (blas) {
            print("fashion-java-s-per-epoch", childSecondsPerEpoch(List.of("-Dbackprop.kernels=java"), Map.of(), 3), "s");
            print("fashion-two-threads-s-per-epoch", childSecondsPerEpoch(List.of(), Map.of("OPENBLAS_NUM_THREADS", "2"), 3), "s");
        }
        String kernelOptions = System.getProperty("backprop.bench.kernel.options", "").trim();
        if (!kernelOptions.isEmpty()) {
            print("fashion-kernel-options-s-per-epoch", childSecondsPerEpoch(List.of(kernelOptions.split("\\s+")), Map.of(), 3), "s");
        }
        print("fashion-c1-only-s-per-epoch", childSecondsPerEpoch(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), Map.of(), 3), "s");
    }

    /**
     * Floating-point operations in one epoch of n examples through inputs-hidden-outputs: per
     * example, the forward products W¹x and W²a¹, BP2's W²ᵀδ² and the two BP4 products, two
     * operations (a multiply and an add) per weight each; plus the step, two per weight per batch.
     */
    static double flopsPerEpoch(int n, int inputs, int hidden, int outputs) {
        double weights1 = (double) inputs * hidden, weights2 = (double) hidden * outputs;
        double perExample = 2 * weights1 + 2 * weights2      // forward
                + 2 * weights2                                 // BP2 into the hidden layer
                + 2 * weights1 + 2 * weights2;                 // BP4
        double batches = Math.ceil((double) n / BATCH);
        return n * perExample + batches * 2 * (weights1 + weights2);
    }

    private static Path fashionFolder() {
        return backprop.data.FashionMnist.folder();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap's peak (the pools need not peak at once). */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static void print(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "bench %s %.4f %s%n", name, value, unit);
    }

    /** tools/bench_fashion_numpy.py --serve, driven one epoch at a time. */
    static final class NumpyPeer implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        private NumpyPeer(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** The peer, or null (with a line saying why) when there is no Python with numpy. */
        static NumpyPeer start(Path folder) {
            String python = System.getProperty("backprop.bench.python");
            String kit = System.getenv().getOrDefault("BACKPROP_KIT_HOME", ".");
            if (python == null || python.isBlank()) {
                System.out.println("fashion: numpy peer skipped (no Python with numpy was given: -Dbackprop.bench.python=...)");
                return null;
            }
            var command = new ProcessBuilder(python, Path.of(kit, "tools", "bench_fashion_numpy.py").toString(),
                    "--data", folder.toString(), "--serve", "--seed", "0",
                    "--batch", Integer.toString(BATCH), "--learning-rate", Double.toString(LEARNING_RATE));
            command.environment().remove("OPENBLAS_CORETYPE");
            command.environment().remove("OPENBLAS_L2_SIZE");
            command.environment().put("OPENBLAS_NUM_THREADS", "1");
            command.environment().put("OMP_NUM_THREADS", "1");
            command.redirectError(ProcessBuilder.Redirect.INHERIT);
            try {
                var peer = new NumpyPeer(command.start());
                String ready = peer.out.readLine();
                if (!"ready".equals(ready)) {
                    peer.close();
                    System.out.println("fashion: numpy peer skipped (it said " + ready + ")");
                    return null;
                }
                return peer;
            } catch (IOException e) {
                System.out.println("fashion: numpy peer skipped (" + e.getMessage() + ")");
                return null;
            }
        }

        /** One epoch: {wall-clock seconds, processor seconds}. */
        double[] epoch() {
            String[] answer = ask("epoch");
            return new double[] {Double.parseDouble(answer[2]), Double.parseDouble(answer[3])};
        }

        double accuracy() {
            return Double.parseDouble(ask("accuracy")[1]);
        }

        private String[] ask(String command) {
            in.println(command);
            try {
                String line = out.readLine();
                if (line == null) throw new IllegalStateException("the numpy peer ended (see its messages above)");
                return line.trim().split(" ");
            } catch (IOException e) {
                throw new IllegalStateException("the numpy peer stopped answering: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            in.println("quit");
            in.close();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroy();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }
}
