#!/usr/bin/env python3
"""Backprop Kit's autograder for Classroom 50.

Put this file and the instructor's autograder package (target/grading/gradescope-autograder.zip,
which ./course gradescope builds) side by side in the classroom50 repository:

    CLASSROOM/autograders/ASSIGNMENT/autograder.py
    CLASSROOM/autograders/ASSIGNMENT/gradescope-autograder.zip

and give the assignment the runtime {"java": "17"}. Classroom 50's runner publishes that folder as
the assignment's bundle, runs this script once per submission in the student's checkout, and
reads back what the wiki's "Advanced Autograding" page asks for:

    ./result.json        the score and one entry per test (schema classroom50/result/v1)
    ./release-body.md    the Release's text: each task's points and what to look at
    $GITHUB_OUTPUT       status=success|failure and summary=...

The grading itself is the kit's grader (backprop.grading.cohort.CiGrade): the tests come from the
package, never from the student's repository, and the messages of hidden tests stay out of
everything the student can read. The exit status is 0 whenever grading ran (the score is in
result.json); anything else tells the runner that grading itself failed.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "gradescope-autograder.zip"


def unpack(package: Path, into: Path) -> None:
    """Unpacks the package, refusing any entry that would land outside `into`."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            target = (into / name).resolve()
            if target != into.resolve() and into.resolve() not in target.parents:
                raise SystemExit(f"autograder: the package's entry {name!r} points outside {into}: refused")
        archive.extractall(into)


def java() -> str:
    home = os.environ.get("JAVA_HOME", "")
    candidate = Path(home) / "bin" / "java" if home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise SystemExit("autograder: no Java here: give the assignment the runtime {\"java\": \"17\"}")
    return found


def main() -> int:
    if not PACKAGE.is_file():
        print(f"autograder: {PACKAGE.name} is not next to autograder.py: build it with ./course gradescope", file=sys.stderr)
        return 2
    work = Path(os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp(prefix="backprop-")) / "backprop-autograder"
    unpack(PACKAGE, work / "package")
    command = [java(), "-cp", str(work / "package" / "lib" / "*"), "backprop.grading.cohort.CiGrade",
               "--platform", "classroom50", "--package", str(work / "package"),
               "--submission", os.getcwd(), "--out", str(work / "reports")]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
