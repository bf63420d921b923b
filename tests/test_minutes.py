"""The ccfe-minutes kind: loading and validation, checks on every text, the three layouts,
and what LibreOffice shows of the example minutes."""
from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_tool

from bilingual.content.loader import load_document
from bilingual.content.minutes import minutes_of
from bilingual.render import LAYOUTS, render_document

MINUTES = EXAMPLES / "ccfe-minutes-example.yaml"


@pytest.fixture(scope="module")
def doc(glossary):
    return load_document(MINUTES, glossary)


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# a small valid document; tests replace pieces of it
SMALL = """\
kind: ccfe-minutes
id: small
meeting: 3
date: 2024-04-10
time: {start: "10:00", end: "12:00"}
options: {ja_era: true}
co_chairs: [sample, yamada]
delegations:
  - side: japan
    members:
      - {id: yamada, family: {en: Yamada, ja: 山田}, given: {en: Taro, ja: 太郎}, affiliation: mext}
  - side: us
    members:
      - {id: sample, family: {en: Sample, ja: サンプル}, given: {en: Jordan, ja: ジョーダン}, affiliation: doe}
agenda:
  - title: {en: Opening, ja: 開会}
    actions:
      - {owner: [doe, yamada], due: 2024-05-01, en: Report., ja: 報告する。}
"""


# ---------------------------------------------------------------- loading

def test_every_text_of_the_example_is_a_segment(doc):
    ids = [s.id for s in doc.segments()]
    assert len(ids) == len(set(ids))
    roles = {s.role for s in doc.segments()}
    assert {"title", "place", "name", "person-title", "affiliation", "agenda-title", "discussion", "list item",
            "decision", "action", "next-meeting", "footnote"} <= roles
    by_id = {s.id: s for s in doc.segments()}
    assert by_id["yamada-name"].en.plain == "YAMADA Taro" and by_id["yamada-name"].ja.plain == "山田太郎"
    assert by_id["sample-name"].en.plain == "Jordan Sample"
    assert by_id["sample-name"].ja.plain == "ジョーダン・サンプル"
    assert by_id["title"].en.plain == "Minutes of the 45th Meeting of the Coordinating Committee on Fusion Energy"
    assert by_id["title"].ja.plain == "第45回日米核融合調整委員会議事要旨"
    assert by_id["partnership-action-1"].en.plain.startswith("Draft the terms of reference")
    m = minutes_of(doc)
    assert list(m.delegations) == ["us", "japan"]
    assert [p.id for p in m.co_chairs] == ["sample", "yamada"]
    assert [len(i.actions) for i in m.agenda] == [0, 1, 2, 0]
    assert m.next_meeting.number == 46


def test_the_example_checks_clean(cli):
    code, out, err = cli("check", "--format", "gcc", MINUTES)
    assert code == 0 and " error: " not in out, out + err


def test_a_finding_in_a_name_points_at_the_file(tmp_path, cli):
    """A name is composed (given・family in Japanese) but each character keeps its place in the file."""
    text = SMALL.replace("family: {en: Sample, ja: サンプル}", "family: {en: Sample, ja: ｻﾝﾌﾟﾙ}")
    path = write(tmp_path, text)
    _code, out, _ = cli("check", "--format", "gcc", path)
    lines = text.splitlines()
    line = next(i for i, x in enumerate(lines, 1) if "ｻﾝﾌﾟﾙ" in x)
    col = lines[line - 1].index("ｻﾝﾌﾟﾙ") + 1
    assert re.search(rf"{re.escape(str(path))}:{line}:{col}: warning: .*\[ja-width\]", out), out


def test_every_text_is_checked(tmp_path, cli):
    """A forbidden term in a person's title, an untranslated name, a wrong number in an action item."""
    text = SMALL.replace("affiliation: mext}",
                         "affiliation: mext, title: {concept: mext-minister, "
                         "en: 'Minister of Education, Sports, Science and Technology', ja: 文部科学大臣}}")
    text = text.replace("given: {en: Jordan, ja: ジョーダン}", "given: {en: Jordan}")
    text = text.replace("family: {en: Sample, ja: サンプル}", "family: {en: Sample}")
    text = text.replace("en: Report., ja: 報告する。", "en: Report 3 items., ja: 4件を報告する。")
    path = write(tmp_path, text)
    tm = tmp_path / "empty.sqlite"       # a TM of our own: whatever the starter TM holds fills no name here
    from bilingual.tm.sqlite import SQLiteStore

    SQLiteStore(tm).close()
    code, out, _ = cli("check", "--format", "gcc", path, "--tm", tm)
    assert code == 1
    lines = text.splitlines()
    title_line = next(i for i, x in enumerate(lines, 1) if "Sports, Science" in x)
    name_line = next(i for i, x in enumerate(lines, 1) if "id: sample" in x)
    action_line = next(i for i, x in enumerate(lines, 1) if "Report 3" in x)
    col = lines[title_line - 1].index("Minister of Education, Sports") + 1
    assert re.search(rf":{title_line}:{col}: error: .*\[term-forbidden\]", out), out
    assert re.search(rf":{name_line}:\d+: error: .*\[untranslated\]", out), out
    assert re.search(rf":{action_line}:\d+: error: .*\[number-mismatch\]", out), out


