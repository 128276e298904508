"""The one module that talks to DuckDB: connection, migrations, transactions, all SQL.

Threading model: one root connection per database file and process; every unit of work gets
its own ``cursor()`` (DuckDB connections are not thread-safe, cursors are cheap), and writes
are serialised by a process-wide lock and run inside ``BEGIN … COMMIT``. All SQL is below as
named constants; parameters are always bound, DataFrames are registered as views.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from dashboard import postgres, queries
from dashboard.errors import ConflictError, LeitbildError, Problem, StoreLockedError
from dashboard.frames import nulls_as_none
from dashboard.queries import (
    CATALOGUE_TABLES,
    MEASURE_COLUMNS,
    MEASURE_EDITABLE,
    MEASURE_LINKS,
    OBSERVATION_COLUMNS,
    SQL_APPLIED_MIGRATIONS,
    SQL_CHECKPOINT,
    SQL_DELETE_ALL,
    SQL_DELETE_DEMO,
    SQL_FINGERPRINT,
    SQL_GEOMETRY,
    SQL_GEOMETRY_DELETE_LAYER,
    SQL_GEOMETRY_FINGERPRINT,
    SQL_GEOMETRY_INCOMING_FINGERPRINT,
    SQL_GEOMETRY_INSERT,
    SQL_GEOMETRY_LAYERS,
    SQL_GROUP_LABEL_EXISTS,
    SQL_GROUP_LABEL_UPSERT,
    SQL_HAS_MIGRATION_TABLE,
    SQL_IMPORT_LOG,
    SQL_IMPORT_LOG_INSERT,
    SQL_IMPORT_LOG_UPDATE,
    SQL_INSERT_FROM_FRAME,
    SQL_LINK_DELETE,
    SQL_LINK_INSERT,
    SQL_MEASURE_AREA_INSERT,
    SQL_MEASURE_BUMP,
    SQL_MEASURE_BY_ID,
    SQL_MEASURE_EVENT_INSERT,
    SQL_MEASURE_EVENTS,
    SQL_MEASURE_FIELD_INSERT,
    SQL_MEASURE_FIND,
    SQL_MEASURE_GOAL_INSERT,
    SQL_MEASURE_INSERT,
    SQL_MEASURE_SET,
    SQL_MEASURES,
    SQL_META_GET,
    SQL_META_SET,
    SQL_OBSERVATION_PERIODS,
    SQL_OBSERVATIONS,
    SQL_ORGANISATION_UPSERT,
    SQL_ORGANISATIONS,
    SQL_PROTOCOL_UPSERT,
    SQL_PROTOCOLS,
    SQL_RECORD_MIGRATION,
    SQL_SELECT_ALL,
    SQL_SUMMARY,
    SQL_TARGET_BY_ID,
    SQL_TARGET_CHAIN,
    SQL_TARGET_INSERT_NEW,
    SQL_TARGET_INSERT_ONE,
    SQL_TARGET_RETIRE,
    SQL_TARGETS,
    TARGET_COLUMNS,
)
from dashboard.schema import CREATE_MIGRATION_TABLE, MIGRATIONS

T = TypeVar("T")


@dataclass
class ImportLogEntry:
    """What an import reports to the log."""

    by: str
    file: str
    sha256: str
    kind: str
    rows: int
    problems: list[Problem] = field(default_factory=list)
    status: str = "ok"
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    id: int | None = None


def _now() -> pd.Timestamp:
    """Timestamp for events and edits (seconds precision, local time of the server)."""
    return pd.Timestamp.now().floor("s")


def _jsonable(value: object) -> object:
    """A value as it is compared and stored in event JSON (dates as ISO text, lists sorted)."""
    if isinstance(value, list | tuple):
        return sorted(_jsonable(v) for v in value)
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        # DATE columns come back from DuckDB as midnight timestamps: compare them as dates
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


class MeasureConflictError(ConflictError):
    """Someone saved the measure in between; carries the stored version for comparison."""

    def __init__(self, current: dict[str, object]) -> None:
        self.current = current
        super().__init__(
            "Diese Maßnahme wurde inzwischen von jemand anderem gespeichert "
            f"(Version {current['version']}). Ihre Änderungen wurden nicht übernommen; "
            "bitte vergleichen und erneut speichern."
        )


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


def sha256_of(data: bytes) -> str:
    """Hex sha256 of file content, as recorded in the import log."""
    return hashlib.sha256(data).hexdigest()


def _one(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """First row of a statement's result, read to the end.

    A result left half-read (``fetchone`` on a statement that is not exhausted) blocks the
    cursor: the next ``register`` or ``execute`` on it fails with "unfinished result". Every
    single-row read goes through here so no statement stays open before the cursor is reused.
    """
    rows = result.fetchall()
    return rows[0] if rows else None


def _is_lock_error(exc: Exception) -> bool:
    return "lock" in str(exc).lower()


def _incoming_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns an observation write compares and stores, with their defaults."""
    incoming = frame[OBSERVATION_COLUMNS].copy()
    incoming["is_demo"] = frame.get("is_demo", False)
    # notes and the series break come from the statistics layout; other writers have none
    incoming["note"] = frame.get("note", None)
    incoming["series_break"] = (
        frame["series_break"].fillna(False).astype(bool) if "series_break" in frame else False
    )
    return incoming


