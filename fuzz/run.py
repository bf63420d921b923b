"""Run every atheris harness for a bounded time and report what it did (used by ``scripts/fuzz``).

    python fuzz/run.py --seconds 60 [content xmlsafe tmx xliff docx ...]

Seeds come from the examples, the broken-input corpus and the shared interop
samples (read in place); the growing corpus goes to ``fuzz/work/<name>/`` and
a crashing input to ``fuzz/crashes/<name>/``. A summary table is printed and
written to ``fuzz/last-run.md``.
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
SHARED = ROOT.parent / "shared" / "interop" / "samples"
MAX_LEN = {"docx": 16384, "tmx": 8192, "xliff": 8192, "tbx": 8192}


def _small(paths, limit: int = 64 * 1024) -> list[Path]:
    return [p for p in paths if p.is_file() and p.stat().st_size <= limit]


def _minimal_docx() -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:tbl><w:tr>'
                   "<w:tc><w:p><w:r><w:t>Fusion energy</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>"
                   "フュージョンエネルギー</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>MEXT</w:t></w:r>"
                   "</w:p></w:body></w:document>")
    return out.getvalue()


def seeds(name: str, folder: Path) -> None:
    """Copy a few small seed inputs into ``folder`` (the run's read-only seed corpus)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = ROOT / "tests" / "corpus"
    pick: list[Path] = []
    if name == "content":
        pick = _small((ROOT / "templates" / "examples").glob("*.yaml")) + _small((corpus / "content").iterdir())
    elif name in ("xmlsafe", "tmx"):
        pick = _small((SHARED / "tmx").rglob("*.tmx"), 16384) + _small((corpus / "tmx").iterdir())
        if name == "xmlsafe":
            pick += _small((corpus / "xliff").iterdir())
    elif name == "xliff":
        pick = _small((SHARED / "xliff").rglob("*.xlf"), 16384) + _small((corpus / "xliff").iterdir())
    elif name == "tbx":
        pick = _small((SHARED / "tbx").rglob("*.tbx"), 16384)
    elif name == "csv":
        (folder / "seed.csv").write_text("concept,lang,term,status\nfe,en,fusion energy,preferred\n"
                                         "fe,ja,フュージョンエネルギー,preferred\n", encoding="utf-8")
    elif name == "docx":
        (folder / "minimal.docx").write_bytes(_minimal_docx())
        with zipfile.ZipFile(io.BytesIO(_minimal_docx())) as z:      # the structured mode's seed: "D" + document.xml
            (folder / "document.xml").write_bytes(b"D" + z.read("word/document.xml"))
        pick = _small((corpus / "docx").iterdir(), 16384)
    for p in pick:
        if p.suffix != ".expected":
            shutil.copy(p, folder / f"{p.parent.name}-{p.name}")


def run(name: str, seconds: int) -> dict:
    harness = FUZZ / f"fuzz_{name}.py"
    work, seed_dir, crashes = FUZZ / "work" / name, FUZZ / "work" / f"{name}-seeds", FUZZ / "crashes" / name
    for d in (work, crashes):
        d.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(seed_dir, ignore_errors=True)
    seeds(name, seed_dir)
    before = set(crashes.iterdir())
    cmd = [sys.executable, str(harness), str(work), str(seed_dir), f"-max_total_time={seconds}",
           f"-max_len={MAX_LEN.get(name, 4096)}", "-timeout=20", "-rss_limit_mb=3072",
           f"-artifact_prefix={crashes}/", "-print_final_stats=1"]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=FUZZ, timeout=seconds + 600)
    elapsed = time.monotonic() - started
    log = proc.stdout + proc.stderr
    (FUZZ / "work" / f"{name}.log").write_text(log)
    skipped = log.startswith("skipped:")
    stat = dict(re.findall(r"stat::(\w+):\s*(\d+)", log))
    cov = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", log)
    new = sorted(set(crashes.iterdir()) - before)
    return {"name": name, "seconds": round(elapsed), "execs": int(stat.get("number_of_executed_units", 0)),
            "cov": int(cov[-1][0]) if cov else 0, "corpus": int(cov[-1][2]) if cov else 0,
            "rss": int(stat.get("peak_rss_mb", 0)), "exit": proc.returncode,
            "crashes": ["skipped (reader not in this checkout)"] if skipped else [p.name for p in new]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    names = args.names or sorted(p.stem[5:] for p in FUZZ.glob("fuzz_*.py"))
    rows = []
    for name in names:
        r = run(name, args.seconds)
        rows.append(r)
        print(f"{name}: {r['seconds']} s, {r['execs']} inputs, coverage {r['cov']}, corpus {r['corpus']}, "
              f"peak RSS {r['rss']} MB, crashes: {', '.join(r['crashes']) or 'none'}", flush=True)
    table = ["| harness | seconds | inputs run | coverage (edges) | corpus | peak RSS MB | crashes |",
             "|---|---|---|---|---|---|---|"]
    table += [f"| `fuzz_{r['name']}.py` | {r['seconds']} | {r['execs']} | {r['cov']} | {r['corpus']} | {r['rss']} | "
              f"{', '.join(r['crashes']) or 'none'} |" for r in rows]
    (FUZZ / "last-run.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))
    failed = [r for r in rows if r["exit"] != 0 or (r["crashes"] and not r["crashes"][0].startswith("skipped"))]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
