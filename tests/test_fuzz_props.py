"""Property tests: every round trip, every position map, and readers that only ever fail with InputError."""
from __future__ import annotations

import io
import re
import textwrap

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bilingual.io.errors import InputError

HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=HEALTH)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)     # files, stores, the CLI

# characters XML 1.0 can carry (no C0 controls but tab/newline, no surrogates, no U+FFFE/FFFF)
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff\r",
                          min_codepoint=0x20) | st.sampled_from(list("\t\n <>&\"'核融合フュージョン"))
PIECE = st.tuples(st.booleans(), st.text(XML_CHARS, min_size=1, max_size=12))


# ------------------------------------------------------------------ TMX


@SLOW
@given(st.lists(st.tuples(st.lists(PIECE, min_size=1, max_size=4), st.lists(PIECE, min_size=1, max_size=4),
                          st.dictionaries(st.sampled_from(["x-bilingual-document", "x-bilingual-segment", "x-note"]),
                                          st.text(XML_CHARS, max_size=10), max_size=2)),
                min_size=1, max_size=5))
def test_tmx_round_trip_through_file_and_store_keeps_text_tags_and_props(tmp_path_factory, tus):
    from bilingual.formats.tmx import read_tmx, unit_xml, write_tmx
    from bilingual.tm.sqlite import SQLiteStore

    tmp = tmp_path_factory.mktemp("tmx")
    # a context (document + segment) is a TU's identity in the store: keep them distinct here
    tus = [(en, ja, {k: f"{v}-{i}" if k == "x-bilingual-segment" else v for k, v in props.items()})
           for i, (en, ja, props) in enumerate(tus)]
    xmls = [unit_xml(en, ja, props, "20240410T000000Z", tuid=f"t{i}") for i, (en, ja, props) in enumerate(tus)]
    first = tmp / "a.tmx"
    assert write_tmx(first, xmls) == len(tus)
    units = list(read_tmx(first))
    assert len(units) == len(tus)
    for u, (en, ja, props) in zip(units, tus, strict=True):
        assert u.en == "".join(t for code, t in en if not code)
        assert u.ja == "".join(t for code, t in ja if not code)
        assert (u.en_raw or u.en) == "".join(t for _, t in en)
        assert u.en_tags == ["ph"] * sum(1 for code, _ in en if code)
        for k in props:
            assert re.search(rf'<prop type="{k}"(>|/>)'.encode(), u.xml)
    with SQLiteStore(tmp / "tm.sqlite") as store:
        store.add(units)
        second = tmp / "b.tmx"
        write_tmx(second, store.iter_units())
        again = store.add(read_tmx(second))
        assert again.added == 0 and store.count() == len({u.xml for u in units})
    assert [u.xml for u in read_tmx(second)] == [u.xml for u in units]


@SETTINGS
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(b'<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a<bpt i="1"/></seg></tuv></tu></body></tmx>')
@example(b'<tmx version="9"><body/></tmx>')
def test_tmx_readers_fail_only_with_input_errors(tmp_path_factory, data):
    from bilingual.app.inputs import read_tmx as read_for_check
    from bilingual.formats.tmx import read_tmx

    p = tmp_path_factory.mktemp("tmx") / "x.tmx"
    p.write_bytes(data)
    for read in (lambda: list(read_tmx(p)), lambda: read_for_check(str(p), data)):
        try:
            read()
        except InputError as exc:
            assert "\n" not in str(exc) and exc.line >= 1 and exc.column >= 1


# ------------------------------------------------------------------ XML and content: only InputError


@SETTINGS
@given(st.binary(max_size=400))
@example(b'<!DOCTYPE r [<!ENTITY a "b">]><r/>')
@example(b"\xef\xbb\xbf<r/>")
@example(b'<!DOCTYPE r [<!-- ]> --><!ENTITY a "b">]><r/>')
def test_xmlsafe_whole_and_streaming_agree_and_fail_only_with_input_errors(data):
    from bilingual.io import xmlsafe

    results = []
    for parse in (lambda: xmlsafe.parse(data, "f.xml").tag,
                  lambda: [el.tag for _, el in xmlsafe.iterparse(io.BytesIO(data), events=("start",))][:1]):
        try:
            results.append(parse())
        except InputError as exc:
            assert "\n" not in str(exc)
            results.append(None)
    if results[0] is not None:
        assert results[1] == [results[0]]


HEAD = "kind: joint-statement\nid: t\ndate: 2024-04-10\nparties: [doe, mext]\ntitle: {en: T, ja: 表題}\nbody:\n"


