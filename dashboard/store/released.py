"""Released values: disclosure control materialised per indicator, and its SQL."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.store.db import SQL_META_GET, Database, current_time, one_row

RELEASED_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
OBSERVATION_VERSION_KEY = "observation_version"
SQL_OBSERVATION_VERSION_BUMP = """
INSERT OR REPLACE INTO meta (key, value)
SELECT 'observation_version', CAST(coalesce(max(TRY_CAST(value AS BIGINT)), 0) + 1 AS VARCHAR)
FROM meta WHERE key = 'observation_version'
"""
SQL_RELEASED_FRESH = "SELECT indicator_id FROM released_indicator WHERE rule = ?"
# an import stales its whole disclosure family: indicators linked by derived shares or by
# declared identities are suppressed together (see dashboard.readmodel)
SQL_RELEASED_STALE_INCOMING = """
WITH RECURSIVE link(a, b) AS (
    SELECT id, numerator_id FROM indicator WHERE numerator_id IS NOT NULL
    UNION ALL SELECT id, denominator_id FROM indicator WHERE denominator_id IS NOT NULL
    UNION ALL SELECT total, unnest(parts) FROM additive_set WHERE kind = 'identity'
), edge(a, b) AS (
    SELECT a, b FROM link UNION SELECT b, a FROM link
), family(id) AS (
    SELECT DISTINCT indicator_id FROM incoming
    UNION SELECT edge.b FROM family JOIN edge ON edge.a = family.id
)
DELETE FROM released_indicator WHERE indicator_id IN (SELECT id FROM family)
"""
SQL_RELEASED_STALE_ALL = "DELETE FROM released_indicator"
SQL_RELEASED_DELETE = "DELETE FROM released_observation WHERE list_contains(?, indicator_id)"
SQL_RELEASED_INDICATOR_DELETE = (
    "DELETE FROM released_indicator WHERE list_contains(?, indicator_id)"
)
SQL_RELEASED_INSERT = f"""
INSERT INTO released_observation ({", ".join(RELEASED_COLUMNS)})
SELECT {", ".join(RELEASED_COLUMNS)} FROM incoming
"""
SQL_RELEASED_INDICATOR_INSERT = """
INSERT INTO released_indicator (indicator_id, rule, computed_at)
SELECT unnest(?::VARCHAR[]), ?, ?
"""
SQL_RELEASED = f"""
SELECT {", ".join(RELEASED_COLUMNS)}
FROM released_observation
WHERE list_contains(?, indicator_id)
  AND (? IS NULL OR list_contains(?, area_code))
ORDER BY list_position(?, indicator_id), area_code, period, grp
"""
# the rows of some areas, and every area's row of each indicator in one period
SQL_RELEASED_NEAR_AND_SHOWN = f"""
WITH shown AS (SELECT unnest(?::VARCHAR[]) AS indicator_id, unnest(?::BIGINT[]) AS period)
SELECT {", ".join(f"r.{column}" for column in RELEASED_COLUMNS)}
FROM released_observation r LEFT JOIN shown s
  ON s.indicator_id = r.indicator_id AND s.period = r.period
WHERE list_contains(?, r.indicator_id)
  AND (list_contains(?, r.area_code) OR s.indicator_id IS NOT NULL)
ORDER BY list_position(?, r.indicator_id), r.area_code, r.period, r.grp
"""
# a deck's rows: every value of some areas, of one period and of some indicators
SQL_RELEASED_DECK = f"""
SELECT {", ".join(RELEASED_COLUMNS)}
FROM released_observation
WHERE list_contains(?, indicator_id)
  AND (list_contains(?, area_code) OR period = ? OR list_contains(?, indicator_id))
