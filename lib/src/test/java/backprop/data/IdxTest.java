package backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file of n images of rows × cols pixels, pixel p of image i being (i + p) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        var buffer = ByteBuffer.allocate(16 + n * rows * cols);
        buffer.putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) buffer.put((byte) (i + p));
        }
        return buffer.array();
    }

    /** An IDX file of labels. */
    static byte[] labels(int... labels) {
        var buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(Idx.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) buffer.put((byte) label);
        return buffer.array();
    }

    static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) {
        Path file = dir.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String problem(Runnable reading) {
        return assertThrows(IllegalArgumentException.class, reading::run).getMessage();
    }

    @Test
    void readsImagesAsIntensitiesFromZeroToOne() {
        Path file = write("images-idx3-ubyte", images(3, 2, 4));
        Idx.Images images = Idx.images(file);
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertArrayEquals(new double[] {0, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0, 5 / 255.0, 6 / 255.0, 7 / 255.0},
                images.pixels()[0], 0);
        assertEquals(2 / 255.0, images.pixels()[2][0], 0);
    }

    @Test
    void bytesAboveOneHundredTwentySevenAreUnsigned() {
        Path file = write("bright", images(1, 16, 16));
        double[] pixels = Idx.images(file).pixels()[0];
        assertEquals(1.0, pixels[255], 0);            // byte 0xff is full ink, not −1
        assertEquals(128 / 255.0, pixels[128], 0);
    }

    @Test
    void gzipFilesAreRecognisedByTheirFirstBytesNotTheirName() {
        byte[] plain = images(5, 3, 3);
        Idx.Images fromPlain = Idx.images(write("a", plain));
        Idx.Images fromGzip = Idx.images(write("b-without-gz-ending", gzip(plain)));
        assertTrue(Arrays.deepEquals(fromPlain.pixels(), fromGzip.pixels()));
        assertArrayEquals(new int[] {9, 0, 255}, Idx.labels(write("l.gz", gzip(labels(9, 0, 255)))));
    }

    @Test
    void aLabelFileIsNotAnImageFile() {
        Path file = write("train-labels-idx1-ubyte", labels(1, 2, 3));
        String message = problem(() -> Idx.images(file));
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("magic number is 0x00000801 (that of a file of labels), expected 0x00000803"), message);
        String other = problem(() -> Idx.labels(write("x", images(1, 1, 1))));
        assertTrue(other.contains("0x00000803 (that of a file of images), expected 0x00000801"), other);
    }

    @Test
    void aFileThatIsNotIdxAtAllNamesItsMagicNumber() {
        Path file = write("notes.txt", "hello, world".getBytes());
        String message = problem(() -> Idx.images(file));
        assertTrue(message.startsWith(file + " is not an IDX file of images: its magic number is 0x68656c6c"), message);
        assertTrue(problem(() -> Idx.labels(write("tiny", new byte[] {0, 0}))).contains("only 2 bytes"));
    }

    @Test
    void aTruncatedFileSaysHowManyImagesItHas() {
        byte[] whole = images(4, 2, 2);
        Path plain = write("cut", Arrays.copyOf(whole, whole.length - 1));
        String message = problem(() -> Idx.images(plain));
        assertEquals(plain + " is truncated: its header promises 4 images of 2×2 pixels, but it ends after 3 of them", message);
        String header = problem(() -> Idx.images(write("head", Arrays.copyOf(whole, 10))));
        assertTrue(header.contains("ends inside its header, before the number of rows"), header);
        byte[] labels = labels(1, 2, 3);
        String fewer = problem(() -> Idx.labels(write("labels", Arrays.copyOf(labels, labels.length - 2))));
        assertTrue(fewer.endsWith("promises 3 labels, but it has only 1"), fewer);
    }

    @Test
    void aTruncatedGzipFileIsReportedAsTruncated() {
        byte[] gz = gzip(images(50, 8, 8));
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        String message = problem(() -> Idx.images(file));
        assertTrue(message.startsWith(file + " is truncated"), message);
    }

    @Test
    void aCorruptGzipFileIsReportedAsDamaged() {
        byte[] gz = gzip(images(20, 8, 8));
        for (int i = 12; i < gz.length - 8; i += 7) gz[i] ^= 0x5a;   // scramble the deflate stream, keep the gzip header
        Path file = write("corrupt.gz", gz);
        String message = problem(() -> Idx.images(file));
        assertTrue(message.startsWith(file + " is a damaged gzip file") || message.startsWith(file + " is truncated"), message);
    }

    @Test
    void bytesAfterThePromisedImagesAreAnError() {
        byte[] whole = images(2, 2, 2);
        Path file = write("long", Arrays.copyOf(whole, whole.length + 3));
        assertTrue(problem(() -> Idx.images(file)).contains("bytes left over after the 2 images its header promises"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.gz");
        assertEquals("IDX file " + file + " does not exist", problem(() -> Idx.images(file)));
    }

    @Test
    void imagesAndLabelsBecomeADatasetWithPixelNames() {
        Path images = write("img", images(3, 2, 2));
        Path labels = write("lab", labels(2, 0, 1));
        Dataset data = Idx.dataset("tiny", images, labels, List.of("a", "b", "c"));
        assertEquals("Dataset tiny: 3 examples × 4 features, 3 classes", data.toString());
        assertEquals(List.of("pixel_0_0", "pixel_0_1", "pixel_1_0", "pixel_1_1"), data.featureNames());
        assertArrayEquals(new int[] {2, 0, 1}, data.y());
    }

    @Test
    void moreImagesThanLabelsIsAMismatchNamingBothFiles() {
        Path images = write("img", images(3, 2, 2));
        Path labels = write("lab", labels(2, 0));
        String message = problem(() -> Idx.dataset("tiny", images, labels, List.of("a", "b", "c")));
        assertEquals(images + " has 3 images but " + labels + " has 2 labels: the two files must come from the same set", message);
    }

    @Test
    void aLabelWithoutAClassIsNamedWithItsPosition() {
        Path images = write("img", images(3, 2, 2));
        Path labels = write("lab", labels(2, 7, 1));
        assertEquals(labels + ": label 1 is 7, but the classes are 0 to 2",
                problem(() -> Idx.dataset("tiny", images, labels, List.of("a", "b", "c"))));
    }
}
