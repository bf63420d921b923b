"""`bilingual check --format html`: one self-contained QA report, opened in a real headless browser."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, SEED_HEADING, require_tool
from lxml import html as lxml_html

#: a real professional translation (U.S. Embassy 仮翻訳), with the seed's heading (an error) beside it
PAIR = ROOT / "tests" / "corpus" / "real" / "dev" / "pair-01-fca-fact-sheet-2014.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    from bilingual.cli import main

    out = tmp_path_factory.mktemp("html") / "report.html"
    code = main(["check", "--format", "html", "-o", str(out), str(EXAMPLE), str(PAIR), str(SEED_HEADING)])
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        json_code = main(["check", "--format", "json", str(EXAMPLE), str(PAIR), str(SEED_HEADING)])
    assert code == json_code                    # the same verdict whatever the format
    return out, json.loads(buffer.getvalue())


def test_the_report_is_one_file_that_needs_nothing_else(report):
    path, _ = report
    text = path.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert not tree.xpath("//script[@src] | //link | //img | //iframe | //*[@style and contains(@style, 'url(')]")
    assert "@import" not in text


def test_every_finding_is_in_the_margin_of_its_segment_and_counted(report):
    path, data = report
    tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    shown = tree.xpath("//div[contains(@class, 'finding')]")
    assert len(shown) == len(data["findings"]) > 0
    counts = {}
    for f in data["findings"]:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    table = {row.xpath("string(td[1])").strip(): int(row.xpath("string(td[3])"))
             for row in tree.xpath("//table[@id='rules']/tbody/tr")}
    assert table == counts
    suggested = [f for f in data["findings"] if f.get("suggestion")]
    for f in suggested:
        assert f"→ {f['suggestion']}" in path.read_text(encoding="utf-8")


def test_glossary_terms_are_marked_in_both_languages_as_pairs(report):
    path, _ = report
    tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    marks = tree.xpath("//mark[contains(@class, 'term')]")
    pairs: dict[str, set[str]] = {}
    for m in marks:
        lang = m.xpath("string(ancestor::td/@lang)")
        pairs.setdefault(m.get("data-pair"), set()).add(lang)
    both = [p for p, langs in pairs.items() if langs == {"en", "ja"}]
    assert any(p.endswith(":doe") for p in both) and any(p.endswith(":mext") for p in both)
    first = tree.xpath("//tr[td/code='p1']")[0]
    assert "Department of Energy" in first.xpath("string(td[@lang='en']//mark[contains(@data-pair, ':doe')])")
    assert "エネルギー省" in first.xpath("string(td[@lang='ja']//mark[contains(@data-pair, ':doe')])")


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    exe = require_tool("chromium")
    return subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=120)


def test_chromium_opens_it_without_console_errors_and_the_filters_work(report, tmp_path):
    path, data = report
    errors = {(f["path"], f["segment"]) for f in data["findings"] if f["severity"] == "error"}
    assert errors
    run = chromium(["--dump-dom", path.as_uri() + "#severity=error&only"], tmp_path / "profile")
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console
    dom = lxml_html.fromstring(run.stdout)
    visible = dom.xpath("//table[@id='segments']/tbody/tr[not(contains(@class, 'hidden'))]")
    seen = {(re.sub(r":\d+$", "", tr.xpath("string(td[1]/text()[1])")), tr.xpath("string(td[1]/code)"))
            for tr in visible}
    assert seen == errors
    for tr in visible:                       # only the error findings are left in the margin
        shown = tr.xpath(".//div[contains(@class, 'finding')][not(contains(@class, 'hidden'))]")
        assert {d.get("data-sev") for d in shown} \
            == {"error"}


def test_terminal_output_underlines_no_further_than_the_terminal_is_wide(monkeypatch):
    from bilingual.checks.model import Finding
    from bilingual.checks.report import as_text

    monkeypatch.setenv("COLUMNS", "60")
    sentence = "米国エネルギー省及び文部科学省は、フュージョンエネルギーの実証と商業化を加速する。" * 3
    f = Finding("untranslated", "error", "no Japanese", "a.yaml", 3, 5, 3, 5 + len(sentence),
                context=sentence, start=0, end=len(sentence))
    lines = as_text([f], 1, 1).splitlines()
    width = lambda s: sum(2 if ord(c) > 0x2E7F else 1 for c in s)  # noqa: E731
    text, carets = lines[2], lines[3]
    assert width(text) <= 60 and text.rstrip().endswith("…")
    assert set(carets.strip()) == {"^"} and width(carets) == width(text)
