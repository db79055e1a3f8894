package exercises.ch5;

import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import backprop.grading.Graded;
import exercises.ch5.ScratchNetwork.ScratchNeuron;
import java.util.List;

/**
 * The visible tests of chapter 5's network. The tests of 5.2 and 5.3 fill in the neurons' stored
 * values themselves, so each exercise can be checked on its own.
 */
class ScratchNetworkTest {

    static double s(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A 2-2-1 network with weights chosen by hand: hidden (0.1, −0.2 | 0.3), (0.4, 0.5 | −0.6); output (0.7, −0.8 | 0.9). */
    static ScratchNetwork handMade() {
        var net = ScratchNetwork.initialize(0, 2, 2, 1);
        set(net.neuron(1, 0), 0.3, 0.1, -0.2);
        set(net.neuron(1, 1), -0.6, 0.4, 0.5);
        set(net.neuron(2, 0), 0.9, 0.7, -0.8);
        return net;
    }

    static void set(ScratchNeuron neuron, double bias, double... weights) {
        System.arraycopy(weights, 0, neuron.weights, 0, weights.length);
        neuron.bias = bias;
    }

    @Graded(task = "5.1", name = "forward propagate a 2-2-1 network by hand", points = 2)
    void forwardByHand() {
        ScratchNetwork net = handMade();
        double[] row = {1.0, 2.0};
        double z1 = 0.1 * 1 - 0.2 * 2 + 0.3, z2 = 0.4 * 1 + 0.5 * 2 - 0.6;
        double z3 = 0.7 * s(z1) - 0.8 * s(z2) + 0.9;
        double[] output = net.forwardPropagate(row);
        near(new double[] {s(z3)}, output, 1e-12, "the output of forwardPropagate({1, 2})",
                "z = Σₖ wₖ·inputₖ + bias, a = σ(z); the hidden outputs are the output layer's inputs");
        near(new double[] {z1, z2}, new double[] {net.neuron(1, 0).weightedInput, net.neuron(1, 1).weightedInput}, 1e-12,
                "the hidden neurons' stored weightedInput", "store z in each neuron: the backward pass needs it");
        near(new double[] {s(z1), s(z2)}, ScratchNetwork.outputs(net.layer(1)), 1e-12,
                "the hidden neurons' stored output", "store a = σ(z) in each neuron: the next layer and the backward pass need it");
    }

    @Graded(task = "5.2", name = "the deltas of a 2-2-1 network by hand", points = 3)
    void deltasByHand() {
        ScratchNetwork net = handMade();
        // the values a forward pass would have stored, filled in here so that 5.2 is tested on its own
        double[] hiddenA = {0.6, 0.3};
        double outputA = 0.8;
        store(net.neuron(1, 0), hiddenA[0]);
        store(net.neuron(1, 1), hiddenA[1]);
        store(net.neuron(2, 0), outputA);
        net.backwardPropagateError(new double[] {1});
        double deltaOut = (outputA - 1) * outputA * (1 - outputA);                      // BP1
        double[] deltaHidden = {0.7 * deltaOut * hiddenA[0] * (1 - hiddenA[0]),         // BP2
                -0.8 * deltaOut * hiddenA[1] * (1 - hiddenA[1])};
        double[] got = {net.neuron(2, 0).delta, net.neuron(1, 0).delta, net.neuron(1, 1).delta};
        String hint = deltaHint(outputA, hiddenA, got);
        near(deltaOut, got[0], 1e-12, "the output neuron's delta (BP1)", hint);
        near(deltaHidden, new double[] {got[1], got[2]}, 1e-12, "the hidden neurons' deltas (BP2)", hint);
    }

    /** Stores what a forward pass would: the output a and its weighted input z = σ⁻¹(a) = ln(a / (1 − a)). */
    static void store(ScratchNeuron neuron, double a) {
        neuron.output = a;
        neuron.weightedInput = Math.log(a / (1 - a));
    }

    /**
     * What a wrong set of deltas of the hand-made 2-2-1 network most likely got wrong, target 1:
     * each classic mistake is computed here and compared with the deltas the code stored.
     */
    static String deltaHint(double outputA, double[] hiddenA, double[] got) {
        double slopeOut = outputA * (1 - outputA);
        double right = (outputA - 1) * slopeOut;
        double[] w = {0.7, -0.8};   // the weights that leave hidden neurons 0 and 1
        if (close(got[0], -right)) {
            return "every delta has the wrong sign: δ = (output − expected)·σ′(z) is ∂C/∂z. (expected − output) is the "
                    + "tutorial's older convention, which then ADDS its updates; this class subtracts them";
        }
        if (close(got[0], outputA - 1)) {
            return "the output delta is missing σ′(z) = a(1 − a): BP1 is δ = (a − expected)·σ′(z)";
        }
        if (close(got[0], right) && close(got[1], w[0] * right) && close(got[2], w[1] * right)) {
            return "the output delta is right and each hidden neuron collects Σⱼ wⱼₖ δⱼ, but the hidden deltas are missing "
                    + "σ′(zₖ) = aₖ(1 − aₖ): BP2 multiplies by it";
        }
        if (close(got[0], right) && close(got[1], w[0] * right * hiddenA[0] * (1 - hiddenA[0]))
                && close(got[2], w[0] * right * hiddenA[1] * (1 - hiddenA[1]))) {
            return "both hidden neurons used the weight of hidden neuron 0: neuron k collects through next[j].weights[k], "
                    + "the weight that LEAVES neuron k";
        }
        return "hidden δₖ = (Σⱼ next[j].weights[k]·next[j].delta)·aₖ(1 − aₖ): the weights that LEAVE neuron k, "
                + "times the slope of neuron k itself";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) < 1e-12;
    }

