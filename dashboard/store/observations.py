"""Observations: writes that skip unchanged rows, filtered reads, the preview diff."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from dashboard.store.catalogue import add_group_labels
from dashboard.store.db import Database, one_row
from dashboard.store.importlog import ImportLogEntry, log_import
from dashboard.store.released import SQL_OBSERVATION_VERSION_BUMP, SQL_RELEASED_STALE_INCOMING

OBSERVATION_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
# One join against the stored rows finds what is new or changed; unchanged rows are not
# written, so a repeated import leaves import_id untouched.
# One rule for "an incoming observation differs from the stored one" (write, preview, undo).
_OBSERVATION_DIFFERS = """
   o.value IS DISTINCT FROM i.value OR o.numerator IS DISTINCT FROM i.numerator
   OR o.denominator IS DISTINCT FROM i.denominator OR o.flag IS DISTINCT FROM i.flag
   OR o.source IS DISTINCT FROM i.source OR o.is_demo IS DISTINCT FROM i.is_demo
   OR o.note IS DISTINCT FROM i.note OR o.series_break IS DISTINCT FROM i.series_break
"""
SQL_OBSERVATION_CHANGED = f"""
CREATE OR REPLACE TEMP TABLE changed_observation AS
SELECT i.*, o.indicator_id IS NULL AS is_new
FROM incoming i
LEFT JOIN observation o USING (indicator_id, area_code, period, grp)
WHERE o.indicator_id IS NULL OR {_OBSERVATION_DIFFERS}
"""
SQL_OBSERVATION_CHANGED_COUNTS = """
SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE NOT is_new)
FROM changed_observation
"""
_OBSERVATION_WRITE = (
    "indicator_id, area_code, period, grp, value, numerator, denominator, flag, source, is_demo,"
    " note, series_break"
)
# the source line's notes and the series break flag of each observation (issue 13)
NOTE_COLUMNS = ["note", "series_break"]
# new keys cannot conflict: a plain insert spares the replace path for most of a first import
SQL_OBSERVATION_INSERT_NEW = f"""
INSERT INTO observation ({_OBSERVATION_WRITE}, import_id)
SELECT {_OBSERVATION_WRITE}, ? FROM changed_observation WHERE is_new
"""
SQL_OBSERVATION_REPLACE_CHANGED = f"""
INSERT OR REPLACE INTO observation ({_OBSERVATION_WRITE}, import_id)
SELECT {_OBSERVATION_WRITE}, ? FROM changed_observation WHERE NOT is_new
"""
SQL_OBSERVATION_CHANGED_DROP = "DROP TABLE changed_observation"
SQL_OBSERVATIONS = """
SELECT indicator_id, area_code, period, grp, value, numerator, denominator, flag, source, is_demo
FROM observation
WHERE list_contains(?, indicator_id)
  AND (? IS NULL OR list_contains(?, area_code))
  AND (? IS NULL OR list_contains(?, period))
  AND (? IS NULL OR list_contains(?, grp))
ORDER BY indicator_id, area_code, period, grp
"""
SQL_OBSERVATION_NOTES = """
SELECT indicator_id, area_code, period, grp, source, note, series_break
FROM observation
WHERE list_contains(?, indicator_id) AND (note IS NOT NULL OR series_break)
ORDER BY indicator_id, area_code, period, grp
"""
# the latest stored earlier period of every incoming key (plausibility: jumps)
# (a subquery instead of DuckDB's QUALIFY, so that PostgreSQL runs it too)
SQL_OBSERVATION_PREVIOUS = """
SELECT indicator_id, area_code, period, grp, prev_period, prev_value
FROM (
    SELECT i.indicator_id, i.area_code, i.period, i.grp,
           o.period AS prev_period, o.value AS prev_value,
           row_number() OVER (PARTITION BY i.indicator_id, i.area_code, i.period, i.grp
                              ORDER BY o.period DESC) AS position
    FROM incoming_keys i
    JOIN observation o
      ON o.indicator_id = i.indicator_id AND o.area_code = i.area_code AND o.grp = i.grp
     AND o.period < i.period AND o.value IS NOT NULL
) latest
WHERE position = 1
"""
# where each stored value came from: demo or the import (file, when, by whom) that wrote it
SQL_PROVENANCE = """
SELECT o.indicator_id, o.area_code, o.period, o.grp, o.source, o.is_demo,
       l.file, l.logged_at, l.actor
FROM observation o
LEFT JOIN import_log l ON l.id = o.import_id
WHERE list_contains(?, o.indicator_id)
  AND (? IS NULL OR list_contains(?, o.period))
  AND (? IS NULL OR list_contains(?, o.area_code))
