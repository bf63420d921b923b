from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are reproducible: a fixed seed and no example database, in CI and in `scripts/test`.
# Long randomised runs: HYPOTHESIS_PROFILE=fuzz (scripts/fuzz); a failure found there becomes a regression test.
settings.register_profile("seeded", derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "seeded"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "templates" / "examples"
EXAMPLE = EXAMPLES / "joint-statement-2024.yaml"
SEED_HEADING = EXAMPLES / "joint-statement-2024-seed-heading.yaml"


def require_tool(name: str) -> str:
    """The path of an external program; skipped locally when absent, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; scripts/test (run by .ci/run) must install it")
        pytest.skip(f"{name} not installed")
    return path


class Cli:
    """Run `bilingual` in-process and capture what a user would see."""

    def __init__(self, capsys) -> None:
        self.capsys = capsys

    def __call__(self, *args: str):
        from bilingual.cli import main

        code = main([str(a) for a in args])
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def cli(capsys) -> Cli:
    return Cli(capsys)


@pytest.fixture(scope="session")
def glossary():
    from bilingual.glossary.load import load_glossary

    return load_glossary()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (tests/pg.py); skipped without PostgreSQL locally, a failure in CI."""
    from pg import Cluster, binaries

    where = binaries()
    problem = None
    if where is None:
        problem = "PostgreSQL is not installed (initdb not found)"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            problem = "psycopg is not installed"
    cluster = None
    if problem is None:
        try:
            cluster = Cluster(where)
        except (RuntimeError, OSError, KeyError) as exc:
            problem = f"cannot start a PostgreSQL cluster: {exc}"
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{problem}; scripts/test (run by .ci/run) must provide it")
        pytest.skip(problem)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A postgresql:// URL to an empty store (a new schema of the throwaway cluster)."""
    return pg_cluster.url()
