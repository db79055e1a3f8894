package backprop.plot;

import backprop.nn.History;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;

/**
 * A learning curve that redraws itself after every epoch while a network trains.
 *
 * <p>The chart knows nothing about notebooks: it updates its series from the history and then
 * calls the {@code redraw} action it was given. In a notebook that action replaces the chart's
 * output in place (IJava's {@code display} returns an id, {@code updateDisplay} reuses it):
 * <pre>{@code
 * var live = LiveChart.loss("Training on digits", 30);
 * String id = display(live.chart());
 * History history = network.train(train, test, sgd, live.onEpoch(chart -> updateDisplay(id, chart)));
 * }</pre>
 * Where nothing can be redrawn (a terminal), print {@link History#progressBar()} in the callback instead.
 */
public final class LiveChart {

    private final XYChart chart;
    private final boolean accuracy;

    private LiveChart(XYChart chart, boolean accuracy) {
        this.chart = chart;
        this.accuracy = accuracy;
    }

    /** A loss chart whose x axis is laid out for {@code epochs} epochs. */
    public static LiveChart loss(String title, int epochs) {
        return new LiveChart(empty(title, "loss", epochs), false);
    }

    /** An accuracy chart (in %) whose x axis is laid out for {@code epochs} epochs. */
    public static LiveChart accuracy(String title, int epochs) {
        LiveChart live = new LiveChart(empty(title, "accuracy (%)", epochs), true);
        live.chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        return live;
    }

    private static XYChart empty(String title, String yTitle, int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("a live chart needs at least 1 epoch, got " + epochs);
        XYChart chart = ChartStyle.xyChart(title, "epoch", yTitle);
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, epochs));
        // XChart refuses a series without points; a single missing point draws nothing until the first epoch
        ChartStyle.line(chart.addSeries("train", new double[] {1}, new double[] {Double.NaN}), 0);
        return chart;
    }

    /** The chart itself, to show before training starts. */
    public XYChart chart() {
        return chart;
    }

    /** Redraws the curves from {@code history}. */
    public void update(History history) {
        if (history == null) throw new IllegalArgumentException("the history is null");
        if (history.size() > 0) TrainingCurves.draw(chart, history, accuracy);
    }

    /**
     * The callback to give {@code Network.train}: after each epoch it updates the chart, then
     * passes it to {@code redraw} (which may be null, to only update).
     */
    public Consumer<History> onEpoch(Consumer<? super XYChart> redraw) {
        return history -> {
            update(history);
            if (redraw != null) redraw.accept(chart);
        };
    }
}
