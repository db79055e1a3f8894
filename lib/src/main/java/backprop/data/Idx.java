package backprop.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files in which MNIST and Fashion-MNIST are published: one file of images, one
 * of labels, plain or compressed with gzip.
 *
 * <pre>{@code
 * Idx.Images images = Idx.images(Path.of("train-images-idx3-ubyte.gz"));   // 60000 × 28×28
 * int[] labels = Idx.labels(Path.of("train-labels-idx1-ubyte.gz"));        // 60000 labels, 0 … 9
 * double ink = images.pixels()[0][14 * 28 + 14];                            // the first image's centre, 0 … 1
 * }</pre>
 *
 * <h2>The format</h2>
 * An IDX file is a header, then the numbers themselves, each an unsigned byte:
 * <pre>
 *   bytes 0–1   0x00 0x00
 *   byte  2     the type of the numbers: 0x08 = unsigned byte
 *   byte  3     the number of dimensions: 1 for labels, 3 for images
 *   then        one 4-byte size per dimension, most significant byte first:
 *               n (labels), or n, rows, columns (images)
 *   then        the numbers, the last dimension fastest: image after image, row after row
 * </pre>
 * Those first four bytes read as one number are the file's "magic number": 0x00000801 for
 * labels, 0x00000803 for images. A file that starts with the gzip signature 0x1f 0x8b is
 * decompressed on the fly, whatever its name.
 *
 * <p>Pixels become doubles from 0 (background) to 1 (full ink): the byte divided by 255. Each
 * image is read straight into its row, so reading n images needs little more than the n × rows
 * × columns doubles they end up as.
 *
 * <p>A file that is not what it claims is refused with a message that names it: the wrong magic
 * number (a label file given as images, a file that is not IDX at all), a file that ends before
 * the header's count of images, bytes left over after them, a damaged gzip stream.
 */
public final class Idx {

    /** The magic number of an IDX file of labels: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The magic number of an IDX file of images: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    private Idx() {}

    /**
     * Images read from an IDX file.
     *
     * @param rows   the height of each image in pixels
     * @param cols   the width of each image in pixels
     * @param pixels one row per image, its pixels row by row ({@code rows × cols} of them), each from 0 to 1
     */
    public record Images(int rows, int cols, double[][] pixels) {
        /** The number of images. */
        public int count() {
            return pixels.length;
        }
    }

