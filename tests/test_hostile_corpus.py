"""The broken-input corpus: every file gives its expected one line on stderr and exit 2, never a traceback.

Inputs live in ``tests/corpus/<folder>/``; ``<input>.expected`` holds the
line (``{path}`` for the input's path), one per command of the folder
(``tests/corpus/commands.py``). ``python tests/corpus/regen.py`` rewrites them.
"""
from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "corpus"))
from commands import COMMANDS, expected_lines, inputs

CASES = [(path, k) for path in inputs() for k in range(len(COMMANDS[path.parent.name]))]


def test_every_input_has_an_expected_line():
    assert len(inputs()) >= 40
    for path in inputs():
        assert path.with_name(path.name + ".expected").exists(), path


@pytest.mark.parametrize("path,k", CASES, ids=[f"{p.parent.name}/{p.name}:{' '.join(COMMANDS[p.parent.name][k][:2])}"
                                               for p, k in CASES])
def test_broken_input_gives_its_one_line_and_exit_2(path, k, tmp_path, cli, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    command = COMMANDS[path.parent.name][k]
    args = [a.format(path=path, store=tmp_path / "tm.sqlite", out=tmp_path / "out") for a in command]
    code, out, err = cli(*args)
    assert "Traceback" not in out + err
    assert err == expected_lines(path)[k].replace("{path}", str(path)) + "\n"
    assert code == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())   # nothing half-built
