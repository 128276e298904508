"""PostgreSQL behind the store's DuckDB-shaped connection API (``LEITBILD_DB=postgresql://…``).

The store speaks to a connection with ``cursor()``, ``execute(sql, params)``, ``fetchone``,
``fetchall``, ``df()``, ``register(name, frame)`` and DuckDB's SQL dialect. This module offers
the same API on a psycopg 3 connection pool, so the store's repository code, its SQL and the
migration files run unchanged on both engines: :func:`translate` rewrites the few
DuckDB-only idioms the project uses, registered DataFrames become temporary tables (typed like
the table they are written to), and PostgreSQL errors are raised as the DuckDB exception classes
the store already handles (a serialization failure is DuckDB's ``TransactionException``, which
the store retries). Parameters stay bound: psycopg quotes them (client-side binding, like
DuckDB's ``?``), nothing is pasted into SQL text here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg import ClientCursor, errors
from psycopg_pool import ConnectionPool, PoolTimeout

URL_PREFIXES = ("postgresql://", "postgres://")
POOL_MAX = 12  # connections per process; each is held only for one query or transaction

# Primary keys of the tables written with DuckDB's INSERT OR REPLACE (PostgreSQL needs them
# named in ON CONFLICT); a table missing here fails loudly in translate().
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "group_label": ("id",),
    "organisation": ("id",),
    "observation": ("indicator_id", "area_code", "period", "grp"),
    "role_claim_map": ("claim_value",),
    "deck": ("name",),
    "app_user": ("username",),
}

# One writer at a time across every process, as with DuckDB's one writing process: each
# transaction of the store first takes this lock (held to COMMIT/ROLLBACK). Under READ
# COMMITTED every statement then sees all earlier commits, so a check-then-write (a measure's
# version, the observation version of released values) cannot interleave with another process.
WRITE_LOCK_KEY = 0x4C454954  # "LEIT"
BEGIN = f"BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"

# Bumped after every committed write transaction: other processes compare it on each page run
# and drop their cached query results when it moved (dashboard/ui/freshness.py).
WRITE_VERSION = "leitbild_write_version"
_WRITES = {"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER"}

_OID_DATES = {1082, 1114, 1184}  # date, timestamp, timestamptz
_OID_NUMERIC = 1700


def is_url(target: object) -> bool:
    """Whether a LEITBILD_DB value names a PostgreSQL database."""
    return str(target).startswith(URL_PREFIXES)


def _outside_quotes(sql: str, fn: Any) -> str:
    """Apply ``fn`` to the parts of ``sql`` outside single-quoted literals."""
    parts = sql.split("'")
    return "'".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def _upsert(sql: str) -> str:
    match = re.search(r"INSERT OR REPLACE INTO (\w+)\s*\(([^)]*)\)", sql)
    if match is None:
        raise ValueError(f"INSERT OR REPLACE without a column list: {sql}")
    table, cols = match.group(1), [c.strip() for c in match.group(2).split(",")]
    keys = PRIMARY_KEYS[table]
    rest = [c for c in cols if c not in keys]
    action = (
        "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in rest) if rest else "DO NOTHING"
    )
    sql = sql.replace("INSERT OR REPLACE INTO", "INSERT INTO", 1).rstrip().rstrip(";")
    return f"{sql}\nON CONFLICT ({', '.join(keys)}) {action}"


def _rewrite(part: str) -> str:
    part = part.replace("?", "%s")
    part = re.sub(r"\blist_contains\(\s*%s\s*,\s*([\w.]+)\s*\)", r"\1 = ANY(%s)", part)
    part = re.sub(r"\blist_position\(\s*%s\s*,\s*([\w.]+)\s*\)", r"array_position(%s, \1)", part)
    part = re.sub(r"\blist\(", "array_agg(", part)
    part = re.sub(r"(?<=[\s,(])\[\]", "'{}'", part)
    part = re.sub(r"\bGROUP BY ALL\b", "GROUP BY 1", part)  # first column: the table's key
    part = re.sub(r"\bDOUBLE\b(?! PRECISION)", "DOUBLE PRECISION", part)
    part = re.sub(r"\bBLOB\b", "BYTEA", part)
    part = re.sub(r"\bTRY_CAST\(", "CAST(", part)
    part = re.sub(r"\bsum\(hash\((\w+)\)\)", r"sum(hashtext(\1::text)::numeric)", part)
    part = re.sub(
        r"CREATE OR REPLACE TEMP TABLE (\w+)",
        r"DROP TABLE IF EXISTS \1; CREATE TEMP TABLE \1",
        part,
    )
    return re.sub(r"^\s*BEGIN TRANSACTION\s*$", BEGIN, part)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """DuckDB SQL of the project as PostgreSQL SQL (``?`` becomes ``%s``)."""
    ignore = "INSERT OR IGNORE INTO" in sql
    # psycopg reads % as placeholder syntax everywhere, quoted or not; ? only outside literals
    sql = sql.replace("INSERT OR IGNORE INTO", "INSERT INTO").replace("%", "%%")
    sql = _outside_quotes(sql, _rewrite)
    if "INSERT OR REPLACE INTO" in sql:
        sql = _upsert(sql)
    if ignore:
        sql = sql.rstrip().rstrip(";") + "\nON CONFLICT DO NOTHING"
    return sql


def _param(value: object) -> object:
    """A parameter as psycopg adapts it (missing values as NULL, numpy scalars as Python)."""
    if isinstance(value, list | tuple | np.ndarray):
        return [_param(v) for v in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _raise_as_duckdb(exc: psycopg.Error) -> None:
    """Raise a PostgreSQL error as the DuckDB class the store handles."""
    if isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected):
        raise duckdb.TransactionException(str(exc)) from exc
    if isinstance(exc, psycopg.IntegrityError):
        raise duckdb.ConstraintException(str(exc)) from exc
    if isinstance(exc, errors.UndefinedTable | errors.UndefinedColumn):
        raise duckdb.CatalogException(str(exc)) from exc
    if isinstance(exc, psycopg.OperationalError):
        raise duckdb.IOException(str(exc)) from exc
    raise duckdb.Error(str(exc)) from exc


class _Relation:
    """What ``cursor.sql(...)`` returns in DuckDB, as far as the store uses it."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def to_arrow_table(self) -> pa.Table:
        """The result as an Arrow table."""
        return pa.Table.from_pandas(self._frame, preserve_index=False)


