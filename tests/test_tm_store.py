"""The TM store interface names no file format, and SQLite implements all of it (the behaviour of both
stores, ranking included, is the conformance suite of tests/test_tm_stores.py)."""
from __future__ import annotations

import inspect


def test_the_store_protocol_names_no_file_format_and_sqlite_implements_all_of_it():
    from bilingual.tm.sqlite import SQLiteStore
    from bilingual.tm.store import Store

    methods = {n for n, _ in inspect.getmembers(Store, inspect.isfunction)}
    assert {"add", "iter_units", "get", "exact", "by_segment", "candidates", "concordance", "stats"} <= methods
    assert not [n for n in methods if "tmx" in n.lower() or "xml" in n.lower()]
    for name in methods:
        assert callable(getattr(SQLiteStore, name, None)), name
