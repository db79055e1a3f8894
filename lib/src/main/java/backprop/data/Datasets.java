package backprop.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Three small real datasets that come with the kit, as scikit-learn ships them (see the NOTICE
 * file for their sources, citations and licences).
 *
 * <pre>{@code
 * Dataset iris   = Datasets.iris();     // 150 flowers × 4 measurements, 3 species
 * Dataset wine   = Datasets.wine();     // 178 wines × 13 chemical measurements, 3 cultivars
 * Dataset digits = Datasets.digits();   // 1797 handwritten digits × 64 pixels (8×8, 0–16), 10 classes
 * Split fashion  = Datasets.fashionMnist();   // 60000 + 10000 photos of clothes × 784 pixels (28×28, 0–1)
 * }</pre>
 *
 * <p>The features are as measured, not rescaled: use a {@link Scaler} fitted on the training part.
 * (Fashion-MNIST's pixels are the exception: bytes 0–255 divided by 255, as images usually are.)
 */
public final class Datasets {

    private Datasets() {}

    /** Fisher's iris flowers: sepal and petal length and width in cm; setosa, versicolor, virginica. */
    public static Dataset iris() {
        return load("iris", "iris.csv", true,
                List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), null);
    }

    /** The UCI wine recognition data: 13 constituents of wines from three cultivars (class_0 … class_2). */
    public static Dataset wine() {
        return load("wine", "wine_data.csv", true, List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash",
                "magnesium", "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
                "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline"), null);
    }

    /**
     * The UCI optical handwritten digits (the test set): each example is an 8×8 image, row by row,
     * each pixel a count from 0 to 16; the classes are the digits 0 to 9.
     */
    public static Dataset digits() {
        var pixels = new ArrayList<String>();
        for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) pixels.add("pixel_" + r + "_" + c);
        var digits = new ArrayList<String>();
        for (int k = 0; k < 10; k++) digits.add(Integer.toString(k));
        return load("digits", "digits.csv.gz", false, pixels, digits);
    }

    /**
     * Fashion-MNIST, too large to ship in the library (30 MB): its 60 000 training and 10 000 test
     * images, each 28×28 pixels from 0 (background) to 1 (full ink), in ten classes of clothing.
     * It is read from the folder named by the environment variable BACKPROP_DATA (its
     * {@code fashion-mnist} subfolder), else from Debian's package {@code dataset-fashion-mnist};
     * if neither has it, the exception says how to get it. See {@link FashionMnist}.
     */
    public static Split fashionMnist() {
        return FashionMnist.load();
    }

    /**
     * A sample of Fashion-MNIST that ships with the library: 1000 training images (100 per class)
     * and 500 test images (50 per class), for exercises and quick experiments. See {@link FashionMnist#sample()}.
     */
    public static Split fashionMnistSample() {
        return FashionMnist.sample();
    }

    /**
     * Reads scikit-learn's format: numbers separated by commas, the class index last; with a
     * header, the first line is "examples,features,class names…".
     */
    private static Dataset load(String name, String resource, boolean header, List<String> features, List<String> classes) {
        try (InputStream raw = Datasets.class.getResourceAsStream(resource)) {
            if (raw == null) throw new IllegalStateException("the bundled dataset " + resource + " is missing from the library jar");
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            List<String> classNames = classes;
            int expected = -1;
            if (header) {
                String[] first = reader.readLine().split(",");
                expected = Integer.parseInt(first[0].trim());
                classNames = Arrays.stream(first, 2, first.length).map(String::trim).toList();
            }
            var x = new ArrayList<double[]>();
            var y = new ArrayList<Integer>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] fields = line.split(",");
                double[] row = new double[features.size()];
                for (int j = 0; j < row.length; j++) row[j] = Double.parseDouble(fields[j]);
                x.add(row);
                y.add((int) Double.parseDouble(fields[features.size()]));
            }
            if (expected >= 0 && expected != x.size()) {
                throw new IllegalStateException("the bundled " + resource + " promises " + expected + " examples but has " + x.size());
            }
            return new Dataset(name, x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(), features, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled dataset " + resource, e);
        }
    }
}
