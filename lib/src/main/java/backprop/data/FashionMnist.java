package backprop.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST: 70 000 photographs of clothes from Zalando's shop, 28×28 grey pixels each, in
 * 10 classes; 60 000 to train on, 10 000 to test on (Xiao, Rasul and Vollgraf 2017,
 * arXiv:1708.07747; MIT licence). It is a drop-in for MNIST's handwritten digits, and harder.
 *
 * <pre>{@code
 * Split fashion = Datasets.fashionMnist();          // looks in BACKPROP_DATA, then Debian's folder
 * Dataset train = fashion.train();                  // 60000 examples × 784 pixels, 0 … 1
 * String name = train.classNames().get(train.y()[0]);   // "Ankle boot"
 * }</pre>
 *
 * <h2>Where the files are found</h2>
 * The four original IDX files (see {@link Idx}), gzip-compressed or not, in the first of these
 * folders that has them:
 * <ol>
 *   <li>{@code $BACKPROP_DATA/fashion-mnist}, where {@code ./course data fashion-mnist} downloads
 *       them ({@code BACKPROP_DATA} is the kit's {@code data/} folder unless you set it);</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist}, where Debian's and Ubuntu's package
 *       {@code dataset-fashion-mnist} installs them.</li>
 * </ol>
 * When neither has them, the message says where it looked and how to get them.
 */
public final class FashionMnist {

    private FashionMnist() {}

    /** The ten classes, label 0 first, as the dataset's authors name them. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Each image is SIDE × SIDE pixels. */
    public static final int SIDE = 28;

    /** The environment variable naming the folder that holds the kit's downloaded datasets. */
    public static final String DATA_VARIABLE = "BACKPROP_DATA";

    /** The folder inside {@code $BACKPROP_DATA}. */
    public static final String FOLDER_NAME = "fashion-mnist";

    /** Where Debian's package {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    /** Where the dataset's authors publish the files (their README's download links). */
    public static final String UPSTREAM_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** A copy of the same files in the authors' GitHub repository. */
    public static final String GITHUB_URL = "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/";

    /**
     * One of the four files.
     *
     * @param name    its name, compressed, as published
     * @param sha256  the SHA-256 of its decompressed bytes. Checking the decompressed bytes accepts
     *                any faithful copy: Debian's package recompressed the files, so its .gz files
     *                differ from the authors' while what they contain is identical.
     */
    public record File(String name, String sha256) {
        /** The name without ".gz". */
        public String plainName() {
            return name.replaceFirst("\\.gz$", "");
        }
    }

    public static final File TRAIN_IMAGES = new File("train-images-idx3-ubyte.gz",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
    public static final File TRAIN_LABELS = new File("train-labels-idx1-ubyte.gz",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
    public static final File TEST_IMAGES = new File("t10k-images-idx3-ubyte.gz",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
    public static final File TEST_LABELS = new File("t10k-labels-idx1-ubyte.gz",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** The four files, in the order they are downloaded. */
    public static final List<File> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** The dataset from the first folder that has all four files; see the class comment. */
    public static Split load() {
        return load(folder());
    }

    /** The dataset from the four files in {@code folder} (each either compressed or not). */
    public static Split load(Path folder) {
        if (folder == null) throw new IllegalArgumentException("the folder of the Fashion-MNIST files is null");
        Dataset train = Idx.dataset("fashion-mnist train", required(folder, TRAIN_IMAGES), required(folder, TRAIN_LABELS), CLASS_NAMES);
        Dataset test = Idx.dataset("fashion-mnist test", required(folder, TEST_IMAGES), required(folder, TEST_LABELS), CLASS_NAMES);
        return new Split(train, test);
    }

    private static Path required(Path folder, File file) {
        Path path = path(folder, file);
        if (path == null) {
            throw new IllegalArgumentException(folder + " has no " + file.name() + " (nor " + file.plainName() + "), one of Fashion-MNIST's four files");
        }
        return path;
    }

    /**
     * The first folder that holds the four files ({@code $BACKPROP_DATA/fashion-mnist}, then
     * Debian's); if none does, an {@link IllegalStateException} says where it looked and how to get them.
     */
    public static Path folder() {
        return find(System.getenv());
    }

    /**
     * A small sample that ships with the library: the first 100 training images of each class
     * (1000, in the training file's order) and the first 50 test images of each class (500).
     * For exercises and tests that must run anywhere, without the 30 MB of the full dataset.
     */
    public static Split sample() {
        return new Split(sampleSet("train", "fashion-mnist sample train"), sampleSet("t10k", "fashion-mnist sample test"));
    }

    private static Dataset sampleSet(String part, String name) {
        String images = "fashion-mnist-sample-" + part + "-images-idx3-ubyte.gz";
        String labels = "fashion-mnist-sample-" + part + "-labels-idx1-ubyte.gz";
        try (var imageStream = FashionMnist.class.getResourceAsStream(images);
             var labelStream = FashionMnist.class.getResourceAsStream(labels)) {
            if (imageStream == null || labelStream == null) {
                throw new IllegalStateException("the bundled Fashion-MNIST sample (" + images + ") is missing from the library jar");
            }
            return Idx.dataset(name, Idx.images(imageStream, images), images, Idx.labels(labelStream, labels), labels, CLASS_NAMES);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not read the bundled Fashion-MNIST sample", e);
        }
    }

    /** The folders looked in, in order, given the environment's variables. */
    static List<Path> candidates(Map<String, String> environment) {
        var folders = new ArrayList<Path>();
        String data = environment.get(DATA_VARIABLE);
        if (data != null && !data.isBlank()) folders.add(Path.of(data).resolve(FOLDER_NAME));
        folders.add(DEBIAN_FOLDER);
        return folders;
    }

    /**
     * The first folder of {@link #candidates} holding all four files. If none does, the message
     * lists each folder with what it lacks, and how to get the files.
     */
    static Path find(Map<String, String> environment) {
        return find(candidates(environment), environment.get(DATA_VARIABLE));
    }

    static Path find(List<Path> folders, String dataVariable) {
        var report = new StringBuilder();
        for (Path folder : folders) {
            var missing = new ArrayList<String>();
            for (File file : FILES) {
                if (path(folder, file) == null) missing.add(file.name());
            }
            if (missing.isEmpty()) return folder;
            report.append("\n  ").append(folder).append(": ")
                    .append(missing.size() == FILES.size() ? (Files.isDirectory(folder) ? "none of the files" : "no such folder")
                            : "missing " + String.join(", ", missing));
        }
        String variable = dataVariable == null || dataVariable.isBlank()
                ? DATA_VARIABLE + " is not set, so only Debian's folder was searched"
                : DATA_VARIABLE + " is " + dataVariable;
        throw new IllegalStateException("Fashion-MNIST is not on this machine (" + variable + "). Looked for its four files"
                + " (" + String.join(", ", FILES.stream().map(File::name).toList()) + ", each also without .gz) in:" + report
                + "\nTo get them:"
                + "\n  - anywhere: in the kit's folder run  ./course data fashion-mnist  (downloads about 30 MB into"
                + " data/fashion-mnist and checks each file's SHA-256; the kit's kernel sets " + DATA_VARIABLE + " to data/);"
                + "\n  - on Debian or Ubuntu:  sudo apt-get install dataset-fashion-mnist;"
                + "\n  - by hand: download the four files from " + UPSTREAM_URL + " (or " + GITHUB_URL + ") into a folder"
                + " named " + FOLDER_NAME + ", and set " + DATA_VARIABLE + " to the folder that contains it.");
    }

    /** The file in {@code folder}, compressed or not, or null if neither is there. */
    static Path path(Path folder, File file) {
        for (String name : List.of(file.name(), file.plainName())) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }
}
