"""Similar districts: nearest neighbours on standardised core indicators."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.similarity import similar_districts, standardised

# the starting conditions the pure function was first documented with (poverty of adults and
# children, shares with migration history, unemployment, living space)
SIMILARITY_INDICATORS = (
    "sgb2_quote", "sgb2_kinder_u15", "anteil_kinder_mv", "anteil_mv", "arbeitslose_je100",
    "wohnflaeche_je_person",
)  # fmt: skip

AREAS = pd.DataFrame(
    {
        "code": ["0", "B1", "11", "12", "13", "14", "15", "16"],
        "level": ["stadt", "stadtbezirk"] + ["stadtteil"] * 6,
        "name": ["Stadt", "Bezirk", "A", "B", "C", "D", "E", "F"],
        "parent_code": [None, "0"] + ["B1"] * 6,
    }
)
# two indicators; 11 and 12 alike, 13 and 14 alike, 15 and 16 far apart
DATA = {
    "sgb2_quote": {"11": 20.0, "12": 19.0, "13": 8.0, "14": 9.0, "15": 3.0, "16": 14.0},
    "anteil_mv": {"11": 50.0, "12": 48.0, "13": 25.0, "14": 26.0, "15": 15.0, "16": 35.0},
}


def values(data: dict[str, dict[str, float]] = DATA, period: int = 2014) -> pd.DataFrame:
    """Observation frame from {indicator: {area: value}}; NaN values are flagged secret."""
    rows = [
        {"indicator_id": ind, "area_code": area, "period": period, "grp": "insgesamt",
         "value": v, "flag": "secret" if pd.isna(v) else None}
        for ind, by_area in data.items() for area, v in by_area.items()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_nearest_neighbours_in_order() -> None:
    result = similar_districts(values(), AREAS, "11", n=3, indicators=tuple(DATA))
    assert list(result.frame["area_code"]) == ["12", "16", "14"]
    assert list(result.frame["rank"]) == [1, 2, 3]
    assert result.frame["distance"].is_monotonic_increasing
    assert result.indicators == ("sgb2_quote", "anteil_mv")
    assert result.periods == {"sgb2_quote": 2014, "anteil_mv": 2014}
    assert result.reference == {"sgb2_quote": 20.0, "anteil_mv": 50.0}
    assert result.frame.loc[0, "value_anteil_mv"] == 48.0


def test_distance_is_root_mean_square_of_z_differences() -> None:
    result = similar_districts(values(), AREAS, "13", n=1, indicators=tuple(DATA))
    raw = pd.DataFrame(DATA)
    z = (raw - raw.mean()) / raw.std(ddof=0)
    expected = math.sqrt(((z.loc["13"] - z.loc["14"]) ** 2).mean())
    assert result.frame.loc[0, "area_code"] == "14"
    assert result.frame.loc[0, "distance"] == pytest.approx(expected)


def test_hidden_values_are_skipped_not_zero() -> None:
    data = {k: dict(v) for k, v in DATA.items()}
    data["sgb2_quote"]["12"] = np.nan  # secret: 12 shares only anteil_mv with 11
    result = similar_districts(values(data), AREAS, "11", indicators=tuple(DATA))
    row = result.frame.set_index("area_code").loc["12"]
    assert row["n_shared"] == 1 and row["rank"] == 1
    # with three indicators a neighbour needs two in common
    data["arbeitslose_je100"] = {"11": 9.0, "12": np.nan, "13": 4, "14": 4.5, "15": 2, "16": 6}
    result = similar_districts(values(data), AREAS, "11", indicators=tuple(data))
    assert "12" not in set(result.frame["area_code"])


def test_unusable_indicators_and_unknown_districts() -> None:
    data = {**DATA, "wohnflaeche_je_person": {"11": 30.0, "12": 31.0}}  # too few districts
    data["arbeitslose_je100"] = dict.fromkeys(DATA["sgb2_quote"], 5.0)  # no spread at all
    result = similar_districts(values(data), AREAS, "11", indicators=tuple(data))
    assert result.indicators == ("sgb2_quote", "anteil_mv")
    assert not similar_districts(values(), AREAS, "99").available
    assert not similar_districts(values(), AREAS, "0").available
    empty = similar_districts(values().iloc[0:0], AREAS, "11")
    assert not empty.available and empty.indicators == ()


def test_excluded_districts_are_not_proposed() -> None:
    result = similar_districts(values(), AREAS, "11", indicators=tuple(DATA), excluded={"12"})
    assert "12" not in set(result.frame["area_code"])


def test_latest_period_per_indicator_up_to_the_chosen_one() -> None:
    both = pd.concat([values(period=2013), values({"sgb2_quote": DATA["sgb2_quote"]}, 2015)])
    _, z, periods = standardised(both, list(DATA["sgb2_quote"]), tuple(DATA))
    assert periods == {"sgb2_quote": 2015, "anteil_mv": 2013}
    assert z.mean().abs().max() < 1e-9
    _, _, periods = standardised(both, list(DATA["sgb2_quote"]), tuple(DATA), period=2014)
    assert periods == {"sgb2_quote": 2013, "anteil_mv": 2013}


def test_documented_indicators_exist(catalogue) -> None:
    known = set(catalogue.indicators["id"])
    assert set(SIMILARITY_INDICATORS) <= known
    assert set(catalogue.setting("similarity")) <= known
    kinds = catalogue.indicators.set_index("id").loc[list(catalogue.setting("similarity")), "kind"]
    assert set(kinds) <= {"share", "rate", "mean"}  # never counts, which depend on size


def test_demo_data_finds_the_focus_districts(demo_store) -> None:
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations

    cat = store_catalogue(demo_store)
    result = similar_districts(
        released_observations(demo_store, cat), cat.areas, "91", indicators=SIMILARITY_INDICATORS
    )
    assert set(result.frame["area_code"].head(2)) == {"61", "63"}
    assert result.indicators == SIMILARITY_INDICATORS
