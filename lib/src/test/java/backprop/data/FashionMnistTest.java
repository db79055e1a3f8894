package backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and loading Fashion-MNIST, on small made-up files (the tests never need the real data). */
class FashionMnistTest {

    @TempDir
    Path dir;

    /** A made-up Fashion-MNIST in {@code folder}: 6 training and 4 test images of 28×28, gzip-compressed or not. */
    static void fakeFashionMnist(Path folder, boolean compressed) throws IOException {
        Files.createDirectories(folder);
        write(folder, FashionMnist.TRAIN_IMAGES, IdxTest.images(6, 28, 28), compressed);
        write(folder, FashionMnist.TRAIN_LABELS, IdxTest.labels(9, 0, 0, 3, 0, 2), compressed);
        write(folder, FashionMnist.TEST_IMAGES, IdxTest.images(4, 28, 28), compressed);
        write(folder, FashionMnist.TEST_LABELS, IdxTest.labels(9, 2, 1, 1), compressed);
    }

    private static void write(Path folder, FashionMnist.File file, byte[] bytes, boolean compressed) throws IOException {
        if (compressed) Files.write(folder.resolve(file.name()), IdxTest.gzip(bytes));
        else Files.write(folder.resolve(file.plainName()), bytes);
    }

    @Test
    void loadsTrainAndTestWithTheClassNames() throws IOException {
        fakeFashionMnist(dir, true);
        Split split = FashionMnist.load(dir);
        assertEquals("Dataset fashion-mnist train: 6 examples × 784 features, 10 classes", split.train().toString());
        assertEquals(4, split.test().size());
        assertEquals("Ankle boot", split.train().classNames().get(split.train().y()[0]));
        assertEquals("T-shirt/top", FashionMnist.CLASS_NAMES.get(0));
        assertEquals("pixel_27_27", split.train().featureNames().get(783));
    }

    @Test
    void theBundledSampleHasOneHundredTrainingAndFiftyTestImagesPerClass() {
        Split sample = Datasets.fashionMnistSample();
        assertEquals("Dataset fashion-mnist sample train: 1000 examples × 784 features, 10 classes", sample.train().toString());
        assertEquals(500, sample.test().size());
        for (int count : sample.train().classCounts()) assertEquals(100, count);
        for (int count : sample.test().classCounts()) assertEquals(50, count);
        assertEquals("Ankle boot", sample.train().classNames().get(sample.train().y()[0]));   // the training file's first image
        double max = 0;
        for (double[] image : sample.train().x()) for (double v : image) max = Math.max(max, v);
        assertEquals(1.0, max, 0);
    }

    @Test
    void uncompressedFilesWorkToo() throws IOException {
        fakeFashionMnist(dir, false);
        assertEquals(6, FashionMnist.load(dir).train().size());
    }

    @Test
    void backpropDataComesFirstThenDebiansFolder() throws IOException {
        Path data = dir.resolve("data");
        assertEquals(List.of(data.resolve("fashion-mnist"), FashionMnist.DEBIAN_FOLDER),
                FashionMnist.candidates(Map.of("BACKPROP_DATA", data.toString())));
        assertEquals(List.of(FashionMnist.DEBIAN_FOLDER), FashionMnist.candidates(Map.of()));
        fakeFashionMnist(data.resolve("fashion-mnist"), true);
        assertEquals(data.resolve("fashion-mnist"), FashionMnist.find(Map.of("BACKPROP_DATA", data.toString())));
    }

    @Test
    void whenNoFolderHasTheFilesTheMessageSaysWhereItLookedAndHowToGetThem() throws IOException {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Path partial = dir.resolve("partial");
        fakeFashionMnist(partial, true);
        Files.delete(partial.resolve(FashionMnist.TEST_LABELS.name()));
        Path absent = dir.resolve("absent");
        var thrown = assertThrows(IllegalStateException.class,
                () -> FashionMnist.find(List.of(empty, partial, absent), "/somewhere"));
        String message = thrown.getMessage();
        assertTrue(message.startsWith("Fashion-MNIST is not on this machine (BACKPROP_DATA is /somewhere)."), message);
        assertTrue(message.contains(empty + ": none of the files"), message);
        assertTrue(message.contains(partial + ": missing t10k-labels-idx1-ubyte.gz"), message);
        assertTrue(message.contains(absent + ": no such folder"), message);
        assertTrue(message.contains("./course data fashion-mnist"), message);
        assertTrue(message.contains("sudo apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains(FashionMnist.UPSTREAM_URL), message);
        String unset = assertThrows(IllegalStateException.class, () -> FashionMnist.find(List.of(absent), null)).getMessage();
        assertTrue(unset.contains("BACKPROP_DATA is not set"), unset);
    }

    @Test
    void loadingAFolderWithoutTheFilesNamesTheMissingOne() throws IOException {
        fakeFashionMnist(dir, true);
        Files.delete(dir.resolve(FashionMnist.TRAIN_LABELS.name()));
        var thrown = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertEquals(dir + " has no train-labels-idx1-ubyte.gz (nor train-labels-idx1-ubyte), one of Fashion-MNIST's four files",
                thrown.getMessage());
    }
}