def test_japanese_names_in_english_can_be_given_first(tmp_path, glossary):
    path = write(tmp_path, SMALL.replace("options: {ja_era: true}",
                                         "options: {ja_era: true, japanese_names_in_english: given-first}"))
    names = {s.id: s for s in load_document(path, glossary).segments()}
    assert names["yamada-name"].en.plain == "Taro Yamada" and names["yamada-name"].ja.plain == "山田太郎"


BAD = [
    ("meeting: 3", "meeting: 0", "'meeting' is the meeting's number"),
    ("meeting: 3", "meeting: third", "'meeting' is the meeting's number"),
    ('end: "12:00"', 'end: "9:00"', "the meeting ends before it starts"),
    ('start: "10:00"', 'start: "10h"', "time '10h': write it as HH:MM"),
    ("side: japan", "side: uk", "side 'uk': expected one of us, japan"),
    ("co_chairs: [sample, yamada]", "co_chairs: [sample, tanaka]", "no person with id 'tanaka'"),
    ("owner: [doe, yamada]", "owner: [doe, nobody]", "owner 'nobody': neither a person's id"),
    ("affiliation: mext}", "affiliation: ministry}", "unknown concept 'ministry'"),
    ("- {id: sample,", "- {id: yamada,", "person id 'yamada': is used twice"),
    ("due: 2024-05-01", "due: 2024-13-01", "date '2024-13-01': there is no month 13"),
    ("options: {ja_era: true}", "options: {ja_era: yes please}", "'ja_era' must be true or false"),
    ("options: {ja_era: true}", "options: {ja_era: true, record: transcript}", "record 'transcript': expected summary"),
    ("title: {en: Opening, ja: 開会}", "titel: {en: Opening, ja: 開会}", "unknown key 'titel'"),
    ("agenda:\n  - title", "agendas:\n  - title", "unknown key 'agendas'"),
]


@pytest.mark.parametrize(("record", "heading"), [(None, "第3回日米核融合調整委員会議事要旨"),
                                                ("summary", "第3回日米核融合調整委員会議事要旨"),
                                                ("outline", "第3回日米核融合調整委員会議事概要"),
                                                ("verbatim", "第3回日米核融合調整委員会議事録")])
def test_the_record_type_names_the_japanese_heading(tmp_path, glossary, record, heading):
    """MEXT calls a summary 議事要旨, an outline 議事概要 and only a verbatim record 議事録; English says Minutes."""
    text = SMALL if record is None else SMALL.replace("options: {ja_era: true}",
                                                      f"options: {{ja_era: true, record: {record}}}")
    title = next(s for s in load_document(write(tmp_path, text), glossary).segments() if s.id == "title")
    assert title.ja.plain == heading
    assert title.en.plain == "Minutes of the 3rd Meeting of the Coordinating Committee on Fusion Energy"


@pytest.mark.parametrize(("old", "new", "message"), BAD)
def test_bad_minutes_are_one_located_error(tmp_path, cli, old, new, message):
    text = SMALL.replace(old, new, 1)
    assert text != SMALL
    path = write(tmp_path, text)
    code, _out, err = cli("check", path)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    m = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): error: (.*)", err.strip())
    assert m and message in m.group(3), err
    changed = [i for i, x in enumerate(text.splitlines(), 1) if new.split("\n")[0] in x]
    assert int(m.group(1)) == changed[-1], err           # the line that was changed


