#!/usr/bin/env python3
"""The kit in a real browser: JupyterLab in headless Chromium, driven by Playwright.

    python tools/browser_test.py [--notebook PATH] [--chromium PATH]

It starts JupyterLab exactly as a student does (`./course lab --no-browser`), on a folder laid
out like the kit (notebooks/, and the files the notebook links to), opens the expression-graph
notebook, checks that the kit kernel is the notebook's kernel, runs all cells from the Run menu,
waits until every cell has finished and then checks what a student would see:

1. no cell shows an error or writes to stderr;
2. an XChart chart is shown as an image;
3. the interactive expression graph is shown (its nodes, panel, buttons and status);
4. clicking a node fills the panel with that node's gradient;
5. Step advances the backward pass one step at a time to the end, Reset starts it over, and
   End brings back the finished picture the graph started with;
6. no graph text is smaller than 12 pixels on the screen (a wide graph scrolls, it is not shrunk);
7. the notebook's link to its exercise file opens the file in JupyterLab's editor, and an edit
   typed there is saved to the file;
8. every relative link in every notebook of the course leads to a file of the kit;
9. a notebook as committed, opened without running it (an untrusted notebook: no scripts, no
   style sheets, no SVG), still shows every graph as a picture, at full size, with the hint to
   run the cell;
10. every notebook as committed, rendered by `nbconvert --to html` (what a reader of a web page
    sees), shows every picture: images loaded, graphs drawn, graph text of 12 pixels or more.

The graph is checked through its DOM contract (the same one the graph's HTML follows): root
`.bp-graph[data-steps]`, nodes `g.bp-node[data-node][data-name]`, `.bp-panel`,
`button[data-action=step|reset|end]`, `.bp-status` ("step k of S"), class `bp-done` on nodes whose
gradient is known and `bp-current` on the edge being used; a forward-only picture is a
`.bp-graph-static`. Where scripts do not run, `.bp-fallback` holds the picture as an image and
`.bp-note` the hint to run the cell.

JupyterLab opens copies under target/browser/lab/, so its autosave and the test's edits never
touch the kit's own files, and runs with a configuration folder of its own under target/browser/,
so the user's JupyterLab settings and workspaces neither affect the test nor get changed by it
(and no notebook counts as trusted there). Screenshots go to target/browser/. JupyterLab is shut
down at the end, pass or fail.

Chromium is the system's own (Debian: apt-get install chromium): Playwright's browser download
is not needed. Prints one line per check and closes with `browser: N passed, M failed`.
"""
import argparse
import base64
import contextlib
import json
import os
import re
import shutil
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)
import kitlab  # noqa: E402

KIT = Path(__file__).resolve().parent.parent
NOTEBOOKS = KIT / "notebooks"
TARGET_NOTEBOOK = NOTEBOOKS / "02-expression-graph.ipynb"
STATIC_NOTEBOOK = NOTEBOOKS / "04-four-equations.ipynb"     # the largest graph, and both kinds of picture
FIXTURE_NOTEBOOK = KIT / "tools" / "browser" / "fixture.ipynb"
KERNEL_DISPLAY_NAME = kitenv.KERNEL_DISPLAY_NAME
CHROMIUM_NAMES = ("chromium", "chromium-browser")
MIN_TEXT_PX = 12.0          # the smallest graph text a reader should have to read

# Without the background-networking flags Chromium keeps calling home, and on a closed network
# every one of those calls fails and is retried. --no-sandbox is added only when running as root.
CHROMIUM_FLAGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--disable-quic", "--no-first-run",
                  "--no-default-browser-check"]

# JupyterLab settings for the test's own configuration folder: no news or update checks (they
# would ask the network and pop up a notification over the screenshots), and every cell kept in
# the page (JupyterLab otherwise leaves cells far from the screen out, and their outputs could
# not be measured).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
# Notebook signatures kept in memory only: a notebook this server did not run is untrusted, as a
# fresh clone's notebooks are for a student, even if the user's own JupyterLab once trusted it.
SERVER_CONFIG = {"NotebookNotary": {"db_file": ":memory:"}}

UI_TIMEOUT_MS = 20_000   # how long a click or a look-up in the page may take

CHECKS = ["no errors", "chart", "graph shown", "click a node", "step", "graph text", "exercise link",
          "links", "committed pictures", "web page pictures"]

# The smallest graph text in a part of the page, in screen pixels, and how many texts were measured.
# SVG text sizes are in the SVG's own units; getScreenCTM() scales them to the screen, so a graph
# shrunk to fit its column shows up here with a small size. Hidden text (display:none) is skipped.
TEXT_SIZES_JS = """(roots) => {
  let min = Infinity, count = 0;
  for (const root of roots) {
    for (const t of root.querySelectorAll('svg text')) {
      const box = t.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const ctm = t.getScreenCTM();
      if (!ctm) continue;
      min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b));
      count++;
    }
  }
  return [count ? min : null, count];
}"""


