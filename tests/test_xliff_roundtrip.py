"""`bilingual xliff export/import`: the translator's round trip through a CAT tool (issue 16)."""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, SHARED, require_tool
from lxml import etree
from test_tm_omegat import PROJECT

SCHEMAS = SHARED / "interop" / "schemas"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"


def strip_japanese(text: str, keep: set[str] = frozenset()) -> str:
    """The example without the ja: of its segments (but those whose id is in ``keep``), cut as text."""
    from bilingual.io.yamledit import places
    from bilingual.io.yamlpos import Source

    src = Source("x.yaml", text.encode("utf-8"))
    cuts = []
    for place in places(src).values():
        ids = {str(v.value) for k, v in place.mapping.value if k.value == "id"}
        if place.ja_key is None or ids & keep:
            continue
        if place.mapping.flow_style:              # `place: {en: …, ja: …}`: cut `, ja: …` only
            cuts.append((text.rindex(",", 0, place.ja_key.start_mark.index), place.ja.end_mark.index))
            continue
        a = text.rfind("\n", 0, place.ja_key.start_mark.index) + 1
        b = place.ja.end_mark.index
        if text[b - 1] != "\n":
            b = text.index("\n", b) + 1
        cuts.append((a, b))
    for a, b in sorted(cuts, reverse=True):
        text = text[:a] + text[b:]
    return text


def empty_tmx(path: Path) -> Path:
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                    'creationtoolversion="1" segtype="paragraph" o-tmf="t" adminlang="en" srclang="en" '
                    'datatype="plaintext"/><body/></tmx>\n', encoding="utf-8")
    return path


def schema_errors(data: bytes, version: str) -> list[str]:
    from xliff_xsd import errors

    return errors(data, str(SCHEMAS), version)


_FLOW_JA = re.compile(r""",\s*ja:\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,}\n]*?)\s*(?=})""")


