"""Progress status: Destatis weather method and Open SDG's CAGR method, table-driven."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.analysis.gaps import DOWN, expand_targets, gap_at
from dashboard.analysis.progress import (
    CATEGORY_SCORES,
    Settings,
    Status,
    assess,
    assess_cagr,
    assess_destatis,
    assess_targets,
    cagr_score,
    settings,
    status_history,
)
from dashboard.analysis.tracks import build_track
from dashboard.catalogues import Catalogue

SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%"}
SHARE_DOWN = {"kind": "share", "direction": "lower_better", "unit": "%"}
SHARE_NEUTRAL = {"kind": "share", "direction": "neutral", "unit": "%"}
COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl"}
RATE_DOWN = {"kind": "rate", "direction": "lower_better", "unit": "je 100"}
YEARS = list(range(2015, 2026))


def rows(values: list[float | None], start: int = 2015, flags: dict[int, str] | None = None,
         numerators: list[float] | None = None, denominators: list[float] | None = None
         ) -> pd.DataFrame:  # fmt: skip
    """Observation rows of one yearly series from ``start``."""
    flags = flags or {}
    periods = list(range(start, start + len(values)))
    return pd.DataFrame(
        {
            "period": periods,
            "value": [math.nan if v is None else v for v in values],
            "numerator": numerators or math.nan,
            "denominator": denominators or math.nan,
            "flag": [flags.get(p) for p in periods],
        }
    )


def track(values: list[float | None], indicator: dict | None = None, area_level: str = "stadt",
          reference: list[float | None] | None = None, flags: dict[int, str] | None = None,
          numerators: list[float] | None = None, denominators: list[float] | None = None,
          **spec: Any):  # fmt: skip
    """A track of a target (absolute by 2030 unless said otherwise)."""
    target = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
              "baseline_period": None, "baseline_value": None, "target_period": 2030,
              **spec}  # fmt: skip
    ref = rows(reference) if reference is not None else None
    return build_track(target, indicator or SHARE_UP,
                       rows(values, flags=flags, numerators=numerators,
                            denominators=denominators), ref, area_level)  # fmt: skip


def line(start: float, step: float, n: int = 11) -> list[float]:
    return [start + step * i for i in range(n)]


# --- Destatis weather method ---------------------------------------------------------------
# Series 2015–2025, target 2030, last five changes used (2020–2025).
@pytest.mark.parametrize(
    ("case", "values", "indicator", "spec", "code", "rule"),
    [
        ("on track: projection hits the target", line(10, 2), SHARE_UP,
         {"value": 40.0}, "on_track", "projection"),
        ("overshoot counts as on track", line(10, 3), SHARE_UP,
         {"value": 50.0}, "on_track", "projection"),
        # 30 → +1/yr → 35 in 2030; remaining 10, miss 5 = 50 % → off track, right direction
        ("too slow: off track", line(20, 1), SHARE_UP, {"value": 40.0}, "off_track",
         "projection"),
        # 30 → +1.75/yr → 38.75: miss 1.25 of 10 = 12.5 % → slightly off
        ("a bit too slow: slightly off", line(12.5, 1.75), SHARE_UP, {"value": 40.0},
         "slightly_off", "projection"),
        ("moving away: wrong direction", line(30, -0.5), SHARE_UP, {"value": 40.0},
         "wrong_direction", "moving_away"),
        ("flat series: off track (standstill)", [25.0] * 11, SHARE_UP, {"value": 40.0},
         "off_track", "stagnation"),
        ("target reached and holding", line(30, 1), SHARE_UP, {"value": 35.0}, "reached",
         "reached"),
        ("target reached but slipping back", line(50, -0.5), SHARE_UP, {"value": 40.0},
         "slightly_off", "reached_but_worsening"),
        ("lower is better, falling fast enough", line(10, -0.5), RATE_DOWN,
         {"type": "relative_change", "value": -50.0, "baseline_period": 2020},
         "on_track", "projection"),
        ("lower is better, rising", line(5, 0.1), RATE_DOWN,
         {"type": "relative_change", "value": -20.0, "baseline_period": 2020},
         "wrong_direction", "moving_away"),
        ("target year already passed", line(10, 1), SHARE_UP,
         {"value": 40.0, "target_period": 2024}, "off_track", "deadline_passed"),
        # zero baseline for an absolute target is fine (a count of 0 rising to 5)
        ("zero baseline, absolute target", [0.0] * 5 + line(0, 1, 6), COUNT_UP,
         {"value": 10.0, "baseline_period": 2015}, "on_track", "projection"),
    ],
)  # fmt: skip
def test_destatis_levels(case, values, indicator, spec, code, rule) -> None:
    status = assess_destatis(track(values, indicator, **spec))
    assert (status.code, status.explanation.rule) == (code, rule), case
    assert status.score == CATEGORY_SCORES[code]
    assert status.period == 2025


@pytest.mark.parametrize(
    ("values", "code", "rule"),
    [
        (line(10, 1), "on_track", "direction_both"),
        ([*line(10, 1, 10), 18.0], "slightly_off", "direction_mean_only"),
        ([*line(20, -1, 10), 12.0], "off_track", "direction_latest_only"),
        (line(20, -1), "wrong_direction", "direction_neither"),
        ([7.0] * 11, "off_track", "direction_flat"),
    ],
)  # fmt: skip
def test_destatis_direction_only(values, code, rule) -> None:
    status = assess_destatis(track(values, SHARE_UP, type="direction"))
    assert (status.code, status.explanation.rule) == (code, rule)
    ex = status.explanation
    assert ex.latest_change == pytest.approx(values[-1] - values[-2])
    assert ex.mean_change == pytest.approx((values[-1] - values[-6]) / 5)


def test_destatis_explains_every_number() -> None:
    status = assess_destatis(track(line(20, 1), SHARE_UP, value=40.0))
    ex = status.explanation
    assert ex.method == "destatis" and ex.points == tuple((y, 20.0 + y - 2015)
                                                          for y in range(2020, 2026))  # fmt: skip
    assert ex.mean_change == pytest.approx(1.0)
    assert ex.projection == pytest.approx(35.0) and ex.projection_period == 2030
    assert ex.remaining_gap == pytest.approx(10.0) and ex.miss == pytest.approx(5.0)
    assert ex.miss_ratio == pytest.approx(0.5)
    assert dict(ex.thresholds) == {"on_track": 0.05, "slightly_off": 0.2}


@pytest.mark.parametrize(
    ("values", "found"),
    [([1.0, 2.0, 3.0], 3), ([1.0], 1), ([None, None, 2.0, 3.0, None], 2)],
)  # fmt: skip
def test_too_few_points_is_not_assessable(values, found) -> None:
    for method in ("destatis", "cagr"):
        status = assess(track(values, SHARE_UP, value=10.0), method, Settings(cagr_min_points=4))
        assert status.code == "not_assessable" and status.reason == "too_few_points"
        assert status.explanation.notes[0].values["found"] == found
        assert status.score is None and not status.assessable


def test_minimum_data_points_are_configurable() -> None:
    five = track(line(10, 2, 5), SHARE_UP, value=40.0)
    assert assess_destatis(five).assessable
    assert assess_destatis(five, Settings(min_points=6)).reason == "too_few_points"


def test_settings_come_from_the_config_when_defined(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import config

    monkeypatch.delenv("LEITBILD_PROGRESS_MIN_POINTS", raising=False)
    assert settings().min_points == int(config.get("progress_min_points"))
    monkeypatch.setitem(config.SETTINGS, "progress_min_points",
                        config.Setting("progress_min_points", 4, "help"))  # fmt: skip
    monkeypatch.setenv("LEITBILD_PROGRESS_MIN_POINTS", "7")
    assert settings().min_points == 7


def test_suppressed_values_are_never_used() -> None:
    values = line(20, 1)
    values[8] = 999.0  # 2023: a value that must not leak into the status
    clean = line(20, 1)
    clean[8] = None
    hidden = track(values, SHARE_UP, value=40.0, flags={2023: "secret"})
    missing = track(clean, SHARE_UP, value=40.0)
    for method in ("destatis", "cagr"):
        a, b = assess(hidden, method), assess(missing, method)
        assert a.code == b.code and a.score == b.score
        assert 999.0 not in [v for _, v in a.explanation.points]
    notes = {n.code: n.values for n in assess_destatis(hidden).explanation.notes}
    assert notes["omitted"]["periods"] == [(2023, "secret")]


def test_mostly_hidden_series_is_not_assessed() -> None:
    values = [0.0, None, None, 0.0, None, None, 0.0, None, None, 5.0, None]
    flags = {2015 + i: "secret" for i, v in enumerate(values) if v is None}
    t = track(values, COUNT_UP, type="direction", flags=flags)
    for method in ("destatis", "cagr"):
        status = assess(t, method, Settings(min_points=2))
        assert status.reason == "mostly_hidden"


def test_small_numerators_carry_an_uncertainty_note() -> None:
    values = line(10, 1)
    dens = [200.0] * 11
    nums = [v * 2 for v in values]  # 20 … 40 of 200
    small = track(values, SHARE_UP, value=30.0, numerators=nums, denominators=dens)
    notes = {n.code: n.values for n in assess_destatis(small).explanation.notes}
    assert "small_numbers" not in notes  # latest numerator 40 ≥ 30
    values = line(5, 0.1)  # 5 % … 6 % of 200 children: 10 … 12 cases
    t = track(values, SHARE_UP, value=30.0, numerators=[v * 2 for v in values],
              denominators=[200.0] * 11)  # fmt: skip
    notes = {n.code: n.values for n in assess_destatis(t).explanation.notes}
    assert notes["small_numbers"]["numerator"] == pytest.approx(12.0)
    assert notes["small_numbers"]["se"] == pytest.approx(100 * math.sqrt(0.06 * 0.94 / 200))
    # a change of 0.1 points a year is far inside the noise of 10 cases
    assert "within_noise" in notes


def test_small_counts_carry_an_uncertainty_note() -> None:
    status = assess_destatis(track(line(3, 0.5), COUNT_UP, value=12.0))
    codes = [n.code for n in status.explanation.notes]
    assert "small_count" in codes


def test_provisional_values_are_noted() -> None:
    status = assess_destatis(track(line(3, 0.5), SHARE_UP, value=12.0,
                                   flags={2025: "provisional"}))  # fmt: skip
    assert {n.code: n.values for n in status.explanation.notes}["provisional"] == {
        "periods": [2025]
    }


def test_zero_baseline_of_a_relative_change_is_not_assessable() -> None:
    t = track([0.0, 1.0, 2.0, 3.0, 4.0], COUNT_UP, type="relative_change", value=20.0,
              baseline_period=2015)  # fmt: skip
    for method in ("destatis", "cagr"):
        assert assess(t, method).reason == "zero_baseline"


@pytest.mark.parametrize(
    ("actual", "reference", "code"),
    [
        # the group catches up with a rising reference: gap 10 → 5, on course
        (line(10, 1.8), line(20, 1), "on_track"),
        # the group rises, but the reference rises faster: the gap grows
        (line(10, 0.5), line(20, 1), "wrong_direction"),
        # the reference moves away while the group stands still
        ([15.0] * 11, line(20, 0.3), "wrong_direction"),
        # the group passed the reference and stays above it
        (line(20, 1), [22.0] * 11, "reached"),
    ],
)  # fmt: skip
def test_parity_with_a_moving_reference(actual, reference, code) -> None:
    t = track(actual, SHARE_UP, reference=reference, type="parity", baseline_period=2015)
    status = assess_destatis(t)
    assert status.code == code
    assert status.explanation.variable == "shortfall" and status.explanation.target_level == 0


def test_parity_without_a_direction_closes_the_distance_from_above() -> None:
    # Berg Fidel-like: a district share far above the city share, converging slowly
    t = track(line(48, -0.2), SHARE_NEUTRAL, "stadtteil", reference=line(21, 0.4),
              type="parity")  # fmt: skip
    status = assess_destatis(t)
    assert status.explanation.sense == DOWN
    assert status.explanation.mean_change == pytest.approx(-0.6)
    assert status.code == "off_track"


def test_status_history_has_one_status_per_period() -> None:
    history = status_history(track(line(20, 1), SHARE_UP, value=40.0))
    assert [s.period for s in history] == YEARS
    assert [s.code for s in history[:3]] == ["not_assessable"] * 3
    assert all(s.assessable for s in history[3:])
    # 2018: four points, three changes (2015–2018) used
    assert len(history[3].explanation.points) == 4


# --- Open SDG CAGR method --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ratio", "with_target", "score"),
    [(-1.0, True, -5.0), (-0.6, True, -5.0), (0.0, True, -2.5), (0.6, True, 0.0),
     (0.95, True, 2.5), (1.3, True, 5.0), (2.0, True, 5.0),
     (-0.03, False, -5.0), (-0.01, False, -3.75), (0.0, False, -2.5), (0.005, False, 0.0),
     (0.015, False, 2.5), (0.0175, False, 3.75), (0.05, False, 5.0)],
)  # fmt: skip
def test_cagr_score(ratio, with_target, score) -> None:
    assert cagr_score(ratio, with_target) == pytest.approx(score)


def geometric(start: float, rate: float, n: int) -> list[float]:
    return [start * (1 + rate) ** i for i in range(n)]


@pytest.mark.parametrize(
    ("values", "target", "code"),
    [
        # 10 % a year observed; (200/100)^(1/15) − 1 = 4.7 % needed → R ≈ 2.1
        (geometric(100, 0.10, 3), 200.0, "on_track"),
        (geometric(100, 0.038, 3), 200.0, "slightly_off"),  # R ≈ 0.8
        (geometric(100, 0.015, 3), 200.0, "off_track"),  # R ≈ 0.3
        (geometric(100, -0.01, 3), 200.0, "wrong_direction"),
        (geometric(100, 0.10, 3), 110.0, "reached"),
    ],
)  # fmt: skip
def test_cagr_with_target(values, target, code) -> None:
    status = assess_cagr(track(values, COUNT_UP, value=target))
    ex = status.explanation
    assert status.code == code
    if code == "reached":
        assert status.score == 5.0
        return
    observed = (values[-1] / values[0]) ** (1 / 2) - 1
    required = (target / values[0]) ** (1 / 15) - 1
    assert ex.observed_rate == pytest.approx(observed)
    assert ex.required_rate == pytest.approx(required)
    assert ex.ratio == pytest.approx(observed / required)
    assert status.score == pytest.approx(cagr_score(ex.ratio, True))
    assert ex.mode == "growth" and ex.base_period == 2015


@pytest.mark.parametrize(
    ("rate", "indicator", "code"),
    [(0.02, COUNT_UP, "on_track"), (0.01, COUNT_UP, "slightly_off"),
     (0.002, COUNT_UP, "off_track"), (-0.01, COUNT_UP, "wrong_direction"),
     (-0.02, {**COUNT_UP, "direction": "lower_better"}, "on_track")],
)  # fmt: skip
def test_cagr_without_target(rate, indicator, code) -> None:
    status = assess_cagr(track(geometric(100, rate, 6), indicator, type="direction"))
    assert status.code == code
    assert status.explanation.ratio == pytest.approx(abs(rate) if code == "on_track"
                                                     and rate < 0 else rate)  # fmt: skip


def test_cagr_uses_percentage_points_for_shares_in_districts() -> None:
    # a district share from 2 % to 4 %: +100 % growth, but only +1 point a year
    t = track([2.0, 3.0, 4.0], SHARE_UP, "stadtteil", type="direction")
    status = assess_cagr(t)
    assert status.explanation.mode == "linear"
    assert status.explanation.observed_rate == pytest.approx(1.0)
    # read against 1.5 / 0.5 points a year: slightly off, not "on track" by +41 % a year
    assert status.code == "slightly_off"
    assert "pp_mode" in [n.code for n in status.explanation.notes]
    city = assess_cagr(track([2.0, 3.0, 4.0], SHARE_UP, "stadt", type="direction"))
    assert city.explanation.mode == "growth" and city.code == "on_track"


def test_cagr_base_period_is_the_target_baseline() -> None:
    t = track(line(10, 1), COUNT_UP, value=30.0, baseline_period=2022)
    ex = assess_cagr(t).explanation
    assert ex.base_period == 2022 and ex.base_value == 17.0
    assert [p for p, _ in ex.points] == [2022, 2023, 2024, 2025]


def test_cagr_zero_values_switch_to_changes_in_units() -> None:
    status = assess_cagr(track([0.0, 1.0, 2.0], COUNT_UP, value=10.0))
    assert status.explanation.mode == "linear"
    assert "nonpositive" in [n.code for n in status.explanation.notes]
    # 1 a year observed, (10 − 0) / 15 needed
    assert status.explanation.ratio == pytest.approx(1 / (10 / 15))


@pytest.mark.parametrize(
    ("level", "mode", "variable"),
    [("stadt", "growth", "parity_index"), ("stadtteil", "linear", "shortfall")],
)  # fmt: skip
def test_cagr_parity(level, mode, variable) -> None:
    t = track(line(10, 0.8), SHARE_UP, level, reference=[20.0] * 11, type="parity")
    status = assess_cagr(t)
    assert (status.explanation.mode, status.explanation.variable) == (mode, variable)
    # half the reference in 2015, 0.9 of it in 2025: fast enough to close the gap by 2030
    assert status.code == "on_track"


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        assess(track(line(1, 1), value=3.0), "weather")


# --- all targets at once -----------------------------------------------------------------------
def test_assess_targets_joins_observations_and_references(catalogue: Catalogue) -> None:
    values = pd.concat(
        [
            rows(line(40, 0.2)).assign(indicator_id="anteil_mv", area_code="91",
                                       grp="insgesamt"),
            rows(line(20, 0.3)).assign(indicator_id="anteil_mv", area_code="0",
                                       grp="insgesamt"),
            rows(line(8, -0.1)).assign(indicator_id="arbeitslose_je100", area_code="61",
                                       grp="insgesamt"),
        ],
        ignore_index=True,
    )  # fmt: skip
    targets = pd.DataFrame(
        [
            {"id": 1, "indicator_id": "anteil_mv", "area_code": "91", "grp": "insgesamt",
             "type": "parity", "value": None, "reference_indicator": "anteil_mv",
             "reference_grp": None, "baseline_period": None, "baseline_value": None,
             "target_period": 2030, "goal_id": "6.3-L2", "note": "gleich der Stadt"},
            {"id": 2, "indicator_id": "arbeitslose_je100", "area_code": "61",
             "grp": "insgesamt", "type": "absolute", "value": 6.0, "reference_indicator": None,
             "reference_grp": None, "baseline_period": 2020, "baseline_value": None,
             "target_period": 2030, "goal_id": None, "note": None},
        ]
    )  # fmt: skip
    result = assess_targets(expand_targets(targets, catalogue.areas), values,
                            catalogue.indicators, catalogue.areas).set_index("key")  # fmt: skip
    parity = result.loc["t1@91"]
    assert parity["reference_area"] == "0" and parity["reference"] == pytest.approx(23.0)
    assert parity["gap"] == pytest.approx(42.0 - 23.0)
    # the distance shrinks by 0.1 points a year: 18.5 points would be left in 2030
    assert parity["status"] == "off_track"
    unemployment = result.loc["t2@61"]
    assert unemployment["gap"] == pytest.approx(7.0 - 6.0)
    assert unemployment["years_to_target"] == pytest.approx(10.0)
    assert unemployment["field_id"] == "7.1" and not unemployment["implicit"]
    assert isinstance(unemployment["result"], Status)


# --- real data (SMS 2010–2014) ---------------------------------------------------------------
BERG_FIDEL_PARITY = {
    "id": 1, "indicator_id": "anteil_mv", "area_code": "91", "grp": "insgesamt",
    "type": "parity", "value": None, "reference_indicator": "anteil_mv", "reference_grp": None,
    "baseline_period": None, "baseline_value": None, "target_period": 2030,
    "goal_id": "6.3-L2", "note": "Berg Fidel wie die Stadt",
}  # fmt: skip


@pytest.mark.realdata
def test_berg_fidel_parity_on_real_data(real_db: Path) -> None:
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations
    from dashboard.store import Store

    store = Store(real_db)
    try:
        catalogue = store_catalogue(store)
        values = released_observations(store, catalogue, ["anteil_mv"])
    finally:
        store.close()
    targets = expand_targets(pd.DataFrame([BERG_FIDEL_PARITY]), catalogue.areas)
    for method in ("destatis", "cagr"):
        row = assess_targets(targets, values, catalogue.indicators, catalogue.areas,
                             method).iloc[0]  # fmt: skip
        track, status = row["track"], row["result"]
        assert [p.period for p in track.points] == [2010, 2011, 2012, 2013, 2014]
        latest = gap_at(track, track.latest)
        assert round(latest.actual, 1) == 47.8 and round(latest.reference, 1) == 21.7
        assert round(latest.absolute, 1) == 26.1 and latest.unit == "pp"
        assert status.assessable and status.period == 2014
        assert len(status.explanation.points) == 5  # the five real periods
        # the distance grew from 25.1 to 26.1 points: away from parity
        assert status.code == "wrong_direction"
        assert track.sense == DOWN
