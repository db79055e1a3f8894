package backprop.graph;

import java.awt.Color;
import java.util.List;

/**
 * The style sheet and the script of the interactive graph ({@link GraphPicture#html()}).
 *
 * <p>The SVG picture is drawn by Java; the page only switches classes on its groups
 * ({@code bp-done}, {@code bp-active}, {@code bp-current}, {@code bp-selected}) and the style
 * sheet below gives those classes their colours, the same as the Java drawing uses. The rules
 * need {@code !important} because the SVG carries its colours in {@code style} attributes.
 *
 * <p>The script finds its own block through {@code document.currentScript}, never through a
 * global id, so two graphs in one notebook (or an old output beside a new one) stay apart.
 */
final class Interactive {

    private Interactive() {}

    static final String HINT = "Click a value to see how its gradient is made; Step replays the backward pass.";

    static final String CSS = String.join("",
            ".bp-graph{font-family:sans-serif;margin:4px 0;color:", hex(GraphPainter.INK), "}",
            ".bp-graph .bp-controls{margin:0 0 6px 0}",
            ".bp-graph button{font:inherit;font-size:13px;padding:2px 14px;margin-right:4px;border:1px solid #9aa5b1;",
            "border-radius:4px;background:#f5f7fa;color:", hex(GraphPainter.INK), ";cursor:pointer}",
            ".bp-graph button:hover{background:#e4e7eb}",
            ".bp-graph .bp-status{margin-left:8px;font-size:13px;color:", hex(GraphPainter.MUTED), "}",
            ".bp-graph .bp-figure{height:auto !important;overflow:auto !important;max-width:100%}",
            ".bp-graph .bp-fallback{display:none !important}",
            ".bp-graph .bp-figure svg{display:block}",
            ".bp-graph .bp-panel{margin-top:6px;padding:6px 10px;border-left:3px solid ", hex(GraphPainter.CURRENT), ";",
            "background:#f8f9fb;font-size:13px;line-height:1.55;color:", hex(GraphPainter.INK), "}",
            ".bp-graph .bp-panel .bp-heading{font-weight:bold}",
            ".bp-graph .bp-panel .bp-formula{font-family:monospace;font-size:14px}",
            ".bp-graph .bp-node,.bp-graph .bp-op{cursor:pointer}",
            ".bp-graph .bp-node .bp-fill *{fill:", hex(GraphPainter.BOX), " !important}",
            ".bp-graph .bp-node.bp-done .bp-fill *{fill:", hex(GraphPainter.DONE), " !important}",
            ".bp-graph .bp-node .bp-outline *{stroke:", hex(GraphPainter.BOX_LINE), " !important;stroke-width:1.25px !important}",
            ".bp-graph .bp-node.bp-done .bp-outline *{stroke:", hex(GraphPainter.DONE_LINE), " !important}",
            ".bp-graph .bp-node:hover .bp-outline *,.bp-graph .bp-node.bp-selected .bp-outline *{stroke:#1a73e8 !important;",
            "stroke-width:2.5px !important}",
            ".bp-graph .bp-node.bp-active .bp-outline *{stroke:", hex(GraphPainter.CURRENT), " !important;stroke-width:2.5px !important}",
            ".bp-graph .bp-node .bp-grad-known{display:none}",
            ".bp-graph .bp-node .bp-grad-unknown{display:inline}",
            ".bp-graph .bp-node.bp-done .bp-grad-known{display:inline}",
            ".bp-graph .bp-node.bp-done .bp-grad-unknown{display:none}",
            ".bp-graph .bp-edge path{stroke:", hex(GraphPainter.EDGE), " !important;stroke-width:1.25px !important}",
            ".bp-graph .bp-edge.bp-seed path{stroke:", hex(GraphPainter.GRAD), " !important}",
            ".bp-graph .bp-edge.bp-current path{stroke:", hex(GraphPainter.CURRENT), " !important;stroke-width:3px !important}",
            ".bp-graph .bp-edge .bp-arrow path{fill:", hex(GraphPainter.EDGE), " !important;stroke:none !important}",
            ".bp-graph .bp-edge.bp-seed .bp-arrow path{fill:", hex(GraphPainter.GRAD), " !important}",
            ".bp-graph .bp-edge.bp-current .bp-arrow path{fill:", hex(GraphPainter.CURRENT), " !important}");

