package backprop.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./course release}: makes the students' {@code exercises/} from the instructor's
 * {@code solutions/}, the one source of truth.
 *
 * <ul>
 *   <li>{@code solutions/src/main/java}: each file is copied with its solution regions replaced
 *       by stubs (see {@link SolutionRegions}); files without regions are copied as they are.</li>
 *   <li>{@code solutions/src/test/java}: a test file is copied only when every graded test in it
 *       is {@link Visibility#VISIBLE}; files with hidden, after-due-date or after-published
 *       tests stay behind. (A file may not mix the two: {@link Catalogue} rejects it.) The static
 *       check's rule files ({@value ApiPolicy#FILE_NAME}) are copied too, checked first.</li>
 *   <li>{@code exercises/.release-manifest} records a hash of every generated file. A generated
 *       file that was edited by hand since (its hash no longer matches) is copied to
 *       {@code .release-backup/<time>/} before it is replaced: nothing anyone wrote is lost.</li>
 * </ul>
 *
 * <p>{@code --check} writes nothing and fails (exit status 1) when {@code exercises/} differs
 * from what a release would write: CI runs it so that the committed starter code never drifts
 * from the solutions.
 *
 * <p>It also checks the course is consistent: every region's task has graded tests, and every
 * task has at least one region (something for the student to write) and at least one visible
 * test (something {@code Check.task} can run).
 */
public final class Release {

    static final String MANIFEST = ".release-manifest";
    private static final List<String> MANAGED = List.of("src/main/java", "src/test/java");

    private Release() {}

    /** What a release writes: paths relative to {@code exercises/} → content. */
    record Plan(Map<String, String> files, int exerciseFiles, int regions, int tasks, int visibleTestFiles,
                int instructorOnlyTestFiles) {}

    static CommandLine commandLine() {
        return new CommandLine("release", "Regenerates exercises/ from solutions/ (or checks it, or writes a student repository).")
                .flag("--check", "fail (exit status 1) if exercises/ is stale; write nothing")
                .option("--student-repo", "DIR", "write the student template (git-tracked files, without solutions/) into a new folder")
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
            if (a.has("--check") && a.has("--student-repo")) throw a.problem("--check and --student-repo do not go together");
            Path kit = a.path("--kit").orElseGet(Kit::find).toAbsolutePath().normalize();
            Path studentRepo = a.path("--student-repo").orElse(null);
            if (studentRepo != null) {
                if (check(kit) != 0) {
                    System.err.println("release: exercises/ is stale; run ./course release first");
                    return 1;
                }
                return studentRepo(kit, studentRepo.toAbsolutePath().normalize());
            }
            return a.has("--check") ? check(kit) : release(kit);
        } catch (CommandLine.Usage e) {
            System.err.println("release: " + e.getMessage());
            System.err.println();
            System.err.print(e.usage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("release: " + e.getMessage());
            return 2;
        }
    }

    /** Writes {@code exercises/}; returns the exit status. */
    static int release(Path kit) {
        Plan plan = plan(kit);
        Path exercises = kit.resolve("exercises");
        Map<String, String> recorded = readManifest(exercises);
        Map<String, String> existing = existingFiles(exercises);
        Path backup = kit.resolve(".release-backup").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int written = 0;
        List<String> kept = new ArrayList<>();
        Set<String> all = new TreeSet<>(plan.files().keySet());
        all.addAll(existing.keySet());
        for (String relative : all) {
            String now = existing.get(relative);
            String next = plan.files().get(relative);
            if (now != null && now.equals(next)) continue;
            if (now != null && !relative.equals(MANIFEST) && !sha256(now).equals(recorded.get(relative))) {
                copy(now, backup.resolve("exercises").resolve(relative));   // edited by hand: keep it
                kept.add(relative);
            }
            Path target = exercises.resolve(relative);
            try {
                if (next == null) {
                    Files.delete(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, next, StandardCharsets.UTF_8);
                    written++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + target, e);
            }
        }
        removeEmptyFolders(exercises);
        System.out.println("exercises/ generated from solutions/: " + plan.exerciseFiles() + " exercise files with "
                + plan.regions() + " solution regions (" + plan.tasks() + " tasks), " + plan.visibleTestFiles()
                + " visible test files copied, " + plan.instructorOnlyTestFiles() + " test files with hidden tests kept in solutions/");
        System.out.println(written == 0 ? "nothing changed" : written + " files written");
        if (!kept.isEmpty()) {
            System.out.println("these files had been edited by hand; your versions are kept in " + kit.relativize(backup) + ":");
            kept.forEach(k -> System.out.println("  exercises/" + k));
        }
        return 0;
    }

    /** Folders never copied into a student repository: build output, environments, the instructor's copy. */
    private static final Set<String> NOT_FOR_STUDENTS = Set.of("solutions", "target", ".venv", ".git", ".release-backup",
            "__pycache__", ".ipynb_checkpoints", "node_modules", ".idea", ".vscode");

    /**
     * Copies the kit's git-tracked files, without {@code solutions/} (nor build output), into
     * {@code into}: the template repository of an assignment. Only tracked files go, so a file
     * lying untracked in the working tree (a hidden test being written, say) never reaches the
     * students; a hidden test that is tracked outside {@code solutions/} is refused. Its
     * {@code pom.xml} no longer lists the solutions module. Refuses a folder that exists and is
     * not empty.
     */
    static int studentRepo(Path kit, Path into) {
        try {
            if (Files.exists(into)) {
                try (Stream<Path> inside = Files.list(into)) {
                    if (inside.findAny().isPresent()) {
                        throw new IllegalArgumentException(into + " exists and is not empty: choose a new folder "
                                + "(nothing in it is overwritten)");
                    }
                }
            }
            List<String> tracked = gitTrackedFiles(kit);
            List<String> chosen = new ArrayList<>();
            for (String relative : tracked) {
                boolean excluded = false;
                for (String part : relative.split("/")) excluded |= NOT_FOR_STUDENTS.contains(part);
                Path p = kit.resolve(relative);
                if (excluded || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;   // deleted since
                if (p.startsWith(into)) continue;                                                    // never copy the target into itself
                if (relative.endsWith("HiddenTest.java")) {
                    throw new IllegalStateException(relative + " is tracked outside solutions/: a hidden test must never reach "
                            + "the students (move it to solutions/src/test/java)");
                }
                chosen.add(relative);
            }
            for (String relative : chosen) {
                Path target = into.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(kit.resolve(relative), target, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
            }
            Path tests = into.resolve("exercises/src/test/java");
            if (Files.isDirectory(tests)) {
                for (var file : Catalogue.read(tests).files()) {
                    if (!file.studentVisible()) {
                        JavaCompilation.deleteQuietly(into);
                        throw new IllegalStateException(kit.relativize(kit.resolve("exercises/src/test/java")
                                .resolve(tests.relativize(file.path()).toString())) + " holds tests that are not visible: "
                                + "they must not reach the students (run ./course release)");
                    }
                }
            }
            Path pom = into.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                String text = read(pom);
                String without = text.replaceAll("(?m)^[ \\t]*<module>solutions</module>[ \\t]*\\R", "");
                Files.writeString(pom, without, StandardCharsets.UTF_8);
            }
            System.out.println("student repository written to " + into + " (" + chosen.size()
                    + " git-tracked files, without solutions/):");
            System.out.println("  push it to GitHub, mark it as a template repository, and make it the assignment's starter code");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the student repository " + into, e);
        }
    }

    /** The files git tracks in the kit, relative to it ({@code git ls-files}). */
    static List<String> gitTrackedFiles(Path kit) {
        String why;
        try {
            Process git = new ProcessBuilder("git", "-C", kit.toString(), "ls-files", "-z", "--cached")
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            git.getOutputStream().close();
            byte[] out = git.getInputStream().readAllBytes();
            String err = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor() == 0) {
                List<String> files = new ArrayList<>();
                for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!f.isEmpty()) files.add(f);
                }
                return files;
            }
            why = err.isEmpty() ? "git ls-files failed" : err;
        } catch (IOException e) {
            why = "git is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        throw new IllegalStateException("the student template holds the kit's git-tracked files only, but they cannot be "
                + "listed in " + kit + ": " + why);
    }

    /** Compares {@code exercises/} with a fresh release; returns 1 when it is stale. */
    static int check(Path kit) {
        Plan plan = plan(kit);
        Map<String, String> existing = existingFiles(kit.resolve("exercises"));
        List<String> problems = new ArrayList<>();
        for (var entry : plan.files().entrySet()) {
            String now = existing.get(entry.getKey());
            if (now == null) problems.add("missing: exercises/" + entry.getKey());
            else if (!now.equals(entry.getValue())) problems.add("differs: exercises/" + entry.getKey());
        }
        for (String relative : existing.keySet()) {
            if (!plan.files().containsKey(relative)) problems.add("not generated from solutions/: exercises/" + relative);
        }
        if (problems.isEmpty()) {
            System.out.println("exercises/ is up to date with solutions/ (" + plan.tasks() + " tasks, "
                    + plan.exerciseFiles() + " exercise files, " + plan.visibleTestFiles() + " visible test files)");
            return 0;
        }
        System.out.println("exercises/ is stale: it is not what ./course release makes from solutions/");
        problems.forEach(p -> System.out.println("  " + p));
        System.out.println("run ./course release and commit exercises/");
        return 1;
    }

    /** Everything a release would write, after checking the course is consistent. */
    static Plan plan(Path kit) {
        kit = kit.toAbsolutePath().normalize();
        Path solutions = kit.resolve("solutions");
        Path main = solutions.resolve("src/main/java");
        Path test = solutions.resolve("src/test/java");
        if (!Files.isDirectory(main) || !Files.isDirectory(test)) {
            throw new IllegalStateException("there is no solutions/src/main/java and solutions/src/test/java under " + kit
                    + ": release is the instructor's tool and needs the instructor's copy");
        }
        Catalogue catalogue = Catalogue.read(test);
        Map<String, String> files = new TreeMap<>();
        Map<String, List<String>> regionsByTask = new LinkedHashMap<>();
        int exerciseFiles = 0, regions = 0;
        for (Path source : javaFiles(main)) {
            String relative = main.relativize(source).toString().replace('\\', '/');
            String text = read(source);
            var stubbed = SolutionRegions.stub(text, "solutions/src/main/java/" + relative);
            for (var region : stubbed.regions()) {
                regionsByTask.computeIfAbsent(region.task(), t -> new ArrayList<>()).add(relative + ":" + region.line());
            }
            regions += stubbed.regions().size();
            if (!stubbed.regions().isEmpty()) exerciseFiles++;
            files.put("src/main/java/" + relative, stubbed.text());
        }
        int visible = 0, hidden = 0;
        for (var file : catalogue.files()) {
            String relative = test.relativize(file.path()).toString().replace('\\', '/');
            String text = read(file.path());
            if (SolutionRegions.hasMarkers(text)) {
                throw new IllegalArgumentException("solutions/src/test/java/" + relative + " has SOLUTION markers; "
                        + "regions belong in the exercise code, not in the tests");
            }
            if (file.studentVisible()) {
                files.put("src/test/java/" + relative, text);
                visible++;
            } else {
                hidden++;
            }
        }
        for (Path rules : ruleFiles(test)) {
            String relative = test.relativize(rules).toString().replace('\\', '/');
            String text = read(rules);
            ApiPolicy.validate(text, "solutions/src/test/java/" + relative);
            files.put("src/test/java/" + relative, text);   // students may read what exercise code may use
        }
        Set<String> tasks = new TreeSet<>(GradedTest::compareTasks);
        tasks.addAll(catalogue.tasks());
        for (String task : regionsByTask.keySet()) {
            if (!tasks.contains(task)) {
                throw new IllegalArgumentException("solution regions for task " + task + " (" + regionsByTask.get(task)
                        + ") but no graded test checks task " + task);
            }
        }
        for (String task : tasks) {
            if (!regionsByTask.containsKey(task)) {
                throw new IllegalArgumentException("task " + task + " has graded tests but no solution region: "
                        + "there is nothing for the student to write");
            }
            boolean anyVisible = catalogue.tests().stream().anyMatch(t -> t.task().equals(task) && t.visibility() == Visibility.VISIBLE);
            if (!anyVisible) {
                throw new IllegalArgumentException("task " + task + " has no visible test: students could not check it "
                        + "with Check.task(\"" + task + "\")");
            }
        }
        files.put(MANIFEST, manifest(files));
        return new Plan(files, exerciseFiles, regions, tasks.size(), visible, hidden);
    }

    private static String manifest(Map<String, String> files) {
        var out = new StringBuilder("# Written by ./course release: the SHA-256 of every file it generated in exercises/.\n"
                + "# A file whose hash no longer matches was edited by hand; the next release keeps a copy of it.\n");
        files.forEach((path, text) -> out.append(sha256(text)).append("  ").append(path).append('\n'));
        return out.toString();
    }

    private static Map<String, String> readManifest(Path exercises) {
        Path file = exercises.resolve(MANIFEST);
        Map<String, String> hashes = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : read(file).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int gap = line.indexOf("  ");
                if (gap > 0) hashes.put(line.substring(gap + 2).trim(), line.substring(0, gap));
            }
        }
        return hashes;
    }

    /** The files release manages that exist now, relative to {@code exercises/}. */
    private static Map<String, String> existingFiles(Path exercises) {
        Map<String, String> files = new TreeMap<>();
        for (String managed : MANAGED) {
            Path root = exercises.resolve(managed);
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    files.put(exercises.relativize(p).toString().replace('\\', '/'), read(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not list " + root, e);
            }
        }
        Path manifest = exercises.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) files.put(MANIFEST, read(manifest));
        return files;
    }

    /** The static check's rule files under the tests ({@value ApiPolicy#FILE_NAME}). */
    private static List<Path> ruleFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals(ApiPolicy.FILE_NAME)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    private static void removeEmptyFolders(Path exercises) {
        for (String managed : MANAGED) {
            Path root = exercises.resolve(managed);
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path dir : walk.filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                    try (Stream<Path> inside = Files.list(dir)) {
                        if (inside.findAny().isEmpty()) Files.delete(dir);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not tidy " + root, e);
            }
        }
    }

    private static void copy(String text, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.writeString(to, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a copy of an edited file at " + to, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