ORDER BY list_position(?, indicator_id), area_code, period, grp
"""
# the periods in which any of the indicators has a released (not suppressed) value
SQL_RELEASED_PERIODS = """
SELECT DISTINCT period FROM released_observation
WHERE list_contains(?, indicator_id) AND value IS NOT NULL
ORDER BY period
"""
SQL_RELEASED_COUNT = (
    "SELECT count(*) FROM released_observation WHERE list_contains(?, indicator_id)"
)
SQL_RELEASED_CLEAR = ["DELETE FROM released_indicator", "DELETE FROM released_observation"]


def stale_all_released(cur: duckdb.DuckDBPyConnection) -> None:
    """Drop every stored released value and bump the observation version."""
    cur.execute(SQL_RELEASED_STALE_ALL)
    cur.execute(SQL_OBSERVATION_VERSION_BUMP)


def observation_version(cur: duckdb.DuckDBPyConnection) -> int:
    """The observation version the released values were computed against."""
    row = one_row(cur.execute(SQL_META_GET, [OBSERVATION_VERSION_KEY]))
    return 0 if row is None else int(row[0])


class ReleasedRepository(Database):
    """Stores and serves released values; every write that changes them stales them."""

    def released_state(self, rule: str) -> tuple[int, set[str]]:
        """Observation version and the indicators whose released values are stored for ``rule``."""
        with self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")  # both reads from one snapshot
            try:
                version = observation_version(cur)
                fresh = {r[0] for r in cur.execute(SQL_RELEASED_FRESH, [rule]).fetchall()}
            finally:
                cur.execute("COMMIT")
        return version, fresh

    def save_released(
        self, frame: pd.DataFrame, indicator_ids: list[str], rule: str, version: int
    ) -> bool:
        """Store these indicators' released values unless observations changed since ``version``."""
        incoming = frame[RELEASED_COLUMNS]

        def work(cur: duckdb.DuckDBPyConnection) -> bool:
            # every write that stales released values bumps the version under this same lock
            if observation_version(cur) != version:
                return False
            cur.execute(SQL_RELEASED_DELETE, [indicator_ids])
            cur.execute(SQL_RELEASED_INDICATOR_DELETE, [indicator_ids])
            cur.register("incoming", incoming)
            cur.execute(SQL_RELEASED_INSERT)
            cur.unregister("incoming")
            cur.execute(SQL_RELEASED_INDICATOR_INSERT, [indicator_ids, rule, current_time()])
            return True

        return self.transaction(work)

    def released(
        self, indicator_ids: list[str], area_codes: list[str] | None = None
    ) -> pd.DataFrame:
        """Stored released values of these indicators (in the given order), optionally by area."""
        return self._large_frame(
            SQL_RELEASED, [indicator_ids, area_codes, area_codes, indicator_ids]
        )

    def released_count(self, indicator_ids: list[str]) -> int:
        """How many released values of these indicators are stored."""
        with self.cursor() as cur:
            row = one_row(cur.execute(SQL_RELEASED_COUNT, [indicator_ids]))
        return 0 if row is None else int(row[0])

    def released_periods(self, indicator_ids: list[str]) -> list[int]:
        """Periods in which any of these indicators has a stored released value."""
        with self.cursor() as cur:
            rows = cur.execute(SQL_RELEASED_PERIODS, [indicator_ids]).fetchall()
        return [int(r[0]) for r in rows]

    def released_deck(
        self, indicator_ids: list[str], near: list[str], period: int | None, whole: list[str]
    ) -> pd.DataFrame:
        """Stored released values of the ``near`` areas, of ``period`` and of the ``whole``
        indicators (every area and period), in the order of ``released``."""
        params = [indicator_ids, near, period, whole, indicator_ids]
        return self._large_frame(SQL_RELEASED_DECK, params)

    def released_near_and_shown(
        self, indicator_ids: list[str], near: list[str], shown: dict[str, int]
    ) -> pd.DataFrame:
        """Stored released values of the ``near`` areas and of every area in each indicator's
        ``shown`` period (indicator id -> period), in the order of ``released``."""
        params = [list(shown), list(shown.values()), indicator_ids, near, indicator_ids]
        return self._large_frame(SQL_RELEASED_NEAR_AND_SHOWN, params)

    def clear_released(self) -> None:
        """Drop every stored released value (recomputed on next use, e.g. after a restore)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in SQL_RELEASED_CLEAR:
                cur.execute(sql)

        self.transaction(work)
