"""The pre-commit hook, run by the real pre-commit framework from the README's two snippets as written."""
from __future__ import annotations

import os
import re
import subprocess
import sys
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
    ja: 文部科学省は{comma}米国エネルギー省と協力する。
"""


def readme_snippets() -> list[str]:
    """The `.pre-commit-config.yaml` blocks of the README's Pre-commit section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Pre-commit"):]
    return [block for block in re.findall(r"```yaml\n(.*?)```", section, re.S) if block.startswith("repos:")]


def run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def commit_twice(config: str, tmp_path: Path, env: dict) -> None:
    """A commit naming MEXT without "Culture" is refused with a located finding; the corrected one lands."""
    git = require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    run([git, "init", "-q", "-b", "main"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    installed = run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert installed.returncode == 0, installed.stderr
    (repo / "statement.yaml").write_text(
        DOC.format(name="Ministry of Education, Sports, Science and Technology", comma=""), encoding="utf-8")
    run([git, "add", "."], repo, env)
    bad = run([git, "commit", "-q", "-m", "forbidden"], repo, env)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    said = bad.stdout + bad.stderr
    assert "statement.yaml:8:13: error:" in said and "[term-forbidden]" in said
    (repo / "statement.yaml").write_text(   # a warning (a half-width comma) does not stop a commit …
        DOC.format(name="Ministry of Education, Culture, Sports, Science and Technology", comma=","), encoding="utf-8")
    run([git, "add", "."], repo, env)
    good = run([git, "commit", "-q", "-m", "clean"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    # … but it is shown (`verbose: true` in the README's snippets)
    shown = good.stdout + good.stderr
    assert "statement.yaml:9:15: warning:" in shown and "[ja-punctuation]" in shown
    assert run([git, "log", "--oneline"], repo, env).stdout.count("\n") == 1


@pytest.fixture
def env(tmp_path) -> dict:
    pytest.importorskip("pre_commit")
    base = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "PRE_COMMIT_HOME": os.environ.get("PRE_COMMIT_HOME", str(Path.home() / ".cache" / "pre-commit")),
            # the `bilingual` installed beside this interpreter, for the local hook
            "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    for name in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        base.pop(name, None)
    return base


def test_the_readme_has_a_remote_and_a_local_snippet():
    remote, local = readme_snippets()
    assert re.search(r"^\s+rev: [0-9a-f]{40}$", remote, re.M), "the remote form pins a full commit"
    assert "repo: local" in local
    assert remote.count("verbose: true") == local.count("verbose: true") == 1


def test_the_remote_snippet_pinned_by_commit_works_with_only_the_url_replaced(tmp_path, env):
    git = require_tool("git")
    remote = readme_snippets()[0]
    rev = re.search(r"rev: ([0-9a-f]{40})", remote).group(1)
    clone = tmp_path / "bilingual-clone"
    cloned = run([git, "clone", "-q", "--no-checkout", str(ROOT), str(clone)], tmp_path, env)
    assert cloned.returncode == 0, cloned.stderr
    if run([git, "cat-file", "-e", f"{rev}^{{commit}}"], clone, env).returncode != 0:
        pytest.fail(f"the README pins {rev}, which is not in this repository's history")
    config = re.sub(r"(repo: )\S+", lambda m: m.group(1) + str(clone), remote, count=1)
    assert config.replace(str(clone), "") == re.sub(r"(repo: )\S+", r"\1", remote, count=1)
    commit_twice(config, tmp_path, env)


def test_the_local_snippet_uses_the_installed_bilingual(tmp_path, env):
    commit_twice(readme_snippets()[1], tmp_path, env)
