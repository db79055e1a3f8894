package backprop.plot;

import backprop.display.Displayable;
import backprop.display.Displays;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A picture drawn by the library (such as a {@link DigitGrid}) with a one-line description. A
 * notebook cell that ends with it shows the picture; where pictures cannot be shown, and in a
 * diff of the notebook, the description stands in (the same on every run, unlike a
 * {@code BufferedImage}'s default text, which carries a memory address).
 */
public final class ImagePicture implements Displayable {

    private final BufferedImage image;
    private final String description;

    ImagePicture(BufferedImage image, String description) {
        this.image = image;
        this.description = description;
    }

    /**
     * A picture drawn by hand (with Java's {@code Graphics2D}) and its one-line description:
     * {@code ImagePicture.of(image, "the weights of layer 1")}.
     */
    public static ImagePicture of(BufferedImage image, String description) {
        if (image == null) throw new IllegalArgumentException("the image is null");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("describe the picture in a line: it is what a diff and a terminal show");
        }
        return new ImagePicture(image, description);
    }

    /** The picture itself, e.g. to save with {@code ImageIO.write(picture.image(), "png", file)}. */
    public BufferedImage image() {
        return image;
    }

    /** The picture as PNG and its description as text. */
    @Override
    public Map<String, String> mimeBundle() {
        var bundle = new LinkedHashMap<String, String>();
        bundle.put("image/png", Displays.pngBase64(image));
        bundle.put("text/plain", description);
        return bundle;
    }

    /** The one-line description, with the picture's size. */
    @Override
    public String toString() {
        return description;
    }
}
