package backprop.grading;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The graded tests under a test source folder, read from the sources' {@code @Graded}
 * annotations without compiling anything.
 *
 * <p>Reading the annotations from the parsed sources rather than from compiled classes is what
 * keeps a report complete when a student's code does not compile: the grader knows every task
 * and every point at stake before it compiles a line of the student's code.
 *
 * <p>It also enforces the rules that keep grading honest: every value of {@code @Graded} is a
 * literal, task numbers look like {@code 4.2}, points are at least 1, a graded method takes no
 * parameters and is not disabled, every {@code @Test} is graded, graded tests sit in top-level
 * classes, and a file holds either only visible tests or none (visible tests are copied to the
 * students, the others must not be).
 */
public final class Catalogue {

    /**
     * A test source file and the graded tests in it.
     *
     * @param classes the top-level classes it declares (binary names), graded or helpers
     */
    public record TestFile(Path path, String packageName, List<GradedTest> tests, List<String> classes) {
        /** Whether the release tool may copy this file to the students: no test in it is hidden. */
        public boolean studentVisible() {
            return tests.stream().allMatch(t -> t.visibility() == Visibility.VISIBLE);
        }
    }

    private static final Pattern TASK = Pattern.compile("[1-9][0-9]*\\.[1-9][0-9]*");
    private static final Set<String> GRADED = Set.of("Graded", "backprop.grading.Graded");
    private static final Set<String> TEST = Set.of("Test", "org.junit.jupiter.api.Test");
    private static final Set<String> NOT_ALLOWED = Set.of("Disabled", "org.junit.jupiter.api.Disabled",
            "ParameterizedTest", "org.junit.jupiter.params.ParameterizedTest", "RepeatedTest",
            "org.junit.jupiter.api.RepeatedTest", "TestFactory", "org.junit.jupiter.api.TestFactory");

    private final Path root;
    private final List<TestFile> files;

    private Catalogue(Path root, List<TestFile> files) {
        this.root = root;
        this.files = files;
    }

