#!/usr/bin/env python3
"""Run the Gradescope autograder package the way Gradescope runs it, in a temporary folder.

    python tools/check_gradescope.py --kit KIT --zip target/grading/gradescope-autograder.zip

It unpacks the zip into a fake /autograder (run_autograder reads AUTOGRADER_ROOT) and grades:
  1. the instructor's solutions, laid out as a student's repository: every point;
  2. the starter code with its visible tests rewritten to pass anything: no point at all, because
     the tests come from the package, never from the submission;
  3. the hostile-submission suite (grading/src/test/resources/hostile/*.case): every attack put
     into the solutions, graded with every defence on, as Gradescope would (bubblewrap when the
     machine has it) and as a container that refuses namespaces would (BACKPROP_ISOLATION=user,
     when run as root). Each attacked task must score what an honest stub scores, every other
     test as in the run without the attacks; the package must be byte-identical afterwards, no
     process of the attacks left, nothing a student sees may hold what must not leak, and
     results.json must be the grader's own.
Exit status 1 when anything is not what it should be.
"""
import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

TOTAL_SECONDS = 150   # the cap the hostile runs are graded under (grade-options --total-timeout)


class CheckFailed(Exception):
    pass


def run_autograder(root: Path, env_extra=None) -> dict:
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), **(env_extra or {}))
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TOTAL_SECONDS + 120)
    results = root / "results" / "results.json"
    if done.returncode != 0 or not results.exists():
        print(done.stdout, file=sys.stderr)
        raise CheckFailed(f"run_autograder failed (status {done.returncode})")
    return json.loads(results.read_text(encoding="utf-8"))


def fresh(root: Path, submission_from: Path, into: str) -> Path:
    """Empties the submission and results folders and copies a tree into the submission."""
    for folder in ("submission", "results"):
        shutil.rmtree(root / folder, ignore_errors=True)
    target = root / "submission" / into
    shutil.copytree(submission_from, target, symlinks=True)
    return root / "submission"


# ---------------------------------------------------------------- hostile cases

def read_case(path: Path) -> dict:
    case = {"name": path.stem, "files": {}, "symlinks": {}, "must_not_leak": [], "region": None, "before": None,
            "message": None, "history": None}
    section = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("--- "):
            title = line[4:].strip()
            if title.startswith("file "):
                section = ("file", title[5:].strip())
                case["files"][section[1]] = ""
            else:
                section = ("text", title)
                case[title] = ""
        elif section is not None:
            kind, key = section
            if kind == "file":
                case["files"][key] += line + "\n"
            else:
                case[key] += line + "\n"
        elif line.startswith("history:"):
            case["history"] = line[len("history:"):].strip() + " "
        elif ":" in line and not line.startswith("#"):
            key, value = (part.strip() for part in line.split(":", 1))
            if key == "must-not-leak":
                case["must_not_leak"].append(value)
            elif key == "symlink":
                link, target = (part.strip() for part in value.split(" -> "))
                case["symlinks"][link] = target
            else:
                case[key.replace("-", "_")] = value
    case["group"] = int(case["group"])
    case["expect_solution"] = case.get("expect") == "solution"
    return case


BEGIN = re.compile(r"^(\s*)//\s*BEGIN SOLUTION\s+([0-9]+\.[0-9]+)\s*(?::\s*(.*))?$")
END = re.compile(r"^\s*//\s*END SOLUTION\b")
STUB = re.compile(r"^\s*//>\s?(.*)$")


def edit_regions(text: str, task: str, first=None, before=None, stub_others=True, stub_all=False) -> str:
    """The file with the regions of `task` edited: the first one replaced by `first` (or with
    `before` put before its solution), the rest stubbed (unless `before` is given), as the starter
    code's stubs."""
    lines, out, i, seen = text.split("\n"), [], 0, 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if not m or m.group(2) != task:
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while not END.match(lines[end]):
            end += 1
        body = lines[i + 1:end]
        indent, what = m.group(1), (m.group(3) or "not written yet").strip()
        if seen == 0 and not stub_all and (first is not None or before is not None):
            if before is not None:
                out.append(before.rstrip("\n"))
            out.extend([first.rstrip("\n")] if first is not None else body)
        elif before is not None and not stub_all:
            out.extend(lines[i:end + 1])
        else:
            own = [indent + s.group(1) for s in (STUB.match(b) for b in body) if s]
            out.extend(own or [indent + f'throw new UnsupportedOperationException("Exercise {task}: '
                                        + what.replace("\\", "\\\\").replace('"', '\\"') + '");'])
        seen += 1
        i = end + 1
    return "\n".join(out)


def fill(text: str, placeholders: dict) -> str:
    for key, value in placeholders.items():
        text = text.replace(key, value)
    return text


