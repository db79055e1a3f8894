#!/usr/bin/env python3
"""Runs the kit's CI configurations here, the way their services would, on a student's repository.

    python tools/check_ci_platforms.py --kit KIT --package target/grading/gradescope-autograder.zip

None of GitHub, GitLab or Classroom 50 can be reached from here, so each file is read as the
service reads it and its steps are run with the environment the service gives them:

1. .github/workflows/grade.yml: the download step (with a stand-in for the gh command that
   checks its arguments), the checksum step, the grading step. The score must be in the job
   summary, each failing visible test must be annotated at its @Graded line, the reports
   artifact must hold no hidden test's message; editing the visible tests in the repository
   changes no score; a package whose checksum is not the pinned one is refused.
2. .gitlab-ci.yml: the job's script lines; the JUnit report it hands to GitLab must have one
   test case per graded test with the name, class name and failures GitLab's test report reads.
3. grading/platforms/classroom50/autograder.py, run by the wiki's contract (Advanced
   Autograding): in the student's checkout, with the runner's environment variables. result.json
   must satisfy the contract (schema classroom50/result/v1, checked with a JSON Schema written
   from the wiki's table, and the rules the wiki states beyond it), release-body.md and the
   status/summary outputs must be there, and without the runner's variables the autograder
   must fail as an infrastructure error, not report a score.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_class  # noqa: E402
from engine_steps import Failure, check, substitute  # noqa: E402

try:
    import jsonschema
    import yaml
except ImportError:   # JupyterLab brings both into the kit's environment
    raise SystemExit("check_ci_platforms: needs PyYAML and jsonschema (JupyterLab's environment has them: run through ./course test)")

HIDDEN_MESSAGE = "a test you cannot see yet: its details are for your instructor"

# The result.json contract of Classroom 50's wiki ("Advanced Autograding", "The result.json
# contract"), as a JSON Schema: the fields, their types, the required ones.
RESULT_V1 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release",
                 "review", "datetime", "score", "max-score", "tests"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": "classroom50/result/v1"},
        "classroom": {"type": "string", "minLength": 1},
        "assignment": {"type": "string", "minLength": 1},
        "assignment_type": {"enum": ["individual", "group"]},
        "owner": {"type": "string", "minLength": 1},
        "submission": {"type": "string", "pattern": "^submit/"},
        "commit": {"type": "string", "minLength": 1},
        "release": {"type": "string", "minLength": 1},
        "review": {"type": "string", "minLength": 1},
        "datetime": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$"},
        "graded_at": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$"},
        "score": {"type": "integer", "minimum": 0},
        "max-score": {"type": "integer", "minimum": 0},
        "tests": {"type": "array", "items": {
            "type": "object",
            "required": ["test-name", "passed", "score", "max-score"],
            "properties": {"test-name": {"type": "string", "minLength": 1}, "passed": {"type": "boolean"},
                           "score": {"type": "integer", "minimum": 0}, "max-score": {"type": "integer", "minimum": 0}}}},
        "submitted_by": {"type": "object", "required": ["username"], "additionalProperties": False,
                         "properties": {"username": {"type": "string", "minLength": 1}, "id": {"type": ["integer", "null"]}}},
    },
}




def bash(script, cwd, env):
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)
    return done.returncode, done.stdout


def student_repository(kit: Path, folder: Path):
    """A student's repository made from the kit: chapter 1 solved, chapter 2 throwing bugs, the rest untouched."""
    k = synthetic_class.Kit(kit)
    for part in ("exercises", ".github", "grading/platforms"):
        shutil.copytree(kit / part, folder / part, ignore=shutil.ignore_patterns("target"))
    shutil.copy(kit / ".gitlab-ci.yml", folder)
    variants = {c: "starter" for c in k.chapters}
    variants[k.chapters[0]] = "solution"
    variants[k.chapters[1]] = "throws"
    for name, data in synthetic_class.submission_files(k, variants, "ada", "repo").items():
        (folder / name).write_bytes(data)
    synthetic_class.git(folder, "init", "-q")
    synthetic_class.git(folder, "add", "-A")
    synthetic_class.git(folder, "commit", "-q", "-m", "my work", date="2026-11-29T10:11:12+01:00")
    expected = sum(p for c, t, p in k.tests if c == k.chapters[0])
    return expected, sum(p for _, _, p in k.tests), k


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI_", "RUNNER_"))}
    env.update({k: str(v) for k, v in extra.items()})
    return env


