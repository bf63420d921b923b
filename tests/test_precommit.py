"""The pre-commit hook, installed by the real pre-commit framework from this checkout."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, require_tool

DOC = """\
kind: joint-statement
id: t
date: 2024-04-10
parties: [doe, mext]
title: {{en: Title, ja: 表題}}
body:
  - id: p1
    en: The {name} works with the Department of Energy.
    ja: 文部科学省は米国エネルギー省と協力する。
"""


def run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_a_commit_with_a_forbidden_term_fails_and_a_clean_one_passes(tmp_path):
    git = require_tool("git")
    pytest.importorskip("pre_commit")
    head = subprocess.run([git, "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    rev = head.stdout.strip()
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "PRE_COMMIT_HOME": os.environ.get("PRE_COMMIT_HOME", str(Path.home() / ".cache" / "pre-commit"))}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    run([git, "init", "-q", "-b", "main"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {ROOT}
            rev: {rev}
            hooks:
              - id: bilingual
        """), encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = run(pre_commit + ["install"], repo, env)
    assert installed.returncode == 0, installed.stderr
    (repo / "statement.yaml").write_text(
        DOC.format(name="Ministry of Education, Sports, Science and Technology"), encoding="utf-8")
    run([git, "add", "."], repo, env)
    bad = run([git, "commit", "-q", "-m", "forbidden"], repo, env)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    said = bad.stdout + bad.stderr
    assert "statement.yaml:8:13: error:" in said and "[term-forbidden]" in said
    (repo / "statement.yaml").write_text(
        DOC.format(name="Ministry of Education, Culture, Sports, Science and Technology"), encoding="utf-8")
    run([git, "add", "."], repo, env)
    good = run([git, "commit", "-q", "-m", "clean"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    log = run([git, "log", "--oneline"], repo, env)
    assert log.stdout.count("\n") == 1