    /**
     * Reads every {@code .java} file under {@code root}.
     *
     * @throws IllegalArgumentException naming the file and line of the first broken rule
     */
    public static Catalogue read(Path root) {
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no test folder at " + root);
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the tests under " + root, e);
        }
        List<TestFile> files = new ArrayList<>();
        if (!sources.isEmpty()) {
            JavaCompiler javac = javac();
            var diagnostics = new DiagnosticCollector<JavaFileObject>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                var units = fm.getJavaFileObjectsFromPaths(sources);
                var task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null, units);
                Iterable<? extends CompilationUnitTree> trees = task.parse();
                for (var d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                        throw new IllegalArgumentException("test file " + d.getSource().getName() + " line "
                                + d.getLineNumber() + " does not parse: " + d.getMessage(Locale.ROOT));
                    }
                }
                SourcePositions positions = Trees.instance(task).getSourcePositions();
                for (CompilationUnitTree unit : trees) {
                    files.add(readFile(unit, positions, Path.of(unit.getSourceFile().toUri()).toAbsolutePath().normalize()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the tests under " + root, e);
            }
        }
        var catalogue = new Catalogue(root, List.copyOf(files));
        catalogue.checkUnique();
        return catalogue;
    }

    /** The JDK's compiler; a plain runtime (JRE) has none. */
    static JavaCompiler javac() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("grading needs a JDK (with javac), but " + System.getProperty("java.home")
                    + " is a runtime without the compiler; set JAVA_HOME to a JDK 17 or newer");
        }
        return javac;
    }

    private static TestFile readFile(CompilationUnitTree unit, SourcePositions positions, Path path) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        List<GradedTest> tests = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree cls) {
                String className = pkg.isEmpty() ? cls.getSimpleName().toString() : pkg + "." + cls.getSimpleName();
                classes.add(className);
                readClass(unit, positions, path, cls, className, true, tests);
            }
        }
        boolean anyVisible = tests.stream().anyMatch(t -> t.visibility() == Visibility.VISIBLE);
        boolean anyOther = tests.stream().anyMatch(t -> t.visibility() != Visibility.VISIBLE);
        if (anyVisible && anyOther) {
            throw new IllegalArgumentException(path + " mixes visible tests with hidden ones: put the "
                    + "non-visible tests in a file of their own (e.g. …HiddenTest.java), because visible "
                    + "test files are copied to the students and the others must not be");
        }
        return new TestFile(path, pkg, List.copyOf(tests), List.copyOf(classes));
    }

    private static void readClass(CompilationUnitTree unit, SourcePositions positions, Path path, ClassTree cls,
                                  String className, boolean topLevel, List<GradedTest> into) {
        for (Tree member : cls.getMembers()) {
            if (member instanceof ClassTree nested) {
                readClass(unit, positions, path, nested, className + "$" + nested.getSimpleName(), false, into);
            } else if (member instanceof MethodTree method) {
                int line = line(unit, positions, method);
                String where = path + " line " + line + ", " + method.getName() + "()";
                AnnotationTree graded = null;
                boolean test = false;
                for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
                    String type = annotation.getAnnotationType().toString();
                    if (GRADED.contains(type)) graded = annotation;
                    if (TEST.contains(type)) test = true;
                    if (NOT_ALLOWED.contains(type)) {
                        throw new IllegalArgumentException(where + ": @" + type + " is not allowed on a graded test "
                                + "class's methods; each graded test is one plain method that runs once");
                    }
                }
                if (graded == null) {
                    if (test) {
                        throw new IllegalArgumentException(where + " is a @Test without @Graded: every test of the "
                                + "exercises is graded (give it a task, a name and points), or it belongs elsewhere");
                    }
                    continue;
                }
                if (!topLevel) {
                    throw new IllegalArgumentException(where + ": graded tests must be methods of a top-level class");
                }
                if (!method.getParameters().isEmpty()) {
                    throw new IllegalArgumentException(where + ": a graded test takes no parameters");
                }
                into.add(readGraded(graded, where, className, method.getName().toString(), path, line));
            }
        }
    }

    private static GradedTest readGraded(AnnotationTree annotation, String where, String className, String method,
                                         Path path, int line) {
        Map<String, ExpressionTree> values = new HashMap<>();
        for (ExpressionTree argument : annotation.getArguments()) {
            if (!(argument instanceof AssignmentTree assignment)) {
                throw new IllegalArgumentException(where + ": write @Graded(task = \"…\", name = \"…\", points = …)");
            }
            values.put(assignment.getVariable().toString(), assignment.getExpression());
        }
        String task = string(values, "task", where);
        if (!TASK.matcher(task).matches()) {
            throw new IllegalArgumentException(where + ": task \"" + task + "\" is not a task number such as \"4.2\"");
        }
        String name = string(values, "name", where);
        if (name.isBlank()) throw new IllegalArgumentException(where + ": the test needs a name");
        int points = integer(values, "points", where, null);
        if (points < 1) throw new IllegalArgumentException(where + ": points must be at least 1, got " + points);
        int timeout = integer(values, "timeoutSeconds", where, 0);
        if (timeout < 0) throw new IllegalArgumentException(where + ": timeoutSeconds must be ≥ 0, got " + timeout);
        Visibility visibility = Visibility.VISIBLE;
        ExpressionTree v = values.get("visibility");
        if (v != null) {
            String constant = v instanceof MemberSelectTree select ? select.getIdentifier().toString()
                    : v instanceof IdentifierTree id ? id.getName().toString() : null;
            try {
                visibility = Visibility.valueOf(String.valueOf(constant));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": visibility must be one of Visibility.VISIBLE, HIDDEN, "
                        + "AFTER_DUE_DATE, AFTER_PUBLISHED, got " + v);
            }
        }
        return new GradedTest(className, method, task, name, points, visibility, timeout, path, line);
    }

    private static String string(Map<String, ExpressionTree> values, String key, String where) {
        ExpressionTree e = values.get(key);
        if (e instanceof LiteralTree literal && literal.getValue() instanceof String s) return s;
        throw new IllegalArgumentException(where + ": @Graded needs " + key + " = \"…\" as a string literal"
                + (e == null ? "" : ", got " + e));
    }

    private static int integer(Map<String, ExpressionTree> values, String key, String where, Integer fallback) {
        ExpressionTree e = values.get(key);
        if (e == null && fallback != null) return fallback;
        if (e instanceof LiteralTree literal && literal.getValue() instanceof Integer i) return i;
        throw new IllegalArgumentException(where + ": @Graded needs " + key + " = … as an integer literal"
                + (e == null ? "" : ", got " + e));
    }

    private static int line(CompilationUnitTree unit, SourcePositions positions, Tree tree) {
        return (int) unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
    }

    private void checkUnique() {
        Map<String, GradedTest> seen = new HashMap<>();
        for (GradedTest t : tests()) {
            GradedTest before = seen.put(t.id(), t);
            if (before != null) {
                throw new IllegalArgumentException("two graded tests are called " + t.id() + " (" + before.file() + " and " + t.file() + ")");
            }
        }
    }

    /** The folder the tests were read from. */
    public Path root() {
        return root;
    }

    /** Every test file, in path order. */
    public List<TestFile> files() {
        return files;
    }

    /** Every graded test, ordered by task, then file, then position in the file. */
    public List<GradedTest> tests() {
        return files.stream().flatMap(f -> f.tests().stream())
                .sorted(Comparator.<GradedTest, String>comparing(GradedTest::task, GradedTest::compareTasks)
                        .thenComparing(GradedTest::visibility)
                        .thenComparing(t -> t.file().toString()).thenComparingInt(GradedTest::line))
                .collect(Collectors.toList());
    }

    /** Every top-level class the test sources declare (binary names): names a submission may not take. */
    public java.util.Set<String> classes() {
        return files.stream().flatMap(f -> f.classes().stream()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The task numbers, in order. */
    public List<String> tasks() {
        return tests().stream().map(GradedTest::task).distinct().collect(Collectors.toList());
    }

    /** The file a test class is in. */
    TestFile fileOf(GradedTest test) {
        return files.stream().filter(f -> f.tests().contains(test)).findFirst().orElseThrow();
    }
}
