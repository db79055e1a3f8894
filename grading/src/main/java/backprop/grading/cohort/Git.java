package backprop.grading.cohort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The few git operations class grading needs, through the {@code git} command, all of them
 * read-only on the student's repository: find the commit to grade, list its files, read them.
 *
 * <p>The files are read straight out of git's object store ({@code git ls-tree}, {@code git
 * cat-file}); nothing is checked out, so the student's repository is never changed and a
 * symbolic link in it is seen as a link (and left out), never followed. Git runs without the
 * machine's or the user's configuration and with the hooks and file-system monitor of the
 * repository switched off: a repository's own settings cannot make it run a program.
 */
final class Git {

    /** Which commit to grade: a tag, the last commit before a deadline, or the last commit. */
    record Revision(String tag, Instant deadline) {
        static final Revision LAST = new Revision(null, null);

        Revision {
            if (tag != null && deadline != null) {
                throw new IllegalArgumentException("give --tag or --deadline, not both");
            }
        }

        String describe() {
            if (tag != null) return "tag " + tag;
            if (deadline != null) return "the last commit before " + utc(deadline);
            return "the last commit";
        }
    }

    /** The commit chosen for grading. */
    record Commit(String sha, Instant committed, String how) {
        String describe() {
            return sha.substring(0, Math.min(12, sha.length())) + " (" + how + ", committed " + utc(committed) + ")";
        }
    }

    /** One file of a commit's tree: {@code mode} 100644 or 100755 for a file, 120000 for a link, 160000 for a submodule. */
    record Entry(String mode, String sha, long size, String path) {
        boolean isFile() {
            return mode.startsWith("100");
        }
    }

    /** A git command that failed, with what git said. */
    static final class GitException extends Exception {
        GitException(String message) {
            super(message);
        }
    }

    private Git() {}

    /** Whether a folder is a git repository: a working copy ({@code .git} inside) or a bare one. */
    static boolean isRepository(Path folder) {
        if (Files.exists(folder.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return true;
        return Files.isRegularFile(folder.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(folder.resolve("objects"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(folder.resolve("refs"), LinkOption.NOFOLLOW_LINKS);
    }

    /** The commit a revision names in a repository. */
    static Commit resolve(Path repository, Revision revision) throws GitException {
        String sha;
        if (revision.tag() != null) {
            Result tag = run(repository, null, "rev-parse", "--verify", "--quiet", "refs/tags/" + revision.tag() + "^{commit}");
            if (tag.status() != 0) {
                String tags = run(repository, null, "tag", "--list").text().strip().replace('\n', ' ');
                throw new GitException("the repository has no tag " + revision.tag()
                        + (tags.isEmpty() ? " (it has no tags at all)" : " (its tags: " + cut(tags, 200) + ")"));
            }
            sha = tag.text().strip();
        } else {
            Result head = run(repository, null, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
            if (head.status() != 0) throw new GitException("the repository has no commits");
            sha = head.text().strip();
            if (revision.deadline() != null) {
                String before = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
                        .format(revision.deadline().atOffset(ZoneOffset.UTC));
                Result last = run(repository, null, "rev-list", "-1", "--before=" + before, "HEAD");
                if (last.status() != 0 || last.text().isBlank()) {
                    String first = run(repository, null, "log", "--reverse", "--format=%cI", "HEAD").text().strip();
                    first = first.isEmpty() ? "" : first.lines().findFirst().orElse("");
                    throw new GitException("the repository has no commit before the deadline " + utc(revision.deadline())
                            + (first.isEmpty() ? "" : " (its first commit is from " + utc(OffsetDateTime.parse(first).toInstant()) + ")"));
                }
                sha = last.text().strip();
            }
        }
        String date = run(repository, null, "show", "-s", "--format=%cI", sha).text().strip();
        return new Commit(sha, OffsetDateTime.parse(date).toInstant(), revision.describe());
    }

    /** Every entry of a commit's tree, in path order. */
    static List<Entry> tree(Path repository, String commit) throws GitException {
        Result listing = run(repository, null, "ls-tree", "-r", "-z", "--long", "--full-tree", commit);
        if (listing.status() != 0) throw new GitException("could not list the commit's files: " + listing.error().strip());
        List<Entry> entries = new ArrayList<>();
        for (String record : listing.text().split("\0")) {
            if (record.isEmpty()) continue;
            int tab = record.indexOf('\t');
            String[] meta = record.substring(0, tab).trim().split(" +");
            long size = meta[3].equals("-") ? 0 : Long.parseLong(meta[3]);
            entries.add(new Entry(meta[0], meta[2], size, record.substring(tab + 1)));
        }
        return entries;
    }

    /** The contents of blobs, by id, through one {@code git cat-file --batch}. */
    static Map<String, byte[]> blobs(Path repository, List<String> shas) throws GitException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        if (shas.isEmpty()) return contents;
        var request = new StringBuilder();
        for (String sha : shas) request.append(sha).append('\n');
        Result batch = run(repository, request.toString().getBytes(StandardCharsets.US_ASCII), "cat-file", "--batch");
        if (batch.status() != 0) throw new GitException("could not read the commit's files: " + batch.error().strip());
        byte[] out = batch.output();
        int at = 0;
        for (String sha : shas) {
            int newline = indexOf(out, (byte) '\n', at);
            String header = new String(out, at, newline - at, StandardCharsets.US_ASCII);
            String[] parts = header.split(" ");
            if (parts.length < 3 || !parts[1].equals("blob")) throw new GitException("git could not read " + sha + ": " + header);
            int size = Integer.parseInt(parts[2]);
            contents.put(sha, java.util.Arrays.copyOfRange(out, newline + 1, newline + 1 + size));
            at = newline + 1 + size + 1;
        }
        return contents;
    }

    /** Clones {@code url} as a mirror into {@code into}, or brings an existing mirror up to date. */
    static void mirror(String url, Path into) throws GitException {
        Result result;
        if (Files.isDirectory(into)) {
            result = run(into, null, "fetch", "--prune", "--quiet");
        } else {
            try {
                Files.createDirectories(into.getParent());
            } catch (IOException e) {
                throw new GitException("could not make " + into.getParent() + ": " + e.getMessage());
            }
            result = run(into.getParent(), null, "clone", "--mirror", "--quiet", "--", url, into.getFileName().toString());
        }
        if (result.status() != 0) throw new GitException("could not fetch " + url + ": " + cut(result.error().strip(), 400));
    }

    /** What a git command printed and how it ended. */
    record Result(int status, byte[] output, String error) {
        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    private static Result run(Path directory, byte[] input, String... args) throws GitException {
        List<String> command = new ArrayList<>(List.of("git",
                "-c", "safe.directory=*",          // a class's repositories often belong to another user
                "-c", "core.fsmonitor=false",      // a repository's config must not start a program
                "-c", "core.hooksPath=/dev/null",
                "-c", "protocol.ext.allow=never",
                "-C", directory.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            var stderr = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(process.getErrorStream(), stderr));
            drain.setDaemon(true);
            drain.start();
            Thread feed = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    if (input != null) in.write(input);
                } catch (IOException ignored) {
                    // git stopped reading: its status says why
                }
            });
            feed.setDaemon(true);
            feed.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GitException("git " + args[0] + " took longer than 120 s");
            }
            drain.join(5000);
            return new Result(process.exitValue(), output, stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitException("could not run git (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted");
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) if (bytes[i] == b) return i;
        throw new IllegalStateException("git's answer ended early");
    }

    static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
