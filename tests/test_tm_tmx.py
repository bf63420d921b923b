"""TMX in and out: the peers' files import, a round trip loses nothing, bad files are refused where they break."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import SHARED

SAMPLES = SHARED / "interop" / "samples" / "tmx"
DTD = SHARED / "interop" / "schemas" / "tmx" / "tmx14.dtd"
GOOD = sorted(p for p in SAMPLES.rglob("*.tmx") if p.name != "invalid.tmx")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

RICH = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" datatype="html"/>
 <body>
  <tu tuid="r1" usagecount="3" creationdate="20240410T000000Z" changeid="kato" o-tmf="x" datatype="html">
   <note xml:lang="en">A note on the TU</note>
   <prop type="x-domain">fusion</prop>
   <tuv xml:lang="EN-us" creationid="smith">
    <prop type="x-origin">DOE</prop>
    <note>tuv note</note>
    <seg>  Press <bpt i="1" x="1" type="bold">&lt;b></bpt>Start<ept i="1">&lt;/b></ept> <ph x="2" type="image">&lt;img alt="<sub datatype="html">Begin &amp; go</sub>"/></ph> to <hi x="3" type="term">begin <it pos="begin" x="4">&lt;i></it>now</hi>.  </seg>
   </tuv>
   <tuv xml:lang="JA-jp">
    <seg><bpt i="1" x="1" type="bold">&lt;b></bpt>スタート<ept i="1">&lt;/b></ept>を押して<ph x="2" type="image">&lt;img/></ph><hi x="3" type="term">開始</hi>します。</seg>
   </tuv>
   <tuv xml:lang="fr-FR"><seg>Appuyez sur Démarrer.</seg></tuv>
  </tu>
  <tu>
   <tuv lang="en"><seg>Fusion energy in 2024.</seg></tuv>
   <tuv lang="ja"><seg>２０２４年のフュージョンエネルギー。</seg></tuv>
  </tu>
 </body>
</tmx>
"""  # noqa: E501 - a peer's TMX quoted whole: its lines are the file's lines


def _parser():
    from lxml import etree

    return etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False, remove_comments=True)


def _tus(path: Path):
    from lxml import etree

    return etree.parse(str(path), _parser()).getroot().find("body").findall("tu")


def _canon(el) -> tuple:
    """An element as (tag, attributes, text, children with tails), TMX 1.1 ``lang`` read as ``xml:lang``."""
    attrib = dict(el.attrib)
    if el.tag == "tuv" and "lang" in attrib:
        attrib[XML_LANG] = attrib.pop("lang")
    children = [c for c in el if isinstance(c.tag, str)]
    if el.tag == "tuv":   # props and notes come before <seg> on export
        children.sort(key=lambda c: c.tag == "seg")
    return (el.tag, attrib, el.text if el.tag in ("seg", "sub", "hi", "prop", "note") or len(el) == 0 else None,
            [(_canon(c), c.tail if el.tag in ("seg", "hi", "sub", "bpt", "ept", "ph", "it") else None)
             for c in children])


@pytest.fixture
def rich(tmp_path) -> Path:
    p = tmp_path / "rich.tmx"
    p.write_text(RICH, encoding="utf-8")
    return p


def _store(tmp_path):
    from bilingual.tm.sqlite import SQLiteStore

    return SQLiteStore(tmp_path / "tm.sqlite")


