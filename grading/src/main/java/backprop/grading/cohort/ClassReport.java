package backprop.grading.cohort;

import static backprop.grading.cohort.Feedback.h;

import backprop.display.Displays;
import backprop.grading.Status;
import backprop.grading.Visibility;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The class report for the instructor: one self-contained HTML file (the charts are inside it)
 * that shows at a glance where the class struggles.
 *
 * <ul>
 *   <li>The hardest tasks first: the share of students who pass every test of the task, with the
 *       task's title, so that "4.2 BP2, the error of an earlier layer: 38 %" stands out.</li>
 *   <li>A histogram of the scores.</li>
 *   <li>The pass rate of every task and of every test, drawn with XChart.</li>
 *   <li>The most common failure messages of each task: the same mistake made by many students
 *       shows as one message with a count (numbers are blanked out, so that "expected 0.25, got
 *       0.5" and "expected 0.1, got 0.2" count as one).</li>
 *   <li>The submissions that could not be graded, and why.</li>
 * </ul>
 * Only submissions that were graded count in the rates.
 */
public final class ClassReport {

    /** The report's file name in an output folder. */
    public static final String FILE = "class-report.html";

    private static final Color BAR = new Color(0x0072B2), HARD = new Color(0xD55E00);

    private ClassReport() {}

    /** A task's or a test's pass rate among graded students. */
    record Rate(String key, String label, int passed, int graded) {
        double percent() {
            return graded == 0 ? 0 : 100.0 * passed / graded;
        }
    }

    /** Writes {@code class-report.html} into {@code folder}; returns the file. */
    public static Path write(List<StudentResult> results, Assignment assignment, Path folder, String title) {
        Path file = folder.resolve(FILE);
        try {
            Files.writeString(file, html(results, assignment, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /** The pass rate of every task: the share of graded students who pass all its tests. */
    static List<Rate> taskRates(List<StudentResult> results, Assignment assignment) {
        List<StudentResult> graded = results.stream().filter(StudentResult::wasGraded).toList();
        List<Rate> rates = new ArrayList<>();
        for (String task : assignment.tasks()) {
            int passed = (int) graded.stream().filter(r -> r.score(task) == assignment.points(task)).count();
            rates.add(new Rate(task, assignment.label(task), passed, graded.size()));
        }
        return rates;
    }

    /** The pass rate of every test. */
    static List<Rate> testRates(List<StudentResult> results, Assignment assignment) {
        List<Rate> rates = new ArrayList<>();
        Map<String, Integer> perTask = new LinkedHashMap<>();
        for (Assignment.Test test : assignment.tests()) {
            int n = perTask.merge(test.task(), 1, Integer::sum);
            int passed = 0, graded = 0;
            for (StudentResult r : results) {
                for (StudentResult.TestRow row : r.tests()) {
                    if (row.id().equals(test.id())) {
                        graded++;
                        if (row.status() == Status.PASSED) passed++;
                    }
                }
            }
            rates.add(new Rate(test.task() + (char) ('a' + n - 1), test.name(), passed, graded));
        }
        return rates;
    }

    /** A failure message with its numbers blanked out, so that the same mistake counts once. */
    static String pattern(String message) {
        String first = message.strip().lines().findFirst().orElse("");
        first = first.replaceAll("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?", "#");
        return first.length() <= 220 ? first : first.substring(0, 219) + "…";
    }

    /** How often each failure pattern occurs in a task, most frequent first. */
    static List<Map.Entry<String, Integer>> commonFailures(List<StudentResult> results, String task) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (StudentResult r : results) {
            for (StudentResult.TestRow row : r.tests()) {
                if (row.task().equals(task) && row.status() != Status.PASSED) {
                    counts.merge(row.status().label() + ": " + pattern(row.message()), 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return sorted;
    }

    /** The isolations the graded students' code ran in, with how many students each when there are several. */
    static String isolations(List<StudentResult> graded) {
        Map<String, Long> count = graded.stream().collect(Collectors.groupingBy(r -> r.isolation().isEmpty() ? "unknown"
                : r.isolation(), TreeMap::new, Collectors.counting()));
        if (count.isEmpty()) return "none ran";
        if (count.size() == 1) return count.keySet().iterator().next();
        return count.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " students)").collect(Collectors.joining("; "));
    }

    static String html(List<StudentResult> results, Assignment assignment, String title) {
        List<StudentResult> graded = results.stream().filter(StudentResult::wasGraded).toList();
        List<StudentResult> notGraded = results.stream().filter(r -> !r.wasGraded()).toList();
        List<Rate> tasks = taskRates(results, assignment), tests = testRates(results, assignment);
        List<Rate> hardest = tasks.stream().filter(r -> r.graded() > 0).sorted(Comparator.comparingDouble(Rate::percent)
                .thenComparing(Rate::key)).limit(5).toList();
        var out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(h(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>").append(h(title)).append("</h1>\n");
        double[] totals = graded.stream().mapToDouble(StudentResult::score).sorted().toArray();
        out.append(String.format(Locale.ROOT, "<p class=\"lead\">%d students: %d graded, %d not graded. ", results.size(),
                graded.size(), notGraded.size()));
        if (totals.length > 0) {
            out.append(String.format(Locale.ROOT, "Median score %.0f of %d, mean %.1f. ", median(totals), assignment.maxScore(),
                    java.util.Arrays.stream(totals).average().orElse(0)));
        }
        out.append("Graded on ").append(h(assignment.selection())).append(" (").append(assignment.tests().size())
                .append(" tests, ").append(assignment.maxScore()).append(" points).</p>\n");
        out.append("<p>Student code ran in isolation: ").append(h(isolations(graded))).append(".</p>\n");

        out.append("<h2>Where the class struggles</h2>\n<table><tr><th>task</th><th>students who pass all its tests</th>"
                + "<th>average points</th></tr>\n");
        for (Rate r : hardest) {
            double average = graded.stream().mapToInt(s -> s.score(r.key())).average().orElse(0);
            out.append("<tr><td>").append(h(r.label())).append("</td><td>").append(bar(r)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f of %d", average, assignment.points(r.key()))).append("</td></tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Scores</h2>\n").append(image(histogram(graded, assignment)));
        out.append("<h2>Pass rate of every task</h2>\n").append(image(taskChart(tasks, hardest)));
        out.append("<h2>Pass rate of every test</h2>\n").append(image(testChart(tests)));
        out.append("<table><tr><th>test</th><th>what it checks</th><th>who sees it</th><th>pass rate</th></tr>\n");
        for (int i = 0; i < tests.size(); i++) {
            Rate r = tests.get(i);
            Visibility v = assignment.tests().get(i).visibility();
            out.append("<tr><td>").append(h(r.key())).append("</td><td>").append(h(r.label())).append("</td><td>")
                    .append(v.gradescopeName().replace('_', ' ')).append("</td><td>").append(bar(r)).append("</td></tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Most common failures, task by task</h2>\n");
        for (String task : assignment.tasks()) {
            List<Map.Entry<String, Integer>> failures = commonFailures(results, task);
            if (failures.isEmpty()) continue;
            out.append("<h3>").append(h(assignment.label(task))).append("</h3>\n<table><tr><th>times</th><th>failure</th></tr>\n");
            for (Map.Entry<String, Integer> f : failures.subList(0, Math.min(3, failures.size()))) {
                out.append("<tr><td>").append(f.getValue()).append("</td><td><code>").append(h(f.getKey())).append("</code></td></tr>\n");
            }
            out.append("</table>\n");
        }

        if (!notGraded.isEmpty()) {
            out.append("<h2>Not graded</h2>\n<table><tr><th>student</th><th>why</th></tr>\n");
            for (StudentResult r : notGraded) {
                out.append("<tr><td>").append(h(r.student())).append("</td><td>").append(h(r.error())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static CategoryChart histogram(List<StudentResult> graded, Assignment assignment) {
        List<String> bins = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b <= 10; b++) {
            bins.add(b == 10 ? "100" : (b * 10) + "–" + (b * 10 + 9));
            counts.add(0);
        }
        for (StudentResult r : graded) {
            int percent = assignment.maxScore() == 0 ? 100 : (int) Math.floor(100.0 * r.score() / assignment.maxScore());
            int bin = Math.min(10, percent / 10);
            counts.set(bin, counts.get(bin) + 1);
        }
        CategoryChart chart = chart("Students by score", "score (% of the points)", "students", 760, 360);
        chart.addSeries("students", bins, counts).setFillColor(BAR);
        return chart;
    }

    private static CategoryChart taskChart(List<Rate> tasks, List<Rate> hardest) {
        CategoryChart chart = chart("Students who pass every test of the task", "task", "% of graded students",
                Math.max(640, 40 * tasks.size() + 160), 380);
        List<String> keys = tasks.stream().map(Rate::key).toList();
        List<Double> all = new ArrayList<>(), hard = new ArrayList<>();
        for (Rate r : tasks) {
            boolean isHard = hardest.stream().anyMatch(x -> x.key().equals(r.key()));
            all.add(isHard ? 0.0 : r.percent());
            hard.add(isHard ? r.percent() : 0.0);
        }
        chart.getStyler().setOverlapped(true);
        chart.addSeries("task", keys, all).setFillColor(BAR);
        chart.addSeries("hardest", keys, hard).setFillColor(HARD);
        chart.getStyler().setYAxisMax(100.0);
        return chart;
    }

    private static CategoryChart testChart(List<Rate> tests) {
        CategoryChart chart = chart("Students who pass each test", "test (task and letter, as in the table below)",
                "% of graded students", Math.max(640, 22 * tests.size() + 160), 400);
        chart.addSeries("test", tests.stream().map(Rate::key).toList(), tests.stream().map(Rate::percent).toList()).setFillColor(BAR);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setXAxisLabelRotation(90);
        return chart;
    }

    private static CategoryChart chart(String title, String x, String y, int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setAxisTicksLineVisible(false);
        return chart;
    }

    private static String image(Chart<?, ?> chart) {
        // each chart is a picture of its own (its SVG ids cannot clash with another chart's)
        String svg = Displays.chartSvg(chart);
        return "<p><img alt=\"" + h(chart.getTitle()) + "\" src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)) + "\"></p>\n";
    }

    private static String bar(Rate r) {
        return String.format(Locale.ROOT, "<span class=\"bar\"><span style=\"width:%.0f%%\"></span></span> %.0f %% (%d of %d)",
                r.percent(), r.percent(), r.passed(), r.graded());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;"
            + "color:#222;line-height:1.4}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;"
            + "padding:.2rem .6rem;text-align:left;vertical-align:top}.lead{font-size:1.1rem}img{max-width:100%}"
            + ".bar{display:inline-block;width:8rem;height:.7rem;background:#eee;vertical-align:middle}"
            + ".bar span{display:block;height:100%;background:#0072B2}code{white-space:pre-wrap}";
}
