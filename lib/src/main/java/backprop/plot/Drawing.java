package backprop.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** What the hand-drawn pictures of this package share: a white canvas, the fonts, centred text. */
final class Drawing {

    private Drawing() {}

    /** Light grey for the parts of a picture that are context, not the point. */
    static final Color FAINT = new Color(0xBBBBBB);
    /** A pale fill for highlighted boxes and circles, in the family of {@link ChartStyle#ORANGE}. */
    static final Color PALE_ORANGE = new Color(0xFBE3B0);
    /** A pale fill for ordinary circles, in the family of {@link ChartStyle#BLUE}. */
    static final Color PALE_BLUE = new Color(0xE8F1FA);

    /** A white image of the given size and its graphics, with smooth lines and text. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    static Font plain(int size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }

    static Font bold(int size) {
        return new Font(Font.SANS_SERIF, Font.BOLD, size);
    }

    /** Writes {@code text} in the current font with its centre at (cx, cy). */
    static void centred(Graphics2D g, String text, double cx, double cy) {
        var metrics = g.getFontMetrics();
        g.drawString(text, (float) (cx - metrics.stringWidth(text) / 2.0),
                (float) (cy + (metrics.getAscent() - metrics.getDescent()) / 2.0));
    }

    /** Writes {@code text} in the current font, starting at x, centred vertically on cy. */
    static void leftAligned(Graphics2D g, String text, double x, double cy) {
        var metrics = g.getFontMetrics();
        g.drawString(text, (float) x, (float) (cy + (metrics.getAscent() - metrics.getDescent()) / 2.0));
    }
}