class Cursor:
    """One pooled PostgreSQL connection with the DuckDB cursor API the store uses."""

    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool
        self._conn = pool.getconn()
        self._cur = self._conn.cursor()
        self._pending: dict[str, pd.DataFrame] = {}
        self._wrote = False
        self.description: list[tuple[Any, ...]] | None = None

    def execute(self, sql: str, params: list[object] | tuple | None = None) -> Cursor:
        """Run one statement (DuckDB dialect) with bound parameters; returns the cursor."""
        for name in [n for n in self._pending if re.search(rf"\b{n}\b", sql)]:
            self._materialise(name, self._pending.pop(name), sql)
        verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        self._wrote = self._wrote or verb in _WRITES
        try:
            # always with a parameter list: psycopg then turns %% back into % in every statement
            self._cur.execute(translate(sql), [_param(p) for p in params or []])
            if verb == "COMMIT" and self._wrote:
                # after the commit, so whoever sees the new version also sees the new data
                self._cur.execute(f"SELECT nextval('{WRITE_VERSION}')")
        except psycopg.Error as exc:
            _raise_as_duckdb(exc)
        if verb in {"COMMIT", "ROLLBACK"}:
            self._wrote = False
        self.description = (
            None if self._cur.description is None else [tuple(d) for d in self._cur.description]
        )
        return self

    def fetchone(self) -> tuple | None:
        """The next row, or None (a write without RETURNING: its row count, as DuckDB does)."""
        if self._cur.description is None:
            return (self._cur.rowcount,)
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        """All remaining rows (a write without RETURNING: its row count, as DuckDB does)."""
        if self._cur.description is None:
            return [(self._cur.rowcount,)]
        return self._cur.fetchall()

    def df(self) -> pd.DataFrame:
        """The result as a DataFrame (dates as datetime64, numeric as float, like DuckDB)."""
        columns = [d.name for d in self._cur.description or []]
        frame = pd.DataFrame.from_records(self._cur.fetchall(), columns=columns)
        for d in self._cur.description or []:
            if d.type_code in _OID_DATES:
                frame[d.name] = pd.to_datetime(frame[d.name])
            elif d.type_code == _OID_NUMERIC:
                frame[d.name] = frame[d.name].astype(float)
        return frame

    def sql(self, sql: str, params: list[object] | None = None) -> _Relation:
        """DuckDB's relation API, reduced to what the store reads large frames with."""
        return _Relation(self.execute(sql, params).df())

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Make a DataFrame queryable as ``name`` (a temporary table, created on first use)."""
        self._pending[name] = frame

    def unregister(self, name: str) -> None:
        """Drop what register() made."""
        if self._pending.pop(name, None) is None:
            self._cur.execute(f"DROP TABLE IF EXISTS {_ident(name)}")

    def close(self) -> None:
        """Give the connection back to the pool (rolled back if a transaction was left open)."""
        self._cur.close()
        self._pool.putconn(self._conn)

    def _materialise(self, name: str, frame: pd.DataFrame, sql: str) -> None:
        types = _column_types(self._cur, frame, _target_table(sql, name))
        cols = ", ".join(f"{_ident(c)} {types[c]}" for c in frame.columns)
        self._cur.execute(f"DROP TABLE IF EXISTS {_ident(name)}")
        self._cur.execute(f"CREATE TEMP TABLE {_ident(name)} ({cols})")
        names = ", ".join(_ident(c) for c in frame.columns)
        with self._cur.copy(f"COPY {_ident(name)} ({names}) FROM STDIN") as copy:
            for row in frame.itertuples(index=False, name=None):
                copy.write_row([_param(v) for v in row])


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


def _target_table(sql: str, name: str) -> str | None:
    """The table a statement reads or writes besides ``name``: its column types win."""
    for table in re.findall(r"(?:INSERT INTO|FROM|JOIN)\s+(\w+)", sql):
        if table != name:
            return table
    return None


def _column_types(cur: Any, frame: pd.DataFrame, table: str | None) -> dict[str, str]:
    known: dict[str, str] = {}
    if table is not None:
        cur.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
            "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped",
            [table],
        )
        known = dict(cur.fetchall())
    return {c: known.get(c) or _infer_type(frame[c]) for c in frame.columns}


def _infer_type(column: pd.Series) -> str:
    """PostgreSQL type for a DataFrame column that matches no column of the target table."""
    if pd.api.types.is_bool_dtype(column):
        return "boolean"
    if pd.api.types.is_integer_dtype(column):
        return "bigint"
    if pd.api.types.is_float_dtype(column):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "timestamp"
    sample = next((v for v in column if v is not None and not _is_missing(v)), None)
    scalar = {bytes: "bytea", bool: "boolean", int: "bigint", float: "double precision",
              Decimal: "numeric", dt.datetime: "timestamp", dt.date: "date"}  # fmt: skip
    for kind, name in scalar.items():
        if isinstance(sample, kind):
            return name
    if isinstance(sample, list | tuple | np.ndarray):
        return "bigint[]" if len(sample) and isinstance(sample[0], int | np.integer) else "text[]"
    return "text"


def _is_missing(value: object) -> bool:
    return (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


class Database:
    """A PostgreSQL database for this process: a pool of connections, handed out as cursors."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._pool = ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_MAX,
                open=True,
                timeout=30,
                kwargs={"autocommit": True, "cursor_factory": ClientCursor},
            )
            self._pool.wait(timeout=30)
            with self._pool.connection() as conn:
                conn.execute(f"CREATE SEQUENCE IF NOT EXISTS {WRITE_VERSION}")
        except (psycopg.Error, Exception) as exc:
            raise duckdb.IOException(f"PostgreSQL nicht erreichbar: {exc}") from exc

    def write_version(self) -> int | None:
        """A number that grows with every committed write, from any process (None: unknown)."""
        try:
            with self._pool.connection() as conn:
                sql = f"SELECT last_value, is_called FROM {WRITE_VERSION}"
                row = conn.execute(sql).fetchone()
        except (psycopg.Error, PoolTimeout):
            return None  # the page's own queries report the database problem in plain words
        return int(row[0]) if row and row[1] else 0

    def cursor(self) -> Cursor:
        """A cursor on a connection of its own (returned to the pool by ``close()``)."""
        return Cursor(self._pool)

    def close(self) -> None:
        """Close every connection of the pool."""
        self._pool.close()


def connect_or(target: object, connect_duckdb: Any) -> Any:
    """The store's root connection: a PostgreSQL pool for a URL, else DuckDB's ``connect``."""
    return Database(str(target)) if is_url(target) else connect_duckdb(str(target))
