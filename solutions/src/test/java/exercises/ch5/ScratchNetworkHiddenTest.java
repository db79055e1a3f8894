package exercises.ch5;

import static backprop.grading.Expect.gradientMatches;
import static backprop.grading.Expect.near;
import static backprop.grading.Expect.that;

import backprop.data.Synthetic;
import backprop.grading.Graded;
import backprop.grading.Visibility;
import exercises.ch5.ScratchNetwork.ScratchNeuron;
import java.util.List;

/** Chapter 5 network tests the students do not see (they stay in solutions/). */
class ScratchNetworkHiddenTest {

    @Graded(task = "5.2", name = "δ · input is ∂C/∂w for a 3-4-3 network, checked numerically", points = 2,
            visibility = Visibility.HIDDEN)
    void deltasGiveTheGradient() {
        var net = ScratchNetwork.initialize(7, 3, 4, 3);
        double[] row = {0.5, -1.2, 0.8};
        double[] expected = {0, 0, 1};
        net.forwardPropagate(row);
        net.backwardPropagateError(expected);
        int count = 0;
        double[] analytic = new double[4 * 4 + 3 * 5];
        double[] numerical = new double[analytic.length];
        double[] inputs = row;
        for (int l = 1; l <= net.layers(); l++) {
            for (ScratchNeuron neuron : net.layer(l)) {
                for (int k = 0; k <= inputs.length; k++) {             // k = inputs.length: the bias
                    analytic[count] = neuron.delta * (k < inputs.length ? inputs[k] : 1);
                    numerical[count] = numericalDerivative(net, neuron, k, row, expected);
                    count++;
                }
            }
            inputs = ScratchNetwork.outputs(net.layer(l));
        }
        gradientMatches(numerical, analytic, "δ·input for every weight and bias of a 3-4-3 network",
                "an output δ is (a − expected)·σ′(z); a hidden δₖ is (Σⱼ wⱼₖ δⱼ)·σ′(zₖ), summed over EVERY neuron j of the next layer");
    }

    /** ∂C/∂(weight k of neuron, or its bias when k is its number of inputs) by a centered difference, with the test's own forward pass. */
    private static double numericalDerivative(ScratchNetwork net, ScratchNeuron neuron, int k, double[] row, double[] expected) {
        boolean bias = k == neuron.inputs();
        double saved = bias ? neuron.bias : neuron.weights[k], h = 1e-6;
        set(neuron, k, saved + h);
        double up = cost(net, row, expected);
        set(neuron, k, saved - h);
        double down = cost(net, row, expected);
        set(neuron, k, saved);
        return (up - down) / (2 * h);
    }

    private static void set(ScratchNeuron neuron, int k, double value) {
        if (k == neuron.inputs()) neuron.bias = value;
        else neuron.weights[k] = value;
    }

    private static double cost(ScratchNetwork net, double[] row, double[] expected) {
        double[] inputs = row;
        for (int l = 1; l <= net.layers(); l++) {
            ScratchNeuron[] layer = net.layer(l);
            double[] a = new double[layer.length];
            for (int j = 0; j < layer.length; j++) {
                double z = layer[j].bias;
                for (int k = 0; k < inputs.length; k++) z += layer[j].weights[k] * inputs[k];
                a[j] = 1 / (1 + Math.exp(-z));
            }
            inputs = a;
        }
        double c = 0;
        for (int j = 0; j < inputs.length; j++) c += 0.5 * (inputs[j] - expected[j]) * (inputs[j] - expected[j]);
        return c;
    }

    @Graded(task = "5.3", name = "two hidden layers: each layer's inputs are the previous activations", points = 1,
            visibility = Visibility.AFTER_DUE_DATE)
    void twoHiddenLayers() {
        var net = ScratchNetwork.initialize(3, 1, 1, 1, 1);
        double[] before = ScratchNetworkTest.weightsAndBias(net.neuron(3, 0));
        net.neuron(1, 0).output = 0.25;
        net.neuron(2, 0).output = 0.75;
        for (int l = 1; l <= 3; l++) net.neuron(l, 0).delta = 0.5;
        net.updateWeights(new double[] {2}, 0.1);
        near(new double[] {before[0] - 0.1 * 0.5 * 0.75, before[1] - 0.1 * 0.5}, ScratchNetworkTest.weightsAndBias(net.neuron(3, 0)), 1e-12,
                "the last layer's weight and bias in a 1-1-1-1 network",
                "layer l's inputs are the outputs of layer l−1, for every layer after the first");
    }

    @Graded(task = "5.4", name = "stops cleanly when interrupted", points = 1, visibility = Visibility.HIDDEN)
    void stopsWhenInterrupted() {
        var net = ScratchNetwork.initialize(1, 2, 3, 2);
        var xor = Synthetic.xor(40, 0.1, 1);
        Thread.currentThread().interrupt();
        try {
            List<Double> costs = net.train(xor.x(), xor.y(), 0.1, 1000);
            that(costs.size() < 1000, "train(…) ran all 1000 epochs although the thread was interrupted",
                    "check Thread.currentThread().isInterrupted() once per example and return the epochs done so far");
        } finally {
            Thread.interrupted();
        }
    }
}