def other_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines of both texts that are not a ja: value (its key line and its block-scalar body)."""
    def keep(text: str) -> list[str]:
        out, skipping, indent = [], False, 0
        for line in text.splitlines(keepends=True):
            line = _FLOW_JA.sub("", line)             # the ja of a one-line mapping (`place: {en: …, ja: …}`)
            stripped = line.lstrip(" ")
            if skipping and (len(line) - len(stripped) > indent) and stripped.strip():
                continue
            skipping = False
            if stripped.startswith("ja:"):
                skipping, indent = True, len(line) - len(stripped)
                continue
            out.append(line)
        return out
    return keep(before), keep(after)


@pytest.mark.parametrize("version", ["1.2", "2.0", "2.1", "2.2"])
def test_export_is_schema_valid_with_codes_terms_and_matches(tmp_path, cli, version):
    out = tmp_path / "doc.xlf"
    code, _, err = cli("xliff", "export", EXAMPLE, "-o", out, "--version", version)
    assert code == 0, err
    data = out.read_bytes()
    assert schema_errors(data, version) == []
    root = etree.fromstring(data)
    ns = NS12 if version == "1.2" else root.nsmap[None]
    unit = "trans-unit" if version == "1.2" else "unit"
    ids = [u.get("id") for u in root.iter(f"{{{ns}}}{unit}")]
    assert ids[:3] == ["party-doe", "party-mext", "title"] and "p1" in ids and "fn-bdv" in ids
    p1 = next(u for u in root.iter(f"{{{ns}}}{unit}") if u.get("id") == "p1")
    xml = etree.tostring(p1, encoding="unicode")
    if version == "1.2":
        assert 'ctype="italic"' in xml and 'equiv-text="[^bdv]"' in xml
        assert '<target xml:lang="ja" state="final">' in xml
        assert "<alt-trans" in xml and "フュージョンエネルギー" in xml and 'from="glossary"' in xml
    else:
        assert 'subType="xlf:i"' in xml and ">[^bdv]</data>" in xml and 'state="final"' in xml
        assert "glossEntry" in xml and "matchQuality" in xml
    # the URL of a link is never text a translator could edit
    fn = next(u for u in root.iter(f"{{{ns}}}{unit}") if u.get("id") == "fn-bdv")
    source = next(fn.iter(f"{{{ns}}}source"))
    assert "https://" not in "".join(source.itertext())


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_checking_our_export_finds_the_url_only_footnotes_translated(tmp_path, cli, version):
    # fn-bdv's Japanese is only <https://…>: an inline code with no text, yet a translation
    out = tmp_path / "doc.xlf"
    assert cli("xliff", "export", EXAMPLE, "-o", out, "--version", version)[0] == 0
    _code, text, _err = cli("check", out, "--format", "json")
    findings = json.loads(text)["findings"]
    assert [f["segment"] for f in findings if f["rule"] == "untranslated"] == []
    # it was read and checked (2.x: unit/segment)
    assert {f["segment"].split("/")[0] for f in findings} >= {"p1", "pillar-6"}


def test_export_prefills_exact_matches_for_review(tmp_path, cli):
    content = tmp_path / "doc.yaml"
    content.write_text(strip_japanese(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    for version, marker in (("1.2", 'state="needs-review-translation" state-qualifier="id-match"'),
                            ("2.1", 'state="translated" subState="bilingual:tm-context"')):
        out = tmp_path / f"doc-{version}.xlf"
        assert cli("xliff", "export", content, "-o", out, "--version", version)[0] == 0
        data = out.read_text(encoding="utf-8")
        assert marker in data
        assert schema_errors(data.encode(), version) == []


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_round_trip_fills_japanese_and_keeps_every_other_line(tmp_path, cli, version):
    original = EXAMPLE.read_text(encoding="utf-8")
    stripped = strip_japanese(original, keep={"p4"})
    content = tmp_path / "doc.yaml"
    content.write_text(stripped, encoding="utf-8")
    xlf = tmp_path / "doc.xlf"
    assert cli("xliff", "export", content, "-o", xlf, "--version", version)[0] == 0   # pre-filled from the TM
    code, _out, err = cli("xliff", "import", xlf, content, "-o", tmp_path / "out.yaml")
    assert code == 0, err
    merged = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert other_lines(stripped, merged)[0] == other_lines(stripped, merged)[1]
    assert merged.count("\n  ja:") + merged.count("\n    ja:") + merged.count("\n        ja:") == \
        original.count("\n  ja:") + original.count("\n    ja:") + original.count("\n        ja:")
    from bilingual.content.loader import load_document
    from bilingual.glossary.load import load_glossary

    g = load_glossary()
    want = {s.id: s.ja.plain for s in load_document(EXAMPLE, g).segments() if s.ja is not None}
    got = {s.id: s.ja.plain for s in load_document(tmp_path / "out.yaml", g).segments() if s.ja is not None}
    assert got == want
    # importing the same file again changes nothing: the file stays byte-identical
    code, _, err = cli("xliff", "import", xlf, tmp_path / "out.yaml")
    assert code == 0 and "merged 0 unit(s)" in err
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == merged


def _edit(xlf: Path, fn) -> None:
    text = xlf.read_text(encoding="utf-8")
    new = fn(text)
    assert new != text
    xlf.write_text(new, encoding="utf-8")


def _exported(tmp_path, cli, version="1.2") -> tuple[Path, Path]:
    content = tmp_path / "doc.yaml"
    content.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    xlf = tmp_path / "doc.xlf"
    assert cli("xliff", "export", content, "-o", xlf, "--version", version)[0] == 0
    return content, xlf


@pytest.mark.parametrize("version, dropped", [
    ("1.2", r'<x id="\d+" ctype="x-footnote-ref" equiv-text="\[\^bdv\]"/>'),
    ("2.1", r'<ph id="\d+" dataRef="d\d+" canDelete="no" equiv="\[\^bdv\]"/>')])
def test_dropped_footnote_code_is_a_located_error_and_nothing_is_written(tmp_path, cli, version, dropped):
    content, xlf = _exported(tmp_path, cli, version)
    before = content.read_bytes()
    text = xlf.read_text(encoding="utf-8")
    unit_start = text.index('id="p1"')
    if version != "1.2":
        unit_start = text.index("<segment", unit_start)        # past the TM matches
    target_start = text.index("<target", unit_start)
    m = re.compile(dropped).search(text, target_start)
    xlf.write_text(text[:m.start()] + text[m.end():], encoding="utf-8")
    line = text[:target_start].count("\n") + 1
    code, _out, err = cli("xliff", "import", xlf, content)
    assert code == 2
    assert re.match(rf"{re.escape(str(xlf))}:{line}:\d+: error: unit p1: .*drops inline code .*\[\^bdv\]", err)
    assert content.read_bytes() == before


def test_extra_code_unknown_unit_stale_source_and_other_document_are_refused(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "1.2")
    before = content.read_bytes()
    original = xlf.read_text(encoding="utf-8")
    cases = [
        (lambda t: t.replace('state="final">フュージョンエネルギーは、',
                             'state="final"><x id="99"/>フュージョンエネルギーは、', 1),
         "not a code of the source"),
        (lambda t: t.replace('<trans-unit id="p2"', '<trans-unit id="p2-renamed"', 1), "unknown unit id"),
        (lambda t: t.replace("<source xml:lang=\"en\">Fusion energy could provide",
                             "<source xml:lang=\"en\">Fusion power could provide", 1), "stale-translation"),
        (lambda t: t.replace('original="doe-mext-fusion-2024"', 'original="another-document"', 1),
         "is for document 'another-document'"),
    ]
    for fn, message in cases:
        xlf.write_text(original, encoding="utf-8")
        _edit(xlf, fn)
        code, _out, err = cli("xliff", "import", xlf, content)
        assert code == 2, (message, err)
        assert re.match(rf"{re.escape(str(xlf))}:\d+:\d+: error: .*{re.escape(message)}", err), err
        assert content.read_bytes() == before


def test_moved_codes_crlf_cdata_and_reserialised_prefixes_are_accepted(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "2.1")
    root = etree.parse(str(xlf)).getroot()
    # re-serialise with a prefix on the core namespace, CDATA and CRLF, as other tools do
    text = etree.tostring(root, encoding="unicode")
    text = text.replace('xmlns="urn:oasis:names:tc:xliff:document:2.0"',
                        'xmlns:x="urn:oasis:names:tc:xliff:document:2.0"')
    text = re.sub(r"<(/?)(?!gls:|mtc:)([A-Za-z]+)([ />])", r"<\1x:\2\3", text)
    text = text.replace("これは、社会的及び経済的に大きな便益をもたらし得る。",
                        "<![CDATA[これは、社会的及び経済的に大きな便益を]]>もたらし得る&#x3002;")
    text = text.replace("\n", "\r\n")
    xlf.write_text(text, encoding="utf-8", newline="")
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "merged 0 unit(s)" in err          # the same Japanese: nothing to change


def test_extra_code_refused_then_edited_target_merged_in_its_block_style(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "1.2")
    before = content.read_text(encoding="utf-8")
    _edit(xlf, lambda t: t.replace("本パートナーシップは、以下の柱に重点を置くことを意図する。",
                                   "本パートナーシップは、以下の<g id=\"1\" ctype=\"bold\">柱</g>に重点を置く。", 1))
    # the unit has no code of its own: an extra code is refused
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 2 and "not a code of the source" in err
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('<g id="1" ctype="bold">柱</g>', "柱"), encoding="utf-8")
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    after = content.read_text(encoding="utf-8")
    assert "    ja: >-\n      本パートナーシップは、以下の柱に重点を置く。\n" in after
    assert other_lines(before, after)[0] == other_lines(before, after)[1]


def _p1_italic(text: str) -> str:
    """p1's target with the source's third italic code put back around the Japanese strategy's title."""
    return text.replace("並びに日本の「フュージョンエネルギー・イノベーション戦略」",
                        "並びに日本の「<g id=\"5\" ctype=\"italic\">"
                        "フュージョンエネルギー・イノベーション戦略</g>」", 1)