@pytest.mark.parametrize(("where", "old", "new"), [
    ("the meeting", "date: 2024-04-10", "date: 1872-12-31"),
    ("an action", "due: 2024-05-01", "due: 1872-12-31"),
])
def test_a_date_before_1873_with_the_era_option_is_a_located_error(tmp_path, cli, where, old, new):
    text = SMALL.replace(old, new)
    path = write(tmp_path, text)
    code, _, err = cli("build", "-o", tmp_path / "out", path)
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "1872-12-31" in x)
    col = text.splitlines()[line - 1].index("1872-12-31") + 1
    assert code == 2, where
    assert err.strip() == (f"{path}:{line}:{col}: error: date 1872-12-31 is before 1873-01-01 (Meiji 6, when Japan "
                           "adopted the Gregorian calendar): it has no Japanese era date; turn off options: ja_era "
                           "or correct the date")
    assert not (tmp_path / "out").exists()
    # without the era option the same date is a plain date
    path = write(tmp_path, text.replace("options: {ja_era: true}", "options: {ja_era: false}"), "gregorian.yaml")
    assert cli("check", path)[0] != 2


# ---------------------------------------------------------------- the three layouts

@pytest.fixture(scope="module")
def built(doc) -> dict[str, bytes]:
    return {layout: render_document(doc, layout) for layout in LAYOUTS}


def cell_texts(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_attendance_and_action_tables(built):
    import docx

    en = docx.Document(io.BytesIO(built["en"]))
    header, attendance, actions, next_meeting = en.tables
    assert cell_texts(header)[0][0] == "Date and time"
    assert cell_texts(header)[0][1] == "Tuesday, March 18, 2025, 9:30\u202fAM\u2009–\u20095:00\u202fPM"
    assert cell_texts(header)[2] == ["Co-chairs", "Jordan Sample (DOE) and YAMADA Taro (MEXT)"]
    rows = cell_texts(attendance)
    assert rows[0] == ["Name", "Title", "Affiliation"]
    assert rows[1] == ["U.S. Delegation"] * 3            # one cell across the table
    assert rows[2] == ["Jordan Sample (Co-chair)", "Associate Director for Fusion Energy Sciences",
                       "Department of Energy"]
    assert rows[5] == ["Japanese Delegation"] * 3
    assert rows[6][0] == "YAMADA Taro (Co-chair)"
    assert cell_texts(actions)[0] == ["No.", "Action", "Owner", "Due date"]
    assert cell_texts(actions)[1][0] == "2.1" and cell_texts(actions)[1][2:] == ["DOE and MEXT", "June 30, 2025"]
    assert cell_texts(actions)[3][2] == "Alex Example and SATO Hanako"
    assert cell_texts(next_meeting)[0] == ["Meeting", "46th Meeting"]

    ja = docx.Document(io.BytesIO(built["ja"]))
    header, attendance, actions, next_meeting = ja.tables
    assert cell_texts(header)[0] == ["日時", "令和7年3月18日（火） 9時30分～17時00分"]
    assert cell_texts(header)[2] == ["共同議長", "ジョーダン・サンプル（DOE）、山田太郎（文部科学省）"]
    rows = cell_texts(attendance)
    assert rows[0] == ["氏名", "所属", "役職"]
    assert rows[6] == ["山田太郎（共同議長）", "文部科学省", "大臣官房審議官（研究開発局担当）"]
    assert cell_texts(actions)[0] == ["番号", "事項", "担当", "期限"]
    assert cell_texts(actions)[1][2:] == ["DOE、文部科学省", "令和7年6月30日"]
    assert cell_texts(next_meeting)[:2] == [["会合", "第46回会合"], ["日程", "令和8年3月10日（火）"]]


def test_agenda_headings_are_numbered(built):
    import zipfile

    from lxml import etree
    with zipfile.ZipFile(io.BytesIO(built["en"])) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    headings = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading2']", namespaces=ns)
    assert len(headings) == 4
    nums = {h.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=ns) for h in headings}
    assert len(nums) == 1 and nums != {""}


def test_parallel_rows_pair_the_languages(built):
    import docx

    table = docx.Document(io.BytesIO(built["parallel"])).tables[0]
    rows = cell_texts(table)
    assert rows[0] == ["English", "日本語"]          # the column headings, repeated on every page
    assert rows[1] == ["Minutes of the 45th Meeting of the Coordinating Committee on Fusion Energy",
                       "第45回日米核融合調整委員会議事要旨"]
    assert ["Attendees", "出席者"] in rows and ["Action items", "アクションアイテム"] in rows
    assert ["SATO Hanako, Director for International Nuclear and Fusion Energy Affairs, Ministry of Education, "
            "Culture, Sports, Science and Technology",
            "佐藤花子\u3000文部科学省\u3000研究開発戦略官（核融合・原子力国際協力担当）"] in rows


def test_build_writes_three_files(cli, tmp_path):
    code, _out, err = cli("build", "-o", tmp_path, MINUTES)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ccfe-45-example.en.docx", "ccfe-45-example.ja.docx", "ccfe-45-example.parallel.docx"]


