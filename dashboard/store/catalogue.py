"""Catalogue tables (areas, fields, goals, indicators, groups …) and their SQL."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.frames import nulls_as_none
from dashboard.store.db import Database, one_row
from dashboard.store.released import stale_all_released

CATALOGUE_TABLES: dict[str, list[str]] = {
    "area": ["code", "level", "name", "parent_code", "aliases", "sort"],
    "field": ["id", "title", "short", "kind", "sort"],
    "goal": [
        "id", "field_id", "parent_id", "kind", "number", "label", "grp", "name", "area_code",
        "sort",
    ],
    "goal_support": ["goal_id", "leitziel_id"],
    "group_label": ["id", "label"],
    "indicator": [
        "id", "name", "short", "field_id", "unit", "kind", "direction", "target_type", "levels",
        "groups", "decimals", "definition", "source", "numerator_id", "denominator_id", "factor",
        "parity_reference", "aggregate", "sort", "natural_limit", "numerator_groups",
        "denominator_groups",
    ],
    "goal_indicator": ["goal_id", "indicator_id"],
    "analysis_setting": ["key", "indicators", "sort"],
    "additive_set": ["id", "kind", "total", "parts", "sort"],
}  # fmt: skip
# Table names come from the fixed dict above, never from input.
SQL_DELETE_ALL = {t: f"DELETE FROM {t}" for t in CATALOGUE_TABLES}
SQL_INSERT_FROM_FRAME = {
    t: f"INSERT INTO {t} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM incoming"
    for t, cols in CATALOGUE_TABLES.items()
}
SQL_SELECT_ALL = {
    t: f"SELECT {', '.join(cols)} FROM {t} ORDER BY {'sort' if 'sort' in cols else cols[0]}"
    for t, cols in CATALOGUE_TABLES.items()
}
SQL_AREA_PARENTS = "SELECT code, parent_code FROM area"
SQL_AREA_INSERT_NEW = """
INSERT INTO area (code, level, name, parent_code, aliases, sort)
SELECT code, level, name, parent_code, aliases, sort FROM new_areas
WHERE code NOT IN (SELECT code FROM area)
"""
SQL_GROUP_LABEL_UPSERT = "INSERT OR REPLACE INTO group_label (id, label) VALUES (?, ?)"
SQL_GROUP_LABEL_EXISTS = "SELECT count(*) FROM group_label WHERE id = ?"


def add_group_labels(cur: duckdb.DuckDBPyConnection, labels: dict[str, str]) -> None:
    """Add the group labels that are not yet known (labels of known groups stay)."""
    for gid, label in labels.items():
        if one_row(cur.execute(SQL_GROUP_LABEL_EXISTS, [gid]))[0] == 0:
            cur.execute(SQL_GROUP_LABEL_UPSERT, [gid, label])


class CatalogueRepository(Database):
    """Reads and replaces the catalogue tables."""

    def replace_catalogues(self, frames: dict[str, pd.DataFrame]) -> None:
        """Replace the catalogue tables with the given frames in one transaction."""
        unknown = set(frames) - set(CATALOGUE_TABLES)
        if unknown:
            raise ValueError(f"unknown catalogue tables: {sorted(unknown)}")

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            for table, frame in frames.items():
                cur.execute(SQL_DELETE_ALL[table])
                if len(frame):
                    cur.register("incoming", frame[CATALOGUE_TABLES[table]])
                    cur.execute(SQL_INSERT_FROM_FRAME[table])
                    cur.unregister("incoming")
            # hierarchy, kinds and derived definitions all shape what may be released
            stale_all_released(cur)

        self.transaction(work)

    def catalogue(self, table: str) -> pd.DataFrame:
        """All rows of one catalogue table (area, field, goal, indicator …) in catalogue order."""
        return nulls_as_none(self._frame(SQL_SELECT_ALL[table]))

    def area_parents(self) -> dict[str, str | None]:
        """Area code -> parent code (checked on every scoped write: a plain small query)."""
        with self.cursor() as cur:
            return dict(cur.execute(SQL_AREA_PARENTS).fetchall())

    def ensure_group_labels(self, labels: dict[str, str]) -> None:
        """Add group labels that are not yet known (labels of known groups stay)."""

        self.transaction(lambda cur: add_group_labels(cur, labels))
