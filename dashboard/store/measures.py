"""Measures and organisations: imports, edits with optimistic locking, event history."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from dashboard.errors import ConflictError, LeitbildError
from dashboard.frames import nulls_as_none
from dashboard.store.db import Database, current_time, one_row
from dashboard.store.importlog import SQL_IMPORT_LOG_UPDATE, ImportLogEntry, log_import

MEASURE_COLUMNS = [
    "title", "description", "status", "organisation_id", "contact", "partners", "planned_start",
    "planned_end", "actual_start", "actual_end", "progress", "reach", "budget", "origin",
    "last_reviewed", "next_step", "next_step_date", "notes", "is_demo",
]  # fmt: skip
SQL_MEASURE_INSERT = f"""
INSERT INTO measure ({", ".join(MEASURE_COLUMNS)}, import_id, created_at, updated_at)
VALUES ({", ".join("?" for _ in MEASURE_COLUMNS)}, ?, ?, ?)
RETURNING id
"""
SQL_MEASURE_FIND = "SELECT id FROM measure WHERE title = ? AND NOT archived"
SQL_MEASURE_FIELD_INSERT = "INSERT OR IGNORE INTO measure_field VALUES (?, ?)"
SQL_MEASURE_GOAL_INSERT = "INSERT OR IGNORE INTO measure_goal VALUES (?, ?)"
SQL_MEASURE_AREA_INSERT = "INSERT OR IGNORE INTO measure_area VALUES (?, ?)"
SQL_MEASURE_EVENT_INSERT = """
INSERT INTO measure_event (measure_id, happened_at, actor, kind, changes, comment)
VALUES (?, ?, ?, ?, ?, ?)
"""
SQL_MEASURES = """
SELECT m.id, m.title, m.description, m.status, m.organisation_id, org.name AS organisation,
       m.contact, m.partners, m.planned_start, m.planned_end, m.actual_start, m.actual_end,
       m.progress, m.reach, m.budget, m.origin, m.last_reviewed, m.next_step, m.next_step_date,
       m.notes, m.archived, m.is_demo, m.version, m.created_at, m.updated_at,
       coalesce((SELECT list(field_id ORDER BY field_id) FROM measure_field f
                 WHERE f.measure_id = m.id), []) AS fields,
       coalesce((SELECT list(goal_id ORDER BY goal_id) FROM measure_goal g
                 WHERE g.measure_id = m.id), []) AS goals,
       coalesce((SELECT list(area_code ORDER BY area_code) FROM measure_area a
                 WHERE a.measure_id = m.id), []) AS areas
FROM measure m LEFT JOIN organisation org ON org.id = m.organisation_id
WHERE NOT m.archived OR ?
ORDER BY m.id
"""
SQL_MEASURE_EVENTS = """
SELECT id, measure_id, happened_at, actor, kind, changes, comment FROM measure_event
WHERE ? IS NULL OR measure_id = ? ORDER BY happened_at, id
"""
SQL_ORGANISATION_UPSERT = "INSERT OR REPLACE INTO organisation (id, name, kind) VALUES (?, ?, ?)"
SQL_ORGANISATIONS = "SELECT id, name, kind FROM organisation ORDER BY name"
MEASURE_EDITABLE = [c for c in MEASURE_COLUMNS if c != "is_demo"]
MEASURE_LINKS = {"fields": "measure_field", "goals": "measure_goal", "areas": "measure_area"}
MEASURE_LINK_COLUMN = {"fields": "field_id", "goals": "goal_id", "areas": "area_code"}
SQL_MEASURE_BY_ID = """
SELECT m.*,
       coalesce((SELECT list(field_id ORDER BY field_id) FROM measure_field f
                 WHERE f.measure_id = m.id), []) AS fields,
       coalesce((SELECT list(goal_id ORDER BY goal_id) FROM measure_goal g
                 WHERE g.measure_id = m.id), []) AS goals,
       coalesce((SELECT list(area_code ORDER BY area_code) FROM measure_area a
                 WHERE a.measure_id = m.id), []) AS areas
FROM measure m WHERE m.id = ?
"""
# Column names come from MEASURE_EDITABLE (a fixed list), never from input.
SQL_MEASURE_SET = {
    c: f"UPDATE measure SET {c} = ? WHERE id = ?" for c in [*MEASURE_EDITABLE, "archived"]
}
SQL_MEASURE_BUMP = """
UPDATE measure SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?
"""
SQL_LINK_DELETE = {k: f"DELETE FROM {t} WHERE measure_id = ?" for k, t in MEASURE_LINKS.items()}
SQL_LINK_INSERT = {
    k: f"INSERT OR IGNORE INTO {t} (measure_id, {MEASURE_LINK_COLUMN[k]}) VALUES (?, ?)"
    for k, t in MEASURE_LINKS.items()
}


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


class MeasureRepository(Database):
    """Writes and reads measures, their links and events."""

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
            import_id = log_import(cur, entry) if entry is not None else None
            added = 0
            for m in measures:
                if one_row(cur.execute(SQL_MEASURE_FIND, [m["title"]])) is not None:
                    continue
                created = m.get("created_at") or pd.Timestamp.now().floor("s")
                values = [m.get(c) for c in MEASURE_COLUMNS]
                mid = one_row(
                    cur.execute(SQL_MEASURE_INSERT, [*values, import_id, created, created])
                )[0]
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
                            mid,
                            ev["at"],
                            ev["by"],
                            ev["kind"],
                            json.dumps(ev.get("changes", {}), ensure_ascii=False, default=str),
                            ev.get("comment"),
                        ],
                    )
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
            now = current_time()
            values = [measure.get(c) for c in MEASURE_COLUMNS]
            values[MEASURE_COLUMNS.index("is_demo")] = bool(measure.get("is_demo", False))
            mid = int(one_row(cur.execute(SQL_MEASURE_INSERT, [*values, None, now, now]))[0])
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
            now = current_time()
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
