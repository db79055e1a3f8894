package backprop.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.display.Displays;
import backprop.data.Synthetic;
import backprop.nn.Activation;
import backprop.nn.History;
import backprop.nn.Loss;
import backprop.nn.Network;
import backprop.nn.Sgd;
import backprop.nn.TrainingDivergedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The charts of notebook 08: per-layer values, descent paths on a bowl, loss curves of several runs. */
class DeepTrainingChartsTest {

    private static void drawable(XYChart chart) {
        assertTrue(Displays.chartPng(chart).length() > 1000, "the chart draws as a PNG");
    }

    @Test
    void layerProfileDrawsOneLinePerNetworkOverTheLayers() {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("sigmoid", new double[] {1e-5, 1e-3, 0.1});
        values.put("ReLU", new double[] {0.2, 0.25, 0.3});
        XYChart chart = LayerProfile.chart("speeds", "‖∂C/∂bˡ‖", values);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        XYSeries relu = chart.getSeries("ReLU");
        assertArrayEquals(new double[] {1, 2, 3}, relu.getXData());
        assertArrayEquals(new double[] {0.2, 0.25, 0.3}, relu.getYData());
        drawable(chart);
        var zero = assertThrows(IllegalArgumentException.class,
                () -> LayerProfile.chart("t", "y", Map.of("dead", new double[] {0.1, 0})));
        assertTrue(zero.getMessage().contains("'dead' has 0.0 at layer 2"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerProfile.chart("t", "y", Map.of()));
    }

    @Test
    void descentPathsDrawTheBowlsContoursThroughTheStart() {
        double[][] path = {{-8, 1}, {-4, -0.5}, {-2, 0.25}};
        XYChart chart = DescentPaths.chart("valley", 1, 20, Map.of("plain", path));
        // the outermost contour goes through the start: ½(64 + 20) = 42
        XYSeries outer = chart.getSeries("C = 42.0");
        assertTrue(outer != null, "a contour at the starting cost, 42");
        assertFalse(outer.isShowInLegend());
        double[] x = outer.getXData(), y = outer.getYData();
        for (int i = 0; i < x.length; i++) assertEquals(42, 0.5 * (x[i] * x[i] + 20 * y[i] * y[i]), 1e-9);
        assertArrayEquals(new double[] {-8, -4, -2}, chart.getSeries("plain").getXData());
        drawable(chart);
        var bad = assertThrows(IllegalArgumentException.class,
                () -> DescentPaths.chart("t", 1, 20, Map.of("p", new double[][] {{0, 1}, {Double.NaN, 0}})));
        assertTrue(bad.getMessage().contains("point 1 of path 'p'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DescentPaths.chart("t", 0, 20, Map.of("p", path)));
    }

    @Test
    void lossComparisonShowsEveryRunEvenOneThatStoppedEarly() {
        History full = new Network(new int[] {2, 4, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0)
                .train(Synthetic.moons(40, 0.1, 0), Sgd.of(0.5, 10, 3));
        History stopped;
        try {   // a learning rate this large overflows the loss; the exception keeps the epochs done before
            new Network(new int[] {2, 4, 2}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0)
                    .train(Synthetic.moons(40, 0.1, 0), Sgd.of(1e6, 10, 3));
            throw new AssertionError("η = 10⁶ should have diverged");
        } catch (TrainingDivergedException diverged) {
            stopped = diverged.history();
        }
        History none = new History(3);
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("η = 0.1", full);
        runs.put("η = 10⁶", stopped);
        runs.put("not started", none);
        XYChart chart = LossComparison.chart("rates", runs);
        assertArrayEquals(full.trainLoss(), chart.getSeries("η = 0.1").getYData(), 0);
        assertTrue(stopped.size() < 3, "the diverged run stopped early");
        assertEquals(Math.max(1, stopped.size()), chart.getSeries("η = 10⁶").getXData().length);
        assertTrue(Double.isNaN(chart.getSeries("not started").getYData()[0]), "a run without an epoch draws nothing");
        assertEquals(3.0, chart.getStyler().getXAxisMax());
        drawable(chart);
        assertThrows(IllegalArgumentException.class, () -> LossComparison.chart("t", Map.of()));
    }
}
