"""No traceback ever reaches a user: a bug becomes one line and a crash report file."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

LINE = re.compile(r"bilingual: internal error: (\w+): (.*) \(crash report: (.+)\)\n")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def _boom(message: str):
    def fail(*args, **kwargs):
        raise RuntimeError(message)
    return fail


def test_a_bug_is_one_line_and_a_crash_report(cli, cache, monkeypatch):
    from bilingual.app import session as workflow

    monkeypatch.setattr(workflow.Session, "check_segments", _boom("boom in the checker"))
    code, out, err = cli("check", EXAMPLE)
    assert code == 2
    m = LINE.fullmatch(err)
    assert m, err
    assert m.group(1) == "RuntimeError" and m.group(2) == "boom in the checker"
    report = m.group(3)
    assert report.startswith(str(cache))
    text = Path(report).read_text(encoding="utf-8")
    assert text.startswith(f"argv: check {EXAMPLE}\n")
    assert "Traceback (most recent call last)" in text and "boom in the checker" in text
    assert "Traceback" not in out + err


def test_a_hostile_exception_message_stays_on_one_line_without_escapes(cli, cache, monkeypatch):
    from bilingual.app import session as workflow

    monkeypatch.setattr(workflow.Session, "check_segments", _boom("two\nlines \x1b[31mred\u202e \ud800"))
    code, _, err = cli("check", EXAMPLE)
    assert code == 2 and err.count("\n") == 1
    assert "\x1b" not in err and "\u202e" not in err and "\ud800" not in err
    assert "two lines \\u001b[31mred\\u202e \\ud800" in err
    report = LINE.fullmatch(err).group(3)
    assert "\\ud800" in Path(report).read_text(encoding="utf-8")


def test_an_unwritable_cache_falls_back_to_the_temporary_directory(cli, tmp_path, monkeypatch):
    from bilingual.app import session as workflow

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))        # mkdir under a file fails
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(workflow.Session, "check_segments", _boom("x"))
    code, _, err = cli("check", EXAMPLE)
    assert code == 2
    assert LINE.fullmatch(err).group(3).startswith(str(tmp_path / "tmp"))


def test_no_writable_folder_still_gives_one_line(cli, monkeypatch):
    from bilingual.app import session as workflow
    from bilingual.cli import crash

    monkeypatch.setattr(crash, "_folders", lambda: [])
    monkeypatch.setattr(workflow.Session, "check_segments", _boom("x"))
    code, _, err = cli("check", EXAMPLE)
    assert code == 2
    assert err == "bilingual: internal error: RuntimeError: x (no crash report could be written)\n"


def test_interrupt_is_one_line_and_130(cli, monkeypatch):
    from bilingual.app import session as workflow

    def interrupt(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(workflow.Session, "check_segments", interrupt)
    code, _, err = cli("check", EXAMPLE)
    assert (code, err.strip()) == (130, "bilingual: interrupted")      # click ends the ^C line first


def test_input_errors_are_one_line_even_for_hostile_paths_and_messages():
    from bilingual.io.errors import InputError

    e = InputError("a\nb.yaml", 3, 4, "unknown key 'x\x1b[2Jy\u202e'")
    assert str(e) == "a b.yaml:3:4: error: unknown key 'x\\u001b[2Jy\\u202e'"


def test_a_real_process_never_prints_a_traceback(tmp_path):
    """The installed entry point, in a child process, with a bug injected below the CLI."""
    code = ("import sys, bilingual.app.session as w\n"
            "def boom(*a, **k):\n    raise ZeroDivisionError('injected')\n"
            "w.Session.check_segments = boom\n"
            "from bilingual.cli import main\n"
            f"sys.exit(main(['check', {str(EXAMPLE)!r}]))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    m = LINE.fullmatch(proc.stderr)
    assert m and m.group(1) == "ZeroDivisionError"
    assert os.path.exists(m.group(3))
