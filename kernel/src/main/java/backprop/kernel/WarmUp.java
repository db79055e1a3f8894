package backprop.kernel;

import backprop.display.Displays;
import backprop.graph.Value;
import backprop.plot.ChartStyle;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * Gets the kernel ready for a notebook's first cells while the student is still reading its
 * first paragraphs: loads and initialises what nearly every notebook needs soon, on a background
 * thread, so that it is not waited for later.
 *
 * <p>A fresh Java kernel is slow at three things the first time only: drawing the first chart
 * (Java2D, the fonts and the PNG encoder load, about a second), reading the first table, and
 * compiling (JShell compiles every cell with javac, whose classes load and warm up on first use).
 * Doing each once here, on a thread that the notebook does not wait for, moves that cost to a
 * moment when the processor is idle, or onto the machine's second core. Nothing here changes what
 * any cell computes or shows: the warm-up draws into an image that is thrown away.
 */
final class WarmUp {

    private WarmUp() {}

    /**
     * Starts the warm-up on a low-priority daemon thread, which the kernel never waits for.
     * {@code -Dbackprop.kernel.warmUp=false} turns it off (to measure what it saves).
     */
    static void start() {
        if (!Boolean.parseBoolean(System.getProperty("backprop.kernel.warmUp", "true"))) return;
        Thread thread = new Thread(WarmUp::run, "backprop-warm-up");
        thread.setDaemon(true);                    // never keeps the kernel from shutting down
        thread.setPriority(Thread.MIN_PRIORITY);   // the student's cells come first
        thread.start();
    }

    private static void run() {
        try {
            compileAClass();      // first: every cell is compiled, from the very first one
            drawAChart();
            showATable();
            computeAGradient();
        } catch (Throwable ignored) {
            // A warm-up that fails costs nothing but the time it saved: the first real use of
            // the same thing does the work then, and reports any problem to the student.
        }
    }

    /** Java2D, the fonts, the PNG encoder and XChart's classes: the first chart's cost. */
    private static void drawAChart() {
        XYChart chart = ChartStyle.xyChart("warm-up", "x", "y");
        chart.addSeries("y = x²", new double[] {0, 1, 2}, new double[] {0, 1, 4});
        Displays.chartPng(chart);
    }

    /** tablesaw's classes, its CSV reader and the HTML a table cell shows. */
    private static void showATable() {
        Displays.tableHtml(Table.read().csv(new StringReader("x,y\n1,2\n3,4\n")));
    }

    /** The course library's expression graph: loaded by the notebooks' first examples. */
    private static void computeAGradient() {
        Value x = new Value(3, "x");
        x.times(x).plus(x).backward();
    }

    /**
     * javac's classes, which JShell shares: the first cell and the first exercise check compile
     * with them. The source is compiled in memory; no file is written.
     */
    private static void compileAClass() throws IOException {
        var javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) return;
        var source = new SimpleJavaFileObject(URI.create("string:///WarmUp.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return "class WarmUp { double square(double x) { return x * x; } }";
            }
        };
        // -proc:none: no annotation processing; analysing (not generating) loads the compiler's core
        var task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, List.of(source));
        task.analyze();
    }
}
