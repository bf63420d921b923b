"""Hostile content YAML: bombs, huge scalars, control and hidden characters, encodings, line ends, links.

Every case either loads with positions that point at the right characters,
or is refused with one located line (exit 2), or becomes a finding: never a
traceback, never a hang, never a silently matched or missed term.
"""
from __future__ import annotations

import json
import re

import pytest

HEAD = ("kind: joint-statement\nid: t\ndate: 2024-04-10\nparties: [doe, mext]\n"
        "title: {en: Title, ja: 表題}\nbody:\n")
MEXT_EN = "Ministry of Education, Culture, Sports, Science and Technology"


def doc(tmp_path, body: str, name: str = "doc.yaml", newline: str = "\n", bom: bool = False):
    text = (HEAD + body).replace("\n", newline)
    p = tmp_path / name
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return p


def lines_of(path) -> list[str]:
    """The file's lines as an editor shows them: CRLF, LF and lone CR all end a line."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    return re.split(r"\r\n|\r|\n", text)


def small_glossary(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("concepts:\n  - id: fe\n    en: [{term: fusion energy, status: preferred}]\n"
                 "    ja:\n      - {term: フュージョンエネルギー, status: preferred}\n"
                 "      - {term: 融合エネルギー, status: deprecated}\n"
                 "  - {id: doe, en: [{term: DOE}], ja: [{term: 米国エネルギー省}]}\n"
                 "  - {id: mext, en: [{term: MEXT}], ja: [{term: 文部科学省}]}\n", encoding="utf-8")
    return g


def findings(cli, path, *extra: str) -> tuple[int, list[dict], str]:
    code, out, err = cli("check", path, "--format", "json", *extra)
    return code, json.loads(out)["findings"] if out.strip() else [], err


def at(path, f: dict) -> str:
    line = lines_of(path)[f["line"] - 1]
    assert f["end_line"] == f["line"]
    return line[f["column"] - 1:f["end_column"] - 1]


# ------------------------------------------------------------------ YAML bombs


def test_billion_laughs_yaml_is_refused_before_it_is_composed_and_located(tmp_path, cli, monkeypatch):
    import yaml

    bomb = "".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    p = tmp_path / "bomb.yaml"
    p.write_text("x0: &a0 [lol]\n" + bomb, encoding="utf-8")
    composed = []
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: composed.append(1))    # refused on the event stream
    code, out, err = cli("check", p)
    assert composed == []
    assert code == 2
    assert re.fullmatch(rf"{re.escape(str(p))}:\d+:\d+: error: more than 32 YAML aliases\n", err)
    assert "Traceback" not in out + err


def test_deeply_nested_yaml_is_refused(tmp_path, cli):
    p = tmp_path / "deep.yaml"
    p.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = cli("check", p)
    assert code == 2                                 # libyaml or our own depth limit: either wording
    assert err.startswith(f"{p}:1:") and err.count("\n") == 1 and ": error: " in err


def test_nested_anchor_chain_is_refused_at_the_33rd_alias(tmp_path, cli):
    body = "".join(f"k{i}: &n{i} {{v: *n{i - 1}}}\n" for i in range(1, 40))
    p = tmp_path / "chain.yaml"
    p.write_text("k0: &n0 x\n" + body, encoding="utf-8")
    code, _, err = cli("check", p)
    assert code == 2
    assert err.startswith(f"{p}:34:") and "aliases" in err


def test_an_enormous_scalar_is_refused_at_its_place(tmp_path, cli):
    """2.8 MB in one scalar (in block style: no line over the limit) is over the segment limit
    (``limits.MAX_SEGMENT_CHARS``): refused where it starts instead of minutes of checking."""
    big = "\n      ".join(["fusion energy " * 1000] * 200)
    p = doc(tmp_path, f"  - id: p1\n    en: >-\n      {big.strip()}\n    ja: フュージョンエネルギー\n")
    code, _out, err = cli("check", p, "--format", "gcc", "--select", "term-missing,hidden-character")
    assert code == 2
    assert err.startswith(f"{p}:8:9: error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, cli, monkeypatch):
    from bilingual.content import loader

    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    p = doc(tmp_path, "  - id: p1\n    en: " + "x" * 2000 + "\n")
    code, _, err = cli("check", p)
    assert code == 2 and err.startswith(f"{p}:1:1: error: file is ") and "limited to 1000" in err


# ------------------------------------------------------------------ encodings


def test_invalid_utf8_is_located_at_the_byte(tmp_path, cli):
    p = tmp_path / "bad.yaml"
    p.write_bytes((HEAD + "  - id: p1\n    en: caf").encode() + b"\xe9" + b" x\n")
    code, _, err = cli("check", p)
    assert code == 2
    assert err == f"{p}:8:12: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n"


def test_shift_jis_content_is_refused_with_advice(tmp_path, cli):
    p = tmp_path / "sjis.yaml"
    p.write_bytes((HEAD + "  - id: p1\n    en: x\n    ja: 文部科学省\n").encode("cp932"))
    code, _, err = cli("check", p)
    assert code == 2 and err == f"{p}:5:24: error: not valid UTF-8 (byte 0x95); save the file as UTF-8\n"


def test_unpaired_surrogate_escape_is_refused_with_its_place(tmp_path, cli):
    p = doc(tmp_path, '  - id: p1\n    en: x\n    ja: "文部\\ud800科学省"\n')
    code, _, err = cli("check", p)
    assert code == 2
    line, col = map(int, err.split(":")[1:3])
    assert (line == 9 and lines_of(p)[8][col - 1:].startswith("\\ud800")) or col >= 9
    assert "invalid YAML" in err


def test_raw_control_characters_are_refused_with_their_place(tmp_path, cli):
    p = tmp_path / "ctl.yaml"
    p.write_bytes((HEAD + "  - id: p1\n    en: 文部a\x07b\n").encode())
    code, _, err = cli("check", p)
    assert code == 2 and err.startswith(f"{p}:8:12: error: invalid YAML: character U+0007 is not allowed")
    assert err.count("\n") == 1


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_findings_point_at_the_term_whatever_the_line_ends_and_bom(tmp_path, cli, newline, bom):
    body = ("  - id: p1\n    en: The Ministry of Education, Sports, Science and Technology\n"
            "    ja: 文部科学省\n"
            "  - id: p2\n    en: >-\n      folded text that goes on\n      about the Ministry of Education,\n"
            "      Sports, Science and Technology here\n    ja: 文部科学省\n")
    p = doc(tmp_path, body, newline=newline, bom=bom)
    code, found, err = findings(cli, p, "--select", "term-forbidden")
    assert code == 1, err
    starts = [(f["line"], f["column"]) for f in found]
    assert starts == [(8, 13), (13, 17)]
    assert at(p, found[0]) == "Ministry of Education, Sports, Science and Technology"
    assert lines_of(p)[12][16:].startswith("Ministry of Education,")


def test_mixed_line_ends_keep_every_line_number_right(tmp_path, cli):
    body = ("  - id: p1\n    en: x\n    ja: 融合エネルギー\n"
            "  - id: p2\n    en: y\n    ja: 'ここでも融合エネルギー'\n")
    text = HEAD + body
    parts = text.split("\n")
    ends = ["\r\n", "\n", "\r"]
    mixed = "".join(part + ends[k % 3] for k, part in enumerate(parts[:-1])) + parts[-1]
    p = tmp_path / "mixed.yaml"
    p.write_bytes(mixed.encode())
    g = small_glossary(tmp_path)
    code, found, err = findings(cli, p, "-g", g, "--select", "term-forbidden")
    assert code == 1, err
    assert [at(p, f) for f in found] == ["融合エネルギー", "融合エネルギー"]
    assert [f["line"] for f in found] == [9, 12]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_fix_keeps_line_ends_and_bom(tmp_path, cli, newline):
    body = ("  - id: p1\n    en: The Ministry of Education, Sports, Science and Technology\n    ja: 文部科学省\n"
            "  - id: p2\n    en: 'Again the Ministry of Education, Sports, Science and Technology'\n"
            "    ja: 文部科学省\n")
    p = doc(tmp_path, body, newline=newline, bom=True)
    before = len(lines_of(p))
    code, _, err = cli("check", p, "--fix", "--select", "term-forbidden")
    assert code == 0, err
    assert err == "fixed 2 term(s)\n"
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(newline.encode()) == before - 1 and len(lines_of(p)) == before
    assert f"The {MEXT_EN}{newline}".encode() in data and f"Again the {MEXT_EN}'{newline}".encode() in data


def test_utf16_content_positions_count_characters(tmp_path, cli):
    body = "  - id: p1\n    en: x\n    ja: 𠮷と融合エネルギー\n"
    p = tmp_path / "u16.yaml"
    p.write_bytes((HEAD + body).encode("utf-16"))
    code, found, err = findings(cli, p, "-g", small_glossary(tmp_path), "--select", "term-forbidden")
    assert code == 1, err
    assert (found[0]["line"], found[0]["column"]) == (9, 11)
    assert found[0]["column_utf16"] == 12          # 𠮷 is two UTF-16 code units


def test_utf16_columns_stay_right_with_lone_cr_line_ends(tmp_path, cli):
    p = doc(tmp_path, "  - id: p1\n    en: x\n    ja: 𠮷と融合エネルギー\n", newline="\r")
    code, found, err = findings(cli, p, "-g", small_glossary(tmp_path), "--select", "term-forbidden")
    assert code == 1, err
    assert (found[0]["line"], found[0]["column"], found[0]["column_utf16"]) == (9, 11, 12)


# ------------------------------------------------------------------ hidden characters


@pytest.mark.parametrize("hidden,name", [
    ("\u200b", "ZERO WIDTH SPACE"),
    ("\u200d", "ZERO WIDTH JOINER"),
    ("\u2060", "WORD JOINER"),
    ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
    ("\u00ad", "SOFT HYPHEN"),
])
def test_hidden_character_inside_a_japanese_term_is_an_error_naming_the_term(tmp_path, cli, hidden, name):
    escaped = f"\\u{ord(hidden):04x}"
    p = doc(tmp_path, f'  - id: p1\n    en: {MEXT_EN}\n    ja: "文部{escaped}科学省"\n')
    code, found, err = findings(cli, p)
    hidden_found = [f for f in found if f["rule"] == "hidden-character"]
    assert code == 1, err
    assert len(hidden_found) == 1
    f = hidden_found[0]
    assert f["severity"] == "error" and name in f["message"] and "'文部科学省'" in f["message"]
    assert at(p, f) == escaped                       # the escape as written in the file
    # and the term is neither silently matched as the preferred term nor silently missed
    assert not any(g["rule"] == "term-missing" for g in found) or hidden_found


def test_hidden_character_written_raw_is_located_at_its_column(tmp_path, cli):
    split = MEXT_EN.replace("Culture", "Cul\u200dture")
    p = doc(tmp_path, f"  - id: p1\n    en: The {split}\n    ja: 文部科学省\n")
    code, found, _ = findings(cli, p, "--select", "hidden-character")
    assert code == 1
    (f,) = found
    assert at(p, f) == "\u200d" and "inside the term" in f["message"]


def test_hidden_character_outside_terms_is_still_reported(tmp_path, cli):
    p = doc(tmp_path, '  - id: p1\n    en: "abc\\u202edef"\n    ja: あいう\n')
    _, found, _ = findings(cli, p, "--select", "hidden-character")
    assert len(found) == 1 and "inside the term" not in found[0]["message"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in found[0]["message"]


def test_ordinary_text_has_no_hidden_character_finding(tmp_path, cli):
    p = doc(tmp_path, "  - id: p1\n    en: \"tab\\there, a new\\nline, an IVS 葛\U000E0100\"\n"
                      "    ja: 「タブ」と全角スペース\u3000です\n")
    _, found, _ = findings(cli, p, "--select", "hidden-character")
    assert found == []


def test_every_hidden_character_is_found_in_ordinary_text():
    """The check first asks ``has_hidden`` (str.isprintable, in C): for every code point, written between
    words, full-width spaces and line ends, it must agree with ``is_hidden``, the rule the findings use."""
    from bilingual.text.chars import has_hidden, is_hidden

    wrong = [hex(c) for c in range(0x110000) if has_hidden(f"a b\u3000{chr(c)}\n\tc") != is_hidden(chr(c))]
    assert wrong == []


def test_a_hidden_character_that_python_calls_printable_is_reported(tmp_path, cli):
    p = doc(tmp_path, '  - id: p1\n    en: "a\u3164b"\n    ja: 「あ」\u3000と\u3164い\n')
    _, found, _ = findings(cli, p, "--select", "hidden-character")
    assert [f["lang"] for f in found] == ["en", "ja"] and "HANGUL FILLER" in found[1]["message"]


def test_hidden_character_rule_is_in_the_catalog_and_can_be_ignored(tmp_path, cli):
    from bilingual.checks.registry import catalog

    assert catalog()["hidden-character"].severity == "error" and catalog()["hidden-character"].monolingual
    p = doc(tmp_path, '  - id: p1\n    en: "a\\u200bb"\n    ja: あ  # bilingual: ignore[hidden-character]\n')
    _, found, _ = findings(cli, p, "--select", "hidden-character")
    assert found == []


def test_hidden_characters_in_plain_text_inputs_too(tmp_path, cli):
    p = tmp_path / "note.txt"
    p.write_text("文部\u200b科学省の発表。\n", encoding="utf-8")
    code, found, _ = findings(cli, p, "--lang", "ja", "--select", "hidden-character")
    assert code == 1 and found[0]["line"] == 1 and found[0]["column"] == 3


def test_is_hidden_classifies_characters():
    from bilingual.checks.hidden import describe, is_hidden

    for ch in "\u200b\u200c\u200d\u2060\ufeff\u202a\u202e\u2066\u2069\u200e\u200f\x00\x1b\x7f\ud800\ufffe\U000e0041":
        assert is_hidden(ch), repr(ch)
    for ch in "a あ\t\n\u3000、\U000E0100":
        assert not is_hidden(ch), repr(ch)
    assert describe("\ud800") == "U+D800 UNPAIRED SURROGATE"


# ------------------------------------------------------------------ links


@pytest.mark.parametrize("target", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "JaVaScRiPt:x",
                                    "vbscript:x"])
@pytest.mark.parametrize("form", ["[text]({})", "<{}>"])
def test_links_other_than_http_https_mailto_are_refused_at_their_place(tmp_path, cli, target, form):
    link = form.format(target)
    p = doc(tmp_path, f"  - id: p1\n    en: \"see {link} here\"\n    ja: x\n")
    code, _, err = cli("check", p)
    assert code == 2
    m = re.fullmatch(rf"{re.escape(str(p))}:(\d+):(\d+): error: link target '(.*)': only http, https and mailto "
                     r"links are allowed\n", err)
    assert m, err
    assert lines_of(p)[int(m.group(1)) - 1][int(m.group(2)) - 1:].startswith(target)


@pytest.mark.parametrize("link", ["[t](https://x.org/a)", "<https://x.org>", "[m](mailto:a@b.org)"])
def test_allowed_links_load(tmp_path, cli, link):
    p = doc(tmp_path, f"  - id: p1\n    en: \"see {link} here\"\n    ja: \"{link}を参照\"\n")
    code, _, err = cli("check", p, "--select", "hidden-character")
    assert code == 0, err


def test_utf16_with_an_unpaired_surrogate_is_refused(tmp_path, cli):
    p = tmp_path / "u16.yaml"
    p.write_bytes("\ufeffkind: x\n".encode("utf-16-le") + b"\x00\xd8" + "\n".encode("utf-16-le"))
    code, _, err = cli("check", p)
    assert code == 2 and err.startswith(f"{p}:1:1: error: invalid UTF-16") and err.count("\n") == 1


@pytest.mark.parametrize("written", ["&#x202E;", "&#8238;", "\u202e"])
def test_hidden_character_in_xliff_points_at_what_is_written(tmp_path, cli, written):
    target = f"文部{written}科学省"
    p = tmp_path / "t.xlf"
    p.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                 'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="en" target-language="ja" '
                 'datatype="plaintext" original="x"><body>\n<trans-unit id="1">\n'
                 f"<source>{MEXT_EN}</source>\n<target>{target}</target>\n</trans-unit>\n</body></file></xliff>\n",
                 encoding="utf-8")
    code, found, err = findings(cli, p, "--select", "hidden-character")
    assert code == 1, err
    (f,) = found
    line = lines_of(p)[f["line"] - 1]
    assert line[f["column"] - 1:f["end_column"] - 1] == written and "'文部科学省'" in f["message"]


@pytest.mark.parametrize("args", [
    ("check", "{fifo}"), ("check", "/dev/zero", "--lang", "en"), ("tm", "import", "{fifo}", "--tm", "{tmp}/s.sqlite"),
    ("check", "--tm", "{fifo}", "{doc}"), ("check", "-g", "{fifo}", "{doc}"),
    ("build", "{doc}", "-o", "{tmp}/out", "--template", "{fifo}"),
])
def test_pipes_and_devices_are_refused_not_read_forever(tmp_path, args):
    """A named pipe called doc.yaml, or /dev/zero, would block or fill memory if read."""
    import os
    import subprocess
    import sys

    from conftest import EXAMPLE, ROOT

    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    argv = [a.format(fifo=fifo, tmp=tmp_path, doc=EXAMPLE) for a in args]
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-m", "bilingual", *argv], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 2
    culprit = "/dev/zero" if "/dev/zero" in argv else str(fifo)
    assert proc.stderr.startswith(f"{culprit}:1:1: error: ") and proc.stderr.count("\n") == 1
    assert "not a regular file (a pipe, device or socket)" in proc.stderr
    assert "Traceback" not in proc.stderr


# ------------------------------------------------------------------ algorithmic complexity

HOSTILE_UNITS = ["*a", "[^a] ", "<http://a", "http://a.org/x ", "a@b.co ", "あ,い.", "(", ")", "（[「)", "’s‘",
                 "1,000 ", "二十一世紀", "2024年4月10日 ", "令和6年", "April 10, 2024 ", "the the ", "をを",
                 "フュージョンエネルギー",
                 "fusion energy ", "DOE MEXT ", "ｱｲｳＡＢＣ", "・", "\u200b", "a" * 50 + " "]


def _check(unit: str, n: int, session) -> list:
    """Check ``unit`` repeated to ``n`` characters as one segment: its findings (None: refused inline markup)."""
    from bilingual.content.inline import InlineError, parse_inline
    from bilingual.content.model import Segment

    raw = (unit * (n // len(unit) + 1))[:n]
    try:
        text = parse_inline(raw, {"a"})
    except InlineError:
        return None
    return session.check_segments("t.yaml", [Segment("p1", text, parse_inline(raw, {"a"}))], None, False)


@pytest.mark.parametrize("unit", HOSTILE_UNITS, ids=[repr(u)[1:12] for u in HOSTILE_UNITS])
def test_hostile_text_is_checked_to_the_end(unit):
    """Each hostile pattern, 24,000 characters of it, is checked (or refused) without error, and the
    findings on 8× the text are not fewer than on the text: nothing gives up part way.

    (Whether time grows linearly — five quadratic paths were found and fixed: the e-mail pattern,
    footnote references, URL spans in the style checks, claimed spans in the number checks, bracket
    pairs — is measured by ``bench/hostile_linearity.py``, not asserted here.)
    """
    from bilingual.app.session import Options, Session

    session = Session(Options())
    small, large = _check(unit, 3000, session), _check(unit, 24000, session)
    assert (small is None) == (large is None)
    if small is not None:
        assert len(large) >= len(small)


def test_stray_footnote_openers_are_refused_with_their_place(tmp_path, cli):
    """Many stray '[^' made the footnote parser quadratic (8,000 characters: seconds); one is a typo anyway."""
    p = doc(tmp_path, "  - id: p1\n    en: 'x [^a] and [^oops and more'\n    ja: x[^a]\n"
                      "footnotes:\n  a: {en: n, ja: 注}\n")
    code, _, err = cli("check", p)
    assert code == 2 and err == (f"{p}:8:21: error: '[^' opens no footnote reference [^label]; "
                                 "write \\[^ for the characters themselves\n")
    ok = doc(tmp_path, "  - id: p1\n    en: 'an escaped \\[^ is text [^a]'\n    ja: x[^a]\n"
                       "footnotes:\n  a: {en: n, ja: 注}\n", name="ok.yaml")
    assert cli("check", ok, "--select", "hidden-character")[0] == 0