class CheckFailed(Exception):
    pass


def first_line(problem: Exception) -> str:
    """The gist of an error: Playwright's messages go on with a long call log."""
    text = str(problem).strip()
    return text.splitlines()[0] if text else type(problem).__name__


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def find_chromium(given):
    """The Chromium to drive: --chromium, $CHROMIUM, or chromium / chromium-browser on PATH."""
    for candidate in (given, os.environ.get("CHROMIUM")):
        if candidate:
            return shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def default_notebook() -> Path:
    return TARGET_NOTEBOOK if TARGET_NOTEBOOK.exists() else FIXTURE_NOTEBOOK


def shown(path: Path) -> str:
    return str(path.relative_to(KIT)) if path.is_relative_to(KIT) else str(path)


# ---------------------------------------------------------------- links in notebooks

MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def relative_links(notebook: Path, folder: Path = None) -> list:
    """The relative links of a notebook's Markdown cells, as (target as written, resolved path),
    resolved against the notebook's folder, or against `folder` for a notebook that will live there."""
    folder = folder or notebook.parent
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for target in MARKDOWN_LINK.findall(source):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
                continue   # a web address, an anchor in the same notebook, or an absolute path
            path = urllib.parse.unquote(target.split("#")[0])
            if path:
                found.append((target, (folder / path).resolve()))
    return found


def course_notebooks() -> list:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb")) if NOTEBOOKS.is_dir() else []


# ---------------------------------------------------------------- the folder JupyterLab serves

def prepare_lab_folder(notebook: Path, out: Path, kernel: str):
    """Lays out a folder like the kit's for JupyterLab to serve: the notebook (its outputs
    removed) in notebooks/, the notebook as committed for the untrusted view, the exercises, and a
    copy of every file the notebook links to at the same place relative to it. Returns (folder,
    copy, code cells)."""
    folder = out / "lab"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "notebooks").mkdir(parents=True)
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    # No committed outputs: everything the checks see must come from this run (and a committed
    # "[3]:" prompt must not pass for a cell that has run).
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    # The kit kernel, whatever the file says: the test is about the kit's kernel.
    nb.setdefault("metadata", {})["kernelspec"] = {"name": kernel, "display_name": KERNEL_DISPLAY_NAME,
                                                   "language": "java"}
    copy = folder / "notebooks" / notebook.name
    copy.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    data = notebook.parent / "data"   # course notebooks read their CSV files from data/ beside them
    if data.is_dir():
        (folder / "notebooks" / "data").symlink_to(data.resolve(), target_is_directory=True)
    if STATIC_NOTEBOOK.exists() and STATIC_NOTEBOOK.name != notebook.name:
        shutil.copy(STATIC_NOTEBOOK, folder / "notebooks" / STATIC_NOTEBOOK.name)
    # The exercises, copied whole: the notebook's last cell checks them (Check.chapter finds the
    # kit as the nearest folder holding exercises/), and the test edits one of them.
    if (KIT / "exercises").is_dir():
        shutil.copytree(KIT / "exercises", folder / "exercises", ignore=shutil.ignore_patterns("target"))
    # The other linked files, copied: the test must not edit the kit's own. The
    # links are read as the copy will read them, from notebooks/ (the fixture lives elsewhere).
    for _, target in relative_links(notebook, NOTEBOOKS):
        if target.is_file() and target.suffix != ".ipynb" and target.is_relative_to(KIT):
            place = folder / target.relative_to(KIT)
            if not place.exists():
                place.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(target, place)
    return folder, copy, sum(1 for cell in nb["cells"] if cell["cell_type"] == "code")


def prepare_lab_config(out: Path) -> Path:
    config = out / "jupyter-config"
    shutil.rmtree(config, ignore_errors=True)
    for name, values in LAB_SETTINGS.items():
        path = config / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    (config / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG), encoding="utf-8")
    return config


class Report:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def ok(self, message: str) -> None:
        self.passed += 1
        print(f"    ok {message}", flush=True)

    def fail(self, name: str, message: str) -> None:
        self.failed += 1
        print(f"    FAILED {name}: {message}", flush=True)


# ---------------------------------------------------------------- JupyterLab in the page

