package backprop.kernel;

import backprop.display.Displayable;
import backprop.display.Displays;
import java.io.PrintStream;
import java.util.Map;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Teaches the IJava kernel how to show the course's objects, so that a cell ending in
 *
 * <ul>
 *   <li>an XChart chart shows the chart (PNG, at the chart's own size, with twice the pixels),
 *   <li>a tablesaw {@code Table} shows an HTML table (its head and tail when it is long),
 *   <li>a {@link Displayable} (the graph pictures, a grading report) shows its richest format.
 * </ul>
 *
 * <p>This is the only Java code in the kit that knows about IJava; the library does not. It is
 * compiled ahead of time rather than written in the startup script because JShell compiles a
 * startup script's lambdas when the kernel starts, which made every notebook's first cell about
 * a second slower.
 */
public final class NotebookDisplay {

    private NotebookDisplay() {}

    /** Registers the renderers; the kernel's startup script calls this once. */
    public static void install(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    if (context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Displays.chartPng(chart))) {
                        // drawn at twice the size for sharp high-density screens: show it at its own size
                        context.getOutputContainer().putMetaData(MIMEType.IMAGE_PNG,
                                Map.of("width", chart.getWidth(), "height", chart.getHeight()));
                    }
                    // a stable description rather than Object.toString's hash code, so that
                    // re-running a notebook gives the same text output
                    context.getOutputContainer().putText(Displays.describe(chart));
                });

        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) ->
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> Displays.tableHtml(table)));

        // System.out.printf(...) returns the stream itself: a cell ending with it would show
        // "java.io.PrintStream@1b6d3586" under the printed text. Show nothing instead.
        renderer.createRegistration(PrintStream.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((stream, context) -> context.getOutputContainer().putText(""));

        // A picture lists the formats it has; all of them go to the notebook, which shows the
        // richest it can (interactive HTML in JupyterLab, the PNG where HTML is not shown).
        renderer.createRegistration(Displayable.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((picture, context) ->
                        picture.mimeBundle().forEach((type, content) ->
                                context.getOutputContainer().putData(type, content)));
    }
}
