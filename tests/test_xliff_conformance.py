"""Our XLIFF 2.1 export against the official Schematron; the OASIS test suites through our readers."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, SHARED
from schematron_xslt2 import failures, failures_each

SCH = SHARED / "interop" / "schemas" / "xliff" / "2.1"
SUITES = SHARED / "interop" / "samples" / "xliff"
VALID = sorted(SUITES.glob("oasis-2.*-test-suite/*/valid/**/*.xlf"))
INVALID = sorted(SUITES.glob("oasis-2.*-test-suite/*/invalid/**/*.xlf"))
TOOLS = sorted(p for d in ("1.2", "2.0") for p in (SUITES / d).iterdir())   # Trados, memoQ, Okapi, OmegaT files
# rules that reject official *valid* files (defects of the Schematron, found by running it on the suite)
KNOWN_DEFECTIVE = {"xliff_core_2.1.sch": {"F13S"}, "matches.sch": {"mtc2"}, "glossary.sch": {"gls3"}}


@pytest.mark.parametrize("sch", ["xliff_core_2.1.sch", "matches.sch", "glossary.sch"])
def test_our_export_passes_the_official_schematron(tmp_path, cli, sch):
    valid_21 = [p for p in VALID if "oasis-2.1" in str(p)]
    skipped = set()
    for found in failures_each(SCH / sch, [p.read_bytes() for p in valid_21]):
        skipped |= {line.split(":")[0][len("FAIL "):] for line in found}
    # a rule that rejects an official valid file is skipped; say which, so a new defect is noticed
    assert skipped == KNOWN_DEFECTIVE[sch]
    out = tmp_path / "doc.xlf"
    assert cli("xliff", "export", EXAMPLE, "-o", out, "--version", "2.1")[0] == 0
    found = failures(SCH / sch, out.read_bytes())
    assert [f for f in found if f.split(":")[0][len("FAIL "):] not in skipped] == []


def test_the_schematron_runner_catches_an_official_invalid_file():
    bad = [p for p in INVALID if "oasis-2.1" in str(p) and "core" in str(p)]
    caught = sum(1 for found in failures_each(SCH / "xliff_core_2.1.sch", [p.read_bytes() for p in bad]) if found)
    assert bad and caught > len(bad) // 2, (caught, len(bad))


@pytest.fixture(scope="module")
def example_doc(glossary):
    from bilingual.content.loader import load_document

    return load_document(EXAMPLE, glossary)


@pytest.mark.parametrize("path", VALID + INVALID + TOOLS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_oasis_files_give_segments_or_a_located_error(path: Path, example_doc):
    """Every file of the suites and of real CAT tools reads as segments (scoring) or fails with a located
    error, never a crash; the import refuses each (another document) at its place."""
    from bilingual.app.score import read_segments
    from bilingual.formats.xliff_merge import merge
    from bilingual.io.errors import InputError

    try:
        segs = read_segments(path)
        assert len(segs.keys) == len(segs.texts)
    except InputError as exc:
        assert str(exc).startswith(f"{path}:")
    with pytest.raises(InputError) as exc:          # never the example's document: refused, located
        merge(str(path), path.read_bytes(), example_doc)
    assert str(exc.value).startswith(f"{path}:")


def test_real_cat_tool_files_give_their_targets():
    from bilingual.app.score import read_segments

    trados = read_segments(SUITES / "1.2" / "kentagoto_sample_en-us_ja-JP.sdlxliff", lang="ja")
    assert trados.keys and any(any("\u3040" <= c <= "\u30ff" for c in t) for t in trados.texts)
    memoq = read_segments(SUITES / "1.2" / "okapi_MQ-12-Test01_memoQ.xlf")
    assert memoq.keys