    /**
     * The script of one graph. {@code panels} holds, for each value (in node order), the lines
     * its panel shows: the first a heading, the third the chain rule in the course's notation.
     * {@code done} and {@code current} are the state the picture was drawn in.
     */
    static String script(List<List<String>> panels, int done, boolean current) {
        var data = new StringBuilder("[");
        for (int i = 0; i < panels.size(); i++) {
            if (i > 0) data.append(",\n");
            data.append('[');
            List<String> lines = panels.get(i);
            for (int j = 0; j < lines.size(); j++) {
                if (j > 0) data.append(',');
                data.append(jsString(lines.get(j)));
            }
            data.append(']');
        }
        data.append(']');
        return String.join("\n",
                "(function () {",
                "  var me = document.currentScript;",
                "  var root = me && me.parentNode;",
                "  if (!root || !root.classList || !root.classList.contains('bp-graph')) {",
                "    var all = document.querySelectorAll('div.bp-graph:not([data-bp-live])');",
                "    root = all.length ? all[all.length - 1] : null;",
                "  }",
                "  if (!root || root.hasAttribute('data-bp-live')) return;",
                "  root.setAttribute('data-bp-live', '');",
                "  var panels = " + data + ";",
                "  var steps = parseInt(root.getAttribute('data-steps'), 10);",
                "  var done = " + done + ", current = " + current + ";",
                "  var nodes = root.querySelectorAll('.bp-node');",
                "  var ops = root.querySelectorAll('.bp-op');",
                "  var edges = root.querySelectorAll('.bp-edge');",
                "  var panel = root.querySelector('.bp-panel');",
                "  var status = root.querySelector('.bp-status');",
                "  function mark(el, name, on) { if (on) el.classList.add(name); else el.classList.remove(name); }",
                "  function number(el, attribute) { return parseInt(el.getAttribute(attribute), 10); }",
                "  function render() {",
                "    var active = current ? done - 1 : -1;",
                "    for (var i = 0; i < nodes.length; i++) {",
                "      var n = number(nodes[i], 'data-node');",
                "      mark(nodes[i], 'bp-done', n < done);",
                "      mark(nodes[i], 'bp-active', n === active);",
                "    }",
                "    for (var e = 0; e < edges.length; e++) mark(edges[e], 'bp-current', number(edges[e], 'data-from') === active);",
                "    status.textContent = 'step ' + done + ' of ' + steps;",
                "  }",
                "  function show(n) {",
                "    for (var i = 0; i < nodes.length; i++) mark(nodes[i], 'bp-selected', number(nodes[i], 'data-node') === n);",
                "    panel.textContent = '';",
                "    var lines = panels[n];",
                "    for (var j = 0; j < lines.length; j++) {",
                "      var line = document.createElement('div');",
                "      line.className = j === 0 ? 'bp-heading' : j === 2 ? 'bp-formula' : 'bp-line';",
                "      line.textContent = lines[j];",
                "      panel.appendChild(line);",
                "    }",
                "  }",
                "  function hint() {",
                "    for (var i = 0; i < nodes.length; i++) mark(nodes[i], 'bp-selected', false);",
                "    panel.textContent = " + jsString(HINT) + ";",
                "  }",
                "  root.querySelector('button[data-action=\"step\"]').addEventListener('click', function () {",
                "    if (done >= steps) done = 0;",
                "    done += 1;",
                "    current = true;",
                "    render();",
                "    show(done - 1);",
                "  });",
                "  root.querySelector('button[data-action=\"reset\"]').addEventListener('click', function () {",
                "    done = 0;",
                "    current = false;",
                "    render();",
                "    hint();",
                "  });",
                "  function clickable(list) {",
                "    for (var i = 0; i < list.length; i++) {",
                "      list[i].addEventListener('click', function (event) { show(number(event.currentTarget, 'data-node')); });",
                "    }",
                "  }",
                "  clickable(nodes);",
                "  clickable(ops);",
                "  root.querySelector('.bp-controls').style.display = '';",
                "  panel.style.display = '';",
                "  render();",
                "})();");
    }

    /** A JavaScript string literal; {@code <}, {@code >} and {@code &} escaped so that no text can end the script. */
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

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
