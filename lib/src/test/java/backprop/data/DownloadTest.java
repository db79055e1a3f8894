package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a small HTTP server on 127.0.0.1 that serves made-up IDX files. */
class DownloadTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    private static final byte[] IMAGES = IdxTest.gzip(IdxTest.images(3, 28, 28));
    private static final byte[] LABELS = IdxTest.gzip(IdxTest.labels(1, 2, 3));
    private static final FashionMnist.File IMAGES_FILE = new FashionMnist.File("images.gz", sha256(IdxTest.images(3, 28, 28)));
    private static final FashionMnist.File LABELS_FILE = new FashionMnist.File("labels.gz", sha256(IdxTest.labels(1, 2, 3)));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void downloadsEachFileAndChecksItsContents() throws IOException {
        served.put("data/images.gz", IMAGES);
        served.put("data/labels.gz", LABELS);
        Path folder = dir.resolve("fashion");
        Download.files(base(), folder, List.of(IMAGES_FILE, LABELS_FILE), log);
        assertArrayEquals(IMAGES, Files.readAllBytes(folder.resolve("images.gz")));
        assertArrayEquals(new int[] {1, 2, 3}, Idx.labels(folder.resolve("labels.gz")));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("labels.gz: SHA-256 checks out"));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "no .part file is left behind");
        }
    }

    @Test
    void aCorruptFileIsRefusedAndNotKept() throws IOException {
        byte[] other = IdxTest.images(3, 28, 28);
        other[100] = 42;                                      // one pixel changed: a valid gzip file with other contents
        served.put("data/images.gz", IdxTest.gzip(other));
        served.put("data/labels.gz", LABELS);
        Path folder = dir.resolve("fashion");
        var thrown = assertThrows(IllegalStateException.class,
                () -> Download.files(base(), folder, List.of(LABELS_FILE, IMAGES_FILE), log));
        String message = thrown.getMessage();
        assertTrue(message.startsWith("the download of " + base() + "images.gz is damaged or not the published file"), message);
        assertTrue(message.contains("expected " + IMAGES_FILE.sha256()), message);
        assertTrue(message.contains(sha256(other)), message);
        assertFalse(Files.exists(folder.resolve("images.gz")));
        assertFalse(Files.exists(folder.resolve("images.gz.part")));
        assertTrue(Files.exists(folder.resolve("labels.gz")), "the file that checked out is kept");
    }

    @Test
    void aTruncatedGzipDownloadIsReportedAsDamaged() {
        served.put("data/images.gz", java.util.Arrays.copyOf(IMAGES, IMAGES.length / 2));
        Path folder = dir.resolve("fashion");
        var thrown = assertThrows(IllegalStateException.class, () -> Download.files(base(), folder, List.of(IMAGES_FILE), log));
        assertTrue(thrown.getMessage().contains("images.gz.part is damaged: its gzip stream cannot be read"), thrown.getMessage());
        assertFalse(Files.exists(folder.resolve("images.gz")));
    }

    @Test
    void aMissingFileOnTheServerNamesTheStatus() {
        var thrown = assertThrows(IllegalStateException.class,
                () -> Download.files(base(), dir, List.of(IMAGES_FILE), log));
        assertEquals("could not download " + base() + "images.gz: the server answered HTTP 404 (not found)", thrown.getMessage());
    }

    @Test
    void noServerAtAllSaysThereIsNoConnection() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
        var thrown = assertThrows(IllegalStateException.class, () -> Download.files(nowhere, dir, List.of(IMAGES_FILE), log));
        assertTrue(thrown.getMessage().contains("no connection to 127.0.0.1:" + closedPort), thrown.getMessage());
    }

    @Test
    void aFileAlreadyThereIsCheckedNotFetchedAgain() throws IOException {
        served.put("data/images.gz", IMAGES);
        Files.write(dir.resolve("images.gz"), IMAGES);
        Download.files(base(), dir, List.of(IMAGES_FILE), log);
        assertEquals(0, requests.get());
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("images.gz is already there and checks out"));
    }

    @Test
    void aDifferentFileAlreadyThereIsNeverOverwritten() throws IOException {
        served.put("data/images.gz", IMAGES);
        byte[] mine = "my own notes".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("images.gz"), mine);
        var thrown = assertThrows(IllegalStateException.class, () -> Download.files(base(), dir, List.of(IMAGES_FILE), log));
        assertTrue(thrown.getMessage().contains("is already there but is not the expected file"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("Delete it and run the download again"), thrown.getMessage());
        assertArrayEquals(mine, Files.readAllBytes(dir.resolve("images.gz")));
        assertEquals(0, requests.get());
    }

    @Test
    void theRealChecksumsAreThoseOfTheDecompressedFiles() throws IOException {
        Path plain = dir.resolve("labels");
        Files.write(plain, IdxTest.labels(1, 2, 3));
        Path gz = dir.resolve("labels.gz");
        Files.write(gz, LABELS);
        assertEquals(Download.sha256OfContent(plain), Download.sha256OfContent(gz));
        assertEquals(LABELS_FILE.sha256(), Download.sha256OfContent(gz));
    }

    @Test
    void theCommandLineNeedsTheDatasetAndAFolder() {
        var err = new ByteArrayOutputStream();
        var errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Download.run(new String[] {"mnist", "--to", dir.toString()}, log, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no dataset called 'mnist'; the one to download is fashion-mnist"));
        assertEquals(2, Download.run(new String[] {"fashion-mnist"}, log, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--to FOLDER"));
        assertEquals(2, Download.run(new String[] {"fashion-mnist", "--fast"}, log, errors));
    }

    @Test
    void theCommandLineFailsWithAMessageWhenTheServerHasNoFiles() {
        var err = new ByteArrayOutputStream();
        var errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Download.run(new String[] {"fashion-mnist", "--to", dir.toString(), "--from", base().toString()}, log, errors);
        assertEquals(1, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("train-images-idx3-ubyte.gz: the server answered HTTP 404"), text);
        assertTrue(text.contains("sudo apt-get install dataset-fashion-mnist"), text);
    }
}
