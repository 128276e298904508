"""Cached query results stay true when other app processes write (PostgreSQL, several workers).

A process clears its own caches after its own writes; writes of the other processes behind the
proxy are noticed here, once per page run, by the store's write version (one small query).
"""

from __future__ import annotations

import threading

from dashboard.errors import LeitbildError
from dashboard.ui import data

_LOCK = threading.Lock()
_SEEN: dict[str, int] = {}


def sync() -> None:
    """Drop this process's cached results when any process wrote since the last page run."""
    try:
        store = data.store()
        version = store.write_version()
    except LeitbildError:
        return  # the page itself shows the database problem in plain words (shell.guarded)
    if version is None:  # DuckDB: only this process writes, and it clears after each write
        return
    key = str(store.path)
    with _LOCK:
        changed = _SEEN.get(key, version) != version
        _SEEN[key] = version
    if changed:
        data.clear_all_caches()  # the one way every cached result of this process is dropped
