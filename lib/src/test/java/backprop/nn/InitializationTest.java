package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializationTest {

    @Test
    void uniformDrawsEveryWeightAndBiasInItsRangeNeuronByNeuron() {
        var network = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC,
                Initialization.uniform(0, 1), 5);
        var random = new Random(5);
        for (int l = 1; l <= 2; l++) {
            for (int j = 0; j < network.sizes()[l]; j++) {
                for (int k = 0; k < network.sizes()[l - 1]; k++) {
                    assertEquals(random.nextDouble(), network.weights(l).get(j, k), 0, "w" + l + "[" + j + "," + k + "]");
                }
                assertEquals(random.nextDouble(), network.biases(l).get(j, 0), 0, "b" + l + "[" + j + "], drawn after the neuron's weights");
            }
        }
        var shifted = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC,
                Initialization.uniform(-2, 3), 5);
        assertEquals(-2 + 5 * network.weights(1).get(0, 0), shifted.weights(1).get(0, 0), 1e-15);
        assertEquals("uniform in [0.0, 1.0)", Initialization.uniform(0, 1).toString());
    }

    @Test
    void theDefaultIsScaledToTheLayerWithZeroBiases() {
        var byDefault = new Network(new int[] {30, 20, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 9);
        var scaled = new Network(new int[] {30, 20, 10}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                Initialization.scaled(), 9);
        assertEquals(byDefault.weights(1), scaled.weights(1));
        assertTrue(byDefault.weights(1).maxAbs() <= Math.sqrt(6.0 / 30), "He in front of ReLU");
        assertTrue(byDefault.weights(2).maxAbs() <= Math.sqrt(6.0 / 30), "Xavier in front of softmax: √(6 / (20 + 10))");
        assertEquals(0, byDefault.biases(1).maxAbs());
    }

    @Test
    void badRangesAreRefused() {
        for (double[] range : new double[][] {{1, 1}, {2, 1}, {0, Double.POSITIVE_INFINITY}, {Double.NaN, 1}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Initialization.uniform(range[0], range[1]));
            assertTrue(e.getMessage().contains("low < high"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {1, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, null, 0));
        assertTrue(e.getMessage().contains("initialization is null"), e.getMessage());
    }
}