@pytest.mark.parametrize("sample", GOOD, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_peer_files_import_and_export_valid_tmx(sample, tmp_path):
    from lxml import etree

    from bilingual.formats.tmx import read_tmx, write_tmx

    store = _store(tmp_path)
    result = store.add(read_tmx(sample))
    expected = len(_tus(sample))
    assert result.added + result.unchanged == expected and store.count() <= expected
    out = tmp_path / "out.tmx"
    write_tmx(out, store.iter_units())
    tree = etree.parse(str(out), _parser())
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_round_trip_keeps_every_attribute_prop_note_language_and_inline_tag(rich, tmp_path, encoding):
    from bilingual.formats.tmx import read_tmx, write_tmx

    src = tmp_path / f"rich-{encoding}.tmx"
    text = RICH if encoding.startswith("utf-8") else RICH.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = text.encode(encoding)          # no BOM
    src.write_bytes(data)
    store = _store(tmp_path)
    store.add(read_tmx(src))
    out = tmp_path / "out.tmx"
    write_tmx(out, store.iter_units())
    before, after = _tus(rich), _tus(out)
    assert len(before) == len(after) == 2
    for a, b in zip(before, after, strict=True):
        assert _canon(a) == _canon(b)
    seg = after[0].find("tuv").find("seg")
    assert [c.tag for c in seg.iter() if c is not seg] == ["bpt", "ept", "ph", "sub", "hi", "it"]
    assert seg.text == "  Press " and seg[-1].tail == ".  "      # whitespace kept


def test_the_tm_reads_english_and_japanese_in_any_case_and_tmx11_lang(rich, tmp_path):
    from bilingual.formats.tmx import read_tmx

    units = list(read_tmx(rich))
    assert units[0].en == "  Press Start  to begin now.  "
    assert units[0].ja == "スタートを押して開始します。"
    assert units[0].en_tags == ["bpt", "ept", "ph", "hi", "it"]
    assert units[1].en == "Fusion energy in 2024." and units[1].ja == "２０２４年のフュージョンエネルギー。"


def test_import_is_idempotent(rich, tmp_path, cli):
    store = tmp_path / "tm.sqlite"
    code, out, _ = cli("tm", "import", rich, "--tm", store)
    assert code == 0 and "2 TU(s) added" in out
    code, out, _ = cli("tm", "import", rich, "--tm", store)
    assert code == 0 and "0 TU(s) added" in out and "2 already there" in out
    code, out, _ = cli("tm", "stats", "--tm", store, "--format", "json")
    assert '"tus": 2' in out


@pytest.mark.parametrize("broken, where", [
    ('<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ja"><seg>b</seg></tuv></tu>\n'
     '<tu><tuv xml:lang="en"><seg>x</tuv></tu>', 6),
    ('<tu><tuv><seg>no language</seg></tuv></tu>', 5),
])
def test_a_malformed_file_is_located_and_leaves_the_store_unchanged(rich, tmp_path, cli, broken, where):
    store = tmp_path / "tm.sqlite"
    cli("tm", "import", rich, "--tm", store)
    bad = tmp_path / "bad.tmx"
    good_tus = '<tu><tuv xml:lang="en"><seg>Kept out</seg></tuv><tuv xml:lang="ja"><seg>入らない</seg></tuv></tu>'
    bad.write_text(f'<?xml version="1.0"?>\n<tmx version="1.4"><header/>\n<body>\n{good_tus}\n{broken}\n</body></tmx>',
                   encoding="utf-8")
    code, out, err = cli("tm", "import", bad, "--tm", store)
    assert code == 2
    assert err.startswith(f"{bad}:{where}:") and "error:" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = cli("tm", "stats", "--tm", store, "--format", "json")
    assert '"tus": 2' in out


def test_omegat_invalid_sample_and_entity_bombs_are_refused(tmp_path, cli):
    code, _, err = cli("tm", "import", SAMPLES / "omegat" / "invalid.tmx", "--tm", tmp_path / "a.sqlite")
    assert code == 2 and "invalid.tmx:" in err
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n'
                    '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>')
    code, _, err = cli("tm", "import", bomb, "--tm", tmp_path / "a.sqlite")
    assert code == 2 and err.startswith(f"{bomb}:3:") and "entity" in err


def test_not_a_tmx_file(tmp_path, cli):
    p = tmp_path / "x.tmx"
    p.write_text('<?xml version="1.0"?><xliff version="1.2"><tu/></xliff>')
    code, _, err = cli("tm", "import", p, "--tm", tmp_path / "a.sqlite")
    assert code == 2 and "not a TMX file" in err


