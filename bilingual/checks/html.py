"""The QA report a reviewer opens: one self-contained HTML file (no network, no external files).

Each segment is a row, English | Japanese side by side, with the glossary terms found in it
highlighted in both languages (clicking a term lights up its pair in the other language) and the
row's findings in the margin with their suggestions. Filters by rule and severity, and the count
of findings per rule, work in any browser with the file opened offline; a filtered view can be
linked (``report.html#severity=error&rule=term-missing&only``).

Pure formatting: the caller (``bilingual check --format html``) gives the rows and the findings.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from .model import Finding


@dataclass(frozen=True)
class Highlight:
    """A glossary term found in one language of a segment: ``[start, end)`` in its plain text."""

    lang: str
    start: int
    end: int
    concept: str
    status: str = "preferred"


@dataclass(frozen=True)
class Row:
    """One segment of one file."""

    path: str
    segment: str
    line: int
    en: str | None
    ja: str | None
    highlights: Sequence[Highlight] = field(default_factory=tuple)


_SEVERITIES = ("error", "warning", "info")


def as_html(rows: Sequence[Row], findings: Sequence[Finding], title: str = "bilingual QA report") -> str:
    """The whole report as one HTML document (UTF-8)."""
    by_row: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        by_row.setdefault((f.path, f.segment), []).append(f)
    known = {(r.path, r.segment) for r in rows}
    loose = [f for key, fs in by_row.items() if key not in known for f in fs]   # a file-level finding
    counts = Counter(f.rule for f in findings)
    severities = Counter(f.severity for f in findings)
    parts = [_HEAD.format(title=escape(title), css=_CSS),
             f"<h1>{escape(title)}</h1>",
             _summary(len({r.path for r in rows} | {f.path for f in findings}), len(rows), severities),
             _filters(counts, findings),
             "<table id='segments'><thead><tr><th>segment</th><th lang='en'>English</th>"
             "<th lang='ja'>日本語</th><th>findings</th></tr></thead><tbody>"]
    for f in loose:
        parts.append(_row_html(None, [f]))
    for i, row in enumerate(rows):
        parts.append(_row_html(row, by_row.get((row.path, row.segment), []), i))
    parts.append("</tbody></table>")
    parts.append(f"<script>{_JS}</script></body></html>\n")
    return "".join(parts)


def _summary(files: int, segments: int, severities: Counter) -> str:
    cells = "".join(f"<span class='count {s}'>{severities.get(s, 0)} {s}{'' if severities.get(s, 0) == 1 else 's'}"
                    f"</span>" for s in _SEVERITIES)
    return f"<p class='summary'>{files} file(s), {segments} segment(s): {cells}</p>"


def _filters(counts: Counter, findings: Sequence[Finding]) -> str:
    severity_of = {f.rule: f.severity for f in findings}
    sev = "".join(f"<label><input type='checkbox' class='sev' value='{s}' checked> {s}</label>" for s in _SEVERITIES)
    rules = "".join(
        f"<tr><td><label><input type='checkbox' class='rule' value='{escape(rule)}' checked> "
        f"<code>{escape(rule)}</code></label></td><td class='{severity_of[rule]}'>{severity_of[rule]}</td>"
        f"<td class='n'>{n}</td></tr>"
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return (f"<form id='filters'><fieldset><legend>severity</legend>{sev}"
            "<label><input type='checkbox' id='only-findings'> only segments with findings</label></fieldset>"
            f"<table id='rules'><thead><tr><th>rule</th><th>severity</th><th>findings</th></tr></thead>"
            f"<tbody>{rules}</tbody></table></form>")


def _row_html(row: Row | None, findings: list[Finding], index: int = -1) -> str:
    rules = " ".join(sorted({f.rule for f in findings}))
    sevs = " ".join(sorted({f.severity for f in findings}))
    notes = "".join(_finding_html(f) for f in findings)
    if row is None:
        f = findings[0]
        return (f"<tr class='seg' data-rules='{escape(rules)}' data-sevs='{sevs}'><td class='where'>"
                f"{escape(f.path)}:{f.line}</td><td colspan='2'></td><td class='findings'>{notes}</td></tr>")
    en = _marked(row.en, "en", row.highlights, index)
    ja = _marked(row.ja, "ja", row.highlights, index)
    return (f"<tr class='seg' data-rules='{escape(rules)}' data-sevs='{sevs}'>"
            f"<td class='where'>{escape(row.path)}:{row.line}<br><code>{escape(row.segment)}</code></td>"
            f"<td lang='en'>{en}</td><td lang='ja'>{ja}</td><td class='findings'>{notes}</td></tr>")


def _finding_html(f: Finding) -> str:
    suggestion = f" <span class='suggest'>→ {escape(f.suggestion)}</span>" if f.suggestion else ""
    return (f"<div class='finding {f.severity}' data-rule='{escape(f.rule)}' data-sev='{f.severity}'>"
            f"<span class='loc'>{f.line}:{f.column}</span> <code>{escape(f.rule)}</code> "
            f"{escape(f.message)}{suggestion}</div>")


def _marked(text: str | None, lang: str, highlights: Sequence[Highlight], row: int) -> str:
    """``text`` escaped, each highlight wrapped in a ``mark`` that names its concept (outermost first)."""
    if text is None:
        return "<span class='missing'>—</span>"
    out, at = [], 0
    for h in sorted((h for h in highlights if h.lang == lang), key=lambda h: (h.start, -h.end)):
        if h.start < at or h.end > len(text):
            continue                                   # overlapping or stale: the text is shown plain
        out.append(escape(text[at:h.start]))
        out.append(f"<mark class='term {escape(h.status)}' data-pair='{row}:{escape(h.concept)}' "
                   f"title='{escape(h.concept)} ({escape(h.status)})'>{escape(text[h.start:h.end])}</mark>")
        at = h.end
    out.append(escape(text[at:]))
    return "".join(out)


_HEAD = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
         "<meta name='viewport' content='width=device-width, initial-scale=1'>"
         "<title>{title}</title><style>{css}</style></head><body>")

_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}
table{border-collapse:collapse}
#segments{width:100%;table-layout:fixed}
#segments th,#segments td{border:1px solid #ccc;padding:.4em;vertical-align:top}
#segments th:nth-child(1){width:9em}#segments th:nth-child(4){width:28%}
td[lang=ja]{font-family:"Noto Serif CJK JP","MS Mincho",serif}
.where{font-size:.8em;color:#555;word-break:break-all}
.finding{font-size:.85em;margin-bottom:.3em;padding-left:.4em;border-left:4px solid #999}
.finding.error{border-color:#c00}.finding.warning{border-color:#d80}.finding.info{border-color:#06c}
td.error{color:#c00}td.warning{color:#b60}td.info{color:#06c}
.suggest{color:#060;font-weight:bold}
.loc{color:#777}
mark.term{background:#e8f0ff;border-bottom:2px solid #69c;cursor:pointer}
mark.term.proposed{border-bottom-style:dashed}
mark.term.deprecated,mark.term.superseded{background:#ffe4e4;border-bottom-color:#c00}
mark.term.linked{background:#ffd54f}
.missing{color:#c00}
.count{margin-right:1em}.count.error{color:#c00}.count.warning{color:#b60}.count.info{color:#06c}
#filters{margin:1em 0}#rules td{padding:.1em .6em}#rules td.n{text-align:right}
tr.hidden,div.finding.hidden{display:none}
"""

