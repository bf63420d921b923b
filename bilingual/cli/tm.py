"""`bilingual tm`: import, export, look up, analyse and harvest translation memories."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import TMOption

if TYPE_CHECKING:
    from ..app.config import Options
    from ..app.session import Checked
    from ..content.model import Document
    from ..tm.content import Pretranslation
    from ..tm.model import Match

_STORE = click.option("--tm", "tm", required=True, type=TMOption(dir_okay=False), envvar="BILINGUAL_TM",
                      help="The store to write: an SQLite file (created when missing) or a postgresql:// URL.")
_SOURCE = click.option("--tm", "tm", type=TMOption(exists=True), envvar="BILINGUAL_TM",
                       help="A TMX file, an SQLite store or a postgresql:// URL; the embedded starter TM by default.")


def _settings(tm: Path | str | None = None, glossaries: tuple[Path, ...] = ()) -> Options:
    """The command line merged over the configuration file (``--tm`` else the file's ``tm``)."""
    from ..app.config import settings

    return settings(tm=tm, glossaries=glossaries)


def _finite(param: click.Parameter, value: float) -> float:
    """``nan`` passes a FloatRange (every comparison with it is false): refused here."""
    import math

    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number from 0 to 100", param=param)
    return value


@click.group()
def tm() -> None:
    """Translation memory: TMX in and out, fuzzy lookup, concordance, leverage analysis, harvest."""


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_STORE
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal, for large files).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
              help="Only units `bilingual align` was at least this sure of (TUs without a confidence are kept).")
def import_(files: tuple[Path, ...], tm: Path | str, progress: bool | None, min_confidence: float | None) -> int:
    """Import TMX files, or alignments (`bilingual align` YAML/TSV), into a store: one transaction per file."""
    from contextlib import ExitStack

    from ..app.tm import import_files

    with ExitStack() as bars:
        def bar_for(f: Path) -> Callable[[int], None] | None:
            size = f.stat().st_size
            if not (progress if progress is not None else (sys.stderr.isatty() and size > 5_000_000)):
                return None
            from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

            bars.close()                       # the previous file's bar
            bar = bars.enter_context(Progress("[progress.description]{task.description}", BarColumn(),
                                              DownloadColumn(), TimeRemainingColumn(), transient=True))
            task = bar.add_task(f"importing {f.name}", total=size)
            return lambda done: bar.update(task, completed=done)

        for f, result, skipped in import_files(files, tm, bar_for, min_confidence):
            bars.close()
            extra = "" if skipped is None else f", {skipped} below the confidence asked for or with one side empty"
            click.echo(f"{f}: {result.added} TU(s) added, {result.updated} updated, {result.unchanged} already there"
                       + extra)
    return 0


@tm.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_SOURCE
@click.option("--srclang", default="en-US", show_default=True, help="srclang of the TMX header.")
def export(out: Path, tm: Path | str | None, srclang: str) -> int:
    """Export a store as TMX 1.4b (every TU as it was imported, with the approval the store holds)."""
    from ..app.tm import export as run

    n = run(out, _settings(tm), srclang)
    click.echo(f"wrote {out} ({n} TUs)")
    return 0


def _match_json(m: Match, lang: str) -> dict[str, object]:
    return {"score": m.score, "kind": m.kind, "source": m.tu.text(lang), "target": m.target,
            "substituted": m.substituted, "document": m.tu.doc, "segment": m.tu.seg, "id": m.tu.id,
            "diff": [list(d) for d in m.diff]}


