package backprop.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./course gradescope}: builds the autograder zip to upload to a Gradescope programming
 * assignment.
 *
 * <pre>
 * setup.sh          installs a JDK (Gradescope runs it once, when it builds the image)
 * run_autograder    grades one submission into /autograder/results/results.json
 * grade-options     the grader's options (time limits per test and per submission, heap)
 * lib/*.jar         the grader, the course library, JUnit
 * tests/            the instructor's tests: visible, hidden, after due date, after published
 * starter/          the starter code: which exercise files a submission should have
 * </pre>
 *
 * <p>The tests come from the instructor's copy inside the package, never from the submission,
 * so a student who edits the visible tests changes nothing.
 */
public final class GradescopePackage {

    private GradescopePackage() {}

    static CommandLine commandLine() {
        return new CommandLine("gradescope", "Builds the Gradescope autograder zip (default: target/grading/gradescope-autograder.zip).")
                .option("--out", "FILE", "where the zip goes")
                .option("--timeout", "SECONDS", "the time limit of one test (default " + Grader.DEFAULT_TIMEOUT_SECONDS + ")")
                .option("--total-timeout", "SECONDS", "the time limit of one submission (default "
                        + Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS + ", under Gradescope's default of 10 minutes)")
                .option("--heap", "MB", "the test JVM's heap (default 256)")
                .option("--kit", "DIR", "the kit's folder (default: found from the working directory)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args) {
        try {
            CommandLine.Arguments a = commandLine().parse(args);
            if (a.helpWanted()) {
                System.out.print(commandLine().usage());
                return 0;
            }
            List<String> options = new ArrayList<>();
            int timeout = a.integer("--timeout", Grader.DEFAULT_TIMEOUT_SECONDS, 1, 3600);
            int total = a.integer("--total-timeout", Grader.DEFAULT_TOTAL_TIMEOUT_SECONDS, 1, 86_400);
            int heap = a.integer("--heap", 256, 32, 65_536);
            if (a.has("--timeout")) options.addAll(List.of("--timeout", Integer.toString(timeout)));
            if (a.has("--heap")) options.addAll(List.of("--heap", Integer.toString(heap)));
            options.addAll(List.of("--total-timeout", Integer.toString(total)));
            Path kit = a.path("--kit").orElseGet(Kit::find).toAbsolutePath().normalize();
            Path out = a.path("--out").orElse(kit.resolve("target/grading/gradescope-autograder.zip"));
            Path tests = kit.resolve("solutions/src/test/java");
            Path starter = kit.resolve("exercises/src/main/java");
            if (!Files.isDirectory(tests)) {
                throw new IllegalStateException("there is no " + tests + ": the autograder needs the instructor's tests");
            }
            Catalogue catalogue = Catalogue.read(tests);   // refuse to package malformed tests
            build(out, tests, starter, Classpath.essentials(), String.join(" ", options));
            System.out.println("Gradescope autograder: " + out + " (" + catalogue.tests().size() + " graded tests, "
                    + catalogue.tests().stream().mapToInt(GradedTest::points).sum() + " points, "
                    + Files.size(out) / 1024 + " KB)");
            System.out.println("Upload it in the assignment's Configure Autograder page (base image: Ubuntu).");
            return 0;
        } catch (CommandLine.Usage e) {
            System.err.println("gradescope: " + e.getMessage());
            System.err.println();
            System.err.print(e.usage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            System.err.println("gradescope: " + e.getMessage());
            return 2;
        }
    }

    /** Writes the zip. Folders on the classpath (a build's target/classes) are packed as jars. */
    static void build(Path zip, Path tests, Path starter, List<Path> classpath, String gradeOptions) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Files.deleteIfExists(zip);
        URI uri = URI.create("jar:" + zip.toAbsolutePath().toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                Path target = fs.getPath(script);
                try (InputStream in = GradescopePackage.class.getResourceAsStream("gradescope/" + script)) {
                    if (in == null) throw new IllegalStateException("the grader's jar lacks its " + script);
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(fs.getPath("grade-options"), gradeOptions + "\n", StandardCharsets.UTF_8);
            Path lib = Files.createDirectories(fs.getPath("lib"));
            int folders = 0;
            for (Path entry : classpath) {
                if (Files.isDirectory(entry)) {
                    jarFolder(entry, lib.resolve("classes-" + (++folders) + ".jar"));
                } else {
                    Files.copy(entry, lib.resolve(entry.getFileName().toString()));
                }
            }
            copyTree(tests, fs.getPath("tests"));
            copyTree(starter, fs.getPath("starter"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString().replace('\\', '/'));
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void jarFolder(Path folder, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); var jarOut = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jarOut);
                jarOut.closeEntry();
            }
        }
    }
}
