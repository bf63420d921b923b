"""`--tm postgresql://…` without a server: one located line, no password on the command line, no psycopg for SQLite."""
from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLE, ROOT


def test_a_server_that_is_down_is_one_line_and_exit_2(cli, tmp_path):
    code, _, err = cli("tm", "stats", "--tm", f"postgresql://nobody@/tm?host={tmp_path}&port=1")
    assert code == 2 and "cannot connect to the PostgreSQL server" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_password_in_a_url_on_the_command_line_is_refused_but_not_from_the_environment(cli, tmp_path,
                                                                                         monkeypatch):
    code, _, err = cli("tm", "lookup", "x", "--tm", "postgresql://me:secret@localhost/tm")
    assert code == 2 and "PGPASSWORD" in err
    monkeypatch.setenv("BILINGUAL_TM", f"postgresql://me:secret@/tm?host={tmp_path}&port=1")
    code, _, err = cli("tm", "lookup", "x")
    assert code == 2 and "cannot connect" in err and "secret" not in err


def test_a_check_with_an_sqlite_or_starter_tm_never_imports_psycopg():
    code = ("import sys\nfrom bilingual.cli import main\n"
            f"try:\n    main(['check', {str(EXAMPLE)!r}])\nexcept SystemExit:\n    pass\n"
            "print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


def test_a_server_url_without_the_driver_installed_says_which_extra_to_install(cli, tmp_path, monkeypatch):
    # `pip install -e .` (the README's first command) has no psycopg: a user who then gives a server URL
    # saw "internal error: ModuleNotFoundError" and a crash report; now one line naming the extra.
    monkeypatch.setitem(sys.modules, "psycopg", None)          # as if not installed
    code, _, err = cli("tm", "import", str(ROOT / "tm" / "starter.tmx"), "--tm",
                       f"postgresql://nobody@/tm?host={tmp_path}&port=1")
    assert code == 2 and "pip install 'bilingual[postgresql]'" in err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err and "Traceback" not in err