# ---------------------------------------------------------------------------- GitHub Actions

FAKE_GH = """#!/usr/bin/env bash
# stands in for GitHub's gh: checks how the workflow calls it, then "downloads" the package
set -eu
[ -n "${GH_TOKEN:-}" ] || { echo "gh: no GH_TOKEN" >&2; exit 4; }
[ "$1 $2 $3" = "release download autograder-2026-1" ] || { echo "gh: unexpected call: $*" >&2; exit 4; }
shift 3
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) [ "$2" = "teacher/backprop-autograder" ] || { echo "gh: wrong repository $2" >&2; exit 4; }; shift 2 ;;
    --pattern) pattern="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --clobber) shift ;;
    *) echo "gh: unexpected option $1" >&2; exit 4 ;;
  esac
done
cp "$FAKE_GH_PACKAGE" "$dir/$pattern"
"""


def check_github(kit: Path, work: Path, package: Path):
    repo = work / "repo"
    expected, most, k = student_repository(kit, repo)
    workflow = yaml.safe_load((kit / ".github" / "workflows" / "grade.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["grade"]
    check("vars.BACKPROP_AUTOGRADER_TAG" in job.get("if", ""), "the grading job does not wait for the pinned autograder's variables")
    check(workflow.get("permissions") == {"contents": "read"}, "the workflow asks for more than reading the repository")
    bin_dir = work / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    runner_temp = work / "runner-temp"
    runner_temp.mkdir()
    sha = hashlib.sha256(package.read_bytes()).hexdigest()
    values = {"vars.BACKPROP_AUTOGRADER_REPOSITORY": "teacher/backprop-autograder", "vars.BACKPROP_AUTOGRADER_TAG": "autograder-2026-1",
              "vars.BACKPROP_AUTOGRADER_SHA256": sha, "secrets.BACKPROP_AUTOGRADER_TOKEN || github.token": "token",
              "runner.temp": str(runner_temp), "github.ref": "refs/heads/main"}
    summary = work / "summary.md"

    def run_steps(overrides=None, only=None):
        outputs = {}
        for step in job["steps"]:
            if "run" not in step or (only and only not in step["name"]):
                continue
            env = environment(PATH=f"{bin_dir}:{os.environ['PATH']}", GITHUB_WORKSPACE=repo, RUNNER_TEMP=runner_temp,
                              GITHUB_STEP_SUMMARY=summary, GITHUB_REPOSITORY="my-course/backprop-ada",
                              GITHUB_SHA="3f2a9c1d0b7e", GITHUB_ACTOR="ada", FAKE_GH_PACKAGE=package)
            for scope in (job.get("env", {}), step.get("env", {})):
                env.update({key: substitute(v, values) for key, v in scope.items()})
            env.update(overrides or {})
            status, out = bash(substitute(step["run"], values), repo, env)
            outputs[step["name"]] = (status, out)
            if status != 0:
                return outputs
        return outputs

    outputs = run_steps()
    for name, (status, out) in outputs.items():
        check(status == 0, f"the step '{name}' failed:\n{out[-2500:]}")
    grade_out = next(out for name, (_, out) in outputs.items() if name == "Grade")
    text = summary.read_text(encoding="utf-8")
    check(f"**{expected} / {most} points**" in text, f"the job summary does not give the score {expected} / {most}:\n{text[:400]}")
    annotations = re.findall(r"^::error file=([^,]+),line=(\d+),title=([^:]*)::(.*)$", grade_out, re.M)
    check(annotations, f"no failing test was annotated:\n{grade_out[-1500:]}")
    for file, line, title, _ in annotations:
        source = (repo / file).read_text(encoding="utf-8").splitlines()
        check("@Graded" in source[int(line) - 1], f"the annotation {file}:{line} is not at a @Graded line")
    check(any("(error)" in t for _, _, t, _ in annotations), "the bug of chapter 2 (an exception) was not annotated")
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    artifact = Path(substitute(uploads[0]["with"]["path"], values))
    check(uploads[0].get("if") == "always()", "the reports are not kept when grading fails")
    check_redacted(artifact, k)

    # the tests come from the package: a student who empties the visible tests changes nothing
    for test in (repo / "exercises" / "src" / "test" / "java").rglob("*Test.java"):
        package_line = re.search(r"package [^;]+;", test.read_text(encoding="utf-8")).group(0)
        test.write_text(f"{package_line}\nclass {test.stem} {{}}\n", encoding="utf-8")
    summary.unlink()
    shutil.rmtree(runner_temp / "grading-reports")
    status, out = run_steps(only="Grade")["Grade"]
    check(status == 0 and f"**{expected} / {most} points**" in summary.read_text(encoding="utf-8"),
          "emptying the visible tests in the repository changed the score")

    # a package that is not the pinned one is refused, and nothing is unpacked
    shutil.rmtree(runner_temp / "autograder")
    status, out = next(iter(run_steps(overrides={"AUTOGRADER_SHA256": "0" * 64}, only="checksum").values()))
    check(status != 0 and "not the pinned" in out, f"a package with another checksum was not refused:\n{out[-800:]}")
    check(not (runner_temp / "autograder").exists(), "a refused package was unpacked")
    return expected, most, len(annotations)


def check_redacted(reports: Path, k):
    """No report a student gets holds a hidden test's message or printed output."""
    detail = synthetic_class.graded_tests(k.kit / "solutions" / "src" / "test" / "java", True)
    hidden = {(cls, method) for _, _, _, visibility, cls, method, _, _ in detail if visibility != "VISIBLE"}
    results = json.loads((reports / "results.json").read_text(encoding="utf-8"))
    for test in results["tests"]:
        if test.get("visibility", "visible") != "visible" and test["status"] != "passed":
            check(test.get("output", "").endswith(HIDDEN_MESSAGE) or test.get("output", "") == "",
                  f"results.json shows a hidden test's message: {test}")
    tree = ET.parse(reports / "junit.xml")
    for case in tree.iter("testcase"):
        cls = case.get("classname", "").rsplit(".", 1)[-1]
        if (cls, case.get("name")) in hidden:
            for element in list(case.iter("failure")) + list(case.iter("error")):
                text = (element.text or "") + element.get("message", "")
                check("a bug" not in text and "Exercise" not in text, f"junit.xml shows hidden test {cls}#{case.get('name')}'s message")
            check(not list(case.iter("system-out")) or all(not (e.text or "").strip() for e in case.iter("system-out")),
                  f"junit.xml shows what hidden test {cls}#{case.get('name')} printed")
    feedback = (reports / "feedback.md").read_text(encoding="utf-8")
    check("you cannot see yet" in feedback, "the feedback does not say that hidden tests failed")




# ---------------------------------------------------------------------------- GitLab CI

def check_gitlab(kit: Path, work: Path, package: Path):
    repo = work / "repo"
    expected, most, k = student_repository(kit, repo)
    config = yaml.safe_load((kit / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["grade"]
    condition = job["rules"][0]["if"]
    check("$BACKPROP_AUTOGRADER_URL" in condition and "$BACKPROP_AUTOGRADER_SHA256" in condition,
          "the GitLab job does not wait for the pinned package's variables")
    check(job["artifacts"]["when"] == "always", "GitLab keeps the report only when the job passes")
    env = environment(CI_PROJECT_DIR=repo, BACKPROP_AUTOGRADER_URL=package.resolve().as_uri(),
                      BACKPROP_AUTOGRADER_SHA256=hashlib.sha256(package.read_bytes()).hexdigest(),
                      CI_PROJECT_PATH="my-course/backprop-ada", CI_COMMIT_SHA="3f2a9c1d0b7e", GITLAB_USER_LOGIN="ada")
    status, out = bash("\n".join(job["script"]), repo, env)
    check(status == 0, f"the GitLab job's script failed:\n{out[-2500:]}")
    report = repo / job["artifacts"]["reports"]["junit"]
    check(report.is_file(), f"the job left no JUnit report at {report}")
    root = ET.parse(report).getroot()
    check(root.tag in ("testsuites", "testsuite"), f"the JUnit report's root is <{root.tag}>")
    cases = list(root.iter("testcase"))
    check(len(cases) == len(k.tests), f"the JUnit report has {len(cases)} test cases, the assignment {len(k.tests)} graded tests")
    check(all(c.get("name") and c.get("classname") for c in cases), "a test case lacks the name or class name GitLab shows")
    failing = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
    passing = len(cases) - len(failing)
    check(passing == sum(1 for c, _, _ in k.tests if c == k.chapters[0]),
          f"the JUnit report has {passing} passing test cases, expected the {sum(1 for c, _, _ in k.tests if c == k.chapters[0])} of chapter {k.chapters[0]}")
    check_redacted(repo / "grading-reports", k)
    return len(cases), len(failing)


# ---------------------------------------------------------------------------- Classroom 50

def check_classroom50(kit: Path, work: Path, package: Path):
    checkout = work / "checkout"
    expected, most, k = student_repository(kit, checkout)
    bundle = work / "bundle"
    bundle.mkdir()
    shutil.copy(kit / "grading" / "platforms" / "classroom50" / "autograder.py", bundle)
    shutil.copy(package, bundle / "gradescope-autograder.zip")
    outputs = work / "github-output"
    identity = dict(CLASSROOM="cs-principles", ASSIGNMENT="backprop", ASSIGNMENT_TYPE="individual",
                    SUBMISSION_TAG="submit/2026-11-29T09-11-12Z-3f2a9c1", USERNAME="ada", OWNER="ada",
                    COMMIT_URL="https://github.com/my-course/cs-principles-backprop-ada/commit/3f2a9c1",
                    RELEASE_URL="https://github.com/my-course/cs-principles-backprop-ada/releases/tag/submit%2F2026",
                    REVIEW_URL="https://github.com/my-course/cs-principles-backprop-ada/compare/aaa...3f2a9c1",
                    PAGES_BASE_URL="https://my-course.github.io/classroom50", GITHUB_REPOSITORY="my-course/cs-principles-backprop-ada",
                    GITHUB_SHA="3f2a9c1", GITHUB_ACTOR="ada", GITHUB_ACTOR_ID="1815", GITHUB_OUTPUT=outputs,
                    RUNNER_TEMP=work / "runner-temp", CLASSROOM50_BUNDLE_DIR=bundle)
    (work / "runner-temp").mkdir()
    done = subprocess.run([sys.executable, str(bundle / "autograder.py")], cwd=checkout, env=environment(**identity),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)
    check(done.returncode == 0, f"autograder.py failed (status {done.returncode}):\n{done.stdout[-2500:]}")
    result = json.loads((checkout / "result.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(RESULT_V1).iter_errors(result), key=str)
    check(not errors, "result.json does not fit the classroom50/result/v1 contract: " + "; ".join(e.message for e in errors[:5]))
    # the rules the wiki states beyond the fields' types
    for field, variable in (("classroom", "CLASSROOM"), ("assignment", "ASSIGNMENT"), ("owner", "OWNER"),
                            ("submission", "SUBMISSION_TAG"), ("commit", "COMMIT_URL"), ("release", "RELEASE_URL"),
                            ("review", "REVIEW_URL"), ("assignment_type", "ASSIGNMENT_TYPE")):
        check(result[field] == str(identity[variable]), f"result.json's {field} is {result[field]!r}, the runner's {variable} {identity[variable]!r}")
    check(result["score"] == sum(t["score"] for t in result["tests"]), "score is not the sum of the tests' scores")
    check(result["max-score"] == sum(t["max-score"] for t in result["tests"]), "max-score is not the sum of the tests' max-scores")
    check(result["score"] <= result["max-score"] and all(t["score"] <= t["max-score"] for t in result["tests"]),
          "a score is above its maximum")
    check((result["score"], result["max-score"]) == (expected, most),
          f"result.json gives {result['score']}/{result['max-score']}, expected {expected}/{most}")
    committed = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%cI"], capture_output=True, text=True).stdout.strip()
    utc = datetime.fromisoformat(committed).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    check(result["datetime"] == utc, f"datetime is {result['datetime']}, the graded commit's committer date is {utc}")
    check(result.get("submitted_by") == {"username": "ada", "id": 1815}, f"submitted_by is {result.get('submitted_by')}")
    detail = synthetic_class.graded_tests(kit / "solutions" / "src" / "test" / "java", True)
    hidden = sum(1 for d in detail if d[3] != "VISIBLE")
    concealed = [t for t in result["tests"] if "hidden test" in t["test-name"]]
    check(len(concealed) == hidden and all("message" not in t for t in concealed),
          f"{len(concealed)} tests are shown as hidden (expected {hidden}), some with a message")
    check(any("message" in t and not t["passed"] for t in result["tests"]), "no failing visible test carries its message")
    body = (checkout / "release-body.md").read_text(encoding="utf-8")
    check(f"{expected} / {most}" in body, "release-body.md does not give the score")
    lines = outputs.read_text(encoding="utf-8").splitlines()
    check("status=failure" in lines and any(line.startswith("summary=") for line in lines),
          f"$GITHUB_OUTPUT has no status=failure and summary= lines: {lines}")

    # without the runner's variables it is an infrastructure error, not a score
    (checkout / "result.json").unlink()
    bare = environment(RUNNER_TEMP=work / "runner-temp")
    done = subprocess.run([sys.executable, str(bundle / "autograder.py")], cwd=checkout, env=bare,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)
    check(done.returncode != 0 and "CLASSROOM" in done.stdout, "without the runner's variables the autograder did not fail clearly")
    check(not (checkout / "result.json").exists(), "without the runner's variables the autograder still wrote a result")
    return result["score"], result["max-score"], len(result["tests"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    kit, package = Path(args.kit).resolve(), Path(args.package).resolve()
    folder = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="ci-platforms-check-"))
    try:
        for part in ("github", "gitlab", "classroom50"):
            (folder / part).mkdir(parents=True)
        score, most, annotated = check_github(kit, folder / "github", package)
        print(f"    ok GitHub Actions (grade.yml): {score}/{most} in the job summary, {annotated} failing tests annotated at "
              f"their lines, no hidden message in the reports, the student's edited tests change nothing, a package with "
              f"another checksum refused")
        cases, failing = check_gitlab(kit, folder / "gitlab", package)
        print(f"    ok GitLab CI (.gitlab-ci.yml): a JUnit report of {cases} test cases ({failing} failing) for GitLab's test report")
        score, most, tests = check_classroom50(kit, folder / "classroom50", package)
        print(f"    ok Classroom 50 (autograder.py): result.json fits classroom50/result/v1 ({score}/{most}, {tests} tests), "
              f"release-body.md and the status written; without the runner's variables an infrastructure error")
    except Failure as e:
        print(f"check_ci_platforms: {e}\n(work folder: {folder})", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
