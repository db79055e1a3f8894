package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.graph.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The four equations and the graph engine must agree to the last digits.
 *
 * <p>Seed 001 says it does not matter how finely a function is broken into pieces: the gradients
 * are the same. Here the same network is differentiated twice: by {@link Network}, layer by layer
 * with the four equations on matrices, and by {@link Value}, one scalar operation at a time (every product
 * wⱼₖ·aₖ, every sum, every σ is its own node). The two must give the same ∂C/∂w and ∂C/∂b for
 * every weight and bias, up to rounding (1e-12), since they are the same chain rule evaluated in a
 * different order.
 */
class GraphEngineAgreementTest {

    /** The network's weights and biases as graph leaves, with the same numbers. */
    private record Leaves(Value[][][] w, Value[][] b, List<Value> all) {
        static Leaves of(Network network) {
            int layers = network.layers();
            var w = new Value[layers + 1][][];
            var b = new Value[layers + 1][];
            var all = new ArrayList<Value>();
            for (int l = 1; l <= layers; l++) {
                Matrix weights = network.weights(l), biases = network.biases(l);
                w[l] = new Value[weights.rows()][weights.cols()];
                b[l] = new Value[weights.rows()];
                for (int j = 0; j < weights.rows(); j++) {
                    for (int k = 0; k < weights.cols(); k++) {
                        w[l][j][k] = new Value(weights.get(j, k), "w" + l + "[" + j + "," + k + "]");
                        all.add(w[l][j][k]);
                    }
                    b[l][j] = new Value(biases.get(j, 0), "b" + l + "[" + j + "]");
                    all.add(b[l][j]);
                }
            }
            return new Leaves(w, b, all);
        }
    }

    /** σ applied to a layer's weighted inputs, node by node. */
    private static Value[] activate(Activation activation, Value[] z) {
        var a = new Value[z.length];
        if (activation == Activation.SOFTMAX) {
            // aⱼ = exp(zⱼ) / Σₖ exp(zₖ), built from exp, plus and div nodes
            var e = new Value[z.length];
            Value sum = null;
            for (int j = 0; j < z.length; j++) {
                e[j] = z[j].exp();
                sum = sum == null ? e[j] : sum.plus(e[j]);
            }
            for (int j = 0; j < z.length; j++) a[j] = e[j].div(sum);
            return a;
        }
        for (int j = 0; j < z.length; j++) {
            a[j] = switch (activation) {
                case SIGMOID -> z[j].sigmoid();
                case TANH -> z[j].tanh();
                case RELU -> z[j].relu();
                case IDENTITY -> z[j];
                default -> throw new IllegalArgumentException("not used in this test: " + activation);
            };
        }
        return a;
    }

    /** One example's cost Cₓ, node by node, as Loss defines it. */
    private static Value exampleCost(Loss loss, Value[] a, double[] y) {
        Value total = new Value(0);
        for (int i = 0; i < a.length; i++) {
            Value term = switch (loss) {
                case QUADRATIC -> a[i].minus(y[i]).pow(2).times(0.5);                       // ½ (a − y)²
                case BINARY_CROSS_ENTROPY ->                                               // −[y ln a + (1 − y) ln(1 − a)]
                        a[i].log().times(y[i]).plus(a[i].neg().plus(1).log().times(1 - y[i])).neg();
                case CROSS_ENTROPY -> y[i] == 0 ? new Value(0) : a[i].log().times(-y[i]);   // −y ln a
            };
            total = total.plus(term);
        }
        return total;
    }

    /** C = (1/m) Σₓ Cₓ for the batch, built from the leaves one scalar operation at a time. */
    private static Value batchCost(Network network, Leaves leaves, Matrix x, Matrix y) {
        Value cost = new Value(0);
        for (int example = 0; example < x.cols(); example++) {
            Value[] a = new Value[x.rows()];
            for (int k = 0; k < a.length; k++) a[k] = new Value(x.get(k, example));
            for (int l = 1; l <= network.layers(); l++) {
                Value[] z = new Value[leaves.w()[l].length];
                for (int j = 0; j < z.length; j++) {
                    Value sum = leaves.b()[l][j];                                   // zⱼ = Σₖ wⱼₖ aₖ + bⱼ
                    for (int k = 0; k < a.length; k++) sum = sum.plus(leaves.w()[l][j][k].times(a[k]));
                    z[j] = sum;
                }
                a = activate(network.activation(l), z);
            }
            cost = cost.plus(exampleCost(network.loss(), a, y.column(example)));
        }
        return cost.div(x.cols());
    }

    private static void assertSameGradients(Network network, long seed) {
        Matrix[] xy = NetworkTest.batch(network, 5, seed);
        Gradients matrices = network.gradients(xy[0], xy[1]);

        Leaves leaves = Leaves.of(network);
        Value cost = batchCost(network, leaves, xy[0], xy[1]);
        cost.backward();

        assertEquals(network.cost(xy[0], xy[1]), cost.data(), 1e-12, network + ": the two costs differ");
        double worst = 0;
        for (int l = 1; l <= network.layers(); l++) {
            for (int j = 0; j < leaves.w()[l].length; j++) {
                for (int k = 0; k < leaves.w()[l][j].length; k++) {
                    worst = Math.max(worst, Math.abs(leaves.w()[l][j][k].grad() - matrices.weights(l).get(j, k)));
                }
                worst = Math.max(worst, Math.abs(leaves.b()[l][j].grad() - matrices.biases(l).get(j, 0)));
            }
        }
        assertTrue(worst < 1e-12, network + ": the graph engine and the four equations differ by " + worst);
    }

    @Test
    void sigmoidNetworkWithTheQuadraticCost() {
        assertSameGradients(new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 1), 11);
    }

    @Test
    void tanhNetworkWithSoftmaxAndCrossEntropy() {
        assertSameGradients(new Network(new int[] {4, 5, 3, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 2), 12);
    }

    @Test
    void sigmoidOutputWithBinaryCrossEntropy() {
        assertSameGradients(new Network(new int[] {2, 6, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 3), 13);
    }

    @Test
    void reluNetworkWithAnIdentityOutput() {
        Network network = new Network(new int[] {3, 5, 2}, Activation.RELU, Activation.IDENTITY, Loss.QUADRATIC, 4);
        for (int l = 1; l <= network.layers(); l++) {   // biases off 0, so that no ReLU sits at its kink
            network.biases(l).copyFrom(Matrix.uniform(network.sizes()[l], 1, 0.5, new Random(l)));
        }
        assertSameGradients(network, 14);
    }

    @Test
    void theOneOneOneNetworkOfTheFourEquations() {
        assertSameGradients(new Network(new int[] {1, 1, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 5), 15);
    }
}