def test_emphasis_may_move_into_the_japanese_quotes(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "1.2")
    _edit(xlf, _p1_italic)
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "日本の「*フュージョンエネルギー・イノベーション戦略*」[^ja-strategy]" in content.read_text(encoding="utf-8")


def test_emphasis_markdown_cannot_hold_is_dropped_with_a_warning(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "1.2")
    # around the brackets, before a letter: CommonMark reads no emphasis there
    _edit(xlf, lambda t: t.replace("並びに日本の「フュージョンエネルギー・イノベーション戦略」",
                                   "並びに日本の<g id=\"5\" ctype=\"italic\">"
                                   "「フュージョンエネルギー・イノベーション戦略」</g>の", 1))
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "warning: unit p1: emphasis" in err
    text = content.read_text(encoding="utf-8")
    assert "日本の「フュージョンエネルギー・イノベーション戦略」の[^ja-strategy]" in text


def test_multi_segment_unit_and_several_files(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "2.1")
    text = xlf.read_text(encoding="utf-8")
    # a CAT tool split p2 into two segments
    start = text.index('<unit id="p2">')
    seg = text.index("<segment", start)
    end = text.index("</segment>", seg) + len("</segment>")
    block = text[seg:end]
    src = re.search(r"<source>(.*?)</source>", block, re.S).group(1)
    trg = re.search(r"<target>(.*?)</target>", block, re.S).group(1)
    s1, s2 = src.split(" This could deliver")
    t1, t2 = trg.split("これは、")
    split = (f'<segment id="s1" state="final"><source>{s1}</source><target>{t1}</target></segment>'
             f'<ignorable><source> </source></ignorable>'
             f'<segment id="s2" state="final"><source>This could deliver{s2}</source>'
             f'<target>これは、改訂{t2}</target></segment>')
    xlf.write_text(text[:seg] + split + text[end:], encoding="utf-8")
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "merged 1 unit(s)" in err
    assert "これは、改訂社会的及び経済的に" in content.read_text(encoding="utf-8")