"""
SQL_OBSERVATION_PERIODS = """
SELECT DISTINCT period FROM observation
WHERE ? IS NULL OR indicator_id = ? ORDER BY period
"""
# The columns compared and kept are read from the table itself (information_schema), so a
# column added by a later migration is compared, kept and restored without a change here.
OBSERVATION_KEY = ["indicator_id", "area_code", "period", "grp"]
SQL_DC_OBSERVATION_COLUMNS = """
SELECT column_name, data_type FROM information_schema.columns
WHERE table_name = 'observation' AND table_schema = 'main' ORDER BY ordinal_position
"""


def dc_changed(columns: list[str]) -> str:
    """SQL condition: the stored row ``o`` differs from the incoming ``i`` in one of columns."""
    return " OR ".join(f"o.{c} IS DISTINCT FROM i.{c}" for c in columns) or "false"


def dc_observation_diff(columns: list[str]) -> str:
    """Each incoming row beside the stored one with a status new / changed / unchanged."""
    return f"""
SELECT i.indicator_id, i.area_code, i.period, i.grp,
       o.value AS old_value, i.value AS new_value, o.flag AS old_flag, i.flag AS new_flag,
       CASE WHEN o.indicator_id IS NULL THEN 'new' WHEN {dc_changed(columns)} THEN 'changed'
            ELSE 'unchanged' END AS status
FROM incoming i
LEFT JOIN observation o USING (indicator_id, area_code, period, grp)
ORDER BY i.indicator_id, i.period, i.grp, i.area_code
"""


def incoming_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns an observation write compares and stores, with their defaults."""
    incoming = frame[OBSERVATION_COLUMNS].copy()
    incoming["is_demo"] = frame.get("is_demo", False)
    # notes and the series break come from the statistics layout; other writers have none
    incoming["note"] = frame.get("note", None)
    incoming["series_break"] = (
        frame["series_break"].fillna(False).astype(bool) if "series_break" in frame else False
    )
    return incoming


def incoming_compared(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame
) -> tuple[pd.DataFrame, list[str], str]:
    """The rows as the write sees them, the columns it compares, and the row type as JSON.

    Read from the table itself, so columns added by later migrations (notes, a series
    break) are compared and kept like the others when the frame carries them.
    """
    types, _text = observation_types(cur)
    incoming = incoming_observations(frame)  # the defaults the write itself uses
    for column in types:
        if column not in incoming and column in frame and column != "import_id":
            incoming[column] = frame[column]
    keys = {*OBSERVATION_KEY, "import_id"}
    compared = [c for c in types if c not in keys and c in incoming]
    return incoming, compared, _text


def observation_types(cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], str]:
    """The observation table's columns with their types, and the same as JSON."""
    types = dict(cur.execute(SQL_DC_OBSERVATION_COLUMNS).fetchall())
    return types, json.dumps(types)


class ObservationRepository(Database):
    """Writes and reads observations."""

    def write_observations(
        self,
        frame: pd.DataFrame,
        entry: ImportLogEntry,
        group_labels: dict[str, str] | None = None,
    ) -> ImportLogEntry:
        """Upsert observations and log the import, all in one transaction."""
        incoming = incoming_observations(frame)

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry:
            add_group_labels(cur, group_labels or {})
            cur.register("incoming", incoming)
            cur.execute(SQL_OBSERVATION_CHANGED)
            inserted, updated = one_row(cur.execute(SQL_OBSERVATION_CHANGED_COUNTS))
            entry.inserted, entry.updated = inserted, updated
            entry.unchanged = len(incoming) - inserted - updated
            entry.status = "ok" if inserted or updated else "unverändert"
            entry.id = log_import(cur, entry)
            cur.execute(SQL_OBSERVATION_INSERT_NEW, [entry.id])
            cur.execute(SQL_OBSERVATION_REPLACE_CHANGED, [entry.id])
            cur.execute(SQL_OBSERVATION_CHANGED_DROP)
            if inserted or updated:
                cur.execute(SQL_RELEASED_STALE_INCOMING)
                cur.execute(SQL_OBSERVATION_VERSION_BUMP)
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
        return self._frame(SQL_OBSERVATION_NOTES, [indicator_ids])

    def previous_values(self, keys: pd.DataFrame) -> pd.DataFrame:
        """For each key (indicator_id, area_code, period, grp): the latest stored earlier value."""
        with self.cursor() as cur:
            cur.register("incoming_keys", keys)
            try:
                return cur.execute(SQL_OBSERVATION_PREVIOUS).df()
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
            SQL_PROVENANCE,
            [indicator_ids, periods, periods, area_codes, area_codes],
        )

    def periods(self, indicator_id: str | None = None) -> list[int]:
        """Periods with data (of one indicator, or of any)."""
        with self.cursor() as cur:
            rows = cur.execute(SQL_OBSERVATION_PERIODS, [indicator_id, indicator_id]).fetchall()
        return [int(r[0]) for r in rows]

    def observation_diff(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Each incoming observation beside the stored one: old/new value and flag, and a status
        ``new``, ``changed`` or ``unchanged`` (the rule the write uses). Writes nothing."""
        with self.cursor() as cur:
            incoming, compared, _types = incoming_compared(cur, frame)
            cur.register("incoming", incoming)
            try:
                return cur.execute(dc_observation_diff(compared)).df()
            finally:
                cur.unregister("incoming")
