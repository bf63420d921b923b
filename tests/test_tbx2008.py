"""TBX 2008 <martif>: real CAT-tool exports import; our export is read by translate-toolkit's TBX reader."""
from __future__ import annotations

import pytest
from conftest import SHARED

from bilingual.app.glossary import read_glossary_file
from bilingual.formats.tbx2008 import read_martif, to_martif
from bilingual.io.errors import InputError

MARTIF = SHARED / "interop" / "samples" / "tbx" / "tbx2008-martif"


@pytest.mark.parametrize("name,concepts,first", [
    ("ibm_tbx.tbx", 5, "navigation trail"), ("oracle_TBX.tbx", 2, "Provincial Reporting Establishment"),
    ("medtronic_TBX.tbx", 3, "patient identifier"), ("sdl_tbx.tbx", 223, "accordion fold"),
    ("maryland.tbx", 1, "scribe"), ("omegat_sampleTBXfile.tbx", 1, "alpha smoothing factor"),
    ("test01.tbx", 1, "alpha smoothing factor"),
])
def test_real_exports_import(name, concepts, first):
    g = read_glossary_file(MARTIF / name)  # by root element: .tbx may be either version
    assert len(g.concepts) == concepts
    assert next(iter(g.concepts.values())).terms[0].text == first
    assert all(t.lang == "en" for t in g.terms())  # no Japanese in these files; other languages are not kept


def test_statuses_and_ids_from_a_real_export():
    g = read_martif(MARTIF / "medtronic_TBX.tbx")
    status = {t.text: t.status for t in g.terms()}
    assert status["audible alert"] == "preferred" and status["audible notification"] == "deprecated"
    assert status["patient identifier"] == "admitted"  # no status given
    assert all(c.id == c.id.lower() for c in g.concepts.values())


def test_transactions_of_a_real_export_with_compact_dates():
    from bilingual.glossary.model import Transaction

    c1 = read_martif(MARTIF / "sdl_tbx.tbx").concepts["c1"]
    assert c1.terms[0].transactions == (Transaction("origination", "2001-04-23T13:08:13Z", "CDigel"),
                                        Transaction("modification", "2001-04-30T09:34:26Z", "CDigel"))


def test_our_export_is_valid_against_the_tbx2008_dtd(full_glossary):
    from lxml import etree

    dtd = etree.DTD(str(SHARED / "interop" / "schemas" / "tbx" / "legacy" / "TBXcoreStructV02.dtd"))
    doc = etree.fromstring(to_martif(full_glossary))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()[:3]


@pytest.fixture
def full_glossary(glossary):
    from dataclasses import replace

    from bilingual.glossary.model import Glossary, Transaction

    g = Glossary(dict(glossary.concepts))
    history = (Transaction("origination", "2024-04-10", "MEXT"), Transaction("modification"))
    g.concepts["doe"] = replace(glossary.concepts["doe"], transactions=history,
                                terms=[replace(t, transactions=history) for t in glossary.concepts["doe"].terms])
    return g


def test_translate_toolkit_reads_our_export(full_glossary):
    glossary = full_glossary
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(to_martif(glossary))
    units = {u.getid(): u for u in store.units}
    assert len(units) == len(glossary.concepts) > 200
    assert (units["doe"].source, units["doe"].target) == ("Department of Energy", "米国エネルギー省")
    assert (units["mext"].source, units["mext"].target) == (glossary.concepts["mext"].terms_in("en")[0].text,
                                                          glossary.concepts["mext"].terms_in("ja")[0].text)


def test_not_a_martif_is_located(tmp_path):
    path = tmp_path / "x.tbx"
    path.write_text("<?xml version='1.0'?>\n<martif>\n<text/>\n</martif>\n", encoding="utf-8")
    with pytest.raises(InputError, match="text/body") as exc:
        read_martif(path)
    assert exc.value.line == 2


ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE martif [
<!ENTITY x SYSTEM "file:///etc/hostname">
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="ja">
<tig><term>TERM核融合</term></tig></langSet></termEntry></body></text></martif>
"""


@pytest.mark.parametrize("ref", ["&x;", "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"])
def test_entities_are_refused_not_expanded(cli, tmp_path, ref):
    path = tmp_path / "evil.tbx"
    path.write_text(ENTITIES.replace("TERM", ref), encoding="utf-8")
    code, _, err = cli("glossary", "import", path, "-o", tmp_path / "out.yaml")
    assert code == 2 and err.startswith(f"{path}:") and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()
