"""District profile: district vs city and Stadtbezirk, trends, comparison, goals, measures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import area_tree, district_facts
from dashboard.analysis import profile as prof

COLUMNS = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
           "flag", "source"]  # fmt: skip


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Observation frame from (indicator, area, period, value[, flag[, grp]]) tuples."""
    out = []
    for row in rows:
        ind, area, period, value, *rest = row
        flag = rest[0] if rest else None
        grp = rest[1] if len(rest) > 1 else "insgesamt"
        out.append([ind, area, period, grp, value, None, None, flag, "test"])
    return pd.DataFrame(out, columns=COLUMNS).astype({"value": float})


@pytest.fixture(scope="module")
def indicators(catalogue) -> pd.DataFrame:
    """A few catalogue indicators of every direction and kind."""
    ids = ["bevoelkerung", "anteil_mv", "sgb2_quote", "kita_besuch_3_6", "rassismuserfahrung"]
    return catalogue.indicators[catalogue.indicators["id"].isin(ids)]


# Berg Fidel (91) and three other Hiltrup districts, the Stadtbezirk B6 and the city.
SGB2 = {"0": 6.0, "B6": 8.0, "91": 19.0, "95": 5.0, "96": 7.0, "97": 9.0, "61": 21.0}
KITA = {"0": 92.0, "B6": 91.5, "91": 85.0, "95": 95.0, "96": 93.0, "97": 92.0, "61": 84.0}
MV = {"0": 21.7, "B6": 26.0, "91": 47.8, "95": 20.0, "96": 22.0, "97": 27.0, "61": 49.7}
POP = {"0": 300267, "B6": 37399, "91": 5640, "95": 6000, "96": 10000, "97": 9000, "61": 10555}


@pytest.fixture
def values() -> pd.DataFrame:
    """Two periods (2013 a little different, 2014 as above); kita only 2013."""
    rows = []
    for period, shift in ((2013, 1.0), (2014, 0.0)):
        rows += [("sgb2_quote", a, period, v + shift) for a, v in SGB2.items()]
        rows += [("anteil_mv", a, period, v - shift) for a, v in MV.items()]
        rows += [("bevoelkerung", a, period, v) for a, v in POP.items()]
    rows += [("kita_besuch_3_6", a, 2013, v) for a, v in KITA.items()]
    rows += [("rassismuserfahrung", "0", 2014, 13.4)]
    return frame(rows)


@pytest.mark.parametrize(
    ("value", "reference", "direction", "hidden", "expected"),
    [
        (19.0, 6.0, "lower_better", False, "worse"),
        (5.0, 6.0, "lower_better", False, "better"),
        (6.2, 6.0, "lower_better", False, "similar"),  # within 5 % of the city value
        (95.0, 92.0, "higher_better", False, "similar"),
        (85.0, 92.0, "higher_better", False, "worse"),
        (47.8, 21.7, "neutral", False, "neutral"),
        (math.nan, 21.7, "higher_better", True, "hidden"),
        (math.nan, 21.7, "higher_better", False, "unknown"),
        (5.0, math.nan, "lower_better", False, "unknown"),
        (0.04, 0.0, "lower_better", False, "similar"),  # vanishes at one decimal
    ],
)  # fmt: skip
def test_assess(value, reference, direction, hidden, expected) -> None:
    assert prof.assess(value, reference, direction, decimals=1, hidden=hidden) == expected


@pytest.mark.parametrize(
    ("code", "bezirk", "chain"),
    [("91", "B6", ["9", "B6", "0"]), ("11", "B1", ["1", "B1", "0"]), ("B3", "B3", ["0"]),
     ("0", None, []), ("99", None, [])],
)  # fmt: skip
def test_hierarchy(catalogue, code, bezirk, chain) -> None:
    areas = catalogue.areas
    assert prof.stadtbezirk_of(areas, code) == bezirk
    # the Hiltrup districts hang directly below B6; the alias "9" is not a code
    expected = [c for c in chain if c in set(areas["code"])]
    assert area_tree.ancestors(areas, code) == expected


