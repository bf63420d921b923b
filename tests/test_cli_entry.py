"""The installed `bilingual` command (console script ``bilingual.__main__:run``): every subcommand is listed in
its help, and `check` answers as ``main()`` does (exit code, report, messages), although it ends the
process without the interpreter's teardown."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = Path(sys.executable).parent / "bilingual"
DOC = """\
kind: joint-statement
id: t
date: 2024-04-10
parties: [doe, mext]
title: {{en: Title, ja: 表題}}
body:
  - {{id: p1, en: fusion energy, ja: {ja}}}
"""

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the bilingual console script is not installed")


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_COLOR="1")


def script(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The console script, as a user runs it."""
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=tmp_path, env=_env(tmp_path))


def through_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``sys.exit(main(args))``: the plain way out, with the interpreter's teardown."""
    code = "import sys\nfrom bilingual.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tmp_path,
                          env=_env(tmp_path))


def test_help_lists_every_subcommand(tmp_path):
    from bilingual.cli import COMMANDS

    run = script(tmp_path, "--help")
    assert run.returncode == 0, run.stderr
    listed = run.stdout.split("Commands:", 1)[1].split()
    for name in COMMANDS:
        assert name in listed, f"`bilingual --help` does not list {name}"
    assert {"align", "build", "check", "fill", "glossary", "new", "score", "tm", "xliff"} <= set(COMMANDS)


def test_every_subcommand_has_its_own_help(tmp_path):
    from bilingual.cli import COMMANDS

    for name in COMMANDS:
        run = script(tmp_path, name, "--help")
        assert run.returncode == 0 and f"Usage: bilingual {name}" in run.stdout, (name, run.stderr)


@pytest.mark.parametrize("ja, expected", [("フュージョンエネルギー", 0),    # clean
                                          ("核融合エネルギー調整委員会", 1),  # a forbidden term: an error finding
                                          (None, 2)])                       # broken YAML: one located line
def test_check_through_the_console_script_answers_as_main_does(tmp_path, ja, expected):
    doc = tmp_path / "doc.yaml"
    doc.write_text(DOC.format(ja=ja) if ja else "kind: joint-statement\nid: [\n", encoding="utf-8")
    script(tmp_path, "check", "doc.yaml")          # (fills the glossary cache for both runs)
    ours, plain = script(tmp_path, "check", "doc.yaml"), through_main(tmp_path, "check", "doc.yaml")
    assert ours.returncode == plain.returncode == expected
    assert (ours.stdout, ours.stderr) == (plain.stdout, plain.stderr)
    assert "Traceback" not in ours.stderr
    if expected == 2:
        assert ours.stderr.startswith("doc.yaml:3:") and ours.stdout == ""
    else:
        assert ours.stdout.startswith("doc.yaml") or ours.stdout.startswith("0 error")


def test_a_report_written_with_output_is_whole(tmp_path):
    doc = tmp_path / "doc.yaml"
    doc.write_text(DOC.format(ja="核融合エネルギー調整委員会"), encoding="utf-8")
    ours = script(tmp_path, "check", "--format", "json", "-o", "ours.json", "doc.yaml")
    plain = through_main(tmp_path, "check", "--format", "json", "-o", "plain.json", "doc.yaml")
    assert ours.returncode == plain.returncode == 1
    assert ours.stderr == "wrote ours.json\n"
    assert (tmp_path / "ours.json").read_bytes() == (tmp_path / "plain.json").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_python_m_bilingual_runs_the_same_entry(tmp_path):
    doc = tmp_path / "doc.yaml"
    doc.write_text(DOC.format(ja="核融合エネルギー調整委員会"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bilingual", "check", "doc.yaml"], capture_output=True, text=True,
                         cwd=tmp_path, env=_env(tmp_path))
    assert run.returncode == 1 and "[term-forbidden]" in run.stdout
