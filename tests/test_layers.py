"""The import graph follows the layers of docs/CONTRIBUTING.md, with no cycles.

Every ``import`` counts, at module level or inside a function. A module may import from its own layer or a
lower one, never a higher one; and no two modules may import each other, directly or round a loop.
"""
from __future__ import annotations

import ast
import itertools
from pathlib import Path

from conftest import ROOT

# the table of docs/CONTRIBUTING.md, lowest first; the longest matching prefix decides a module's layer
LAYERS = {
    "bilingual.io": 0, "bilingual.resources": 0, "bilingual": 0,
    "bilingual.text": 1,
    "bilingual.content.model": 2, "bilingual.content.inline": 2, "bilingual.glossary.model": 2,
    "bilingual.tm.model": 2,
    "bilingual.formats": 3,
    "bilingual.content": 4, "bilingual.glossary": 4, "bilingual.tm": 4, "bilingual.align": 4,
    "bilingual.checks": 5,
    "bilingual.render": 6,
    "bilingual.app": 7,
    "bilingual.cli": 8, "bilingual.__main__": 8,
}
NAMES = {0: "io", 1: "text", 2: "models", 3: "formats", 4: "services", 5: "checks", 6: "render", 7: "app", 8: "cli"}


def layer(module: str) -> int:
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / "bilingual").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def edges(mods: dict[str, Path]) -> list[tuple[str, str, str]]:
    """(importer, imported module, "path:line") for every import of our own code."""
    found = []
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from pkg import mod` imports the module pkg.mod
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in mods else module for a in node.names]
            else:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found += [(name, t, where) for t in targets if t == "bilingual" or t.startswith("bilingual.")]
    return found


def test_no_import_goes_up_a_layer():
    mods = modules()
    up = [f"{where}: {a} ({NAMES[layer(a)]}) imports {b} ({NAMES[layer(b)]})"
          for a, b, where in edges(mods) if layer(b) > layer(a)]
    assert not up, "imports that go up a layer:\n" + "\n".join(up)


def test_no_import_cycles():
    mods = modules()
    graph: dict[str, dict[str, str]] = {m: {} for m in mods}
    for a, b, where in edges(mods):
        if b in mods and b != a and not a.startswith(b + "."):   # (a package's own __init__ is not a loop)
            graph[a].setdefault(b, where)
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in graph[m]:
            if state.get(n) == 1:
                loop = [*stack[stack.index(n):], n]
                cycles.append(" -> ".join(f"{x} ({graph[x][y]})" for x, y in itertools.pairwise(loop)))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