def test_translate_toolkit_reads_our_export(rich, tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    from bilingual.formats.tmx import read_tmx, write_tmx

    store = _store(tmp_path)
    store.add(read_tmx(rich))
    out = tmp_path / "out.tmx"
    write_tmx(out, store.iter_units())
    units = tmx.tmxfile(out.read_bytes(), sourcelanguage="en", targetlanguage="ja").units
    assert len(units) == 2
    assert units[1].source == "Fusion energy in 2024."
    assert units[1].target == "２０２４年のフュージョンエネルギー。"


def _streamed(path: Path) -> list:
    from bilingual.formats import tmx

    with open(path, "rb") as f:
        return list(tmx._read_streaming(f, path, None))


def _outcome(read, path: Path):
    """What a reader makes of a file: each TU (its XML canonicalised) or the error line."""
    from lxml import etree

    from bilingual.io.errors import InputError

    def canonical(xml: bytes) -> bytes:
        el = etree.fromstring(xml, etree.XMLParser(recover=True, resolve_entities=False))
        try:
            return etree.tostring(el, method="c14n")
        except etree.C14NError:                # (an unresolved entity reference)
            return etree.tostring(el)

    try:
        return [dict(vars(u), xml=canonical(u.xml)) for u in read(path)]
    except InputError as exc:
        return str(exc)


MUTATIONS = [b"<", b">", b"&amp;", b"&#x41;", b"&#x85;", b"&#133;", b"&#13;", b"&bogus;", b"</tu>", b"<tu>", b"<tu/>",
             b"\r\n", b"\r",
             b' changedate="20200101T000000Z"', b" creationdate='1'", b"<ph>x</ph>", b"<!-- c -->", b"'", b'"',
             b"<tuv xml:lang='ja'><seg>a</seg></tuv>", b'lang="EN"', b'<prop type="x">p</prop>', b"</seg>",
             b"\xff", b"<![CDATA[x]]>", b"<bpt i='1'/>", b"\n", b"]]>", b"&#1;", b"&#xD800;", b"&#x110000;",
             b"&#xFFFE;", b' tuid="9"', b' a="<"', b"\x01", b"\x0c", b"\xef\xbf\xbe", b"\xc3"]


@pytest.mark.parametrize("base", ["plain", "rich"])
def test_the_fast_reader_and_the_streaming_reader_agree_on_damaged_files(base, rich, tmp_path):
    """Fast path (blocks checked by expat, common TUs read from bytes) = element-by-element reader:
    same TUs, same errors."""
    import random

    from bilingual.formats import tmx

    if base == "plain":
        tus = "".join(f'<tu tuid="{i}"><tuv xml:lang="en"><seg>line {i} of the text.</seg></tuv>'
                      f'<tuv xml:lang="ja"><seg>本文の{i}行目。</seg></tuv></tu>\n' for i in range(12))
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>\n<body>\n'
                + tus + "</body>\n</tmx>\n").encode()
    else:
        data = rich.read_bytes()
    rng = random.Random(20261129)
    fast_files = 0
    for _ in range(400):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(mutated))
            roll = rng.random()
            if roll < 0.5:
                mutated[at:at] = rng.choice(MUTATIONS)
            elif roll < 0.8:
                del mutated[at:at + rng.randint(1, 5)]
            else:
                mutated[at] = rng.randrange(256)
        path = tmp_path / "m.tmx"
        path.write_bytes(bytes(mutated))
        with open(path, "rb") as f, contextlib.suppress(Exception):
            fast_files += tmx._fast_layout(f, path) is not None
        assert _outcome(tmx.read_tmx, path) == _outcome(_streamed, path), bytes(mutated)
    assert fast_files > 100                    # the fast path was really taken