def build(kit: Path, submission: Path, attacks: list, honest_stubs: set, placeholders: dict):
    """A student repository in `submission`: the solutions with the attacks in place and honest stubs."""
    code = submission / "exercises" / "src" / "main" / "java"
    shutil.copytree(kit / "solutions" / "src" / "main" / "java", code)
    for path in code.rglob("*.java"):
        text = path.read_text(encoding="utf-8")
        for case in attacks:
            if f"BEGIN SOLUTION {case['task']}" in text:
                text = edit_regions(text, case["task"], case["region"], case["before"])
        for task in honest_stubs:
            text = edit_regions(text, task, stub_all=True)
        path.write_text(fill(text, placeholders), encoding="utf-8")
    for case in attacks:
        for relative, content in case["files"].items():
            target = code / relative if relative.startswith("exercises/") else submission / "exercises" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(fill(content, placeholders), encoding="utf-8")
        for link, target in case["symlinks"].items():
            (code / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(fill(target, placeholders), code / link)


def checksums(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def processes_with(marker: str) -> list:
    found = []
    for deadline in range(30):
        found = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    line = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if marker in line:
                    found.append(f"{proc.name}: {line.strip()}")
        if not found:
            return found
        time.sleep(0.1)
    return found


class Listener:
    """A server the attacks try to reach: it counts the connections it gets."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.port = self.server.getsockname()[1]
        self.received = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.received += 1
            connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pack(cases: list) -> list:
    """The case groups, merged where their tasks do not overlap: fewer runs, same checks."""
    groups = {}
    for case in cases:
        groups.setdefault(case["group"], []).append(case)
    packed = []
    for group in sorted(groups.values(), key=len, reverse=True):
        for run in packed:
            if not {c["task"] for c in run} & {c["task"] for c in group}:
                run.extend(group)
                break
        else:
            packed.append(list(group))
    return packed


def check_run(name, results, baseline, attacks, before, after, marker, listener, port2, placeholders, seconds):
    problems = []
    if seconds > TOTAL_SECONDS + 30:
        problems.append(f"grading took {seconds:.0f} s, over its cap of {TOTAL_SECONDS} s")
    by_task = {c["task"]: c for c in attacks}
    tests, base = results["tests"], baseline["tests"]
    if [t["name"] for t in tests] != [t["name"] for t in base]:
        problems.append("the tests differ from the baseline's")
    else:
        for t, b in zip(tests, base):
            if t["score"] != b["score"]:
                case = by_task.get(t["number"])
                problems.append(f"{t['number']} {t['name']}: {t['score']} points, honest code there earns {b['score']}"
                                + (f" (attacked by {case['name']})" if case else " (not attacked)")
                                + f": {t.get('output', '')[:200]!r}")
    if results["score"] != sum(t["score"] for t in tests):
        problems.append("results.json's score is not the sum of its tests: not the grader's own")
    if before != after:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        problems.append(f"the package changed: {changed[:5]}")
    left = processes_with(marker)
    if left:
        problems.append(f"processes of the attacks are still running: {left}")
    try:
        with socket.create_connection(("127.0.0.1", port2), timeout=1):
            problems.append("something still listens on the port an attack opened")
    except OSError:
        pass
    if listener.received:
        problems.append(f"an attack reached the network ({listener.received} connections)")
    visible = [t.get("output", "") for t in tests if t.get("visibility") == "visible"]
    for case in attacks:
        for secret in case["must_not_leak"]:
            secret = fill(secret, placeholders)
            if secret in results.get("output", "") or any(secret in o for o in visible):
                problems.append(f"{case['name']}: a student can see {secret!r}")
        if case["history"]:
            mine = [t for t in tests if t["number"] == case["task"]]
            seen = "\n".join(t.get("output", "") for t in mine if t["visibility"] == "visible")
            hidden = [t for t in mine if t["visibility"] != "visible" and case["history"] in t.get("output", "")]
            if not hidden:
                problems.append(f"{case['name']}: no hidden test printed its inputs")
            for t in hidden:
                line = [l for l in t["output"].split("\n") if l.startswith(case["history"])][-1]
                last = line[len(case["history"]):].strip("[]").split(", ")[-1]
                if last in seen:
                    problems.append(f"{case['name']}: the hidden input {last!r} shows in a visible test's output")
    for problem in problems:
        print(f"check_gradescope: {name}: {problem}", file=sys.stderr)
    return not problems


def hostile(kit: Path, root: Path, solved: dict) -> int:
    folder = kit / "grading" / "src" / "test" / "resources" / "hostile"
    cases = [read_case(p) for p in sorted(folder.glob("*.case"))]
    listener, port2 = Listener(), free_port()
    marker = "hostile" + secrets.token_hex(6)
    secret = "secret-" + secrets.token_hex(8)
    placeholders = {"@KIT@": str(root / "source"), "@TESTS@": str(root / "source" / "tests"),
                    "@RESULTS@": str(root / "results"), "@MARKER@": marker, "@PORT2@": str(port2),
                    "@PORT@": str(listener.port), "@SECRET@": secret}
    options = root / "source" / "grade-options"
    options.write_text(re.sub(r"--total-timeout [0-9]+", f"--total-timeout {TOTAL_SECONDS}", options.read_text()))
    modes = [("auto", {})]
    if os.geteuid() == 0:
        modes.append(("user", {"BACKPROP_ISOLATION": "user"}))   # a container that refuses namespaces
    ok, runs, started = True, 0, time.monotonic()
    for number, attacks in enumerate(pack(cases), 1):
        stubs = {c["task"] for c in attacks if not c["expect_solution"]}
        if stubs:
            for folder_name in ("submission", "results"):
                shutil.rmtree(root / folder_name, ignore_errors=True)
            build(kit, root / "submission", [], stubs, placeholders)
            baseline = run_autograder(root)
            runs += 1
        else:
            baseline = solved   # honest code there is the solutions, graded already
        # the sandbox modes differ only for the attacks a sandbox stops; the others need one run
        sandboxed = any(c["stopped_by"].split() and {"bubblewrap", "user"} & set(c["stopped_by"].split()) for c in attacks)
        for mode, env in (modes if sandboxed else modes[:1]):
            for folder_name in ("submission", "results"):
                shutil.rmtree(root / folder_name, ignore_errors=True)
            build(kit, root / "submission", attacks, set(), placeholders)
            before = checksums(root / "source")
            listener.received = 0
            began = time.monotonic()
            results = run_autograder(root, dict(env, BACKPROP_CHECK_SECRET=secret))
            seconds = time.monotonic() - began
            runs += 1
            junit = root / "results" / "junit.xml"
            try:
                ElementTree.parse(junit)
            except (OSError, ElementTree.ParseError) as e:
                print(f"check_gradescope: junit.xml is not well-formed: {e}", file=sys.stderr)
                ok = False
            isolation = results.get("extra_data", {}).get("isolation", "")
            name = f"hostile run {number} ({mode}: {isolation.split(':')[0]})"
            if mode == "user" and not isolation.startswith("unprivileged user"):
                print(f"check_gradescope: {name}: BACKPROP_ISOLATION=user was not in force", file=sys.stderr)
                ok = False
            ok &= check_run(name, results, baseline, attacks, before, checksums(root / "source"), marker, listener, port2,
                            placeholders, seconds)
    if ok:
        print(f"    ok Gradescope package: {len(cases)} hostile submissions earn nothing, change nothing, leak nothing and "
              f"leave nothing running ({runs} runs of run_autograder, modes {', '.join(m for m, _ in modes)}, "
              f"{time.monotonic() - started:.0f} s)")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--zip", required=True)
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile-submission suite")
    args = parser.parse_args()
    kit = Path(args.kit).resolve()

    with tempfile.TemporaryDirectory(prefix="fake-autograder-") as folder:
        root = Path(folder)
        os.chmod(root, 0o711)
        with zipfile.ZipFile(args.zip) as archive:
            archive.extractall(root / "source")
        for script in ("run_autograder", "setup.sh"):
            os.chmod(root / "source" / script, 0o755)

        try:
            fresh(root, kit / "solutions" / "src" / "main" / "java", "exercises/src/main/java")
            solved = run_autograder(root)
            most = sum(t["max_score"] for t in solved["tests"])
            if solved["score"] != most or any(t["status"] != "passed" for t in solved["tests"]):
                failing = [t["name"] for t in solved["tests"] if t["status"] != "passed"]
                print(f"check_gradescope: the solutions scored {solved['score']}/{most}; failing: {failing}", file=sys.stderr)
                return 1

            submission = fresh(root, kit / "exercises", "exercises")
            tests = sorted((submission / "exercises" / "src" / "test" / "java").rglob("*Test.java"))
            for test in tests:   # every visible test "fixed" to pass without checking anything
                source = test.read_text(encoding="utf-8")
                package = source.split("package ", 1)[1].split(";", 1)[0]
                test.write_text(f"package {package};\nclass {test.stem} {{}}\n", encoding="utf-8")
            tampered = run_autograder(root)
            if tampered["score"] != 0:
                print(f"check_gradescope: the starter code with edited tests scored {tampered['score']}", file=sys.stderr)
                return 1
            print(f"    ok Gradescope package: the solutions score {most}/{most}; the starter code with its "
                  f"{len(tests)} visible test files emptied scores 0/{most}")
            return 0 if args.no_hostile else hostile(kit, root, solved)
        except CheckFailed as e:
            print(f"check_gradescope: {e}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
