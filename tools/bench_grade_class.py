#!/usr/bin/env python3
"""How long ./course grade-class takes for a class of 200: one line per figure.

    python tools/bench_grade_class.py --kit KIT [--students 200] [--repeat 1] [--jobs N]

    bench grade-class-200 <seconds> s                       the whole class, from the command to the report
    bench grade-class-throughput <n> submissions/min

The class is tools/synthetic_class.py's (correct, partly correct, every kind of broken, a few
hostile ones: an endless loop, System.exit, a memory hog), graded from scratch each time into a
fresh output folder, with the grader's defaults (its isolation included) and --jobs the number of
cores. With --repeat, the median. Target: 200 submissions in 3 minutes on 2 cores.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kit", required=True)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    kit = Path(args.kit).resolve()
    folder = Path(tempfile.mkdtemp(prefix="bench-grade-class-"))
    try:
        _, made, _ = synthetic_class.build(kit, folder, args.students)
        submissions = sum(made.values()) + 1
        seconds = []
        for run in range(args.repeat):
            out = folder / f"out-{run}"
            start = time.perf_counter()
            done = subprocess.run([str(kit / "course"), "grade-class", "class", "--out", str(out), "--jobs", str(args.jobs),
                                   "--deadline", synthetic_class.DEADLINE], cwd=folder, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            seconds.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stdout[-2000:], file=sys.stderr)
                raise SystemExit(f"bench_grade_class: grade-class failed (status {done.returncode})")
            isolation = next((line.strip() for line in done.stdout.splitlines() if "isolation" in line.lower()), "")
        median = statistics.median(seconds)
        print(f"bench grade-class-{args.students} {median:.1f} s")
        print(f"bench grade-class-throughput {submissions / median * 60:.0f} submissions/min")
        print(f"    ({submissions} submissions, --jobs {args.jobs}, {os.cpu_count()} cores, runs: "
              f"{', '.join(f'{s:.1f} s' for s in seconds)}{'; ' + isolation if isolation else ''})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
