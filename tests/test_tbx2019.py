"""TBX 2019 (TBX-Basic): our export passes the official RNG and the TBX-Basic Schematron; official files import.

The Schematron needs XSLT 2: it runs with saxonche (compiled here to XSLT by a
minimal Schematron-to-XSLT step: patterns, rules, asserts, which is all the
TBX-Basic schemas use). Where saxonche is not installed, the TBX-Basic value
lists and levels are checked in Python by ``basic_problems`` instead.
"""
from __future__ import annotations

import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_glossary_roundtrip import glossaries

from bilingual.formats.tbx2019 import basic_problems, read_tbx, to_tbx
from bilingual.io.errors import InputError

SCHEMAS = SHARED / "interop" / "schemas" / "tbx"
SAMPLES = SHARED / "interop" / "samples" / "tbx"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
XSL = "http://www.w3.org/1999/XSL/Transform"


def schematron_failures(sch_path, doc: bytes) -> list[str]:
    """Run an XSLT-2 Schematron with saxonche; the failed asserts' messages."""
    saxonche = pytest.importorskip("saxonche")
    sch = etree.parse(str(sch_path)).getroot()
    ns = {n.get("prefix"): n.get("uri") for n in sch.iter(SCH + "ns")}
    out = etree.Element(f"{{{XSL}}}stylesheet", version="2.0", nsmap={"xsl": XSL, **ns})
    etree.SubElement(out, f"{{{XSL}}}output", method="text")
    main = etree.SubElement(out, f"{{{XSL}}}template", match="/")
    for i, pattern in enumerate(sch.iter(SCH + "pattern")):
        etree.SubElement(main, f"{{{XSL}}}apply-templates", select="//(*|@*)", mode=f"p{i}")
        for j, rule in enumerate(pattern.iter(SCH + "rule")):  # the first matching rule of a pattern wins
            t = etree.SubElement(out, f"{{{XSL}}}template", match=rule.get("context"), mode=f"p{i}",
                                 priority=str(1000 - j))
            for a in rule.iter(SCH + "assert"):
                fail = etree.SubElement(etree.SubElement(t, f"{{{XSL}}}if", test=f"not({a.get('test')})"),
                                        f"{{{XSL}}}text")
                fail.text = "FAIL " + " ".join("".join(a.itertext()).split()) + "\n"
        etree.SubElement(out, f"{{{XSL}}}template", match="node()|@*", mode=f"p{i}", priority="-10")
    with saxonche.PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=etree.tostring(out, encoding="unicode"))
        node = proc.parse_xml(xml_text=doc.decode("utf-8-sig"))
        result = xslt.transform_to_string(xdm_node=node) or ""
    return [line for line in result.splitlines() if line.startswith("FAIL")]


@pytest.fixture(scope="module")
def rng():
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))


@pytest.fixture(scope="module")
def full(glossary):
    """The real glossary plus what it does not use yet: transactions, a digit-initial id, every flag."""
    from dataclasses import replace

    from bilingual.glossary.model import Concept, Glossary, Term, Transaction

    g = Glossary(dict(glossary.concepts))
    history = (Transaction("origination", "2024-04-10", "MEXT R&D Bureau"),
               Transaction("modification", "2024-05-01T09:30:00Z"))
    g.concepts["mext"] = replace(glossary.concepts["mext"], transactions=history,
                                 terms=[replace(t, transactions=history[:1]) for t in glossary.concepts["mext"].terms])
    g.concepts["2024-statement"] = Concept(id="2024-statement", subject="agreement", terms=[
        Term("共同声明", "ja", "2024-statement", status="preferred", pos="other", verified=False, note="unverified",
             exceptions=("日米共同声明",), case_sensitive=False, transactions=(Transaction("modification"),))])
    return g


@pytest.mark.parametrize("style", ["dca", "dct"])
def test_our_tbx_passes_the_core_rng(full, rng, style):
    doc = etree.fromstring(to_tbx(full, style))
    assert rng.validate(doc), rng.error_log.last_error
    assert doc.find(".//{*}transacGrp/{*}date").text == "2024-04-10"


@pytest.mark.parametrize("style,sch", [("dca", "DCA/TBX-Basic_DCA.sch"), ("dct", "DCT/TBX-Basic_DCT.sch")])
def test_our_tbx_passes_the_tbx_basic_schematron(full, style, sch):
    assert schematron_failures(SCHEMAS / "TBX-Basic" / sch, to_tbx(full, style)) == []


@pytest.mark.parametrize("style", ["dca", "dct"])
def test_our_tbx_passes_the_tbx_basic_value_lists(full, style):
    assert basic_problems(etree.fromstring(to_tbx(full, style))) == []


@settings(max_examples=40, deadline=None)
@given(g=glossaries(), style=st.sampled_from(["dca", "dct"]))
def test_any_glossary_we_write_is_valid_tbx_basic(g, style):
    rng = _RNG()
    doc = etree.fromstring(to_tbx(g, style))
    assert rng.validate(doc), rng.error_log.last_error
    assert basic_problems(doc) == []


def _RNG():
    if not hasattr(_RNG, "schema"):
        _RNG.schema = etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))
    return _RNG.schema


def test_transactions_of_the_official_example_import():
    from bilingual.glossary.model import Transaction

    for name in ("ltac/Example_Astronomy_DCA_VALID.tbx", "ltac/Example_Astronomy_DCT_VALID.tbx",
                 "ltac-test-files/basic_good.tbx"):  # basic_good says 'creation' for origination
        c1 = read_tbx(SAMPLES / name).concepts["c1"]
        assert c1.transactions[:2] == (Transaction("origination", "2010-04-17", "Tommy"),
                                       Transaction("modification", "2010-05-01", "Tommy"))


