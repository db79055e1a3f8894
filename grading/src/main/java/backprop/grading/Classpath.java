package backprop.grading;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath that student code and the tests compile and run against: the grader, JUnit,
 * the course library, and whatever else this JVM was started with.
 *
 * <p>Found from where the essential classes were loaded, so that it works the same whether the
 * grader runs from {@code ./course grade} (a plain classpath), from Maven's test runner (a
 * manifest-only jar) or inside the notebook kernel (IJava adds the kit's jars to JShell, not to
 * {@code java.class.path}).
 */
final class Classpath {

    /** Classes whose jars (or folders) must be on the classpath; the last two are optional. */
    private static final String[] REQUIRED = {
        "backprop.grading.Graded",
        "backprop.display.Displayable",
        "org.junit.jupiter.api.Test",
        "org.junit.jupiter.engine.JupiterTestEngine",
        "org.junit.platform.engine.TestEngine",
        "org.junit.platform.commons.util.ReflectionUtils",
        "org.junit.platform.launcher.Launcher",
        "org.opentest4j.AssertionFailedError",
        "org.objectweb.asm.ClassReader",          // the static check
    };
    private static final String[] OPTIONAL = {
        "org.apiguardian.api.API",
        "org.junit.jupiter.params.ParameterizedTest",
    };

    private Classpath() {}

    /** Everything this JVM can offer the code under test: {@link #essentials()} and the rest of its classpath. */
    static List<Path> forGrading() {
        Set<Path> entries = new LinkedHashSet<>(essentials());
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) entries.add(Path.of(entry).toAbsolutePath().normalize());
        }
        for (String variable : List.of("IJAVA_CLASSPATH", "JJAVA_CLASSPATH")) {
            String value = System.getenv(variable);
            if (value != null) entries.addAll(expand(value));
        }
        return List.copyOf(entries);
    }

    /** Only the jars (or folders) grading cannot do without: the grader, the course library, JUnit, ASM. */
    static List<Path> essentials() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String name : REQUIRED) {
            Path where = locate(name);
            if (where == null) {
                throw new IllegalStateException("cannot find " + name + " on the classpath; the grader needs the kit's "
                        + "kernel/target/classpath (run ./course setup)");
            }
            entries.add(where);
        }
        for (String name : OPTIONAL) {
            Path where = locate(name);
            if (where != null) entries.add(where);
        }
        return List.copyOf(entries);
    }

    private static Path locate(String className) {
        try {
            Class<?> c = Class.forName(className, false, Classpath.class.getClassLoader());
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) return null;
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Expands a classpath string whose entries may end in {@code *} (every jar in a folder). */
    private static List<Path> expand(String value) {
        List<Path> out = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            if (entry.endsWith("*")) {
                Path folder = Path.of(entry.substring(0, entry.length() - 1));
                File[] jars = folder.toFile().listFiles((dir, name) -> name.endsWith(".jar"));
                if (jars != null) {
                    java.util.Arrays.sort(jars);
                    for (File jar : jars) out.add(jar.toPath().toAbsolutePath().normalize());
                }
            } else if (Files.exists(Path.of(entry))) {
                out.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return out;
    }
}
