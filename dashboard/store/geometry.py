"""Area geometry layers (WKB, WGS84) and their SQL."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.store.catalogue import CATALOGUE_TABLES, SQL_AREA_INSERT_NEW
from dashboard.store.db import Database
from dashboard.store.importlog import ImportLogEntry, log_import
from dashboard.store.released import stale_all_released

SQL_GEOMETRY_DELETE_LAYER = "DELETE FROM area_geometry WHERE layer = ?"
SQL_GEOMETRY_INSERT = """
INSERT INTO area_geometry (layer, area_code, wkb, import_id)
SELECT ?, area_code, wkb, ? FROM incoming
"""
SQL_GEOMETRY = "SELECT area_code, wkb FROM area_geometry WHERE layer = ? ORDER BY area_code"
SQL_GEOMETRY_LAYERS = """
SELECT layer, count(*) AS areas FROM area_geometry GROUP BY layer ORDER BY layer
"""
SQL_GEOMETRY_FINGERPRINT = """
SELECT area_code, md5(wkb::VARCHAR) AS h FROM area_geometry WHERE layer = ? ORDER BY area_code
"""
SQL_GEOMETRY_INCOMING_FINGERPRINT = """
SELECT area_code, md5(wkb::VARCHAR) AS h FROM incoming ORDER BY area_code
"""


class GeometryRepository(Database):
    """Replaces and reads geometry layers."""

    def replace_geometry(
        self,
        layer: str,
        frame: pd.DataFrame,
        entry: ImportLogEntry | None,
        new_areas: pd.DataFrame | None = None,
    ) -> ImportLogEntry | None:
        """Replace one geometry layer (columns area_code, wkb) and log it, in one transaction.

        ``new_areas`` (a finer level such as Stadtzellen) are added to the area table first.
        """
        incoming = frame[["area_code", "wkb"]].copy()

        def work(cur: duckdb.DuckDBPyConnection) -> ImportLogEntry | None:
            if new_areas is not None and len(new_areas):
                cur.register("new_areas", new_areas[CATALOGUE_TABLES["area"]])
                cur.execute(SQL_AREA_INSERT_NEW)
                cur.unregister("new_areas")
                stale_all_released(cur)  # the hierarchy shapes what may be released
            before = cur.execute(SQL_GEOMETRY_FINGERPRINT, [layer]).fetchall()
            cur.register("incoming", incoming)
            after = cur.execute(SQL_GEOMETRY_INCOMING_FINGERPRINT).fetchall()
            import_id = None
            if entry is not None:
                old = dict(before)
                entry.inserted = sum(1 for code, _ in after if code not in old)
                entry.updated = sum(1 for code, h in after if code in old and old[code] != h)
                entry.unchanged = len(after) - entry.inserted - entry.updated
                entry.status = "unverändert" if before == after else "ok"
                entry.id = import_id = log_import(cur, entry)
            if before != after:
                cur.execute(SQL_GEOMETRY_DELETE_LAYER, [layer])
                cur.execute(SQL_GEOMETRY_INSERT, [layer, import_id])
            cur.unregister("incoming")
            return entry

        return self.transaction(work)

    def geometry(self, layer: str) -> pd.DataFrame:
        """Area codes and WKB geometry (WGS84) of one layer."""
        return self._frame(SQL_GEOMETRY, [layer])

    def geometry_layers(self) -> dict[str, int]:
        """Geometry layers present, with their number of areas."""
        with self.cursor() as cur:
            return dict(cur.execute(SQL_GEOMETRY_LAYERS).fetchall())
