package backprop.grading.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Takes a student's exercise files out of a submission, whatever shape it came in, and lays them
 * out as a source folder the grader can compile: {@code exercises/ch4/FourEquations.java}.
 *
 * <p>Every submission is treated as hostile input:
 * <ul>
 *   <li>Only {@code .java} files are taken, and each goes where its {@code package} line says
 *       ({@code exercises.ch4} → {@code exercises/ch4/}), under its own file name: a path inside a
 *       zip or a repository decides nothing, so an entry named {@code ../../.bashrc} can never be
 *       written anywhere (it is reported as refused).</li>
 *   <li>Symbolic links are never followed, in folders, zips or repositories.</li>
 *   <li>A file larger than {@link Limits#fileBytes()}, binary data or text that is not UTF-8 is left
 *       out with a note; a submission larger than {@link Limits#totalBytes()} or with more than
 *       {@link Limits#entries()} entries is refused.</li>
 *   <li>Tests in a submission ({@code src/test/…}, {@code …Test.java}) are left out: the
 *       instructor's tests grade it, never the student's own.</li>
 * </ul>
 * Nothing is written except the chosen files, into the folder given.
 */
final class Intake {

    /**
     * How much of a submission is read.
     *
     * @param fileBytes  the largest Java file taken
     * @param totalBytes the most bytes of Java files read from one submission
     * @param entries    the most files and folders looked at in one submission
     */
    record Limits(long fileBytes, long totalBytes, int entries) {
        static final Limits DEFAULT = new Limits(512 * 1024, 8L * 1024 * 1024, 20_000);
    }

    /**
     * A submission laid out for grading.
     *
     * @param code        the source folder (null when {@code error} is set)
     * @param notes       what the student should know: files left out, files missing
     * @param error       why the submission cannot be graded at all, else null
     * @param fingerprint a hash of the files taken: the same files give the same fingerprint
     * @param version     which version was taken, for a repository ("3f2a9c1d0b7e (tag final, …)"); else ""
     */
    record Staged(Path code, List<String> notes, String error, String fingerprint, String version) {
        static Staged failed(String error, List<String> notes) {
            return new Staged(null, List.copyOf(notes), error, Intake.fingerprint(error), "");
        }
    }

    /** A Java file found in a submission, before it is checked. */
    private record Candidate(String path, byte[] bytes) {}

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern EXERCISE_PACKAGE = Pattern.compile("exercises(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern JAVA_FILE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");

    private Intake() {}

    /**
     * Lays out one claim's exercise files under {@code into/code}.
     *
     * @param starter  the starter code's source folder: the files a submission should have
     * @param revision which commit to take from a git repository
     */
    static Staged stage(Claim claim, Path starter, Path into, Limits limits, Git.Revision revision) {
        List<String> notes = new ArrayList<>();
        List<Candidate> candidates;
        String version = "";
        try {
            switch (claim.kind()) {
                case FOLDER -> candidates = fromFolder(claim.path(), limits, notes);
                case ZIP -> candidates = fromZip(claim.path(), claim.inside(), limits, notes);
                case GIT -> {
                    Git.Commit commit = Git.resolve(claim.path(), revision);
                    version = commit.describe();
                    candidates = fromGit(claim.path(), commit, limits, notes);
                }
                default -> throw new IllegalArgumentException(claim.origin() + " must be fetched before it is read");
            }
        } catch (Refused e) {
            return Staged.failed(e.getMessage(), notes);
        } catch (Git.GitException e) {
            return Staged.failed(claim.origin() + ": " + e.getMessage(), notes);
        } catch (IOException | UncheckedIOException e) {
            return Staged.failed("could not read " + claim.origin() + ": " + e.getMessage(), notes);
        }
        return place(candidates, starter, into, notes, version, claim.origin());
    }

    /** Why a whole submission is refused. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ reading submissions

    private static List<Candidate> fromFolder(Path root, Limits limits, List<String> notes) throws IOException, Refused {
        List<Candidate> found = new ArrayList<>();
        long[] total = {0};
        int[] entries = {0};
        Refused[] refused = {null};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {   // walkFileTree never follows links by default
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) return FileVisitResult.SKIP_SUBTREE;
                return count();
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (attrs.isSymbolicLink()) {
                    notes.add("left out " + relative + ": it is a symbolic link (to " + Files.readSymbolicLink(file)
                            + "), and links are never followed");
                } else if (attrs.isRegularFile() && relative.endsWith(".java")) {
                    if (attrs.size() > limits.fileBytes()) {
                        notes.add(tooLarge(relative, attrs.size(), limits));
                    } else {
                        total[0] += attrs.size();
                        if (total[0] > limits.totalBytes()) {
                            refused[0] = new Refused(tooMuch(limits));
                            return FileVisitResult.TERMINATE;
                        }
                        found.add(new Candidate(relative, Files.readAllBytes(file)));
                    }
                }
                return count();
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                notes.add("left out " + root.relativize(file) + ": it cannot be read (" + e.getMessage() + ")");
                return FileVisitResult.CONTINUE;
            }

            private FileVisitResult count() {
                if (++entries[0] > limits.entries()) {
                    refused[0] = new Refused("the submission has more than " + limits.entries() + " files and folders: refused");
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (refused[0] != null) throw refused[0];
        return found;
    }

    private static List<Candidate> fromZip(Path zip, String inside, Limits limits, List<String> notes) throws IOException, Refused {
        List<Candidate> found = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName().replace('\\', '/');
                if (!name.startsWith(inside)) continue;
                if (++entries > limits.entries()) throw new Refused("the zip has more than " + limits.entries() + " entries: refused");
                String relative = name.substring(inside.length());
                if (escapes(relative)) {
                    notes.add("refused the zip entry '" + cut(relative, 120) + "': its path points outside the submission "
                            + "(a \"zip slip\"); nothing was written for it");
                    continue;
                }
                if (entry.isDirectory() || !relative.endsWith(".java") || relative.startsWith("__MACOSX/")) continue;
                // the header's size may lie: read at most one byte more than allowed
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.fileBytes() + 1));
                }
                if (bytes.length > limits.fileBytes()) {
                    notes.add(tooLarge(relative, Math.max(entry.getSize(), bytes.length), limits));
                    continue;
                }
                total += bytes.length;
                if (total > limits.totalBytes()) throw new Refused(tooMuch(limits));
                found.add(new Candidate(relative, bytes));
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused(zip.getFileName() + " is not a readable zip file (" + e.getMessage() + ")");
        }
        return found;
    }

    private static List<Candidate> fromGit(Path repository, Git.Commit commit, Limits limits, List<String> notes)
            throws Git.GitException, Refused {
        List<Git.Entry> entries = Git.tree(repository, commit.sha());
        if (entries.size() > limits.entries()) throw new Refused("the commit has more than " + limits.entries() + " files: refused");
        List<Git.Entry> wanted = new ArrayList<>();
        long total = 0;
        for (Git.Entry entry : entries) {
            if (!entry.path().endsWith(".java")) continue;
            if (escapes(entry.path())) {
                notes.add("refused '" + cut(entry.path(), 120) + "': its path points outside the repository");
            } else if (entry.mode().equals("120000")) {
                notes.add("left out " + entry.path() + ": it is a symbolic link, and links are never followed");
            } else if (!entry.isFile()) {
                notes.add("left out " + entry.path() + ": it is not a file (a submodule?)");
            } else if (entry.size() > limits.fileBytes()) {
                notes.add(tooLarge(entry.path(), entry.size(), limits));
            } else {
                total += entry.size();
                if (total > limits.totalBytes()) throw new Refused(tooMuch(limits));
                wanted.add(entry);
            }
        }
        Map<String, byte[]> blobs = Git.blobs(repository, wanted.stream().map(Git.Entry::sha).distinct().toList());
        List<Candidate> found = new ArrayList<>();
        for (Git.Entry entry : wanted) found.add(new Candidate(entry.path(), blobs.get(entry.sha())));
        return found;
    }

    /** Whether a relative path leaves its folder: absolute, a drive letter, or a ".." step. */
    static boolean escapes(String relative) {
        if (relative.startsWith("/") || relative.matches("^[A-Za-z]:.*")) return true;
        for (String part : relative.split("/")) if (part.equals("..")) return true;
        return false;
    }

    // ------------------------------------------------------------------ choosing and placing files

    private static Staged place(List<Candidate> candidates, Path starter, Path into, List<String> notes, String version,
                                String origin) {
        Map<String, Candidate> chosen = new TreeMap<>();
        int javaFiles = 0;
        for (Candidate candidate : candidates) {
            String file = candidate.path().substring(candidate.path().lastIndexOf('/') + 1);
            if (candidate.path().contains("src/test/") || file.endsWith("Test.java")) continue;   // never the student's tests
            javaFiles++;
            String text = text(candidate.bytes());
            if (text == null) {
                notes.add("left out " + candidate.path() + ": it is not Java source text (binary data, or not UTF-8)");
                continue;
            }
            if (!JAVA_FILE.matcher(file).matches()) {
                notes.add("left out " + candidate.path() + ": '" + file + "' is not a Java file name");
                continue;
            }
            Matcher m = PACKAGE.matcher(text);
            if (!m.find()) {
                notes.add("left out " + candidate.path() + ": it has no package line (an exercise file starts with "
                        + "'package exercises.chN;')");
                continue;
            }
            if (!EXERCISE_PACKAGE.matcher(m.group(1)).matches()) {
                notes.add("left out " + candidate.path() + ": its package is " + m.group(1) + ", not one of the exercises' (exercises.chN)");
                continue;
            }
            String target = m.group(1).replace('.', '/') + "/" + file;
            Candidate before = chosen.get(target);
            if (before == null || rank(candidate) < rank(before)) {
                if (before != null) notes.add("two copies of " + target + ": graded " + candidate.path() + ", left out " + before.path());
                chosen.put(target, candidate);
            } else {
                notes.add("two copies of " + target + ": graded " + before.path() + ", left out " + candidate.path());
            }
        }
        if (chosen.isEmpty()) {
            String error;
            if (candidates.isEmpty()) {
                error = notes.isEmpty() ? "the submission " + origin + " is empty: it has no Java files"
                        : "the submission " + origin + " has no Java file that could be read";
            } else if (javaFiles == 0) {
                error = "the submission " + origin + " holds only tests, no exercise file";
            } else {
                error = "the submission " + origin + " has no exercise file: none of its " + javaFiles + " Java files "
                        + "declares a package exercises.chN (the wrong folder layout? the exercise files are "
                        + String.join(", ", expected(starter)) + ")";
            }
            return Staged.failed(error, notes);
        }
        Path code = into.resolve("code");
        try {
            for (var entry : chosen.entrySet()) {
                Path target = code.resolve(entry.getKey()).normalize();
                if (!target.startsWith(code)) throw new IllegalStateException("refusing to write " + target);   // cannot happen: checked above
                Files.createDirectories(target.getParent());
                Files.write(target, entry.getValue().bytes());
            }
            Files.createDirectories(code);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay out the submission in " + code, e);
        }
        for (String relative : expected(starter)) {
            if (!chosen.containsKey(relative)) {
                notes.add("the submission has no " + relative + ": the tests that need it score 0 (submit the file "
                        + "with its package line unchanged)");
            }
        }
        var digest = new StringBuilder();
        for (var entry : chosen.entrySet()) {
            digest.append(entry.getKey()).append('\0').append(HexFormat.of().formatHex(sha256(entry.getValue().bytes()))).append('\n');
        }
        return new Staged(code, List.copyOf(notes), null, fingerprint(digest.toString()), version);
    }

    /** Prefers a file in a {@code src/main/java} folder, then the one nearest the top. */
    private static int rank(Candidate candidate) {
        return (candidate.path().contains("src/main/java/") ? 0 : 1000) + candidate.path().split("/").length;
    }

    /** The exercise files of the starter code, as relative paths. */
    static List<String> expected(Path starter) {
        if (starter == null || !Files.isDirectory(starter)) return List.of();
        try (Stream<Path> walk = Files.walk(starter)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> starter.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the starter code in " + starter, e);
        }
    }

    /** The bytes as text if they are UTF-8 text without NUL characters; else null. */
    private static String text(byte[] bytes) {
        for (byte b : bytes) if (b == 0) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String tooLarge(String path, long size, Limits limits) {
        return String.format(java.util.Locale.ROOT, "left out %s: it is %.1f MB, larger than the %d KB a Java file may have",
                path, size / (1024.0 * 1024), limits.fileBytes() / 1024);
    }

    private static String tooMuch(Limits limits) {
        return "the submission holds more than " + limits.totalBytes() / (1024 * 1024) + " MB of Java files: refused";
    }

    static String fingerprint(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
