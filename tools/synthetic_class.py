#!/usr/bin/env python3
"""A synthetic class of submissions for ./course grade-class, with the gradebook it must produce.

    python tools/synthetic_class.py --kit KIT --into DIR [--students 200] [--seed 7]

writes DIR/class/ (one submission per student: folders in several layouts, zips, git
repositories) and DIR/expected.csv, and prints how the class is made up.

The class has every kind of submission an instructor meets: correct, partly correct, each kind
of broken (empty, the wrong layout, two submissions claiming one student, binary or non-Java
files named .java, huge files, symbolic links pointing outside, a zip whose entries climb out
with ../, a repository with no commit before the deadline, code that does not compile, code that
throws) and a few hostile ones (an endless loop, System.exit, a memory hog, a flood of output,
code that reaches for files outside its folder).

The expected gradebook is computed here, independently of the grader: the points of every test
are read from the @Graded annotations of the instructor's test sources with a small parser of
this file's own, and a student's chapter earns all its points exactly when the chapter's files
are the instructor's solutions (with harmless additions), none otherwise. That holds because
every chapter is compiled and tested on its own, and every graded test fails on the starter code
(./course test checks both). Submissions that cannot be graded at all are expected as "not
graded" with zero points.
"""
import argparse
import csv
import os
import random
import re
import subprocess
import zipfile
from pathlib import Path

DEADLINE = "2026-11-30T23:59:00Z"
BEFORE = "2026-11-28T12:00:00+00:00"
AFTER = "2026-12-02T09:00:00+00:00"

# what a chapter of a submission can be, and whether it earns the chapter's points ("hostile" is
# decided by the kit: where the tests come with rules of what exercise code may use, reaching for
# files is rejected and the chapter earns nothing; without rules the correct code still earns)
EARNS = {"solution": True, "noisy": True, "hostile": True,
         "starter": False, "compile_error": False, "throws": False, "hang": False, "exit": False, "oom": False,
         "binary": False, "huge": False, "link_out": False}


# ---------------------------------------------------------------------------- the tests' points

def graded_tests(test_root: Path, detail: bool = False):
    """Every @Graded annotation under test_root: (chapter, task, points), read from the source text;
    with detail, (chapter, task, points, visibility, class name, method name, file, line)."""
    found = []
    for source in sorted(test_root.rglob("*.java")):
        chapter = int(re.search(r"ch(\d+)", source.parent.name).group(1))
        text = source.read_text(encoding="utf-8")
        at = 0
        while (start := text.find("@Graded(", at)) >= 0:
            args, at = balanced(text, start + len("@Graded("))
            task = re.search(r'task\s*=\s*"([^"]+)"', args).group(1)
            points = int(re.search(r"points\s*=\s*(\d+)", args).group(1))
            if detail:
                visibility = re.search(r"visibility\s*=\s*(?:Visibility\.)?(\w+)", args)
                method = re.search(r"void\s+(\w+)\s*\(", text[at:]).group(1)
                line = text.count("\n", 0, start) + 1
                found.append((chapter, task, points, visibility.group(1) if visibility else "VISIBLE", source.stem, method,
                              source, line))
            else:
                found.append((chapter, task, points))
    return found


def balanced(text: str, i: int):
    """The text up to the parenthesis that closes the one before i (string literals respected)."""
    depth, in_string, start = 1, False, i
    while depth:
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return text[start:i - 1], i


def task_order(task: str):
    chapter, number = task.split(".")
    return int(chapter), int(number)


# ---------------------------------------------------------------------------- the chapters' files

