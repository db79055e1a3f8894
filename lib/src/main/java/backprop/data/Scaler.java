package backprop.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Rescales each feature, x′ = (x − shift) / scale, with shift and scale learned from the
 * training set only and then applied unchanged to the test set (learning them from the test set
 * would let the test leak into training).
 *
 * <pre>{@code
 * Scaler scaler = Scaler.standardize(split.train());   // mean 0, standard deviation 1 on train
 * Dataset train = scaler.apply(split.train());
 * Dataset test  = scaler.apply(split.test());           // the training set's shift and scale
 * }</pre>
 *
 * <p>Why scale at all: a sigmoid neuron whose inputs are in the hundreds starts out saturated,
 * where σ′ ≈ 0, and the error sent back to earlier layers is almost 0. A feature that is constant on the
 * training set keeps scale 1 (it is only shifted), so nothing is divided by zero.
 */
public final class Scaler {

    private final String kind;
    private final double[] shift;
    private final double[] scale;

    private Scaler(String kind, double[] shift, double[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    /** Each feature to mean 0 and standard deviation 1 on {@code train}. */
    public static Scaler standardize(Dataset train) {
        requireData(train);
        int n = train.size(), d = train.features();
        double[] mean = new double[d], std = new double[d];
        for (double[] row : train.x()) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        for (double[] row : train.x()) for (int j = 0; j < d; j++) std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
        return new Scaler("standardize", mean, std);
    }

    /** Each feature to the range [0, 1] on {@code train} (the test set may fall slightly outside). */
    public static Scaler minMax(Dataset train) {
        requireData(train);
        int d = train.features();
        double[] min = train.x()[0].clone(), max = train.x()[0].clone();
        for (double[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        double[] range = new double[d];
        for (int j = 0; j < d; j++) range[j] = max[j] > min[j] ? max[j] - min[j] : 1;
        return new Scaler("min-max", min, range);
    }

    /** The dataset with every feature rescaled (a new dataset; the labels are unchanged). */
    public Dataset apply(Dataset data) {
        requireData(data);
        if (data.features() != shift.length) {
            throw new IllegalArgumentException("this scaler was fitted on " + shift.length + " features, but dataset '"
                    + data.name() + "' has " + data.features());
        }
        double[][] x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) x[i] = apply(data.x()[i]);
        return new Dataset(data.name(), x, data.y(), data.featureNames(), data.classNames());
    }

    /** One example rescaled. */
    public double[] apply(double[] features) {
        if (features == null || features.length != shift.length) {
            throw new IllegalArgumentException("this scaler was fitted on " + shift.length + " features, got "
                    + (features == null ? "null" : features.length));
        }
        double[] out = new double[features.length];
        for (int j = 0; j < out.length; j++) out[j] = (features[j] - shift[j]) / scale[j];
        return out;
    }

    /** What is subtracted from each feature. */
    public double[] shift() {
        return shift.clone();
    }

    /** What each feature is then divided by. */
    public double[] scale() {
        return scale.clone();
    }

    private static void requireData(Dataset data) {
        if (data == null) throw new IllegalArgumentException("the dataset is null");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Scaler (%s) of %d features: shift %s, scale %s", kind, shift.length,
                abbreviate(shift), abbreviate(scale));
    }

    private static String abbreviate(double[] values) {
        var shown = Arrays.stream(values, 0, Math.min(4, values.length))
                .mapToObj(v -> String.format(Locale.ROOT, "%.4g", v)).toList();
        return "[" + String.join(", ", shown) + (values.length > 4 ? ", …]" : "]");
    }
}
