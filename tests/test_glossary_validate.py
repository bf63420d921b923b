"""`bilingual glossary validate` passes on the real glossary and catches each fault."""
from __future__ import annotations

import pytest

from bilingual.glossary.model import Concept, Glossary, Source, Term
from bilingual.glossary.validate import validate


def g(*concepts: tuple[str, list[tuple]]) -> Glossary:
    out = Glossary()
    for cid, terms in concepts:
        out.concepts[cid] = Concept(id=cid, terms=[Term(text, lang, cid, **kw) for text, lang, kw in terms])
    return out


JA = ("核融合", "ja", {"status": "preferred"})
FAULTS = {
    "duplicate-term": g(("a", [("fusion", "en", {}), JA]), ("b", [("fusion", "en", {}), ("融合", "ja", {})])),
    "two-preferred": g(("a", [("fusion", "en", {"status": "preferred"}),
                              ("nuclear fusion", "en", {"status": "preferred"}), JA])),
    "no-ja": g(("a", [("fusion", "en", {})])),
    "forbidden-is-preferred": g(("a", [JA]), ("b", [("核融合", "ja", {"status": "deprecated"}), ("融合", "ja", {})])),
    "unknown-status": g(("a", [("fusion", "en", {"status": "approved"}), JA])),
    "ja-contains-forbidden": g(("a", [("調整委員会", "ja", {"status": "deprecated"})]),
                               ("b", [("核融合調整委員会", "ja", {"status": "preferred"})])),
    "variant-cycle": g(("a", [("A-1", "en", {"status": "preferred"}), ("B-1", "en", {"type": "variant"}), JA]),
                       ("b", [("B-1", "en", {"status": "preferred"}), ("A-1", "en", {"type": "variant"}),
                              ("融合", "ja", {})])),
    "unverified-without-note": g(("a", [("fusion", "en", {}), ("核融合", "ja", {"verified": False})])),
    "unverified-approved": g(("a", [("fusion", "en", {}), ("核融合", "ja", {"status": "preferred", "verified": False,
                                                                          "note": "not seen in a source"})])),
    "unknown-source": g(("a", [("fusion", "en", {"source": "NO-SUCH-KEY"}), JA])),
    "source-outside-package": g(("a", [("fusion", "en", {"source": "fusion-terms.md row 43"}), JA])),
}


def with_sources(glossary: Glossary, *sources: Source) -> Glossary:
    glossary.sources = {s.key: s for s in sources}
    return glossary


FAULTS["source-incomplete"] = with_sources(g(("a", [("fusion", "en", {"source": "KEY"}), JA])), Source("KEY"))
FAULTS["source-outside-package "] = with_sources(      # a registry entry that names only a file
    g(("a", [("fusion", "en", {"source": "KEY"}), JA])), Source("KEY", url="../shared/reference/fusion-terms.md",
                                                                publisher="us"))
FAULTS["duplicate-term "] = g(    # one name under two concepts, the ambiguity not recorded in both notes
    ("a", [("CCFE", "en", {"type": "acronym", "note": "also concept b"}), JA]),
    ("b", [("CCFE", "en", {"type": "acronym", "note": "the Culham Centre"}), ("カラム", "ja", {})]))


@pytest.mark.parametrize("rule", sorted(FAULTS))
def test_each_fault_is_caught(rule):
    assert rule.strip() in {p.rule for p in validate(FAULTS[rule])}


def test_cited_keys_urls_and_recorded_ambiguities_pass():
    glossary = with_sources(g(
        ("a", [("fusion", "en", {"source": "KEY p. 3; https://example.org/page"}),
               ("核融合", "ja", {"status": "proposed", "note": "not seen in a source; candidate"}),
               ("CCFE", "en", {"type": "acronym", "note": "also the Culham Centre (concept b)"})]),
        ("b", [("CCFE", "en", {"type": "acronym", "note": "also the committee (concept a)"}), ("カラム", "ja", {})])),
        Source("KEY", url="https://example.org/", publisher="Example"))
    assert validate(glossary) == []


