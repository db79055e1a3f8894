package backprop.grading.cohort;

import backprop.grading.Catalogue;
import backprop.grading.GradedTest;
import backprop.grading.Visibility;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a class is graded on: the graded tests (by task, with their points), each task's title,
 * and a fingerprint of the tests and settings. Every output folder keeps a copy
 * ({@code assignment.properties}), so that shards can be checked against each other before
 * they are merged and a resumed run can tell whether the tests changed.
 *
 * @param tests     the graded tests selected, in catalogue order
 * @param titles    each task's title, from the starter code's Javadoc ({@code <b>Exercise 4.2: BP2, …</b>})
 * @param selection what was selected ("all tasks", "chapter 4")
 * @param config    a hash of the test sources, the selection and the grader's settings
 */
public record Assignment(List<Test> tests, Map<String, String> titles, String selection, String config) {

    /** The file every output folder keeps. */
    static final String FILE = "assignment.properties";

    /**
     * One graded test, as the gradebook and the report need it.
     *
     * @param file the test's source file, relative to the test folder ({@code exercises/ch4/FourEquationsTest.java})
     * @param line the line of its {@code @Graded} annotation
     */
    public record Test(String id, String task, String name, int points, Visibility visibility, String file, int line) {}

    public Assignment {
        tests = List.copyOf(tests);
        titles = Map.copyOf(titles);
    }

    /**
     * Reads the tests under {@code testSources}, keeps those {@code selection} picks, and the task
     * titles from the starter code.
     *
     * @param settings the grader's settings that change results (time limit, heap): part of the fingerprint
     */
    static Assignment read(Path testSources, Predicate<GradedTest> selection, String label, Path starter, String settings) {
        Catalogue catalogue = Catalogue.read(testSources);
        List<Test> tests = new ArrayList<>();
        for (GradedTest t : catalogue.tests()) {
            if (selection.test(t)) {
                String file = testSources.toAbsolutePath().normalize().relativize(t.file()).toString().replace('\\', '/');
                tests.add(new Test(t.id(), t.task(), t.name(), t.points(), t.visibility(), file, t.line()));
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no graded test matches " + label + " in " + testSources + "; the tasks are "
                    + String.join(", ", catalogue.tasks()));
        }
        var digest = new StringBuilder(label).append('\n').append(settings).append('\n');
        try (Stream<Path> walk = Files.walk(testSources)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                digest.append(testSources.relativize(p)).append('\0')
                        .append(HexFormat.of().formatHex(Intake.sha256(Files.readAllBytes(p)))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the tests in " + testSources, e);
        }
        return new Assignment(tests, titles(starter), label, Intake.fingerprint(digest.toString()));
    }

    /** The test with this id, or null. */
    public Test test(String id) {
        return tests.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /** The tasks, in order. */
    public List<String> tasks() {
        return tests.stream().map(Test::task).distinct().toList();
    }

    /** The chapters, in order. */
    public List<Integer> chapters() {
        return new ArrayList<>(new LinkedHashSet<>(tasks().stream().map(Assignment::chapter).toList()));
    }

    /** What a task is worth. */
    public int points(String task) {
        return tests.stream().filter(t -> t.task().equals(task)).mapToInt(Test::points).sum();
    }

    /** What the whole assignment is worth. */
    public int maxScore() {
        return tests.stream().mapToInt(Test::points).sum();
    }

    /** "4.2 BP2, the error of an earlier layer", or "4.2" when the starter code gives no title. */
    public String label(String task) {
        String title = titles.get(task);
        return title == null ? task : task + " " + title;
    }

    static int chapter(String task) {
        return Integer.parseInt(task.substring(0, task.indexOf('.')));
    }

    // ------------------------------------------------------------------ task titles

    private static final Pattern BOLD_TITLE = Pattern.compile(
            "<b>\\s*Exercise\\s+([0-9]+\\.[0-9]+)\\s*(?:\\(part [0-9]+\\))?\\s*:\\s*(.*?)</b>", Pattern.DOTALL);

    /**
     * Each task's title from the starter code's Javadoc, {@code <b>Exercise 4.2: BP2, the error of
     * an earlier layer</b>}; a task in parts ({@code <b>Exercise 2.1 (part 1): add</b>}) joins them:
     * "add and multiply".
     */
    static Map<String, String> titles(Path starter) {
        Map<String, String> titles = new LinkedHashMap<>();
        if (starter == null || !Files.isDirectory(starter)) return titles;
        try (Stream<Path> walk = Files.walk(starter)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = BOLD_TITLE.matcher(Files.readString(p, StandardCharsets.UTF_8));
                while (m.find()) {
                    String title = m.group(2).replaceAll("\\s*\\n\\s*\\*?\\s*", " ").replaceAll("<[^>]+>", "").strip();
                    if (title.endsWith(".")) title = title.substring(0, title.length() - 1);
                    titles.merge(m.group(1), title, (a, b) -> a + " and " + b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the starter code in " + starter, e);
        }
        return titles;
    }

    // ------------------------------------------------------------------ on disk

    void write(Path folder) {
        Properties p = new Properties();
        p.setProperty("selection", selection);
        p.setProperty("config", config);
        p.setProperty("tests", Integer.toString(tests.size()));
        for (int i = 0; i < tests.size(); i++) {
            Test t = tests.get(i);
            p.setProperty("test." + i + ".id", t.id());
            p.setProperty("test." + i + ".task", t.task());
            p.setProperty("test." + i + ".name", t.name());
            p.setProperty("test." + i + ".points", Integer.toString(t.points()));
            p.setProperty("test." + i + ".visibility", t.visibility().name());
            p.setProperty("test." + i + ".file", t.file());
            p.setProperty("test." + i + ".line", Integer.toString(t.line()));
        }
        titles.forEach((task, title) -> p.setProperty("title." + task, title));
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(folder.resolve(FILE), StandardCharsets.UTF_8)) {
                p.store(out, "what this class was graded on");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + folder.resolve(FILE), e);
        }
    }

    static Assignment read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " holds no " + FILE + ": it is not the output of ./course grade-class");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        List<Test> tests = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(p.getProperty("tests", "0")); i++) {
            tests.add(new Test(p.getProperty("test." + i + ".id"), p.getProperty("test." + i + ".task"),
                    p.getProperty("test." + i + ".name"), Integer.parseInt(p.getProperty("test." + i + ".points")),
                    Visibility.valueOf(p.getProperty("test." + i + ".visibility")), p.getProperty("test." + i + ".file", ""),
                    Integer.parseInt(p.getProperty("test." + i + ".line", "0"))));
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("title.")) titles.put(key.substring("title.".length()), p.getProperty(key));
        }
        return new Assignment(tests, titles, p.getProperty("selection", ""), p.getProperty("config", ""));
    }
}
