"""YAML → TBX 2019 / TBX 2008 / CSV → YAML loses nothing we model (generated glossaries and the real one)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.formats.csv_glossary import read_csv, to_csv
from bilingual.formats.tbx2019 import read_tbx, to_tbx
from bilingual.glossary.load import _load_files
from bilingual.glossary.model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    TRANSACTION_TYPES,
    Concept,
    Glossary,
    Term,
    Transaction,
)
from bilingual.glossary.write import glossary_yaml


def shape(g: Glossary):
    """Everything we model (the definition's file position aside)."""
    return [(c.id, c.subject, c.definition, c.source, c.note, c.formal, c.transactions, c.terms)
            for c in g.concepts.values()]


_chars = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\x85")
_text = st.text(_chars, min_size=1, max_size=30).map(str.strip).filter(bool)
_ja = st.text(st.sampled_from("核融合エネルギー日米協力委員会文部科学省・ー（）ABC１２"), min_size=1, max_size=12)
_opt = st.none() | _text
_dates = st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10) | st.datetimes().map(
    lambda d: d.replace(microsecond=0).isoformat()).filter(lambda d: len(d) == 19).map(lambda d: st_z(d))
_transactions = st.lists(st.builds(Transaction, st.sampled_from(TRANSACTION_TYPES), st.none() | _dates, _opt),
                         max_size=2).map(tuple)


def st_z(d: str) -> str:
    """Some date-times in UTC (``Z``), some without a zone."""
    return d + "Z" if int(d[-1]) % 2 else d


@st.composite
def terms(draw, lang: str, cid: str):
    return Term(text=draw(_ja if lang == "ja" else _text), lang=lang, concept=cid,
                status=draw(st.sampled_from(STATUSES)), type=draw(st.sampled_from(TERM_TYPES)),
                pos=draw(st.sampled_from(PARTS_OF_SPEECH)), note=draw(_opt), source=draw(_opt),
                verified=draw(st.booleans()), exceptions=tuple(draw(st.lists(_text, max_size=2))),
                case_sensitive=draw(st.none() | st.booleans()), transactions=draw(_transactions))


@st.composite
def glossaries(draw):
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True), min_size=1, max_size=4,
                        unique=True))
    g = Glossary()
    for cid in ids:
        c = Concept(id=cid, subject=draw(_opt), definition=draw(_opt), source=draw(_opt), note=draw(_opt),
                    formal=draw(st.dictionaries(st.sampled_from(["en", "ja"]), _text, max_size=2)),
                    transactions=draw(_transactions))
        en = draw(st.lists(terms("en", cid), max_size=3))
        ja = draw(st.lists(terms("ja", cid), min_size=0 if en else 1, max_size=3))
        c.terms = en + ja
        g.concepts[cid] = c
    return g


def via_yaml(g: Glossary, tmp_path) -> Glossary:
    path = tmp_path / "g.yaml"
    path.write_text(glossary_yaml(g), encoding="utf-8")
    return _load_files([path])


FORMATS = {
    "tbx2019-dca": lambda g: read_tbx("g.tbx", to_tbx(g, "dca")),
    "tbx2019-dct": lambda g: read_tbx("g.tbx", to_tbx(g, "dct")),
    "csv": lambda g: read_csv("g.csv", to_csv(g)),
}
try:
    from bilingual.formats.tbx2008 import read_martif, to_martif

    FORMATS["tbx2008"] = lambda g: read_martif("g.tbx", data=to_martif(g))
except ImportError:  # pragma: no cover
    pass


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(g=glossaries())
def test_generated_glossary_survives_the_round_trip(fmt, g, tmp_path):
    yaml_g = via_yaml(g, tmp_path)
    assert shape(yaml_g) == shape(g)
    assert shape(via_yaml(FORMATS[fmt](yaml_g), tmp_path)) == shape(g)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_real_glossary_survives_the_round_trip(fmt, glossary, tmp_path):
    assert len(glossary.concepts) > 200
    assert shape(via_yaml(FORMATS[fmt](glossary), tmp_path)) == shape(glossary)
