package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkTest {

    static String problem(Runnable making) {
        return assertThrows(IllegalArgumentException.class, making::run).getMessage();
    }

    /** A batch of m random examples and targets that suit the loss. */
    static Matrix[] batch(Network network, int m, long seed) {
        var random = new Random(seed);
        Matrix x = Matrix.gaussian(network.inputs(), m, 1, random);
        Matrix y = new Matrix(network.outputs(), m);
        for (int j = 0; j < m; j++) {
            switch (network.loss()) {
                case CROSS_ENTROPY -> y.set(random.nextInt(network.outputs()), j, 1);
                case BINARY_CROSS_ENTROPY -> { for (int i = 0; i < network.outputs(); i++) y.set(i, j, random.nextInt(2)); }
                case QUADRATIC -> { for (int i = 0; i < network.outputs(); i++) y.set(i, j, random.nextDouble()); }
            }
        }
        return new Matrix[] {x, y};
    }

    /** Every weight and bias of small networks: backprop against centred differences. */
    @Test
    void gradientCheckOfEveryWeightAndBias() {
        List<Network> networks = List.of(
                new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 1),
                new Network(new int[] {4, 5, 3, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 2),
                new Network(new int[] {2, 6, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 3),
                new Network(new int[] {3, 4, 4, 2}, Activation.TANH, Activation.IDENTITY, Loss.QUADRATIC, 4),
                new Network(new int[] {5, 7, 3}, Activation.SIGMOID, Activation.SOFTMAX, Loss.QUADRATIC, 5),
                new Network(new int[] {3, 5, 4, 2}, Activation.LEAKY_RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 6),
                new Network(new int[] {3, 5, 2}, Activation.RELU, Activation.TANH, Loss.QUADRATIC, 7));
        for (Network network : networks) {
            // biases away from 0 so that every weight matters and no ReLU sits at its kink
            for (int l = 1; l <= network.layers(); l++) {
                network.biases(l).copyFrom(Matrix.uniform(network.sizes()[l], 1, 0.5, new Random(l)));
            }
            Matrix[] xy = batch(network, 6, 42);
            Gradients backprop = network.gradients(xy[0], xy[1]);
            Gradients numerical = FiniteDifferences.gradients(network, xy[0], xy[1]);
            double error = backprop.maxRelativeError(numerical);
            assertTrue(error < 1e-7, network + ": largest relative error " + error);
        }
    }

    /**
     * Seed 001's 1-1-1 network (one input, one hidden neuron, one output neuron, sigmoid, quadratic
     * cost), its four equations worked out by hand for x = 1.5, y = 0.
     */
    @Test
    void theFourEquationsByHandOnAOneOneOneNetwork() {
        var network = new Network(new int[] {1, 1, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        network.weights(1).set(0, 0, 0.8);
        network.biases(1).set(0, 0, 0.1);
        network.weights(2).set(0, 0, -1.2);
        network.biases(2).set(0, 0, 0.3);
        Matrix x = Matrix.columnVector(1.5), y = Matrix.columnVector(0);

        ForwardPass pass = network.forward(x);
        assertEquals(1.3, pass.z(1).get(0, 0), 1e-15);                   // z¹ = 0.8 · 1.5 + 0.1
        assertEquals(0.7858349830425586, pass.a(1).get(0, 0), 1e-15);     // a¹ = σ(1.3)
        assertEquals(-0.6430019796510702, pass.z(2).get(0, 0), 1e-15);    // z² = −1.2 a¹ + 0.3
        assertEquals(0.34456825341005415, pass.a(2).get(0, 0), 1e-15);    // a² = σ(z²)
        assertEquals(0.059363640629027645, network.cost(x, y), 1e-15);     // ½ (a² − 0)²

        double a1 = pass.a(1).get(0, 0), a2 = pass.a(2).get(0, 0);
        double delta2 = (a2 - 0) * a2 * (1 - a2);                          // δ² = (a − y) σ′(z²)
        double delta1 = -1.2 * delta2 * a1 * (1 - a1);                     // δ¹ = w² δ² σ′(z¹)
        Gradients g = network.gradients(x, y);
        assertEquals(0.07781762932284292, delta2, 1e-15);
        assertEquals(delta2, g.biases(2).get(0, 0), 1e-15);                // ∂C/∂b² = δ²
        assertEquals(0.061151815419328376, g.weights(2).get(0, 0), 1e-15); // ∂C/∂w² = δ² a¹
        assertEquals(delta2 * a1, g.weights(2).get(0, 0), 1e-15);
        assertEquals(-0.015715895503510543, g.biases(1).get(0, 0), 1e-15); // ∂C/∂b¹ = δ¹
        assertEquals(delta1, g.biases(1).get(0, 0), 1e-15);
        assertEquals(-0.023573843255265813, g.weights(1).get(0, 0), 1e-15); // ∂C/∂w¹ = δ¹ x
    }

    @Test
    void aBatchGradientIsTheMeanOfItsExamplesGradients() {
        var network = new Network(new int[] {4, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 9);
        Matrix[] xy = batch(network, 3, 1);
        Gradients together = network.gradients(xy[0], xy[1]);
        for (int l = 1; l <= 2; l++) {
            Matrix meanW = new Matrix(network.sizes()[l], network.sizes()[l - 1]);
            Matrix meanB = new Matrix(network.sizes()[l], 1);
            for (int j = 0; j < 3; j++) {
                Gradients one = network.gradients(Matrix.ofColumns(xy[0].column(j)), Matrix.ofColumns(xy[1].column(j)));
                meanW.addScaledInPlace(1.0 / 3, one.weights(l));
                meanB.addScaledInPlace(1.0 / 3, one.biases(l));
            }
            MatrixTest.assertClose(meanW, together.weights(l), 1e-15);
            MatrixTest.assertClose(meanB, together.biases(l), 1e-15);
        }
    }

    @Test
    void theForwardPassKeepsEveryZAndA() {
        var network = new Network(new int[] {3, 4, 2}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 1);
        Matrix x = Matrix.gaussian(3, 5, 1, new Random(2));
        ForwardPass pass = network.forward(x);
        assertEquals(x, pass.a(0));
        Matrix z1 = network.weights(1).times(x).addColumnVector(network.biases(1));
        MatrixTest.assertClose(z1, pass.z(1), 1e-15);
        MatrixTest.assertClose(Activation.RELU.apply(z1), pass.a(1), 1e-15);
        Matrix z2 = network.weights(2).times(pass.a(1)).addColumnVector(network.biases(2));
        MatrixTest.assertClose(z2, pass.z(2), 1e-15);
        MatrixTest.assertClose(Activation.SOFTMAX.apply(z2), pass.output(), 1e-15);
        assertEquals(network.output(x), pass.output());
        assertArrayEquals(pass.output().column(4), network.output(x.column(4)), 1e-15);
        assertTrue(problem(() -> pass.z(0)).contains("layers 1 to 2"));
    }

    @Test
    void initialWeightsFollowTheSeedAndTheRightScale() {
        var a = new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        var b = new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        var c = new Network(new int[] {64, 64, 10}, Activation.SIGMOID, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 1);
        assertEquals(a.weights(1), b.weights(1));
        assertEquals(a.weights(2), b.weights(2));
        assertNotEquals(a.weights(1), c.weights(1));
        assertTrue(a.weights(1).maxAbs() <= Math.sqrt(6.0 / 128));               // Xavier
        assertTrue(a.weights(1).maxAbs() > 0.9 * Math.sqrt(6.0 / 128));
        assertEquals(0, a.biases(1).maxAbs());
        var relu = new Network(new int[] {50, 20, 2}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        assertTrue(relu.weights(1).maxAbs() <= Math.sqrt(6.0 / 50));             // He
        assertTrue(relu.weights(1).maxAbs() > Math.sqrt(6.0 / 70));
        assertEquals(64 * 65 + 10 * 65, a.parameterCount());
        assertEquals("Network 64-64-10: sigmoid, softmax; cross-entropy loss; 4810 parameters", a.toString());
    }

    @Test
    void badNetworksAndBadBatchesAreNamed() {
        assertTrue(problem(() -> new Network(new int[] {3}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0)).contains("at least two layer sizes"));
        assertTrue(problem(() -> new Network(new int[] {3, 0, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0)).contains("layer 1 must have at least one neuron"));
        assertTrue(problem(() -> new Network(new int[] {3, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.CROSS_ENTROPY, 0)).contains("cross-entropy needs a softmax"));
        assertTrue(problem(() -> new Network(new int[] {3, 2}, Activation.SIGMOID, Activation.SOFTMAX, Loss.BINARY_CROSS_ENTROPY, 0)).contains("binary cross-entropy needs a sigmoid"));
        assertTrue(problem(() -> new Network(new int[] {3, 4, 2}, List.of(Activation.SIGMOID), Loss.QUADRATIC, 0)).contains("needs 2 activations"));
        assertTrue(problem(() -> new Network(new int[] {3, 4, 2}, List.of(Activation.SOFTMAX, Activation.SOFTMAX), Loss.CROSS_ENTROPY, 0))
                .contains("output layer only"));
        var network = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        assertTrue(problem(() -> network.output(new Matrix(4, 5))).contains("takes 3 inputs (rows), but the batch is 4×5"));
        assertTrue(problem(() -> network.gradients(new Matrix(3, 5), new Matrix(2, 4))).contains("the targets are 2×4 but must be 2×5"));
        assertTrue(problem(() -> network.output(new double[] {1, 2})).contains("takes 3 features, got 2"));
        assertTrue(problem(() -> network.output(new double[] {1, Double.NaN, 2})).contains("has NaN at row 1, column 0 (example 0)"));
        Matrix x = new Matrix(3, 2), y = new Matrix(2, 2);
        y.set(1, 1, Double.POSITIVE_INFINITY);
        assertTrue(problem(() -> network.gradients(x, y)).contains("the target batch has Infinity at row 1, column 1"));
        assertTrue(problem(() -> network.classify(new double[][] {{1, 2, Double.NaN}})).contains("NaN in example 0, feature 2"));
        assertTrue(problem(() -> network.weights(3)).contains("layers with weights are 1 to 2"));
        Gradients g = network.gradients(new Matrix(3, 1), new Matrix(2, 1));
        assertTrue(problem(() -> network.step(g, 0)).contains("learning rate must be a positive number, got 0.0"));
        assertTrue(problem(() -> network.step(g, -0.1)).contains("got -0.1"));
        assertTrue(problem(() -> network.step(g, Double.NaN)).contains("NaN"));
    }

    @Test
    void datasetsMustFitTheNetwork() {
        var network = new Network(new int[] {2, 4, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        Dataset moons = Synthetic.moons(40, 0.1, 0);                         // 2 classes
        assertTrue(problem(() -> network.train(moons, Sgd.of(0.1, 8, 1))).contains("it has 2 classes but the network has 3 outputs"));
        Dataset wide = Dataset.of("wide", new double[][] {{1, 2, 3}, {4, 5, 6}}, new int[] {0, 1}, 3);
        assertTrue(problem(() -> network.train(wide, Sgd.of(0.1, 8, 1))).contains("it has 3 features but the network takes 2 inputs"));
        assertTrue(problem(() -> network.train(null, Sgd.of(0.1, 8, 1))).contains("null dataset"));
        assertTrue(problem(() -> network.train(Synthetic.spiral(10, 3, 0), null)).contains("Sgd"));
    }

    @Test
    void sgdSettingsAreChecked() {
        assertTrue(problem(() -> Sgd.of(0, 32, 10)).contains("learning rate must be a positive number, got 0.0"));
        assertTrue(problem(() -> Sgd.of(-1, 32, 10)).contains("got -1.0"));
        assertTrue(problem(() -> Sgd.of(Double.POSITIVE_INFINITY, 32, 10)).contains("Infinity"));
        assertTrue(problem(() -> Sgd.of(0.1, 0, 10)).contains("batch size must be at least 1, got 0"));
        assertTrue(problem(() -> Sgd.of(0.1, -5, 10)).contains("got -5"));
        assertTrue(problem(() -> Sgd.of(0.1, 32, 0)).contains("epochs must be at least 1"));
        assertTrue(problem(() -> Sgd.of(0.1, 32, 1).withMomentum(1)).contains("momentum"));
        assertTrue(problem(() -> Sgd.of(0.1, 32, 1).withL2(-1e-3)).contains("L2"));
    }

    /** One check of the learning rate, one message, wherever a learning rate comes in. */
    @Test
    void everyLearningRateIsCheckedTheSameWay() {
        var network = new Network(new int[] {1, 1}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        Gradients g = network.gradients(new Matrix(1, 1), new Matrix(1, 1));
        var scratch = ScratchNetwork.initialize(0, 1, 1);
        for (double eta : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            String expected = "the learning rate must be a positive number, got " + eta;
            assertEquals(expected, problem(() -> Sgd.of(eta, 1, 1)));
            assertEquals(expected, problem(() -> network.step(g, eta)));
            assertEquals(expected, problem(() -> scratch.updateWeights(new double[] {1}, eta)));
            assertEquals(expected, problem(() -> scratch.train(new double[][] {{1}}, new int[] {0}, eta, 1)));
        }
        assertEquals(0.1, Sgd.requireLearningRate(0.1));
    }

    @Test
    void trainingLearnsMoonsAndTheSameSeedGivesTheSameHistory() {
        Dataset moons = Synthetic.moons(200, 0.1, 1);
        Dataset test = Synthetic.moons(100, 0.1, 2);
        var a = new Network(new int[] {2, 16, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3);
        var b = new Network(new int[] {2, 16, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 3);
        Sgd sgd = Sgd.of(0.5, 16, 60).withSeed(4);
        History first = a.train(moons, test, sgd);
        History second = b.train(moons, test, sgd);
        assertEquals(60, first.size());
        assertTrue(first.last().testAccuracy() > 0.95, first.last().toString());
        assertTrue(first.last().trainLoss() < first.epochs().get(0).trainLoss() / 3);
        assertArrayEquals(first.trainLoss(), second.trainLoss());
        assertArrayEquals(first.testAccuracy(), second.testAccuracy());
        assertEquals(a.weights(1), b.weights(1));
        Evaluation evaluation = a.evaluate(test);
        assertEquals(first.last().testLoss(), evaluation.loss(), 1e-15);
        assertEquals(Metrics.accuracy(test.y(), a.classify(test)), evaluation.accuracy());
    }

    @Test
    void aSingleSigmoidOutputAnswersATwoClassQuestion() {
        Dataset xor = Synthetic.xor(200, 0.05, 1);
        var network = new Network(new int[] {2, 8, 1}, Activation.TANH, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 2);
        History history = network.train(xor, Sgd.of(1.0, 10, 150));
        assertTrue(history.last().trainAccuracy() > 0.93, history.last().toString());
        assertTrue(Double.isNaN(history.last().testLoss()));
        int[] classes = network.classify(xor);
        assertEquals(history.last().trainAccuracy(), Metrics.accuracy(xor.y(), classes), 0.1);
        assertEquals(network.classify(xor.x()[0]), classes[0]);
    }

    @Test
    void theCallbackSeesEveryEpochAsItEnds() {
        var seen = new java.util.ArrayList<Integer>();
        var network = new Network(new int[] {2, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        History history = network.train(Synthetic.moons(50, 0.1, 0), null, Sgd.of(0.3, 10, 5), h -> seen.add(h.size()));
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals(5, history.size());
        assertTrue(!history.interrupted());
    }

    @Test
    void anInterruptStopsTrainingCleanlyAndKeepsTheEpochsDone() {
        var network = new Network(new int[] {2, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        try {
            History history = network.train(Synthetic.moons(50, 0.1, 0), null, Sgd.of(0.3, 10, 20), h -> {
                if (h.size() == 3) Thread.currentThread().interrupt();   // as Kernel → Interrupt would
            });
            assertTrue(history.interrupted());
            assertEquals(3, history.size());
            assertTrue(history.toString().endsWith("interrupted after epoch 3"));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller to see");
        } finally {
            Thread.interrupted();   // clear it, so the next test runs normally
        }
    }

    @Test
    void aDivergingRunStopsWithAClearMessage() {
        var network = new Network(new int[] {2, 8, 2}, Activation.IDENTITY, Activation.IDENTITY, Loss.QUADRATIC, 0);
        Dataset moons = Synthetic.moons(100, 0.1, 0);
        var e = assertThrows(TrainingDivergedException.class, () -> network.train(moons, Sgd.of(50, 10, 50)));
        assertTrue(e.getMessage().contains("training diverged"), e.getMessage());
        assertTrue(e.getMessage().contains("try a smaller learning rate, e.g. 5.0"), e.getMessage());
        assertTrue(e.history().size() < 50);
    }

    /** Momentum and L2 by the formulas of Sgd's Javadoc, on full-batch steps. */
    @Test
    void momentumAndWeightDecayFollowTheirFormulas() {
        Dataset data = Synthetic.spiral(10, 3, 1);
        var trained = new Network(new int[] {2, 5, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 7);
        var manual = trained.copy();
        double eta = 0.2, mu = 0.9, lambda = 0.01;
        trained.train(data, new Sgd(eta, data.size(), 3, mu, lambda, 0));

        Matrix x = Matrix.ofColumns(data.x());
        Matrix y = Matrix.ofColumns(data.oneHot());
        Matrix[] vw = {null, new Matrix(5, 2), new Matrix(3, 5)};
        Matrix[] vb = {null, new Matrix(5, 1), new Matrix(3, 1)};
        for (int step = 0; step < 3; step++) {
            Gradients g = manual.gradients(x, y);
            for (int l = 1; l <= 2; l++) {
                Matrix decayed = g.weights(l).plus(manual.weights(l).scale(lambda));   // ∂C/∂W + λW
                vw[l] = vw[l].scale(mu).minus(decayed.scale(eta));                      // v ← μv − η(…)
                vb[l] = vb[l].scale(mu).minus(g.biases(l).scale(eta));
                manual.weights(l).plusInPlace(vw[l]);                                   // W ← W + v
                manual.biases(l).plusInPlace(vb[l]);
            }
        }
        for (int l = 1; l <= 2; l++) {
            MatrixTest.assertClose(manual.weights(l), trained.weights(l), 1e-12);
            MatrixTest.assertClose(manual.biases(l), trained.biases(l), 1e-12);
        }
    }

    @Test
    void aStepMovesAgainstTheGradient() {
        var network = new Network(new int[] {3, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, Loss.QUADRATIC, 0);
        Matrix[] xy = batch(network, 5, 3);
        double before = network.cost(xy[0], xy[1]);
        network.step(network.gradients(xy[0], xy[1]), 0.5);
        assertTrue(network.cost(xy[0], xy[1]) < before);
    }

    @Test
    void aCopyIsIndependent() {
        var network = new Network(new int[] {2, 3, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        Network copy = network.copy();
        assertEquals(network.weights(1), copy.weights(1));
        copy.weights(1).set(0, 0, 42);
        assertNotEquals(network.weights(1), copy.weights(1));
        assertEquals(network.toString(), copy.toString());
    }
}
