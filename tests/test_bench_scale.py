"""The benchmark's scale generator at a tiny scale: shapes, valid catalogues, determinism.

The benchmarks themselves never run here (``make bench``); this only keeps the generator honest.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench.report import END, START, write
from bench.scale import (
    FIRST_CODE,
    SCALES,
    build,
    canonical_csv,
    grid_geojson,
    scaled_frames,
    stats_csv,
    synthetic_observations,
    tiny,
)
from dashboard.catalogues import Catalogue
from dashboard.imports import Options, check_file, store_catalogue
from dashboard.store import Store


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by the generator at a tiny scale."""
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    build(path, tiny(), seed=3)
    return path


@pytest.mark.parametrize(
    ("factor", "districts", "indicators", "periods", "measures"),
    [(1, 45, 30, 11, 60), (10, 450, 300, 20, 600), (100, 4_500, 300, 20, 6_000)],
)
def test_scales_match_the_issue(
    factor: int, districts: int, indicators: int, periods: int, measures: int
) -> None:
    s = SCALES[factor]
    assert (s.districts, s.indicators, s.periods, s.measures) == (
        districts, indicators, periods, measures,
    )  # fmt: skip


def test_scaled_catalogue_keeps_the_real_one_and_adds_to_the_counts(catalogue: Catalogue) -> None:
    frames = scaled_frames(catalogue, tiny(districts=60, indicators=50), seed=1)
    scaled = Catalogue.from_frames(frames)
    areas = scaled.areas
    assert (areas["level"] == "stadtteil").sum() == 60
    assert set(catalogue.areas["code"]) <= set(areas["code"])
    assert scaled.resolve_area("61") == "61"
    assert scaled.resolve_area(f"Rasterzelle {FIRST_CODE}") == str(FIRST_CODE)
    assert set(areas["parent_code"].dropna()) <= set(areas["code"])
    stored = scaled.indicators[scaled.indicators["numerator_id"].isna()]
    assert len(stored) == 50
    assert scaled.indicators["id"].is_unique
    links = frames["goal_indicator"]
    assert set(links["indicator_id"]) <= set(scaled.indicators["id"])
    assert set(links["goal_id"]) <= set(frames["goal"]["id"])


def test_generator_is_deterministic(catalogue: Catalogue) -> None:
    scale = tiny(districts=55, indicators=45, periods=4)
    one = Catalogue.from_frames(scaled_frames(catalogue, scale, seed=5))
    two = Catalogue.from_frames(scaled_frames(catalogue, scale, seed=5))
    pd.testing.assert_frame_equal(one.areas, two.areas)
    obs_one = synthetic_observations(one, scale, seed=5)
    obs_two = synthetic_observations(two, scale, seed=5)
    pd.testing.assert_frame_equal(obs_one, obs_two)
    assert canonical_csv(one, 400) == canonical_csv(two, 400)
    assert stats_csv(one, 3) == stats_csv(two, 3)


def test_synthetic_series_cover_every_district_and_period(catalogue: Catalogue) -> None:
    # a few synthetic indicators beyond the catalogue's own
    scale = tiny(districts=50, indicators=len(catalogue.indicators) + 4, periods=4)
    scaled = Catalogue.from_frames(scaled_frames(catalogue, scale, seed=2))
    obs = synthetic_observations(scaled, scale, seed=2)
    assert obs["indicator_id"].nunique() > 0
    districts = scaled.areas.loc[scaled.areas["level"] == "stadtteil", "code"]
    per = obs[obs["area_code"].isin(districts)].groupby("indicator_id").size()
    assert (per == len(districts) * scale.periods).all()
    assert obs["period"].nunique() == scale.periods
    city = obs[obs["area_code"] == "0"].set_index(["indicator_id", "period"])["value"]
    summed = obs[obs["area_code"].isin(districts)].groupby(["indicator_id", "period"])["value"]
    pd.testing.assert_series_equal(city, summed.sum(), check_names=False)


def test_build_writes_every_part(tiny_db: Path) -> None:
    store = Store(tiny_db)
    try:
        catalogue = store_catalogue(store)
        assert (catalogue.areas["level"] == "stadtteil").sum() == 50
        assert len(store.geometry("kacheln")) == 50
        assert len(store.measures()) == 5
        assert store.summary()["observations"] > 0
    finally:
        store.close()


@pytest.mark.parametrize(("kind", "indicator"), [("observations", None), ("stats", "bevoelkerung")])
def test_import_files_are_valid(tiny_db: Path, kind: str, indicator: str | None) -> None:
    store = Store(tiny_db)
    try:
        catalogue = store_catalogue(store)
        data = canonical_csv(catalogue, 500) if kind == "observations" else stats_csv(catalogue, 3)
        checked = check_file(store, kind, data, "bench.csv", Options(indicator=indicator))
        assert not checked.errors
        assert checked.rows >= (500 if kind == "observations" else 50 * 3)
    finally:
        store.close()


