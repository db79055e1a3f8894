#!/usr/bin/env python3
"""The kit in a real browser: JupyterLab in headless Chromium, driven by Playwright.

    python tools/browser_test.py [--notebook PATH] [--chromium PATH]

It starts JupyterLab exactly as a student does (`./course lab --no-browser`), opens the
expression-graph notebook, checks that the kit kernel is the notebook's kernel, runs all cells
from the Run menu, waits until every cell has finished and then checks what a student would see:

1. no cell shows an error or writes to stderr;
2. an XChart chart is shown as an image;
3. the interactive expression graph is shown (its nodes, panel, buttons and status);
4. clicking a node fills the panel with that node's gradient;
5. Step advances the backward pass one step at a time to the end, and Reset starts it over.

The graph is checked through its DOM contract (the same one the graph's HTML follows): root
`.bp-graph[data-steps]`, nodes `g.bp-node[data-node][data-name]`, `.bp-panel`,
`button[data-action=step|reset]`, `.bp-status` ("step k of S"), class `bp-done` on nodes whose
gradient is known and `bp-current` on the edge being used.

JupyterLab opens a copy of the notebook under target/browser/lab/, so its autosave never touches
the committed file, and runs with a configuration folder of its own under target/browser/, so
the user's JupyterLab settings and workspaces neither affect the test nor get changed by it.
Screenshots go to target/browser/. JupyterLab is shut down at the end, pass or fail.

Chromium is the system's own (Debian: apt-get install chromium): Playwright's browser download
is not needed. Prints one line per check and closes with `browser: N passed, M failed`.
"""
import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)
import kitlab  # noqa: E402

KIT = Path(__file__).resolve().parent.parent
TARGET_NOTEBOOK = KIT / "notebooks" / "02-expression-graph.ipynb"
FIXTURE_NOTEBOOK = KIT / "tools" / "browser" / "fixture.ipynb"
KERNEL_DISPLAY_NAME = kitenv.KERNEL_DISPLAY_NAME
CHROMIUM_NAMES = ("chromium", "chromium-browser")

# Without the background-networking flags Chromium keeps calling home, and on a closed network
# every one of those calls fails and is retried. --no-sandbox is added only when running as root.
CHROMIUM_FLAGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--disable-quic", "--no-first-run",
                  "--no-default-browser-check"]

# JupyterLab settings for the test's own configuration folder: no news or update checks (they
# would ask the network and pop up a notification over the screenshots).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}

UI_TIMEOUT_MS = 20_000   # how long a click or a look-up in the page may take

CHECKS = ["no errors", "chart", "graph shown", "click a node", "step"]


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


def prepare_lab_folder(notebook: Path, out: Path, kernel: str):
    """Copies the notebook into a folder of its own for JupyterLab to serve; returns (folder, copy)."""
    folder = out / "lab"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    # No committed outputs: everything the checks see must come from this run (and a committed
    # "[3]:" prompt must not pass for a cell that has run).
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    # The kit kernel, whatever the file says: the test is about the kit's kernel.
    nb.setdefault("metadata", {})["kernelspec"] = {"name": kernel, "display_name": KERNEL_DISPLAY_NAME,
                                                   "language": "java"}
    copy = folder / notebook.name
    copy.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    data = notebook.parent / "data"   # course notebooks read their CSV files from data/ beside them
    if data.is_dir():
        (folder / "data").symlink_to(data.resolve(), target_is_directory=True)
    return folder, copy, sum(1 for cell in nb["cells"] if cell["cell_type"] == "code")


def prepare_lab_config(out: Path) -> Path:
    config = out / "jupyter-config"
    shutil.rmtree(config, ignore_errors=True)
    for name, values in LAB_SETTINGS.items():
        path = config / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
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

def open_notebook(page, base: str, token: str, name: str, timeout_ms: int) -> None:
    page.goto(f"{base}/lab/tree/{name}?token={token}", timeout=timeout_ms)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=timeout_ms)
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
    graphs = page.locator(".bp-graph").filter(has=page.locator("g.bp-node")) \
                                       .filter(has=page.locator('button[data-action="step"]'))
    require(graphs.count() > 0, f"no .bp-graph with nodes and a Step button "
                                f"({page.locator('.bp-graph').count()} .bp-graph elements in the page)")
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
    return str(path.relative_to(KIT)) if path.is_relative_to(KIT) else str(path)


# ---------------------------------------------------------------- the checks

def check_no_errors(page, prompts) -> str:
    # JupyterLab renders both error tracebacks and stderr text with this MIME type.
    errors = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) '
                          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = [t.strip()[:300] for t in errors.all_inner_texts()]
    require(not texts, f"{len(texts)} error/stderr output(s): " + " | ".join(texts))
    return f"no error or stderr output in {len(prompts)} executed code cells"


