import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches the instructor's autograder package (the zip {@code ./course gradescope} builds) from a
 * pinned place, checks it against its SHA-256 checksum and unpacks it: the first step of grading
 * on a CI service or in a Kubernetes pod. It needs nothing but a JDK, which every grading image
 * has anyway (no curl, unzip or Python):
 *
 * <pre>
 * java grading/platforms/FetchAutograder.java --url URL --sha256 HEX --into DIR [--header "NAME: VALUE"]
 * </pre>
 *
 * <p>The checksum is what pins the package: a release asset can be replaced under the same tag,
 * its bytes cannot keep their checksum. A package that does not match is refused and nothing is
 * unpacked. {@code --header} sends a credential (GitLab's {@code JOB-TOKEN: …}, or
 * {@code Authorization: Bearer …} for a private server). A {@code file:} URL reads a local file.
 * Entries that would land outside DIR are refused.
 */
public final class FetchAutograder {

    private static final long LIMIT = 64L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        String url = null, sha256 = null, header = null;
        Path into = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--sha256" -> sha256 = args[i + 1].strip().toLowerCase(java.util.Locale.ROOT);
                case "--into" -> into = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--header" -> header = args[i + 1];
                default -> fail("unknown option " + args[i]);
            }
        }
        if (url == null || url.isBlank() || sha256 == null || into == null) {
            fail("usage: java FetchAutograder.java --url URL --sha256 HEX --into DIR [--header \"NAME: VALUE\"]");
        }
        if (!sha256.matches("[0-9a-f]{64}")) fail("--sha256 takes the package's 64 hexadecimal digits, got '" + sha256 + "'");
        byte[] bytes = download(url, header);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        if (!actual.equals(sha256)) {
            fail("the package at " + url + " has the checksum " + actual + ", not the pinned " + sha256
                    + ": it is not the package the instructor pinned, so nothing is graded with it");
        }
        unpack(bytes, into);
        System.out.println("autograder package " + url + " (sha256 " + sha256.substring(0, 12) + "…) unpacked into " + into);
    }

    private static byte[] download(String url, String header) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) return Files.readAllBytes(Path.of(uri));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", "application/octet-stream");
        if (header != null && !header.isBlank()) {
            int colon = header.indexOf(':');
            if (colon < 1) fail("--header takes \"NAME: VALUE\"");
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) fail("fetching " + url + " answered HTTP " + response.statusCode());
            byte[] bytes = in.readNBytes((int) LIMIT + 1);
            if (bytes.length > LIMIT) fail("the package at " + url + " is larger than " + LIMIT / (1024 * 1024) + " MB");
            return bytes;
        }
    }

    private static void unpack(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into) || target.equals(into)) {
                    if (target.equals(into)) continue;
                    fail("the package's entry " + entry.getName() + " points outside " + into + ": refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void fail(String message) {
        System.err.println("fetch-autograder: " + message);
        System.exit(2);
    }
}
