"""Rewrite every ``.expected`` file from what the CLI prints now: review the diff before committing.

    python tests/corpus/regen.py
"""
from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from commands import COMMANDS, inputs


def run(args: list[str]) -> tuple[int, str]:
    from bilingual.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    return code, err.getvalue()


def main() -> None:
    for path in inputs():
        lines = []
        for command in COMMANDS[path.parent.name]:
            with tempfile.TemporaryDirectory() as tmp:
                args = [a.format(path=path, store=Path(tmp) / "tm.sqlite", out=Path(tmp) / "out") for a in command]
                code, err = run(args)
            line = err.rstrip("\n").replace(str(path), "{path}")
            lines.append(line)
            flag = "" if code == 2 and err.count("\n") == 1 else f"   <-- exit {code}, {err.count(chr(10))} line(s)"
            print(f"{path.parent.name}/{path.name} [{' '.join(command[:2])}]: {line}{flag}")
        if len(set(lines)) == 1:
            lines = lines[:1]
        path.with_name(path.name + ".expected").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
