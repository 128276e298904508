"""Finer area levels from geometry: a cell geometry (e.g. Stadtzellen) creates its areas.

A code the catalogue does not know but that follows a finer level's code rule (areas.yaml,
``finer_levels``) becomes an area of that level under the parent the rule names, if that
parent exists at the rule's parent level. The parent is checked by spatial containment
against the stored geometry of the parent level: a cell that does not lie in its parent is an
error naming the cell, so a wrong code or a shifted geometry never lands under a wrong parent.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard.catalogues import Catalogue, FinerLevel
from dashboard.errors import Problem
from dashboard.ingest.geometry import ID_CANDIDATES, LAYER_BY_LEVEL, _code_text

NAME_CANDIDATES = ("Name", "name", "NAME", "Bezeichnung", "bezeichnung")
# share of a cell's area that must lie inside its parent (shapes of different generalisation
# differ along their borders)
MIN_INSIDE = 0.95


def _frame(data: bytes | Path) -> object:
    import geopandas as gpd

    source = data if isinstance(data, Path) else io.BytesIO(data)
    gdf = gpd.read_file(source)
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    return gdf.to_crs(4326)


def new_areas(
    data: bytes | Path,
    name: str,
    catalogue: Catalogue,
    rules: list[FinerLevel],
    parent_geometry: dict[str, pd.DataFrame],
    id_column: str | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Areas the file creates (code, level, name, parent_code, aliases, sort) and problems.

    ``parent_geometry`` maps a parent level to its stored geometry (area_code, wkb).
    """
    columns = ["code", "level", "name", "parent_code", "aliases", "sort"]
    empty = pd.DataFrame(columns=columns)
    if not rules:
        return empty, []
    try:
        gdf = _frame(data)
    except Exception:  # parse_geometry reports the damage in its own words
        return empty, []
    column = id_column or next((c for c in ID_CANDIDATES if c in gdf.columns), None)
    if column is None or column not in gdf.columns:
        return empty, []
    label = next((c for c in NAME_CANDIDATES if c in gdf.columns), None)
    level_of = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    start = int(catalogue.areas["sort"].max()) + 1 if len(catalogue.areas) else 0
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for i, (raw, geom) in enumerate(zip(gdf[column], gdf.geometry, strict=True), start=1):
        code = _code_text(raw)
        if catalogue.resolve_area(code) is not None:
            continue
        for rule in rules:
            parent = rule.parent_of(code)
            if parent is None or level_of.get(parent) != rule.parent_level:
                continue
            problem = _position_problem(
                geom, parent_geometry, rule, parent, (name, i, column, code)
            )
            if problem is not None:
                problems.append(problem)
            text = str(gdf[label].iloc[i - 1]).strip() if label else ""
            rows.append(
                {"code": code, "level": rule.level, "name": text or code, "parent_code": parent,
                 "aliases": [], "sort": start + len(rows)}
            )  # fmt: skip
            break
    return pd.DataFrame(rows, columns=columns), problems


def _position_problem(
    geom: object,
    parent_geometry: dict[str, pd.DataFrame],
    rule: FinerLevel,
    parent: str,
    where: tuple[str, int, str, str],
) -> Problem | None:
    """A warning when the parent level has no geometry, an error when the cell lies outside."""
    name, i, column, code = where
    shapes = parent_geometry.get(rule.parent_level)
    if shapes is None or shapes.empty:
        return Problem(
            name,
            i,
            column,
            f"Geometrie der Ebene {rule.parent_level}",
            "nicht geladen: Lage nicht geprüft",
            "warning",
        )
    if not _inside(geom, shapes, parent):
        return Problem(
            name, i, column, f"eine Fläche innerhalb von Gebiet {parent}", f"{code} liegt außerhalb"
        )
    return None


def _inside(geom: object, shapes: pd.DataFrame, parent: str) -> bool:
    """True when (nearly) all of ``geom`` lies in the parent's stored shape."""
    import shapely

    hit = shapes[shapes["area_code"] == parent]
    if hit.empty:
        return True  # the parent has no stored shape: nothing to check against
    if geom is None or geom.is_empty:
        return False
    outline = shapely.from_wkb(bytes(hit["wkb"].iloc[0]))
    cell = shapely.make_valid(geom)
    if cell.area == 0:
        return False
    return shapely.intersection(cell, shapely.make_valid(outline)).area / cell.area >= MIN_INSIDE


def parent_layer(level: str) -> str | None:
    """The official geometry layer a parent level is checked against (not the tile map)."""
    return LAYER_BY_LEVEL.get(level)
