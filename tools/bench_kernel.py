#!/usr/bin/env python3
"""Benchmark of the kit kernel as a student feels it (run by ./course bench).

Prints, one line each, as `bench <name> <value> <unit>`:
  kernel-start-to-info     from starting the kernel process to its kernel_info reply
  kernel-first-cell        the first cell (it waits for the startup script: imports, display glue)
  kernel-trivial-cell      a trivial cell's round trip, cells sent back to back, median of 20
  kernel-chart-cell        a cell that draws a small XChart chart and shows it as PNG, median of 5
  kernel-idle-cpu          processor time an idle kernel uses, in % of one core, over 10 s (Linux)
and the same for a peer in the same run, IJava's unpatched jar (the same kernelspec without
kernel/target/ijava/shell-loop-patch.jar: IJava's shell loop sleeps 50 ms after each request):
  kernel-trivial-cell-unpatched-ijava, kernel-idle-cpu-unpatched-ijava
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)

IDLE_SECONDS = 10
TRIVIAL_CELLS = 20


def round_trip(client, code: str) -> float:
    started = time.perf_counter()
    reply = client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content']}")
    return time.perf_counter() - started


def processor_seconds(pid: int):
    """User and system time of a process so far, from /proc (None where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, AttributeError):
        return None


def idle_cpu_percent(manager):
    pid = getattr(manager.provisioner, "pid", None)
    before = processor_seconds(pid) if pid else None
    time.sleep(IDLE_SECONDS)
    after = processor_seconds(pid) if pid else None
    return None if before is None or after is None else (after - before) / IDLE_SECONDS * 100


def measure(manager, everything: bool, suffix: str = "") -> None:
    started = time.perf_counter()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)   # sends kernel_info requests until one is answered
        if everything:
            print(f"bench kernel-start-to-info {time.perf_counter() - started:.2f} s", flush=True)
            print(f"bench kernel-first-cell {round_trip(client, 'int first = 1;'):.2f} s", flush=True)
        else:
            round_trip(client, "int first = 1;")
        trivial = [round_trip(client, f"{i} + 1") for i in range(TRIVIAL_CELLS)]
        print(f"bench kernel-trivial-cell{suffix} {statistics.median(trivial) * 1000:.0f} ms", flush=True)
        if everything:
            chart = ('var chart = new XYChartBuilder().width(400).height(300).build(); '
                     'chart.addSeries("y", new double[]{0, 1, 2}, new double[]{0, 1, 4}); chart')
            charts = [round_trip(client, chart) for _ in range(5)]
            print(f"bench kernel-chart-cell {statistics.median(charts) * 1000:.0f} ms", flush=True)
        idle = idle_cpu_percent(manager)
        if idle is not None:
            print(f"bench kernel-idle-cpu{suffix} {idle:.1f} %", flush=True)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def unpatched_peer(spec, folder: Path) -> KernelManager:
    """A kernel started exactly as the kit's, but from IJava's own jar alone."""
    argv = list(spec.argv)
    at = argv.index("-cp") + 1
    jars = argv[at].split(os.pathsep)
    argv[at] = os.pathsep.join(j for j in jars if not j.endswith("shell-loop-patch.jar"))
    if argv[at] == spec.argv[at]:
        raise RuntimeError("the kernelspec has no shell-loop-patch.jar on its classpath: nothing to compare")
    peer = {"argv": argv, "display_name": "unpatched IJava", "language": "java",
            "interrupt_mode": spec.interrupt_mode, "env": spec.env}
    (folder / "kernels" / "peer").mkdir(parents=True)
    (folder / "kernels" / "peer" / "kernel.json").write_text(json.dumps(peer), encoding="utf-8")
    return KernelManager(kernel_name="peer", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder / "kernels")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    args = parser.parse_args()

    measure(KernelManager(kernel_name=args.kernel), everything=True)
    with tempfile.TemporaryDirectory() as folder:
        spec = KernelSpecManager().get_kernel_spec(args.kernel)
        measure(unpatched_peer(spec, Path(folder)), everything=False, suffix="-unpatched-ijava")


if __name__ == "__main__":
    main()
