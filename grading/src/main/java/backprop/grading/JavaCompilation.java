package backprop.grading;

import com.sun.source.tree.CompilationUnitTree;
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
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles a set of Java files so that one broken file costs only itself and the files that
 * need it.
 *
 * <p>javac compiles all or nothing. So when a round has errors, the files with errors are set
 * aside and the rest compiled again, until a round succeeds (or nothing is left). A file that
 * only failed because it uses a broken one fails in the next round and is set aside then: what
 * is left compiles, and the grader can still run every test that needs only that.
 *
 * <p>Rules on the parsed source ({@link SourceRules}) run between javac's parsing and its
 * analysis, in the same javac task: a file they reject is set aside like a file with errors,
 * without parsing anything twice.
 */
final class JavaCompilation {

    /** At most this many error lines are kept per file. */
    private static final int ERRORS_PER_FILE = 5;

    /**
     * What compiled and what did not.
     *
     * @param output   the folder with the class files of everything that compiled
     * @param compiled the files that compiled
     * @param broken   each file that did not → its first errors, one line each (the rejected files among them)
     * @param rejected each file the source rules set aside → why
     */
    record Result(Path output, Set<Path> compiled, Map<Path, List<String>> broken, Map<Path, List<String>> rejected) {}

    /** File managers between compilations ({@link #borrowFileManager}); at most this many are kept. */
    private static final Deque<StandardJavaFileManager> IDLE_FILE_MANAGERS = new ConcurrentLinkedDeque<>();
    private static final int KEEP_FILE_MANAGERS = 8;

    private JavaCompilation() {}

    /**
     * @param sources   the files to compile
     * @param classpath what they compile against
     * @param output    an empty folder for the class files
     * @param display   how to name a file in error messages (e.g. relative to its source root)
     * @param isolate   whether to set broken files aside and try again; without, one round only
     */
    static Result compile(List<Path> sources, List<Path> classpath, Path output, Function<Path, String> display,
                          boolean isolate) {
        return compile(sources, classpath, output, display, isolate, null);
    }

    /**
     * As {@link #compile(List, List, Path, Function, boolean)}, with rules each parsed file must
     * pass before it is compiled.
     *
     * @param rules what each parsed file must be; null for no rules
     */
    static Result compile(List<Path> sources, List<Path> classpath, Path output, Function<Path, String> display,
                          boolean isolate, SourceRules rules) {
        JavaCompiler javac = Catalogue.javac();
        Set<Path> remaining = new LinkedHashSet<>(sources);
        Map<Path, List<String>> broken = new LinkedHashMap<>();
        Map<Path, List<String>> setAside = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            clean(output);
            var diagnostics = new DiagnosticCollector<JavaFileObject>();
            boolean ok;
            StandardJavaFileManager fm = borrowFileManager(javac);
            try {
                List<String> options = List.of("-d", output.toString(),
                        "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                        "-encoding", "UTF-8", "-g", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "500");
                var task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(remaining));
                if (rules == null) {
                    ok = task.call();
                } else {
                    Map<Path, List<String>> rejected = rejected(task.parse(), rules, Trees.instance(task).getSourcePositions(), diagnostics);
                    if (!rejected.isEmpty()) {
                        broken.putAll(rejected);
                        setAside.putAll(rejected);
                        remaining.removeAll(rejected.keySet());
                        continue;   // a fresh round without them
                    }
                    task.generate();
                    ok = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not compile into " + output, e);
            } finally {
                giveBack(fm);
            }
            if (ok) break;
            Map<Path, List<String>> errors = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
                if (file == null || !remaining.contains(file)) {
                    // not tied to one of our files (a classpath problem, say): nothing can compile
                    for (Path p : remaining) broken.put(p, List.of(d.getMessage(Locale.ROOT)));
                    remaining.clear();
                    break;
                }
                List<String> lines = errors.computeIfAbsent(file, f -> new ArrayList<>());
                if (lines.size() < ERRORS_PER_FILE) {
                    lines.add(display.apply(file) + ":" + d.getLineNumber() + ": " + firstLine(d.getMessage(Locale.ROOT)));
                }
            }
            if (errors.isEmpty() && !remaining.isEmpty()) {
                for (Path p : remaining) broken.put(p, List.of("javac failed without saying why"));
                remaining.clear();
            }
            for (var entry : errors.entrySet()) {
                broken.put(entry.getKey(), entry.getValue());
                remaining.remove(entry.getKey());
            }
            if (!isolate) {
                for (Path p : remaining) broken.putIfAbsent(p, List.of("not compiled: another file has errors"));
                remaining.clear();
            }
        }
        if (remaining.isEmpty()) clean(output);
        return new Result(output, Set.copyOf(remaining), broken, setAside);
    }

    /**
     * A file manager of javac's, kept from an earlier compilation when there is one. A file manager
     * indexes each jar of the classpath the first time it looks into one, and keeps the index: a
     * fresh one for each submission read the kit's 35 jars (some of thousands of classes) again
     * every time, about a third of what compiling a submission cost. One compilation at a time
     * uses a file manager; compilations on several threads take one each.
     */
    private static StandardJavaFileManager borrowFileManager(JavaCompiler javac) {
        StandardJavaFileManager idle = IDLE_FILE_MANAGERS.pollFirst();
        return idle != null ? idle : javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /** Keeps a file manager for the next compilation, with nothing of this one's but the jars' index. */
    private static void giveBack(StandardJavaFileManager fm) {
        try {
            fm.flush();   // forgets this compilation's sources and folder listings; the classpath is set anew each time
            if (IDLE_FILE_MANAGERS.size() < KEEP_FILE_MANAGERS) {
                IDLE_FILE_MANAGERS.addFirst(fm);
                return;
            }
            fm.close();
        } catch (IOException e) {
            // a file manager that cannot flush is not kept; nothing was written through it that could be lost
        }
    }

    /** The files the rules reject (files with syntax errors are left to the compiler's messages). */
    private static Map<Path, List<String>> rejected(Iterable<? extends CompilationUnitTree> units,
                                                    SourceRules rules, SourcePositions positions,
                                                    DiagnosticCollector<JavaFileObject> diagnostics) {
        Set<Path> unparsable = new java.util.HashSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                unparsable.add(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
            }
        }
        Map<Path, List<String>> rejected = new LinkedHashMap<>();
        for (CompilationUnitTree unit : units) {
            Path file = Path.of(unit.getSourceFile().toUri()).toAbsolutePath().normalize();
            if (unparsable.contains(file)) continue;
            List<String> problems = rules.problems(unit, file, positions);
            if (!problems.isEmpty()) rejected.put(file, List.copyOf(problems));
        }
        return rejected;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + message.substring(newline).replaceAll("\\s+", " ");
    }

    /** Empties a folder (creating it if needed). */
    static void clean(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        if (!p.equals(folder)) Files.delete(p);
                    }
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty " + folder, e);
        }
    }

    /** Deletes a folder and everything in it, quietly (temporary folders). */
    static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
