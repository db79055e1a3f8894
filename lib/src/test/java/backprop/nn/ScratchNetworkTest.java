package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchNetworkTest {

    /** The neuron-by-neuron deltas are exactly the matrix network's gradients. */
    @Test
    void neuronByNeuronGradientsEqualTheMatrixNetworks() {
        ScratchNetwork scratch = ScratchNetwork.initialize(5, 3, 4, 3, 2);
        Network network = scratch.toNetwork();
        double[] input = {0.3, -1.2, 0.8};
        double[] expected = {0, 1};

        scratch.forwardPropagate(input);
        scratch.backwardPropagateError(expected);
        Gradients g = network.gradients(Matrix.ofColumns(input), Matrix.ofColumns(expected));

        for (int l = 1; l <= scratch.layers(); l++) {
            for (int j = 0; j < scratch.layer(l).size(); j++) {
                assertEquals(g.biases(l).get(j, 0), scratch.biasGradient(l, j), 1e-15, "∂C/∂b of neuron " + j + ", layer " + l);
                assertEquals(g.biases(l).get(j, 0), scratch.neuron(l, j).delta(), 1e-15);
                for (int k = 0; k < scratch.neuron(l, j).inputs(); k++) {
                    assertEquals(g.weights(l).get(j, k), scratch.weightGradient(l, j, k, input), 1e-15,
                            "∂C/∂w of weight " + k + " of neuron " + j + ", layer " + l);
                }
            }
        }
        ForwardPass pass = network.forward(Matrix.ofColumns(input));
        assertEquals(pass.z(2).get(1, 0), scratch.neuron(2, 1).weightedInput(), 1e-15);
        assertEquals(pass.a(3).get(0, 0), scratch.neuron(3, 0).output(), 1e-15);
    }

    @Test
    void anUpdateIsTheMatrixNetworksStep() {
        ScratchNetwork scratch = ScratchNetwork.initialize(1, 2, 3, 2);
        Network network = scratch.toNetwork();
        double[] input = {0.5, -0.4};
        double[] expected = {1, 0};
        scratch.forwardPropagate(input);
        scratch.backwardPropagateError(expected);
        scratch.updateWeights(input, 0.7);
        network.step(network.gradients(Matrix.ofColumns(input), Matrix.ofColumns(expected)), 0.7);
        Network updated = scratch.toNetwork();
        for (int l = 1; l <= 2; l++) {
            MatrixTest.assertClose(network.weights(l), updated.weights(l), 1e-15);
            MatrixTest.assertClose(network.biases(l), updated.biases(l), 1e-15);
        }
    }

    @Test
    void fromAndToNetworkRoundTrip() {
        var network = new Network(new int[] {2, 3, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 4);
        Network back = ScratchNetwork.from(network).toNetwork();
        assertEquals(network.weights(1), back.weights(1));
        assertEquals(network.weights(2), back.weights(2));
        var tanh = new Network(new int[] {2, 3, 2}, Activation.TANH, Activation.SIGMOID, Loss.QUADRATIC, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> ScratchNetwork.from(tanh));
        assertTrue(e.getMessage().contains("layer 1 uses tanh"));
    }

    @Test
    void trainingOneExampleAtATimeLearnsXor() {
        Dataset xor = Synthetic.xor(100, 0.0, 3);
        ScratchNetwork net = ScratchNetwork.initialize(0, 2, 6, 2);
        List<Double> costs = net.train(xor.x(), xor.y(), 1.0, 300);
        assertEquals(300, costs.size());
        assertTrue(costs.get(299) < costs.get(0) / 4, "cost " + costs.get(0) + " → " + costs.get(299));
        int correct = 0;
        for (int i = 0; i < xor.size(); i++) if (net.predict(xor.x()[i]) == xor.y()[i]) correct++;
        assertTrue(correct >= 90, correct + " of 100");
    }

    @Test
    void badInputsAreNamed() {
        ScratchNetwork net = ScratchNetwork.initialize(0, 2, 3, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.forwardPropagate(new double[3])).getMessage().contains("takes 2 inputs, got 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.backwardPropagateError(new double[1])).getMessage().contains("expected 2 target outputs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.updateWeights(new double[2], 0)).getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.train(new double[][] {{1, 2}}, new int[] {5}, 0.1, 1)).getMessage().contains("label 5 of example 0 is out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScratchNetwork.initialize(0, 2)).getMessage().contains("at least one layer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.neuron(2, 5)).getMessage().contains("neurons 0 to 1"));
    }
}
