"""Area geometry for the browser: dissolved, simplified without gaps, rounded, small.

The official Stadtteil file has about 11,000 points (400 KB); a map needs a few percent of
that. Simplification runs on the whole coverage at once (``shapely.coverage_simplify``): an
edge shared by two districts is simplified once and used by both, so no gaps or overlaps
appear between neighbours. Coordinates are then rounded to 5 decimals (about 1 m), which maps
a shared vertex to the same rounded point on both sides.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field

import pandas as pd
import shapely
import shapely.affinity
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

DECIMALS = 5
# Coverage simplification tolerance in degrees (~35 m): below a pixel at city zoom, keeps the
# small Altstadt districts recognisable.
TOLERANCE = 0.0005


@dataclass(frozen=True)
class MapShapes:
    """Browser-ready shapes of one layer and level.

    ``features`` are rounded GeoJSON features by code; ``order`` draws large areas first so a
    small area inside a larger one stays on top; ``labels`` are inner points for the labels;
    ``room`` is the distance from the label point to the area's edge (to skip labels that
    would not fit); ``targets`` are inner points that make the whole area clickable and
    hoverable; ``depth`` counts the areas an area lies inside (0 for most, 1 for an
    enclave), so a map drawing areas together draws the deeper ones later.
    """

    features: dict[str, dict[str, object]]
    labels: dict[str, tuple[float, float]]
    room: dict[str, float] = field(default_factory=dict)
    targets: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    order: tuple[str, ...] = ()
    borders: list[list[tuple[float, float]]] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)

    def geojson(self, codes: list[str] | None = None) -> dict[str, object]:
        """A FeatureCollection of the given codes (all if None)."""
        wanted = self.features if codes is None else [c for c in codes if c in self.features]
        return {"type": "FeatureCollection", "features": [self.features[c] for c in wanted]}

    def path(self, code: str) -> tuple[list[float | None], list[float | None]]:
        """Outline of an area as x (lon) and y (lat) lists, rings separated by None."""
        geometry = self.features[code]["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in polygons:
            for ring in polygon:
                if xs:
                    xs.append(None)
                    ys.append(None)
                xs += [p[0] for p in ring]
                ys += [p[1] for p in ring]
        return xs, ys


def from_wkb(frame: pd.DataFrame) -> dict[str, BaseGeometry]:
    """Geometry per area code from a (area_code, wkb) frame."""
    geoms = shapely.from_wkb([bytes(b) for b in frame["wkb"]])
    return dict(zip(frame["area_code"].astype(str), geoms, strict=True))


def dissolve(
    geoms: dict[str, BaseGeometry], groups: dict[str, list[str]], close_gaps: float = 0.0
) -> dict[str, BaseGeometry]:
    """Union the member geometries of each group (e.g. Stadtteile into Stadtbezirke).

    ``close_gaps`` (in degrees) first grows every member by that distance and shrinks the
    union again: the tile map leaves gaps between its squares, and a Stadtbezirk made of
    tiles should read as one block. Groups without any member geometry are left out.
    """
    out: dict[str, BaseGeometry] = {}
    for code, members in groups.items():
        parts = [geoms[m] for m in members if m in geoms]
        if not parts:
            continue
        if close_gaps > 0:
            grown = [shapely.buffer(p, close_gaps, join_style="mitre") for p in parts]
            merged = shapely.buffer(shapely.union_all(grown), -close_gaps, join_style="mitre")
        else:
            merged = shapely.union_all(parts)
        out[code] = shapely.make_valid(merged)
    return out


def simplify(
    geoms: dict[str, BaseGeometry], tolerance: float = TOLERANCE
) -> dict[str, BaseGeometry]:
    """Simplify a coverage of polygons together, so shared edges stay shared.

    With no tolerance only points on a straight line between their neighbours go (a grid
    tile drawn with points along its edges is still a square): the shape stays exactly.
    """
    codes = list(geoms)
    polys = [_polygonal(geoms[c]) for c in codes]
    if tolerance > 0:
        simplified = shapely.coverage_simplify(polys, tolerance)
    else:
        simplified = shapely.simplify(polys, 0.0)
    return dict(zip(codes, simplified, strict=True))


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts (make_valid may leave stray lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _rounded(coords: object, decimals: int) -> object:
    """Round nested coordinate lists; consecutive duplicates (after rounding) are dropped."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    items = [_rounded(c, decimals) for c in coords]
    if items and isinstance(items[0], list) and items[0] and isinstance(items[0][0], float):
        deduped = [items[0]] + [p for prev, p in itertools.pairwise(items) if p != prev]
        return deduped
    return items


def feature(code: str, geom: BaseGeometry, decimals: int = DECIMALS) -> dict[str, object]:
    """One GeoJSON feature with id = code and rounded coordinates."""
    geometry = json.loads(shapely.to_geojson(geom))
    geometry["coordinates"] = _rounded(geometry["coordinates"], decimals)
    return {"type": "Feature", "id": code, "properties": {}, "geometry": geometry}


