"""Geometry import: formats, CRS, id column, code checks, repairs."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from dashboard.catalogues import Catalogue
from dashboard.ingest.geometry import parse_geometry
from tests.conftest import ASSETS


def _errors(problems):
    return [p for p in problems if p.severity == "error"]


def test_good_file_in_wgs84(catalogue: Catalogue) -> None:
    frame, layer, problems = parse_geometry(
        (ASSETS / "areas_good.geojson").read_bytes(), "areas_good.geojson", catalogue
    )
    assert _errors(problems) == []
    assert layer == "amtlich_stadtteile"
    assert sorted(frame["area_code"]) == ["61", "62", "91"]
    # only three of 45 districts: a warning lists what is missing
    assert any(p.severity == "warning" and "es fehlen" in p.found for p in problems)


def test_other_crs_is_reprojected_to_wgs84(catalogue: Catalogue, tmp_path: Path) -> None:
    import geopandas as gpd

    gdf = gpd.read_file(ASSETS / "areas_good.geojson").to_crs(25832)
    path = tmp_path / "utm.gpkg"
    gdf.to_file(path, driver="GPKG")
    frame, _, problems = parse_geometry(path.read_bytes(), path.name, catalogue)
    assert _errors(problems) == []
    bounds = shapely.from_wkb(frame.set_index("area_code").loc["61", "wkb"]).bounds
    assert bounds[0] == pytest.approx(7.63, abs=1e-6) and bounds[1] == pytest.approx(52.0, abs=1e-6)


def test_shapefile_from_path(catalogue: Catalogue, tmp_path: Path) -> None:
    import geopandas as gpd

    gpd.read_file(ASSETS / "areas_good.geojson").to_file(tmp_path / "st.shp")
    frame, _, problems = parse_geometry(tmp_path / "st.shp", "st.shp", catalogue, "Nr")
    assert _errors(problems) == [] and len(frame) == 3


def test_bad_file_reports_every_problem(catalogue: Catalogue) -> None:
    frame, _, problems = parse_geometry(
        (ASSETS / "areas_bad.geojson").read_bytes(), "areas_bad.geojson", catalogue
    )
    found = {(p.row, p.column, p.severity) for p in problems if p.row is not None}
    assert (1, "Nr", "error") in found  # unknown code 99
    assert (3, "Nr", "error") in found  # 61 twice
    assert (4, "geometry", "warning") in found  # self-intersecting ring, repaired
    assert (5, "geometry", "error") in found  # a point is no area
    assert sorted(frame["area_code"]) == ["61", "91"]


def test_missing_id_column_lists_the_columns(catalogue: Catalogue) -> None:
    _, _, problems = parse_geometry(
        (ASSETS / "areas_good.geojson").read_bytes(), "g.geojson", catalogue, "Schlüssel"
    )
    assert "Name" in problems[0].expected and "Nr" in problems[0].expected


@pytest.mark.parametrize("content", [b"", b"{not json", b"PK\x03\x04garbage", b"\x00\x01\x02"])
def test_unreadable_input_is_a_problem(catalogue: Catalogue, content: bytes) -> None:
    frame, layer, problems = parse_geometry(content, "x.geojson", catalogue)
    assert frame.empty and layer is None and _errors(problems)


def test_real_stadtteile_match_all_45_codes(catalogue: Catalogue, muenster: Path) -> None:
    path = muenster / "geo" / "stadtteile.geojson"
    frame, layer, problems = parse_geometry(path.read_bytes(), path.name, catalogue)
    assert _errors(problems) == []
    assert layer == "amtlich_stadtteile"
    assert len(frame) == 45 and set(frame["area_code"]) == set(
        catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"]
    )


def test_real_bezirke_resolve_through_aliases(catalogue: Catalogue, muenster: Path) -> None:
    path = muenster / "geo" / "teilbereiche_stadtbezirke.geojson"
    frame, layer, problems = parse_geometry(path.read_bytes(), path.name, catalogue)
    assert _errors(problems) == []
    assert layer == "amtlich_bezirke"
    assert sorted(frame["area_code"]) == ["1", "2", "3", "4", "B2", "B3", "B4", "B5", "B6"]
