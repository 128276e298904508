"""Roll-ups to Teilbereiche, Stadtbezirke and the city: sums, ratio of sums, suppression."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.rollup import city_value, level_codes, level_members, ratio_factor, rollup
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store
from tests.conftest import copy_db

COUNT = {"id": "c", "kind": "count", "aggregate": "sum", "factor": None}
SHARE = {"id": "s", "kind": "share", "aggregate": "ratio", "factor": 100.0}
SURVEY = {"id": "v", "kind": "share", "aggregate": "none", "factor": None}
ALTSTADT = ["11", "12", "13", "14", "15"]


def rows(*items: tuple) -> pd.DataFrame:
    """Observation rows (area, value, numerator, denominator, flag)."""
    return pd.DataFrame(
        [
            {"area_code": a, "value": v, "numerator": n, "denominator": d, "flag": f}
            for a, v, n, d, f in items
        ]
    ).astype({"value": float, "numerator": float, "denominator": float})


def altstadt(values: list[float], **overrides: tuple) -> pd.DataFrame:
    """Counts for the five Altstadt districts, single rows replaced by ``overrides``."""
    items = [(c, v, np.nan, np.nan, None) for c, v in zip(ALTSTADT, values, strict=True)]
    items = [overrides.get(f"d{c}", item) for c, item in zip(ALTSTADT, items, strict=True)]
    return rows(*items)


@pytest.mark.parametrize(
    ("level", "count", "sample"),
    [
        ("stadtteile", 45, ["11", "61", "98"]),
        ("teilbereiche", 9, ["1", "4", "B2", "B6"]),
        ("stadtbezirke", 6, ["B1", "B3", "B6"]),
    ],
)
def test_level_codes(catalogue, level: str, count: int, sample: list[str]) -> None:
    codes = level_codes(catalogue.areas, level)
    assert len(codes) == count and set(sample) <= set(codes)
    members = level_members(catalogue.areas, level)
    assert sorted(m for ms in members.values() for m in ms) == sorted(
        level_codes(catalogue.areas, "stadtteile")
    )


def test_unknown_level_is_rejected(catalogue) -> None:
    with pytest.raises(ValueError, match="level"):
        level_codes(catalogue.areas, "baubloecke")


def test_counts_are_summed(catalogue) -> None:
    out = rollup(altstadt([10, 20, 30, 40, 50]), catalogue.areas, COUNT, ["1"])
    assert out.loc[0, "value"] == 150 and out.loc[0, "origin"] == "computed"
    assert out.loc[0, "flag"] is None or pd.isna(out.loc[0, "flag"])


def test_shares_are_a_ratio_of_sums_never_a_mean(catalogue) -> None:
    frame = rows(
        ("11", 10.0, 10, 100, None),
        ("12", 90.0, 900, 1000, None),
        ("13", 50.0, 50, 100, None),
        ("14", 50.0, 50, 100, None),
        ("15", 50.0, 50, 100, None),
    )
    out = rollup(frame, catalogue.areas, SHARE, ["1"]).iloc[0]
    assert out["numerator"] == 1060 and out["denominator"] == 1400
    assert out["value"] == pytest.approx(1060 / 1400 * 100)
    assert out["value"] != pytest.approx(frame["value"].mean())


def test_stored_aggregate_rows_win_even_when_hidden(catalogue) -> None:
    frame = pd.concat(
        [altstadt([10, 20, 30, 40, 50]), rows(("1", 151.0, np.nan, np.nan, "provisional"))]
    )
    out = rollup(frame, catalogue.areas, COUNT, ["1"]).iloc[0]
    assert (out["value"], out["flag"], out["origin"]) == (151, "provisional", "stored")
    hidden = pd.concat(
        [altstadt([10, 20, 30, 40, 50]), rows(("1", np.nan, np.nan, np.nan, "secret"))]
    )
    out = rollup(hidden, catalogue.areas, COUNT, ["1"]).iloc[0]
    assert np.isnan(out["value"]) and out["flag"] == "secret"


@pytest.mark.parametrize(
    ("override", "flag"),
    [
        ({"d13": ("13", np.nan, np.nan, np.nan, "secret")}, "secret"),
        ({"d13": ("13", np.nan, np.nan, np.nan, "not_meaningful")}, "not_available"),
        ({"d13": ("13", 30.0, np.nan, np.nan, "provisional")}, "provisional"),
        (
            {
                "d13": ("13", 30.0, np.nan, np.nan, "corrected"),
                "d14": ("14", 40.0, np.nan, np.nan, "not_reliable"),
            },
            "not_reliable",
        ),
    ],
)
def test_member_flags_decide_the_aggregate(catalogue, override: dict, flag: str) -> None:
    out = rollup(altstadt([10, 20, 30, 40, 50], **override), catalogue.areas, COUNT, ["1"])
    assert out.loc[0, "flag"] == flag
    assert np.isnan(out.loc[0, "value"]) == (flag in ("secret", "not_available"))


def test_missing_member_makes_the_aggregate_unavailable(catalogue) -> None:
    frame = altstadt([10, 20, 30, 40, 50])
    out = rollup(frame[frame["area_code"] != "15"], catalogue.areas, COUNT, ["1"]).iloc[0]
    assert np.isnan(out["value"]) and out["flag"] == "not_available"


def test_nicht_zuzuordnen_is_optional_for_the_city(catalogue) -> None:
    districts = level_codes(catalogue.areas, "stadtteile")
    frame = rows(*[(c, 10.0, np.nan, np.nan, None) for c in districts])
    assert city_value(frame, catalogue.areas, COUNT) == (450.0, None)
    with_00 = pd.concat([frame, rows(("00", 5.0, np.nan, np.nan, None))])
    assert city_value(with_00, catalogue.areas, COUNT)[0] == 455.0


def test_share_without_parts_is_not_averaged(catalogue) -> None:
    frame = altstadt([10, 20, 30, 40, 50])
    out = rollup(frame, catalogue.areas, SHARE, ["1"]).iloc[0]
    assert np.isnan(out["value"]) and out["flag"] == "not_available"


def test_non_additive_indicator_only_shows_stored_rows(catalogue) -> None:
    frame = pd.concat([altstadt([10, 20, 30, 40, 50]), rows(("B2", 42.0, np.nan, np.nan, None))])
    out = rollup(frame, catalogue.areas, SURVEY, ["1", "B2"]).set_index("area_code")
    assert out.loc["1", "flag"] == "not_available" and out.loc["1", "origin"] == "none"
    assert out.loc["B2", "value"] == 42.0 and out.loc["B2", "origin"] == "stored"


def test_small_computed_aggregates_are_suppressed(catalogue) -> None:
    frame = altstadt([0, 1, 0, 0, 1])
    out = rollup(frame, catalogue.areas, COUNT, ["1"]).iloc[0]
    assert np.isnan(out["value"]) and out["flag"] == "secret"
    share = rows(*[(c, 10.0, 1, 10, None) for c in ALTSTADT])
    out = rollup(share, catalogue.areas, SHARE, ["1"], min_denominator=100).iloc[0]
    assert np.isnan(out["value"]) and out["flag"] == "secret"


@pytest.mark.parametrize(
    ("indicator", "frame", "expected"),
    [
        ({"factor": 1000.0}, rows(("11", 5.0, 1, 200, None)), 1000.0),
        ({"kind": "rate"}, rows(("11", 12.5, 25, 200, None)), 100.0),
        ({"kind": "mean"}, rows(("11", 40.2, 4020, 100, None)), 1.0),
        ({"kind": "share"}, rows(("11", np.nan, np.nan, np.nan, "secret")), 100.0),
        ({"kind": "mean"}, rows(("11", np.nan, np.nan, np.nan, "secret")), 1.0),
    ],
)
def test_ratio_factor(indicator: dict, frame: pd.DataFrame, expected: float) -> None:
    assert ratio_factor(frame, indicator) == expected


@pytest.fixture(scope="module")
def real_2014(
    real_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[pd.DataFrame, object]:
    """Released anteil_mv rows of 2014 (insgesamt) and the catalogue."""
    path = copy_db(real_db_template, tmp_path_factory.mktemp("rollup"))
    store = Store(path)
    catalogue = store_catalogue(store)
    values = released_observations(store, catalogue, ["anteil_mv"])
    store.close()
    frame = values[(values["period"] == 2014) & (values["grp"] == "insgesamt")]
    return frame, catalogue


@pytest.mark.realdata
@pytest.mark.parametrize("drop_stored", [False, True])
def test_acceptance_stadtbezirke_2014(real_2014: tuple, drop_stored: bool) -> None:
    frame, catalogue = real_2014
    areas = catalogue.areas
    if drop_stored:
        # computed from the 45 Stadtteile, the ratio of sums gives the official figures too
        frame = frame[frame["area_code"].str.len() == 2]
        frame = frame[~frame["area_code"].str.startswith("B")]
    indicator = catalogue.indicator("anteil_mv")
    out = rollup(frame, areas, indicator, level_codes(areas, "stadtbezirke"))
    values = out.set_index("area_code")["value"].round(1)
    assert values["B3"] == 38.8  # Nord
    assert values["B6"] == 26.0  # Hiltrup
    assert set(out["origin"]) == {"computed" if drop_stored else "stored"}
    city, _ = city_value(frame, areas, indicator)
    assert round(city, 1) == 21.7
