"""The TM store interface: what a store offers, with no file format in it; ranking above the stores."""
from __future__ import annotations

import inspect


def units():
    from bilingual.tm.model import Unit

    rows = [("The coil was delivered.", "コイルが納入された。"), ("The coil was tested.", "コイルが試験された。"),
            ("The magnet was delivered in 2024.", "磁石は2024年に納入された。")]
    return [Unit(f"<tu n='{i}'/>".encode(), en, ja) for i, (en, ja) in enumerate(rows)]


def test_the_store_protocol_names_no_file_format_and_sqlite_implements_all_of_it():
    from bilingual.tm.sqlite import SQLiteStore
    from bilingual.tm.store import TMStore

    methods = {n for n, _ in inspect.getmembers(TMStore, inspect.isfunction)}
    assert {"add", "iter_units", "get", "exact", "by_segment", "candidates", "concordance", "stats"} <= methods
    assert not [n for n in methods if "tmx" in n.lower() or "xml" in n.lower()]
    for name in methods:
        assert callable(getattr(SQLiteStore, name, None)), name


def test_units_added_come_back_in_order_and_rank_through_the_one_lookup(tmp_path):
    from bilingual.tm.lookup import lookup
    from bilingual.tm.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "tm.sqlite")
    result = store.add(units())
    assert result.added == 3
    assert [t.en for t in store.iter_units()] == [u.en for u in units()]
    matches = lookup(store, "The coil was delivered.", "en", limit=2)
    assert [(m.kind, m.tu.ja) for m in matches][0] == ("exact", "コイルが納入された。")
    assert matches[1].kind == "fuzzy" and matches[1].score < 100
    fuzzy = lookup(store, "The magnet was delivered in 2025.", "en", limit=1)
    assert fuzzy[0].substituted and fuzzy[0].target == "磁石は2025年に納入された。"
    store.close()
