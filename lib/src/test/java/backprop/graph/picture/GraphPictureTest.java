package backprop.graph.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.graph.Value;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class GraphPictureTest {

    /** f = (x + y) · z with q = x + y, at x = -2, y = 5, z = -4: the course's first graph. */
    static Value toy() {
        Value x = new Value(-2, "x"), y = new Value(5, "y"), z = new Value(-4, "z");
        Value q = x.plus(y).named("q");
        return q.times(z).named("f");
    }

    private static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** The groups of an SVG document that carry {@code cssClass} among their classes. */
    private static List<Element> groups(Document svg, String cssClass) {
        var found = new ArrayList<Element>();
        NodeList all = svg.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < all.getLength(); i++) {
            Element g = (Element) all.item(i);
            if (List.of(g.getAttribute("class").split(" ")).contains(cssClass)) found.add(g);
        }
        return found;
    }

    @Test
    void theSvgParsesAsXmlAndNamesEveryValue() throws Exception {
        Value f = toy();
        Document svg = parse(GraphPicture.backward(f).svg());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        List<Element> nodes = groups(svg, "bp-node");
        assertEquals(5, nodes.size());
        Set<String> names = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Element node : nodes) {
            names.add(node.getAttribute("data-name"));
            numbers.add(node.getAttribute("data-node"));
            assertTrue(node.getTextContent().contains(node.getAttribute("data-name")), "the box shows its name");
        }
        assertEquals(Set.of("x", "y", "z", "q", "f"), names);
        assertEquals(Set.of("0", "1", "2", "3", "4"), numbers);
        assertEquals(2, groups(svg, "bp-op").size());
        assertEquals(4 + 1, groups(svg, "bp-edge").size(), "four edges and the seed");
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("-12") && text.contains("∂f/∂value"), text);
    }

    @Test
    void theThreeStatesDifferAsTheyShould() throws Exception {
        Value f = toy();
        Document forward = parse(GraphPicture.forward(f).svg());
        assertEquals(0, groups(forward, "bp-done").size());
        assertEquals(0, groups(forward, "bp-seed").size(), "no backward pass, no seed");
        for (Element known : groups(forward, "bp-grad-known")) assertEquals("none", known.getAttribute("display"));

        Document after = parse(GraphPicture.backward(f).svg());
        assertEquals(5, groups(after, "bp-done").size());
        assertEquals(0, groups(after, "bp-current").size());
        for (Element unknown : groups(after, "bp-grad-unknown")) assertEquals("none", unknown.getAttribute("display"));

        Document step4 = parse(GraphPicture.atStep(f, 4).svg());   // step 4 finds ∂f/∂x through q
        assertEquals(4, groups(step4, "bp-done").size());
        List<Element> current = groups(step4, "bp-current");
        assertEquals(1, current.size());
        assertEquals("3", current.get(0).getAttribute("data-from"));   // x is node 3
        assertEquals("1", current.get(0).getAttribute("data-to"));     // q is node 1
        List<Element> active = groups(step4, "bp-active");
        assertEquals(1, active.size());
        assertEquals("x", active.get(0).getAttribute("data-name"));

        Document step1 = parse(GraphPicture.atStep(f, 1).svg());
        assertEquals("seed", groups(step1, "bp-current").get(0).getAttribute("data-to"));
        assertThrows(IllegalArgumentException.class, () -> GraphPicture.atStep(f, 6));
    }

    @Test
    void theInteractiveHtmlFollowsTheDomContract() throws Exception {
        String html = GraphPicture.backward(toy()).html();
        assertTrue(html.startsWith("<div class=\"bp-graph\" data-steps=\"5\">"), html.substring(0, 80));
        assertTrue(html.endsWith("</div>"));
        assertTrue(html.contains("<button data-action=\"step\">Step</button>"));
        assertTrue(html.contains("<button data-action=\"reset\">Reset</button>"));
        assertTrue(html.contains("<button data-action=\"end\" title=\"the finished backward pass\">End</button>"));
        assertTrue(html.contains("button[data-action=\"end\"]"), "the script handles End");
        assertTrue(html.contains("<span class=\"bp-status\">step 5 of 5</span>"));
        assertTrue(html.contains("<div class=\"bp-panel\""));
        assertTrue(html.contains("document.currentScript"), "the script finds its own block");
        assertFalse(html.matches("(?s).*(src|href)=[\"']?(https?:)?//.*"), "nothing from the network");
        assertEquals(1, count(html, "<script>"), "one script to run");
        assertEquals(1, count(html, "<script type=\"application/json\" class=\"bp-data\">"), "its data, before it");
        assertTrue(html.indexOf("class=\"bp-data\"") < html.indexOf("<script>"), "the data is in the page when the script runs");
        assertTrue(html.contains("∂f/∂x = ∂f/∂q · ∂(x + y)/∂x = -4 · 1 = -4"), "the panel's text for x is in the page");
        assertTrue(html.contains("local gradient ∂(x + y)/∂x = 1"), "the panel names the local gradient by its operation");
        assertTrue(html.contains("\"done\":5,\"current\":false"), "the state the picture was drawn in");
        assertTrue(html.contains("--bp-current:#e8710a;"), "the painter's colours reach the style sheet");

        // The static picture is part of the HTML: it shows where scripts are stripped.
        Matcher svg = Pattern.compile("(?s)<svg .*?</svg>").matcher(html);
        assertTrue(svg.find());
        assertEquals(5, groups(parse(svg.group()), "bp-node").size());
        // Where style sheets and SVG are removed too (JupyterLab's sanitizer), an image remains, at its
        // own size in a box that scrolls, and a line says to run the cell.
        int[] size = GraphPicture.backward(toy()).size();
        Matcher fallback = Pattern.compile("<div class=\"bp-fallback\" style=\"overflow-x:auto;max-width:100%\">"
                + "<img src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\" alt=\"([^\"]+)\""
                + " style=\"display:block;max-width:none;width:\\2px;height:\\3px\"></div>").matcher(html);
        assertTrue(fallback.find(), "a fallback image in the page");
        assertEquals(svg.group(), new String(Base64.getDecoder().decode(fallback.group(1)), StandardCharsets.UTF_8));
        assertEquals(List.of(size[0], size[1]), List.of(Integer.parseInt(fallback.group(2)), Integer.parseInt(fallback.group(3))));
        assertEquals("expression graph of f: 5 values, after the backward pass (5 steps)", fallback.group(4));
        assertTrue(html.contains("<div class=\"bp-figure\" style=\"height:0;overflow:hidden\">"));
        assertTrue(html.contains("class=\"bp-note\""), "a hint where the script has not run");
        assertTrue(html.contains(GraphPicture.RUN_HINT));
        assertTrue(html.indexOf("class=\"bp-note\"") < html.indexOf("class=\"bp-figure\""), "the hint comes before the picture");
        // The style sheet keeps the inline picture at its own size: a wide graph scrolls, it does not shrink.
        assertTrue(html.contains("max-width: none !important"), "the SVG is not shrunk to the page");
        assertTrue(html.contains("overflow-x: auto !important"), "a wide graph scrolls");
        // No script's text can end its element early.
        for (Matcher script = Pattern.compile("(?s)<script[^>]*>(.*?)</script>").matcher(html); script.find(); ) {
            assertFalse(script.group(1).contains("</"), "no text in a script or its data can close an element");
        }
        String withLessThan = GraphPicture.backward(new Value(1, "</script><b>").times(2).named("f")).html();
        assertEquals(2, count(withLessThan, "</script>"), "a name is escaped in the data");
    }

    @Test
    void aForwardPictureHasNothingToReplayAndTheSameFallback() {
        String html = GraphPicture.forward(toy()).html();
        assertTrue(html.startsWith("<div class=\"bp-graph-static\">"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("bp-note"), "nothing to click, so nothing to run first");
        assertTrue(html.contains("grad ?"));
        // Folded inline picture and an image: a sanitizer that strips SVG leaves a picture, not its bare text.
        assertTrue(html.contains("<div class=\"bp-figure\" style=\"height:0;overflow:hidden\"><svg "));
        assertTrue(html.contains("<div class=\"bp-fallback\" style=\"overflow-x:auto;max-width:100%\"><img src=\"data:image/svg+xml;base64,"));
        assertTrue(html.contains(".bp-graph-static .bp-fallback"), "its style sheet hides the image where the SVG shows");
    }

    @Test
    void aGraphTooLargeForAnSvgCopyFallsBackToItsPng() {
        // a sum of 64 inputs, added in pairs: wide enough for a long SVG, shallow enough for a small image
        List<Value> level = new ArrayList<>();
        for (int i = 0; i < 64; i++) level.add(new Value(i, "x" + i));
        while (level.size() > 1) {
            List<Value> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) next.add(level.get(i).plus(level.get(i + 1)).named("s" + level.size() + "_" + i));
            level = next;
        }
        Value v = level.get(0);
        String html = GraphPicture.forward(v).html();
        assertTrue(GraphPicture.forward(v).svg().length() > GraphPicture.MAX_FALLBACK,
                "the graph is large enough: " + GraphPicture.forward(v).svg().length());
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "a PNG stands in for a large SVG");
    }

    @Test
    void withoutItsLegendAPictureIsShorterAndDoesNotSayWhatTheNumbersAre() throws Exception {
        GraphPicture full = GraphPicture.backward(toy()), bare = full.withoutLegend();
        assertTrue(bare.size()[1] < full.size()[1], "shorter: " + bare.size()[1] + " vs " + full.size()[1]);
        assertFalse(parse(bare.svg()).getDocumentElement().getTextContent().contains("∂f/∂value"));
        assertEquals(full.toString(), bare.toString());
    }

    @Test
    void theOutputIsTheSameEveryTime() {
        Map<String, String> first = GraphPicture.backward(toy()).mimeBundle();
        Map<String, String> second = GraphPicture.backward(toy()).mimeBundle();
        assertEquals(first.get("text/html"), second.get("text/html"));
        assertEquals(first.get("text/plain"), second.get("text/plain"));
        assertFalse(first.get("text/html").matches("(?s).*@[0-9a-f]{6,}.*"), "no hash codes");
    }

    @Test
    void theMimeBundleHasHtmlPngAndText() throws Exception {
        GraphPicture picture = GraphPicture.atStep(toy(), 2);
        Map<String, String> bundle = picture.mimeBundle();
        assertEquals(List.of("text/html", "image/png", "text/plain"), List.copyOf(bundle.keySet()));
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertNotNull(image);
        assertEquals(picture.size()[0], image.getWidth());
        assertEquals(picture.size()[1], image.getHeight());
        assertEquals("""
                expression graph of f: 5 values, after step 2 of 5 of the backward pass
                  f = q × z = 3 × -4 = -12   grad 1
                  q = x + y = -2 + 5 = 3     grad -4
                  z = -4                     grad ?
                  x = -2                     grad ?
                  y = 5                      grad ?""", bundle.get("text/plain"));
    }

    @Test
    void theImageShowsTheGraphOnAWhiteBackground() {
        var image = GraphPicture.backward(toy()).image(2);
        assertEquals(0xffffff, image.getRGB(1, 1) & 0xffffff);
        int inked = 0;
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) inked++;
            }
        }
        assertTrue(inked > 1000, "boxes, edges and text are drawn: " + inked);
    }

    @Test
    void theLastRowAndColumnAreBackgroundAtAnyScale() {
        for (double scale : new double[] {1.0, 1.2, 1.7, 2.4}) {
            var image = GraphPicture.backward(toy()).image(scale);
            int bottom = image.getHeight() - 1, right = image.getWidth() - 1;
            for (int x = 0; x <= right; x++) {
                assertEquals(0xffffff, image.getRGB(x, bottom) & 0xffffff, "scale " + scale + ": pixel (" + x + ", " + bottom + ")");
            }
            for (int y = 0; y <= bottom; y++) {
                assertEquals(0xffffff, image.getRGB(right, y) & 0xffffff, "scale " + scale + ": pixel (" + right + ", " + y + ")");
            }
        }
    }

    @Test
    void everyOperationCanBeDrawnAndTraced() throws Exception {
        Value x = new Value(0.8, "x"), y = new Value(-1.5, "y");
        Value f = x.times(y).plus(x.div(y)).minus(x.neg()).plus(x.pow(2)).plus(x.exp()).plus(x.log())
                .plus(y.tanh()).plus(y.sigmoid()).plus(y.relu()).plus(x.max(y)).named("f");
        GraphPicture picture = GraphPicture.backward(f);
        Document svg = parse(picture.svg());
        assertEquals(f.topologicalOrder().size(), groups(svg, "bp-node").size());
        String html = picture.html();
        for (String op : List.of("×", "÷", "−", "^2", "exp", "log", "tanh", "σ", "ReLU", "max")) {
            assertTrue(svg.getDocumentElement().getTextContent().contains(op), op);
        }
        assertTrue(html.contains("local gradients of"), "the panels explain the local gradients");
        assertTrue(html.contains("(x ≥ y ? 1 : 0)"), "the max node's local gradient says which input wins");
    }

    @Test
    void aGraphTooBigToReadIsRefused() {
        Value v = new Value(1, "x");
        for (int i = 0; i < 600; i++) v = v.plus(1);
        Value big = v;
        var e = assertThrows(IllegalArgumentException.class, () -> GraphPicture.forward(big));
        assertTrue(e.getMessage().contains("1201 values"), e.getMessage());
    }

    @Test
    void aPictureKeepsTheNumbersOfItsMoment() {
        Value w = new Value(2, "w");
        Value f = w.times(w).named("f");
        GraphPicture before = GraphPicture.backward(f);
        String text = before.toString();
        w.setData(5);
        w.times(3).backward();
        assertEquals(text, before.toString());
        assertTrue(new String(before.svg().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains(">4<"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
