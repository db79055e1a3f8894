#!/usr/bin/env python3
"""Execute the course notebooks top to bottom on the kit kernel and report.

    python tools/run_notebooks.py [--check-committed] [--save] [NOTEBOOK ...]

Each notebook runs in a fresh kernel, from a copy: the file on disk is not touched unless
--save is given. A notebook fails when any cell produces an error output or writes to stderr.

--check-committed also compares the fresh text outputs with the ones committed in the file,
cell by cell: they must be identical (the course is seeded, so Restart & Run All gives the same
text every time), except in cells tagged "nondeterministic" (timings, version numbers).
--save writes the fresh outputs back into the notebooks (sources are never changed).
"""
import argparse
import copy
import difflib
import re
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)

KIT = Path(__file__).resolve().parent.parent
CELL_BUDGET_S = 5.0       # the course's promise: no cell takes longer
COURSE_BUDGET_S = 90.0    # ... and the whole course runs within this (Fashion-MNIST included)
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "image/svg+xml")
UNSTABLE_TAG = "nondeterministic"


def all_notebooks() -> list:
    return sorted(p for p in (KIT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def cell_seconds(cell) -> float:
    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = datetime.fromisoformat(timing["iopub.status.busy"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["iopub.status.idle"].replace("Z", "+00:00"))
        return (end - start).total_seconds()
    except (KeyError, ValueError):
        return 0.0


def problems_in(nb) -> list:
    """Error outputs and stderr text, with the cell they came from."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"cell {index}: {output.ename}: {output.evalue or ''}".rstrip()
                             + "\n" + "\n".join(strip_ansi(line) for line in output.traceback[-6:]))
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"cell {index} wrote to stderr: {output.text.strip()[:500]}")
    return found


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def text_outputs(cell) -> list:
    """What a reader sees of a cell's outputs as text: streams and the text formats of results."""
    seen = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            seen.append(f"[{output.name}] {output.text}")
        elif output.output_type in ("execute_result", "display_data"):
            for kind in TEXT_TYPES:
                if kind in output.get("data", {}):
                    value = output.data[kind]
                    seen.append(f"[{kind}] {''.join(value) if isinstance(value, list) else value}")
        elif output.output_type == "error":
            seen.append(f"[error] {output.ename}: {output.evalue}")
    return seen


def differences(committed, fresh) -> list:
    found = []
    code_cells = lambda nb: [c for c in nb.cells if c.cell_type == "code"]
    old_cells, new_cells = code_cells(committed), code_cells(fresh)
    if len(old_cells) != len(new_cells):
        return [f"the notebook has {len(new_cells)} code cells, the committed outputs belong to {len(old_cells)}"]
    for number, (old, new) in enumerate(zip(old_cells, new_cells)):
        if UNSTABLE_TAG in new.get("metadata", {}).get("tags", []):
            continue
        before, after = text_outputs(old), text_outputs(new)
        if before != after:
            diff = difflib.unified_diff("\n".join(before).splitlines(), "\n".join(after).splitlines(),
                                        "committed", "fresh run", n=1, lineterm="")
            found.append(f"code cell {number} (source starts {new.source[:50]!r}):\n    "
                         + "\n    ".join(list(diff)[:12]))
    return found


def clean_for_saving(nb, kernel: str) -> None:
    """Drops per-run timing metadata so that saved notebooks diff cleanly."""
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kitenv.KERNEL_DISPLAY_NAME, "language": "java"}


def run(path: Path, kernel: str, cell_timeout: int):
    committed = nbformat.read(path, as_version=4)
    nb = copy.deepcopy(committed)
    # Once the last cell has answered, the kernel has nothing left to save: it is stopped at once
    # rather than asked to exit, which IJava takes about a second to do (its messaging shuts down)
    # and which no reader of the notebook waits for.
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=True,
                            record_timing=True, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.monotonic()
    client.execute()
    return committed, nb, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    parser.add_argument("--check-committed", action="store_true",
                        help="fail when the fresh text outputs differ from the committed ones")
    parser.add_argument("--save", action="store_true", help="write the fresh outputs back into the notebooks")
    parser.add_argument("--cell-timeout", type=int, default=300, help="seconds before a cell counts as hung")
    args = parser.parse_args()

    paths = [p.resolve() for p in args.notebooks] or all_notebooks()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"run_notebooks: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not paths:
        print("run_notebooks: no notebooks found under notebooks/", file=sys.stderr)
        return 2

    failed, total = 0, 0.0
    print(f"    {'notebook':<38} {'cells':>5} {'total s':>8} {'slowest cell s':>15}  result")
    for path in paths:
        name = path.relative_to(KIT) if path.is_relative_to(KIT) else path
        try:
            committed, nb, seconds = run(path, args.kernel, args.cell_timeout)
        except Exception as crash:  # a dead kernel or a timeout: report it as this notebook's failure
            print(f"    {str(name):<38} {'':>5} {'':>8} {'':>15}  FAILED: {type(crash).__name__}: {crash}")
            failed += 1
            continue
        total += seconds
        code = [c for c in nb.cells if c.cell_type == "code"]
        slowest = max((cell_seconds(c) for c in code), default=0.0)
        problems = problems_in(nb)
        if args.check_committed:
            problems += [f"text output differs from the committed notebook (run ./course notebooks --save "
                         f"and commit, or tag the cell '{UNSTABLE_TAG}'): {d}" for d in differences(committed, nb)]
        note = "" if slowest <= CELL_BUDGET_S else f"  (a cell took over the {CELL_BUDGET_S:.0f} s budget)"
        verdict = "ok" if not problems else "FAILED"
        print(f"    {str(name):<38} {len(code):>5} {seconds:>8.1f} {slowest:>15.2f}  {verdict}{note}")
        for problem in problems:
            print("        " + problem.replace("\n", "\n        "))
        if problems:
            failed += 1
        elif args.save:
            clean_for_saving(nb, args.kernel)
            nbformat.write(nb, path)
    budget = "" if total <= COURSE_BUDGET_S else f" (over the {COURSE_BUDGET_S:.0f} s budget)"
    print(f"    all notebooks: {total:.1f} s{budget}")
    print(f"notebooks: {len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
