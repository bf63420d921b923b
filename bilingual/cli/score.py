"""`bilingual score`: chrF / chrF++ / BLEU / TER of translations of one document against a reference."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..app.score import METRICS

if TYPE_CHECKING:
    from ..app.score import Comparison
    from ..glossary.model import Glossary


@click.command()
@click.option("--ref", "ref", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The reference: content YAML, XLIFF, TMX or text with one segment per line.")
@click.argument("hyps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--metric", "name", type=click.Choice(METRICS), default="chrf", show_default=True,
              help="chrF needs no tokenizer; BLEU on Japanese uses ja-mecab (the 'ja' extra).")
@click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              help="The language scored (the Japanese of content YAML and TMX by default).")
@click.option("--ter-normalize", is_flag=True, help="TER: normalise; needed for Asian support to take effect.")
@click.option("--compare", is_flag=True, help="Paired bootstrap and approximate randomisation of each HYP "
                                              "against the first (sacrebleu's significance tests).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--segments", "show_segments", is_flag=True, help="Text output: also each segment's score.")
@click.option("--glossary", "-g", "glossaries", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Glossary for reading content YAML (the embedded one by default).")
def score(ref: Path, hyps: tuple[Path, ...], name: str, lang: str, ter_normalize: bool, compare: bool, fmt: str,
          show_segments: bool, glossaries: tuple[Path, ...]) -> int:
    """Score HYP… against --ref: corpus and per-segment scores with sacrebleu's signature.

    Inputs align by segment id (content YAML, XLIFF, TMX) or by line (text);
    different ids or counts are a located error.
    """
    from ..app.score import aligned, read_segments
    from ..app.score import compare as run_compare
    from ..app.score import score as run_score

    glossary: Glossary | None = None
    if any(p.suffix.lower() in (".yaml", ".yml") for p in (ref, *hyps)):
        from ..glossary.load import load_glossary

        glossary = load_glossary(list(glossaries) or None)
    reference = read_segments(ref, glossary, lang)
    systems = {str(h): aligned(reference, read_segments(h, glossary, lang)) for h in hyps}
    results = run_score(reference.texts, systems, name, lang, ter_normalize)
    significance: Comparison | None = None
    if compare:
        if len(hyps) < 2:
            raise click.UsageError("--compare needs two or more HYP files (the first is the baseline)")
        significance = run_compare(reference.texts, systems, name, lang, ter_normalize)
    if fmt == "json":
        click.echo(json.dumps({"metric": name, "reference": str(ref), "segments": len(reference.texts),
                               "ids": reference.keys,
                               "scores": [{"path": r.path, "score": round(r.score, 4), "signature": r.signature,
                                           "segments": r.segments} for r in results],
                               "compare": significance}, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        click.echo(f"{r.path}: {name} {r.score:.2f} ({r.signature})")
        if show_segments:
            for key, s in zip(reference.keys, r.segments, strict=False):
                click.echo(f"  {key}: {s:.2f}")
    if significance:
        click.echo(f"significance against {significance['baseline']} ({significance['signature_bs']}):")
        for path, row in significance["systems"].items():
            if path == significance["baseline"]:
                continue
            click.echo(f"  {path}: {row['score']:.2f}, bootstrap mean {row['bootstrap_mean']:.2f} "
                       f"± {row['bootstrap_ci']:.2f} (p = {row['bootstrap_p']:.4f}), "
                       f"approximate randomisation p = {row['ar_p']:.4f}")
    return 0
