"""Growth-rate method (Open SDG) against its published method, case by case: status AND score.

Expected values were worked out from Open SDG's method description (docs/progress.md, the
Statistics Canada methodology) and the reference implementation (sdg-build ProgressMeasure):
CAGR = (y_i / y_0)^(1 / (t_i − t_0)) − 1; with a target the ratio R of observed to required
growth (≥ 0.95 / ≥ 0.6 / ≥ 0 / below), score (R − 0.6) / 0.7 × 5 above 0.6 and
(R − 0.6) / 1.2 × 5 below, capped at ±5; without a target the growth itself (≥ 1.5 % /
≥ 0.5 % / ≥ 0 / below), score knots −2 % → −5, 0 → −2.5, 0.5 % → 0, 1.5 % → 2.5, 2 % → 5;
near a natural limit the positive thresholds times C = 1 − (y_0 / limit)^4.44 (0 at the
limit, where growth ≥ 0 is on track with +5). Rows marked VARIANT are the project's deliberate
departures (listed on the Ziel-Ist page); their numbers follow the project's rule.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from dashboard.analysis.progress import assess_cagr, limit_factor
from dashboard.analysis.tracks import build_track
from dashboard.present.i18n import t

COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl"}
COUNT_DOWN = {"kind": "count", "direction": "lower_better", "unit": "Anzahl"}
RATE_DOWN = {"kind": "rate", "direction": "lower_better", "unit": "je 100"}
# shares as the catalogue loads them: natural limit 100 % (rising) or 0 % (falling)
SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%", "natural_limit": 100.0}
SHARE_UP_NO_LIMIT = {**SHARE_UP, "natural_limit": None}
SHARE_DOWN = {"kind": "share", "direction": "lower_better", "unit": "%", "natural_limit": 0.0}
SHARE_DOWN_NO_LIMIT = {**SHARE_DOWN, "natural_limit": None}

Values = dict[int, float | None]


def build(values: Values, indicator: dict[str, Any], spec: dict[str, Any]):
    """Track of one target over a yearly series (None = no value that year)."""
    spec = dict(spec)
    level = spec.pop("level", "stadt")
    flags = spec.pop("flags", {})
    target = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
              "baseline_period": None, "baseline_value": None, "target_period": 2030,
              **spec}  # fmt: skip
    years = sorted(values)
    frame = pd.DataFrame(
        {
            "period": years,
            "value": [math.nan if values[y] is None else values[y] for y in years],
            "numerator": math.nan,
            "denominator": math.nan,
            "flag": [flags.get(y) for y in years],
        }
    )
    return build_track(target, indicator, frame, None, level)


T200 = {"value": 200.0}
DIR = {"type": "direction"}

# (case, values, indicator, target spec, status, score); score None = not assessable
CASES = [
    # --- with a target: the four bands, rising is better -------------------------------------
    ("target, on track", {2015: 100, 2017: 110}, COUNT_UP, T200, "on_track", 3.0859),
    ("target, on track, score capped", {2015: 100, 2017: 125}, COUNT_UP, T200, "on_track", 5.0),
    ("target, slightly off", {2015: 100, 2017: 107.7}, COUNT_UP, T200, "slightly_off", 1.4211),
    ("target, off track", {2015: 100, 2017: 104}, COUNT_UP, T200, "off_track", -0.7553),
    ("target, off track, slow", {2015: 100, 2017: 101.5}, COUNT_UP, T200, "off_track",
     -1.8417),
    ("target, wrong direction", {2015: 100, 2017: 99}, COUNT_UP, T200, "wrong_direction",
     -2.9416),
    ("target, wrong direction, floor", {2015: 100, 2017: 80}, COUNT_UP, T200,
     "wrong_direction", -5.0),
    ("target, reached", {2015: 100, 2017: 210}, COUNT_UP, T200, "reached", 5.0),
    ("target, reached exactly", {2015: 100, 2017: 200}, COUNT_UP, T200, "reached", 5.0),
    ("target, own target year", {2015: 100, 2017: 110}, COUNT_UP,
     {"value": 200.0, "target_period": 2027}, "slightly_off", 1.5773),
    # --- with a target: falling is better ---------------------------------------------------
    ("falling, off track", {2015: 10, 2020: 9}, RATE_DOWN, {"value": 5.0}, "off_track",
     -0.5761),
    ("falling, on track", {2015: 10, 2020: 7}, RATE_DOWN, {"value": 5.0}, "on_track", 5.0),
    ("falling, wrong direction", {2015: 10, 2020: 11}, RATE_DOWN, {"value": 5.0},
     "wrong_direction", -4.2757),
    ("falling, reached", {2015: 10, 2020: 4.5}, RATE_DOWN, {"value": 5.0}, "reached", 5.0),
    ("relative change −50 % from base 2018", {2015: 12, 2018: 10, 2020: 8}, RATE_DOWN,
     {"type": "relative_change", "value": -50.0, "baseline_period": 2018}, "on_track", 5.0),
    # --- without a target: the four bands ---------------------------------------------------
    ("no target, +2 %/yr", {2015: 100, 2017: 104.04}, COUNT_UP, DIR, "on_track", 5.0),
    ("no target, +1.75 %/yr", {2015: 100, 2017: 103.53}, COUNT_UP, DIR, "on_track", 3.7485),
    ("no target, +1 %/yr", {2015: 100, 2017: 102.01}, COUNT_UP, DIR, "slightly_off", 1.25),
    ("no target, +0.2 %/yr", {2015: 100, 2017: 100.4}, COUNT_UP, DIR, "off_track", -1.501),
    ("no target, flat", {2015: 100, 2017: 100}, COUNT_UP, DIR, "off_track", -2.5),
    ("no target, −1 %/yr", {2015: 100, 2017: 98.01}, COUNT_UP, DIR, "wrong_direction", -3.75),
    ("no target, −3 %/yr", {2015: 100, 2017: 94.09}, COUNT_UP, DIR, "wrong_direction", -5.0),
    ("no target, falling is better, −2 %/yr", {2015: 100, 2017: 96.04}, COUNT_DOWN, DIR,
     "on_track", 5.0),
    ("no target, falling is better, +1 %/yr", {2015: 100, 2017: 102.01}, COUNT_DOWN, DIR,
     "wrong_direction", -3.75),
    # --- natural limits (no target): thresholds × C ------------------------------------------
    ("limit: 95 → 97 %, C 0.20", {2015: 95, 2017: 97}, SHARE_UP, DIR, "on_track", 5.0),
    ("same without a limit", {2015: 95, 2017: 97}, SHARE_UP_NO_LIMIT, DIR, "slightly_off",
     1.3679),
    ("limit: steady at 100 %", {2015: 100, 2017: 100}, SHARE_UP, DIR, "on_track", 5.0),
    ("same without a limit", {2015: 100, 2017: 100}, SHARE_UP_NO_LIMIT, DIR, "off_track",
     -2.5),
    ("limit: falls from 100 % (decline never scaled)", {2015: 100, 2017: 99}, SHARE_UP, DIR,
     "wrong_direction", -3.1266),
    ("limit: 50 → 51 %, C 0.95", {2015: 50, 2017: 51}, SHARE_UP, DIR, "slightly_off", 1.3578),
    ("limit: 80 → 81 % in 5 years, C 0.63", {2015: 80, 2020: 81}, SHARE_UP, DIR, "off_track",
     -0.5217),
    ("limit: 99.5 → 99.8 %, C 0.02", {2015: 99.5, 2018: 99.8}, SHARE_UP, DIR, "on_track", 5.0),
    ("limit: 90 → 91 % in 4 years", {2015: 90, 2019: 91}, SHARE_UP, DIR, "slightly_off",
     0.601),
    ("same without a limit", {2015: 90, 2019: 91}, SHARE_UP_NO_LIMIT, DIR, "off_track",
     -1.1169),
    ("limit 0 % (falling share) never scales", {2015: 10, 2017: 9.9}, SHARE_DOWN, DIR,
     "slightly_off", 0.0031),
    ("same without a limit", {2015: 10, 2017: 9.9}, SHARE_DOWN_NO_LIMIT, DIR, "slightly_off",
     0.0031),
    ("a target ignores the limit", {2015: 95, 2017: 96}, SHARE_UP, {"value": 99.0},
     "on_track", 5.0),
    # --- gaps, suppression, base year ---------------------------------------------------------
    ("gap inside the series", {2015: 100, 2016: None, 2017: None, 2018: 106.1}, COUNT_UP, DIR,
     "on_track", 4.9667),
    ("secret latest value is left out", {2015: 100, 2016: 101, 2017: 150}, COUNT_UP,
     {**DIR, "flags": {2017: "secret"}}, "slightly_off", 1.25),
    ("base year without a value: next year", {2015: 100, 2016: None, 2017: 104, 2019: 108},
     COUNT_UP, {"value": 200.0, "baseline_period": 2016}, "off_track", -0.9614),
    ("base year after the newest value", {2015: 100, 2018: 104, 2020: 108}, COUNT_UP,
     {"value": 200.0, "baseline_period": 2022}, "not_assessable", None),
    # VARIANT: the reference would call this achieved from data older than the target
    ("base year after the data, value meets the target", {2015: 100, 2020: 250}, COUNT_UP,
     {"value": 200.0, "baseline_period": 2022}, "not_assessable", None),
    ("one value that meets the target", {2020: 210}, COUNT_UP, T200, "reached", 5.0),
    ("one value short of the target", {2020: 150}, COUNT_UP, T200, "not_assessable", None),
    ("one value, no target", {2020: 150}, COUNT_UP, DIR, "not_assessable", None),
    # VARIANT: the reference divides by zero here
    ("target year not after the base year", {2015: 100, 2017: 110}, COUNT_UP,
     {"value": 200.0, "target_period": 2015}, "not_assessable", None),
    # --- deliberate variants ------------------------------------------------------------------
    # VARIANT target 0: change in units (1 a year against 10/15 needed), not 0.001
    ("target 0, in units", {2015: 10, 2017: 8}, COUNT_DOWN, {"value": 0.0}, "on_track", 5.0),
    # VARIANT values ≤ 0: change in units (1 a year against 10/15 needed)
    ("value 0 in the base year, in units", {2015: 0, 2017: 2}, COUNT_UP, {"value": 10.0},
     "on_track", 5.0),
    # VARIANT: a zero base without a target has no growth rate (the reference uses 0.001)
    ("zero base, no target", {2015: 0, 2017: 3}, COUNT_UP, DIR, "not_assessable", None),
    # VARIANT negative values: change in units relative to |base| (reference: sign-flipped
    # CAGR, +10.6 %/yr; both on track)
    ("negative values", {2015: -10, 2017: -8}, COUNT_UP, DIR, "on_track", 5.0),
    # VARIANT district shares in percentage points: +1 point a year read as 1 %
    ("district share 2 → 4 %, points", {2015: 2, 2017: 4}, SHARE_UP,
     {**DIR, "level": "stadtteil"}, "slightly_off", 1.25),
    ("district share near 100 %, points and limit", {2015: 95, 2017: 95.6}, SHARE_UP,
     {**DIR, "level": "stadtteil"}, "slightly_off", 2.4324),
    ("district share without a limit", {2015: 95, 2017: 95.6}, SHARE_UP_NO_LIMIT,
     {**DIR, "level": "stadtteil"}, "off_track", -1.0),
    ("district share with a target, points", {2015: 20, 2017: 22}, SHARE_UP,
     {"value": 35.0, "level": "stadtteil"}, "on_track", 2.8571),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "values", "indicator", "spec", "status", "score"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_growth_rate_reference_table(case, values, indicator, spec, status, score) -> None:
    result = assess_cagr(build(values, indicator, spec))
    assert result.code == status, case
    if score is None:
        assert result.score is None and not result.assessable
    else:
        assert result.score == pytest.approx(score, abs=1e-3), case


def test_the_table_covers_what_the_issue_asks_for() -> None:
    assert len(CASES) >= 50
    statuses = {c[4] for c in CASES}
    assert statuses == {
        "reached", "on_track", "slightly_off", "off_track", "wrong_direction", "not_assessable",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("base", "limit", "factor"),
    [(95, 100, 0.2037), (100, 100, 0.0), (50, 100, 0.9539), (0, 100, 1.0), (10, 0, 1.0),
     # a minimum limit of 5: 6 is as far above it as 4 is below a maximum of 5
     (6, 5, 1 - 0.8**4.44), (4, 5, 1 - 0.8**4.44), (10, 5, 1.0), (5, 5, 0.0)],
)  # fmt: skip
def test_limit_factor(base, limit, factor) -> None:
    assert limit_factor(base, limit) == pytest.approx(factor, abs=1e-4)


def test_limit_is_explained() -> None:
    result = assess_cagr(build({2015: 95, 2017: 97}, SHARE_UP, DIR))
    ex = result.explanation
    assert ex.limit == 100.0 and ex.limit_factor == pytest.approx(0.2037, abs=1e-4)
    assert dict(ex.thresholds)["on_track"] == pytest.approx(0.015 * 0.2037, abs=1e-6)
    assert [n.code for n in ex.notes] == ["limit"]


def test_base_year_after_the_data_says_why() -> None:
    result = assess_cagr(
        build({2015: 100, 2018: 104, 2020: 108}, COUNT_UP, {"value": 200.0,
                                                            "baseline_period": 2022})
    )  # fmt: skip
    assert result.reason == "baseline_after_data"
    note = result.explanation.notes[0]
    text = t(f"zi.reason.{result.reason}", "de", **note.values)
    assert "keine Werte ab dem Basisjahr 2022" in text
    assert "2020" in text
    assert "2022" in t(f"zi.reason.{result.reason}", "en", **note.values)


@pytest.mark.parametrize(
    ("lang", "variants"),
    [
        ("de", ["Ziel schon erreicht", "Zielwert 0", "Werte von 0 oder darunter",
                "Ausgangswert 0 ohne Zielwert", "Anteile in Stadtteilen", "Prozentpunkten",
                "Natürliche Grenzen", "bei 95 % etwa 0,20", "Basisjahr nach den Daten",
                "Wettermethode", "5 bis 20 %"]),
        ("en", ["Target already reached", "Target 0", "Values of 0 or below",
                "Starting value 0 without a target", "Shares in districts",
                "percentage points", "Natural limits", "about 0.20 at 95 %",
                "Base year after the data", "weather method", "5 to 20 %"]),
    ],
)  # fmt: skip
def test_method_explanation_lists_every_variant(lang, variants) -> None:
    from dashboard.ui.progress_method import method_markdown

    text = method_markdown(lambda key, **values: t(key, lang, **values))
    for variant in variants:
        assert variant in text, variant
    assert "{" not in text  # every placeholder filled
