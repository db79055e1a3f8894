#!/usr/bin/env python3
"""Benchmark of the kit kernel as a student feels it (run by ./course bench).

Prints, one line each, as `bench <name> <value> <unit>`:
  kernel-start-to-info     from starting the kernel process to its kernel_info reply
  kernel-first-cell        the first cell (it waits for the startup script: imports, display glue)
  kernel-trivial-cell      a trivial cell's round trip, median of 20
  kernel-chart-cell        a cell that draws a small XChart chart and shows it as PNG, median of 5
"""
import argparse
import statistics
import time

import sys
from pathlib import Path

from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)


def round_trip(client, code: str) -> float:
    started = time.perf_counter()
    reply = client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {code!r}: {reply['content']}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    args = parser.parse_args()

    manager = KernelManager(kernel_name=args.kernel)
    started = time.perf_counter()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)   # sends kernel_info requests until one is answered
        print(f"bench kernel-start-to-info {time.perf_counter() - started:.2f} s", flush=True)
        print(f"bench kernel-first-cell {round_trip(client, 'int warmUp = 1;'):.2f} s", flush=True)
        trivial = [round_trip(client, f"{i} + 1") for i in range(20)]
        print(f"bench kernel-trivial-cell {statistics.median(trivial) * 1000:.0f} ms", flush=True)
        chart = ('var chart = new XYChartBuilder().width(400).height(300).build(); '
                 'chart.addSeries("y", new double[]{0, 1, 2}, new double[]{0, 1, 4}); chart')
        charts = [round_trip(client, chart) for _ in range(5)]
        print(f"bench kernel-chart-cell {statistics.median(charts) * 1000:.0f} ms", flush=True)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
