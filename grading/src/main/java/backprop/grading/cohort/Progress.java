package backprop.grading.cohort;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with an estimate of the time left, for a terminal:
 *
 * <pre>
 * [##########··········]  96/200  48 %  1.9 per s  about 55 s left  (3 not graded)
 * </pre>
 *
 * <p>The estimate counts only the submissions graded in this run (the ones a resumed run skips
 * cost nothing), at the pace so far. Into a file or a CI log, where a bar that redraws itself
 * would be noise, it writes a plain line at every tenth of the way instead.
 */
final class Progress {

    private final int total;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int done, graded, skipped, failed, lastTenth = -1;

    Progress(int total, PrintStream out, boolean terminal) {
        this.total = total;
        this.out = out;
        this.terminal = terminal;
    }

    /** One more student done: graded now, skipped (graded before), or not graded (an error). */
    synchronized void step(boolean wasSkipped, boolean wasFailed) {
        done++;
        if (wasSkipped) skipped++;
        else if (wasFailed) failed++;
        else graded++;
        int tenth = total == 0 ? 10 : done * 10 / total;
        if (terminal) {
            out.print("\r" + line());
            if (done == total) out.println();
        } else if (tenth != lastTenth) {
            lastTenth = tenth;
            out.println(line());
        }
        out.flush();
    }

    synchronized String line() {
        int width = 20, filled = total == 0 ? width : done * width / total;
        double seconds = (System.nanoTime() - start) / 1e9;
        var line = new StringBuilder("[").append("#".repeat(filled)).append("·".repeat(width - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d/%d %3.0f %%", done, total, total == 0 ? 100.0 : 100.0 * done / total));
        if (graded > 0) {
            // skipped and unreadable submissions take no time: the pace is that of real grading
            double perSecond = graded / seconds;
            line.append(String.format(Locale.ROOT, "  %.1f per s", perSecond));
            if (done < total) line.append("  about ").append(duration((total - done) / perSecond)).append(" left");
        }
        if (skipped > 0) line.append("  (").append(skipped).append(" done before)");
        if (failed > 0) line.append("  (").append(failed).append(" not graded)");
        return line.append("   ").toString();
    }

    /** "55 s", "3 min 20 s". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
