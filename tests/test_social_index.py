"""Social status index in the manner of Münster's Sozialmonitoring."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import config
from dashboard.analysis import social_index as si

CODES = ["11", "12", "13", "14", "15", "16", "17"]
AREAS = pd.DataFrame(
    {
        "code": ["0", "B1", *CODES],
        "level": ["stadt", "stadtbezirk"] + ["stadtteil"] * len(CODES),
        "name": ["Stadt", "Bezirk", *CODES],
        "parent_code": [None, "0"] + ["B1"] * len(CODES),
    }
)
CORE = {
    "sgb2_quote": [20.0, 12.0, 8.0, 6.0, 4.0, 3.0, 9.0],
    "sgb2_kinder_u15": [30.0, 18.0, 10.0, 8.0, 5.0, 4.0, 12.0],
    "anteil_kinder_mv": [70.0, 50.0, 40.0, 35.0, 25.0, 20.0, 45.0],
}
CITY = {"sgb2_quote": 7.0, "sgb2_kinder_u15": 10.0, "anteil_kinder_mv": 38.0}
POPULATION = [5000, 8000, 6000, 9000, 7000, 4000, 250]  # 17 is under the minimum of 300
# the composition and population a catalogue declares (analyses: social_index, population)
CORE_IDS = tuple(CORE)


def index(frame: pd.DataFrame, areas: pd.DataFrame, **options: object) -> si.SocialIndex:
    """The index with this module's composition and population indicator."""
    options = {"indicators": CORE_IDS, "population_indicator": "bevoelkerung", **options}
    return si.compute_social_index(frame, areas, **options)  # type: ignore[arg-type]


def values(
    core: dict[str, list[float]] = CORE, period: int = 2014, population: list[int] = POPULATION
) -> pd.DataFrame:
    """Observation frame of the core indicators, the city values and the population."""
    rows = []
    for ind, series in core.items():
        rows += [(ind, code, v) for code, v in zip(CODES, series, strict=True)]
        rows.append((ind, "0", CITY[ind]))
    rows += [("bevoelkerung", code, p) for code, p in zip(CODES, population, strict=True)]
    return pd.DataFrame(
        [{"indicator_id": i, "area_code": a, "period": period, "grp": "insgesamt", "value": v,
          "flag": "secret" if pd.isna(v) else None} for i, a, v in rows]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("index_sd", "expected"),
    [(-2.0, 1), (-1.0, 1), (-0.99, 2), (-0.5, 2), (0.0, 3), (0.5, 3), (0.51, 4), (1.0, 4),
     (1.01, 5), (3.0, 5), (math.nan, None)],
)  # fmt: skip
def test_classify_by_standard_deviation(index_sd, expected) -> None:
    assert si.classify(index_sd) == expected


def test_index_is_mean_of_deviations_from_the_city() -> None:
    result = index(values(), AREAS)
    assert result.period == 2014 and result.indicators == CORE_IDS
    assert result.missing == () and result.available
    frame = result.frame.set_index("area_code")
    included = frame[frame["included"]]
    for ind in CORE_IDS:
        raw = pd.Series(CORE[ind], index=CODES).drop("17")
        sd = raw.std(ddof=1)
        assert result.spread[ind] == pytest.approx(sd)
        assert result.city[ind] == CITY[ind]
        expected = (raw - CITY[ind]) / sd
        assert included[f"z_{ind}"].to_numpy() == pytest.approx(expected.to_numpy())
    z_cols = [f"z_{i}" for i in CORE_IDS]
    assert included["index"].to_numpy() == pytest.approx(included[z_cols].mean(axis=1))
    contribs = included[[f"contrib_{i}" for i in CORE_IDS]].sum(axis=1)
    assert contribs.to_numpy() == pytest.approx(included["index"].to_numpy())
    assert frame.loc["11", "rank"] == 1 and frame.loc["11", "class_key"] == "very_high"
    assert frame.loc["16", "class_no"] < frame.loc["13", "class_no"] < 5
    assert result.sigma == pytest.approx(included["index"].std(ddof=1))


def test_small_districts_are_left_out_also_of_the_spread() -> None:
    result = index(values(), AREAS)
    small = result.row("17")
    assert not small["included"] and small["reason"] == "small_population"
    assert math.isnan(small["index"]) and pd.isna(small["class_no"])
    lower = index(values(), AREAS, min_population=200)
    assert lower.row("17")["included"] and not math.isnan(lower.row("17")["index"])
    assert lower.spread["sgb2_quote"] != result.spread["sgb2_quote"]
    higher = index(values(), AREAS, min_population=5500)
    assert set(higher.frame.loc[~higher.frame["included"], "area_code"]) == {"11", "16", "17"}


def test_population_minimum_is_a_documented_setting() -> None:
    setting = config.SETTINGS[si.MIN_POPULATION_SETTING]
    assert setting.default == si.DEFAULT_MIN_POPULATION == 300
    assert setting.help