def check_chart(page, out: Path) -> str:
    images = page.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
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
    for part in (".bp-panel", 'button[data-action="step"]', 'button[data-action="reset"]', ".bp-status"):
        require(graph.locator(part).count() == 1, f"the graph has {graph.locator(part).count()} {part}, not one")
    require(nodes.first.is_visible(), "the graph's nodes are not visible")
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
    step_button = graph.locator('button[data-action="step"]')
    reset_button = graph.locator('button[data-action="reset"]')
    done = lambda: graph.locator("g.bp-node.bp-done").count()
    nodes = graph.locator("g.bp-node").count()
    total = int(graph.get_attribute("data-steps"))

    reset_button.click()
    k, of, text = step_of(graph)
    require(k == 0 and done() == 0, f"after Reset the status reads {text!r} and {done()} nodes are done")
    require(of in (None, total), f"the status reads {text!r}, but data-steps is {total}")
    counts, highlighted = [], 0
    for expected in range(1, total + 1):
        step_button.click()
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
    reset_button.click()
    wait_for(lambda: step_of(graph)[0] == 0 and done() == 0, "Reset did not bring the status back to 0")
    return (f"Step advances the backward pass: step 1…{total} of {total}, nodes done {counts}, "
            f"{highlighted} steps highlight an edge; Reset returns to step 0; screenshot {shot}")


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

            # Open the notebook, check its kernel, run everything: if this fails, no check can run.
            try:
                open_notebook(page, base, token, copy.name, timeout_ms)
                running = wait_for_kernel(base, token, copy.name, args.timeout)
                require(running == args.kernel, f"the notebook's session runs kernel {running!r}, not {args.kernel!r}")
                shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName").inner_text().strip()
                require(shown == KERNEL_DISPLAY_NAME, f"the notebook's toolbar names the kernel {shown!r}, not {KERNEL_DISPLAY_NAME!r}")
                ran_at = time.monotonic()
                run_all_cells(page)
                prompts = wait_until_all_ran(page, code_cells, args.timeout)
                wait_for_idle_kernel(page, timeout_ms)
                print(f"    .. JupyterLab up in {lab_up:.1f} s; notebook on kernel {running!r} ({shown}); "
                      f"Run All Cells finished {code_cells} code cells in {time.monotonic() - ran_at:.1f} s", flush=True)
            except (CheckFailed, PlaywrightError) as problem:
                shot = screenshot(page, out, "failure-run-all.png")
                for name in CHECKS:
                    report.fail(name, f"not reached: running the notebook failed: {first_line(problem)} (screenshot {shot})")
                return

            steps = [("no errors", lambda: check_no_errors(page, prompts)),
                     ("chart", lambda: check_chart(page, out)),
                     ("graph shown", lambda: check_graph_shown(page)),
                     ("click a node", lambda: check_click(page, out)),
                     ("step", lambda: check_step(page, out))]
            for name, check in steps:
                try:
                    report.ok(check())
                except (CheckFailed, PlaywrightError) as problem:
                    message = first_line(problem)
                    with contextlib.suppress(PlaywrightError):
                        message += f" (screenshot {screenshot(page, out, 'failure-' + name.replace(' ', '-') + '.png')})"
                    report.fail(name, message)
            if page_errors:   # for diagnosis; JupyterLab itself raises some (its debugger, with IJava)
                counted = {error: page_errors.count(error) for error in page_errors}
                print("    .. uncaught JavaScript errors in the page: "
                      + " | ".join(f"{error[:200]} (×{n})" for error, n in counted.items()), flush=True)
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", type=Path, default=None,
                        help=f"the notebook to test (default: {TARGET_NOTEBOOK.relative_to(KIT)}, "
                             f"or the test's own fixture while that does not exist)")
    parser.add_argument("--chromium", default=None,
                        help="Chromium's executable (default: $CHROMIUM, else chromium or chromium-browser on PATH)")
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    parser.add_argument("--out", type=Path, default=KIT / "target" / "browser",
                        help="where the screenshots, the notebook's copy and JupyterLab's log go")
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
    shown = args.notebook.relative_to(KIT) if args.notebook.is_relative_to(KIT) else args.notebook
    print(f"    .. notebook {shown} in JupyterLab, headless {chromium}", flush=True)

    started = time.monotonic()
    report = Report()
    try:
        run(args, report)
    except Exception as crash:  # JupyterLab or the browser would not start: every check fails
        for name in CHECKS[report.passed + report.failed:]:
            report.fail(name, f"not reached: {type(crash).__name__}: {first_line(crash)}")
    print(f"    .. browser test took {time.monotonic() - started:.1f} s; screenshots and JupyterLab's log "
          f"in {args.out.relative_to(KIT) if args.out.is_relative_to(KIT) else args.out}/")
    print(f"browser: {report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
