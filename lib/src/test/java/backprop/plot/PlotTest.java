package backprop.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Datasets;
import backprop.display.Displays;
import backprop.nn.Activation;
import backprop.nn.Epoch;
import backprop.nn.History;
import backprop.nn.Loss;
import backprop.nn.Network;
import backprop.nn.Sgd;
import backprop.data.Synthetic;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class PlotTest {

    private static double[] y(XYChart chart, String series) {
        XYSeries s = chart.getSeries(series);
        assertTrue(s != null, "no series " + series);
        return s.getYData();
    }

    private static void drawable(Object chart) {
        String png = Displays.chartPng((org.knowm.xchart.internal.chartpart.IChart) chart);
        assertTrue(png.length() > 1000, "the chart draws as a PNG");
    }

    @Test
    void aFunctionAndItsDerivative() {
        XYChart chart = FunctionPlot.chart(Activation.SIGMOID);
        assertEquals("sigmoid", chart.getTitle());
        double[] s = y(chart, "σ(z)"), d = y(chart, "σ′(z)");
        assertEquals(FunctionPlot.POINTS, s.length);
        assertEquals(0.5, s[FunctionPlot.POINTS / 2], 1e-15);
        assertEquals(0.25, d[FunctionPlot.POINTS / 2], 1e-15);
        XYChart square = FunctionPlot.chart("x²", x -> x * x, x -> 2 * x, -2, 2);
        assertEquals(4, y(square, "f(x)")[0], 1e-15);
        assertEquals(-4, y(square, "f′(x)")[0], 1e-15);
        drawable(chart);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FunctionPlot.chart(Activation.SOFTMAX)).getMessage().contains("whole column"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FunctionPlot.chart("f", x -> x, x -> 1, 1, 1)).getMessage().contains("from < to"));
    }

    private static History history() {
        var h = new Network(new int[] {2, 6, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0)
                .train(Synthetic.moons(60, 0.1, 0), Synthetic.moons(30, 0.1, 1), Sgd.of(0.5, 10, 4));
        assertEquals(4, h.size());
        return h;
    }

    @Test
    void learningCurvesTrainAgainstTest() {
        History history = history();
        XYChart loss = TrainingCurves.loss(history);
        assertArrayEquals(history.trainLoss(), y(loss, "train"));
        assertArrayEquals(history.testLoss(), y(loss, "test"));
        XYChart accuracy = TrainingCurves.accuracy("Moons", history);
        assertEquals(100 * history.last().testAccuracy(), y(accuracy, "test")[3], 1e-12);
        drawable(loss);
        var empty = new History(3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingCurves.loss(empty)).getMessage().contains("no completed epochs"));
    }

    @Test
    void aLiveChartRedrawsAfterEveryEpoch() {
        var live = LiveChart.loss("live", 4);
        drawable(live.chart());                               // shown before the first epoch
        var redrawn = new ArrayList<Integer>();
        var network = new Network(new int[] {2, 6, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);
        History history = network.train(Synthetic.moons(60, 0.1, 0), Synthetic.moons(30, 0.1, 1), Sgd.of(0.5, 10, 4),
                live.onEpoch(chart -> redrawn.add(chart.getSeries("train").getYData().length)));
        assertEquals(List.of(1, 2, 3, 4), redrawn);
        assertArrayEquals(history.testLoss(), y(live.chart(), "test"));
        drawable(live.chart());
        var accuracy = LiveChart.accuracy("acc", 4);
        accuracy.update(history);
        assertEquals(100 * history.last().trainAccuracy(), y(accuracy.chart(), "train")[3], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LiveChart.loss("x", 0));
    }

    @Test
    void aDigitGridHasOneCellPerDigit() {
        Dataset digits = Datasets.digits().slice(0, 30);
        int[] predicted = digits.y().clone();
        predicted[3] = (predicted[3] + 1) % 10;
        BufferedImage grid = DigitGrid.image(digits, predicted, 25).image();
        int cell = DigitGrid.SIDE * DigitGrid.ZOOM;
        assertEquals(DigitGrid.GAP + 10 * (cell + DigitGrid.GAP), grid.getWidth());
        assertEquals(DigitGrid.GAP + 3 * (cell + DigitGrid.LABEL_HEIGHT + DigitGrid.GAP), grid.getHeight());
        ImagePicture wrong = DigitGrid.mistakes(digits, predicted, 10);
        assertEquals(DigitGrid.GAP + cell + DigitGrid.GAP, wrong.image().getWidth(), "one mistake, one cell");
        assertEquals("DigitGrid: 1 digit of 'digits', 1 classified wrongly (72×92 image)", wrong.toString());
        assertEquals(wrong.toString(), wrong.mimeBundle().get("text/plain"));
        assertTrue(wrong.mimeBundle().get("image/png").length() > 100);
        assertEquals("DigitGrid: no mistakes among 30 digits", DigitGrid.mistakes(digits, digits.y(), 10).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigitGrid.image(Datasets.iris(), new int[150], 5)).getMessage().contains("has 4 features, but a digit image has 64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigitGrid.image(digits, new int[3], 5)).getMessage().contains("one predicted class per example"));
        int[] outOfRange = digits.y().clone();
        outOfRange[0] = 10;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigitGrid.image(digits, outOfRange, 5)).getMessage().contains("predicted class 10 at position 0 is out of range"));
    }

    @Test
    void aConfusionMatrixPutsClassZeroOnTop() {
        int[] actual = {0, 0, 1, 2, 2, 2};
        int[] predicted = {0, 1, 1, 2, 0, 2};
        HeatMapChart chart = ConfusionChart.chart("c", actual, predicted, List.of("a", "b", "c"));
        var series = chart.getHeatMapSeries();
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(series.getXData()));
        assertEquals(List.of("c", "b", "a"), new ArrayList<>(series.getYData()));
        // the cell (predicted a, actual c) holds 1, drawn at y index 0 (the bottom row)
        boolean found = series.getHeatData().stream().anyMatch(cell -> Arrays.equals(cell, new Number[] {0, 0, 1}));
        assertTrue(found);
        drawable(chart);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfusionChart.chart("c", new int[2][2], List.of("a", "b", "c"))).getMessage().contains("3×3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfusionChart.chart("c", new int[] {0, 5}, new int[] {0, 1}, List.of("a", "b"))).getMessage().contains("out of range"));
    }

    @Test
    void theCourseStyleIsApplied() {
        XYChart chart = ChartStyle.xyChart("t", "x", "y");
        assertEquals(ChartStyle.WIDTH, chart.getWidth());
        assertEquals(java.awt.Color.WHITE, chart.getStyler().getChartBackgroundColor());
        assertEquals(ChartStyle.BLUE, ChartStyle.color(0));
        assertEquals(ChartStyle.BLUE, ChartStyle.color(8));
        assertTrue(new Epoch(1, 1, 1, 1, 1, 1).hasTest());
    }
}
