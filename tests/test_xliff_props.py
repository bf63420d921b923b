"""Properties of the XLIFF round trip and of the YAML edit under it (hypothesis, seeded)."""
from __future__ import annotations

import pytest
from conftest import EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

LETTERS = st.sampled_from(list("核融合エネルギー協定日米両国はをのにでとABCxyz"))
OTHERS = st.sampled_from(list("核融合協定はをのにABCxyz0123、。「」（）・*_[]<>&\\`#:'\"!%-, "))


@st.composite
def fragment(draw, inside: bool) -> str:
    """Target text a translator might type; inside emphasis it starts and ends with a letter
    (elsewhere CommonMark cannot write the emphasis, and the import drops it with a warning)."""
    middle = "".join(draw(st.lists(OTHERS, max_size=12)))
    if inside:
        return draw(LETTERS) + middle + draw(LETTERS)
    return middle.strip()


@pytest.fixture(scope="module")
def exported(glossary):
    from bilingual.content.loader import load_document
    from bilingual.formats.xliff_write import write_xliff

    doc = load_document(EXAMPLE, glossary)
    return doc, write_xliff(doc, "1.2")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), unit=st.sampled_from(["p1", "p3", "fn-bdv", "pillar-2"]))
def test_export_edit_import_export_gives_the_same_units(exported, glossary, data, unit):
    from bilingual.content.loader import document_from_source
    from bilingual.formats.xliff_codes import Close, Open, Ph, items_of, runs_of
    from bilingual.formats.xliff_merge import merge, merged_text
    from bilingual.formats.xliff_write import NS12, collect
    from bilingual.io.yamlpos import Source

    doc, xlf = exported
    seg = next(s for s in doc.segments() if s.id == unit)
    source = items_of(seg.en)
    # the translator's target: the source's codes in their order, every text replaced
    edited, depth = [], 0
    for item in source:
        if isinstance(item, str):
            text = data.draw(fragment(depth > 0))
            if text:
                edited.append(text)
        else:
            if isinstance(item, Close) and depth and edited and not isinstance(edited[-1], str):
                edited.append(data.draw(fragment(True)))        # no empty emphasis
            edited.append(item)
            depth += 1 if isinstance(item, Open) and item.code.kind in ("i", "b") else 0
            depth -= 1 if isinstance(item, Close) and item.code.kind in ("i", "b") else 0
    if not any(isinstance(i, str) and i.strip() for i in edited):
        edited.insert(0, "核融合")
    root = etree.fromstring(xlf)
    tu = next(t for t in root.iter(f"{{{NS12}}}trans-unit") if t.get("id") == unit)
    target = tu.find(f"{{{NS12}}}target")
    for child in list(target):
        target.remove(child)
    target.text = None
    from bilingual.formats.xliff_write import _fill_12

    _fill_12(target, edited, lambda tag, **a: etree.Element(f"{{{NS12}}}{tag}", a))
    data_xlf = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    src = Source(str(EXAMPLE), EXAMPLE.read_bytes())
    result = merge("t.xlf", data_xlf, doc)
    assert not result.warnings
    text = merged_text(src.text, src, doc, result)
    again = document_from_source(Source(str(EXAMPLE), text.encode("utf-8")), glossary)
    unit_again = next(u for u in collect(again) if u.segment.id == unit)
    assert runs_of(unit_again.target) == runs_of(edited)
    assert [type(i).__name__ + i.code.id for i in unit_again.target if isinstance(i, (Open, Close, Ph))] == \
        [type(i).__name__ + i.code.id for i in edited if isinstance(i, (Open, Close, Ph))]
    # and nothing but that segment's Japanese changed
    before, after = src.text.splitlines(), text.splitlines()
    assert len([ln for ln in after if ln not in before]) <= 1


LAYOUTS = {
    "block": "kind: x\nbody:\n  - id: a\n    en: >-\n      Hello\n      world\n    ja: >-  # note\n      こんにちは\n"
             "  - id: b\n    en: B\n",
    "plain": "body:\n- id: a\n  en: Hello world\n  ja: こんにちは  # comment\n- id: b\n  en: B\n",
    "quoted": "body:\n  - {id: a, en: 'Hello world', ja: \"こんにちは\"}\n  - id: b\n    en: B\n",
    "missing": "body:\n  - id: a\n    en: \"Hello world\"  # trailing\n    # a comment line\n  - id: b\n    en: B\n",
    "missing-block": "body:\n  - id: a\n    en: >-\n      Hello\n      world\n\n  - id: b\n    en: B\n",
    "null": "body:\n  - id: a\n    en: Hello world\n    ja:\n  - id: b\n    en: B\n",
    "tilde": "body:\n  - id: a\n    en: Hello world\n    ja: ~\n  - id: b\n    en: B\n",
    "flow-missing": "body:\n  - {id: a, en: Hello world}\n  - id: b\n    en: B\n",
    "crlf": "body:\r\n  - id: a\r\n    en: Hello world\r\n    ja: 'こんにちは'\r\n  - id: b\r\n    en: B\r\n",
}


@settings(max_examples=60, deadline=None)
@given(layout=st.sampled_from(sorted(LAYOUTS)),
       value=st.text(st.sampled_from(list("協定はABC xyz0、。「」*_[]<>&\\`#:'\"!%-{},|>@?")), min_size=1, max_size=20)
       .map(lambda v: "訳文" + v.strip()))      # a prefix no other line has: the lines of the value are known
def test_set_ja_sets_exactly_that_value_and_keeps_every_other_line(layout, value):
    import yaml

    from bilingual.io.yamledit import apply, places, set_ja
    from bilingual.io.yamlpos import Source

    text = LAYOUTS[layout]
    src = Source("t.yaml", text.encode("utf-8"))
    place = next(p for p in places(src).values() if p.en.value.startswith("Hello"))
    new = apply(text, [set_ja(src, place, value)])
    loaded = yaml.safe_load(new)
    assert loaded["body"][0]["ja"] == value
    assert loaded["body"][0]["en"] == yaml.safe_load(text)["body"][0]["en"]
    assert loaded["body"][1] == {"id": "b", "en": "B"}
    nl = "\r\n" if "\r\n" in text else "\n"
    old_lines = [ln for ln in text.split(nl) if "こんにちは" not in ln and not ln.strip().startswith("ja:")]
    new_lines = [ln for ln in new.split(nl) if value not in ln and not ln.strip().startswith("ja:")]
    if "flow" not in layout and "quoted" not in layout:
        assert new_lines == old_lines