class Kit:
    def __init__(self, kit: Path):
        self.kit = kit
        main = kit / "solutions" / "src" / "main" / "java" / "exercises"
        starter = kit / "exercises" / "src" / "main" / "java" / "exercises"
        self.chapters = sorted(int(d.name[2:]) for d in main.iterdir() if re.fullmatch(r"ch\d+", d.name))
        self.solution = {c: {f.name: f.read_text(encoding="utf-8") for f in sorted((main / f"ch{c}").glob("*.java"))}
                         for c in self.chapters}
        self.starter = {c: {f.name: f.read_text(encoding="utf-8") for f in sorted((starter / f"ch{c}").glob("*.java"))}
                        for c in self.chapters}
        self.solution_paths = {c: sorted((main / f"ch{c}").glob("*.java")) for c in self.chapters}
        self.tests = graded_tests(kit / "solutions" / "src" / "test" / "java")
        self.tasks = sorted({t for _, t, _ in self.tests}, key=task_order)
        self.points = {t: sum(p for _, task, p in self.tests if task == t) for t in self.tasks}
        self.chapter_of = {t: c for c, t, _ in self.tests}
        count = {c: sum(1 for ch, _, _ in self.tests if ch == c) for c in self.chapters}
        self.has_api_rules = any((kit / "solutions" / "src" / "test" / "java").rglob("allowed-apis.txt"))
        self.smallest = min(self.chapters, key=lambda c: (count[c], c))

    def files(self, chapter: int, variant: str, student: str):
        """The files of one chapter of one student's submission: {name: bytes, or a Path for a link}."""
        mark = f"\n// submitted by {student}\n"
        out = {}
        for name, solution in self.solution[chapter].items():
            starter = self.starter[chapter][name]
            stub = "throw new UnsupportedOperationException("
            if variant == "solution":
                text = solution + mark
            elif variant == "starter":
                text = starter + mark
            elif variant == "compile_error":
                text = solution + mark + "this line is not Java;\n"
            elif variant == "throws":
                text = starter.replace(stub, 'throw new IllegalStateException("a bug: " + ') + mark
            elif variant == "hang":
                text = starter.replace(stub, "if (Boolean.TRUE) { while (true) { } } " + stub) + mark
            elif variant == "exit":
                text = starter.replace(stub, "System.exit(3); " + stub) + mark
            elif variant == "oom":
                hog = ("{ java.util.List<long[]> hog = new java.util.ArrayList<>(); "
                       "while (hog.size() >= 0) hog.add(new long[1 << 22]); } ")
                text = starter.replace(stub, hog + stub) + mark
            elif variant == "noisy":
                text = with_static(solution, name, 'for (int i = 0; i < 200_000; i++) System.out.println("noise " + i);') + mark
            elif variant == "hostile":
                reach = ("try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/backprop-hostile-" + safe(student)
                         + "\"), \"written by student code\"); } catch (Throwable e) { } "
                         "try { java.nio.file.Files.readString(java.nio.file.Path.of(\""
                         + str(self.solution_paths[chapter][0]) + "\")); } catch (Throwable e) { } ")
                text = with_static(solution, name, reach) + mark
            elif variant == "huge":
                text = solution + mark + ("// padding to make the file huge\n" * 24_000)
            elif variant == "binary":
                out[name] = bytes(random.Random(student).randrange(256) for _ in range(3000)) + b"\0"
                continue
            elif variant == "link_out":
                out[name] = self.solution_paths[chapter][[p.name for p in self.solution_paths[chapter]].index(name)]
                continue
            else:
                raise ValueError(variant)
            out[name] = text.encode("utf-8")
        return out


def with_static(source: str, file_name: str, body: str) -> str:
    """The source with a static initializer holding `body` at the top of the file's class."""
    m = re.search(r"\bclass\s+" + re.escape(file_name[:-5]) + r"\b[^{]*\{", source)
    return source[:m.end()] + "\n    static { " + body + " }\n" + source[m.end():]


def safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


# ---------------------------------------------------------------------------- writing submissions

def package_dir(chapter: int, layout: str) -> str:
    return {"repo": f"exercises/src/main/java/exercises/ch{chapter}", "package": f"exercises/ch{chapter}",
            "flat": ""}[layout]


def write_tree(folder: Path, files: dict):
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            target.symlink_to(content)
        else:
            target.write_bytes(content)


