"""`bilingual tm evaluate`: leave-one-out on a TM, per match band (see ``tm.evaluate``)."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--tm", "tm", required=True, type=click.Path(exists=True, path_type=Path),
              help="The TM to evaluate: a TMX file or an SQLite store.")
@click.option("--sample", type=click.IntRange(1), default=1000, show_default=True, help="How many TUs to look up.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=50.0, show_default=True,
              help="Lowest fuzzy score a lookup returns (below it a TU counts as new).")
@click.option("--seed", type=int, default=12345, show_default=True, help="Seed of the sample.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(tm: Path, sample: int, min_score: float, seed: int, fmt: str) -> int:
    """Leave-one-out: each sampled TU's best match from the rest of the TM, scored with chrF per band."""
    from ..tm.default import open_store
    from ..tm.evaluate import evaluate as run
    from ..tm.evaluate import render

    store = open_store(tm)
    try:
        click.echo(render(run(store, sample, min_score, seed), fmt), nl=False)
    finally:
        store.close()
    return 0