def test_a_proposed_term_needs_its_note_and_is_never_preferred():
    """``proposed`` is how an unverified rendering is kept: usable, explained, never preferred."""
    bare = g(("a", [("fusion", "en", {}), ("核融合", "ja", {"status": "proposed"})]))
    assert [p.rule for p in validate(bare)] == ["unverified-without-note"]
    concept = g(("a", [("融合", "ja", {"status": "proposed", "note": "n"}), ("核融合", "ja", {"status": "admitted"}),
                       ("fusion", "en", {})])).concepts["a"]
    assert concept.preferred("ja").text == "核融合"          # an admitted term comes before a proposed one


def test_the_real_glossary_cites_only_registered_pages(glossary):
    from bilingual.glossary.model import source_citations

    cited = {head for c in glossary.concepts.values() for text in [c.source] + [t.source for t in c.terms]
             for head, _ in source_citations(text)}
    assert cited and cited <= set(glossary.sources)
    assert all(s.url.startswith(("https://", "http://")) and s.publisher for s in glossary.sources.values())
    assert not any(t.status == "preferred" and t.unverified for t in glossary.terms())


def test_an_exception_allows_the_longer_ja_term():
    glossary = g(("a", [("調整委員会", "ja", {"status": "deprecated", "exceptions": ("核融合調整委員会",)})]),
                 ("b", [("核融合調整委員会", "ja", {"status": "preferred"})]))
    assert "ja-contains-forbidden" not in {p.rule for p in validate(glossary)}


def test_the_real_glossary_is_valid(glossary):
    assert validate(glossary) == []


def test_cli_validate(cli, glossary, tmp_path):
    code, out, err = cli("glossary", "validate")
    assert code == 0 and f"{len(glossary.concepts)} concepts" in err and "no problems" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n- id: a\n  en: [{term: fusion}]\n", encoding="utf-8")
    code, out, err = cli("glossary", "validate", "-g", bad)
    assert code == 1 and f"{bad}:2:3: error: concept 'a' has no Japanese term [no-ja]" in out
    bad.write_text("concepts:\n- id: a\n  ja: [{term: 核融合, status: approved}]\n", encoding="utf-8")
    code, out, err = cli("glossary", "validate", "-g", bad)
    assert code == 2 and f"{bad}:3:" in err and "unknown status 'approved'" in err


def test_yaml_transactions_are_checked_where_they_are_written(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n- id: a\n  transactions:\n  - {type: origination, date: 10/04/2024}\n"
                   "  ja: [{term: 核融合}]\n", encoding="utf-8")
    code, _, err = cli("glossary", "validate", "-g", bad)
    assert code == 2 and err.startswith(f"{bad}:4:") and "10/04/2024" in err and "ISO 8601" in err
    bad.write_text("concepts:\n- id: a\n  ja: [{term: 核融合, transactions: [{type: approval}]}]\n", encoding="utf-8")
    code, _out, err = cli("glossary", "validate", "-g", bad)
    assert code == 2 and err.startswith(f"{bad}:3:") and "approval" in err


def test_a_term_fault_points_at_the_term(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("concepts:\n- id: a\n  ja:\n  - {term: 核融合, status: preferred}\n"
                   "  - {term: 核融合反応, verified: false}\n", encoding="utf-8")
    code, out, _ = cli("glossary", "validate", "-g", bad)
    assert code == 1 and out.startswith(f"{bad}:5:5: error: unverified ja term '核融合反応' needs a note")
    csv = tmp_path / "bad.csv"
    csv.write_text("concept,lang,term,status\r\na,ja,核融合,preferred\r\nb,ja,核融合,admitted\r\n", encoding="utf-8")
    code, out, _ = cli("glossary", "validate", "-g", csv)
    assert code == 1 and out.startswith(f"{csv}:3:6: error: ja term '核融合' is also under concept 'a'")
