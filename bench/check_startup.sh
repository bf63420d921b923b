#!/usr/bin/env bash
# `bilingual check` start-up on one small content file, next to bare Python (hyperfine; bytecode cached).
# The checkout's code is run (PYTHONPATH), with the installed dependencies. A second line runs the same
# command without `site` (python -S, site-packages put on the path by hand): this machine's site imports
# certifi from a .pth file, ~40 ms that are not bilingual's. BASE=DIR adds the same command on another checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=$(python3 -c "import sys; print(sys.executable)")
SITE=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
BIN=$(dirname "$PY")/bilingual
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp bench/data/startup-small.yaml "$tmp/small.yaml"
unset PYTHONDONTWRITEBYTECODE
export PYTHONPATH="$ROOT"
"$BIN" check "$tmp/small.yaml" >/dev/null     # fills the bytecode and glossary caches
NOSITE="$PY -S -c 'import sys; sys.path[1:1] = [\"$ROOT\", \"$SITE\"]; from bilingual.__main__ import run; sys.argv[0] = \"bilingual\"; run()' check $tmp/small.yaml"
extra=()
if [ -n "${BASE:-}" ]; then   # BASE=/path/to/another/checkout: the same command on that code, side by side
  env PYTHONPATH="$BASE" "$BIN" check "$tmp/small.yaml" >/dev/null
  extra=("env PYTHONPATH=$BASE $BIN check $tmp/small.yaml")
fi
hyperfine -N -w 3 -r "${RUNS:-30}" "$BIN check $tmp/small.yaml" "${extra[@]}" "$NOSITE" "$PY -c pass" "$PY -S -c pass"