def test_the_fast_reader_keeps_each_tu_as_written(tmp_path):
    """On the fast path a TU's XML is the file's own bytes (entities, quotes, spacing untouched)."""
    from bilingual.formats.tmx import read_tmx

    tu = ("<tu tuid='a&amp;b'  creationdate=\"20240410T000000Z\"><tuv xml:lang='en'><seg>R&amp;D &#x263A; "
          "&lt;tag&gt;</seg></tuv>\n <tuv xml:lang=\"ja-JP\"><seg>研究開発\r\n二行目</seg></tuv></tu>")
    path = tmp_path / "t.tmx"
    path.write_bytes(('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n'
                      + tu + "\n</body></tmx>").encode())
    (unit,) = read_tmx(path)
    assert unit.xml == tu.encode()
    assert unit.en == "R&D \u263a <tag>"
    assert unit.ja == "研究開発\n二行目"
    assert unit.changed == "20240410T000000Z"
    assert [vars(u) | {"xml": None} for u in _streamed(path)] == [vars(unit) | {"xml": None}]


def _corpus_tmx() -> list[Path]:
    from conftest import ROOT

    return sorted(p for p in (ROOT / "tests" / "corpus" / "tmx").glob("*.tmx"))


def _fast_shaped(data: bytes) -> bytes:
    """The same TUs in the shape the fast path takes (UTF-8, no DOCTYPE or comment before <body>), so that the
    hostile corpus goes through it and not only through the streaming reader."""
    import re

    body = data.find(b"<body>")
    if body == -1:
        return data
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>\n'
    return head + re.sub(rb"^<body>\s*", b"<body>\n", data[body:])


@pytest.mark.parametrize("path", _corpus_tmx(), ids=lambda p: p.name)
def test_the_hostile_corpus_gives_the_same_outcome_on_both_readers_and_in_check(path, tmp_path):
    """Each hostile TMX, as it is and reshaped for the fast path, and 60 seeded mutations of it: the fast
    reader, the streaming reader and check's located reader give the same TUs or the same error line."""
    import random

    from bilingual.formats import tmx

    rng = random.Random(f"hostile:{path.name}")
    shaped = _fast_shaped(path.read_bytes())
    variants = [path.read_bytes(), shaped]
    for _ in range(60):
        mutated = bytearray(shaped)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(max(1, len(mutated)))
            roll = rng.random()
            if roll < 0.6:
                mutated[at:at] = rng.choice(MUTATIONS + HOSTILE)
            elif roll < 0.85:
                del mutated[at:at + rng.randint(1, 5)]
            elif mutated:
                mutated[at] = rng.randrange(256)
        variants.append(bytes(mutated))
    for data in variants:
        p = tmp_path / "h.tmx"
        p.write_bytes(data)
        streamed = _outcome(_streamed, p)
        assert _outcome(tmx.read_tmx, p) == streamed, data
        located = _outcome(_located, p)
        assert located == streamed, data


def _located(path: Path) -> list:
    """The TUs as `check` reads them (its source text given, so that an error's column comes from it)."""
    from bilingual.formats import tmx
    from bilingual.formats.xmlpos import decode

    data = path.read_bytes()
    return [t.unit for t in tmx.read_tmx_located(str(path), data, decode(data))]


def test_the_reshaped_hostile_corpus_really_takes_the_fast_path(tmp_path):
    from bilingual.formats import tmx

    fast = []
    for path in _corpus_tmx():
        p = tmp_path / path.name
        p.write_bytes(_fast_shaped(path.read_bytes()))
        with open(p, "rb") as f:
            if tmx._fast_layout(f, p) is not None:
                fast.append(path.name)
    assert {"ept-without-bpt.tmx", "nested-tu.tmx", "tuv-without-lang.tmx", "two-segs.tmx",
            "unknown-element.tmx", "tuv-without-seg.tmx", "mismatched-tags.tmx"} <= set(fast)


HOSTILE = [b"<tuv><seg>x</seg></tuv>", b"<seg>again</seg>", b"<b>x</b>",
           b"<tu><tuv xml:lang='en'><seg>n</seg></tuv></tu>",
           b"<ept i='1'/>", b"<!DOCTYPE tmx [<!ENTITY e 'x'>]>", b"&e;", b"<note>n</note>", b"<tuv xml:lang='ja'/>",
           b"<x:y xmlns:x='u'/>", b"<?pi x?>", "\u2028".encode(), "\x85".encode(), b"\r", b"\r\n"]