    /** The images of an IDX file with magic number {@value #IMAGES_MAGIC} (0x00000803). */
    public static Images images(Path file) {
        try (DataInputStream in = open(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw problem(file.toString(), e);
        }
    }

    /**
     * The images of an IDX stream (plain or gzip), e.g. a resource; {@code name} stands for it
     * in messages. The stream is read to its end but not closed.
     */
    public static Images images(InputStream stream, String name) {
        try {
            return readImages(decompressed(stream), name);
        } catch (IOException e) {
            throw problem(name, e);
        }
    }

    private static Images readImages(DataInputStream in, String file) throws IOException {
        requireMagic(in, file, IMAGES_MAGIC, "images");
        int n = size(in, file, "number of images");
        int rows = size(in, file, "number of rows");
        int cols = size(in, file, "number of columns");
        if ((long) rows * cols > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException(file + ": images of " + rows + "×" + cols + " pixels are too large for this reader");
        }
        var images = new ArrayList<double[]>(Math.min(n, 1 << 16));
        byte[] bytes = new byte[rows * cols];
        for (int i = 0; i < n; i++) {
            if (!readFully(in, bytes)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s is truncated: its header promises %d images of %d×%d pixels, but it ends after %d of them",
                        file, n, rows, cols, i));
            }
            double[] image = new double[bytes.length];
            for (int p = 0; p < bytes.length; p++) image[p] = INTENSITY[bytes[p] & 0xff];
            images.add(image);
        }
        requireEnd(in, file, n + " images");
        return new Images(rows, cols, images.toArray(double[][]::new));
    }

    /** The labels of an IDX file with magic number {@value #LABELS_MAGIC} (0x00000801), each from 0 to 255. */
    public static int[] labels(Path file) {
        try (DataInputStream in = open(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw problem(file.toString(), e);
        }
    }

    /** The labels of an IDX stream (plain or gzip); {@code name} stands for it in messages. */
    public static int[] labels(InputStream stream, String name) {
        try {
            return readLabels(decompressed(stream), name);
        } catch (IOException e) {
            throw problem(name, e);
        }
    }

    private static int[] readLabels(DataInputStream in, String file) throws IOException {
        requireMagic(in, file, LABELS_MAGIC, "labels");
        int n = size(in, file, "number of labels");
        byte[] bytes = in.readNBytes(n);   // reads in chunks: a header that lies about n cannot make it allocate n bytes up front
        if (bytes.length < n) {
            throw new IllegalArgumentException(file + " is truncated: its header promises " + n + " labels, but it has only " + bytes.length);
        }
        requireEnd(in, file, n + " labels");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = bytes[i] & 0xff;
        return labels;
    }

    /**
     * A dataset from a file of images and a file of their labels: one example per image, one
     * feature per pixel (named {@code pixel_<row>_<column>}), the classes named by {@code classNames}.
     * The two files must hold as many images as labels, and every label must name a class.
     */
    public static Dataset dataset(String name, Path imagesFile, Path labelsFile, List<String> classNames) {
        return dataset(name, images(imagesFile), imagesFile.toString(), labels(labelsFile), labelsFile.toString(), classNames);
    }

    /** {@link #dataset(String, Path, Path, List)} from images and labels already read; the names stand for their files. */
    static Dataset dataset(String name, Images images, String imagesFile, int[] labels, String labelsFile, List<String> classNames) {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(imagesFile + " has " + images.count() + " images but " + labelsFile + " has "
                    + labels.length + " labels: the two files must come from the same set");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(labelsFile + ": label " + i + " is " + labels[i] + ", but the classes are 0 to "
                        + (classNames.size() - 1));
            }
        }
        var features = new ArrayList<String>(images.rows() * images.cols());
        for (int r = 0; r < images.rows(); r++) {
            for (int c = 0; c < images.cols(); c++) features.add("pixel_" + r + "_" + c);
        }
        return new Dataset(name, images.pixels(), labels, features, classNames);
    }

    // ------------------------------------------------------------------ reading

    /** byte value → pixel intensity from 0 to 1. */
    private static final double[] INTENSITY = new double[256];

    static {
        for (int v = 0; v < 256; v++) INTENSITY[v] = v / 255.0;
    }

    /** The file's bytes, decompressed if they start with the gzip signature. */
    private static DataInputStream open(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("the path of the IDX file is null");
        if (Files.isDirectory(file)) throw new IllegalArgumentException(file + " is a folder, not an IDX file");
        return decompressed(Files.newInputStream(file));
    }

    /** The stream's bytes, decompressed if they start with the gzip signature. */
    private static DataInputStream decompressed(InputStream stream) throws IOException {
        if (stream == null) throw new IllegalArgumentException("the IDX stream is null");
        InputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static void requireMagic(DataInputStream in, String file, int expected, String what) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new IllegalArgumentException(file + " is not an IDX file of " + what + ": it has only " + header.length
                    + " bytes, fewer than the 4 of the magic number");
        }
        int magic = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (magic != expected) {
            String guess = magic == LABELS_MAGIC ? " (that of a file of labels)"
                    : magic == IMAGES_MAGIC ? " (that of a file of images)"
                    : (header[0] == 0x1f && header[1] == (byte) 0x8b) ? " (a gzip file inside a gzip file?)"
                    : "";
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is not an IDX file of %s: its magic number is 0x%08x%s, expected 0x%08x", file, what, magic, guess, expected));
        }
    }

    private static int size(DataInputStream in, String file, String what) throws IOException {
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated: it ends inside its header, before the " + what);
        }
        if (size < 0) {
            throw new IllegalArgumentException(file + ": the header's " + what + " is " + Integer.toUnsignedLong(size)
                    + ", too large for this reader");
        }
        return size;
    }

    /** Fills {@code bytes}; false if the stream ends first. */
    private static boolean readFully(InputStream in, byte[] bytes) throws IOException {
        return in.readNBytes(bytes, 0, bytes.length) == bytes.length;
    }

    private static void requireEnd(InputStream in, String file, String promised) throws IOException {
        if (in.read() != -1) {
            throw new IllegalArgumentException(file + " has bytes left over after the " + promised
                    + " its header promises: the header or the file is wrong");
        }
    }

    private static RuntimeException problem(String file, IOException e) {
        if (e instanceof NoSuchFileException) return new IllegalArgumentException("IDX file " + file + " does not exist");
        if (e instanceof ZipException) {
            return new IllegalArgumentException(file + " is a damaged gzip file: " + e.getMessage(), e);
        }
        if (e instanceof EOFException) {
            return new IllegalArgumentException(file + " is truncated: its gzip stream ends early (" + e.getMessage() + ")", e);
        }
        return new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
}
