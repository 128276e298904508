"""The import log: what each import reported, its undo state and the data version."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from dashboard.errors import Problem
from dashboard.store.db import Database, first_row, one_row

SQL_IMPORT_LOG_INSERT = """
INSERT INTO import_log
    (actor, file, sha256, kind, rows, inserted, updated, unchanged, status, problems)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""
SQL_IMPORT_LOG_UPDATE = """
UPDATE import_log SET inserted = ?, updated = ?, unchanged = ?, status = ? WHERE id = ?
"""
SQL_IMPORT_LOG_SINCE = """
SELECT id, logged_at, file, kind, status FROM import_log WHERE logged_at >= ? ORDER BY id DESC
"""
# the imports that brought one area's stored values (what's new for a district)
SQL_AREA_IMPORT_IDS = """
SELECT DISTINCT import_id FROM observation WHERE area_code = ? AND import_id IS NOT NULL
"""
SQL_IMPORT_LOG = """
SELECT id, logged_at, actor, file, sha256, kind, rows, inserted, updated, unchanged, status,
       problems
FROM import_log ORDER BY id DESC LIMIT ?
"""
# the log with what each entry undid or was undone by, and whether it can be undone now
SQL_DC_IMPORT_LOG = """
SELECT l.id, l.logged_at, l.actor, l.file, l.sha256, l.kind, l.rows, l.inserted, l.updated,
       l.unchanged, l.status, l.problems,
       u.undo_id AS undone_by_id, u.undone_at, u.undone_by,
       r.import_id AS undoes_id, r.restored AS undo_restored, r.removed AS undo_removed,
       u.import_id IS NULL AND (
           (l.status = 'ok' AND EXISTS (SELECT 1 FROM undo_snapshot s WHERE s.import_id = l.id))
           OR EXISTS (SELECT 1 FROM target t WHERE t.import_id = l.id AND t.active)
           OR EXISTS (SELECT 1 FROM measure m WHERE m.import_id = l.id AND NOT m.archived)
       ) AS undoable
FROM import_log l
LEFT JOIN import_undo u ON u.import_id = l.id
LEFT JOIN import_undo r ON r.undo_id = l.id
ORDER BY l.id DESC LIMIT ?
"""
# changes with every import, undo and catalogue change: the key of the app's data caches
SQL_DC_DATA_VERSION = """
SELECT coalesce((SELECT value FROM meta WHERE key = 'observation_version'), '0') || ':'
       || coalesce((SELECT max(id) FROM import_log), 0)::VARCHAR
"""


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


def sha256_of(data: bytes) -> str:
    """Hex sha256 of file content, as recorded in the import log."""
    return hashlib.sha256(data).hexdigest()


def log_import(cur: duckdb.DuckDBPyConnection, entry: ImportLogEntry) -> int:
    """Write one import log entry inside the caller's transaction; returns its id."""
    problems = json.dumps([p.as_dict() for p in entry.problems], ensure_ascii=False)
    row = one_row(
        cur.execute(
            SQL_IMPORT_LOG_INSERT,
            [
                entry.by,
                entry.file,
                entry.sha256,
                entry.kind,
                entry.rows,
                entry.inserted,
                entry.updated,
                entry.unchanged,
                entry.status,
                problems,
            ],
        )
    )
    return int(row[0])


class ImportLogRepository(Database):
    """Reads the import log and records refused imports."""

    def log_rejected(self, entry: ImportLogEntry) -> None:
        """Record an import that was refused (only the log changes)."""
        entry.status = "abgelehnt"
        self.transaction(lambda cur: log_import(cur, entry))

    def import_log(self, limit: int = 50) -> pd.DataFrame:
        """The newest import log entries."""
        return self._frame(SQL_IMPORT_LOG, [limit])

    def import_history(self, limit: int = 50) -> pd.DataFrame:
        """The newest import log entries with their undo state (undone by, undoes, undoable)."""
        return self._frame(SQL_DC_IMPORT_LOG, [limit])

    def imports_since(self, since: dt.date) -> pd.DataFrame:
        """Import log entries logged on or after ``since`` (id, logged_at, file, kind, status)."""
        return self._frame(SQL_IMPORT_LOG_SINCE, [dt.datetime.combine(since, dt.time())])

    def area_import_ids(self, area_code: str) -> set[int]:
        """Ids of the imports whose values for ``area_code`` are stored now."""
        frame = self._frame(SQL_AREA_IMPORT_IDS, [area_code])
        return {int(i) for i in frame["import_id"]}

    def data_version(self) -> str:
        """A short text that changes with every import, undo and catalogue change (cache key)."""
        with self.cursor() as cur:
            return str(first_row(cur, SQL_DC_DATA_VERSION, [])[0])