def submission_files(kit: Kit, variants: dict, student: str, layout: str) -> dict:
    files = {}
    for chapter, variant in variants.items():
        for name, content in kit.files(chapter, variant, student).items():
            folder = package_dir(chapter, layout)
            files[(folder + "/" if folder else "") + name] = content
    return files


def git(folder: Path, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="student", GIT_AUTHOR_EMAIL="student@example.edu",
               GIT_COMMITTER_NAME="student", GIT_COMMITTER_EMAIL="student@example.edu",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, stdout=subprocess.DEVNULL)


def commit_all(folder: Path, files: dict, date: str, message: str):
    write_tree(folder, files)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message, date=date)


# ---------------------------------------------------------------------------- the class

def build(kit_path: Path, into: Path, students: int = 200, seed: int = 7):
    """Writes the class into `into/class`, returns (expected rows, description)."""
    kit = Kit(kit_path)
    earns = dict(EARNS, hostile=not kit.has_api_rules)
    rng = random.Random(seed)
    cls = into / "class"
    cls.mkdir(parents=True)
    outside = into / "outside"
    outside.mkdir()
    expected = {}   # student id -> {"tasks": {task: points}, "status": ...}
    made = {}

    def expect(student, variants=None):
        if variants is None:
            expected[student] = {"tasks": {t: 0 for t in kit.tasks}, "status": "not graded"}
        else:
            expected[student] = {"tasks": {t: kit.points[t] if earns[variants[kit.chapter_of[t]]] else 0 for t in kit.tasks},
                                 "status": "graded"}

    def folder_student(student, variants, layout="repo", extra=None):
        files = submission_files(kit, variants, student, layout)
        files.update(extra or {})
        write_tree(cls / student, files)
        expect(student, variants)

    def everything(variant):
        return {c: variant for c in kit.chapters}

    def count(kind, n=1):
        made[kind] = made.get(kind, 0) + n

    def partly(seed_text):
        r = random.Random(seed_text)
        return {c: r.choices(["solution", "starter", "throws", "compile_error"], [60, 25, 10, 5])[0] for c in kit.chapters}

    one = kit.chapters[0]
    # each kind of broken, hostile and odd submission, once or a few times
    folder_student("correct-repo", everything("solution")); count("correct")
    folder_student("correct-flat", everything("solution"), layout="flat"); count("correct")
    folder_student("correct-packages", everything("solution"), layout="package"); count("correct")
    (cls / "empty-folder").mkdir(); expect("empty-folder"); count("empty")
    write_tree(cls / "only-readme", {"README.md": b"I will submit tomorrow\n"}); expect("only-readme"); count("empty")
    wrong = submission_files(kit, everything("solution"), "wrong-layout", "flat")
    wrong = {k: re.sub(rb"(?m)^package [^;]+;", b"", v) for k, v in wrong.items()}
    write_tree(cls / "wrong-layout", wrong); expect("wrong-layout"); count("wrong layout")
    folder_student("dup-student", everything("solution"))
    with zipfile.ZipFile(cls / "dup-student.zip", "w") as z:
        for name, data in submission_files(kit, everything("starter"), "dup-student", "repo").items():
            z.writestr(name, data)
    expect("dup-student"); count("two submissions claiming one student")
    for i in range(2):
        v = everything("solution"); v[kit.chapters[i]] = "binary"
        folder_student(f"binary-java-{i}", v); count("binary .java")
    folder_student("notes-named-java", everything("solution"),
                   extra={"notes.java": b"My notes: remember the transpose in BP2.\n"}); count("non-Java text named .java")
    for i in range(2):
        v = everything("solution"); v[kit.chapters[-1 - i]] = "huge"
        folder_student(f"huge-file-{i}", v); count("huge file")
    v = everything("starter"); v[one] = "link_out"
    folder_student("link-to-solution", v); count("symbolic link to a file outside")
    write_tree(outside / "solved", submission_files(kit, everything("solution"), "linked-folder", "repo"))
    (cls / "linked-folder").symlink_to(outside / "solved"); expect("linked-folder"); count("symbolic link to a folder outside")
    for i in range(2):
        v = partly(f"zip-slip-{i}")
        with zipfile.ZipFile(cls / f"zip-slip-{i}.zip", "w") as z:
            for name, data in submission_files(kit, v, f"zip-slip-{i}", "repo").items():
                z.writestr(name, data)
            z.writestr(f"../../zip-slip-{seed}-{i}/Evil.java", b"package exercises.ch1;\nclass Evil {}\n")
            z.writestr(f"/tmp/zip-slip-{seed}-{i}-absolute.java", b"package exercises.ch1;\nclass Absolute {}\n")
        expect(f"zip-slip-{i}", v); count("zip-slip zip")
    for i in range(4):
        v = partly(f"zipped-{i}")
        with zipfile.ZipFile(cls / f"zipped-{i}.zip", "w") as z:
            for name, data in submission_files(kit, v, f"zipped-{i}", ["repo", "flat"][i % 2]).items():
                z.writestr(name, data)
        expect(f"zipped-{i}", v); count("zip")
    # git repositories, graded at the last commit before the deadline
    for i in range(6):
        student = f"repo-{i}"
        v = partly(student)
        (cls / student).mkdir()
        git(cls / student, "init", "-q")
        commit_all(cls / student, submission_files(kit, v, student, "repo"), BEFORE, "my work")
        if i % 2 == 0:   # a late commit that would earn everything: it must not count
            commit_all(cls / student, submission_files(kit, everything("solution"), student, "repo"), AFTER, "late")
        expect(student, v); count("git repository")
    (cls / "repo-late").mkdir()
    git(cls / "repo-late", "init", "-q")
    commit_all(cls / "repo-late", submission_files(kit, everything("solution"), "repo-late", "repo"), AFTER, "too late")
    expect("repo-late"); count("git repository with no commit before the deadline")
    for i in range(2):
        folder_student(f"not-compiling-{i}", everything("compile_error")); count("does not compile")
    # the hostile few
    v = everything("solution"); v[kit.smallest] = "hang"
    folder_student("endless-loop", v); count("endless loop")
    for i in range(2):
        v = everything("solution"); v[kit.chapters[i]] = "exit"
        folder_student(f"system-exit-{i}", v); count("System.exit")
    v = everything("solution"); v[kit.chapters[2 % len(kit.chapters)]] = "oom"
    folder_student("memory-hog", v); count("memory hog")
    for i in range(2):
        v = everything("solution"); v[kit.chapters[i]] = "noisy"
        folder_student(f"noisy-{i}", v); count("floods its output")
        v = everything("solution"); v[kit.chapters[-1 - i]] = "hostile"
        folder_student(f"reaches-outside-{i}", v); count("reaches for files outside")
    # the rest of the class: correct or partly correct, in every layout
    submissions = sum(made.values()) + 1   # the duplicate pair is two submissions
    i = 0
    while submissions < students:
        student = f"student-{i:03d}"
        v = everything("solution") if rng.random() < 0.3 else partly(f"{seed}-{student}")
        folder_student(student, v, layout=rng.choice(["repo", "repo", "flat", "package"]))
        count("correct" if all(x == "solution" for x in v.values()) else "partly correct")
        submissions += 1
        i += 1

    with open(into / "expected.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", *kit.tasks, "total", "status"])
        for student in sorted(expected, key=lambda s: (s.lower(), s)):
            e = expected[student]
            w.writerow([student, *[e["tasks"][t] for t in kit.tasks], sum(e["tasks"].values()), e["status"]])
    return expected, made, kit


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--into", required=True)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    expected, made, _ = build(Path(args.kit).resolve(), Path(args.into).resolve(), args.students, args.seed)
    print(f"{sum(made.values()) + 1} submissions, {len(expected)} students; deadline {DEADLINE}")
    for kind, n in sorted(made.items()):
        print(f"  {n:4d}  {kind}")


if __name__ == "__main__":
    main()
