#!/usr/bin/env python3
"""End-to-end checks of ./course grade-class, as an instructor runs it.

    python tools/check_grade_class.py --kit KIT --package target/grading/gradescope-autograder.zip [--students 200]

./course test runs it with --students 48 (every kind of submission below, and ten ordinary ones:
about a minute); the full class of 200 runs here by default, and in ./course bench grade-class.

1. A synthetic class (tools/synthetic_class.py: correct, partly correct, every kind of broken, a
   few hostile) is graded with ./course grade-class. The run is interrupted a quarter of the way
   and started again: it must go on where it stopped. The gradebook must equal the expected
   scores, which synthetic_class.py computes without the grader. Every student gets feedback,
   the class report is self-contained, the submissions are left untouched, nothing is written
   outside the output folder (the zip-slip entries land nowhere), and a third run grades nothing
   again until a submission changes.
2. A Gradescope "Export Submissions" zip (a group submission, a zip-slip entry, a submission
   without files, a folder the metadata does not list) is graded from the zip itself.
3. Shards, the way the engines run them: the Kubernetes Indexed Job of
   grading/platforms/kubernetes/grade-class.yaml (each pod's script with its own
   JOB_COMPLETION_INDEX, then the merge Job) and the matrix of .github/workflows/grade-class.yml
   (each shard's steps with its matrix value and strategy.job-total, the artifacts passed to the
   merge job) each grade a roster of git repositories as separate processes; each merged
   gradebook and every feedback file must equal those of the class graded on one machine.
Exit status 1 when a check fails. It prints the seconds the class took.
"""
import argparse
import csv
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_class  # noqa: E402
from engine_steps import Failure, check, shell, substitute  # noqa: E402

try:
    import yaml
except ImportError:   # JupyterLab brings PyYAML into the kit's environment
    raise SystemExit("check_grade_class: needs PyYAML (JupyterLab's environment has it: run through ./course test)")




def run(command, cwd, env=None, timeout=1800):
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise Failure(f"{' '.join(map(str, command))} failed (status {done.returncode}):\n{done.stdout[-3000:]}")
    return done.stdout


