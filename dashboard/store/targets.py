"""Targets: imported, created, replaced and retired (nothing is overwritten)."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.errors import ConflictError, LeitbildError
from dashboard.frames import nulls_as_none
from dashboard.store.db import Database, current_time, one_row
from dashboard.store.importlog import SQL_IMPORT_LOG_UPDATE, ImportLogEntry, log_import

TARGET_COLUMNS = [
    "indicator_id", "area_code", "grp", "type", "value", "reference_indicator", "reference_grp",
    "baseline_period", "baseline_value", "target_period", "goal_id", "note", "is_demo",
    "created_by",
]  # fmt: skip
SQL_TARGET_INSERT_NEW = f"""
INSERT INTO target ({", ".join(TARGET_COLUMNS)}, import_id)
SELECT {", ".join("i." + c for c in TARGET_COLUMNS)}, ?
FROM incoming i
WHERE NOT EXISTS (
    SELECT 1 FROM target t
    WHERE t.active AND t.indicator_id = i.indicator_id
      AND t.area_code IS NOT DISTINCT FROM i.area_code AND t.grp = i.grp
      AND t.type = i.type AND t.value IS NOT DISTINCT FROM i.value
      AND t.reference_indicator IS NOT DISTINCT FROM i.reference_indicator
      AND t.baseline_period IS NOT DISTINCT FROM i.baseline_period
      AND t.baseline_value IS NOT DISTINCT FROM i.baseline_value
      AND t.target_period = i.target_period AND t.goal_id IS NOT DISTINCT FROM i.goal_id)
"""
SQL_TARGETS = """
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, reference_grp,
       baseline_period, baseline_value, target_period, goal_id, note, is_demo, active,
       created_at, created_by, retired_at, retired_by, retire_reason, version
FROM target WHERE active OR ? ORDER BY indicator_id, area_code NULLS FIRST, id
"""
SQL_TARGET_BY_ID = """
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, reference_grp,
       baseline_period, baseline_value, target_period, goal_id, note, is_demo, active,
       created_at, created_by, retired_at, retired_by, retire_reason, version, replaces_id
FROM target WHERE id = ?
"""
SQL_TARGET_INSERT_ONE = f"""
INSERT INTO target ({", ".join(TARGET_COLUMNS)}, replaces_id)
VALUES ({", ".join("?" for _ in TARGET_COLUMNS)}, ?)
RETURNING id
"""
SQL_TARGET_RETIRE = """
UPDATE target
SET active = false, retired_at = ?, retired_by = ?, retire_reason = ?, version = version + 1
WHERE id = ? AND version = ? AND active
"""
SQL_TARGET_CHAIN = """
WITH RECURSIVE back(id, replaces_id) AS (
    SELECT id, replaces_id FROM target WHERE id = ?
    UNION ALL
    SELECT t.id, t.replaces_id FROM target t JOIN back b ON t.id = b.replaces_id
), fwd(id) AS (
    SELECT id FROM target WHERE id = ?
    UNION ALL
    SELECT t.id FROM target t JOIN fwd f ON t.replaces_id = f.id
)
SELECT id, indicator_id, area_code, grp, type, value, reference_indicator, baseline_period,
       baseline_value, target_period, goal_id, note, active, created_at, created_by,
       retired_at, retired_by, retire_reason, version, replaces_id
FROM target WHERE id IN (SELECT id FROM back UNION SELECT id FROM fwd)
ORDER BY created_at, id
"""


class TargetRepository(Database):
    """Writes and reads targets with their version history."""

    def insert_targets(self, frame: pd.DataFrame, entry: ImportLogEntry | None) -> int:
        """Insert targets that are not yet active with identical content; returns rows added."""
        incoming = frame[TARGET_COLUMNS].copy()

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            import_id = log_import(cur, entry) if entry is not None else None
            cur.register("incoming", incoming)
            added = one_row(cur.execute(SQL_TARGET_INSERT_NEW, [import_id]))[0]
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
            lambda cur: int(one_row(cur.execute(SQL_TARGET_INSERT_ONE, [*values, None]))[0])
        )

    def _retire(
        self, cur: duckdb.DuckDBPyConnection, target_id: int, version: int, by: str, reason: str
    ) -> None:
        if not reason.strip():
            raise LeitbildError("Bitte einen Grund angeben.")
        done = one_row(
            cur.execute(SQL_TARGET_RETIRE, [current_time(), by, reason, target_id, version])
        )[0]
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
            return int(one_row(cur.execute(SQL_TARGET_INSERT_ONE, [*values, target_id]))[0])

        return self.transaction(work)

    def target_history(self, target_id: int) -> pd.DataFrame:
        """Every version of a target (its predecessors and successors), oldest first."""
        return self._frame(SQL_TARGET_CHAIN, [target_id, target_id])
