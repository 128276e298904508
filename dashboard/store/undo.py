"""Undoable imports: snapshots of what an import replaces, and the undo itself."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import duckdb
import pandas as pd

from dashboard.errors import ConflictError, LeitbildError
from dashboard.store.db import current_time, first_row
from dashboard.store.geometry import SQL_GEOMETRY_DELETE_LAYER, GeometryRepository
from dashboard.store.importlog import ImportLogEntry, log_import
from dashboard.store.measures import SQL_MEASURE_EVENT_INSERT
from dashboard.store.observations import (
    ObservationRepository,
    dc_changed,
    incoming_compared,
    observation_types,
)
from dashboard.store.released import SQL_OBSERVATION_VERSION_BUMP, SQL_RELEASED_STALE_INCOMING

# A snapshot is written under a token before its import and linked to the import right after;
# tokens never linked (the import died in between) are dropped by the next snapshot.
SQL_DC_SNAPSHOT_ORPHANS = (
    "DELETE FROM observation_undo WHERE token IN "
    "(SELECT token FROM undo_snapshot WHERE import_id IS NULL)",
    "DELETE FROM geometry_undo WHERE token IN "
    "(SELECT token FROM undo_snapshot WHERE import_id IS NULL)",
    "DELETE FROM undo_snapshot WHERE import_id IS NULL",
)
SQL_DC_SNAPSHOT_INSERT = "INSERT INTO undo_snapshot VALUES (?, NULL, ?, ?)"
SQL_DC_SNAPSHOT_LINK = "UPDATE undo_snapshot SET import_id = ? WHERE token = ?"
SQL_DC_SNAPSHOT_DROP = (
    "DELETE FROM observation_undo WHERE token = ?",
    "DELETE FROM geometry_undo WHERE token = ?",
    "DELETE FROM undo_snapshot WHERE token = ?",
)
SQL_DC_SNAPSHOT_OF = "SELECT token, kind, layer FROM undo_snapshot WHERE import_id = ?"


def dc_observation_snapshot(columns: list[str]) -> str:
    """Keep every stored row the incoming rows will change (new rows carry the import's id)."""
    return f"""
INSERT INTO observation_undo
SELECT ?, i.indicator_id, i.area_code, i.period, i.grp, to_json(o)::VARCHAR
FROM incoming i
JOIN observation o USING (indicator_id, area_code, period, grp)
WHERE {dc_changed(columns)}
"""


# rows the import wrote that a later import (not undone) replaced since: undo that one first
SQL_DC_OBSERVATION_UNDO_CONFLICTS = """
SELECT s.import_id, count(*) AS n
FROM observation_undo u
JOIN undo_snapshot s USING (token)
WHERE s.import_id > ?
  AND s.import_id NOT IN (SELECT import_id FROM import_undo)
  AND TRY_CAST(u.old_row::JSON ->> 'import_id' AS INTEGER) = ?
GROUP BY s.import_id ORDER BY s.import_id
"""
SQL_DC_OBSERVATION_OF_IMPORT = "SELECT count(*) FROM observation WHERE import_id = ?"
SQL_DC_OBSERVATION_UNDO_COUNT = "SELECT count(*) FROM observation_undo WHERE token = ?"
SQL_DC_OBSERVATION_UNDO_INDICATORS = """
SELECT DISTINCT indicator_id FROM observation WHERE import_id = ?
UNION SELECT DISTINCT indicator_id FROM observation_undo WHERE token = ?
"""
SQL_DC_OBSERVATION_UNDO_DELETE = "DELETE FROM observation WHERE import_id = ?"
# the parameter is the row type as JSON ({"column": "TYPE", …}) read from information_schema
SQL_DC_OBSERVATION_UNDO_RESTORE = """
INSERT OR REPLACE INTO observation BY NAME
SELECT unnest(json_transform(old_row, ?)) FROM observation_undo WHERE token = ?
"""
SQL_DC_GEOMETRY_SNAPSHOT = """
INSERT INTO geometry_undo
SELECT ?, area_code, wkb, import_id FROM area_geometry WHERE layer = ?
"""
# rows of the layer another import wrote (every geometry import replaces the whole layer)
SQL_DC_GEOMETRY_LAYER_IMPORTS = """
SELECT import_id, count(*) FROM area_geometry
WHERE layer = ? AND import_id IS DISTINCT FROM ? GROUP BY import_id ORDER BY import_id
"""
SQL_DC_GEOMETRY_UNDO_RESTORE = """
INSERT INTO area_geometry (layer, area_code, wkb, import_id)
SELECT ?, area_code, wkb, old_import_id FROM geometry_undo WHERE token = ?
"""
SQL_DC_GEOMETRY_UNDO_COUNT = "SELECT count(*) FROM geometry_undo WHERE token = ?"
SQL_DC_IMPORT_BY_ID = """
SELECT id, logged_at, actor, file, sha256, kind, rows, inserted, updated, unchanged, status
FROM import_log WHERE id = ?
"""
SQL_DC_UNDO_INSERT = "INSERT INTO import_undo VALUES (?, ?, ?, ?, ?, ?)"
SQL_DC_UNDONE = "SELECT undo_id FROM import_undo WHERE import_id = ?"
SQL_DC_GEOMETRY_LAYER_COUNT = "SELECT count(*) FROM area_geometry WHERE layer = ?"
# targets and measures an import added: undone by retiring / archiving them (history stays)
SQL_DC_TARGETS_OF_IMPORT = """
SELECT count(*) FILTER (WHERE active), count(*) FILTER (WHERE NOT active)
FROM target WHERE import_id = ?
"""
SQL_DC_TARGETS_RETIRE = """
UPDATE target SET active = false, retired_at = ?, retired_by = ?, retire_reason = ?,
    version = version + 1
WHERE import_id = ? AND active
"""
SQL_DC_MEASURES_OF_IMPORT = """
SELECT id, archived, version FROM measure WHERE import_id = ? ORDER BY id
"""
SQL_DC_MEASURE_ARCHIVE = """
UPDATE measure SET archived = true, version = version + 1, updated_at = ? WHERE id = ?
"""


def later_imports_message(rows: list[tuple[object, int]]) -> str:
    """Why an import can no longer be undone: the later imports that changed its values."""
    later = ", ".join(f"Nr. {i}" for i, _ in rows)
    return (
        "Dieser Import lässt sich nicht mehr rückgängig machen: "
        f"{sum(n for _, n in rows)} seiner Werte wurden seitdem durch Import {later} geändert. "
        "Bitte zuerst die späteren Importe rückgängig machen; nichts wurde geändert."
    )


class UndoRepository(ObservationRepository, GeometryRepository):
    """Imports that can be undone, and their undo."""

    def _snapshot(
        self, kind: str, layer: str | None, keep: Callable[[duckdb.DuckDBPyConnection, str], None]
    ) -> str:
        """Open a snapshot (token) and keep what the coming write replaces; returns the token."""
        token = uuid.uuid4().hex

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in SQL_DC_SNAPSHOT_ORPHANS:
                cur.execute(sql)
            cur.execute(SQL_DC_SNAPSHOT_INSERT, [token, kind, layer])
            keep(cur, token)

        self.transaction(work)
        return token

    def _close_snapshot(self, token: str, entry: ImportLogEntry | None) -> None:
        """Link the snapshot to the import that was written, or drop it (nothing to undo)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if entry is not None and entry.id is not None and entry.status == "ok":
                cur.execute(SQL_DC_SNAPSHOT_LINK, [entry.id, token])
            else:
                for sql in SQL_DC_SNAPSHOT_DROP:
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
            incoming, compared, _types = incoming_compared(cur, frame)
            cur.register("incoming", incoming)
            cur.execute(dc_observation_snapshot(compared), [token])
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
            cur.execute(SQL_DC_GEOMETRY_SNAPSHOT, [token, layer])

        with self._write_lock:
            token = self._snapshot("areas", layer, keep)
            result: ImportLogEntry | None = None
            try:
                result = self.replace_geometry(layer, frame, entry, new_areas)
            finally:
                self._close_snapshot(token, result)
        return result

    def _undo_observations(
        self, cur: duckdb.DuckDBPyConnection, import_id: int, token: str
    ) -> tuple[int, int]:
        params = [import_id, import_id]
        conflicts = cur.execute(SQL_DC_OBSERVATION_UNDO_CONFLICTS, params).fetchall()
        if conflicts:
            raise ConflictError(later_imports_message(conflicts))
        written = first_row(cur, SQL_DC_OBSERVATION_OF_IMPORT, [import_id])[0]
        restored = first_row(cur, SQL_DC_OBSERVATION_UNDO_COUNT, [token])[0]
        indicators = cur.execute(SQL_DC_OBSERVATION_UNDO_INDICATORS, [import_id, token]).df()
        _columns, row_type = observation_types(cur)
        cur.execute(SQL_DC_OBSERVATION_UNDO_DELETE, [import_id])
        cur.execute(SQL_DC_OBSERVATION_UNDO_RESTORE, [row_type, token])
        # the released values of these indicators (and shares built on them) are computed anew
        cur.register("incoming", indicators)
        cur.execute(SQL_RELEASED_STALE_INCOMING)
        cur.unregister("incoming")
        cur.execute(SQL_OBSERVATION_VERSION_BUMP)
        return int(restored), int(written) - int(restored)

    @staticmethod
    def _undo_geometry(
        cur: duckdb.DuckDBPyConnection, import_id: int, token: str, layer: str
    ) -> tuple[int, int]:
        later = cur.execute(SQL_DC_GEOMETRY_LAYER_IMPORTS, [layer, import_id]).fetchall()
        if later:
            raise ConflictError(later_imports_message(later))
        current = first_row(cur, SQL_DC_GEOMETRY_LAYER_COUNT, [layer])[0]
        cur.execute(SQL_GEOMETRY_DELETE_LAYER, [layer])
        cur.execute(SQL_DC_GEOMETRY_UNDO_RESTORE, [layer, token])
        restored = first_row(cur, SQL_DC_GEOMETRY_UNDO_COUNT, [token])[0]
        return int(restored), int(current)

    @staticmethod
    def _undo_targets(cur: duckdb.DuckDBPyConnection, import_id: int, file: str, by: str) -> int:
        """Retire the targets the import added (never deleted: the history keeps them)."""
        active, inactive = first_row(cur, SQL_DC_TARGETS_OF_IMPORT, [import_id])
        if inactive:
            raise ConflictError(
                f"Dieser Import lässt sich nicht mehr rückgängig machen: {inactive} seiner "
                "Zielwerte wurden seitdem geändert oder beendet. Nichts wurde geändert."
            )
        reason = f"Import Nr. {import_id} ({file}) rückgängig gemacht"
        cur.execute(SQL_DC_TARGETS_RETIRE, [current_time(), by, reason, import_id])
        return int(active)

    @staticmethod
    def _undo_measures(cur: duckdb.DuckDBPyConnection, import_id: int, file: str, by: str) -> int:
        """Archive the measures the import added, each with an event (archiving is reversible)."""
        rows = cur.execute(SQL_DC_MEASURES_OF_IMPORT, [import_id]).fetchall()
        edited = [mid for mid, archived, version in rows if archived or version != 1]
        if edited:
            raise ConflictError(
                f"Dieser Import lässt sich nicht mehr rückgängig machen: {len(edited)} seiner "
                "Maßnahmen wurden seitdem bearbeitet oder archiviert. Nichts wurde geändert."
            )
        now, comment = current_time(), f"Import Nr. {import_id} ({file}) rückgängig gemacht"
        for mid, _archived, _version in rows:
            cur.execute(SQL_DC_MEASURE_ARCHIVE, [now, mid])
            changes = json.dumps({"archived": [False, True]})
            cur.execute(SQL_MEASURE_EVENT_INSERT, [mid, now, by, "archiviert", changes, comment])
        return len(rows)

    def undo_import(self, import_id: int, by: str) -> ImportLogEntry:
        """Put back what one import replaced, in one transaction, and log the undo itself.

        Refused (ConflictError, nothing changed) when the import was undone already, kept nothing to
        undo, or a later import has changed its values since.
        """

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry:
            row = first_row(cur, SQL_DC_IMPORT_BY_ID, [import_id])
            if row is None:
                raise LeitbildError(f"Einen Import Nr. {import_id} gibt es nicht.")
            file, sha, kind = row[3], row[4], row[5]
            if first_row(cur, SQL_DC_UNDONE, [import_id]) is not None:
                raise ConflictError(
                    f"Import Nr. {import_id} ({file}) ist schon rückgängig gemacht."
                )
            snapshot = first_row(cur, SQL_DC_SNAPSHOT_OF, [import_id])
            if snapshot is not None and snapshot[1] == "observations":
                restored, removed = self._undo_observations(cur, import_id, snapshot[0])
            elif snapshot is not None and snapshot[1] == "areas":
                restored, removed = self._undo_geometry(cur, import_id, snapshot[0], snapshot[2])
            elif kind == "targets" and sum(first_row(cur, SQL_DC_TARGETS_OF_IMPORT, [import_id])):
                restored, removed = 0, self._undo_targets(cur, import_id, file, by)
            elif kind == "measures" and first_row(cur, SQL_DC_MEASURES_OF_IMPORT, [import_id]):
                restored, removed = 0, self._undo_measures(cur, import_id, file, by)
            else:
                raise ConflictError(
                    f"Import Nr. {import_id} ({file}) hat nichts geändert, was sich rückgängig "
                    "machen ließe."
                )
            entry = ImportLogEntry(
                by=by,
                file=file,
                sha256=sha,
                kind="undo",
                rows=restored + removed,
                updated=restored,
                inserted=0,
                unchanged=0,
                status="ok",
            )
            entry.id = log_import(cur, entry)
            cur.execute(
                SQL_DC_UNDO_INSERT, [import_id, entry.id, current_time(), by, restored, removed]
            )
            return entry

        return self.transaction(work)
