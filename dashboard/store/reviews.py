"""Review protocols (one per weekly review date) and their SQL."""

from __future__ import annotations

import pandas as pd

from dashboard.store.db import Database, current_time

SQL_PROTOCOL_UPSERT = """
INSERT INTO review_protocol (review_date, content, created_by, updated_at)
VALUES (?, ?, ?, ?)
ON CONFLICT (review_date) DO UPDATE SET content = excluded.content,
    created_by = excluded.created_by, updated_at = excluded.updated_at,
    version = review_protocol.version + 1
"""
SQL_PROTOCOLS = """
SELECT id, review_date, content, created_by, updated_at, version
FROM review_protocol ORDER BY review_date DESC
"""


class ReviewRepository(Database):
    """Stores and lists review protocols."""

    def save_protocol(self, review_date: object, content: str, by: str) -> None:
        """Store the protocol of one weekly review (one per date; a later save replaces it)."""
        self.transaction(
            lambda cur: cur.execute(SQL_PROTOCOL_UPSERT, [review_date, content, by, current_time()])
        )

    def protocols(self) -> pd.DataFrame:
        """All stored review protocols, newest first."""
        return self._frame(SQL_PROTOCOLS)
