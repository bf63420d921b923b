"""The parsed-glossary cache: a start finds its copy, and editing a glossary again and again does not
fill the user's cache folder."""
from __future__ import annotations

import os

from bilingual.glossary import load
from bilingual.glossary.load import KEEP, load_glossary


def test_the_cache_keeps_the_latest_copies_only_and_a_start_still_finds_its_own(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "bilingual" / "glossary"
    g = tmp_path / "g.yaml"
    for n in range(KEEP + 8):            # a glossary edited between runs: a new copy each time
        g.write_text(f"concepts:\n  - id: x\n    en: [{{term: Xray{n}}}]\n", encoding="utf-8")
        os.utime(g, ns=(n * 10**9, n * 10**9))
        assert load_glossary([g]).concepts["x"].terms[0].text == f"Xray{n}"
    copies = sorted(folder.glob("*.pickle"))
    assert len(copies) == KEEP
    # the next start reads the last edit's copy (it does not parse the file) and writes or removes nothing

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(load, "_load_files", no_parsing)
    assert load_glossary([g]).concepts["x"].terms[0].text == f"Xray{KEEP + 7}"
    assert sorted(folder.glob("*.pickle")) == copies