def label_point(geom: BaseGeometry, aspect: float = 1.0) -> tuple[float, float]:
    """A point well inside the (largest part of the) area, for its label and click target.

    ``aspect`` (cos of the latitude for lon/lat) measures distances as the map shows them: a
    tile that is square on screen is a wide rectangle in degrees, where every point of its
    middle line is equally far inside and the label could land off-centre.
    """
    largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    on_screen = shapely.affinity.scale(largest, xfact=aspect, yfact=1.0, origin=(0, 0))
    tolerance = max(math.sqrt(on_screen.area) / 50, 1e-6)
    point = polylabel(on_screen, tolerance=tolerance)
    return round(point.x / aspect, DECIMALS), round(point.y, DECIMALS)


def click_targets(
    geom: BaseGeometry, spacing: float, aspect: float, label: tuple[float, float]
) -> list[tuple[float, float]]:
    """Grid points inside the area (away from its edge) plus its label point.

    A map click only reaches points, not filled areas; invisible points spread over the area
    make a click anywhere inside it select the area. ``aspect`` (cos of the latitude) keeps
    the grid square on screen.
    """
    dy = spacing * aspect
    inner = shapely.buffer(geom, -dy * 0.3)
    points = [label]
    if inner.is_empty:
        return points
    minx, miny, maxx, maxy = inner.bounds
    xs = [minx + spacing / 2 + i * spacing for i in range(int((maxx - minx) / spacing) + 1)]
    ys = [miny + dy / 2 + j * dy for j in range(int((maxy - miny) / dy) + 1)]
    grid = shapely.points([(x, y) for x in xs for y in ys])
    shapely.prepare(inner)
    inside = grid[shapely.contains(inner, grid)] if len(grid) else grid
    points += [(round(p.x, 4), round(p.y, 4)) for p in inside]
    return points


def borders(
    geoms: dict[str, BaseGeometry], groups: dict[str, list[str]]
) -> list[list[tuple[float, float]]]:
    """Outlines of groups of areas (e.g. Stadtbezirke over Stadtteile) as rounded lines.

    Built from the already simplified areas, so the lines lie exactly on their edges; an edge
    shared by two groups is drawn once.
    """
    outlines = [g.boundary for g in dissolve(geoms, groups).values()]
    merged = shapely.line_merge(shapely.union_all(outlines)) if outlines else None
    if merged is None or merged.is_empty:
        return []
    minx, _, maxx, _ = shapely.total_bounds(list(geoms.values()))
    # slivers in the source (tiny holes between districts) would show up as specks
    lines = [ln for ln in getattr(merged, "geoms", [merged]) if ln.length > (maxx - minx) / 200]
    return [[(round(x, DECIMALS), round(y, DECIMALS)) for x, y in line.coords] for line in lines]


def nesting(
    geoms: dict[str, BaseGeometry], points: dict[str, tuple[float, float]]
) -> dict[str, int]:
    """How many other areas enclose each area (its inner point lies within their outline).

    The outline ignores holes: an enclave sits in a hole of the area around it.
    """
    codes = list(geoms)
    outlines = [
        shapely.union_all([shapely.Polygon(part.exterior) for part in getattr(g, "geoms", [g])])
        for g in (geoms[c] for c in codes)
    ]
    inner, outer = shapely.STRtree(outlines).query(
        shapely.points([points[c] for c in codes]), predicate="within"
    )
    depth = dict.fromkeys(codes, 0)
    for i, j in zip(inner, outer, strict=True):
        if i != j:
            depth[codes[i]] += 1
    return depth


def map_shapes(
    geoms: dict[str, BaseGeometry],
    tolerance: float = TOLERANCE,
    grid: int = 28,
    groups: dict[str, list[str]] | None = None,
) -> MapShapes:
    """Simplify, round and label a coverage; ``grid`` click targets across the map's width.

    ``groups`` (optional) adds the outlines of groups of areas, e.g. the Stadtbezirke.
    """
    simplified = simplify(geoms, tolerance)
    minx, miny, maxx, maxy = shapely.total_bounds(list(simplified.values()))
    aspect = math.cos(math.radians((miny + maxy) / 2))
    spacing = (maxx - minx) / grid
    labels = {code: label_point(g, aspect) for code, g in simplified.items()}
    return MapShapes(
        features={code: feature(code, g) for code, g in simplified.items()},
        labels=labels,
        room={
            code: float(g.boundary.distance(shapely.Point(labels[code])))
            for code, g in simplified.items()
        },
        targets={
            code: click_targets(g, spacing, aspect, labels[code]) for code, g in simplified.items()
        },
        bounds=(float(minx), float(miny), float(maxx), float(maxy)),
        order=tuple(sorted(simplified, key=lambda c: -simplified[c].area)),
        borders=borders(simplified, groups) if groups else [],
        depth=nesting(simplified, labels),
    )


def payload_bytes(obj: object) -> int:
    """Size of an object as compact JSON (what travels to the browser)."""
    return len(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
