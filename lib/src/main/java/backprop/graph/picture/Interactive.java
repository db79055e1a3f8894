package backprop.graph.picture;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of the interactive graph ({@link GraphPicture#html()}) that are not the picture: its
 * style sheet and its script, kept as the resources {@code graph.css} and {@code graph.js} beside
 * this class, and the data the script reads, as JSON.
 *
 * <p>The colours the style sheet gives the picture's classes are those of {@link GraphPainter},
 * handed over as CSS custom properties ({@code --bp-ink}, …): one palette for the page and the PNG.
 */
final class Interactive {

    private Interactive() {}

    static final String HINT = "Click a value to see how its gradient is made; Step replays the backward pass.";

    /** The painter's colours under the names the style sheet uses. */
    private static final Map<String, Color> PALETTE = Map.of(
            "ink", GraphPainter.INK, "muted", GraphPainter.MUTED, "grad", GraphPainter.GRAD,
            "box", GraphPainter.BOX, "box-line", GraphPainter.BOX_LINE, "done", GraphPainter.DONE,
            "done-line", GraphPainter.DONE_LINE, "current", GraphPainter.CURRENT, "edge", GraphPainter.EDGE);

    static final String CSS = PALETTE.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "--bp-" + e.getKey() + ":" + hex(e.getValue()))
            .collect(Collectors.joining(";", ".bp-graph{", "}\n")) + resource("graph.css");

    static final String SCRIPT = resource("graph.js");

    /**
     * What the script shows, as JSON: for each value (in node order) the lines its panel shows,
     * the first a heading, the third the chain rule in the course's notation; {@code done} and
     * {@code current}, the state the picture was drawn in; and the hint.
     */
    static String data(List<List<String>> panels, int done, boolean current) {
        String lists = panels.stream()
                .map(lines -> lines.stream().map(Interactive::jsString).collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(",\n", "[", "]"));
        return "{\"done\":" + done + ",\"current\":" + current + ",\"hint\":" + jsString(HINT) + ",\"panels\":" + lists + "}";
    }

    /**
     * A JSON (and JavaScript) string literal; {@code <}, {@code >} and {@code &} escaped so that
     * no text can end the script element it stands in.
     */
    static String jsString(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
                    else out.append(ch);
                }
            }
        }
        return out.append('"').toString();
    }

    private static String resource(String name) {
        try (InputStream in = Interactive.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the resource " + name + " is missing beside " + Interactive.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + name, e);
        }
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
