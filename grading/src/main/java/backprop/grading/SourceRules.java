package backprop.grading;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * What a submitted source file must be before it is compiled: exercise code, in the package its
 * folder stands for, that does not pose as one of the tests. Decided from javac's parse tree, so
 * a {@code package} line inside a comment, or one hidden in a {@code \u000a} escape, counts for
 * exactly what the compiler makes of it.
 *
 * <pre>{@code
 * var rules = new SourceRules(codeRoot, Set.of("exercises.ch4"), Set.of("exercises.ch4.FourEquationsTest"));
 * JavaCompilation.compile(files, classpath, out, display, true, rules);
 * // exercises/ch4/TestProcess.java declaring "package backprop.grading;" is set aside with:
 * // "line 3 declares package backprop.grading, but the files in exercises/ch4/ belong to package exercises.ch4"
 * }</pre>
 */
final class SourceRules {

    private final Path root;
    private final Set<String> packages;
    private final Set<String> testClasses;

    /**
     * @param root        the code's source root
     * @param packages    the exercise packages being graded
     * @param testClasses the tests' top-level classes (binary names): no submitted type may take one of their names
     */
    SourceRules(Path root, Set<String> packages, Set<String> testClasses) {
        this.root = root;
        this.packages = Set.copyOf(packages);
        this.testClasses = Set.copyOf(testClasses);
    }

    /** Why a parsed file may not be compiled; empty when it may. */
    List<String> problems(CompilationUnitTree unit, Path file, SourcePositions positions) {
        List<String> problems = new ArrayList<>();
        if (!file.startsWith(root)) return problems;   // a test compiled alongside: the instructor's
        Path relative = root.relativize(file.getParent());
        String expected = relative.toString().replace('\\', '/').replace('/', '.');
        String folder = relative.toString().replace('\\', '/') + "/";
        if (unit.getModule() != null) {
            problems.add("a module declaration is not exercise code");
            return problems;
        }
        String declared = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        if (!packages.contains(expected)) {
            problems.add("the files in " + folder + " are not exercise code being graded");
        } else if (declared.isEmpty()) {
            problems.add("it declares no package, but the files in " + folder + " belong to package " + expected);
        } else if (!declared.equals(expected)) {
            long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, unit.getPackage()));
            problems.add("line " + line + " declares package " + declared + ", but the files in " + folder
                    + " belong to package " + expected + ": only exercise code is graded, in its own package");
        }
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree cls) {
                String name = declared.isEmpty() ? cls.getSimpleName().toString() : declared + "." + cls.getSimpleName();
                if (testClasses.contains(name)) {
                    problems.add("it declares " + cls.getSimpleName() + ", the name of one of the tests' classes");
                }
            }
        }
        return problems;
    }

    /**
     * The package each file declares, from javac's parse tree (no compilation): how a submission
     * in an unknown layout is sorted into place. A file that does not parse maps to nothing.
     */
    static Map<Path, String> declaredPackages(List<Path> files) {
        Map<Path, String> packages = new HashMap<>();
        if (files.isEmpty()) return packages;
        var javac = Catalogue.javac();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            var task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null, fm.getJavaFileObjectsFromPaths(files));
            Set<Path> unparsable = new java.util.HashSet<>();
            Iterable<? extends CompilationUnitTree> units = task.parse();
            for (var d : diagnostics.getDiagnostics()) {
                if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR && d.getSource() != null) {
                    unparsable.add(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
                }
            }
            for (CompilationUnitTree unit : units) {
                Path file = Path.of(unit.getSourceFile().toUri()).toAbsolutePath().normalize();
                if (!unparsable.contains(file) && unit.getModule() == null) {
                    packages.put(file, unit.getPackageName() == null ? "" : unit.getPackageName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the submitted files", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a file javac cannot even open (not text): it declares nothing
        }
        return packages;
    }
}