    @Graded(task = "5.3", name = "update the weights of a 2-2-1 network by hand", points = 2)
    void updateByHand() {
        ScratchNetwork net = handMade();
        double[] row = {1.0, 2.0};
        double[] hiddenA = {0.6, 0.3};
        double[] deltas = {0.05, -0.02, 0.1};   // hidden 0, hidden 1, output
        store(net.neuron(1, 0), hiddenA[0]);
        store(net.neuron(1, 1), hiddenA[1]);
        net.neuron(1, 0).delta = deltas[0];
        net.neuron(1, 1).delta = deltas[1];
        net.neuron(2, 0).delta = deltas[2];
        double eta = 0.5;
        net.updateWeights(row, eta);
        near(new double[] {0.1 - eta * 0.05 * 1, -0.2 - eta * 0.05 * 2, 0.3 - eta * 0.05}, weightsAndBias(net.neuron(1, 0)), 1e-12,
                "hidden neuron 0's weights and bias", "wₖ ← wₖ − η·δ·inputₖ with the example's values as inputs; bias ← bias − η·δ");
        near(new double[] {0.7 - eta * 0.1 * 0.6, -0.8 - eta * 0.1 * 0.3, 0.9 - eta * 0.1}, weightsAndBias(net.neuron(2, 0)), 1e-12,
                "the output neuron's weights and bias",
                "the output layer's inputs are the hidden layer's OUTPUTS, not the example's values");
    }

    @Graded(task = "5.4", name = "train on the moons to at least 95 % accuracy", points = 3, timeoutSeconds = 20)
    void trainOnTheMoons() {
        // train(…) calls the methods of 5.1 to 5.3: a bug there is theirs, not the training loop's
        String broken = brokenPart();
        that(broken == null, broken, "train(…) can only be as right as the methods it calls: fix that exercise first (its own "
                + "test says what is wrong), then come back to 5.4");
        Dataset moons = Synthetic.moons(200, 0.1, 3);
        var net = ScratchNetwork.initialize(1, 2, 8, 2);
        List<Double> costs = net.train(moons.x(), moons.y(), 0.5, 300);
        that(costs.size() == 300, "train(…, 300 epochs) returned " + costs.size() + " costs", "one total cost per epoch");
        that(costs.get(299) < costs.get(0) / 2, String.format(java.util.Locale.ROOT,
                "the total cost went from %.3g in the first epoch to %.3g in the last: it should at least halve", costs.get(0), costs.get(299)),
                "for every example, in this order: forward, add its cost, backward, update");
        double accuracy = net.accuracy(moons);
        that(accuracy >= 0.95, "after training, " + Math.round(100 * accuracy) + " % of the moons are classified correctly;"
                + " expected at least 95 %", "go through the examples in the order given and use the one-hot label as expected");
    }

    /** Which of 5.1, 5.2 and 5.3 gives a wrong answer on the hand-made network (a sentence), or null when all three are right. */
    static String brokenPart() {
        ScratchNetwork net = handMade();
        double[] row = {1.0, 2.0};
        double z1 = 0.1 * 1 - 0.2 * 2 + 0.3, z2 = 0.4 * 1 + 0.5 * 2 - 0.6, a1 = s(z1), a2 = s(z2);
        double a3 = s(0.7 * a1 - 0.8 * a2 + 0.9);
        double[] out = net.forwardPropagate(row);
        if (out == null || out.length != 1 || !close(out[0], a3) || !close(net.neuron(1, 0).output, a1) || !close(net.neuron(1, 1).output, a2)) {
            return "your forwardPropagate (Exercise 5.1) gives a wrong output or stores wrong outputs on a 2-2-1 network";
        }
        net.backwardPropagateError(new double[] {1});
        double d3 = (a3 - 1) * a3 * (1 - a3), d1 = 0.7 * d3 * a1 * (1 - a1), d2 = -0.8 * d3 * a2 * (1 - a2);
        if (!close(net.neuron(2, 0).delta, d3) || !close(net.neuron(1, 0).delta, d1) || !close(net.neuron(1, 1).delta, d2)) {
            return "your backwardPropagateError (Exercise 5.2) stores wrong deltas on a 2-2-1 network";
        }
        net.updateWeights(row, 0.5);
        double[] expected = {0.7 - 0.5 * d3 * a1, -0.8 - 0.5 * d3 * a2, 0.9 - 0.5 * d3};
        double[] got = weightsAndBias(net.neuron(2, 0));
        for (int i = 0; i < 3; i++) {
            if (!close(got[i], expected[i])) return "your updateWeights (Exercise 5.3) changes the weights wrongly on a 2-2-1 network";
        }
        return null;
    }

    /** A neuron's weights, then its bias, in one array. */
    static double[] weightsAndBias(ScratchNeuron neuron) {
        double[] all = java.util.Arrays.copyOf(neuron.weights, neuron.weights.length + 1);
        all[neuron.weights.length] = neuron.bias;
        return all;
    }
}
