"""Geometry for the browser: gap-free simplification, rounding, dissolving, labels, size."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import box, shape

from dashboard.analysis.shapes import (
    DECIMALS,
    click_targets,
    dissolve,
    feature,
    from_wkb,
    label_point,
    map_shapes,
    payload_bytes,
    simplify,
)
from tests.conftest import require_shared


def wiggly_pair() -> dict[str, shapely.Polygon]:
    """Two districts sharing a finely wiggled edge (many points to simplify away)."""
    edge = [(1 + (0.0001 if i % 2 else 0), i / 100) for i in range(101)]
    left = shapely.Polygon([(0, 0), *edge, (0, 1)])
    right = shapely.Polygon([(2, 0), (2, 1), *reversed(edge)])
    return {"11": left, "12": right}


def features_as_shapes(shapes_: object, codes: list[str]) -> list[shapely.Geometry]:
    return [shape(shapes_.features[c]["geometry"]) for c in codes]


def test_simplification_keeps_neighbours_gap_free() -> None:
    pair = wiggly_pair()
    out = map_shapes(pair, tolerance=0.001)
    left, right = features_as_shapes(out, ["11", "12"])
    assert shapely.get_num_coordinates(left) < shapely.get_num_coordinates(pair["11"]) / 2
    assert left.intersection(right).area == pytest.approx(0, abs=1e-12)
    assert left.union(right).geom_type == "Polygon"  # no gap between them
    assert left.union(right).area == pytest.approx(2.0, rel=1e-3)


@pytest.mark.parametrize("decimals", [3, DECIMALS])
def test_coordinates_are_rounded(decimals: int) -> None:
    geom = shapely.Polygon([(7.123456789, 51.1), (7.2, 51.123456789), (7.2, 51.0)])
    text = json.dumps(feature("11", geom, decimals))
    assert max(len(d) for d in re.findall(r"\.(\d+)", text)) <= decimals


def test_rounding_drops_repeated_points_and_keeps_rings_closed() -> None:
    geom = shapely.Polygon([(0, 0), (1e-7, 0), (1, 0), (1, 1), (0, 1)])
    ring = feature("11", geom)["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 5


@pytest.mark.parametrize(("close_gaps", "parts"), [(0.0, 2), (0.06, 1)])
def test_dissolve(close_gaps: float, parts: int) -> None:
    tiles = {"11": box(0, 0, 1, 1), "12": box(1.1, 0, 2.1, 1), "21": box(5, 5, 6, 6)}
    out = dissolve(tiles, {"1": ["11", "12"], "2": ["21"], "3": ["99"]}, close_gaps=close_gaps)
    assert set(out) == {"1", "2"}
    assert len(getattr(out["1"], "geoms", [out["1"]])) == parts
    # closing the gaps must not grow the outside of the block
    assert out["1"].bounds == pytest.approx((0, 0, 2.1, 1))


def test_simplify_drops_stray_parts() -> None:
    mixed = shapely.GeometryCollection([box(0, 0, 1, 1), shapely.LineString([(0, 0), (3, 3)])])
    assert simplify({"11": mixed}, 0)["11"].geom_type == "Polygon"


def test_labels_and_click_targets_lie_inside() -> None:
    ring = shapely.Polygon([(0, 0), (4, 0), (4, 1), (1, 1), (1, 4), (0, 4)])  # an L
    point = label_point(ring)
    assert ring.contains(shapely.Point(point))
    targets = click_targets(ring, 0.25, 1.0, point)
    assert len(targets) > 20 and targets[0] == point
    assert all(ring.contains(shapely.Point(p)) for p in targets)


def test_a_tile_square_on_screen_gets_its_label_in_the_middle() -> None:
    # 1 km × 1 km at Münster's latitude is a rectangle 1.6 times wider than high in degrees
    aspect = math.cos(math.radians(52.0))
    width, height = 0.009 / aspect, 0.009
    tile = box(7.6, 52.0, 7.6 + width, 52.0 + height)
    x, y = label_point(tile, aspect)
    assert x == pytest.approx(7.6 + width / 2, abs=width * 0.03)
    assert y == pytest.approx(52.0 + height / 2, abs=height * 0.03)
    out = map_shapes({"11": tile, "12": box(7.6 + width, 52.0, 7.6 + 2 * width, 52.0 + height)}, 0)
    assert out.labels["11"][0] == pytest.approx(7.6 + width / 2, abs=width * 0.03)


def test_path_separates_rings() -> None:
    out = map_shapes({"11": shapely.MultiPolygon([box(0, 0, 1, 1), box(2, 0, 3, 1)])}, 0)
    xs, ys = out.path("11")
    assert xs.count(None) == 1 and len(xs) == len(ys) == 11


def test_payload_bytes_counts_utf8() -> None:
    assert payload_bytes({"a": "ü"}) == len('{"a":"ü"}'.encode())


@pytest.fixture(scope="module")
def official() -> tuple[dict[str, shapely.Geometry], Path]:
    """The official Stadtteil geometry (WKB as the store keeps it)."""
    path = require_shared() / "geo" / "stadtteile.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame(
        {
            "area_code": [str(f["properties"]["Nr"]) for f in data["features"]],
            "wkb": [shapely.to_wkb(shape(f["geometry"])) for f in data["features"]],
        }
    )
    return from_wkb(frame), path


@pytest.mark.realdata
def test_official_geometry_becomes_a_small_gap_free_coverage(official: tuple) -> None:
    geoms, path = official
    out = map_shapes(geoms)
    codes = sorted(out.features)
    assert len(codes) == 45
    size = payload_bytes(out.geojson())
    # measured: 404,792 bytes on disk → about 41 KB sent (10 %)
    assert size < path.stat().st_size * 0.12, size
    simplified = features_as_shapes(out, codes)
    assert all(g.is_valid for g in simplified)
    union = shapely.union_all(simplified)
    original = shapely.union_all(list(geoms.values()))
    assert union.geom_type == "Polygon"  # one city, no gaps opened between districts
    assert shapely.get_num_interior_rings(union) <= shapely.get_num_interior_rings(original)
    assert sum(g.area for g in simplified) == pytest.approx(union.area, rel=1e-6)  # no overlaps
    assert union.area == pytest.approx(original.area, rel=0.005)
    coerde = shapely.Point(out.labels["61"])
    assert geoms["61"].contains(coerde)


def test_borders_follow_the_group_outlines_once() -> None:
    grid = {"11": box(0, 0, 1, 1), "12": box(1, 0, 2, 1), "21": box(0, 1, 1, 2),
            "22": box(1, 1, 2, 2), "99": box(0.5, 0.5, 0.5001, 0.5001)}  # fmt: skip
    out = map_shapes(grid, 0, groups={"1": ["11", "12"], "2": ["21", "22"], "9": ["99"]})
    total = sum(shapely.LineString(line).length for line in out.borders)
    assert total == pytest.approx(8 + 2)  # the outer square and the shared edge, no speck