def test_profile_compares_with_city_and_bezirk(values, indicators, catalogue) -> None:
    out = prof.profile(values, indicators, catalogue.areas, "91").set_index("indicator_id")
    assert list(out.index) == ["bevoelkerung", "anteil_mv", "sgb2_quote", "kita_besuch_3_6"]
    mv = out.loc["anteil_mv"]
    assert (mv["period"], mv["value"], mv["city"], mv["bezirk"]) == (2014, 47.8, 21.7, 26.0)
    assert mv["assessment"] == "neutral" and mv["diff_city"] == pytest.approx(26.1)
    assert mv["position"] > 0  # above the city: right of the middle
    sgb2 = out.loc["sgb2_quote"]
    assert sgb2["assessment"] == "worse" and sgb2["assessment_bezirk"] == "worse"
    # lower is better: a higher SGB-II share lies left of the middle (worse)
    assert sgb2["position"] < 0 < sgb2["range_max"]
    assert (sgb2["rank"], sgb2["n_ranked"]) == (4, 5)  # of 91, 95, 96, 97, 61
    # an indicator without 2014 values keeps its own latest period
    assert out.loc["kita_besuch_3_6", "period"] == 2013
    assert out.loc["kita_besuch_3_6", "assessment"] == "worse"
    # counts depend on area size: shown, never judged
    assert not out.loc["bevoelkerung", "comparable"]
    assert out.loc["bevoelkerung", "assessment"] == "unknown"
    assert math.isnan(out.loc["bevoelkerung", "position"])
    # a city-only indicator has no district row
    assert "rassismuserfahrung" not in out.index


def test_profile_of_a_fixed_period_and_unknown_district(values, indicators, catalogue) -> None:
    out = prof.profile(values, indicators, catalogue.areas, "91", period=2013)
    assert set(out["period"]) == {2013}
    assert out.set_index("indicator_id").loc["sgb2_quote", "value"] == 20.0
    assert prof.profile(values, indicators, catalogue.areas, "91", period=2001).empty
    assert prof.profile(values, indicators, catalogue.areas, "68").empty


def test_hidden_values_are_never_compared_or_zero(values, indicators, catalogue) -> None:
    hidden = values.copy()
    mask = (hidden["indicator_id"] == "sgb2_quote") & (hidden["area_code"] == "91")
    hidden.loc[mask & (hidden["period"] == 2014), ["value", "flag"]] = [np.nan, "secret"]
    out = prof.profile(hidden, indicators, catalogue.areas, "91").set_index("indicator_id")
    row = out.loc["sgb2_quote"]
    assert row["period"] == 2014 and math.isnan(row["value"]) and row["flag"] == "secret"
    assert row["assessment"] == "hidden" and math.isnan(row["position"])
    assert math.isnan(row["rank"]) and row["n_ranked"] == 4
    assert pd.isna(row["gap_trend"])
    # the hidden district is left out of the other districts' range and ranks
    other = prof.profile(hidden, indicators, catalogue.areas, "61").set_index("indicator_id")
    assert other.loc["sgb2_quote", "n_ranked"] == 4


def test_group_selects_rows_of_that_group(values, indicators, catalogue) -> None:
    extra = frame([("kita_besuch_3_6", a, 2013, v - 10, None, "mit_mv") for a, v in KITA.items()])
    out = prof.profile(
        pd.concat([values, extra]), indicators, catalogue.areas, "91", group="mit_mv"
    )
    assert list(out["indicator_id"]) == ["kita_besuch_3_6"]
    assert (out.loc[0, "value"], out.loc[0, "grp"]) == (75.0, "mit_mv")


@pytest.mark.parametrize(
    ("district", "city", "expected"),
    [
        ([20.0, 19.0], [6.0, 6.0], "converging"),
        ([19.0, 21.0], [6.0, 6.0], "diverging"),
        ([19.0, 19.1], [6.0, 6.0], "stable"),
        ([19.0, math.nan], [6.0, 6.0], None),
    ],
)  # fmt: skip
def test_gap_trend(district, city, expected) -> None:
    rows = frame(
        [("x", "91", 2013 + i, v) for i, v in enumerate(district)]
        + [("x", "0", 2013 + i, v) for i, v in enumerate(city)]
    )
    assert prof.gap_trend(rows, "91", 2014)["gap_trend"] == expected


def test_gap_trend_window_looks_back_only_so_far() -> None:
    rows = frame([("x", "91", p, 10.0 + (p == 2000) * 50) for p in (2000, 2008, 2014)]
                 + [("x", "0", p, 5.0) for p in (2000, 2008, 2014)])  # fmt: skip
    out = prof.gap_trend(rows, "91", 2014, window=5)
    assert out["gap_trend"] is None  # 2008 is outside the window 2010–2014
    assert prof.gap_trend(rows, "91", 2014, window=20)["trend_from"] == 2000