def test_hidden_values_two_of_three_or_nothing() -> None:
    core = {k: list(v) for k, v in CORE.items()}
    core["sgb2_kinder_u15"][1] = np.nan  # 12: two of three visible → still an index
    core["sgb2_kinder_u15"][2] = np.nan
    core["anteil_kinder_mv"][2] = np.nan  # 13: one of three → no index
    result = index(values(core), AREAS)
    twelve, thirteen = result.row("12"), result.row("13")
    assert twelve["n_indicators"] == 2
    assert twelve["index"] == pytest.approx(
        np.mean([twelve["z_sgb2_quote"], twelve["z_anteil_kinder_mv"]])
    )
    assert twelve["contrib_sgb2_quote"] + twelve["contrib_anteil_kinder_mv"] == pytest.approx(
        twelve["index"]
    )
    assert math.isnan(thirteen["index"]) and thirteen["reason"] == "too_few_values"


def test_missing_core_indicator_and_no_data() -> None:
    core = {k: v for k, v in CORE.items() if k != "anteil_kinder_mv"}
    result = index(values(core), AREAS)
    assert result.indicators == ("sgb2_quote", "sgb2_kinder_u15")
    assert result.missing == ("anteil_kinder_mv",)
    assert result.available
    nothing = index(values().iloc[0:0], AREAS)
    assert not nothing.available and nothing.period is None
    assert nothing.missing == CORE_IDS
    only_population = values()[values()["indicator_id"] == "bevoelkerung"]
    assert not index(only_population, AREAS).available


def test_dynamics_against_an_earlier_period() -> None:
    later = {k: list(v) for k, v in CORE.items()}
    for ind in later:  # 11 improves a lot, 12 gets worse
        later[ind][0] *= 0.6
        later[ind][1] *= 1.4
    frames = [values(period=p) for p in (2010, 2011)] + [values(later, period=2014)]
    result = index(pd.concat(frames), AREAS, dynamics_periods=3)
    assert result.period == 2014
    row11, row12, row14 = result.row("11"), result.row("12"), result.row("14")
    assert row11["previous_period"] == 2011  # 2014 − 3 = 2011 exists
    assert row11["dynamics"] == pytest.approx(row11["index"] - row11["previous_index"])
    assert (row11["dynamics_key"], row12["dynamics_key"]) == ("falling", "rising")
    assert row14["dynamics_key"] in {"stable", "rising", "falling"}
    assert row11["change_sgb2_quote"] == pytest.approx(20.0 * 0.6 - 20.0)
    gap = pd.concat([values(period=2013), values(later, period=2014)])
    assert index(gap, AREAS).row("11")["previous_period"] == 2013
    single = index(values(), AREAS)
    assert math.isnan(single.row("11")["dynamics"]) and single.row("11")["dynamics_key"] is None


def test_an_explicit_period() -> None:
    both = pd.concat([values(period=2013), values(period=2014)])
    assert index(both, AREAS, period=2013).period == 2013
    assert not index(both, AREAS, period=2000).available


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [("de", ["Sozialmonitoring", "300 Einwohnenden", "0,2 Standardabweichungen", "2014"]),
     ("en", ["Sozialmonitoring", "300 inhabitants", "0.2 standard deviations", "2014"])],
)  # fmt: skip
def test_method_text(lang, phrases) -> None:
    result = index(values(), AREAS)
    names = {"sgb2_quote": "SGB-II-Quote 15–64"}
    text = si.method_text(result, names, lang)
    assert all(p in text for p in phrases)
    assert "SGB-II-Quote 15–64" in text
    missing = index(values().iloc[0:0], AREAS)
    assert "SGB-II-Quote 15–64" in si.method_text(missing, names, lang)


def test_demo_data_ranks_the_focus_districts_first(demo_store) -> None:
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations

    cat = store_catalogue(demo_store)
    result = index(released_observations(demo_store, cat), cat.areas)
    top = result.frame.sort_values("rank").head(3)
    assert set(top["area_code"]) == {"61", "91", "63"}
    assert set(top["class_key"]) == {"very_high"}
    assert result.frame["included"].all()  # every demo district has at least 300 residents


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(*[st.floats(0.5, 90.0, allow_nan=False)] * 3), min_size=7, max_size=7),
    st.tuples(*[st.floats(1.0, 60.0, allow_nan=False)] * 3),
)
def test_contributions_add_up_and_classes_follow_the_index(rows, city) -> None:
    core = {ind: [r[i] for r in rows] for i, ind in enumerate(CORE_IDS)}
    frame = values(core, population=[1000] * len(CODES))
    for i, ind in enumerate(CORE_IDS):  # replace the fixed city values
        frame.loc[(frame["indicator_id"] == ind) & (frame["area_code"] == "0"), "value"] = city[i]
    result = index(frame, AREAS)
    out = result.frame[result.frame["index"].notna()]
    contribs = out[[f"contrib_{i}" for i in result.indicators]].sum(axis=1)
    assert np.allclose(contribs, out["index"])
    assert all(si.classify(v) == c for v, c in zip(out["index_sd"], out["class_no"], strict=True))
    # a higher index never lands in a lower class
    ordered = out.sort_values("index")
    assert ordered["class_no"].is_monotonic_increasing
