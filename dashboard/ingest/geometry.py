"""Area geometry from GeoJSON, Shapefile or GeoPackage: any CRS in, WGS84 WKB out."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem
from dashboard.ingest.area_hint import unknown_area_expected

ID_CANDIDATES = ("code", "Nr", "nr", "NR", "id", "ID", "Nummer", "nummer", "schluessel")
LAYER_BY_LEVEL = {"stadtteil": "amtlich_stadtteile", "teilbereich": "amtlich_bezirke",
                  "stadtbezirk": "amtlich_bezirke",
                  "stadtzelle": "amtlich_stadtzellen"}  # fmt: skip


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _flatten_zip(data: bytes) -> bytes:
    """A zipped shapefile with its parts at the top level (zipping a folder nests them)."""
    if not data.startswith(b"PK\x03\x04"):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = [i for i in archive.infolist() if not i.is_dir()]
            folders = {PurePosixPath(i.filename).parent for i in files}
            if len(folders) != 1 or folders == {PurePosixPath(".")}:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as flat:
                for info in files:
                    flat.writestr(PurePosixPath(info.filename).name, archive.read(info))
            return out.getvalue()
    except (zipfile.BadZipFile, OSError, ValueError):
        return data  # GDAL reports the damage in its own words


def _read_frame(data: bytes | Path, name: str, problems: list[Problem]) -> Any:
    """The file as a GeoDataFrame in WGS 84, or None (with the problem) when unreadable."""
    import geopandas as gpd  # heavy: only loaded when geometry is imported
    from pyproj import CRS

    source = data if isinstance(data, Path) else io.BytesIO(_flatten_zip(data))
    try:
        with warnings.catch_warnings():
            # GDAL notes that in-memory GeoPackages have no '.gpkg' name; irrelevant here
            warnings.filterwarnings("ignore", "File /vsimem/", RuntimeWarning)
            gdf = gpd.read_file(source)
    except Exception as exc:  # GDAL reports damaged files through many exception types
        message = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        problems.append(
            Problem(name, None, None, "GeoJSON, Shapefile (.zip) oder GeoPackage", message)
        )
        return None
    if gdf.empty:
        problems.append(Problem(name, None, None, "mindestens ein Gebiet", "keine Geometrien"))
        return None
    if gdf.crs is None:
        minx, miny, maxx, maxy = gdf.total_bounds
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            gdf = gdf.set_crs(4326)
        else:
            problems.append(
                Problem(name, None, None, "eine Koordinatenreferenz (CRS)", "keine Angabe")
            )
            return None
    if not CRS(gdf.crs).equals(CRS.from_epsg(4326)):
        gdf = gdf.to_crs(4326)
    return gdf


def _id_column(gdf: Any, id_column: str | None, name: str, problems: list[Problem]) -> str | None:
    """The column holding the area ids (given, or the first known name), else None."""
    column = id_column
    if column is None:
        column = next((c for c in ID_CANDIDATES if c in gdf.columns), None)
    if column is None or column not in gdf.columns:
        available = ", ".join(c for c in gdf.columns if c != "geometry")
        problems.append(
            Problem(
                name, None, column or "--id-column", f"eine ID-Spalte aus: {available}", "keine"
            )
        )
        return None
    return column


def _area_geometry(geom: Any, name: str, i: int, problems: list[Problem]) -> Any:
    """A usable (multi)polygon, repaired where possible; None (with the problem) if not."""
    import shapely

    if geom is None or geom.is_empty:
        problems.append(Problem(name, i, "geometry", "eine Fläche", "leere Geometrie"))
        return None
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        geom = shapely.make_valid(geom)
        if geom.geom_type == "GeometryCollection":
            geom = shapely.union_all([g for g in geom.geoms if g.area > 0])
        if not geom.is_valid or geom.is_empty:
            problems.append(Problem(name, i, "geometry", "eine gültige Fläche", reason))
            return None
        problems.append(
            Problem(name, i, "geometry", "eine gültige Fläche", f"repariert: {reason}", "warning")
        )
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        problems.append(Problem(name, i, "geometry", "Polygon/MultiPolygon", geom.geom_type))
        return None
    return geom


def _area_rows(
    gdf: Any, column: str, name: str, catalogue: Catalogue, problems: list[Problem]
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """One row per known area with its geometry (WKB) and level; and where each code was."""
    import shapely

    level = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for i, (raw, geom) in enumerate(zip(gdf[column], gdf.geometry, strict=True), start=1):
        text = _code_text(raw)
        code = catalogue.resolve_area(text)
        if code is None:
            expected = unknown_area_expected(text, catalogue)
            problems.append(Problem(name, i, column, expected, text))
            continue
        if code in seen:
            problems.append(
                Problem(
                    name, i, column, f"jedes Gebiet nur einmal (schon Objekt {seen[code]})", text
                )
            )
            continue
        seen[code] = i
        geom = _area_geometry(geom, name, i, problems)
        if geom is not None:
            rows.append({"area_code": code, "wkb": shapely.to_wkb(geom), "level": level[code]})
    return rows, seen


def parse_geometry(
    data: bytes | Path, name: str, catalogue: Catalogue, id_column: str | None = None
) -> tuple[pd.DataFrame, str | None, list[Problem]]:
    """Validate a geometry file; returns (area_code, wkb) rows, the target layer, problems."""
    problems: list[Problem] = []
    empty = pd.DataFrame(columns=["area_code", "wkb"])
    gdf = _read_frame(data, name, problems)
    if gdf is None:
        return empty, None, problems
    column = _id_column(gdf, id_column, name, problems)
    if column is None:
        return empty, None, problems
    rows, seen = _area_rows(gdf, column, name, catalogue, problems)
    levels = {r["level"] for r in rows}
    layers = {LAYER_BY_LEVEL.get(str(lv)) for lv in levels}
    if None in layers or len(layers) > 1:
        problems.append(
            Problem(
                name,
                None,
                column,
                "Gebiete einer Ebene (Stadtteile oder Bezirke)",
                str(sorted(levels)),
            )
        )
        return empty, None, problems
    layer = layers.pop() if layers else None
    if layer == "amtlich_stadtteile":
        missing = sorted(
            set(catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"]) - set(seen)
        )
        if missing:
            problems.append(
                Problem(
                    name,
                    None,
                    column,
                    "alle Stadtteile",
                    "es fehlen " + ", ".join(missing),
                    "warning",
                )
            )
    return pd.DataFrame(rows, columns=["area_code", "wkb"]), layer, problems
