"""OmegaT (console mode) pre-translates a source file from our exported TMX in tm/auto/."""
from __future__ import annotations

import os
import subprocess

from conftest import require_tool

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en-US</source_lang>
    <target_lang>ja-JP</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneJapaneseTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def test_omegat_pretranslates_from_our_exported_tmx(tmp_path, cli):
    omegat = require_tool("omegat")
    store = tmp_path / "tm.sqlite"
    from conftest import EXAMPLE

    assert cli("tm", "harvest", EXAMPLE, "--tm", store)[0] == 0
    project = tmp_path / "project"
    for d in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (project / d).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    assert cli("tm", "export", project / "tm" / "auto" / "bilingual.tmx", "--tm", store)[0] == 0
    (project / "source" / "doc.txt").write_text(
        "This partnership is intended to focus on the following pillars:\n\n"
        "This sentence is not in the memory.\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), JAVA_TOOL_OPTIONS="-Djava.awt.headless=true")
    run = subprocess.run([omegat, "--mode=console-translate", "--no-team", f"--config-dir={tmp_path / 'config'}",
                          str(project)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "TF_TM_LOAD_ERROR" not in run.stderr
    out = (project / "target" / "doc.txt").read_text(encoding="utf-8")
    assert "本パートナーシップは、以下の柱に重点を置くことを意図する。" in out
    assert "This sentence is not in the memory." in out
