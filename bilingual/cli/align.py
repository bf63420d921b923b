"""`bilingual align`: sentence-align an English document and its Japanese translation into TM units."""
from __future__ import annotations

from pathlib import Path

import click

FORMATS = ("tmx", "yaml", "tsv")


def _format_of(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".")
    return {"yml": "yaml"}.get(suffix, suffix) if suffix in ("tmx", "yaml", "yml", "tsv") else "tmx"


@click.command()
@click.argument("en_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("ja_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: TMX, YAML or TSV (by --format, else by its suffix).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from the suffix, else tmx).")
@click.option("--review", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a two-column review DOCX (low confidence shaded, gaps marked, reasons given).")
@click.option("--review-below", default=0.6, show_default=True, type=click.FloatRange(0.0, 1.0),
              help="Confidence under which a review row is shaded.")
@click.option("--glossary", "-g", "glossaries", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Glossary YAML file or folder (repeatable); the embedded glossary by default.")
@click.option("--tm", "tm", type=click.Path(exists=True, path_type=Path),
              help="TM (TMX or SQLite) for TM-hit anchors and the EN/JA length ratio; the starter TM by default.")
def align(en_file: Path, ja_file: Path, out: Path, fmt: str | None, review: Path | None, review_below: float,
          glossaries: tuple[Path, ...], tm: Path | None) -> int:
    """Align EN_FILE with its Japanese translation JA_FILE (DOCX, text, Markdown or PDF), sentence by sentence.

    Paragraphs are aligned first, then their sentences (1–1, 1–2, 2–1, 2–2, 1–0, 0–1), scored on
    length and on anchors both sides share: numbers and dates by value, URLs, acronyms, glossary
    terms and TM hits. Each unit carries a confidence; `bilingual tm import --min-confidence`
    keeps the sure ones.
    """
    from ..align import output
    from ..align.document import Aligner
    from ..glossary.load import load_glossary
    from ..text.sentences import MissingSplitter
    from ..tm.default import open_store

    fmt = _format_of(out, fmt)
    for target in (out, review):
        if target is not None and not target.resolve().parent.is_dir():
            raise click.ClickException(f"cannot write {target}: the folder {target.parent} does not exist")
    try:
        aligner = Aligner(load_glossary(list(glossaries) or None), open_store(tm))
        aligned = aligner.align_files(en_file, ja_file)
    except MissingSplitter as exc:
        raise click.ClickException(str(exc)) from None
    table = output.rows(aligned)
    review_data = output.review_docx(table, review_below, (str(en_file), str(ja_file))) if review else None
    try:
        n = output.write(table, out, fmt, (str(en_file), str(ja_file)))
        if review is not None and review_data is not None:
            from ..io.fsutil import write_atomic

            write_atomic(review, review_data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {exc.filename or out}: {exc.strerror or exc}") from None
    gaps = sum(1 for r in table if not r["en"] or not r["ja"])
    low = sum(1 for r in table if r["en"] and r["ja"] and r["confidence"] < review_below)
    kept = "units" if fmt != "tmx" else "TUs"
    click.echo(f"wrote {out}: {n} {kept} from {len(aligned.en)} EN / {len(aligned.ja)} JA sentences; "
               f"{low} below {review_below:.2f}, {gaps} sentence(s) with no counterpart"
               + (" (not in the TMX)" if fmt == "tmx" and gaps else ""))
    if review:
        click.echo(f"wrote {review}")
    return 0
