"""Saved presentation decks (issue 6) and their SQL."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import ConflictError
from dashboard.frames import nulls_as_none
from dashboard.store.db import Database, current_time, one_row

SQL_DECKS = """
SELECT name, version, updated_at, updated_by FROM deck ORDER BY lower(name)
"""
SQL_DECK = "SELECT name, spec, version, updated_at, updated_by FROM deck WHERE name = ?"
SQL_DECK_INSERT = """
INSERT INTO deck (name, spec, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
ON CONFLICT DO NOTHING RETURNING version
"""
SQL_DECK_UPDATE = """
UPDATE deck SET spec = ?, version = version + 1, updated_at = ?, updated_by = ?
WHERE name = ? AND version = ? RETURNING version
"""
SQL_DECK_DELETE = "DELETE FROM deck WHERE name = ? RETURNING name"


class DeckRepository(Database):
    """Saves, reads and deletes presentation decks."""

    def decks(self) -> pd.DataFrame:
        """Saved presentation decks (name, version, updated_at, updated_by), by name."""
        return self._frame(SQL_DECKS)

    def deck(self, name: str) -> dict[str, object] | None:
        """One saved deck with its JSON spec and version, or None."""
        frame = self._frame(SQL_DECK, [name])
        return None if frame.empty else nulls_as_none(frame).iloc[0].to_dict()

    def save_deck(self, name: str, spec: str, version: int | None, by: str) -> int:
        """Create (version None) or update a deck if nobody saved in between; new version.

        Raises ConflictError when the name is taken (create) or ``version`` is stale (update).
        """

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            if version is None:
                row = one_row(cur.execute(SQL_DECK_INSERT, [name, spec, current_time(), by]))
                if row is None:
                    raise ConflictError(
                        f"Eine Präsentation „{name}“ gibt es schon. Bitte laden und dann "
                        "speichern, oder einen anderen Namen wählen."
                    )
                return int(row[0])
            row = one_row(cur.execute(SQL_DECK_UPDATE, [spec, current_time(), by, name, version]))
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
            lambda cur: one_row(cur.execute(SQL_DECK_DELETE, [name])) is not None
        )
