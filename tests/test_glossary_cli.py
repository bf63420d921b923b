"""`bilingual glossary lookup | import | export | stats` as a user runs them."""
from __future__ import annotations

import pytest
from conftest import SHARED
from lxml import etree


def test_lookup_by_en_ja_and_fuzzy(cli):
    code, out, _ = cli("glossary", "lookup", "文部科学省")
    assert code == 0 and "concept mext" in out and "preferred" in out
    code, out, _ = cli("glossary", "lookup", "Departmnt of Energy")
    assert code == 0 and out.splitlines()[0].startswith("Department of Energy") and "(match" in out
    assert "source: DOE-TXT" in out
    code, out, err = cli("glossary", "lookup", "zzzzqqq")
    assert code == 1 and "no term matches" in err


def test_lookup_shows_the_whole_entry_and_what_to_use(cli):
    code, out, _ = cli("glossary", "lookup", "Ministry of Education, Sports, Science and Technology")
    assert code == 0 and "[en, deprecated, fullForm]  concept mext" in out.splitlines()[0]
    assert out.splitlines()[1] == "  use instead: Ministry of Education, Culture, Sports, Science and Technology"
    assert "  ja  文部科学省  [preferred, fullForm]" in out and "  ja  文科省  [admitted, shortForm]" in out
    code, out, _ = cli("glossary", "lookup", "文部科学省", "--lang", "en")
    assert code == 1


@pytest.mark.parametrize("name,concept", [("原子力規制委員会", "nra-japan"), ("米国原子力規制委員会", "us-nrc"),
                                          ("核融合調整委員会", "iea-fpcc"), ("日米核融合調整委員会", "ccfe")])
def test_name_collisions_are_not_confused(cli, glossary, name, concept):
    _code, out, _ = cli("glossary", "lookup", name)
    assert out.splitlines()[0].endswith(f"concept {concept}")
    from bilingual.glossary.matcher import TermIndex

    hits = TermIndex(glossary).find(f"本日、{name}は会合を開いた。", "ja")
    assert [(h.surface, h.term.concept) for h in hits] == [(name, concept)]


@pytest.mark.parametrize("fmt,suffix", [("tbx", ".tbx"), ("tbx2008", ".tbx"), ("csv", ".csv"), ("yaml", ".yaml")])
def test_export_then_import_gives_the_same_glossary(cli, glossary, tmp_path, fmt, suffix):
    out = tmp_path / f"g{suffix}"
    code, _, err = cli("glossary", "export", "-f", fmt, "-o", out)
    assert code == 0 and out.exists()
    back = tmp_path / "back.yaml"
    code, _, err = cli("glossary", "import", out, "-o", back)
    assert code == 0 and f"{len(glossary.concepts)} concepts" in err
    from bilingual.glossary.load import _load_files

    def shape(g):
        return [(c.id, c.subject, c.definition, c.source, c.note, c.formal, c.terms) for c in g.concepts.values()]

    assert shape(_load_files([back])) == shape(glossary)


def test_export_dct_style(cli, tmp_path):
    out = tmp_path / "g.tbx"
    assert cli("glossary", "export", "--style", "dct", "-o", out)[0] == 0
    assert etree.parse(str(out)).getroot().get("style") == "dct"


def test_import_of_a_bad_file_is_one_located_line(cli, tmp_path):
    bad = SHARED / "interop" / "samples" / "tbx" / "ltac-test-files" / "poorly_formed_xml.tbx"
    code, _out, err = cli("glossary", "import", bad, "-o", tmp_path / "x.yaml")
    assert code == 2 and err.startswith(f"{bad}:42:16: error:") and "Traceback" not in err
    assert not (tmp_path / "x.yaml").exists()


def test_import_official_example(cli, tmp_path):
    src = SHARED / "interop" / "samples" / "tbx" / "ltac" / "Example_Astronomy_DCA_VALID.tbx"
    code, _, err = cli("glossary", "import", src, "-o", tmp_path / "astro.yaml")
    assert code == 0 and "39 concepts" in err
    assert "open cluster" in (tmp_path / "astro.yaml").read_text(encoding="utf-8")


def test_stats_shows_the_coverage(cli, glossary):
    code, out, _ = cli("glossary", "stats")
    assert code == 0
    assert f"{len(glossary.concepts)} concepts" in out
    for word in ("preferred", "admitted", "deprecated", "superseded", "unverified", "en", "ja"):
        assert word in out


def test_writing_into_a_missing_folder_is_a_usage_error(cli, tmp_path):
    code, _, err = cli("glossary", "export", "-f", "csv", "-o", tmp_path / "no" / "g.csv")
    assert code == 2 and "cannot write" in err and "Traceback" not in err
