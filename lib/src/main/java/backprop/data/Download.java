package backprop.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Downloads a dataset's files and checks each against its SHA-256, so that a damaged or altered
 * copy is never used. It is what {@code ./course data fashion-mnist} runs.
 *
 * <pre>{@code
 * Download.files(URI.create(FashionMnist.UPSTREAM_URL), Path.of("data/fashion-mnist"), FashionMnist.FILES, System.out);
 * }</pre>
 *
 * <p>Each file is fetched into a temporary file beside its destination ({@code name.part}); its
 * checksum is taken of its decompressed bytes (for a gzip file) and compared with the expected
 * one; only then is it renamed to its final name. A failed download leaves nothing behind but
 * the files that were complete before. A file already there is checked, not fetched again, and
 * never overwritten: if it fails its check, the message says to delete it.
 */
public final class Download {

    private Download() {}

    /** How long to wait for a server to accept the connection, and for each response. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Fetches each of {@code files} from {@code base} (a URL ending in "/", to which the file's
     * name is appended) into {@code folder}, reporting progress to {@code log}. Throws
     * {@link IllegalStateException} saying which file failed and why.
     */
    public static void files(URI base, Path folder, List<FashionMnist.File> files, PrintStream log) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (FashionMnist.File file : files) {
            Path target = folder.resolve(file.name());
            if (Files.exists(target)) {
                String found = sha256OfContent(target);
                if (!found.equals(file.sha256())) {
                    throw new IllegalStateException(target + " is already there but is not the expected file: the SHA-256 of its"
                            + " contents is " + found + ", expected " + file.sha256() + ". Delete it and run the download again.");
                }
                log.println("    " + file.name() + " is already there and checks out");
                continue;
            }
            URI from = base.resolve(file.name());
            log.println("    downloading " + from);
            Path part = folder.resolve(file.name() + ".part");
            try {
                fetch(client, from, part);
                String found = sha256OfContent(part);
                if (!found.equals(file.sha256())) {
                    throw new IllegalStateException("the download of " + from + " is damaged or not the published file: the SHA-256"
                            + " of its contents is " + found + ", expected " + file.sha256() + ". Nothing was kept; try again"
                            + " later or from another copy (./course data fashion-mnist --from URL).");
                }
                move(part, target);
                log.println("    " + file.name() + ": SHA-256 checks out");
            } finally {
                deleteQuietly(part);
            }
        }
    }

    private static void fetch(HttpClient client, URI from, Path to) {
        HttpRequest request = HttpRequest.newBuilder(from).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("could not download " + from + ": the server answered HTTP "
                            + response.statusCode() + (response.statusCode() == 404 ? " (not found)" : ""));
                }
                try (OutputStream out = Files.newOutputStream(to)) {
                    body.transferTo(out);
                }
            }
        } catch (ConnectException e) {
            throw new IllegalStateException("could not download " + from + ": no connection to " + from.getHost()
                    + (from.getPort() > 0 ? ":" + from.getPort() : "") + " (offline, or behind a proxy?)", e);
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("could not download " + from + ": no answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IllegalStateException("could not download " + from + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the download of " + from + " was interrupted", e);
        }
    }

    /**
     * The SHA-256 of a file's contents, in hexadecimal: of its decompressed bytes if it starts
     * with the gzip signature, else of its bytes. A damaged gzip file is reported as such.
     */
    public static String sha256OfContent(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = new DigestInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new IllegalStateException(file + " is damaged: its gzip stream cannot be read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is harmless: the next download overwrites it
        }
    }

    /**
     * {@code fashion-mnist [--to FOLDER] [--from URL]}: the command line of {@code ./course data}.
     * Without {@code --from}, the authors' site is tried, then their GitHub copy.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) System.exit(status);
    }

    /** {@link #main} without exiting: the exit status, 0 when every file is there and checks out. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String dataset = null, to = null, from = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--to") || arg.equals("--from")) && i + 1 < args.length) {
                if (arg.equals("--to")) to = args[++i];
                else from = args[++i];
            } else if (arg.startsWith("--")) {
                err.println("data: unknown option " + arg + " (usage: ./course data fashion-mnist [--to FOLDER] [--from URL])");
                return 2;
            } else if (dataset == null) {
                dataset = arg;
            } else {
                err.println("data: one dataset at a time, got " + dataset + " and " + arg);
                return 2;
            }
        }
        if (!"fashion-mnist".equals(dataset)) {
            err.println("data: " + (dataset == null ? "name a dataset" : "no dataset called '" + dataset + "'")
                    + "; the one to download is fashion-mnist (usage: ./course data fashion-mnist [--to FOLDER] [--from URL])");
            return 2;
        }
        if (to == null) {
            err.println("data: say where to put the files: --to FOLDER");
            return 2;
        }
        Path folder = Path.of(to);
        List<String> sources = from != null ? List.of(from) : List.of(FashionMnist.UPSTREAM_URL, FashionMnist.GITHUB_URL);
        for (String source : sources) {
            URI base = URI.create(source.endsWith("/") ? source : source + "/");
            out.println("Fashion-MNIST from " + base + " into " + folder);
            try {
                files(base, folder, FashionMnist.FILES, out);
                Path absolute = folder.toAbsolutePath();
                out.println("Fashion-MNIST is ready in " + folder + (absolute.getFileName().toString().equals(FashionMnist.FOLDER_NAME)
                        ? " (Datasets.fashionMnist() finds it when BACKPROP_DATA is " + absolute.getParent() + ")"
                        : " (FashionMnist.load(Path.of(\"" + absolute + "\")) reads it; Datasets.fashionMnist() looks in $BACKPROP_DATA/"
                                + FashionMnist.FOLDER_NAME + ")"));
                return 0;
            } catch (IllegalStateException | UncheckedIOException e) {
                err.println("data: " + e.getMessage());
                if (e.getMessage().contains("is already there") || e instanceof UncheckedIOException) return 1;
            }
        }
        err.println("data: Fashion-MNIST could not be downloaded" + (sources.size() > 1 ? " from any of its copies" : "")
                + ". On Debian or Ubuntu, sudo apt-get install dataset-fashion-mnist installs it instead.");
        return 1;
    }
}