def test_grid_geojson_has_one_closed_tile_per_code() -> None:
    geo = grid_geojson(["1000", "1001", "1002"], vertices=3)
    assert [f["properties"]["code"] for f in geo["features"]] == ["1000", "1001", "1002"]
    ring = geo["features"][0]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) == 4 * 3 + 1


def test_report_keeps_text_outside_the_markers(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text(f"# B\n\nintro\n\n{START}\nold\n{END}\n\n## Robustheit\n\n12 Fälle\n")
    results = {"started": 0, "seconds": 60, "scales": [], "argv": []}
    write(path, results)
    text = path.read_text()
    assert "intro" in text and "## Robustheit\n\n12 Fälle" in text
    assert "old" not in text and "## Messlauf" in text


def _browser_scale(cached: float | None) -> dict:
    page = {"render_s": 3.2, "first_s": 4.0, "external_requests": [], "console_errors": 0}
    if cached is not None:
        page["cached_s"] = cached
    return {"scale": "1×", "browser": {"pages": {"stadtteil": page}, "peak_rss_bytes": 1}}


@pytest.mark.parametrize(
    ("cached", "cell", "goal_row"),
    [(1.5, "| 1,50 s |", "langsamste: stadtteil 1,50 s | erfüllt |"),
     (2.5, "| 2,50 s |", "langsamste: stadtteil 2,50 s | **nicht erfüllt** |"),
     (None, "| – |", None)],  # results from before the warm-cache measurement
)  # fmt: skip
def test_report_shows_the_render_with_a_warm_browser_cache(
    tmp_path: Path, cached: float | None, cell: str, goal_row: str | None
) -> None:
    path = tmp_path / "RESULTS.md"
    write(path, {"started": 0, "seconds": 60, "scales": [_browser_scale(cached)], "argv": []})
    text = path.read_text()
    row = next(line for line in text.splitlines() if line.startswith("| 1× | stadtteil |"))
    assert "| 3,20 s | 4,00 s | **nicht erfüllt** |" in row and cell in row
    warm = [line for line in text.splitlines() if "warmem Browser-Cache" in line]
    assert warm == ([] if goal_row is None else [warm[0]]) and (not warm or goal_row in warm[0])


def test_report_lists_the_official_map_beside_the_tile_map(tmp_path: Path) -> None:
    karte = {"map_bytes": 35_000, "cold_s": 0.5, "warm_s": 0.1, "exceptions": 0,
             "cold_all": [0.5], "warm_all": [0.1]}  # fmt: skip
    scale = {"scale": "1×", "pages": {"karte": karte}, "official_map_bytes": 61_900}
    path = tmp_path / "RESULTS.md"
    write(path, {"started": 0, "seconds": 60, "scales": [scale], "argv": []})
    text = path.read_text()
    assert "| 1×, amtliche Stadtteile | 61.900 B | – | – | – | **nicht erfüllt** |" in text
    goal = next(line for line in text.splitlines() if line.startswith("| Kartenfigur ≤ 60 KB"))
    assert "1×: 34,2 KB, 1× amtlich: 60,4 KB | **nicht erfüllt** |" in goal


@pytest.mark.parametrize(
    ("checks", "complete", "status"),
    [
        ([True, True], True, True),
        ([True], False, None),  # a scale not measured: not yet met
        ([False], False, False),  # one measured value misses: not met, whatever is missing
        ([], False, None),
        ([True, False], True, False),
    ],
)
def test_a_goal_is_not_met_as_soon_as_a_measured_value_misses(
    checks: list[bool], complete: bool, status: bool | None
) -> None:
    from bench.report_floor import _partial

    assert _partial(checks, complete) is status


def _load_run(rate: float) -> dict:
    return {"runs_per_s": rate, "p50_s": 1.9, "p95_s": 6.3, "max_s": 8.1, "errors": 0}


@pytest.mark.parametrize(
    ("now", "before", "goal_cell"),
    [([_load_run(7.6), _load_run(8.4), _load_run(8.0)], [_load_run(3.1)],
      "| 8,00/s (Median aus 3), vorher 3,10/s | **nicht erfüllt** |"),
     ([_load_run(10.5)], [], "| 10,50/s (Median aus 1) | erfüllt |"),
     ([{"failed": 1, "output": "serve did not start"}], [], "| – | nicht gemessen |")],
)  # fmt: skip
def test_report_marks_the_load_goal_from_the_median_run(
    tmp_path: Path, now: list[dict], before: list[dict], goal_cell: str
) -> None:
    load = {"args": "--backend duckdb --workers 1", "now": now, "baseline": before}
    path = tmp_path / "RESULTS.md"
    write(path, {"started": 0, "seconds": 60, "scales": [{"scale": "1×", "load": load}],
                 "argv": []})  # fmt: skip
    lines = path.read_text().splitlines()
    goal = next(line for line in lines if line.startswith("| Seitenläufe/s, ein Prozess"))
    assert goal.endswith(goal_cell)
    rows = [line for line in lines if line.startswith(("| vorher |", "| nachher |"))]
    assert len(rows) == len(now) + len(before)  # every run listed, the baseline first
    assert all(row.startswith("| vorher |") for row in rows[: len(before)])
