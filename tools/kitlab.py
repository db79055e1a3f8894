"""Start the kit's JupyterLab the way a user does (./course lab --no-browser) and stop it again.

Used by the kernel checks and the browser test, so that both exercise the very code path a
student runs, not a lookalike.
"""
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base}{path}", method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        return json.loads(body) if body else None


@contextlib.contextmanager
def running_lab(kit: Path, log: Path, startup_timeout: float = 120.0, lab_args=(), env=None):
    """Runs `./course lab --no-browser` on a free localhost port; yields (base_url, token).

    lab_args are further options of ./course lab (e.g. ["--notebook-dir", folder]); env holds
    environment variables to set for it on top of this process's own.
    """
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, **(env or {}), JUPYTER_TOKEN=token)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        lab = subprocess.Popen([str(kit / "course"), "lab", "--no-browser", "--port", str(port), "--ip", "127.0.0.1",
                                *lab_args],
                               stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if lab.poll() is not None:
                raise RuntimeError(f"./course lab exited with {lab.returncode}; see {log}")
            try:
                api(base, token, "/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer within {startup_timeout:.0f} s; see {log}")
                time.sleep(0.3)
        yield base, token
    finally:
        with contextlib.suppress(OSError):
            api(base, token, "/api/shutdown", method="POST")
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, 9)
            lab.wait()