VISIBLE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_notebook(page, base: str, token: str, path: str, timeout_ms: int) -> None:
    page.goto(f"{base}/lab/tree/{path}?token={token}", timeout=timeout_ms)
    page.locator(f"{VISIBLE_PANEL} .jp-Cell").first.wait_for(timeout=timeout_ms)
    # Fold the file browser away: the notebook gets the whole width in the screenshots.
    current_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current_tab.count():
        current_tab.first.click()


def kernel_of_session(base: str, token: str, name: str):
    for session in kitlab.api(base, token, "/api/sessions"):
        if session.get("path", "").endswith(name):
            return (session.get("kernel") or {}).get("name")
    return None


def wait_for_kernel(base: str, token: str, name: str, timeout_s: float) -> str:
    """Waits until the notebook's session has a running kernel; returns that kernel's name.

    (Not JupyterLab's status bar: IJava announces no status when it starts, so the bar reads
    "Unknown" until the first cell runs.)
    """
    return wait_for(lambda: kernel_of_session(base, token, name), "JupyterLab started no kernel for the notebook", timeout_s)


def wait_for_idle_kernel(page, timeout_ms: int) -> None:
    # After a run the status bar reads "Java (Backprop Kit) | Idle".
    page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*Idle$")).first.wait_for(timeout=timeout_ms)


def run_all_cells(page) -> None:
    """Run → Run All Cells, through the menu, as a student would."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()


PROMPTS_JS = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')).map(p => p.textContent.trim())"""


def wait_until_all_ran(page, code_cells: int, timeout_s: float) -> list:
    """Waits until every code cell shows an execution count ([n]:, not [*]: or [ ]:), then
    checks that they ran in order in this kernel: [1]:, [2]:, ... (the copy starts with none)."""
    deadline = time.monotonic() + timeout_s
    while True:
        prompts = page.evaluate(PROMPTS_JS)
        if len(prompts) == code_cells and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            expected = [f"[{n}]:" for n in range(1, code_cells + 1)]
            require(prompts == expected, f"the cells did not run once each, in order: prompts {prompts}")
            return prompts
        if time.monotonic() > deadline:
            raise CheckFailed(f"after {timeout_s:.0f} s not every cell had run; prompts: {prompts}")
        time.sleep(0.25)


def first_interactive_graph(page):
    """The first interactive graph drawn after the whole backward pass (status "step S of S"), or
    else the first interactive graph: the finished picture is what Reset and End are about."""
    graphs = page.locator(f"{VISIBLE_PANEL} .bp-graph").filter(has=page.locator("g.bp-node")) \
                                                      .filter(has=page.locator('button[data-action="step"]'))
    require(graphs.count() > 0, f"no .bp-graph with nodes and a Step button "
                                f"({page.locator('.bp-graph').count()} .bp-graph elements in the page)")
    for i in range(graphs.count()):
        k, of, _ = step_of(graphs.nth(i))
        if of is not None and k == of:
            return graphs.nth(i)
    return graphs.first


def step_of(graph) -> tuple:
    """(k, S) from the status text "step k of S"."""
    text = graph.locator(".bp-status").inner_text().strip()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    require(len(numbers) >= 1, f".bp-status reads {text!r}: no step number in it")
    return numbers[0], (numbers[1] if len(numbers) > 1 else None), text


def wait_for(condition, what: str, timeout_s: float = 5.0):
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise CheckFailed(f"{what} within {timeout_s:.0f} s")
        time.sleep(0.05)


def in_view(page, element) -> bool:
    box = element.bounding_box()
    view = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + min(box["height"], view["height"]) <= view["height"]


def screenshot(page, out: Path, name: str, element=None) -> str:
    if element is not None:
        # JupyterLab renders a long notebook in windows: cells above may change height once they
        # come into view and push the element away again, so scroll until it stays in view.
        for _ in range(8):
            element.scroll_into_view_if_needed()
            element.evaluate("e => e.scrollIntoView({block: 'center'})")
            time.sleep(0.3)
            if in_view(page, element):
                break
    path = out / name
    page.screenshot(path=str(path))
    return shown(path)


# ---------------------------------------------------------------- the checks of the executed notebook

