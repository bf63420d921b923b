"""`bilingual tm evaluate`: leave-one-out per match band on a small TM with known answers."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape


def _tmx(path, pairs) -> None:
    body = "".join(f'<tu tuid="{n}"><tuv xml:lang="en"><seg>{escape(e)}</seg></tuv>'
                   f'<tuv xml:lang="ja"><seg>{escape(j)}</seg></tuv></tu>\n' for n, (e, j) in enumerate(pairs))
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" '
                    f'datatype="plaintext"/>\n<body>\n{body}</body></tmx>\n', encoding="utf-8")


def test_leave_one_out_bands(tmp_path, cli):
    pairs = [
        ("The meeting was held in Tokyo.", "会合は東京で開催された。"),
        ("The meeting was held in Tokyo.", "会議は東京で行われた。"),          # the same English, another Japanese
        ("The two countries signed the agreement.", "両国は協定に署名した。"),
        ("The two countries signed the new agreement.", "両国は新たな協定に署名した。"),
        ("Cherry blossoms bloom in spring.", "桜は春に咲く。"),               # nothing like it: new
    ]
    _tmx(tmp_path / "tm.tmx", pairs)
    store = tmp_path / "tm.sqlite"
    assert cli("tm", "import", tmp_path / "tm.tmx", "--tm", store)[0] == 0
    code, out, err = cli("tm", "evaluate", "--tm", store, "--sample", "100", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    rows = {r["band"]: r for r in result["rows"]}
    assert result["evaluated"] == 5
    assert rows["100"]["n"] == 2                       # each Tokyo sentence finds the other, not itself
    assert 0 < rows["100"]["chrf"] < 100 and rows["100"]["change"] > 0
    assert rows["new"]["n"] == 1
    assert sum(r["n"] for r in rows.values()) == 5
    assert "nc:6" in result["signature"]
    code, out, _ = cli("tm", "evaluate", "--tm", store, "--sample", "3")
    assert code == 0 and "leave-one-out on 3 TU(s)" in out