def test_standouts_and_counts(values, indicators, catalogue) -> None:
    out = prof.profile(values, indicators, catalogue.areas, "95")
    counts = prof.assessment_counts(out)
    # Kita 95 vs 92 is within 5 % of the city value: similar, not better
    assert counts == {"better": 1, "similar": 1, "worse": 0, "neutral": 1, "hidden": 0,
                      "unknown": 0}  # fmt: skip
    worse, better = prof.standouts(out)
    assert worse.empty and list(better["indicator_id"]) == ["sgb2_quote"]
    worse, better = prof.standouts(prof.profile(values, indicators, catalogue.areas, "61"))
    assert list(worse["indicator_id"]) == ["sgb2_quote", "kita_besuch_3_6"] and better.empty


def test_trend_series_in_requested_order(values, indicators) -> None:
    out = prof.trend_series(values, indicators, "sgb2_quote", ["91", "0", "B6"])
    assert list(out["area_code"]) == ["91", "91", "0", "0", "B6", "B6"]
    assert list(out["period"][:2]) == [2013, 2014]


def test_compare_uses_a_common_period_and_skips_counts(values, indicators, catalogue) -> None:
    codes = ["91", "61", "95", "0", "96"]  # one too many: only four are compared
    out = prof.compare(values, indicators, catalogue.areas, codes)
    assert list(dict.fromkeys(out["area_code"])) == ["91", "61", "95", "0"]
    assert set(out["indicator_id"]) == {"anteil_mv", "sgb2_quote", "kita_besuch_3_6"}
    sgb2 = out[out["indicator_id"] == "sgb2_quote"].set_index("area_code")
    assert set(sgb2["period"]) == {2014}
    assert sgb2.loc["0", "position"] == 0 and sgb2.loc["95", "position"] > 0
    assert sgb2.loc["61", "assessment"] == "worse"
    partial = values[~((values["area_code"] == "61") & (values["period"] == 2014))]
    out = prof.compare(partial, indicators, catalogue.areas, ["91", "61"])
    assert set(out.loc[out["indicator_id"] == "sgb2_quote", "period"]) == {2013}
    assert prof.compare(values, indicators, catalogue.areas, ["91"], period=1999).empty


@pytest.mark.parametrize(
    ("raw", "valid", "unknown"),
    [
        ("61", ["61"], []),
        ("61,63, 0", ["61", "63", "0"], []),
        (["61", "63,61"], ["61", "63"], []),
        ("61,xyz,,", ["61"], ["xyz"]),
        (None, [], []),
        ("", [], []),
    ],
)  # fmt: skip
def test_parse_codes(raw, valid, unknown) -> None:
    assert prof.parse_codes(raw, {"0", "61", "63", "91"}) == (valid, unknown)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("91", ["91", "61", "63", "0"]), ("61", ["61", "91", "63", "0"]),
     ("11", ["11", "91", "61", "0"])],
)  # fmt: skip
def test_default_comparison(code, expected) -> None:
    assert prof.default_comparison(code, ("91", "61", "63")) == expected


@pytest.mark.parametrize(("code", "count"), [("91", 4), ("61", 2), ("11", 0)])
def test_district_goals(catalogue, code, count) -> None:
    goals = district_facts.district_goals(catalogue.frames["goal"], code)
    assert len(goals) == count and set(goals["kind"]) <= {"stadtteilziel"}
    if count:
        assert list(goals["number"]) == [str(n) for n in range(1, count + 1)]


def test_district_measures_split_local_and_citywide() -> None:
    measures = pd.DataFrame(
        {"title": ["a", "b", "c", "d"],
         "areas": [["91"], np.array(["61", "91"]), [], None]}
    )  # fmt: skip
    local, citywide = district_facts.district_measures(measures, "91")
    assert list(local["title"]) == ["a", "b"] and list(citywide["title"]) == ["c", "d"]
    local, citywide = district_facts.district_measures(measures, "11")
    assert local.empty and len(citywide) == 2
    empty = pd.DataFrame(columns=["title", "areas"])
    assert all(part.empty for part in district_facts.district_measures(empty, "91"))


def test_key_facts_and_flags(values) -> None:
    flagged = pd.concat([values, frame([("anteil_mv", "91", 2015, np.nan, "secret")])])
    roles = {"population": "bevoelkerung", "headline_share": "anteil_mv"}
    facts = district_facts.key_facts(flagged, "91", roles)
    assert facts["population"] == (5640.0, 2014, None)
    value, period, flag = facts["headline_share"]
    assert math.isnan(value) and (period, flag) == (2015, "secret")
    assert district_facts.key_facts(flagged, "91", roles, period=2014)["headline_share"][0] == 47.8
    assert math.isnan(district_facts.key_facts(flagged, "68", roles)["population"][0])
    # a catalogue without a declared headline share: no value, no error
    assert math.isnan(
        district_facts.key_facts(flagged, "91", {"population": None})["headline_share"][0]
    )
    assert district_facts.flag_counts(flagged, "91", 2015) == {"secret": 1}
    assert district_facts.flag_counts(flagged, "91", 2014) == {}