class Store:
    """Owns one DuckDB database file for this process; cheap to create, share one per app."""

    def __init__(self, path: Path | str) -> None:
        # a postgresql:// URL stays text (a Path would fold its "//"); see dashboard/postgres.py
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

    # --- connection handling ----------------------------------------------------------------
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

    # --- migrations ---------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        """Names of the migrations recorded in this database."""
        with self.cursor() as cur:
            cur.execute(CREATE_MIGRATION_TABLE)
            return [r[0] for r in cur.execute(SQL_APPLIED_MIGRATIONS).fetchall()]

    def migrate(self) -> list[str]:
        """Apply the pending migrations in order; returns the names applied now."""
        done = set(self.applied_migrations())
        applied: list[str] = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue

            def apply(cur: duckdb.DuckDBPyConnection, name: str = name, sql: str = sql) -> None:
                cur.execute(sql)
                cur.execute(SQL_RECORD_MIGRATION, [name])

            self.transaction(apply)
            applied.append(name)
        return applied

    # --- meta ---------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        """A value from the key/value meta table."""
        with self.cursor() as cur:
            row = _one(cur.execute(SQL_META_GET, [key]))
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the key/value meta table."""
        self.transaction(lambda cur: cur.execute(SQL_META_SET, [key, value]))

    # --- catalogues ---------------------------------------------------------------------------
    def replace_catalogues(self, frames: dict[str, pd.DataFrame]) -> None:
        """Replace the catalogue tables with the given frames in one transaction."""
        unknown = set(frames) - set(CATALOGUE_TABLES)
        if unknown:
            raise ValueError(f"unknown catalogue tables: {sorted(unknown)}")

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for table, frame in frames.items():
                cur.execute(SQL_DELETE_ALL[table])
                if len(frame):
                    cur.register("incoming", frame[CATALOGUE_TABLES[table]])
                    cur.execute(SQL_INSERT_FROM_FRAME[table])
                    cur.unregister("incoming")
            # hierarchy, kinds and derived definitions all shape what may be released
            self._stale_all_released(cur)

        self.transaction(work)

    def catalogue(self, table: str) -> pd.DataFrame:
        """All rows of one catalogue table (area, field, goal, indicator …) in catalogue order."""
        return nulls_as_none(self._frame(SQL_SELECT_ALL[table]))

    def area_parents(self) -> dict[str, str | None]:
        """Area code -> parent code (checked on every scoped write: a plain small query)."""
        with self.cursor() as cur:
            return dict(cur.execute(queries.SQL_AREA_PARENTS).fetchall())

    def ensure_group_labels(self, labels: dict[str, str]) -> None:
        """Add group labels that are not yet known (labels of known groups stay)."""

        self.transaction(lambda cur: self._add_group_labels(cur, labels))

    @staticmethod
    def _add_group_labels(cur: duckdb.DuckDBPyConnection, labels: dict[str, str]) -> None:
        for gid, label in labels.items():
            if _one(cur.execute(SQL_GROUP_LABEL_EXISTS, [gid]))[0] == 0:
                cur.execute(SQL_GROUP_LABEL_UPSERT, [gid, label])

    # --- observations -------------------------------------------------------------------------
    def write_observations(
        self,
        frame: pd.DataFrame,
        entry: ImportLogEntry,
        group_labels: dict[str, str] | None = None,
    ) -> ImportLogEntry:
        """Upsert observations and log the import, all in one transaction."""
        incoming = _incoming_observations(frame)

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry:
            self._add_group_labels(cur, group_labels or {})
            cur.register("incoming", incoming)
            cur.execute(queries.SQL_OBSERVATION_CHANGED)
            inserted, updated = _one(cur.execute(queries.SQL_OBSERVATION_CHANGED_COUNTS))
            entry.inserted, entry.updated = inserted, updated
            entry.unchanged = len(incoming) - inserted - updated
            entry.status = "ok" if inserted or updated else "unverändert"
            entry.id = self._log(cur, entry)
            cur.execute(queries.SQL_OBSERVATION_INSERT_NEW, [entry.id])
            cur.execute(queries.SQL_OBSERVATION_REPLACE_CHANGED, [entry.id])
            cur.execute(queries.SQL_OBSERVATION_CHANGED_DROP)
            if inserted or updated:
                cur.execute(queries.SQL_RELEASED_STALE_INCOMING)
                cur.execute(queries.SQL_OBSERVATION_VERSION_BUMP)
            cur.unregister("incoming")
            return entry

        return self.transaction(work)

    def observations(
        self,
        indicator_ids: list[str],
        area_codes: list[str] | None = None,
        periods: list[int] | None = None,
        groups: list[str] | None = None,
    ) -> pd.DataFrame:
        """Stored observations of the given indicators, optionally filtered."""
        return self._large_frame(
            SQL_OBSERVATIONS,
            [indicator_ids, area_codes, area_codes, periods, periods, groups, groups],
        )

    def observation_notes(self, indicator_ids: list[str]) -> pd.DataFrame:
        """Source, note and series break of the observations that carry a note or a break."""
        return self._frame(queries.SQL_OBSERVATION_NOTES, [indicator_ids])

    def previous_values(self, keys: pd.DataFrame) -> pd.DataFrame:
        """For each key (indicator_id, area_code, period, grp): the latest stored earlier value."""
        with self.cursor() as cur:
            cur.register("incoming_keys", keys)
            try:
                return cur.execute(queries.SQL_OBSERVATION_PREVIOUS).df()
            finally:
                cur.unregister("incoming_keys")

    def provenance(
        self,
        indicator_ids: list[str],
        periods: list[int] | None = None,
        area_codes: list[str] | None = None,
    ) -> pd.DataFrame:
        """Per stored value: source, demo or not, and the import (file, when, by whom)."""
        return self._large_frame(
            queries.SQL_PROVENANCE,
            [indicator_ids, periods, periods, area_codes, area_codes],
        )

    def periods(self, indicator_id: str | None = None) -> list[int]:
        """Periods with data (of one indicator, or of any)."""
        with self.cursor() as cur:
            rows = cur.execute(SQL_OBSERVATION_PERIODS, [indicator_id, indicator_id]).fetchall()
        return [int(r[0]) for r in rows]

    # --- released values (materialised disclosure control) -----------------------------------
    @staticmethod
    def _stale_all_released(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(queries.SQL_RELEASED_STALE_ALL)
        cur.execute(queries.SQL_OBSERVATION_VERSION_BUMP)

    @staticmethod
    def _observation_version(cur: duckdb.DuckDBPyConnection) -> int:
        row = _one(cur.execute(SQL_META_GET, [queries.OBSERVATION_VERSION_KEY]))
        return 0 if row is None else int(row[0])

    def released_state(self, rule: str) -> tuple[int, set[str]]:
        """Observation version and the indicators whose released values are stored for ``rule``."""
        with self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")  # both reads from one snapshot
            try:
                version = self._observation_version(cur)
                fresh = {r[0] for r in cur.execute(queries.SQL_RELEASED_FRESH, [rule]).fetchall()}
            finally:
                cur.execute("COMMIT")
        return version, fresh

    def save_released(
        self, frame: pd.DataFrame, indicator_ids: list[str], rule: str, version: int
    ) -> bool:
        """Store these indicators' released values unless observations changed since ``version``."""
        incoming = frame[queries.RELEASED_COLUMNS]

        def work(cur: duckdb.DuckDBPyConnection) -> bool:
            # every write that stales released values bumps the version under this same lock
            if self._observation_version(cur) != version:
                return False
            cur.execute(queries.SQL_RELEASED_DELETE, [indicator_ids])
            cur.execute(queries.SQL_RELEASED_INDICATOR_DELETE, [indicator_ids])
            cur.register("incoming", incoming)
            cur.execute(queries.SQL_RELEASED_INSERT)
            cur.unregister("incoming")
            cur.execute(queries.SQL_RELEASED_INDICATOR_INSERT, [indicator_ids, rule, _now()])
            return True

        return self.transaction(work)

    def released(
        self, indicator_ids: list[str], area_codes: list[str] | None = None
    ) -> pd.DataFrame:
        """Stored released values of these indicators (in the given order), optionally by area."""
        return self._large_frame(
            queries.SQL_RELEASED, [indicator_ids, area_codes, area_codes, indicator_ids]
        )

    # --- geometry -----------------------------------------------------------------------------
    def replace_geometry(
        self,
        layer: str,
        frame: pd.DataFrame,
        entry: ImportLogEntry | None,
        new_areas: pd.DataFrame | None = None,
    ) -> ImportLogEntry | None:
        """Replace one geometry layer (columns area_code, wkb) and log it, in one transaction.

        ``new_areas`` (a finer level such as Stadtzellen) are added to the area table first.
        """
        incoming = frame[["area_code", "wkb"]].copy()

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry | None:
            if new_areas is not None and len(new_areas):
                cur.register("new_areas", new_areas[CATALOGUE_TABLES["area"]])
                cur.execute(queries.SQL_AREA_INSERT_NEW)
                cur.unregister("new_areas")
                self._stale_all_released(cur)  # the hierarchy shapes what may be released
            before = cur.execute(SQL_GEOMETRY_FINGERPRINT, [layer]).fetchall()
            cur.register("incoming", incoming)
            after = cur.execute(SQL_GEOMETRY_INCOMING_FINGERPRINT).fetchall()
            import_id = None
            if entry is not None:
                old = dict(before)
                entry.inserted = sum(1 for code, _ in after if code not in old)
                entry.updated = sum(1 for code, h in after if code in old and old[code] != h)
                entry.unchanged = len(after) - entry.inserted - entry.updated
                entry.status = "unverändert" if before == after else "ok"
                entry.id = import_id = self._log(cur, entry)
            if before != after:
                cur.execute(SQL_GEOMETRY_DELETE_LAYER, [layer])
                cur.execute(SQL_GEOMETRY_INSERT, [layer, import_id])
            cur.unregister("incoming")
            return entry

        return self.transaction(work)

    def geometry(self, layer: str) -> pd.DataFrame:
        """Area codes and WKB geometry (WGS84) of one layer."""
        return self._frame(SQL_GEOMETRY, [layer])

    def geometry_layers(self) -> dict[str, int]:
        """Geometry layers present, with their number of areas."""
        with self.cursor() as cur:
            return dict(cur.execute(SQL_GEOMETRY_LAYERS).fetchall())

    # --- import log ---------------------------------------------------------------------------
    @staticmethod
    def _log(cur: duckdb.DuckDBPyConnection, entry: ImportLogEntry) -> int:
        problems = json.dumps([p.as_dict() for p in entry.problems], ensure_ascii=False)
        row = _one(cur.execute(
            SQL_IMPORT_LOG_INSERT,
            [
                entry.by, entry.file, entry.sha256, entry.kind, entry.rows, entry.inserted,
                entry.updated, entry.unchanged, entry.status, problems,
            ],
        ))  # fmt: skip
        return int(row[0])

    def log_rejected(self, entry: ImportLogEntry) -> None:
        """Record an import that was refused (only the log changes)."""
        entry.status = "abgelehnt"
        self.transaction(lambda cur: self._log(cur, entry))

    def import_log(self, limit: int = 50) -> pd.DataFrame:
        """The newest import log entries."""
        return self._frame(SQL_IMPORT_LOG, [limit])

    # --- targets ------------------------------------------------------------------------------
    def insert_targets(self, frame: pd.DataFrame, entry: ImportLogEntry | None) -> int:
        """Insert targets that are not yet active with identical content; returns rows added."""
        incoming = frame[TARGET_COLUMNS].copy()

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            import_id = self._log(cur, entry) if entry is not None else None
            cur.register("incoming", incoming)
            added = _one(cur.execute(SQL_TARGET_INSERT_NEW, [import_id]))[0]
            cur.unregister("incoming")
            if entry is not None:
                entry.id, entry.inserted = import_id, int(added)
                entry.unchanged = len(incoming) - int(added)
                entry.status = "ok" if added else "unverändert"
                cur.execute(
                    SQL_IMPORT_LOG_UPDATE,
                    [entry.inserted, 0, entry.unchanged, entry.status, import_id],
                )
            return int(added)

        return self.transaction(work)

    def targets(self, include_retired: bool = False) -> pd.DataFrame:
        """Targets (active ones unless asked otherwise)."""
        return self._frame(SQL_TARGETS, [include_retired])

    # --- measures -----------------------------------------------------------------------------
    def upsert_organisations(self, rows: list[tuple[str, str, str | None]]) -> None:
        """Insert or update organisations (id, name, kind)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for row in rows:
                cur.execute(SQL_ORGANISATION_UPSERT, list(row))

        self.transaction(work)

    def organisations(self) -> pd.DataFrame:
        """All organisations."""
        return self._frame(SQL_ORGANISATIONS)

    def insert_measures(
        self,
        measures: list[dict[str, object]],
        entry: ImportLogEntry | None,
        by: str,
    ) -> int:
        """Insert new measures with links and their event history; skips existing titles."""

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            import_id = self._log(cur, entry) if entry is not None else None
            added = 0
            for m in measures:
                if _one(cur.execute(SQL_MEASURE_FIND, [m["title"]])) is not None:
                    continue
                created = m.get("created_at") or pd.Timestamp.now().floor("s")
                values = [m.get(c) for c in MEASURE_COLUMNS]
                mid = _one(cur.execute(SQL_MEASURE_INSERT, [*values, import_id, created, created]))[
                    0
                ]
                for f in m.get("fields", []):
                    cur.execute(SQL_MEASURE_FIELD_INSERT, [mid, f])
                for g in m.get("goals", []):
                    cur.execute(SQL_MEASURE_GOAL_INSERT, [mid, g])
                for a in m.get("areas", []):
                    cur.execute(SQL_MEASURE_AREA_INSERT, [mid, a])
                events = m.get("events") or [
                    {"at": created, "by": by, "kind": "angelegt", "changes": {}, "comment": None}
                ]
                for ev in events:
                    cur.execute(
                        SQL_MEASURE_EVENT_INSERT,
                        [
                            mid, ev["at"], ev["by"], ev["kind"],
                            json.dumps(ev.get("changes", {}), ensure_ascii=False, default=str),
                            ev.get("comment"),
                        ],
                    )  # fmt: skip
                added += 1
            if entry is not None:
                entry.id, entry.inserted = import_id, added
                entry.unchanged = len(measures) - added
                entry.status = "ok" if added else "unverändert"
                cur.execute(
                    SQL_IMPORT_LOG_UPDATE,
                    [entry.inserted, 0, entry.unchanged, entry.status, import_id],
                )
            return added

        return self.transaction(work)

    def measures(self, include_archived: bool = False) -> pd.DataFrame:
        """Measures with organisation name and their field, goal and area links as lists."""
        return self._frame(SQL_MEASURES, [include_archived])

    def measure_events(self, measure_id: int | None = None) -> pd.DataFrame:
        """The event history (of one measure, or all)."""
        return self._frame(SQL_MEASURE_EVENTS, [measure_id, measure_id])

    # --- targets: create, replace, retire (nothing is overwritten) ---------------------------
    def target(self, target_id: int) -> dict[str, object] | None:
        """One target (active or retired) as a dict."""
        frame = self._frame(SQL_TARGET_BY_ID, [target_id])
        return None if frame.empty else nulls_as_none(frame).iloc[0].to_dict()

    def create_target(self, target: dict[str, object], by: str) -> int:
        """Insert a new active target; returns its id."""
        values = [target.get(c) for c in TARGET_COLUMNS]
        values[TARGET_COLUMNS.index("created_by")] = by
        values[TARGET_COLUMNS.index("is_demo")] = bool(target.get("is_demo", False))
        return self.transaction(
            lambda cur: int(_one(cur.execute(SQL_TARGET_INSERT_ONE, [*values, None]))[0])
        )

    def _retire(
        self, cur: duckdb.DuckDBPyConnection, target_id: int, version: int, by: str, reason: str
    ) -> None:
        if not reason.strip():
            raise LeitbildError("Bitte einen Grund angeben.")
        done = _one(cur.execute(SQL_TARGET_RETIRE, [_now(), by, reason, target_id, version]))[0]
        if done != 1:
            raise ConflictError(
                "Der Zielwert wurde inzwischen von jemand anderem geändert oder ist nicht mehr "
                "aktiv. Bitte neu laden; nichts wurde überschrieben."
            )

    def retire_target(self, target_id: int, version: int, by: str, reason: str) -> None:
        """Retire an active target with a reason (optimistic locking on ``version``)."""
        self.transaction(lambda cur: self._retire(cur, target_id, version, by, reason))

    def replace_target(
        self, target_id: int, version: int, new: dict[str, object], by: str, reason: str
    ) -> int:
        """Edit a target: retire the old version and insert the new one linked to it."""

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            self._retire(cur, target_id, version, by, reason)
            values = [new.get(c) for c in TARGET_COLUMNS]
            values[TARGET_COLUMNS.index("created_by")] = by
            values[TARGET_COLUMNS.index("is_demo")] = bool(new.get("is_demo", False))
            return int(_one(cur.execute(SQL_TARGET_INSERT_ONE, [*values, target_id]))[0])

        return self.transaction(work)

    def target_history(self, target_id: int) -> pd.DataFrame:
        """Every version of a target (its predecessors and successors), oldest first."""
        return self._frame(SQL_TARGET_CHAIN, [target_id, target_id])

    # --- measures: edit with optimistic locking and a full event history -------------------
    def measure(self, measure_id: int) -> dict[str, object] | None:
        """One measure with its links, as a dict."""
        frame = self._frame(SQL_MEASURE_BY_ID, [measure_id])
        if frame.empty:
            return None
        row = nulls_as_none(frame).iloc[0].to_dict()
        for key in MEASURE_LINKS:
            row[key] = list(row[key])
        return row

    def create_measure(self, measure: dict[str, object], by: str) -> int:
        """Insert one new measure with its links and an 'angelegt' event; returns its id."""

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            now = _now()
            values = [measure.get(c) for c in MEASURE_COLUMNS]
            values[MEASURE_COLUMNS.index("is_demo")] = bool(measure.get("is_demo", False))
            mid = int(_one(cur.execute(SQL_MEASURE_INSERT, [*values, None, now, now]))[0])
            for key in MEASURE_LINKS:
                for item in measure.get(key) or []:
                    cur.execute(SQL_LINK_INSERT[key], [mid, item])
            cur.execute(SQL_MEASURE_EVENT_INSERT, [mid, now, by, "angelegt", "{}", None])
            return mid

        return self.transaction(work)

    def update_measure(
        self,
        measure_id: int,
        version: int,
        changes: dict[str, object],
        by: str,
        comment: str | None = None,
        kind: str | None = None,
    ) -> int:
        """Apply changes if nobody saved in between; records before/after; returns new version.

        Raises ConflictError (carrying the current stored version) when ``version`` is stale.
        """
        unknown = set(changes) - {*MEASURE_EDITABLE, *MEASURE_LINKS, "archived"}
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            current = self._measure_in(cur, measure_id)
            if current is None:
                raise LeitbildError(f"Maßnahme {measure_id} gibt es nicht.")
            if current["version"] != version:
                raise MeasureConflictError(current)
            diff = {
                k: [_jsonable(current[k]), _jsonable(v)]
                for k, v in changes.items()
                if _jsonable(current[k]) != _jsonable(v)
            }
            if not diff and not comment:
                return version
            now = _now()
            for key in diff:
                if key in MEASURE_LINKS:
                    cur.execute(SQL_LINK_DELETE[key], [measure_id])
                    for item in changes[key] or []:
                        cur.execute(SQL_LINK_INSERT[key], [measure_id, item])
                else:
                    cur.execute(SQL_MEASURE_SET[key], [changes[key], measure_id])
            cur.execute(SQL_MEASURE_BUMP, [now, measure_id, version])
            event = kind or ("status" if "status" in diff else "geändert" if diff else "kommentar")
            cur.execute(
                SQL_MEASURE_EVENT_INSERT,
                [measure_id, now, by, event, json.dumps(diff, ensure_ascii=False), comment],
            )
            return version + 1

        return self.transaction(work)

    def _measure_in(self, cur: duckdb.DuckDBPyConnection, measure_id: int) -> dict | None:
        frame = cur.execute(SQL_MEASURE_BY_ID, [measure_id]).df()
        if frame.empty:
            return None
        row = nulls_as_none(frame).iloc[0].to_dict()
        for key in MEASURE_LINKS:
            row[key] = sorted(row[key])
        return row

    # --- review protocols ----------------------------------------------------------------------
    def save_protocol(self, review_date: object, content: str, by: str) -> None:
        """Store the protocol of one weekly review (one per date; a later save replaces it)."""
        self.transaction(
            lambda cur: cur.execute(SQL_PROTOCOL_UPSERT, [review_date, content, by, _now()])
        )

    def protocols(self) -> pd.DataFrame:
        """All stored review protocols, newest first."""
        return self._frame(SQL_PROTOCOLS)

    # --- demo data ----------------------------------------------------------------------------
    def delete_demo(self) -> None:
        """Remove everything generated as demo data (real data stays)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in SQL_DELETE_DEMO:
                cur.execute(sql)
            self._stale_all_released(cur)

        self.transaction(work)

    # --- overview -----------------------------------------------------------------------------
    def summary(self) -> dict[str, object]:
        """Counts for the start page: what is loaded, demo or real, last import."""
        with self.cursor() as cur:
            cur.execute(SQL_SUMMARY)
            names = [d[0] for d in cur.description]
            return dict(zip(names, cur.fetchall()[0], strict=True))

    def fingerprint(self) -> dict[str, tuple[int, int]]:
        """Row count and content hash per data table (import_log excluded), to prove no change."""
        with self.cursor() as cur:
            return {t: tuple(_one(cur.execute(sql))) for t, sql in SQL_FINGERPRINT.items()}

    # --- backup and restore (issue 7) ----------------------------------------------------------
    def copy_to(self, target: Path) -> None:
        """Checkpoint and copy the database file while the write lock holds every writer back."""
        # DuckDB lets only this process open the file, and all its writes take this lock: after
        # the checkpoint the file alone (without WAL) is the complete, consistent database
        if not isinstance(self.path, Path):
            raise LeitbildError("Eine PostgreSQL-Datenbank wird mit pg_dump gesichert.")
        with self._write_lock, self.cursor() as cur:
            cur.execute(SQL_CHECKPOINT)
            shutil.copyfile(self.path, target)

    @staticmethod
    def inspect_file(path: Path) -> tuple[list[str], dict[str, tuple[int, int]]]:
        """Migrations and fingerprint of a database file opened read-only; errors if foreign."""
        with path.open("rb") as handle:
            header = handle.read(16)
        if header[8:12] != b"DUCK":
            raise LeitbildError(f"{path.name} ist keine DuckDB-Datenbank.")
        con = Store._open_untrusted(path)
        try:
            if _one(con.execute(SQL_HAS_MIGRATION_TABLE))[0] == 0:
                raise LeitbildError(f"{path.name} ist keine Datenbank des Leitbild-Monitors.")
            names = [r[0] for r in con.execute(SQL_APPLIED_MIGRATIONS).fetchall()]
            prints = {}
            for table, sql in SQL_FINGERPRINT.items():
                try:
                    prints[table] = tuple(_one(con.execute(sql)))
                except duckdb.CatalogException:
                    continue  # an older backup without this table: migrate() adds it
            return names, prints
        finally:
            con.close()

    # --- restore checks: only what the project wrote (issue 20) --------------------------------
    @staticmethod
    def _open_untrusted(path: Path) -> duckdb.DuckDBPyConnection:
        """A read-only connection to a foreign file that can reach no other file or extension."""
        try:
            return duckdb.connect(str(path), read_only=True, config=dict(UNTRUSTED_CONFIG))
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0].replace(str(path), path.name)
            raise LeitbildError(f"{path.name} lässt sich nicht öffnen: {first}") from exc

    @staticmethod
    def _schema_items(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple[str, ...]]]:
        return {
            kind: {tuple(str(v) for v in row) for row in con.execute(sql).fetchall()}
            for kind, sql in queries.SQL_SCHEMA_ITEMS.items()
        }

    @staticmethod
    def file_schema(path: Path) -> dict[str, set[tuple[str, ...]]]:
        """Tables, columns, constraints, views, macros, … of a database file (no data read)."""
        con = Store._open_untrusted(path)
        try:
            return Store._schema_items(con)
        finally:
            con.close()

    @staticmethod
    def reference_schema(migrations: list[str]) -> dict[str, set[tuple[str, ...]]]:
        """The schema these migrations create, built in memory from the code's migrations."""
        con = duckdb.connect(":memory:", config=dict(UNTRUSTED_CONFIG))
        try:
            con.execute(CREATE_MIGRATION_TABLE)
            for name, sql in MIGRATIONS:
                if name in migrations:
                    con.execute(sql)
            return Store._schema_items(con)
        finally:
            con.close()

    @staticmethod
    def file_migrations(path: Path) -> list[str]:
        """The migrations recorded in a database file (call after its schema was checked)."""
        con = Store._open_untrusted(path)
        try:
            return [r[0] for r in con.execute(SQL_APPLIED_MIGRATIONS).fetchall()]
        finally:
            con.close()

    @staticmethod
    def file_summary(path: Path) -> dict[str, object]:
        """Accounts and counts of a database file, to confirm a restore (schema checked first)."""
        con = Store._open_untrusted(path)
        try:
            cur = con.execute(SQL_SUMMARY)
            names = [d[0] for d in cur.description]
            summary = dict(zip(names, cur.fetchone(), strict=True))
            summary["protocols"] = con.execute(queries.SQL_BACKUP_PROTOCOLS).fetchone()[0]
            summary["accounts"] = con.execute(queries.SQL_BACKUP_ACCOUNTS).fetchall()
            return summary
        finally:
            con.close()

    def clear_released(self) -> None:
        """Drop every stored released value (recomputed on next use, e.g. after a restore)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in queries.SQL_RELEASED_CLEAR:
                cur.execute(sql)

        self.transaction(work)

    def setting(self, name: str) -> object:
        """The value of a DuckDB setting on this store's connection."""
        with self.cursor() as cur:
            return cur.execute(queries.SQL_CURRENT_SETTING, [name]).fetchone()[0]

    # --- presentation decks (issue 6) ----------------------------------------------------------
    def decks(self) -> pd.DataFrame:
        """Saved presentation decks (name, version, updated_at, updated_by), by name."""
        return self._frame(queries.SQL_DECKS)

    def deck(self, name: str) -> dict[str, object] | None:
        """One saved deck with its JSON spec and version, or None."""
        frame = self._frame(queries.SQL_DECK, [name])
        return None if frame.empty else nulls_as_none(frame).iloc[0].to_dict()

    def save_deck(self, name: str, spec: str, version: int | None, by: str) -> int:
        """Create (version None) or update a deck if nobody saved in between; new version.

        Raises ConflictError when the name is taken (create) or ``version`` is stale (update).
        """

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            if version is None:
                row = _one(cur.execute(queries.SQL_DECK_INSERT, [name, spec, _now(), by]))
                if row is None:
                    raise ConflictError(
                        f"Eine Präsentation „{name}“ gibt es schon. Bitte laden und dann "
                        "speichern, oder einen anderen Namen wählen."
                    )
                return int(row[0])
            row = _one(cur.execute(queries.SQL_DECK_UPDATE, [spec, _now(), by, name, version]))
            if row is None:
                raise ConflictError(
                    f"Die Präsentation „{name}“ wurde inzwischen von jemand anderem gespeichert "
                    "oder gelöscht. Nichts wurde überschrieben; bitte neu laden."
                )
            return int(row[0])

        return self.transaction(work)

    def delete_deck(self, name: str) -> bool:
        """Delete a saved deck; False when there was none of that name."""
        return self.transaction(
            lambda cur: _one(cur.execute(queries.SQL_DECK_DELETE, [name])) is not None
        )

    # --- logins and roles (issue 7) ------------------------------------------------------------
    def user(self, username: str) -> dict[str, object] | None:
        """One account with its password hash, lockout state and scopes (areas, fields)."""
        frame = self._frame(queries.SQL_USER_BY_NAME, [username])
        if frame.empty:
            return None
        row = nulls_as_none(frame).iloc[0].to_dict()
        for key in ("areas", "fields"):
            row[key] = [] if row[key] is None else list(row[key])
        return row

    def users(self) -> pd.DataFrame:
        """All accounts without password hashes (username, role, scopes, lockout state)."""
        return self._frame(queries.SQL_USERS)

    def add_user(
        self,
        username: str,
        display_name: str,
        role: str,
        password_hash: str | None,
        areas: list[str],
        fields: list[str],
    ) -> None:
        """Create an account (hash None: login only through the city's identity provider)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if _one(cur.execute(queries.SQL_USER_BY_NAME, [username])) is not None:
                raise ConflictError(f"Das Konto „{username}“ gibt es schon.")
            cur.execute(queries.SQL_USER_INSERT, [username, display_name, role, password_hash])
            self._write_scopes(cur, username, areas, fields)

        self.transaction(work)

    @staticmethod
    def _write_scopes(
        cur: duckdb.DuckDBPyConnection, username: str, areas: list[str], fields: list[str]
    ) -> None:
        cur.execute(queries.SQL_USER_SCOPE_DELETE, [username])
        for kind, values in (("area", areas), ("field", fields)):
            for value in sorted(set(values)):
                cur.execute(queries.SQL_USER_SCOPE_INSERT, [username, kind, value])

    def set_user_role(
        self, username: str, role: str, areas: list[str] | None, fields: list[str] | None
    ) -> None:
        """Change an account's role; scopes are replaced when given (None keeps them)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            current = cur.execute(queries.SQL_USER_BY_NAME, [username]).df()
            if current.empty:
                raise LeitbildError(f"Das Konto „{username}“ gibt es nicht.")
            cur.execute(queries.SQL_USER_SET_ROLE, [role, _now(), username])
            if areas is not None or fields is not None:
                row = nulls_as_none(current).iloc[0]
                keep_areas = [] if row["areas"] is None else list(row["areas"])
                keep_fields = [] if row["fields"] is None else list(row["fields"])
                self._write_scopes(
                    cur,
                    username,
                    keep_areas if areas is None else areas,
                    keep_fields if fields is None else fields,
                )

        self.transaction(work)

    def set_user_disabled(self, username: str, disabled: bool) -> None:
        """Disable (or enable) an account; a disabled account cannot log in any more."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if _one(cur.execute(queries.SQL_USER_BY_NAME, [username])) is None:
                raise LeitbildError(f"Das Konto „{username}“ gibt es nicht.")
            cur.execute(queries.SQL_USER_SET_DISABLED, [disabled, _now(), username])

        self.transaction(work)

    def set_user_password(self, username: str, password_hash: str) -> None:
        """Store a new password hash (and lift a lockout)."""
        self.transaction(
            lambda cur: cur.execute(
                queries.SQL_USER_SET_PASSWORD, [password_hash, _now(), username]
            )
        )

    def record_login(self, username: str, ok: bool, max_failures: int, lock_until: object) -> None:
        """Count a failed login (locking the account at ``max_failures``) or reset on success."""
        if ok:
            sql, params = queries.SQL_USER_LOGIN_OK, [_now(), username]
        else:
            sql, params = queries.SQL_USER_LOGIN_FAILED, [max_failures, lock_until, username]
        self.transaction(lambda cur: cur.execute(sql, params))

    def begin_login(
        self, username: str, now: object, max_failures: int, lock_until: object
    ) -> tuple[dict[str, object] | None, bool]:
        """The account and whether its password may be checked; counts the attempt as failed.

        Lock check and count happen in one transaction (issue 20): parallel attempts cannot
        check more passwords than ``max_failures``. A locked account is not counted (False).
        """

        def work(cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, object] | None, bool]:
            frame = cur.execute(queries.SQL_USER_BY_NAME, [username]).df()
            if frame.empty:
                return None, False
            record = nulls_as_none(frame).iloc[0].to_dict()
            for key in ("areas", "fields"):
                record[key] = [] if record[key] is None else list(record[key])
            locked = record["locked_until"]
            if locked is not None and pd.Timestamp(now) < pd.Timestamp(locked):
                return record, False
            cur.execute(queries.SQL_USER_LOGIN_FAILED, [max_failures, lock_until, username])
            return record, True

        return self.transaction(work)

    def claim_roles(self, values: list[str]) -> pd.DataFrame:
        """Rows of the claim → role mapping whose claim value is one of ``values``."""
        return self._frame(queries.SQL_CLAIM_ROLES, [values])

    def claim_map(self) -> pd.DataFrame:
        """The whole claim → role mapping table."""
        return self._frame(queries.SQL_CLAIM_MAP_ALL)

    def map_claim(self, value: str, role: str, areas: list[str], fields: list[str]) -> None:
        """Map a claim value (e.g. a group of the city's login) to a role and scope."""
        self.transaction(
            lambda cur: cur.execute(
                queries.SQL_CLAIM_MAP_UPSERT, [value, role, sorted(areas), sorted(fields)]
            )
        )

    def log_access(self, username: str, action: str, detail: str | None = None) -> None:
        """Record a login, logout or raw-value view in the access log."""
        self.transaction(
            lambda cur: cur.execute(
                queries.SQL_ACCESS_LOG_INSERT, [_now(), username, action, detail]
            )
        )

    def access_log(self, limit: int = 100) -> pd.DataFrame:
        """The newest access log entries."""
        return self._frame(queries.SQL_ACCESS_LOG, [limit])

    # --- data care in the app: preview diff, undoable imports, data version (issue 13) ----------
    @staticmethod
    def _dc_incoming(
        cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame
    ) -> tuple[pd.DataFrame, list[str], str]:
        """The rows as the write sees them, the columns it compares, and the row type as JSON.

        Read from the table itself, so columns added by later migrations (notes, a series
        break) are compared and kept like the others when the frame carries them.
        """
        types, _text = Store._dc_types(cur)
        incoming = _incoming_observations(frame)  # the defaults the write itself uses
        for column in types:
            if column not in incoming and column in frame and column != "import_id":
                incoming[column] = frame[column]
        keys = {*queries.OBSERVATION_KEY, "import_id"}
        compared = [c for c in types if c not in keys and c in incoming]
        return incoming, compared, _text

    @staticmethod
    def _dc_types(cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], str]:
        """The observation table's columns with their types, and the same as JSON."""
        types = dict(cur.execute(queries.SQL_DC_OBSERVATION_COLUMNS).fetchall())
        return types, json.dumps(types)

    def observation_diff(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Each incoming observation beside the stored one: old/new value and flag, and a status
        ``new``, ``changed`` or ``unchanged`` (the rule the write uses). Writes nothing."""
        with self.cursor() as cur:
            incoming, compared, _types = self._dc_incoming(cur, frame)
            cur.register("incoming", incoming)
            try:
                return cur.execute(queries.dc_observation_diff(compared)).df()
            finally:
                cur.unregister("incoming")

    def _snapshot(
        self, kind: str, layer: str | None, keep: Callable[[duckdb.DuckDBPyConnection, str], None]
    ) -> str:
        """Open a snapshot (token) and keep what the coming write replaces; returns the token."""
        token = uuid.uuid4().hex

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in queries.SQL_DC_SNAPSHOT_ORPHANS:
                cur.execute(sql)
            cur.execute(queries.SQL_DC_SNAPSHOT_INSERT, [token, kind, layer])
            keep(cur, token)

        self.transaction(work)
        return token

    def _close_snapshot(self, token: str, entry: ImportLogEntry | None) -> None:
        """Link the snapshot to the import that was written, or drop it (nothing to undo)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if entry is not None and entry.id is not None and entry.status == "ok":
                cur.execute(queries.SQL_DC_SNAPSHOT_LINK, [entry.id, token])
            else:
                for sql in queries.SQL_DC_SNAPSHOT_DROP:
                    cur.execute(sql, [token])

        self.transaction(work)

    def write_observations_undoable(
        self,
        frame: pd.DataFrame,
        entry: ImportLogEntry,
        group_labels: dict[str, str] | None = None,
    ) -> ImportLogEntry:
        """``write_observations``, keeping the rows it replaces for an undo.

        The rows it adds need no copy: they carry the import's id. The snapshot is taken under
        the same write lock, so nothing changes in between; it is linked to the import right
        after the write (an import that dies in between leaves an unlinked snapshot, dropped by
        the next one, and is simply not undoable).
        """

        def keep(cur: duckdb.DuckDBPyConnection, token: str) -> None:
            incoming, compared, _types = self._dc_incoming(cur, frame)
            cur.register("incoming", incoming)
            cur.execute(queries.dc_observation_snapshot(compared), [token])
            cur.unregister("incoming")

        with self._write_lock:
            token = self._snapshot("observations", None, keep)
            result: ImportLogEntry | None = None
            try:
                result = self.write_observations(frame, entry, group_labels)
            finally:
                self._close_snapshot(token, result)
        return result

    def replace_geometry_undoable(
        self,
        layer: str,
        frame: pd.DataFrame,
        entry: ImportLogEntry,
        new_areas: pd.DataFrame | None = None,
    ) -> ImportLogEntry:
        """``replace_geometry``, keeping the layer as it was for an undo (see above).

        Areas of a finer level that the import created stay after an undo (observations may
        refer to them); only the shapes return to what they were.
        """

        def keep(cur: duckdb.DuckDBPyConnection, token: str) -> None:
            cur.execute(queries.SQL_DC_GEOMETRY_SNAPSHOT, [token, layer])

        with self._write_lock:
            token = self._snapshot("areas", layer, keep)
            result: ImportLogEntry | None = None
            try:
                result = self.replace_geometry(layer, frame, entry, new_areas)
            finally:
                self._close_snapshot(token, result)
        return result

    @staticmethod
    def _later_imports_message(rows: list[tuple[object, int]]) -> str:
        later = ", ".join(f"Nr. {i}" for i, _ in rows)
        return (
            "Dieser Import lässt sich nicht mehr rückgängig machen: "
            f"{sum(n for _, n in rows)} seiner Werte wurden seitdem durch Import {later} geändert. "
            "Bitte zuerst die späteren Importe rückgängig machen; nichts wurde geändert."
        )

    def _undo_observations(
        self, cur: duckdb.DuckDBPyConnection, import_id: int, token: str
    ) -> tuple[int, int]:
        params = [import_id, import_id]
        conflicts = cur.execute(queries.SQL_DC_OBSERVATION_UNDO_CONFLICTS, params).fetchall()
        if conflicts:
            raise ConflictError(Store._later_imports_message(conflicts))
        written = _first(cur, queries.SQL_DC_OBSERVATION_OF_IMPORT, [import_id])[0]
        restored = _first(cur, queries.SQL_DC_OBSERVATION_UNDO_COUNT, [token])[0]
        indicators = cur.execute(
            queries.SQL_DC_OBSERVATION_UNDO_INDICATORS, [import_id, token]
        ).df()
        _columns, row_type = self._dc_types(cur)
        cur.execute(queries.SQL_DC_OBSERVATION_UNDO_DELETE, [import_id])
        cur.execute(queries.SQL_DC_OBSERVATION_UNDO_RESTORE, [row_type, token])
        # the released values of these indicators (and shares built on them) are computed anew
        cur.register("incoming", indicators)
        cur.execute(queries.SQL_RELEASED_STALE_INCOMING)
        cur.unregister("incoming")
        cur.execute(queries.SQL_OBSERVATION_VERSION_BUMP)
        return int(restored), int(written) - int(restored)

    @staticmethod
    def _undo_geometry(
        cur: duckdb.DuckDBPyConnection, import_id: int, token: str, layer: str
    ) -> tuple[int, int]:
        later = cur.execute(queries.SQL_DC_GEOMETRY_LAYER_IMPORTS, [layer, import_id]).fetchall()
        if later:
            raise ConflictError(Store._later_imports_message(later))
        current = _first(cur, queries.SQL_DC_GEOMETRY_LAYER_COUNT, [layer])[0]
        cur.execute(SQL_GEOMETRY_DELETE_LAYER, [layer])
        cur.execute(queries.SQL_DC_GEOMETRY_UNDO_RESTORE, [layer, token])
        restored = _first(cur, queries.SQL_DC_GEOMETRY_UNDO_COUNT, [token])[0]
        return int(restored), int(current)

    @staticmethod
    def _undo_targets(cur: duckdb.DuckDBPyConnection, import_id: int, file: str, by: str) -> int:
        """Retire the targets the import added (never deleted: the history keeps them)."""
        active, inactive = _first(cur, queries.SQL_DC_TARGETS_OF_IMPORT, [import_id])
        if inactive:
            raise ConflictError(
                f"Dieser Import lässt sich nicht mehr rückgängig machen: {inactive} seiner "
                "Zielwerte wurden seitdem geändert oder beendet. Nichts wurde geändert."
            )
        reason = f"Import Nr. {import_id} ({file}) rückgängig gemacht"
        cur.execute(queries.SQL_DC_TARGETS_RETIRE, [_now(), by, reason, import_id])
        return int(active)

    @staticmethod
    def _undo_measures(cur: duckdb.DuckDBPyConnection, import_id: int, file: str, by: str) -> int:
        """Archive the measures the import added, each with an event (archiving is reversible)."""
        rows = cur.execute(queries.SQL_DC_MEASURES_OF_IMPORT, [import_id]).fetchall()
        edited = [mid for mid, archived, version in rows if archived or version != 1]
        if edited:
            raise ConflictError(
                f"Dieser Import lässt sich nicht mehr rückgängig machen: {len(edited)} seiner "
                "Maßnahmen wurden seitdem bearbeitet oder archiviert. Nichts wurde geändert."
            )
        now, comment = _now(), f"Import Nr. {import_id} ({file}) rückgängig gemacht"
        for mid, _archived, _version in rows:
            cur.execute(queries.SQL_DC_MEASURE_ARCHIVE, [now, mid])
            changes = json.dumps({"archived": [False, True]})
            cur.execute(SQL_MEASURE_EVENT_INSERT, [mid, now, by, "archiviert", changes, comment])
        return len(rows)

    def undo_import(self, import_id: int, by: str) -> ImportLogEntry:
        """Put back what one import replaced, in one transaction, and log the undo itself.

        Refused (ConflictError, nothing changed) when the import was undone already, kept nothing to
        undo, or a later import has changed its values since.
        """

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry:
            row = _first(cur, queries.SQL_DC_IMPORT_BY_ID, [import_id])
            if row is None:
                raise LeitbildError(f"Einen Import Nr. {import_id} gibt es nicht.")
            file, sha, kind = row[3], row[4], row[5]
            if _first(cur, queries.SQL_DC_UNDONE, [import_id]) is not None:
                raise ConflictError(
                    f"Import Nr. {import_id} ({file}) ist schon rückgängig gemacht."
                )
            snapshot = _first(cur, queries.SQL_DC_SNAPSHOT_OF, [import_id])
            if snapshot is not None and snapshot[1] == "observations":
                restored, removed = self._undo_observations(cur, import_id, snapshot[0])
            elif snapshot is not None and snapshot[1] == "areas":
                restored, removed = self._undo_geometry(cur, import_id, snapshot[0], snapshot[2])
            elif kind == "targets" and sum(
                _first(cur, queries.SQL_DC_TARGETS_OF_IMPORT, [import_id])
            ):
                restored, removed = 0, self._undo_targets(cur, import_id, file, by)
            elif kind == "measures" and _first(cur, queries.SQL_DC_MEASURES_OF_IMPORT, [import_id]):
                restored, removed = 0, self._undo_measures(cur, import_id, file, by)
            else:
                raise ConflictError(
                    f"Import Nr. {import_id} ({file}) hat nichts geändert, was sich rückgängig "
                    "machen ließe."
                )
            entry = ImportLogEntry(
                by=by, file=file, sha256=sha, kind="undo", rows=restored + removed,
                updated=restored, inserted=0, unchanged=0, status="ok",
            )  # fmt: skip
            entry.id = self._log(cur, entry)
            cur.execute(
                queries.SQL_DC_UNDO_INSERT, [import_id, entry.id, _now(), by, restored, removed]
            )
            return entry

        return self.transaction(work)

    def import_history(self, limit: int = 50) -> pd.DataFrame:
        """The newest import log entries with their undo state (undone by, undoes, undoable)."""
        return self._frame(queries.SQL_DC_IMPORT_LOG, [limit])

    def data_version(self) -> str:
        """A short text that changes with every import, undo and catalogue change (cache key)."""
        with self.cursor() as cur:
            return str(_first(cur, queries.SQL_DC_DATA_VERSION, [])[0])


def _first(cur: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> tuple | None:
    """The first row of a query, read to the end so the cursor is free for the next statement."""
    rows = cur.execute(sql, params).fetchall()
    return rows[0] if rows else None
