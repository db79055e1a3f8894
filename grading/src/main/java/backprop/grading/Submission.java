package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers a student's exercise files out of a submission, whatever its layout: the whole kit
 * from a GitHub repository, its {@code exercises/} folder zipped, or loose {@code .java} files.
 *
 * <p>Each file goes where its {@code package} declaration says it belongs, as javac parses it (a
 * package line in a comment counts for nothing). Only exercise code is taken: files outside the
 * {@code exercises.*} packages, files under a {@code src/test} folder, files named
 * {@code …Test.java}, symbolic links and files over {@value #MAX_BYTES} bytes are left out, so a
 * submission can never bring tests of its own, nor point the grader at a file of the machine's.
 */
final class Submission {

    /** The largest source file taken: exercise files are a few kilobytes. */
    static final long MAX_BYTES = 1 << 20;

    private Submission() {}

    /**
     * Copies the submission's exercise files into a new temporary folder laid out as a source root.
     *
     * @param submission the submitted files
     * @param starter    the starter code's source root: the files a submission should have
     * @param notes      receives a line for every expected file that is missing
     * @return the source root of the gathered files (its parent is a temporary folder to delete)
     */
    static Path gather(Path submission, Path starter, List<String> notes) {
        if (!Files.isDirectory(submission)) throw new IllegalArgumentException("there is no submission folder " + submission);
        Map<String, Path> chosen = new TreeMap<>();
        List<Path> candidates = new ArrayList<>();
        for (Path file : javaFiles(submission)) {
            String relative = submission.relativize(file).toString().replace('\\', '/');
            if (relative.contains("src/test/") || file.getFileName().toString().endsWith("Test.java")) continue;
            if (size(file) > MAX_BYTES || read(file) == null) continue;   // too big, or not UTF-8 text: not one of ours
            candidates.add(file);
        }
        Map<Path, String> packages = SourceRules.declaredPackages(candidates);
        for (Path file : candidates) {
            String pkg = packages.get(file.toAbsolutePath().normalize());
            if (pkg == null || !pkg.startsWith("exercises.")) continue;
            String target = pkg.replace('.', '/') + "/" + file.getFileName();
            Path before = chosen.get(target);
            // prefer a file from a src/main/java folder, then the one nearest the top
            if (before == null || rank(file, submission) < rank(before, submission)) chosen.put(target, file);
        }
        try {
            Path root = Files.createTempDirectory("backprop-submission-").resolve("code");
            for (var entry : chosen.entrySet()) {
                Path to = root.resolve(entry.getKey());
                Files.createDirectories(to.getParent());
                Files.copy(entry.getValue(), to);
            }
            Files.createDirectories(root);
            for (Path expected : javaFiles(starter)) {
                String relative = starter.relativize(expected).toString().replace('\\', '/');
                if (!chosen.containsKey(relative)) {
                    notes.add("The submission has no " + relative + " (" + expected.getFileName()
                            + "): the tests that need it score 0. Submit the file with its package line unchanged.");
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not gather the submission from " + submission, e);
        }
    }

    private static int rank(Path file, Path submission) {
        String relative = submission.relativize(file).toString().replace('\\', '/');
        return (relative.contains("src/main/java/") ? 0 : 1000) + file.getNameCount();
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && p.toString().endsWith(".java"))
                    .sorted(Comparator.comparing(Path::toString)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    /** A file's size in bytes; as large as can be when it cannot be read. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return null;   // not UTF-8 text: not one of ours
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
