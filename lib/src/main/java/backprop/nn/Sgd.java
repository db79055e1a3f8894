package backprop.nn;

/**
 * How to train: mini-batch stochastic gradient descent, optionally with momentum and L2 weight decay.
 *
 * <pre>{@code
 * Sgd sgd = Sgd.of(0.5, 32, 30);                   // learning rate η, batch size, epochs
 * Sgd tuned = sgd.withMomentum(0.9).withL2(1e-4).withSeed(7);
 * Sgd inOrder = sgd.withoutShuffling();            // the examples in the dataset's order, every epoch
 * }</pre>
 *
 * <p>Each epoch shuffles the training examples (seeded: the same seed gives the same order and so
 * the same trained network), unless {@link #withoutShuffling()} asks for the dataset's own order,
 * cuts them into batches of {@code batchSize} (the last may be smaller) and takes one step per batch:
 * <pre>
 *   v ← μ v − η (∂C/∂W + λ W)        W ← W + v
 *   u ← μ u − η ∂C/∂b               b ← b + u
 * </pre>
 * With momentum μ = 0 and λ = 0 that is plain gradient descent, W ← W − η ∂C/∂W. The L2 term is
 * the gradient of (λ/2) Σ w² added to the batch's mean cost; biases are not decayed.
 *
 * @param learningRate η, the step size: greater than 0
 * @param batchSize    examples per step: at least 1
 * @param epochs       passes over the training set: at least 1
 * @param momentum     μ, from 0 (none) up to but excluding 1
 * @param l2           λ, the weight decay: 0 or more
 * @param seed         the seed of the shuffling
 * @param shuffle      whether each epoch shuffles the examples (true) or takes them in the dataset's order
 */
public record Sgd(double learningRate, int batchSize, int epochs, double momentum, double l2, long seed, boolean shuffle) {

    public Sgd {
        requireLearningRate(learningRate);
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, got " + epochs);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be at least 0 and less than 1, got " + momentum);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("the L2 weight decay must be a number ≥ 0, got " + l2);
        }
    }

    /** Settings that shuffle every epoch. */
    public Sgd(double learningRate, int batchSize, int epochs, double momentum, double l2, long seed) {
        this(learningRate, batchSize, epochs, momentum, l2, seed, true);
    }

    /** Plain mini-batch SGD: no momentum, no weight decay, shuffling seed 0. */
    public static Sgd of(double learningRate, int batchSize, int epochs) {
        return new Sgd(learningRate, batchSize, epochs, 0, 0, 0, true);
    }

    /** The same, with momentum μ. */
    public Sgd withMomentum(double momentum) {
        return new Sgd(learningRate, batchSize, epochs, momentum, l2, seed, shuffle);
    }

    /** The same, with L2 weight decay λ. */
    public Sgd withL2(double l2) {
        return new Sgd(learningRate, batchSize, epochs, momentum, l2, seed, shuffle);
    }

    /** The same, with another shuffling seed. */
    public Sgd withSeed(long seed) {
        return new Sgd(learningRate, batchSize, epochs, momentum, l2, seed, shuffle);
    }

    /** The same, for another number of epochs. */
    public Sgd withEpochs(int epochs) {
        return new Sgd(learningRate, batchSize, epochs, momentum, l2, seed, shuffle);
    }

    /**
     * The same, taking the examples in the dataset's order every epoch instead of shuffling them:
     * to reproduce an experiment that trains this way (many from-scratch tutorials do).
     */
    public Sgd withoutShuffling() {
        return new Sgd(learningRate, batchSize, epochs, momentum, l2, seed, false);
    }

    /**
     * The course's one check of a learning rate η: a positive, finite number. Returns it.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static double requireLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + learningRate);
        }
        return learningRate;
    }
}
