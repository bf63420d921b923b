"""Which commands read each folder of the broken-input corpus (shared by the test and regen.py).

Every input is run through each command of its folder; each must exit 2
with exactly one line on stderr, the matching line of ``<input>.expected``
(``{path}`` stands for the input's path). An ``.expected`` file with one
line applies it to every command of the folder.
"""
from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parent

# folder -> commands; {path} is the input, {store} a fresh SQLite store, {out} a fresh folder
COMMANDS: dict[str, list[list[str]]] = {
    "content": [["check", "{path}"], ["build", "{path}", "-o", "{out}"]],
    # one TMX reader (formats/tmx.py) for both commands: the same fault, the same line
    "tmx": [["check", "{path}"], ["tm", "import", "{path}", "--tm", "{store}"]],
    "xliff": [["check", "{path}"]],
    "docx": [["check", "{path}"]],
}


def inputs() -> list[Path]:
    """Every corpus input, folder by folder, in name order."""
    return [p for folder in COMMANDS for p in sorted((CORPUS / folder).iterdir())
            if p.is_file() and p.suffix != ".expected"]


def expected_lines(path: Path) -> list[str]:
    """The expected stderr line for each command of the input's folder."""
    lines = path.with_name(path.name + ".expected").read_text(encoding="utf-8").splitlines()
    n = len(COMMANDS[path.parent.name])
    return lines * n if len(lines) == 1 else lines
