#!/usr/bin/env bash
# `bilingual check` start-up on one small content file, next to bare Python (hyperfine; bytecode cached).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=$(python3 -c "import sys; print(sys.executable)")
BIN=$(dirname "$PY")/bilingual
tmp=$(mktemp -d)
cat > "$tmp/small.yaml" <<'YAML'
kind: joint-statement
id: t
date: 2024-04-10
parties: [doe, mext]
title: {en: Title, ja: 表題}
body:
  - {id: p1, en: The Department of Energy (DOE) works on fusion energy., ja: 米国エネルギー省（DOE）はフュージョンエネルギーに取り組む。}
YAML
export -n PYTHONDONTWRITEBYTECODE 2>/dev/null || true
unset PYTHONDONTWRITEBYTECODE
"$BIN" check "$tmp/small.yaml" >/dev/null
hyperfine -N -w 3 -r 30 "$BIN check $tmp/small.yaml" "$PY -c pass" "$PY -S -c pass"
