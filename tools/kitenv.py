"""The names ./course and the tools share, read from tools/kit.env, where they are written once.

    import kitenv
    kitenv.KERNEL_NAME            # "java-backprop"
    kitenv.KERNEL_DISPLAY_NAME    # "Java (Backprop Kit)"
"""
import shlex
from pathlib import Path

ENV_FILE = Path(__file__).resolve().with_name("kit.env")


def read(path: Path = ENV_FILE) -> dict:
    """The NAME="value" lines of a file that bash could `source`, as a dict."""
    names = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not name.isidentifier():
            raise ValueError(f"{path}, line {number}: expected NAME=\"value\", got {line!r}")
        names[name] = " ".join(shlex.split(value))
    return names


_NAMES = read()
KERNEL_NAME = _NAMES["KERNEL_NAME"]
KERNEL_DISPLAY_NAME = _NAMES["KERNEL_DISPLAY_NAME"]
