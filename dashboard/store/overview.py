"""What is loaded: counts for the start page, fingerprints, removal of demo data."""

from __future__ import annotations

import duckdb

from dashboard.store.db import Database, one_row
from dashboard.store.released import stale_all_released

SQL_DELETE_DEMO = [
    "DELETE FROM observation WHERE is_demo",
    "DELETE FROM target WHERE is_demo",
    "DELETE FROM measure_field WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_goal WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_area WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure_event WHERE measure_id IN (SELECT id FROM measure WHERE is_demo)",
    "DELETE FROM measure WHERE is_demo",
]
SQL_SUMMARY = """
SELECT
    (SELECT count(*) FROM area WHERE level = 'stadtteil') AS districts,
    (SELECT count(*) FROM area) AS areas,
    (SELECT count(*) FROM field) AS fields,
    (SELECT count(*) FROM goal) AS goals,
    (SELECT count(*) FROM indicator) AS indicators,
    (SELECT count(DISTINCT indicator_id) FROM observation) AS indicators_with_data,
    (SELECT count(*) FROM observation) AS observations,
    (SELECT count(*) FROM observation WHERE is_demo) AS demo_observations,
    (SELECT min(period) FROM observation) AS first_period,
    (SELECT max(period) FROM observation) AS last_period,
    (SELECT count(*) FROM measure WHERE NOT archived) AS measures,
    (SELECT count(*) FROM measure WHERE is_demo AND NOT archived) AS demo_measures,
    (SELECT count(*) FROM target WHERE active) AS targets,
    (SELECT count(*) FROM import_log) AS imports,
    (SELECT max(logged_at) FROM import_log WHERE status <> 'abgelehnt') AS last_import
"""
FINGERPRINT_TABLES = [
    "area", "field", "goal", "goal_support", "group_label", "indicator", "goal_indicator",
    "observation", "area_geometry", "target", "organisation", "measure", "measure_field",
    "measure_goal", "measure_area", "measure_event", "meta", "additive_set",
]  # fmt: skip
SQL_FINGERPRINT = {
    t: f"SELECT count(*), coalesce(sum(hash(x)), 0) FROM (SELECT * FROM {t}) x"
    for t in FINGERPRINT_TABLES
}


class OverviewRepository(Database):
    """Counts and fingerprints of the whole database."""

    def delete_demo(self) -> None:
        """Remove everything generated as demo data (real data stays)."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for sql in SQL_DELETE_DEMO:
                cur.execute(sql)
            stale_all_released(cur)

        self.transaction(work)

    def summary(self) -> dict[str, object]:
        """Counts for the start page: what is loaded, demo or real, last import."""
        with self.cursor() as cur:
            cur.execute(SQL_SUMMARY)
            names = [d[0] for d in cur.description]
            return dict(zip(names, cur.fetchall()[0], strict=True))

    def fingerprint(self) -> dict[str, tuple[int, int]]:
        """Row count and content hash per data table (import_log excluded), to prove no change."""
        with self.cursor() as cur:
            return {t: tuple(one_row(cur.execute(sql))) for t, sql in SQL_FINGERPRINT.items()}
