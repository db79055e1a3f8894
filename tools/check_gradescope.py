#!/usr/bin/env python3
"""Run the Gradescope autograder package the way Gradescope runs it, in a temporary folder.

    python tools/check_gradescope.py --kit KIT --zip target/grading/gradescope-autograder.zip

It unpacks the zip into a fake /autograder (run_autograder reads AUTOGRADER_ROOT) and grades two
submissions:
  1. the instructor's solutions, laid out as a student's repository: every point;
  2. the starter code with a visible test rewritten to pass anything: no point at all, because
     the tests come from the package, never from the submission.
Exit status 1 when either result is not what it should be.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


def run_autograder(root: Path) -> dict:
    env = dict(os.environ, AUTOGRADER_ROOT=str(root))
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    results = root / "results" / "results.json"
    if done.returncode != 0 or not results.exists():
        print(done.stdout, file=sys.stderr)
        raise SystemExit(f"check_gradescope: run_autograder failed (status {done.returncode})")
    return json.loads(results.read_text(encoding="utf-8"))


def fresh(root: Path, submission_from: Path, into: str) -> Path:
    """Empties the submission and results folders and copies a tree into the submission."""
    for folder in ("submission", "results"):
        shutil.rmtree(root / folder, ignore_errors=True)
    target = root / "submission" / into
    shutil.copytree(submission_from, target)
    return root / "submission"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--zip", required=True)
    args = parser.parse_args()
    kit = Path(args.kit).resolve()

    with tempfile.TemporaryDirectory(prefix="fake-autograder-") as folder:
        root = Path(folder)
        with zipfile.ZipFile(args.zip) as archive:
            archive.extractall(root / "source")

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
