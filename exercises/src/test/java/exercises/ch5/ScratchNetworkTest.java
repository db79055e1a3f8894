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
        net.neuron(1, 0).output = hiddenA[0];
        net.neuron(1, 1).output = hiddenA[1];
        net.neuron(2, 0).output = outputA;
        net.backwardPropagateError(new double[] {1});
        double deltaOut = (outputA - 1) * outputA * (1 - outputA);                      // BP1
        double[] deltaHidden = {0.7 * deltaOut * hiddenA[0] * (1 - hiddenA[0]),         // BP2
                -0.8 * deltaOut * hiddenA[1] * (1 - hiddenA[1])};
        near(deltaOut, net.neuron(2, 0).delta, 1e-12, "the output neuron's delta (BP1)",
                "δ = (a − expected)·σ′(z), with σ′(z) = a(1 − a) from the stored output");
        near(deltaHidden, new double[] {net.neuron(1, 0).delta, net.neuron(1, 1).delta}, 1e-12,
                "the hidden neurons' deltas (BP2)",
                "hidden δₖ = (Σⱼ next[j].weights[k]·next[j].delta)·aₖ(1 − aₖ): the weights that LEAVE neuron k");
    }

    @Graded(task = "5.3", name = "update the weights of a 2-2-1 network by hand", points = 2)
    void updateByHand() {
        ScratchNetwork net = handMade();
        double[] row = {1.0, 2.0};
        double[] hiddenA = {0.6, 0.3};
        double[] deltas = {0.05, -0.02, 0.1};   // hidden 0, hidden 1, output
        net.neuron(1, 0).output = hiddenA[0];
        net.neuron(1, 1).output = hiddenA[1];
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
        Dataset moons = Synthetic.moons(200, 0.1, 3);
        var net = ScratchNetwork.initialize(1, 2, 8, 2);
        List<Double> costs = net.train(moons.x(), moons.y(), 0.5, 300);
        that(costs.size() == 300, "train(…, 300 epochs) returned " + costs.size() + " costs", "one total cost per epoch");
        that(costs.get(299) < costs.get(0) / 2, "the total cost went from " + costs.get(0) + " in the first epoch to " + costs.get(299)
                + " in the last: it should at least halve", "update after every example: forward, backward, update");
        double accuracy = net.accuracy(moons);
        that(accuracy >= 0.95, "after training, " + Math.round(100 * accuracy) + " % of the moons are classified correctly;"
                + " expected at least 95 %", "go through the examples in the order given and use the one-hot label as expected");
    }

    /** A neuron's weights, then its bias, in one array. */
    static double[] weightsAndBias(ScratchNeuron neuron) {
        double[] all = java.util.Arrays.copyOf(neuron.weights, neuron.weights.length + 1);
        all[neuron.weights.length] = neuron.bias;
        return all;
    }
}
