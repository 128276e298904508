"""Stored goal assessments: one Parquet payload per fingerprint of their inputs, and its SQL.

The store does not know what the fingerprint covers (dashboard.services.goal_assessments makes
it); it keeps the newest few payloads so that both methods and both views stay stored while
older states of the data are dropped.
"""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.store.db import Database, current_time, one_row

KEEP = 24  # payloads kept: 2 methods x 2 views x (table, matrix, coverage), and a previous state
SQL_ASSESSMENT_GET = "SELECT payload FROM stored_assessment WHERE fingerprint = ?"
SQL_ASSESSMENT_DELETE = "DELETE FROM stored_assessment WHERE fingerprint = ?"
SQL_ASSESSMENT_INSERT = """
INSERT INTO stored_assessment (fingerprint, saved_at, row_count, payload, seq)
SELECT ?, ?, ?, ?, coalesce(max(seq), 0) + 1 FROM stored_assessment
"""
SQL_ASSESSMENT_PRUNE = """
DELETE FROM stored_assessment WHERE fingerprint NOT IN (
    SELECT fingerprint FROM stored_assessment ORDER BY seq DESC LIMIT ?
)
"""
SQL_ASSESSMENT_CLEAR = "DELETE FROM stored_assessment"


class AssessmentRepository(Database):
    """Keeps computed assessment frames by fingerprint (a cache in the database, never a source)."""

    def stored_assessments(self, fingerprint: str) -> pd.DataFrame | None:
        """The frame stored under ``fingerprint``, or None."""
        with self.cursor() as cur:
            row = one_row(cur.execute(SQL_ASSESSMENT_GET, [fingerprint]))
        if row is None:
            return None
        try:
            table = pq.read_table(io.BytesIO(bytes(row[0])))
        except (pa.ArrowException, OSError):  # unreadable (damaged, or an unknown format)
            return None  # recomputed and stored again by the caller, as if never stored
        frame = table.to_pandas()
        for name, column in zip(table.column_names, table.columns, strict=True):
            if pa.types.is_list(column.type):  # lists as saved, not NumPy arrays
                frame[name] = column.to_pylist()
        return frame

    def save_assessments(self, fingerprint: str, frame: pd.DataFrame) -> None:
        """Store ``frame`` under ``fingerprint`` (replacing it) and drop all but the newest few."""
        buffer = io.BytesIO()
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
        payload = buffer.getvalue()

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            cur.execute(SQL_ASSESSMENT_DELETE, [fingerprint])
            cur.execute(SQL_ASSESSMENT_INSERT, [fingerprint, current_time(), len(frame), payload])
            cur.execute(SQL_ASSESSMENT_PRUNE, [KEEP])

        self.transaction(work)

    def clear_stored_assessments(self) -> None:
        """Drop every stored assessment (they are recomputed on next use)."""
        self.transaction(lambda cur: cur.execute(SQL_ASSESSMENT_CLEAR))