@pytest.mark.parametrize(
    ("code", "period", "group"),
    [("61", None, None), ("91", None, None), ("45", 2020, None), ("61", None, "nichtdeutsch"),
     ("11", 2024, "weiblich")],
)  # fmt: skip
def test_profile_reads_only_the_rows_it_needs(
    demo_store, code: str, period: int | None, group: str | None, monkeypatch
) -> None:
    """The profile from the rows it reads (the district's, city's and Stadtbezirk's series and
    every area in the shown year) is the profile from all rows."""
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations

    cat = store_catalogue(demo_store)
    values = released_observations(demo_store, cat)
    fast = prof.profile(values, cat.indicators, cat.areas, code, period, group)
    monkeypatch.setattr(prof, "_read_rows", lambda rows, in_group, *args: rows[in_group])
    full = prof.profile(values, cat.indicators, cat.areas, code, period, group)
    assert len(fast) >= 3  # a group has fewer indicators than the total
    pd.testing.assert_frame_equal(fast, full)


@pytest.mark.parametrize(
    ("codes", "period", "group"),
    [(["61", "91", "0"], None, None), (["45", "B6"], 2020, None),
     (["61", "11", "33", "0"], None, "nichtdeutsch")],
)  # fmt: skip
def test_compare_reads_only_the_rows_it_needs(
    demo_store, codes: list[str], period: int | None, group: str | None, monkeypatch
) -> None:
    """The comparison from the compared areas' and the city's series and every area in the
    common period is the comparison from all rows."""
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations

    cat = store_catalogue(demo_store)
    values = released_observations(demo_store, cat)
    fast = prof.compare(values, cat.indicators, cat.areas, codes, period, group)
    monkeypatch.setattr(prof, "near_and_shown", lambda rows, *args: rows)
    full = prof.compare(values, cat.indicators, cat.areas, codes, period, group)
    assert len(fast) >= 3 * len(codes)
    pd.testing.assert_frame_equal(fast, full)


@pytest.mark.parametrize(
    ("code", "period", "group"),
    [("61", None, None), ("91", None, None), ("45", 2020, None), ("61", None, "nichtdeutsch"),
     ("11", 2024, "weiblich")],
)  # fmt: skip
def test_profile_from_the_stored_rows_it_reads(
    demo_store, code: str, period: int | None, group: str | None
) -> None:
    """The profile from the rows the store returns for it (its areas' series, every area in the
    shown periods) equals the profile from the whole release, and those rows are fewer."""
    from dashboard.analysis import profile_scope as scope
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_near_and_shown, released_observations

    cat = store_catalogue(demo_store)
    values = released_observations(demo_store, cat)
    own = released_observations(demo_store, cat, None, [code])
    shown = scope.profile_periods(own, cat.indicators, code, period, group)
    near = scope.profile_near(cat.areas, code)
    rows = released_near_and_shown(demo_store, cat, near, {k: int(v) for k, v in shown.items()})
    assert len(rows) < len(values) / 2
    full = prof.profile(values, cat.indicators, cat.areas, code, period, group)
    pd.testing.assert_frame_equal(
        prof.profile(rows, cat.indicators, cat.areas, code, period, group), full
    )


@pytest.mark.parametrize(
    ("codes", "period", "group"),
    [(["61", "91", "0"], None, None), (["45", "B6"], 2020, None),
     (["61", "11", "33", "0", "91"], None, "nichtdeutsch")],
)  # fmt: skip
def test_compare_from_the_stored_rows_it_reads(
    demo_store, codes: list[str], period: int | None, group: str | None
) -> None:
    """The comparison from the rows the store returns for it equals the one from all rows."""
    from dashboard.analysis import profile_scope as scope
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_near_and_shown, released_observations

    cat = store_catalogue(demo_store)
    values = released_observations(demo_store, cat)
    near = [*scope.compared_codes(codes), scope.CITY]
    own = released_observations(demo_store, cat, None, near)
    shown = scope.compare_periods(own, cat.indicators, codes, period, group)
    rows = released_near_and_shown(demo_store, cat, near, {k: int(v) for k, v in shown.items()})
    assert len(rows) < len(values) / 2
    full = prof.compare(values, cat.indicators, cat.areas, codes, period, group)
    pd.testing.assert_frame_equal(
        prof.compare(rows, cat.indicators, cat.areas, codes, period, group), full
    )