_JS = """
(function(){
  function apply(){
    var sevs={}, rules={};
    document.querySelectorAll('input.sev').forEach(function(i){sevs[i.value]=i.checked;});
    document.querySelectorAll('input.rule').forEach(function(i){rules[i.value]=i.checked;});
    var only=document.getElementById('only-findings').checked;
    document.querySelectorAll('#segments tr.seg').forEach(function(tr){
      var shown=0;
      tr.querySelectorAll('div.finding').forEach(function(d){
        var ok=sevs[d.dataset.sev]!==false && rules[d.dataset.rule]!==false;
        d.classList.toggle('hidden',!ok); if(ok){shown++;}
      });
      var has=tr.querySelectorAll('div.finding').length>0;
      tr.classList.toggle('hidden',(only||has)&&shown===0);
    });
  }
  // a filtered view can be linked: report.html#severity=error,warning&rule=term-missing&only
  var want={};
  location.hash.replace(/^#/,'').split('&').forEach(function(kv){
    if(kv){var p=kv.split('='); want[decodeURIComponent(p[0])]=p.length>1?decodeURIComponent(p[1]).split(','):true;}
  });
  if(want.severity){document.querySelectorAll('input.sev').forEach(function(i){
    i.checked=want.severity.indexOf(i.value)>=0;});}
  if(want.rule){document.querySelectorAll('input.rule').forEach(function(i){
    i.checked=want.rule.indexOf(i.value)>=0;});}
  if(want.only){document.getElementById('only-findings').checked=true;}
  document.querySelectorAll('#filters input').forEach(function(i){i.addEventListener('change',apply);});
  document.querySelectorAll('mark.term').forEach(function(m){
    m.addEventListener('click',function(){
      var on=!m.classList.contains('linked');
      document.querySelectorAll('mark.term.linked').forEach(function(x){x.classList.remove('linked');});
      if(on){document.querySelectorAll('mark.term[data-pair="'+m.dataset.pair+'"]').forEach(function(x){
        x.classList.add('linked');});}
    });
  });
  apply();
})();
"""