@pytest.mark.parametrize("tu,message", [
    ("<tu><tuv><seg>x</seg></tuv></tu>", "<tuv> has no xml:lang"),
    ("<tu><tuv xml:lang='en'><note>n</note></tuv></tu>", "<tuv> has no <seg>"),
    ("<tu><tuv xml:lang='en'><seg>a</seg><seg>b</seg></tuv></tu>", "<tuv> has a second <seg>; TMX allows one"),
    ("<tu><tuv xml:lang='en'><seg>a<ept i='1'>x</ept></seg></tuv></tu>", '<ept i="1"> closes no <bpt>'),
    ("<tu><tuv xml:lang='fr'><seg>a<ept i='1'>x</ept></seg></tuv></tu>", '<ept i="1"> closes no <bpt>'),
    ("<tu><tuv xml:lang='en'><seg>a <b>b</b></seg></tuv></tu>", "<b> is not allowed in a <seg>"),
    ("<tu><foo/><tuv xml:lang='en'><seg>a</seg></tuv></tu>", "<foo> is not allowed in a <tu>"),
    ("<tu><tuv xml:lang='en'><seg>a</seg></tuv><tu><tuv xml:lang='en'><seg>b</seg></tuv></tu></tu>",
     "a <tu> inside a <tu>"),
])
def test_check_and_import_refuse_the_same_tu_at_the_same_place(tu, message, tmp_path, cli, monkeypatch):
    """One reader: `check`, `tm import` and `score` give the same located line for each TMX fault, exit 2."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    p = tmp_path / "f.tmx"
    p.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/>\n<body>\n'
                 '<tu><tuv xml:lang="en"><seg>fine</seg></tuv></tu>\n  ' + tu + "\n</body>\n</tmx>\n", encoding="utf-8")
    lines = []
    for args in (("check", p), ("tm", "import", p, "--tm", tmp_path / "s.sqlite"), ("score", "--ref", p, p)):
        code, out, err = cli(*args)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in out + err, err
        lines.append(err)
    assert lines[0] == lines[1] == lines[2]
    assert lines[0].startswith(f"{p}:5:") and message in lines[0]
    assert not (tmp_path / "s.sqlite").exists() or _count(tmp_path / "s.sqlite") == 0


def _count(db: Path) -> int:
    from bilingual.tm.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as s:
        return s.count()


def test_an_approval_written_into_a_tu_is_read_back_and_keeps_everything_else(rich, tmp_path):
    """``with_approval``, seeded: over the peer's TUs (notes, props, inline codes, three languages) and
    with props already saying yes, no or false, the TU then reads as asked, writing the same state
    again changes no byte, withdrawing and then approving gives back every other element, and the
    file stays valid TMX 1.4."""
    import random

    from lxml import etree

    from bilingual.formats.tmx import read_tmx, with_approval, write_tmx

    rng = random.Random(20261205)
    first = [u.xml for u in read_tmx(rich)]
    said = {"yes": True, "no": False, "false": False, "0": False}
    for _ in range(40):
        xml = rng.choice(first)
        for _ in range(rng.randrange(3)):      # props a peer or an earlier export left in some TUVs
            word = rng.choice(list(said))
            xml = xml.replace(b"<seg>", f'<prop type="approved">{word}</prop><seg>'.encode(), 1)
        for approved in (rng.random() < 0.5, rng.random() < 0.5):
            out = with_approval(xml, approved)
            path = tmp_path / "one.tmx"
            write_tmx(path, [out])
            (unit,) = read_tmx(path)
            assert unit.approved is approved
            assert with_approval(out, approved) == out
            dtd = etree.DTD(str(DTD))
            assert dtd.validate(etree.parse(str(path), _parser())), dtd.error_log.filter_from_errors()
        back = etree.fromstring(with_approval(with_approval(xml, False), True))
        original = etree.fromstring(xml)
        for tuv in original.iterfind("tuv"):       # what withholds approval is all that goes
            for p in list(tuv.iterfind("prop")):
                if p.get("type") == "approved" and p.text != "yes":
                    tuv.remove(p)
        assert _canon(back) == _canon(original)