@SETTINGS
@given(st.text(max_size=200))
@example("  - id: p1\n    en: &a x\n    ja: *a\n")
@example("  - {id: p1, en: \"\\ud800\", ja: x}\n")
def test_content_loader_and_checks_fail_only_with_input_errors(glossary, body):
    from bilingual.content.loader import document_from_source
    from bilingual.io.yamlpos import Source

    try:
        doc = document_from_source(Source("f.yaml", (HEAD + body).encode("utf-8", "surrogatepass")), glossary)
    except InputError as exc:
        assert "\n" not in str(exc) and exc.line >= 1
        return
    session = _session()
    for f in session.check_segments("f.yaml", list(doc.segments()), doc, False):
        assert f.line >= 1 and f.column >= 1


_SESSION = []


def _session():
    if not _SESSION:
        from bilingual.app.session import Options, Session

        _SESSION.append(Session(Options()))
    return _SESSION[0]


# ------------------------------------------------------------------ positions in content YAML

WORDS = st.text(st.sampled_from(list("abc xyz 核融合の研究 フュージョン 𠮷 é ,.")), max_size=30)
TERM = "Ministry of Education, Sports, Science and Technology"     # deprecated in the embedded glossary


def _scalar(text: str, style: str) -> str:
    if style == "plain":
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "|-\n      " + text


def _clean(s: str) -> str:
    return " ".join(s.split()).replace(",.", ".").strip(" ,.")


@SLOW
@given(WORDS.map(_clean), WORDS.map(_clean), st.sampled_from(["plain", "single", "double", "block"]),
       st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_a_finding_points_at_the_term_in_every_style_line_end_and_bom(tmp_path_factory, cli, before, after, style,
                                                                      newline, bom):
    text = f"{before} {TERM} {after}".strip()
    assume(not re.match(r"[-?:,\[\]{}#&*!|>'\"%@`]", text) and ": " not in text and " #" not in text)
    body = f"  - id: p1\n    en: {_scalar(text, style)}\n    ja: 文部科学省\n"
    p = tmp_path_factory.mktemp("pos") / "doc.yaml"
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (HEAD + body).replace("\n", newline).encode())
    code, out, err = cli("check", p, "--format", "gcc", "--select", "term-forbidden")
    assert code == 1, err
    m = re.match(rf"{re.escape(str(p))}:(\d+):(\d+): error: ", out)
    line, col = int(m.group(1)), int(m.group(2))
    lines = re.split(r"\r\n|\r|\n", p.read_bytes().decode("utf-8-sig"))
    assert lines[line - 1][col - 1:].startswith("Ministry of Education,")


@SLOW
@given(WORDS.map(_clean), WORDS.map(_clean), st.sampled_from(["plain", "single", "double"]),
       st.sampled_from(["\n", "\r\n"]))
def test_fix_changes_the_term_and_nothing_else(tmp_path_factory, cli, before, after, style, newline):
    text = f"{before} the {TERM} {after}".strip()
    assume(not re.match(r"[-?:,\[\]{}#&*!|>'\"%@`]", text) and ": " not in text and " #" not in text)
    body = f"  - id: p1\n    en: {_scalar(text, style)}  # a comment stays\n    ja: 文部科学省\n"
    p = tmp_path_factory.mktemp("fix") / "doc.yaml"
    original = (HEAD + body).replace("\n", newline)
    p.write_bytes(original.encode())
    code, _, err = cli("check", p, "--fix", "--select", "term-forbidden")
    assert code == 0, err
    fixed = p.read_bytes().decode()
    preferred = "Ministry of Education, Culture, Sports, Science and Technology"
    assert fixed == original.replace(TERM, preferred, 1)
    code, _, _ = cli("check", p, "--select", "term-forbidden")
    assert code == 0


# ------------------------------------------------------------------ the Japanese normaliser


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
@example("ﾌｭｰｼﾞｮﾝ・エネルギー\u200bー")
def test_normaliser_maps_any_text_back_to_the_original(text):
    from bilingual.text.normalize import _normalize_slow, normalize_ja

    norm = normalize_ja(text)
    assert norm == _normalize_slow(text)
    assert len(norm.origin) == len(norm.text) + 1 and norm.origin[-1] == len(text)
    last = 0
    for k in range(len(norm.text)):
        s, e = norm.span(k, k + 1)
        assert last <= s < e <= len(text)
        last = s
    for k in range(len(norm.text)):
        for j in range(k + 1, min(len(norm.text), k + 4) + 1):
            s, e = norm.span(k, j)
            assert 0 <= s < e <= len(text)


def test_fixture_glossary_has_the_deprecated_term(glossary):
    deprecated = [t.text for t in glossary.terms("en") if t.status == "deprecated"]
    assert TERM in deprecated
    assert textwrap.dedent("x") == "x"
