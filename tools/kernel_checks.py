#!/usr/bin/env python3
"""Checks of the kit kernel that unit tests cannot make (run by ./course test).

1. The installed kernelspec asks for interrupt_mode "message".
2. Interrupting `while (true) {}` returns control and the kernel keeps its variables.
3. `./course lab --no-browser` serves a JupyterLab whose kernel list (REST API) has the kit kernel.
4. The kernel's JVM maps the kit's class-data archive (tools/install_kernel.py makes it).
5. The kernel's JVM loads IJava's shell channel from the patched copy (no 50 ms sleep per request).
6. The kernel's compilers fit where training runs: C1 alone exactly when OpenBLAS trains.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitenv  # noqa: E402  (the names the kit shares: tools/kit.env)
import kitlab  # noqa: E402


class CheckFailed(Exception):
    pass


def require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def execute(client, code: str, timeout: float = 60):
    """Runs code; returns (status, text of the result or error)."""
    reply = client.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
    return reply["content"]["status"], reply["content"]


def shown(client, code: str) -> str:
    """Runs code; returns the text of its result ('' when it shows none)."""
    said = []
    client.execute_interactive(code, timeout=60,
                               output_hook=lambda msg: said.append(msg["content"].get("data", {}).get("text/plain")))
    return " ".join(s for s in said if s)


def check_running_kernel(kernel_name: str, argv: list) -> None:
    """Checks 2, 5 and 6, in one kernel."""
    manager, client = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
    try:
        check_interrupt(manager, client)
        check_shell_loop(client)
        check_compilers(client, argv)
    finally:
        manager.shutdown_kernel(now=True)


def check_interrupt(manager, client) -> None:
    status, _ = execute(client, "int survivor = 42;")
    require(status == "ok", "could not define a variable")
    msg_id = client.execute("while (true) {}")
    time.sleep(1.0)
    asked = time.monotonic()
    manager.interrupt_kernel()
    while True:
        reply = client.get_shell_msg(timeout=15)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    back_after = time.monotonic() - asked
    ended = reply["content"]
    require(ended["status"] == "error" and "Interrupt" in ended.get("ename", ""),
            f"the busy loop ended with {ended['status']} {ended.get('ename', '')}: {ended.get('evalue', '')}")
    require(manager.is_alive(), "the kernel died when interrupted")
    survivor = shown(client, "survivor")
    require("42" in survivor, f"after the interrupt, survivor evaluated to {survivor!r}")
    print(f"    ok interrupting `while (true) {{}}` returned control in {back_after:.2f} s "
          f"({ended['ename']}); survivor is still 42")


def check_shell_loop(client) -> None:
    """The kernel's JVM reads requests with the patched shell loop (backprop.kernel.build.ShellLoopPatch)."""
    where = shown(client, "io.github.spencerpark.jupyter.channels.ShellChannel.class"
                          ".getProtectionDomain().getCodeSource().getLocation()")
    require("shell-loop-patch.jar" in where,
            f"the kernel's ShellChannel comes from {where!r}, not from the patched shell-loop-patch.jar")
    print("    ok the kernel reads requests with the patched shell loop (kernel/target/ijava/shell-loop-patch.jar)")


def check_compilers(client, argv: list) -> None:
    """The kernel runs with C1 alone exactly where Fashion-MNIST's network trains on OpenBLAS
    (tools/install_kernel.py decides from the files backprop.nn.BlasKernels looks for): C1 alone
    with the Java loops would make that training several times slower."""
    if os.environ.get("BACKPROP_KERNEL_JVM_OPTIONS") is not None:
        print("    -- the kernel's compilers: not checked, BACKPROP_KERNEL_JVM_OPTIONS chooses its JVM options")
        return
    kernels = shown(client, "new Network(new int[] {784, 100, 10}, Activation.RELU, Activation.SOFTMAX, "
                            "Loss.CROSS_ENTROPY, 0).kernels()")
    c1_only = "-XX:TieredStopAtLevel=1" in argv
    require(kernels, "the kernel did not say which kernels a 784-100-10 network trains on")
    require(c1_only == ("OpenBLAS" in kernels),
            f"the kernel runs with {'C1 alone' if c1_only else 'C2'}, but a 784-100-10 network trains on {kernels}")
    print(f"    ok the kernel runs with {'C1 alone' if c1_only else 'C2 for long loops'}; "
          f"Fashion-MNIST's network trains on {kernels}")


def check_class_archive(argv: list) -> None:
    """The kernel's own command line, with -Xshare:on (fail rather than start without the archive)
    and the archive's log on: the JVM must map the archive's dynamic regions before IJava's main
    method complains that no connection file was given."""
    archive = [a for a in argv if a.startswith("-XX:SharedArchiveFile=")]
    require(len(archive) == 1, "the kernelspec maps no class-data archive (-XX:SharedArchiveFile)")
    command = [a for a in argv if a != "{connection_file}" and not a.startswith("-Xlog:cds")]
    command[1:1] = ["-Xshare:on", "-Xlog:cds=info"]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=120)
    require("Mapped dynamic region" in ran.stdout + ran.stderr,
            f"the kernel's JVM does not map {archive[0].split('=', 1)[1]}:\n" + (ran.stdout + ran.stderr)[-1500:])
    print(f"    ok the kernel's JVM maps its class-data archive ({Path(archive[0].split('=', 1)[1]).name})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default=kitenv.KERNEL_NAME)
    parser.add_argument("--kit", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args()
    kit = Path(args.kit)

    spec = KernelSpecManager().get_kernel_spec(args.kernel)
    require(spec.interrupt_mode == "message", f"interrupt_mode is {spec.interrupt_mode!r}, not 'message'")
    require(Path(spec.argv[0]).is_absolute(), f"argv[0] {spec.argv[0]!r} is not an absolute path")
    print(f"    ok kernelspec {args.kernel!r}: interrupt_mode message, java {spec.argv[0]}")

    check_class_archive(spec.argv)
    check_running_kernel(args.kernel, spec.argv)

    with kitlab.running_lab(kit, kit / "target" / "lab-check.log") as (base, token):
        specs = kitlab.api(base, token, "/api/kernelspecs")["kernelspecs"]
        require(args.kernel in specs, f"JupyterLab lists the kernels {sorted(specs)}, not {args.kernel}")
        shown = specs[args.kernel]["spec"]["display_name"]
        print(f"    ok ./course lab --no-browser serves JupyterLab; its kernel list has {args.kernel!r} ({shown})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CheckFailed as failure:
        print(f"kernel check failed: {failure}", file=sys.stderr)
        sys.exit(1)