def snapshot(folder: Path):
    """Every file, folder and link under folder, with its contents' hash (links are not followed)."""
    seen = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                seen[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                seen[rel] = ("dir",)
            else:
                seen[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest())
    return seen


def read_gradebook(path: Path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["student"].lower(): row for row in csv.DictReader(f)}


def compare(expected_csv: Path, gradebook: Path):
    expected = read_gradebook(expected_csv)
    got = read_gradebook(gradebook)
    check(set(expected) == set(got), f"the gradebook's students differ from the expected: missing "
          f"{sorted(set(expected) - set(got))}, unexpected {sorted(set(got) - set(expected))}")
    wrong = []
    for student, row in expected.items():
        for column, value in row.items():
            if column != "student" and got[student][column] != value:
                wrong.append(f"{student} {column}: expected {value}, got {got[student][column]} ({got[student]['note'][:160]})")
    check(not wrong, f"{len(wrong)} gradebook cells differ from the expected scores:\n  " + "\n  ".join(wrong[:25]))
    return len(expected)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def results(out: Path):
    return {p.parent.name: p.stat().st_mtime_ns for p in (out / "students").glob("*/result.properties")}


# ---------------------------------------------------------------------------- 1. the class

def check_class(kit: Path, work: Path, students: int, jobs: int, seed: int):
    expected, made, k = synthetic_class.build(kit, work, students, seed)
    for canary in Path("/tmp").glob("backprop-hostile-*"):
        canary.unlink()
    before, listing = snapshot(work / "class"), set(os.listdir(work))
    command = [kit / "course", "grade-class", "class", "--out", "out", "--deadline", synthetic_class.DEADLINE,
               *(["--jobs", jobs] if jobs else [])]

    # the first run is interrupted a quarter of the way
    start = time.time()
    first = subprocess.Popen([str(c) for c in command], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    while first.poll() is None and len(results(work / "out") if (work / "out").exists() else {}) < len(expected) // 4:
        time.sleep(0.2)
    interrupted = first.poll() is None
    if interrupted:
        os.killpg(first.pid, signal.SIGTERM)
        deadline = time.time() + 60
        while group_alive(first.pid) and time.time() < deadline:   # the JVM, not only the script, must be gone
            first.poll()
            time.sleep(0.2)
        if group_alive(first.pid):
            os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    done_before = len(results(work / "out"))
    second = run(command, work)
    seconds = time.time() - start
    check("share a class-data archive" in second, f"the test JVMs did not share a class-data archive:\n{second[:800]}")
    if interrupted:
        check(f"({done_before} done before)" in second or done_before == 0,
              f"the run after the interruption did not go on from the {done_before} results already there:\n{second[-800:]}")

    n = compare(work / "expected.csv", work / "out" / "gradebook.csv")
    feedback = sorted((work / "out" / "students").glob("*/feedback.md"))
    check(len(feedback) == n and len(list((work / "out" / "students").glob("*/feedback.html"))) == n,
          f"{len(feedback)} feedback files for {n} students")
    report = (work / "out" / "class-report.html").read_text(encoding="utf-8")
    external = re.findall(r'(?:src|href)="(?!data:|#)([^"]+)"', report)
    check(not external, f"the class report is not self-contained: it refers to {external[:3]}")
    for needed in ("Where the class struggles", "Scores", "Pass rate of every test", "Most common failures"):
        check(needed in report, f"the class report has no section '{needed}'")
    check(snapshot(work / "class") == before, "grading changed the submissions folder")
    check(set(os.listdir(work)) == listing | {"out"}, f"grading wrote outside its output folder: {set(os.listdir(work)) - listing}")
    slipped = [p for p in [work.parent / f"zip-slip-{seed}-0", work.parent / f"zip-slip-{seed}-1"]
               + list(Path("/tmp").glob(f"zip-slip-{seed}-*")) if p.exists()]
    check(not slipped, f"a zip-slip entry was written: {slipped}")
    check(not (work / "out" / ".work").exists(), "the working folder was left behind")
    canaries = sorted(Path("/tmp").glob("backprop-hostile-*"))
    if k.has_api_rules:
        check(not canaries, f"student code wrote outside its sandbox: {canaries}")

    # a third run grades nothing; a changed submission is graded again, alone
    stamps = results(work / "out")
    third = run(command, work)
    check(results(work / "out") == stamps, "a run with nothing changed graded again")
    check(f"({len(stamps)} done before)" in third, f"the third run did not report {len(stamps)} results done before")
    changed = work / "class" / "correct-repo" / "exercises" / "src" / "main" / "java" / "exercises" / f"ch{k.chapters[0]}"
    target = sorted(changed.glob("*.java"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n// changed after grading\n", encoding="utf-8")
    run(command, work)
    now = results(work / "out")
    regraded = sorted(s for s in now if now[s] != stamps.get(s))
    check(regraded == ["correct-repo"], f"after changing one submission these were graded again: {regraded}")
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(made.items()))
    return seconds, sum(made.values()) + 1, n, interrupted, kinds


# ---------------------------------------------------------------------------- 2. Gradescope's export

def check_gradescope_export(kit: Path, work: Path):
    k = synthetic_class.Kit(kit)
    every = {c: "solution" for c in k.chapters}
    half = {c: ("solution" if i % 2 == 0 else "starter") for i, c in enumerate(k.chapters)}
    work.mkdir(parents=True)
    root = "assignment_4242_export/"
    metadata = """submission_1001:
  :submitters:
  - :name: Ada Lovelace
    :sid: '1815'
    :email: ada@example.edu
  :created_at: 2026-11-30 21:14:03.000000000 -08:00
  :score: !ruby/object:BigDecimal 18:0.86e2
submission_1002:
  :submitters:
  - :name: Grace Hopper
    :sid: '1906'
    :email: grace@example.edu
  - :name: Katherine Johnson
    :sid: ''
    :email: katherine@example.edu
submission_1003:
  :submitters:
  - :name: Linus
    :sid: '1969'
"""
    zip_path = work / "export.zip"
    with zipfile.ZipFile(zip_path, "w") as z:
        z.writestr(root + "submission_metadata.yml", metadata)
        for name, data in synthetic_class.submission_files(k, every, "ada", "repo").items():
            z.writestr(root + "submission_1001/" + name, data)
        for name, data in synthetic_class.submission_files(k, half, "group", "flat").items():
            z.writestr(root + "submission_1002/" + name, data)
        z.writestr(root + "submission_1002/../../../gradescope-slip/Evil.java", b"package exercises.ch1;\nclass Evil {}\n")
        z.writestr(root + "submission_9999/Stray.java", b"package exercises.ch1;\nclass Stray {}\n")
    out = run([kit / "course", "grade-class", zip_path, "--out", work / "export-out"], work)
    check("left out submission_9999/" in out, "the export's folder that no metadata names was not reported")
    got = read_gradebook(work / "export-out" / "gradebook.csv")
    half_total = sum(k.points[t] for t in k.tasks if half[k.chapter_of[t]] == "solution")
    want = {"1815": (sum(k.points.values()), "graded"), "1906": (half_total, "graded"),
            "katherine@example.edu": (half_total, "graded"), "1969": (0, "not graded")}
    check(set(got) == set(want), f"the export's students are {sorted(got)}, expected {sorted(want)}")
    for student, (total, status) in want.items():
        check((int(got[student]["total"]), got[student]["status"]) == (total, status),
              f"{student}: expected {total} ({status}), got {got[student]['total']} ({got[student]['status']})")
    check(got["1815"]["name"] == "Ada Lovelace", "the student's name from the metadata is missing")
    check(not (work.parent / "gradescope-slip").exists() and not (work / "gradescope-slip").exists(),
          "the export's zip-slip entry was written")
    return len(got)


# ---------------------------------------------------------------------------- 3. shards

def roster_of_repositories(kit: Path, work: Path, n: int):
    k = synthetic_class.Kit(kit)
    lines = ["student,repository"]
    for i in range(n):
        student = f"shard-student-{i}"
        variants = {c: ("solution" if (i + c) % 3 else "starter") for c in k.chapters}
        repo = work / "repos" / student
        repo.mkdir(parents=True)
        synthetic_class.git(repo, "init", "-q")
        synthetic_class.commit_all(repo, synthetic_class.submission_files(k, variants, student, "repo"),
                                   synthetic_class.BEFORE, "my work")
        if i % 2:
            synthetic_class.commit_all(repo, synthetic_class.submission_files(k, {c: "solution" for c in k.chapters},
                                                                              student, "repo"), synthetic_class.AFTER, "late")
        lines.append(f"{student},repos/{student}")
    (work / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work / "roster.csv"


def workspace(kit: Path, folder: Path):
    """A stand-in for the checked-out kit: ./course and the fetch program, working in `folder`."""
    folder.mkdir(parents=True)
    wrapper = folder / "course"
    wrapper.write_text(f'#!/usr/bin/env bash\nexec "{kit}/course" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    (folder / "grading" / "platforms").mkdir(parents=True)
    shutil.copy(kit / "grading" / "platforms" / "FetchAutograder.java", folder / "grading" / "platforms")
    return folder




def same_outputs(a: Path, b: Path, what: str):
    check((a / "gradebook.csv").read_bytes() == (b / "gradebook.csv").read_bytes(),
          f"the gradebook merged from {what} differs from the one graded on one machine")
    for feedback in sorted((a / "students").glob("*/feedback.*")):
        other = b / "students" / feedback.parent.name / feedback.name
        check(other.exists() and other.read_bytes() == feedback.read_bytes(),
              f"{feedback.parent.name}/{feedback.name} merged from {what} differs from the one graded on one machine")


def check_kubernetes(kit: Path, work: Path, roster: Path, single: Path, package: Path):
    documents = list(yaml.safe_load_all((kit / "grading" / "platforms" / "kubernetes" / "grade-class.yaml").read_text()))
    grade = next(d for d in documents if d["metadata"]["labels"].get("step") == "grade")
    merge = next(d for d in documents if d["metadata"]["labels"].get("step") == "merge")
    spec = grade["spec"]
    check(grade["kind"] == "Job" and spec["completionMode"] == "Indexed", "the grading Job is not an Indexed Job")
    container = spec["template"]["spec"]["containers"][0]
    secret = {"url": package.resolve().as_uri(), "sha256": hashlib.sha256(package.read_bytes()).hexdigest(), "header": ""}

    def environment(c):
        env = {}
        for e in c.get("env", []):
            if "value" in e:
                env[e["name"]] = e["value"]
            else:
                env[e["name"]] = secret[e["valueFrom"]["secretKeyRef"]["key"]]
        return env

    env = environment(container)
    check(int(env["SHARDS"]) == spec["completions"], f"SHARDS is {env['SHARDS']} but the Job has {spec['completions']} completions")
    ws = workspace(kit, work / "k8s-workspace")
    results = work / "k8s-results"
    results.mkdir()
    pods = []
    for index in range(spec["completions"]):
        # the volumes' mount points become folders here; the rest is the manifest's environment
        pod_env = dict(os.environ)
        pod_env.update(env)
        pod_env.update(SUBMISSIONS=str(roster), RESULTS=str(results), WORK=str(work / f"k8s-pod-{index}"), JOBS="1",
                       JOB_COMPLETION_INDEX=str(index))
        log = open(work / f"k8s-pod-{index}.log", "w")
        pods.append((index, log, subprocess.Popen([*container["command"], container["args"][0]], cwd=ws, env=pod_env,
                                                  stdout=log, stderr=subprocess.STDOUT)))
    for index, log, pod in pods:
        status = pod.wait(timeout=1800)
        log.close()
        check(status == 0, f"pod {index} failed:\n{(work / f'k8s-pod-{index}.log').read_text()[-2000:]}")
    merger = merge["spec"]["template"]["spec"]["containers"][0]
    merge_env = dict(os.environ)
    merge_env.update(environment(merger))
    merge_env["RESULTS"] = str(results)
    run([*merger["command"], merger["args"][0]], ws, merge_env)
    same_outputs(results / "class", single, "the Kubernetes Indexed Job")
    return spec["completions"]


def check_github_matrix(kit: Path, work: Path, roster: Path, single: Path):
    workflow = yaml.safe_load((kit / ".github" / "workflows" / "grade-class.yml").read_text())
    shard_job, merge_job = workflow["jobs"]["shard"], workflow["jobs"]["merge"]
    shards = shard_job["strategy"]["matrix"]["shard"]
    ws = workspace(kit, work / "gh-workspace")
    given = {"vars.BACKPROP_ROSTER || 'roster.csv'": str(roster), "inputs.deadline": "", "inputs.tag": "",
             "secrets.BACKPROP_ROSTER_TOKEN": "", "strategy.job-total": len(shards)}

    def step_env(job, step, values):
        env = {}
        for scope in (workflow.get("env", {}), job.get("env", {}), step.get("env", {})):
            env.update({k: substitute(v, values) for k, v in scope.items()})
        return env

    jobs = []
    for shard in shards:
        values = dict(given, **{"matrix.shard": shard})
        steps = [s for s in shard_job["steps"] if "run" in s]
        script = ""
        for s in steps:   # each step in its own bash, as the runner does
            script += "(\n" + "".join(f"export {k}={shell(v)}\n" for k, v in step_env(shard_job, s, values).items()) \
                      + "bash --noprofile --norc -eo pipefail -c " + shell(substitute(s["run"], values)) + "\n) || exit 1\n"
        log = open(work / f"gh-shard-{shard}.log", "w")
        jobs.append((shard, log, subprocess.Popen(["bash", "-c", script], cwd=ws, stdout=log, stderr=subprocess.STDOUT)))
    for shard, log, job in jobs:
        status = job.wait(timeout=1800)
        log.close()
        check(status == 0, f"shard {shard} failed:\n{(work / f'gh-shard-{shard}.log').read_text()[-2000:]}")
    # upload-artifact (without repos/ and hidden files), then download-artifact into shards/<name>
    for shard in shards:
        shutil.copytree(ws / f"shard-{shard}", ws / "shards" / f"shard-{shard}",
                        ignore=lambda folder, names: [n for n in names if n == "repos" or n.startswith(".")])
    merge_step = next(s for s in merge_job["steps"] if "run" in s)
    env = dict(os.environ)
    env.update(step_env(merge_job, merge_step, given))
    run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(merge_step["run"], given)], ws, env)
    same_outputs(ws / "class-grades", single, "the GitHub Actions matrix")
    return len(shards)




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--package", required=True, help="the autograder zip ./course gradescope built")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--jobs", type=int, help="submissions at once (default: grade-class's own)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="work in this folder and keep it")
    parser.add_argument("--parts", default="class,export,shards", help="which checks to run (default all)")
    args = parser.parse_args()
    kit, package = Path(args.kit).resolve(), Path(args.package).resolve()
    folder = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="grade-class-check-"))
    parts = args.parts.split(",")
    try:
        if "class" in parts:
            seconds, submissions, students, interrupted, kinds = check_class(kit, folder / "class-run", args.students, args.jobs,
                                                                             args.seed)
            print(f"    ok {submissions} submissions ({students} students) graded in {seconds:.0f} s"
                  f"{', interrupted and resumed' if interrupted else ''}: the gradebook equals the independently computed "
                  f"scores; feedback for each; nothing written outside the output folder; unchanged work not graded again")
            print(f"       ({kinds})")
        if "export" in parts:
            exported = check_gradescope_export(kit, folder / "export-run")
            print(f"    ok a Gradescope export zip: {exported} students (a group of two, a submission without files) graded "
                  f"from the zip")
        if "shards" in parts:
            shards = folder / "shard-run"
            shards.mkdir(parents=True)
            roster = roster_of_repositories(kit, shards, 6)
            run([kit / "course", "grade-class", roster, "--out", shards / "single", *(["--jobs", args.jobs] if args.jobs else [])],
                shards)
            pods = check_kubernetes(kit, shards, roster, shards / "single", package)
            matrix = check_github_matrix(kit, shards, roster, shards / "single")
            print(f"    ok shards: the Kubernetes Indexed Job ({pods} pods, JOB_COMPLETION_INDEX) and the GitHub Actions matrix "
                  f"({matrix} jobs) each give the gradebook and the feedback of the class graded on one machine")
    except Failure as e:
        print(f"check_grade_class: {e}\n(work folder: {folder})", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
