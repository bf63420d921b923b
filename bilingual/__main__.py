"""``python -m bilingual`` and the ``bilingual`` console script (``bilingual.__main__:run``)."""
from __future__ import annotations


def run() -> None:
    """``bilingual.cli.run`` with the cyclic garbage collector off from the first import on.

    Importing click, PyYAML and our modules makes tens of thousands of objects, and the collector would
    scan them again and again for nothing (about 3 ms of `bilingual check`); ``cli.main`` keeps it off
    while a command runs anyway (see there).
    """
    import gc

    gc.disable()
    from .cli import run as cli_run

    cli_run()


if __name__ == "__main__":
    run()
