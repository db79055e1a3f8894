package backprop.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Dataset;
import backprop.data.Synthetic;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class DecisionBoundaryTest {

    @Test
    void theRegionsFollowTheClassifier() {
        Dataset moons = Synthetic.moons(60, 0.1, 1);
        // a vertical boundary at x1 = 0.5
        XYChart chart = DecisionBoundary.chart("split", moons, p -> p[0] > 0.5 ? 1 : 0, 20);
        XYSeries left = chart.getSeries("region 0");
        XYSeries right = chart.getSeries("region 1");
        assertEquals(400, left.getXData().length + right.getXData().length, "one tile per grid point");
        for (double x : left.getXData()) assertTrue(x <= 0.5);
        for (double x : right.getXData()) assertTrue(x > 0.5);
        assertFalse(left.isShowInLegend());
        assertEquals(30 + 30, chart.getSeries("class 0").getXData().length
                + chart.getSeries("class 1").getXData().length);
        var image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
    }

    @Test
    void onlyTwoFeaturesAndKnownClassesAreAccepted() {
        var three = Dataset.of("cube", new double[][] {{0, 0, 0}, {1, 1, 1}}, new int[] {0, 1}, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.chart("t", three, p -> 0));
        assertTrue(e.getMessage().contains("3 features"), e.getMessage());
        Dataset moons = Synthetic.moons(10, 0.1, 1);
        var bad = assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.chart("t", moons, p -> 2));
        assertTrue(bad.getMessage().contains("class 2"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DecisionBoundary.chart("t", moons, p -> 0, 1));
    }
}
