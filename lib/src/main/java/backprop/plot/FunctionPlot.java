package backprop.plot;

import backprop.nn.Activation;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * A function and its derivative on one chart: where σ′ is large, a small change of z moves the
 * neuron a lot; where it is near 0 (a saturated sigmoid), gradients stall.
 *
 * <pre>{@code
 * XYChart s = FunctionPlot.chart(Activation.SIGMOID);                       // σ and σ′ on [−6, 6]
 * XYChart f = FunctionPlot.chart("x²", x -> x * x, x -> 2 * x, -2, 2);
 * }</pre>
 */
public final class FunctionPlot {

    /** Points per curve. */
    static final int POINTS = 241;

    private FunctionPlot() {}

    /** σ and σ′ of an element-wise activation on [−6, 6]. */
    public static XYChart chart(Activation activation) {
        return chart(activation, -6, 6);
    }

    /** σ and σ′ of an element-wise activation on [from, to]. */
    public static XYChart chart(Activation activation, double from, double to) {
        if (activation == null) throw new IllegalArgumentException("the activation is null");
        if (!activation.isElementWise()) {
            throw new IllegalArgumentException(activation + " has no curve of one variable: each output depends on the whole column");
        }
        return chart(activation.toString(), "σ(z)", "σ′(z)", "z", activation::value, activation::derivative, from, to);
    }

    /** f and f′ on [from, to], as solid and dashed lines. */
    public static XYChart chart(String title, DoubleUnaryOperator f, DoubleUnaryOperator derivative, double from, double to) {
        return chart(title, "f(x)", "f′(x)", "x", f, derivative, from, to);
    }

    private static XYChart chart(String title, String fName, String dName, String xName,
                                 DoubleUnaryOperator f, DoubleUnaryOperator derivative, double from, double to) {
        if (f == null || derivative == null) throw new IllegalArgumentException("the function or its derivative is null");
        if (!(Double.isFinite(from) && Double.isFinite(to) && from < to)) {
            throw new IllegalArgumentException("the range must be finite with from < to, got [" + from + ", " + to + "]");
        }
        double[] x = new double[POINTS], y = new double[POINTS], dy = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = from + (to - from) * i / (POINTS - 1);
            y[i] = f.applyAsDouble(x[i]);
            dy[i] = derivative.applyAsDouble(x[i]);
        }
        XYChart chart = ChartStyle.xyChart(title, xName, "");
        ChartStyle.line(chart.addSeries(fName, x, y), 0);
        ChartStyle.dashed(chart.addSeries(dName, x, dy), 1);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return chart;
    }
}