def test_xliff_12_with_several_files_and_trados_segments(tmp_path, cli):
    content, xlf = _exported(tmp_path, cli, "1.2")
    text = xlf.read_text(encoding="utf-8")
    # Trados: mrk mtype="seg" inside the target, sdl: attributes
    text = text.replace('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"',
                        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"')
    text = text.replace('state="final">本パートナーシップは、以下の柱に重点を置くことを意図する。</target>',
                        'state="final"><mrk mtype="seg" mid="1" sdl:conf="Translated">'
                        '本パートナーシップは、以下の柱に重点を置く。</mrk></target>')
    # the body split over two <file> elements
    cut = text.index('<trans-unit id="p4"')
    head = text[text.index("<file"):text.index("<body>") + len("<body>")]
    text = text[:cut] + "</body></file>" + head + text[cut:]
    xlf.write_text(text, encoding="utf-8")
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "    ja: >-\n      本パートナーシップは、以下の柱に重点を置く。\n" in content.read_text(encoding="utf-8")


def test_translate_toolkit_reads_our_exports(tmp_path, cli):
    pytest.importorskip("translate.storage.xliff")
    from translate.storage import xliff, xliff2

    for version, store_class in (("1.2", xliff.xlifffile), ("2.0", xliff2.Xliff2File), ("2.1", xliff2.Xliff2File)):
        _, xlf = _exported(tmp_path, cli, version)
        store = store_class.parsestring(xlf.read_bytes())
        # translate-toolkit names a unit "<file>\x04<unit id>" (1.2) or "<unit id>" / "<unit>::<segment>" (2.x)
        units = {u.getid().split("\x04")[-1].split("::")[0]: u for u in store.units if u.source}
        assert {"title", "p1", "p2", "fn-bdv"} <= set(units), sorted(units)
        p2 = units["p2"]
        assert p2.source.startswith("Fusion energy could provide")
        assert p2.target.startswith("フュージョンエネルギーは")


def test_translate_toolkit_reserialised_file_is_accepted(tmp_path, cli):
    pytest.importorskip("translate.storage.xliff")
    from translate.storage import xliff

    content, xlf = _exported(tmp_path, cli, "1.2")
    store = xliff.xlifffile.parsestring(xlf.read_bytes())
    for unit in store.units:
        if unit.getid().split("\x04")[-1] == "pillars-intro":
            unit.target = "本パートナーシップは、次の柱に重点を置く。"
    xlf.write_bytes(bytes(store))
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "    ja: >-\n      本パートナーシップは、次の柱に重点を置く。\n" in content.read_text(encoding="utf-8")


# the project of test_tm_omegat, without sentence segmentation: our TMX holds whole segments
OMEGAT_PROJECT = PROJECT.replace("<sentence_seg>true</sentence_seg>", "<sentence_seg>false</sentence_seg>")
assert OMEGAT_PROJECT != PROJECT


def test_omegat_translates_our_xliff_12_and_we_import_it(tmp_path, cli):
    omegat = require_tool("omegat")
    original = EXAMPLE.read_text(encoding="utf-8")
    stripped = strip_japanese(original)
    content = tmp_path / "doc.yaml"
    content.write_text(stripped, encoding="utf-8")
    project = tmp_path / "project"
    for d in ("source", "target", "tm/auto", "glossary", "omegat", "dictionary"):
        (project / d).mkdir(parents=True)
    (project / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    store = tmp_path / "tm.sqlite"
    assert cli("tm", "harvest", EXAMPLE, "--tm", store)[0] == 0
    assert cli("tm", "export", project / "tm" / "auto" / "bilingual.tmx", "--tm", store)[0] == 0
    # exported without our own pre-fill: the Japanese must come from OmegaT
    xlf = project / "source" / "doc.xlf"
    assert cli("xliff", "export", content, "-o", xlf, "--version", "1.2", "--tm", empty_tmx(tmp_path / "e.tmx"))[0] == 0
    assert schema_errors(xlf.read_bytes(), "1.2") == []
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), JAVA_TOOL_OPTIONS="-Djava.awt.headless=true")
    run = subprocess.run([omegat, "--mode=console-translate", "--no-team", f"--config-dir={tmp_path / 'config'}",
                          str(project)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "TF_TM_LOAD_ERROR" not in run.stderr
    returned = project / "target" / "doc.xlf"
    code, _out, err = cli("xliff", "import", returned, content, "--report", "json")
    assert code == 0, err
    n = int(re.search(r"merged (\d+) unit", err).group(1))
    assert n >= 10                               # the segments without inline codes came back translated
    merged = content.read_text(encoding="utf-8")
    assert other_lines(stripped, merged)[0] == other_lines(stripped, merged)[1]
    assert "ja: フュージョンエネルギーは、低炭素で、" in merged
    from bilingual.content.loader import load_document
    from bilingual.glossary.load import load_glossary

    g = load_glossary()
    want = {s.id: s.ja.plain for s in load_document(EXAMPLE, g).segments() if s.ja is not None}
    got = {s.id: s.ja.plain for s in load_document(content, g).segments() if s.ja is not None}
    assert got and all(want[k] == v for k, v in got.items())


def test_post_edit_report_bands_and_document_scores(tmp_path, cli):
    import csv
    import io
    import json

    content, xlf = _exported(tmp_path, cli, "1.2")
    _edit(xlf, lambda t: t.replace("state=\"final\">本パートナーシップは、以下の柱に重点を置くことを意図する。",
                                   "state=\"final\">本パートナーシップは、以下の柱に重点を置くことを意図している。", 1))
    code, out, err = cli("xliff", "import", xlf, content, "-o", tmp_path / "out.yaml", "--report", "json")
    assert code == 0, err
    report = json.loads(out[out.index("{"):])
    units = {u["unit"]: u for u in report["units"]}
    edited = units["pillars-intro"]
    assert edited["distance"] == 3 and edited["band"] == "85-94"        # する → している: 3 of 32 characters
    assert units["p2"]["band"] == "100" and units["p2"]["distance"] == 0
    assert 0 < report["chrf"] < 100 and report["ter"] > 0
    assert report["chrf_signature"].startswith("nrefs:1|") and "asian:yes" in report["ter_signature"]
    code, out, err = cli("xliff", "import", xlf, content, "-o", tmp_path / "out2.yaml", "--report", "csv")
    rows = list(csv.DictReader(io.StringIO(out[out.index("unit,band"):])))
    assert {r["unit"]: r["band"] for r in rows}["pillars-intro"] == "85-94"


@pytest.mark.parametrize("version, pair", [
    ("1.2", ('<bx id="b5" rid="5" ctype="italic"/>', '<ex id="e5" rid="5"/>')),
    ("2.1", ('<sc id="5" dataRef="d1"/>', '<ec startRef="5" dataRef="d1"/>')),
])
def test_paired_codes_written_as_start_and_end_markers_are_accepted(tmp_path, cli, version, pair):
    """Tools rewrite <g>/<pc> as bx/ex (1.2) or sc/ec (2.x); the same emphasis comes back."""
    content, xlf = _exported(tmp_path, cli, version)
    start, end = pair
    _edit(xlf, lambda t: t.replace("並びに日本の「フュージョンエネルギー・イノベーション戦略」",
                                   f"並びに日本の「{start}フュージョンエネルギー・イノベーション戦略{end}」", 1)
          if version == "1.2" else
          t[:t.index("<segment", t.index('<unit id="p1"'))] +
          t[t.index("<segment", t.index('<unit id="p1"')):].replace(
              "並びに日本の「フュージョンエネルギー・イノベーション戦略」",
              f"並びに日本の「{start}フュージョンエネルギー・イノベーション戦略{end}」", 1))
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 0, err
    assert "日本の「*フュージョンエネルギー・イノベーション戦略*」[^ja-strategy]" in content.read_text(encoding="utf-8")
    # an end marker before its start is broken nesting: refused, nothing written
    before = content.read_bytes()
    _edit(xlf, lambda t: t.replace(start, "@@").replace(end, start).replace("@@", end))
    code, _, err = cli("xliff", "import", xlf, content)
    assert code == 2 and ("out of order" in err or "never closed" in err), err
    assert content.read_bytes() == before


_PC3 = '<pc id="3" dataRefStart="d1" dataRefEnd="d1" type="fmt" subType="xlf:i"'
_PH4 = '<ph id="4" dataRef="d3" canDelete="no" equiv="[^intl-partnerships]"/>'


@pytest.mark.parametrize("marks", ["firstNo/no", None, "yes/yes"])
def test_a_move_the_file_forbids_is_refused_and_a_free_move_is_merged(tmp_path, cli, marks):
    """canReorder (2.x): p1's second strategy title and its footnote reference are one non-reorderable
    sequence when the file says so; moving the reference before the title is then refused."""
    content, xlf = _exported(tmp_path, cli, "2.1")
    before = content.read_bytes()
    text = xlf.read_text(encoding="utf-8")
    seg = text.index("<segment", text.index('<unit id="p1"'))
    head, body = text[:seg], text[seg:]
    if marks:
        first, then = marks.split("/")
        body = body.replace(_PC3, f'{_PC3} canReorder="{first}" canCopy="no" canDelete="no"', 2)
        body = body.replace(_PH4, _PH4.replace(" equiv=", f' canCopy="no" canReorder="{then}" equiv='), 2)
    # the translator puts the footnote reference after the Japanese title, before the English in brackets
    m = re.search(r'（(<pc id="3"[^>]*>[^<]*</pc>)）(<ph id="4"[^>]*/>)', body)
    assert m and "<target>" in body[:m.start()]
    body = body[:m.start()] + m.group(2) + "（" + m.group(1) + "）" + body[m.end():]
    moved = head + body
    xlf.write_text(moved, encoding="utf-8")
    code, _, err = cli("xliff", "import", xlf, content)
    if marks == "firstNo/no":
        at = len(head) + m.start()
        line = moved[:at].count("\n") + 1
        col = at - (moved.rfind("\n", 0, at) + 1) + 1
        assert moved[at:].startswith('<ph id="4"')
        assert code == 2
        assert re.match(rf"{re.escape(str(xlf))}:{line}:{col}: error: unit p1 target: code 4 may not move", err), err
        assert content.read_bytes() == before
    else:
        assert code == 0, err
        assert "「フュージョン開発の新時代における国際パートナーシップ戦略」[^intl-partnerships]" \
               "（*Strategy for International Partnerships in a New Era of Fusion Development*）、" \
               in content.read_text(encoding="utf-8")


def test_canreorder_rule_agrees_with_the_oasis_suites():
    """The official valid file moving whole sequences and codes between them passes; the two invalid
    files that move a code into or out of a sequence are refused at that code."""
    from bilingual.formats.xliff_merge import reorder_fault

    for suite in ("oasis-2.1-test-suite", "oasis-2.2-test-suite"):
        core = SHARED / "interop" / "samples" / "xliff" / suite / "core"
        faults = {}
        for name in ("valid/withReorderedCodes.xlf", "invalid/bad_WrongReordering1.xlf",
                     "invalid/bad_WrongReordering2.xlf"):
            root = etree.parse(str(core / name)).getroot()
            faults[name] = [(f[0].get("id"), f[0].sourceline)
                            for seg in root.iter("{*}segment")
                            if (f := reorder_fault(seg.find("{*}source"), seg.find("{*}target")))]
        assert faults == {"valid/withReorderedCodes.xlf": [],
                          "invalid/bad_WrongReordering1.xlf": [("3", 17)],
                          "invalid/bad_WrongReordering2.xlf": [("2", 16)]}
