package backprop.bench;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import backprop.graph.MLP;
import backprop.graph.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * micrograd's demo on the scalar engine: moons (100 points, noise 0.1), an MLP 2-16-16-1, the
 * max-margin loss plus 1e-4 L2, 100 full-batch steps of gradient descent with the learning rate
 * 1.0 − 0.9·k/100. Every step builds the whole graph of the loss again (one node per addition
 * and multiplication) and runs the backward pass through it.
 *
 * <pre>
 * bench moons-100-steps &lt;seconds&gt; s          median of 5 runs, after a warm-up run
 * bench moons-nodes-per-step &lt;n&gt; nodes       values in one step's graph
 * </pre>
 *
 * For scale: micrograd, in Python, takes about 195 s for the same 100 steps on a small machine.
 */
public final class MoonsBenchmark {

    static final int STEPS = 100;
    static final int RUNS = 5;

    /** Trains a fresh network on {@code moons}; returns its training accuracy. */
    static double train(Dataset moons, long seed) {
        MLP model = new MLP(2, List.of(16, 16, 1), seed);
        for (int k = 0; k < STEPS; k++) {
            Value loss = model.maxMarginLoss(moons, 1e-4);
            loss.backward();
            model.step(1.0 - 0.9 * k / STEPS);
        }
        return model.accuracy(moons);
    }

    public static void run() {
        Dataset moons = Synthetic.moons(100, 0.1, 1);
        double accuracy = train(moons, 1);                          // warm-up: lets the JIT compile the engine
        double[] seconds = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            accuracy = Math.min(accuracy, train(moons, 1));
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        int nodes = new MLP(2, List.of(16, 16, 1), 1).maxMarginLoss(moons, 1e-4).topologicalOrder().size();
        System.out.printf(Locale.ROOT, "bench moons-100-steps %.3f s%n", seconds[RUNS / 2]);
        System.out.printf(Locale.ROOT, "bench moons-nodes-per-step %d nodes%n", nodes);
        if (accuracy < 1.0) {
            System.err.printf(Locale.ROOT, "moons: training accuracy %.2f, expected 1.00%n", accuracy);
        }
    }

    public static void main(String[] args) {
        run();
    }

    private MoonsBenchmark() {}
}