# ---------------------------------------------------------------- LibreOffice → PDF → pdftotext

@pytest.fixture(scope="session")
def minutes_pdfs(tmp_path_factory, glossary) -> dict[str, str]:
    """One LibreOffice conversion per layout, each with its own user profile; the PDFs' text."""
    exe = require_tool("libreoffice")
    pdftotext = require_tool("pdftotext")
    doc = load_document(MINUTES, glossary)
    out = tmp_path_factory.mktemp("minutes-pdf")
    texts = {}
    for layout in LAYOUTS:
        path = out / f"minutes.{layout}.docx"
        path.write_bytes(render_document(doc, layout))
        profile = tmp_path_factory.mktemp(f"lo-minutes-{layout}")
        subprocess.run([exe, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
        pdf = out / f"minutes.{layout}.pdf"
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {layout}"
        # -layout keeps the page's rows in order (a table's cells side by side on one line)
        texts[layout] = subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                                       capture_output=True, text=True).stdout
    return texts


def squeeze(s: str) -> str:
    return "".join(s.split())


def in_order(text: str, *parts: str) -> bool:
    at = -1
    for part in parts:
        at = text.find(squeeze(part), at + 1)
        if at < 0:
            return False
    return True


def test_libreoffice_shows_english_minutes(minutes_pdfs):
    seen = squeeze(minutes_pdfs["en"])
    assert in_order(seen, "Minutes of the 45th Meeting", "Date and time", "Tuesday, March 18, 2025", "9:30 AM",
                    "Venue", "Co-chairs", "Jordan Sample (DOE) and YAMADA Taro (MEXT)",
                    "Attendees", "Name", "Title", "Affiliation", "U.S. Delegation", "Jordan Sample",
                    "Japanese Delegation", "YAMADA Taro", "SATO Hanako", "SUZUKI Ichiro",
                    "Agenda", "Opening of the meeting", "Decisions", "Closing of the meeting",
                    "Action items", "No.", "Action", "Owner", "Due date", "2.1", "DOE and MEXT", "June 30, 2025",
                    "Next meeting", "46th Meeting", "Tuesday, March 10, 2026")
    assert "TaroYamada" not in seen and "令和" not in seen and "山田" not in seen


def test_libreoffice_shows_japanese_minutes(minutes_pdfs):
    seen = squeeze(minutes_pdfs["ja"])
    assert in_order(seen, "第45回日米核融合調整委員会議事要旨", "日時", "令和7年3月18日（火）", "9時30分～17時00分",
                    "場所", "文部科学省（東京）", "共同議長", "ジョーダン・サンプル（DOE）、山田太郎（文部科学省）",
                    "出席者", "氏名", "所属", "役職", "米国側", "日本側", "山田太郎（共同議長）",
                    "佐藤花子", "鈴木一郎",
                    "議題", "開会", "決定事項", "閉会",
                    "アクションアイテム", "番号", "事項", "担当", "期限", "DOE、文部科学省", "令和7年6月30日",
                    "次回会合", "第46回会合", "令和8年3月10日（火）")
    assert "YAMADA" not in seen and "2025年" not in seen.replace("2025年度", "")


def test_libreoffice_shows_parallel_minutes(minutes_pdfs):
    seen = squeeze(minutes_pdfs["parallel"])
    for part in ("Minutes of the 45th Meeting", "第45回日米核融合調整委員会", "YAMADA Taro (Co-chair)",
                 "山田太郎（共同議長）", "DOE and MEXT", "DOE、文部科学省", "June 30, 2025", "令和7年6月30日",
                 "Illustrative example", "実際の会合の記録ではない"):
        assert squeeze(part) in seen, part


def test_an_official_name_followed_by_its_city_is_no_near_miss(tmp_path, cli):
    """'Ministry of Education, Culture, Sports, Science and Technology, Tokyo' names MEXT whole; the same line
    with one word of the name wrong is a near miss."""
    import json

    _, out, _ = cli("check", "--format", "json", MINUTES)
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "term-near-miss"]
    text = MINUTES.read_text(encoding="utf-8")
    assert "Science and Technology, Tokyo" in text
    slipped = tmp_path / "slip.yaml"
    slipped.write_text(text.replace("Sports, Science and Technology, Tokyo", "Sport, Science and Technology, Tokyo", 1),
                       encoding="utf-8")
    _code, out, _ = cli("check", "--format", "json", slipped)
    assert [f["rule"] for f in json.loads(out)["findings"]].count("term-near-miss") == 1
