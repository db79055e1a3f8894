package backprop.nn;

/**
 * Thrown when the loss stops being a finite number during training: the steps have grown so
 * large that the weights overflowed. The message says where it happened and suggests a smaller
 * learning rate; {@link #history()} keeps the epochs completed before it.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient History history;

    TrainingDivergedException(String message, History history) {
        super(message);
        this.history = history;
    }

    /** The epochs completed before the loss stopped being finite. */
    public History history() {
        return history;
    }
}