@tm.command()
@click.argument("text")
@_SOURCE
@click.option("--lang", type=click.Choice(["en", "ja"]), help="Language of TEXT (guessed by default).")
@click.option("-n", "--limit", default=5, show_default=True, help="How many matches.")
@click.option("--min", "min_score", default=75.0, show_default=True, type=click.FloatRange(0, 100),
              callback=lambda ctx, param, v: _finite(param, v), help="Lowest score shown (0–100).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def lookup(text: str, tm: Path | str | None, lang: str | None, limit: int, min_score: float, fmt: str) -> int:
    """Best matches for TEXT, with score and a word-level diff ([-TM-]{+query+})."""
    from ..app.tm import lookup as run
    from ..tm.fuzzy import format_diff

    lang, matches = run(text, _settings(tm), lang, limit, min_score)
    if fmt == "json":
        click.echo(json.dumps({"query": text, "lang": lang, "matches": [_match_json(m, lang) for m in matches]},
                              ensure_ascii=False, indent=2))
        return 0
    if not matches:
        click.echo("no match")
    for m in matches:
        where = f"  [{m.tu.doc}/{m.tu.seg}]" if m.tu.doc else ""
        click.echo(f"{m.score:5.1f}% {m.kind}{where}")
        click.echo(f"  source: {m.tu.text(lang)}")
        if m.diff:
            click.echo(f"  diff:   {format_diff(m.diff)}")
        click.echo(f"  target: {m.target}" + ("  (numbers substituted)" if m.substituted else ""))
    return 0


@tm.command()
@click.argument("phrase")
@_SOURCE
@click.option("--lang", type=click.Choice(["en", "ja"]), help="Language of PHRASE (guessed by default).")
@click.option("-n", "--limit", default=20, show_default=True)
def concordance(phrase: str, tm: Path | str | None, lang: str | None, limit: int) -> int:
    """TUs whose EN or JA contains PHRASE, with the other language beside it."""
    from ..app.tm import concordance as run

    lang, hits = run(phrase, _settings(tm), lang, limit)
    other = "ja" if lang == "en" else "en"
    if not hits:
        click.echo("no match")
    for t in hits:
        click.echo(f"{t.text(lang)}\n  {t.text(other)}")
    return 0


_GLOSSARY = click.option("--glossary", "-g", "glossaries", multiple=True, type=click.Path(exists=True, path_type=Path),
                         help="Glossary YAML (repeatable); the embedded glossary by default.")


@tm.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_SOURCE
@_GLOSSARY
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def analyze(paths: tuple[Path, ...], tm: Path | str | None, glossaries: tuple[Path, ...], fmt: str) -> int:
    """Leverage: segments, EN words and JA characters per match band."""
    from ..app.tm import analyze as run

    rows = run(paths, _settings(tm, glossaries))
    if fmt == "json":
        click.echo(json.dumps({"bands": rows}, indent=2))
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(f"{'band':<12} {'segments':>8} {'EN words':>9} {'JA chars':>9}")
        for r in rows:
            click.echo(f"{r['band']:<12} {r['segments']:>8} {r['en_words']:>9} {r['ja_chars']:>9}")
    return 0


@tm.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_STORE
@_GLOSSARY
def harvest(paths: tuple[Path, ...], tm: Path | str, glossaries: tuple[Path, ...]) -> int:
    """Add documents' approved EN–JA pairs, with document id, segment id, neighbours and date."""
    from ..app.tm import harvest as run

    for p, result in run(paths, tm, _settings(glossaries=glossaries)):
        click.echo(f"{p}: {result.added} pair(s) added, {result.updated} updated, {result.unchanged} unchanged")
    return 0


@tm.command()
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(tm: Path | str | None, fmt: str) -> int:
    """How many TUs, pairs and documents the TM holds."""
    from ..app.tm import stats as run

    s = run(_settings(tm))
    if fmt == "json":
        click.echo(json.dumps(s))
    else:
        for k, v in s.items():
            click.echo(f"{k:<10} {v}")
    return 0


@tm.command()
@click.argument("ids", nargs=-1, type=click.IntRange(min=1))
@_STORE
@click.option("--query", help="Also every TU whose text contains this phrase (as `tm concordance` finds them).")
@click.option("--lang", type=click.Choice(["en", "ja"]), help="Language of --query (guessed by default).")
@click.option("--revoke", is_flag=True, help="Withdraw the approval instead.")
def approve(ids: tuple[int, ...], tm: Path | str, query: str | None, lang: str | None, revoke: bool) -> int:
    """Approve TUs by id (`tm lookup --format json` and `tm show` give ids) or by --query; who and when are
    recorded (BILINGUAL_USER or the OS user; SOURCE_DATE_EPOCH or now)."""
    from ..app.tm import approve as run

    if not ids and query is None:
        raise click.UsageError("give the ids of the TUs to approve, or --query PHRASE")
    changed = run(tm, ids, query, lang, approved=not revoke)
    verb = "approval withdrawn from" if revoke else "approved"
    click.echo(f"{verb} {len(changed)} TU(s)" + (f": {', '.join(map(str, changed[:20]))}" if changed else "")
               + (" …" if len(changed) > 20 else ""))
    return 0


@tm.command()
@click.argument("id_", metavar="ID", type=click.IntRange(min=1))
@_SOURCE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(id_: int, tm: Path | str | None, fmt: str) -> int:
    """One TU with its provenance: who added it, when, from which file or document, and its approvals."""
    from ..app.tm import show as run

    tu, prov = run(id_, _settings(tm))
    origin = prov.origin if prov is not None else None
    approvals = prov.approvals if prov is not None else []
    if fmt == "json":
        click.echo(json.dumps({
            "id": tu.id, "en": tu.en, "ja": tu.ja, "document": tu.doc, "segment": tu.seg, "changed": tu.changed,
            "approved": tu.approved,
            "origin": None if origin is None else {"kind": origin.kind, "source": origin.source,
                                                   "who": origin.who, "at": origin.at},
            "approvals": [{"approved": a.approved, "who": a.who, "at": a.at} for a in approvals],
        }, ensure_ascii=False, indent=2))
        return 0
    rows = [("id", str(tu.id)), ("en", tu.en or ""), ("ja", tu.ja or "")]
    if tu.doc:
        rows.append(("segment", f"{tu.doc}/{tu.seg}"))
    if tu.changed:
        rows.append(("changed", tu.changed))
    rows.append(("approved", "yes" if tu.approved else "no"))
    if origin is None:
        rows.append(("origin", "not recorded (stored before provenance was kept)"))
    else:
        rows.append(("origin", f"{origin.kind}" + (f" {origin.source}" if origin.source else "")))
        rows.append(("added", f"by {origin.who}, {origin.at}"))
    for a in approvals:
        rows.append(("approval" if a.approved else "withdrawn", f"by {a.who}, {a.at}"))
    for k, v in rows:
        click.echo(f"{k:<10} {v}")
    return 0


def report_pretranslation(checked: Iterable[Checked], err: bool = True) -> None:
    """Tell the user which segments the TM filled and which fuzzy matches it suggests (never inserted)."""
    for c in checked:
        report_document(c.document, c.pretranslation, err)


def report_document(document: Document, p: Pretranslation | None, err: bool = True) -> None:
    from ..tm.fuzzy import format_diff

    if p is None:
        return
    for seg, m in p.filled:
        click.echo(f"{document.path}: {seg.id}: Japanese filled from the TM ({m.kind}, {m.score:g}%)", err=err)
    for seg, m in p.suggested:
        click.echo(f"{document.path}: {seg.id}: no Japanese; TM suggests ({m.score:g}%): {m.target}", err=err)
        if m.diff:
            click.echo(f"    diff: {format_diff(m.diff)}", err=err)


from .tm_evaluate import evaluate as _evaluate  # noqa: E402 - its own module (issue 16)

tm.add_command(_evaluate)
