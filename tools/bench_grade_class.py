#!/usr/bin/env python3
"""How long ./course grade-class takes for a class of 200: one line per figure.

    python tools/bench_grade_class.py --kit KIT [--students 200] [--repeat 1] [--jobs N]

    bench grade-class-200 <seconds> s                       the whole class, from the command to the report
    bench grade-class-throughput <n> submissions/min
    bench grade-class-200-cpu <seconds> s                   processor time of the run (every process it started)

The class is tools/synthetic_class.py's (correct, partly correct, every kind of broken, a few
hostile ones: an endless loop, System.exit, a memory hog), graded from scratch each time into a
fresh output folder, with the grader's defaults (its isolation and its --jobs included). With
--repeat, the medians. Target: 200 submissions in 3 minutes on 2 cores.

The processor time is what the run costs whatever else the machine is doing (on a shared machine
the wall-clock time is not): on N idle cores the class cannot take less than cpu / N. It is
measured with a cgroup (v1 cpuacct, as root) and left out where there is none.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_class  # noqa: E402


class CpuGroup:
    """A cgroup (v1 cpuacct) that a child joins before it runs: its processor time, and that of every
    process it starts (the test JVMs in their sandboxes too), is then counted there. Does nothing
    where it cannot be made (not root, no cgroup v1)."""

    ROOT = Path("/sys/fs/cgroup/cpuacct")

    def __init__(self, name: str):
        self.folder = self.ROOT / name
        try:
            self.folder.mkdir()
        except OSError:
            self.folder = None

    def join(self):
        if self.folder is not None:
            try:
                (self.folder / "cgroup.procs").write_text(str(os.getpid()))
            except OSError:
                pass

    def close(self):
        """The processor seconds used in the group, or None; removes the group."""
        if self.folder is None:
            return None
        try:
            used = int((self.folder / "cpuacct.usage").read_text()) / 1e9
        except OSError:
            used = None
        for _ in range(50):   # the last processes may take a moment to leave
            try:
                self.folder.rmdir()
                break
            except OSError:
                time.sleep(0.1)
        return used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, help="submissions at once (default: grade-class's own)")
    args = parser.parse_args()
    kit = Path(args.kit).resolve()
    folder = Path(tempfile.mkdtemp(prefix="bench-grade-class-"))
    try:
        _, made, _ = synthetic_class.build(kit, folder, args.students)
        submissions = sum(made.values()) + 1
        seconds, cpu = [], []
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        for run in range(args.repeat):
            out = folder / f"out-{run}"
            group = CpuGroup(f"bench-grade-class-{os.getpid()}-{run}")
            start = time.perf_counter()
            done = subprocess.run([str(kit / "course"), "grade-class", "class", "--out", str(out), *jobs,
                                   "--deadline", synthetic_class.DEADLINE], cwd=folder, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, preexec_fn=group.join)
            seconds.append(time.perf_counter() - start)
            used = group.close()
            if used is not None:
                cpu.append(used)
            if done.returncode != 0:
                print(done.stdout[-2000:], file=sys.stderr)
                raise SystemExit(f"bench_grade_class: grade-class failed (status {done.returncode})")
            isolation = next((line.strip() for line in done.stdout.splitlines() if "isolation" in line.lower()), "")
        median = statistics.median(seconds)
        print(f"bench grade-class-{args.students} {median:.1f} s")
        print(f"bench grade-class-throughput {submissions / median * 60:.0f} submissions/min")
        if cpu:
            print(f"bench grade-class-{args.students}-cpu {statistics.median(cpu):.1f} s")
        at_once = next((line for line in done.stdout.splitlines() if " at a time" in line), "")
        print(f"    ({submissions} submissions, {at_once.split('points), ')[-1].split(',')[0] or 'default jobs'}, "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, runs: {', '.join(f'{s:.1f} s' for s in seconds)}"
              f"{'; processor ' + ', '.join(f'{c:.0f} s' for c in cpu) if cpu else ''}{'; ' + isolation if isolation else ''})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
