"""Local notes and their history in the database (the SQL of the notes lives here)."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.domain.notes import SHOWN_TO_VIEWERS, VISIBLE, NoteTarget
from dashboard.errors import ConflictError, LeitbildError
from dashboard.store import Store

_COLUMNS = (
    "id, area_code, indicator_id, period, goal_id, measure_id, text, organisation, author, "
    "status, created_at, updated_at, version"
)
SQL_INSERT = f"""
INSERT INTO local_note (area_code, indicator_id, period, goal_id, measure_id, text,
                        organisation, author, status, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}
"""
SQL_EVENT = """
INSERT INTO local_note_event (note_id, happened_at, actor, old_status, new_status)
VALUES (?, ?, ?, ?, ?)
"""
SQL_BY_ID = f"SELECT {_COLUMNS} FROM local_note WHERE id = ?"
# the filters are bound parameters; NULL means "any"
SQL_LIST = f"""
SELECT {_COLUMNS} FROM local_note
WHERE (? IS NULL OR area_code = ?)
  AND (? IS NULL OR indicator_id = ?)
  AND (? IS NULL OR goal_id = ?)
  AND list_contains(?, status)
ORDER BY created_at DESC, id DESC
"""
SQL_SET_STATUS = """
UPDATE local_note SET status = ?, updated_at = ?, version = version + 1
WHERE id = ? AND version = ?
"""
SQL_HISTORY = """
SELECT happened_at, actor, old_status, new_status FROM local_note_event
WHERE note_id = ? ORDER BY happened_at, id
"""
SQL_COUNTS = """
SELECT area_code, indicator_id, count(*) AS notes FROM local_note
WHERE indicator_id = ? AND list_contains(?, status)
GROUP BY area_code, indicator_id
"""


class NoteConflictError(ConflictError):
    """The note was changed by someone else since it was read."""


class NoteRepository:
    """Reads and writes local notes through the store's connection and transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, target: NoteTarget, text: str, organisation: str, author: str) -> dict:
        """Store a new visible note and its first history event; returns the stored note."""

        def work(cur: duckdb.DuckDBPyConnection) -> dict:
            now = pd.Timestamp.now().floor("s")
            params = [
                target.area_code,
                target.indicator_id,
                target.period,
                target.goal_id,
                target.measure_id,
                text,
                organisation,
                author,
                VISIBLE,
                now,
                now,
            ]
            frame = cur.execute(SQL_INSERT, params).df()
            note = frame.iloc[0].to_dict()
            cur.execute(SQL_EVENT, [int(note["id"]), now, author, None, VISIBLE])
            return note

        return self.store.transaction(work)

    def note(self, note_id: int) -> dict | None:
        """One note, or None."""
        with self.store.cursor() as cur:
            frame = cur.execute(SQL_BY_ID, [note_id]).df()
        return None if frame.empty else frame.iloc[0].to_dict()

    def notes(
        self,
        area_code: str | None = None,
        indicator_id: str | None = None,
        goal_id: str | None = None,
        statuses: tuple[str, ...] = SHOWN_TO_VIEWERS,
    ) -> pd.DataFrame:
        """Notes matching the filters (None: any), newest first."""
        params = [area_code, area_code, indicator_id, indicator_id, goal_id, goal_id]
        with self.store.cursor() as cur:
            return cur.execute(SQL_LIST, [*params, list(statuses)]).df()

    def set_status(self, note_id: int, version: int, status: str, actor: str) -> int:
        """Change a note's status if nobody changed it in between; returns the new version."""

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            current = cur.execute(SQL_BY_ID, [note_id]).df()
            if current.empty:
                raise LeitbildError(f"Den Hinweis {note_id} gibt es nicht.")
            old = current.iloc[0]
            if int(old["version"]) != version:
                raise NoteConflictError(
                    "Dieser Hinweis wurde inzwischen geändert. Bitte die Seite neu laden."
                )
            if old["status"] == status:
                return version
            now = pd.Timestamp.now().floor("s")
            cur.execute(SQL_SET_STATUS, [status, now, note_id, version]).fetchall()
            cur.execute(SQL_EVENT, [note_id, now, actor, str(old["status"]), status])
            return version + 1

        return self.store.transaction(work)

    def history(self, note_id: int) -> pd.DataFrame:
        """Every status change of a note, oldest first (creation included)."""
        with self.store.cursor() as cur:
            return cur.execute(SQL_HISTORY, [note_id]).df()

    def counts(self, indicator_id: str, statuses: tuple[str, ...] = SHOWN_TO_VIEWERS) -> dict:
        """Number of notes per area for one indicator (for map markers)."""
        with self.store.cursor() as cur:
            frame = cur.execute(SQL_COUNTS, [indicator_id, list(statuses)]).df()
        return {str(a): int(n) for a, n in zip(frame["area_code"], frame["notes"], strict=True)}
