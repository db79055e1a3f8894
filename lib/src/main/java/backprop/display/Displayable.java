package backprop.display;

import java.util.Map;

/**
 * Something a notebook can show better than as text: a picture, a table, an interactive graph.
 *
 * <p>The library knows nothing about Jupyter or IJava. A picture only says what it looks like in
 * a few formats (its "MIME bundle"); the kit's kernel startup script hands that bundle to the
 * notebook, which picks the richest format it can show. A cell that ends with a
 * {@code Displayable} therefore shows the picture, not {@code backprop.graph.picture.GraphPicture@1b6d3586}.
 */
public interface Displayable {

    /**
     * The formats this object can be shown in, richest first: MIME type → content. Text formats
     * ({@code text/html}, {@code image/svg+xml}, {@code text/plain}) are given as text, images
     * ({@code image/png}) as base64. Always include {@code text/plain}: it is what a terminal or
     * a diff of the notebook shows.
     */
    Map<String, String> mimeBundle();
}
