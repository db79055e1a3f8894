package backprop.bench;

import backprop.grading.Check;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long grading takes, as a student or an instructor sees it.
 *
 * <ul>
 *   <li>{@code grade-all}: {@code ./course grade --solutions} end to end in a fresh JVM (compile
 *       all six chapters, run all 56 graded tests, write the reports), median of 3 after a
 *       warm-up run. The solutions are graded because every test then runs to its end (the
 *       starter code fails each test at once).</li>
 *   <li>{@code check-one-task}: {@code Check.task("4.2")} in a JVM that has already checked once,
 *       as in a notebook kernel (JShell keeps javac warm there), median of 5;
 *       {@code check-one-task-cold} is the very first call of a fresh JVM.</li>
 * </ul>
 * Targets: grade-all ≤ 15 s, check-one-task ≤ 3 s.
 */
final class GradingBench {

    private GradingBench() {}

    static void gradeAll() {
        Path kit = kit();
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            double s = gradeOnce(kit);
            if (run > 0) seconds.add(s);   // the first run warms the disk cache
        }
        print("grade-all", median(seconds));
    }

    static void checkOneTask() {
        long start = System.nanoTime();
        Check.task("4.2");
        print("check-one-task-cold", (System.nanoTime() - start) / 1e9);
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            start = System.nanoTime();
            Check.task("4.2");
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        print("check-one-task", median(seconds));
    }

    private static double gradeOnce(Path kit) {
        try {
            Path out = Files.createTempDirectory("bench-grading-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "backprop.grading.Grade",
                    "--kit", kit.toString(), "--quiet", "--out", out.toString()));
            if (Files.isDirectory(kit.resolve("solutions"))) command.add("--solutions");   // a student's copy has none
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("grading the solutions failed: see " + out.resolve("log.txt"));
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (IOException e) {
            throw new IllegalStateException("could not run the grader", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** $BACKPROP_KIT_HOME (./course bench sets it), else the nearest folder above with exercises/ and the course script. */
    private static Path kit() {
        String home = System.getenv("BACKPROP_KIT_HOME");
        if (home != null) return Path.of(home);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (new File(dir.toFile(), "exercises").isDirectory() && new File(dir.toFile(), "course").isFile()) return dir;
        }
        throw new IllegalStateException("cannot find the kit: set BACKPROP_KIT_HOME or run from inside it");
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(String name, double seconds) {
        System.out.println(String.format(Locale.ROOT, "bench %s %.2f s", name, seconds));
    }
}