def test_the_schematron_runner_catches_the_official_bad_file():
    data = (SAMPLES / "ltac-test-files" / "basic_bad.tbx").read_bytes()
    failures = schematron_failures(SCHEMAS / "TBX-Basic" / "DCA" / "TBX-Basic_DCA.sch", data)
    assert any("partOfSpeech" in f for f in failures)
    assert any("transactionType" in f for f in failures)


def test_python_rules_agree_with_the_schematron_on_the_official_files():
    for name in ("ltac/Example_Astronomy_DCA_VALID.tbx", "ltac/Example_Astronomy_DCT_VALID.tbx"):
        assert basic_problems(etree.parse(str(SAMPLES / name)).getroot()) == []
    bad = basic_problems(etree.parse(str(SAMPLES / "ltac-test-files" / "basic_bad.tbx")).getroot())
    messages = " ".join(m for _, m in bad)
    for expected in ("partOfSpeech", "theWrongType", "transacNote", "definition may only appear"):
        assert expected in messages
    # known defect of the official file: basic_good.tbx uses usageStatus and 'creation'
    good = basic_problems(etree.parse(str(SAMPLES / "ltac-test-files" / "basic_good.tbx")).getroot())
    assert good and basic_problems(etree.parse(str(SAMPLES / "ltac-test-files" / "basic_good.tbx")).getroot(),
                                   legacy=True) == []


@pytest.mark.parametrize("name", ["ltac/Example_Astronomy_DCA_VALID.tbx", "ltac/Example_Astronomy_DCT_VALID.tbx",
                                  "ltac-test-files/basic_good.tbx", "ltac-test-files/min_good.tbx",
                                  "ltac-test-files/core_structure_good.tbx"])
def test_official_good_files_import(name):
    g = read_tbx(SAMPLES / name)
    assert len(g.concepts) == 39  # concepts with an English term (Spanish terms are not kept)
    c1 = g.concepts["c1"]
    open_cluster, galactic = c1.terms_in("en")
    assert open_cluster.text == "open cluster" and galactic.text == "galactic cluster"
    assert "open star cluster" in galactic.note
    if "basic" in name or "Example" in name:  # TBX-Basic files carry the data categories
        assert c1.subject == "General"
        assert c1.definition.startswith("A group of stars formed together")
        assert c1.source == "Oxford2007"
        assert open_cluster.status == "preferred" and open_cluster.pos == "noun"
        assert galactic.status in ("superseded", "deprecated")
    assert not c1.terms_in("es")


def test_dca_and_dct_examples_import_alike():
    dca = read_tbx(SAMPLES / "ltac" / "Example_Astronomy_DCA_VALID.tbx")
    dct = read_tbx(SAMPLES / "ltac" / "Example_Astronomy_DCT_VALID.tbx")
    assert [(c.id, c.subject, c.definition, c.terms) for c in dca.concepts.values()] == \
        [(c.id, c.subject, c.definition, c.terms) for c in dct.concepts.values()]


@pytest.mark.parametrize("name,line,words", [
    ("basic_bad.tbx", 26, "theWrongType"),
    ("core_structure_bad.tbx", 26, "must start with its term"),
    ("min_bad.tbx", 803, "usageStatus"),
    ("poorly_formed_xml.tbx", 42, "not well-formed"),
])
def test_official_bad_files_give_a_located_error(name, line, words):
    path = SAMPLES / "ltac-test-files" / name
    with pytest.raises(InputError) as exc:
        read_tbx(path)
    assert exc.value.path == str(path) and exc.value.line == line and words in exc.value.message


def test_fields_without_a_tbx_basic_category_travel_in_notes(glossary):
    data = to_tbx(glossary).decode("utf-8")
    assert "<note>bilingual:status=proposed</note>" in data      # an unverified rendering: admitted + note
    assert "<note>bilingual:pos=properNoun</note>" in data
    assert "<note>bilingual:formal.ja=アメリカ合衆国エネルギー省</note>" in data


def test_digit_initial_ids_are_made_xml_ids_and_come_back(tmp_path):
    from bilingual.glossary.model import Concept, Glossary, Term

    g = Glossary({"2024-statement": Concept(id="2024-statement", terms=[Term("声明", "ja", "2024-statement")])})
    data = to_tbx(g)
    assert b'id="_2024-statement"' in data
    assert list(read_tbx("x.tbx", data).concepts) == ["2024-statement"]


def test_the_sources_travel_with_the_tbx_and_come_back(glossary, rng):
    """The registry in the back matter, each cited page as an externalCrossReference; read back unchanged."""
    from lxml import etree

    data = to_tbx(glossary)
    assert rng.validate(etree.fromstring(data)), rng.error_log
    root = etree.fromstring(data)
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    pr = glossary.sources["MEXT-PR"]
    xref = root.xpath("//t:conceptEntry[@id='ccfe']//t:termSec[t:term='日米核融合調整委員会']"
                      "/t:xref[@type='externalCrossReference']", namespaces=ns)
    assert [(x.get("target"), x.text) for x in xref] == [(pr.url, pr.title)]
    back = read_tbx("g.tbx", data)
    assert back.sources == glossary.sources
    assert back.concepts["ccfe"].terms == glossary.concepts["ccfe"].terms