def check_no_errors(page, prompts) -> str:
    # JupyterLab renders both error tracebacks and stderr text with this MIME type.
    errors = page.locator(f'{VISIBLE_PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = [t.strip()[:300] for t in errors.all_inner_texts()]
    require(not texts, f"{len(texts)} error/stderr output(s): " + " | ".join(texts))
    return f"no error or stderr output in {len(prompts)} executed code cells"


def check_chart(page, out: Path) -> str:
    images = page.locator(f'{VISIBLE_PANEL} .jp-OutputArea-output[data-mime-type="image/png"] img')
    require(images.count() > 0, "no image/png output in the notebook")
    image = images.first
    size = wait_for(lambda: image.evaluate(
        "img => img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : null"),
        "the chart image did not load")
    shot = screenshot(page, out, "notebook-executed.png", image)
    return f"an XChart image is shown ({size[0]}×{size[1]} PNG, {images.count()} image(s)); screenshot {shot}"


def check_graph_shown(page) -> str:
    graph = first_interactive_graph(page)
    graph.scroll_into_view_if_needed()
    nodes = graph.locator("g.bp-node")
    for part in (".bp-panel", 'button[data-action="step"]', 'button[data-action="reset"]',
                 'button[data-action="end"]', ".bp-status"):
        require(graph.locator(part).count() == 1, f"the graph has {graph.locator(part).count()} {part}, not one")
    require(nodes.first.is_visible(), "the graph's nodes are not visible")
    notes = graph.locator(".bp-note")
    require(all(not notes.nth(i).is_visible() for i in range(notes.count())),
            "the hint to run the cell is still shown although the cell has run")
    declared = graph.get_attribute("data-steps")
    require(declared is not None and declared.isdigit() and int(declared) > 0,
            f".bp-graph data-steps is {declared!r}, not a positive number")
    names = [nodes.nth(i).get_attribute("data-name") for i in range(nodes.count())]
    require(all(names), f"a node has no data-name: {names}")
    return f"the interactive graph is shown: {nodes.count()} nodes ({', '.join(names)}), {declared} backward steps"


def check_click(page, out: Path) -> str:
    graph = first_interactive_graph(page)
    panel = graph.locator(".bp-panel")
    nodes = graph.locator("g.bp-node")
    seen = []
    before = panel.inner_text().strip()
    # Two different nodes, so that a panel that always says the same thing cannot pass.
    for index in (0, nodes.count() - 1):
        node = nodes.nth(index)
        name = node.get_attribute("data-name")
        node.click()
        after = wait_for(lambda: (lambda t: t if t and t != before else None)(panel.inner_text().strip()),
                         f"the panel did not change after a click on node {name!r} (it reads {before!r})")
        require("∂" in after, f"after a click on node {name!r} the panel reads {after!r}: no gradient (∂) in it")
        require(name in after, f"after a click on node {name!r} the panel reads {after!r}: the node's name is not in it")
        seen.append(f"{name}: {after!r}")
        if index == 0:
            shot = screenshot(page, out, "graph-after-click.png", graph)
        before = after
    return f"clicking a node fills its gradient panel ({'; '.join(seen)}); screenshot {shot}"


def check_step(page, out: Path) -> str:
    graph = first_interactive_graph(page)
    button = lambda action: graph.locator(f'button[data-action="{action}"]')
    done = lambda: graph.locator("g.bp-node.bp-done").count()
    nodes = graph.locator("g.bp-node").count()
    total = int(graph.get_attribute("data-steps"))
    first, _, first_text = step_of(graph)
    first_done = done()

    button("reset").click()
    k, of, text = step_of(graph)
    require(k == 0 and done() == 0, f"after Reset the status reads {text!r} and {done()} nodes are done")
    require(of in (None, total), f"the status reads {text!r}, but data-steps is {total}")
    counts, highlighted = [], 0
    for expected in range(1, total + 1):
        button("step").click()
        wait_for(lambda: step_of(graph)[0] == expected,
                 f"Step did not advance to step {expected} (the status reads {step_of(graph)[2]!r})")
        counts.append(done())
        highlighted += graph.locator(".bp-current").count() > 0
        if expected == min(2, total):
            shot = screenshot(page, out, "graph-after-step.png", graph)
    require(counts[0] > 0, "after the first Step no node is marked bp-done")
    require(all(a <= b for a, b in zip(counts, counts[1:])), f"nodes marked bp-done went down while stepping: {counts}")
    require(counts[-1] == nodes, f"after all {total} steps {counts[-1]} of {nodes} nodes are bp-done")
    require(highlighted > 0, "no step marked an edge bp-current")
    button("reset").click()
    wait_for(lambda: step_of(graph)[0] == 0 and done() == 0, "Reset did not bring the status back to 0")
    # End: back to the finished picture, the state the graph was drawn in.
    button("end").click()
    wait_for(lambda: step_of(graph)[0] == total and done() == nodes,
             f"End did not bring back the finished graph (the status reads {step_of(graph)[2]!r}, {done()} nodes done)")
    require((first, first_done) == (total, nodes),
            f"the graph started at {first_text!r} with {first_done} nodes done, not at its finished state")
    require(graph.locator(".bp-current").count() == 0, "after End an edge is still marked as the current step")
    return (f"Step advances the backward pass: step 1…{total} of {total}, nodes done {counts}, "
            f"{highlighted} steps highlight an edge; Reset returns to step 0, End to the finished graph "
            f"it started as; screenshot {shot}")


def check_graph_text(page, out: Path) -> str:
    graphs = page.locator(f"{VISIBLE_PANEL} .bp-graph, {VISIBLE_PANEL} .bp-graph-static")
    require(graphs.count() > 0, "no graph in the notebook")
    smallest, where = None, None
    for i in range(graphs.count()):
        graph = graphs.nth(i)
        size, count = graph.evaluate(f"g => ({TEXT_SIZES_JS})([g])")
        require(count > 0, f"graph {i + 1} of {graphs.count()} shows no text at all")
        if smallest is None or size < smallest:
            smallest, where = size, i
    shot = screenshot(page, out, "graph-text.png", graphs.nth(where))
    require(smallest >= MIN_TEXT_PX - 0.01,
            f"graph {where + 1} of {graphs.count()} shows text at {smallest:.1f} px, below {MIN_TEXT_PX:.0f} px "
            f"(shrunk to fit the page?); screenshot {shot}")
    return f"the smallest text of {graphs.count()} graphs is {smallest:.1f} px on screen (at least {MIN_TEXT_PX:.0f})"


def check_exercise_link(page, copy: Path, out: Path) -> str:
    written = [(t, path) for t, path in relative_links(copy) if "exercises/" in t]
    require(written, "the notebook's Markdown has no relative link into exercises/")
    relative, on_disk = written[0]
    links = page.locator(f'{VISIBLE_PANEL} .jp-RenderedMarkdown a[href*="exercises/"]')
    require(links.count() > 0, f"the notebook's link {relative} is not a link in the page")
    link = links.first
    target = link.get_attribute("href")
    require(on_disk.is_file(), f"the link {relative} leads to no file in the folder JupyterLab serves")
    before = on_disk.read_text(encoding="utf-8")
    link.scroll_into_view_if_needed()
    link.click()
    editor = page.locator(".jp-FileEditor:not(.lm-mod-hidden) .cm-content")
    editor.first.wait_for(timeout=UI_TIMEOUT_MS)
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first.inner_text()
    require(tab.strip() == on_disk.name, f"the link opened a tab {tab!r}, not {on_disk.name!r}")
    wait_for(lambda: on_disk.name.split(".")[0] in editor.first.inner_text() or len(editor.first.inner_text()) > 20,
             "the editor shows nothing of the file")
    marker = f"// edited in the browser test {time.time_ns()}"
    editor.first.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(marker)
    page.keyboard.press("Control+s")
    wait_for(lambda: marker in on_disk.read_text(encoding="utf-8"), f"the edit was not saved to {shown(on_disk)}", 10)
    after = on_disk.read_text(encoding="utf-8")
    require(after.startswith(before.rstrip("\n")), "saving the edit changed the file's existing text")
    shot = screenshot(page, out, "exercise-edited.png")
    return (f"the link {relative} (href {target}) opens {on_disk.name} in the editor; an edit typed there is saved "
            f"to the file; screenshot {shot}")


# ---------------------------------------------------------------- checks without a kernel

def check_links() -> str:
    notebooks = course_notebooks()
    require(notebooks, "no notebooks under notebooks/")
    broken, count = [], 0
    for notebook in notebooks:
        for target, path in relative_links(notebook):
            count += 1
            if not path.is_relative_to(KIT):
                broken.append(f"{notebook.name}: {target} leads outside the kit")
            elif not path.exists():
                broken.append(f"{notebook.name}: {target} leads to {shown(path)}, which does not exist")
    require(not broken, f"{len(broken)} broken link(s): " + "; ".join(broken[:8]))
    return f"every relative link of {len(notebooks)} notebooks ({count} links) leads to a file of the kit, which ./course lab serves"


FALLBACK_JS = """(panel) => {
  const found = [];
  for (const out of panel.querySelectorAll('.jp-OutputArea-output')) {
    const graph = out.querySelector('.bp-graph, .bp-graph-static');
    if (!graph) continue;
    const fallback = graph.querySelector('.bp-fallback');
    const img = fallback ? fallback.querySelector('img') : null;
    const figure = graph.querySelector('.bp-figure');
    const note = graph.querySelector('.bp-note');
    const box = fallback ? fallback.getBoundingClientRect() : null;
    const imgBox = img ? img.getBoundingClientRect() : null;
    found.push({
      interactive: !!graph.querySelector('.bp-controls') || graph.classList.contains('bp-graph'),
      hasFallback: !!fallback, hasImg: !!img,
      loaded: img ? img.complete && img.naturalWidth > 0 : false,
      natural: img ? [img.naturalWidth, img.naturalHeight] : null,
      shownAt: imgBox ? [imgBox.width, imgBox.height] : null,
      boxHeight: box ? box.height : 0, scrolls: fallback ? fallback.scrollWidth > fallback.clientWidth + 1 : false,
      figureHeight: figure ? figure.getBoundingClientRect().height : null,
      note: note && note.getBoundingClientRect().height > 0 ? note.innerText.trim() : null,
      src: img ? img.getAttribute('src').slice(0, 40) : null,
    });
  }
  return found;
}"""


def svg_text_scale(src: str, width: float):
    """The smallest font size of an SVG given as a data URL, in pixels when shown `width` wide."""
    match = re.match(r"data:image/svg\+xml;base64,(.*)", src or "", re.S)
    if not match:
        return None
    svg = base64.b64decode(match.group(1)).decode("utf-8", "replace")
    view = re.search(r"viewBox=['\"][\d.\s-]+?\s([\d.]+)\s[\d.]+['\"]", svg)
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    if not view or not sizes:
        return None
    return min(sizes) * width / float(view.group(1))


def check_committed_pictures(page, base: str, token: str, folder: Path, out: Path, timeout_ms: int) -> str:
    """The committed notebook, opened as a fresh clone's student opens it: untrusted, not run."""
    copy = folder / "notebooks" / STATIC_NOTEBOOK.name
    require(copy.exists(), f"{shown(STATIC_NOTEBOOK)} does not exist: nothing to open as committed")
    open_notebook(page, base, token, f"notebooks/{copy.name}", timeout_ms)
    panel = page.locator(VISIBLE_PANEL)
    # the source of each picture as JupyterLab received it, to count them and read the SVG's font sizes
    sources = committed_fallback_sources(copy)
    require(sources, f"{copy.name} as committed has no graph output")
    graphs = wait_for(lambda: (lambda found: found if len(found) >= len(sources) else None)(panel.evaluate(FALLBACK_JS)),
                      f"the {len(sources)} graph outputs of {copy.name} did not all appear", 30)
    problems, smallest = [], None
    for i, g in enumerate(graphs):
        kind = "interactive graph" if g["interactive"] else "forward-pass picture"
        name = f"{kind} {i + 1} of {len(graphs)}"
        if not (g["hasFallback"] and g["hasImg"] and g["loaded"]):
            problems.append(f"{name} shows no picture (fallback {g['hasFallback']}, image {g['hasImg']}, loaded {g['loaded']})")
            continue
        (nw, nh), (sw, sh) = g["natural"], g["shownAt"]
        if abs(sw - nw) > 1.5 or abs(sh - nh) > 1.5:
            problems.append(f"{name} is shown at {sw:.0f}×{sh:.0f} px instead of its own {nw}×{nh} (shrunk?)")
        if g["boxHeight"] - sh > 60:
            problems.append(f"{name} leaves {g['boxHeight'] - sh:.0f} px of blank space below its picture")
        if g["figureHeight"] not in (None, 0):
            problems.append(f"{name} shows the stripped-down text of its SVG ({g['figureHeight']:.0f} px high)")
        if g["interactive"] and not (g["note"] and "run this cell" in g["note"].lower()):
            problems.append(f"{name} does not say to run the cell (its hint reads {g['note']!r})")
        scale = svg_text_scale(sources[i] if i < len(sources) else None, sw)
        if scale is not None:
            smallest = scale if smallest is None else min(smallest, scale)
            if scale < MIN_TEXT_PX - 0.01:
                problems.append(f"{name}'s text is {scale:.1f} px on screen, below {MIN_TEXT_PX:.0f}")
    shot = screenshot(page, out, "committed-notebook.png", page.locator(f"{VISIBLE_PANEL} .bp-fallback").first)
    require(not problems, "; ".join(problems[:6]) + f" (screenshot {shot})")
    interactive = sum(g["interactive"] for g in graphs)
    text = f", smallest text {smallest:.1f} px" if smallest is not None else ""
    return (f"{STATIC_NOTEBOOK.name} as committed and untrusted shows {len(graphs)} graphs as pictures "
            f"({interactive} interactive, each with the hint to run its cell), at full size{text}, "
            f"scrolling where wider than the page; screenshot {shot}")


def committed_fallback_sources(notebook: Path) -> list:
    """The src of each graph output's fallback image, in the order of the notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sources = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            html = "".join(html) if isinstance(html, list) else html
            if "bp-graph" not in html:
                continue
            match = re.search(r'class="bp-fallback".*?<img[^>]*?src="([^"]+)"', html, re.S)
            sources.append(match.group(1) if match else None)
    return sources


WEB_PAGE_JS = """() => {
  const images = Array.from(document.querySelectorAll('img')).map(img => {
    const box = img.getBoundingClientRect(), style = getComputedStyle(img);
    const hidden = style.display === 'none' || img.closest('.bp-fallback') && getComputedStyle(img.closest('.bp-fallback')).display === 'none';
    return {hidden, ok: img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0};
  });
  const graphs = Array.from(document.querySelectorAll('.bp-graph, .bp-graph-static')).map(g => {
    const svg = g.querySelector('.bp-figure svg, svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const controls = g.querySelector('.bp-controls');
    return {drawn: !!box && box.width > 0 && box.height > 0,
            interactive: g.classList.contains('bp-graph'),
            controls: !!controls && controls.getBoundingClientRect().height > 0};
  });
  return {images, graphs};
}"""


def check_web_pages(browser, out: Path) -> str:
    """Every notebook as committed, through nbconvert --to html, in the browser."""
    from nbconvert import HTMLExporter
    import nbformat
    html_dir = out / "html"
    shutil.rmtree(html_dir, ignore_errors=True)
    html_dir.mkdir(parents=True)
    exporter = HTMLExporter()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, totals = [], {"images": 0, "graphs": 0}
    smallest = None
    try:
        for notebook in course_notebooks():
            body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
            path = html_dir / (notebook.stem + ".html")
            path.write_text(body, encoding="utf-8")
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            found = page.evaluate(WEB_PAGE_JS)
            shown_images = [i for i in found["images"] if not i["hidden"]]
            bad = sum(not i["ok"] for i in shown_images)
            if bad:
                problems.append(f"{path.name}: {bad} of {len(shown_images)} images not shown")
            undrawn = sum(not g["drawn"] for g in found["graphs"])
            if undrawn:
                problems.append(f"{path.name}: {undrawn} of {len(found['graphs'])} graphs not drawn")
            dead = sum(g["interactive"] and not g["controls"] for g in found["graphs"])
            if dead:
                problems.append(f"{path.name}: {dead} interactive graphs without their buttons (did the script run?)")
            if found["graphs"]:
                size, count = page.evaluate(f"() => ({TEXT_SIZES_JS})(Array.from(document.querySelectorAll('.bp-graph, .bp-graph-static')))")
                if count:
                    smallest = size if smallest is None else min(smallest, size)
                    if size < MIN_TEXT_PX - 0.01:
                        problems.append(f"{path.name}: graph text at {size:.1f} px, below {MIN_TEXT_PX:.0f}")
            totals["images"] += len(shown_images)
            totals["graphs"] += len(found["graphs"])
        if problems:
            page.screenshot(path=str(out / "failure-web-page.png"))
    finally:
        page.close()
    require(not problems, "; ".join(problems[:8]))
    text = f", smallest graph text {smallest:.1f} px" if smallest is not None else ""
    return (f"{len(course_notebooks())} notebooks rendered by nbconvert --to html show all {totals['images']} images "
            f"and {totals['graphs']} graphs{text}; pages in {shown(html_dir)}/")


# ---------------------------------------------------------------- main

def run(args, report: Report) -> None:
    from playwright.sync_api import sync_playwright, Error as PlaywrightError

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    folder, copy, code_cells = prepare_lab_folder(args.notebook, out, args.kernel)
    config = prepare_lab_config(out)
    timeout_ms = int(args.timeout * 1000)
    launch_args = CHROMIUM_FLAGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    notebook_path = f"notebooks/{copy.name}"

    def attempt(name, check):
        began = time.monotonic()
        try:
            report.ok(check() + f" [{time.monotonic() - began:.1f} s]")
        except (CheckFailed, PlaywrightError) as problem:
            message = first_line(problem)
            with contextlib.suppress(PlaywrightError):
                message += f" (screenshot {screenshot(page, out, 'failure-' + name.replace(' ', '-') + '.png')})"
            report.fail(name, message + f" [{time.monotonic() - began:.1f} s]")

    started = time.monotonic()
    with kitlab.running_lab(KIT, out / "lab.log", lab_args=["--notebook-dir", str(folder)],
                            env={"JUPYTER_CONFIG_DIR": str(config)}) as (base, token), sync_playwright() as playwright:
        lab_up = time.monotonic() - started
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True,
                                             chromium_sandbox=os.geteuid() != 0, args=launch_args)
        page_errors = []
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(UI_TIMEOUT_MS)   # clicks and look-ups; the long waits say their own
            page.on("pageerror", lambda error: page_errors.append(str(error)))

            # Open the notebook, check its kernel, run everything: if this fails, the checks of
            # the executed notebook cannot run.
            ran = False
            try:
                open_notebook(page, base, token, notebook_path, timeout_ms)
                running = wait_for_kernel(base, token, copy.name, args.timeout)
                require(running == args.kernel, f"the notebook's session runs kernel {running!r}, not {args.kernel!r}")
                kernel_shown = page.locator(f"{VISIBLE_PANEL} .jp-KernelName").inner_text().strip()
                require(kernel_shown == KERNEL_DISPLAY_NAME,
                        f"the notebook's toolbar names the kernel {kernel_shown!r}, not {KERNEL_DISPLAY_NAME!r}")
                ran_at = time.monotonic()
                run_all_cells(page)
                prompts = wait_until_all_ran(page, code_cells, args.timeout)
                wait_for_idle_kernel(page, timeout_ms)
                ran = True
                print(f"    .. JupyterLab up in {lab_up:.1f} s, serving {shown(folder)}; notebook on kernel {running!r} "
                      f"({kernel_shown}); Run All Cells finished {code_cells} code cells in {time.monotonic() - ran_at:.1f} s",
                      flush=True)
            except (CheckFailed, PlaywrightError) as problem:
                shot = screenshot(page, out, "failure-run-all.png")
                for name in CHECKS[:7]:
                    report.fail(name, f"not reached: running the notebook failed: {first_line(problem)} (screenshot {shot})")

            if ran:
                attempt("no errors", lambda: check_no_errors(page, prompts))
                attempt("chart", lambda: check_chart(page, out))
                attempt("graph shown", lambda: check_graph_shown(page))
                attempt("click a node", lambda: check_click(page, out))
                attempt("step", lambda: check_step(page, out))
                attempt("graph text", lambda: check_graph_text(page, out))
                attempt("exercise link", lambda: check_exercise_link(page, copy, out))
            attempt("links", check_links)
            attempt("committed pictures", lambda: check_committed_pictures(page, base, token, folder, out, timeout_ms))
            attempt("web page pictures", lambda: check_web_pages(browser, out))
            if page_errors:   # for diagnosis; JupyterLab itself raises some (its debugger, with IJava)
                counted = {error: page_errors.count(error) for error in page_errors}
                print("    .. uncaught JavaScript errors in the page: "
                      + " | ".join(f"{error[:200]} (×{n})" for error, n in counted.items()), flush=True)
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", type=Path, default=None,
                        help=f"the notebook to run (default: {TARGET_NOTEBOOK.relative_to(KIT)}, "
                             f"or the test's own fixture while that does not exist)")
    parser.add_argument("--chromium", default=None,
                        help="Chromium's executable (default: $CHROMIUM, else chromium or chromium-browser on PATH)")
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    parser.add_argument("--out", type=Path, default=KIT / "target" / "browser",
                        help="where the screenshots, the folder JupyterLab serves and its log go")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds to wait for JupyterLab, the kernel and Run All Cells")
    args = parser.parse_args()

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("browser_test: no Chromium found (looked at --chromium, $CHROMIUM, then "
              f"{' and '.join(CHROMIUM_NAMES)} on PATH); install it (Debian/Ubuntu: apt-get install chromium) "
              "or point CHROMIUM at one", file=sys.stderr)
        return 2
    args.chromium = chromium
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        print("browser_test: Playwright is not installed in this Python "
              "(pip install -r tools/requirements-browser.txt)", file=sys.stderr)
        return 2

    if args.notebook is None:
        args.notebook = default_notebook()
        if args.notebook == FIXTURE_NOTEBOOK:
            print(f"    .. {TARGET_NOTEBOOK.relative_to(KIT)} does not exist yet: testing the fixture "
                  f"{FIXTURE_NOTEBOOK.relative_to(KIT)} instead", flush=True)
    args.notebook = args.notebook.resolve()
    if not args.notebook.is_file():
        print(f"browser_test: no such notebook: {args.notebook}", file=sys.stderr)
        return 2
    args.out = args.out.resolve()
    print(f"    .. notebook {shown(args.notebook)} in JupyterLab, headless {chromium}", flush=True)

    started = time.monotonic()
    report = Report()
    try:
        run(args, report)
    except Exception as crash:  # JupyterLab or the browser would not start: every check fails
        for name in CHECKS[report.passed + report.failed:]:
            report.fail(name, f"not reached: {type(crash).__name__}: {first_line(crash)}")
    print(f"    .. browser test took {time.monotonic() - started:.1f} s; screenshots and JupyterLab's log "
          f"in {shown(args.out)}/")
    print(f"browser: {report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
