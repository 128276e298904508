"""Targets against actual values: levels, direction-aware gaps, parity gaps, years to go."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from dashboard.analysis.gaps import (
    CITY,
    DOWN,
    PP,
    UP,
    expand_targets,
    gap_at,
    gap_table,
    implicit_targets,
    reference_of,
    target_level,
    target_sense,
    years_to_target,
)
from dashboard.analysis.tracks import build_track, shortfall
from dashboard.catalogues import Catalogue

SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%"}
SHARE_DOWN = {"kind": "share", "direction": "lower_better", "unit": "%"}
SHARE_NEUTRAL = {"kind": "share", "direction": "neutral", "unit": "%"}
COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl"}


def series(values: dict[int, float | None], flags: dict[int, str] | None = None) -> pd.DataFrame:
    """Observation rows of one series (period → value; None = missing value)."""
    flags = flags or {}
    return pd.DataFrame(
        {
            "period": list(values),
            "value": [math.nan if v is None else v for v in values.values()],
            "numerator": math.nan,
            "denominator": math.nan,
            "flag": [flags.get(p) for p in values],
        }
    )


def target(**kw: Any) -> dict[str, Any]:
    base = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
            "baseline_period": None, "baseline_value": None, "target_period": 2030}  # fmt: skip
    return {**base, **kw}


@pytest.mark.parametrize(
    ("spec", "area", "expected"),
    [
        # the same indicator and group can only mean another area: the city
        ({"indicator_id": "anteil_mv", "reference_indicator": "anteil_mv"}, "91",
         ("anteil_mv", CITY, "insgesamt")),
        ({"indicator_id": "anteil_mv", "reference_indicator": None}, "91",
         ("anteil_mv", CITY, "insgesamt")),
        # another group of the same indicator is compared within the area
        ({"indicator_id": "uebergang_gymnasium", "grp": "mit_mv",
          "reference_indicator": "uebergang_gymnasium", "reference_grp": "ohne_mv"}, "91",
         ("uebergang_gymnasium", "91", "ohne_mv")),
        # another indicator (staff vs population) is compared within the area
        ({"indicator_id": "personal_anteil_international", "reference_indicator": "anteil_mv"},
         CITY, ("anteil_mv", CITY, "insgesamt")),
        ({"indicator_id": "azubi", "reference_indicator": "anteil_mv"}, "61",
         ("anteil_mv", "61", "insgesamt")),
        # an explicit reference area (proposed column) wins
        ({"indicator_id": "anteil_mv", "reference_indicator": "anteil_mv",
          "reference_area": "B6"}, "91", ("anteil_mv", "B6", "insgesamt")),
    ],
)  # fmt: skip
def test_reference_of(spec: dict, area: str, expected: tuple) -> None:
    assert reference_of({"grp": "insgesamt", **spec}, area) == expected


@pytest.mark.parametrize(
    ("kind", "value", "baseline", "expected"),
    [("absolute", 50.0, 40.0, 50.0), ("relative_change", -15.0, 8.0, 6.8),
     ("relative_change", 20.0, None, None), ("parity", None, 20.0, None),
     ("direction", None, 3.0, None)],
)  # fmt: skip
def test_target_level(kind: str, value: float | None, baseline: float | None, expected) -> None:
    result = target_level(kind, value, baseline)
    assert result == pytest.approx(expected) if expected is not None else result is None


@pytest.mark.parametrize(
    ("kind", "direction", "value", "baseline", "expected"),
    [
        ("relative_change", "higher_better", -15.0, 8.0, DOWN),  # the target's own sign wins
        ("relative_change", "neutral", 20.0, 5.0, UP),
        ("absolute", "higher_better", 30.0, 40.0, UP),  # a "hold at least" target
        ("absolute", "lower_better", 30.0, 20.0, DOWN),
        ("absolute", "neutral", 30.0, 40.0, DOWN),  # neutral: where the target lies
        ("absolute", "neutral", 30.0, None, UP),
        ("direction", "lower_better", None, None, DOWN),
        ("direction", "neutral", None, None, 0),
    ],
)  # fmt: skip
def test_target_sense(kind, direction, value, baseline, expected) -> None:
    assert target_sense(kind, direction, value, baseline) == expected


@pytest.mark.parametrize(
    ("actual", "reference", "parity_sense", "expected"),
    [(19.0, 25.0, UP, 6.0), (30.0, 25.0, UP, -5.0), (30.0, 25.0, DOWN, 5.0),
     (47.8, 21.7, 0, 26.1), (15.0, 21.7, 0, 6.7)],
)  # fmt: skip
def test_shortfall_is_positive_while_there_is_still_a_way_to_go(
    actual, reference, parity_sense, expected
) -> None:
    assert shortfall(actual, reference, parity_sense) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("indicator", "spec", "values", "gap", "relative", "reached"),
    [
        # higher is better: 42 of 50 → 8 to go
        (SHARE_UP, {"type": "absolute", "value": 50.0}, {2020: 40.0, 2021: 42.0}, 8.0, 16.0,
         False),
        # lower is better: 6 to be reached from 8 → 2 to go (positive)
        (SHARE_DOWN, {"type": "absolute", "value": 6.0}, {2020: 9.0, 2021: 8.0}, 2.0,
         100 * 2 / 6, False),
        # past the target: negative gap, reached
        (SHARE_DOWN, {"type": "absolute", "value": 6.0}, {2020: 7.0, 2021: 5.0}, -1.0,
         -100 / 6, True),
        # relative change −20 % from the baseline value 10 → level 8
        (SHARE_DOWN, {"type": "relative_change", "value": -20.0, "baseline_period": 2020},
         {2020: 10.0, 2021: 9.0}, 1.0, 12.5, False),
        # target exactly met
        (COUNT_UP, {"type": "absolute", "value": 12.0}, {2020: 9.0, 2021: 12.0}, 0.0, 0.0,
         True),
    ],
)  # fmt: skip
def test_gaps_are_direction_aware(indicator, spec, values, gap, relative, reached) -> None:
    track = build_track(target(**spec), indicator, series(values))
    result = gap_at(track, track.latest)
    assert result.absolute == pytest.approx(gap)
    assert result.relative == pytest.approx(relative)
    assert result.reached is reached


def test_parity_gap_is_in_percentage_points_against_a_moving_reference() -> None:
    actual = series({2020: 40.0, 2021: 41.0, 2022: 42.0})
    reference = series({2020: 20.0, 2021: 22.0, 2022: 26.0})
    track = build_track(target(type="parity", reference_indicator="x"), SHARE_NEUTRAL, actual,
                        reference, "stadtteil")  # fmt: skip
    table = gap_table(track)
    assert list(table["absolute"]) == pytest.approx([20.0, 19.0, 16.0])
    assert list(table["reference"]) == [20.0, 22.0, 26.0]
    assert track.unit == PP and track.target_level == 0.0 and track.sense == DOWN
    # relative parity gap: share of the reference level
    assert table["relative"].iloc[-1] == pytest.approx(100 * 16 / 26)
    # a baseline of 20 points and 16 left: a fifth of the way done
    assert table["achieved_share"].iloc[-1] == pytest.approx(0.2)


def test_parity_periods_without_a_usable_reference_are_left_out() -> None:
    actual = series({2020: 40.0, 2021: 41.0, 2022: 42.0})
    reference = series({2020: 20.0, 2021: None, 2022: 26.0}, {2021: "secret"})
    track = build_track(target(type="parity"), SHARE_UP, actual, reference)
    assert [p.period for p in track.points] == [2020, 2022]
    assert track.omitted == ((2021, "reference_secret"),)


@pytest.mark.parametrize(
    ("flags", "values", "kept", "omitted"),
    [
        # a secret cell never counts, even if a value slipped through
        ({2021: "secret"}, {2020: 1.0, 2021: 999.0, 2022: 3.0}, [2020, 2022],
         ((2021, "secret"),)),
        ({2021: "not_reliable"}, {2020: 1.0, 2021: None, 2022: 3.0}, [2020, 2022],
         ((2021, "not_reliable"),)),
        ({}, {2020: 1.0, 2021: None, 2022: 3.0}, [2020, 2022], ((2021, "missing"),)),
        # provisional values are used (and noted by the status)
        ({2022: "provisional"}, {2020: 1.0, 2021: 2.0, 2022: 3.0}, [2020, 2021, 2022], ()),
    ],
)  # fmt: skip
def test_suppressed_values_never_enter_a_track(flags, values, kept, omitted) -> None:
    track = build_track(target(value=5.0), COUNT_UP, series(values, flags))
    assert [p.period for p in track.points] == kept
    assert track.omitted == omitted
    assert 999.0 not in [p.value for p in track.points]


@pytest.mark.parametrize(
    ("spec", "indicator", "values", "problem"),
    [
        ({"type": "relative_change", "value": 20.0, "baseline_period": 2020}, COUNT_UP,
         {2020: 0.0, 2021: 2.0}, "zero_baseline"),
        ({"type": "relative_change", "value": 20.0, "baseline_period": 2019}, COUNT_UP,
         {2020: 4.0, 2021: 5.0}, "no_baseline"),
        ({"type": "direction"}, SHARE_NEUTRAL, {2020: 4.0, 2021: 5.0}, "no_direction"),
        ({"type": "absolute", "value": 3.0}, COUNT_UP, {}, "no_data"),
        ({"type": "absolute", "value": 3.0}, COUNT_UP, {2020: None}, "no_data"),
        ({"type": "absolute", "value": 0.0}, COUNT_UP, {2020: 0.0}, None),  # zero level is fine
    ],
)  # fmt: skip
def test_problems_that_make_a_target_unassessable(spec, indicator, values, problem) -> None:
    assert build_track(target(**spec), indicator, series(values)).problem == problem


def test_baseline_value_of_the_target_wins_over_the_data() -> None:
    spec = {"type": "relative_change", "value": -10.0, "baseline_period": 2020,
            "baseline_value": 20.0}  # fmt: skip
    track = build_track(target(**spec), SHARE_DOWN, series({2020: 19.0, 2021: 18.0}))
    assert track.target_level == pytest.approx(18.0)
    assert gap_at(track, track.latest).reached


def test_track_upto_cuts_later_periods() -> None:
    track = build_track(target(value=9.0), COUNT_UP, series({2020: 1.0, 2021: None, 2022: 3.0}))
    early = track.upto(2021)
    assert [p.period for p in early.points] == [2020]
    assert early.omitted == ((2021, "missing"),)


@pytest.mark.parametrize(
    ("gap", "change", "sense", "expected"),
    [(10.0, 2.0, UP, 5.0), (10.0, -2.0, DOWN, 5.0), (10.0, 2.0, DOWN, None),
     (10.0, 0.0, UP, None), (-1.0, -5.0, UP, 0.0), (0.0, None, UP, None), (None, 1.0, UP, None)],
)  # fmt: skip
def test_years_to_target(gap, change, sense, expected) -> None:
    assert years_to_target(gap, change, sense) == expected


def test_targets_without_area_apply_to_every_stadtteil(catalogue: Catalogue) -> None:
    targets = pd.DataFrame([target(id=1, area_code=None), target(id=2, area_code="61")])
    expanded = expand_targets(targets, catalogue.areas)
    districts = set(catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"])
    assert set(expanded.loc[expanded["id"] == 1, "area"]) == districts
    assert list(expanded.loc[expanded["id"] == 2, "area"]) == ["61"]


def test_implicit_targets_only_where_no_target_and_a_direction(catalogue: Catalogue) -> None:
    explicit = expand_targets(
        pd.DataFrame([target(id=1, indicator_id="arbeitslose_je100", area_code="61")]),
        catalogue.areas,
    )
    implicit = implicit_targets(catalogue.indicators, explicit, catalogue.areas,
                                ("stadt", "stadtteil"))  # fmt: skip
    pairs = set(zip(implicit["indicator_id"], implicit["area"], strict=True))
    assert ("arbeitslose_je100", "61") not in pairs  # it has a real target
    assert ("arbeitslose_je100", "91") in pairs
    assert not any(i == "anteil_mv" for i, _ in pairs)  # neutral: no direction to assess
    assert ("rassismuserfahrung", CITY) in pairs and ("rassismuserfahrung", "91") not in pairs
    assert set(implicit["type"]) == {"direction"} and implicit["implicit"].all()
