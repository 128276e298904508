"""Connection, transactions, write serialisation and execution helpers of the store.

Threading model: one root connection per database file and process; every unit of work gets
its own ``cursor()`` (DuckDB connections are not thread-safe, cursors are cheap), and writes
are serialised by a process-wide lock and run inside ``BEGIN … COMMIT``. The SQL of each
aggregate lives beside its repository in this package; parameters are always bound,
DataFrames are registered as views. The small key/value ``meta`` table is read here too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from dashboard.errors import LeitbildError, StoreLockedError
from dashboard.store import postgres

SQL_META_GET = "SELECT value FROM meta WHERE key = ?"
SQL_META_SET = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"
T = TypeVar("T")
# no Python replacement scans: SQL never reads a DataFrame just because a local variable is
# named like a missing table (DataFrames are registered explicitly); see issue 20
CONNECTION_CONFIG = {"python_enable_replacements": False}
# a file from outside (a backup to restore) is opened read-only and can reach nothing else
UNTRUSTED_CONFIG = {
    **CONNECTION_CONFIG,
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
_ROOTS: dict[Path, duckdb.DuckDBPyConnection] = {}
_ROOTS_LOCK = threading.Lock()
_WRITE_LOCKS: dict[Path, threading.RLock] = {}


def one_row(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """First row of a statement's result, read to the end.

    A result left half-read (``fetchone`` on a statement that is not exhausted) blocks the
    cursor: the next ``register`` or ``execute`` on it fails with "unfinished result". Every
    single-row read goes through here so no statement stays open before the cursor is reused.
    """
    rows = result.fetchall()
    return rows[0] if rows else None


def first_row(cur: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> tuple | None:
    """The first row of a query, read to the end so the cursor is free for the next statement."""
    rows = cur.execute(sql, params).fetchall()
    return rows[0] if rows else None


def current_time() -> pd.Timestamp:
    """Timestamp for events and edits (seconds precision, local time of the server)."""
    return pd.Timestamp.now().floor("s")


def _is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


class Database:
    """One database (DuckDB file or PostgreSQL URL) per process; base of every repository."""

    def __init__(self, path: Path | str) -> None:
        # a postgresql:// URL stays text (a Path would fold its "//"); see postgres.py
        self.path = str(path) if postgres.is_url(path) else Path(path).resolve()
        if isinstance(self.path, Path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with _ROOTS_LOCK:
            root = _ROOTS.get(self.path)
            # whoever opened the file may close it; other Store objects share the connection
            self.owns_root = root is None
            if root is None:
                try:
                    root = postgres.connect_or(
                        self.path, lambda path: duckdb.connect(path, config=dict(CONNECTION_CONFIG))
                    )
                except duckdb.IOException as exc:
                    if _is_lock_error(exc):
                        raise StoreLockedError(str(self.path)) from exc
                    msg = f"Datenbank {self.path} lässt sich nicht öffnen: {exc}"
                    raise LeitbildError(msg) from exc
                _ROOTS[self.path] = root
                _WRITE_LOCKS[self.path] = threading.RLock()
        self._root = root
        self._write_lock = _WRITE_LOCKS[self.path]

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one unit of read work in the calling thread."""
        cur = self._root.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def transaction(self, work: Callable[[duckdb.DuckDBPyConnection], T], retries: int = 3) -> T:
        """Run ``work(cursor)`` inside BEGIN/COMMIT under the write lock; all or nothing."""
        for attempt in range(retries):
            with self._write_lock, self.cursor() as cur:
                cur.execute("BEGIN TRANSACTION")
                try:
                    result = work(cur)
                    cur.execute("COMMIT")
                    return result
                except duckdb.TransactionException:
                    cur.execute("ROLLBACK")
                    if attempt == retries - 1:
                        raise
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def write_version(self) -> int | None:
        """Grows with every write from any process (PostgreSQL); None with DuckDB (one process)."""
        return self._root.write_version() if isinstance(self._root, postgres.Database) else None

    def close(self) -> None:
        """Close the process-wide connection of this file (tests and CLI only)."""
        with _ROOTS_LOCK:
            root = _ROOTS.pop(self.path, None)
            _WRITE_LOCKS.pop(self.path, None)
        if root is not None:
            root.close()

    def _frame(self, sql: str, params: list[object] | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def _large_frame(self, sql: str, params: list[object]) -> pd.DataFrame:
        """Like _frame, through Arrow: millions of rows without a Python object per string."""
        with self.cursor() as cur:
            return cur.sql(sql, params=params).to_arrow_table().to_pandas()

    def meta(self, key: str) -> str | None:
        """A value from the key/value meta table."""
        with self.cursor() as cur:
            row = one_row(cur.execute(SQL_META_GET, [key]))
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the key/value meta table."""
        self.transaction(lambda cur: cur.execute(SQL_META_SET, [key, value]))
