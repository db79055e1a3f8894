package backprop.bench;

import backprop.grading.Check;
import backprop.grading.Grader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long grading takes, as a student or an instructor sees it, and what its defences cost.
 *
 * <ul>
 *   <li>{@code grade-all}: {@code ./course grade --solutions} end to end in a fresh JVM (compile
 *       all six chapters, check them, run all 56 graded tests in the strongest isolation the
 *       machine allows, write the reports), median of 3 after a warm-up run. The solutions are
 *       graded because every test then runs to its end (the starter code fails each test at once).
 *       {@code grade-all-no-isolation} is the same with {@code --isolation none}: the difference is
 *       what the sandbox costs. {@code grade-all-static-check} is the static check's own share.</li>
 *   <li>{@code grade-prepared}: one submission (the solutions) with a {@link Grader} prepared once
 *       (tests compiled against the starter code), as the class grader uses it; median of 5 after a
 *       warm-up, one at a time.</li>
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
        for (String isolation : List.of("auto", "none")) {
            List<Double> seconds = new ArrayList<>(), checks = new ArrayList<>();
            String inForce = "";
            for (int run = 0; run < 4; run++) {
                Run r = gradeOnce(kit, isolation);
                if (run > 0) {   // the first run warms the disk cache
                    seconds.add(r.seconds());
                    checks.add(r.staticCheck());
                }
                inForce = r.isolation();
            }
            if (isolation.equals("auto")) {
                System.out.println("# grade-all: isolation " + inForce);
                print("grade-all", median(seconds));
                print("grade-all-static-check", median(checks));
            } else {
                print("grade-all-no-isolation", median(seconds));
            }
        }
    }

    static void gradePrepared() {
        Path kit = kit();
        Path tests = kit.resolve(Files.isDirectory(kit.resolve("solutions")) ? "solutions/src/test/java" : "exercises/src/test/java");
        Path code = kit.resolve(Files.isDirectory(kit.resolve("solutions")) ? "solutions/src/main/java" : "exercises/src/main/java");
        var options = Grader.Options.of(tests).starter(kit.resolve("exercises/src/main/java"));
        try (Grader grader = Grader.prepare(options)) {
            List<Double> seconds = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                long start = System.nanoTime();
                grader.grade(code);
                if (run > 0) seconds.add((System.nanoTime() - start) / 1e9);
            }
            System.out.println("# grade-prepared: isolation " + grader.isolation().option());
            print("grade-prepared", median(seconds));
        }
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

    /** One grading: its wall time, the static check's share, and the isolation that was in force. */
    private record Run(double seconds, double staticCheck, String isolation) {}

    private static Run gradeOnce(Path kit, String isolation) {
        try {
            Path out = Files.createTempDirectory("bench-grading-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dbackprop.grading.timings=true", "-cp", System.getProperty("java.class.path"), "backprop.grading.Grade",
                    "--kit", kit.toString(), "--quiet", "--out", out.toString(), "--isolation", isolation));
            if (Files.isDirectory(kit.resolve("solutions"))) command.add("--solutions");   // a student's copy has none
            long start = System.nanoTime();
            Path log = out.resolve("log.txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("grading the solutions failed: see " + log);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double compiled = 0, checked = 0;
            String inForce = "";
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("[grading] compile ")) compiled = lap(line);
                if (line.startsWith("[grading] static check")) checked = lap(line);
                if (line.contains("(isolation: ")) inForce = line.substring(line.indexOf("(isolation: ") + 12, line.length() - 1);
            }
            return new Run(seconds, checked - compiled, inForce);
        } catch (IOException e) {
            throw new IllegalStateException("could not run the grader", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** "[grading] static check   1.23 s" → 1.23 */
    private static double lap(String line) {
        String[] words = line.trim().split("\\s+");
        return Double.parseDouble(words[words.length - 2]);
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
