"""Weather method (Destatis) against its published description, case by case: status AND score.

Destatis (Indikatorenbericht zur Deutschen Nachhaltigkeitsstrategie): the average annual
change of the last five years is projected to the target year; the projected miss is read
against the gap that remains today: under 5 % → sun (on track), 5–20 % → sun behind clouds
(slightly off), over 20 % while moving the right way → clouds (off track), moving away →
thunderstorm (wrong direction). Direction-only indicators: average and latest change.
Scores are the project's points per category for roll-ups. Rows marked VARIANT follow the
project's stated rules where Destatis says nothing (listed on the Ziel-Ist page).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from dashboard.analysis.progress import CATEGORY_SCORES, assess_destatis
from dashboard.analysis.tracks import build_track
from dashboard.present import progress_explain as pexplain

SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%", "natural_limit": 100.0}
SHARE_UP_NO_LIMIT = {**SHARE_UP, "natural_limit": None}
SHARE_DOWN = {"kind": "share", "direction": "lower_better", "unit": "%", "natural_limit": 0.0}
RATE_DOWN = {"kind": "rate", "direction": "lower_better", "unit": "je 100"}
COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl"}


def line(start: float, step: float, n: int = 11) -> list[float | None]:
    """Values 2015, 2016, … rising by ``step`` a year."""
    return [round(start + step * i, 6) for i in range(n)]


def build(values: list[float | None], indicator: dict[str, Any], spec: dict[str, Any],
          start: int = 2015):  # fmt: skip
    """Track of one target over yearly values from ``start`` (None = no value that year)."""
    target = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
              "baseline_period": None, "baseline_value": None, "target_period": 2030,
              **spec}  # fmt: skip
    years = list(range(start, start + len(values)))
    frame = pd.DataFrame(
        {
            "period": years,
            "value": [math.nan if v is None else v for v in values],
            "numerator": math.nan,
            "denominator": math.nan,
            "flag": None,
        }
    )
    return build_track(target, indicator, frame, None, "stadt")


T40 = {"value": 40.0}
DIR = {"type": "direction"}
with_gap = line(10, 2)
with_gap[8] = None  # 2023

# (case, values 2015…, indicator, target spec, status); the latest value is 30 (rising
# cases) so that the remaining gap to 40 is 10 and a projected miss of 1 is 10 %.
CASES = [
    ("projection hits the target", line(10, 2), SHARE_UP, T40, "on_track"),
    ("projection overshoots", line(10, 3), SHARE_UP, {"value": 50.0}, "on_track"),
    ("miss 3 % of the gap", line(10.6, 1.94), SHARE_UP, T40, "on_track"),
    ("miss 10 % of the gap", line(12, 1.8), SHARE_UP, T40, "slightly_off"),
    ("miss 19 % of the gap", line(13.8, 1.62), SHARE_UP, T40, "slightly_off"),
    ("miss 25 % of the gap", line(15, 1.5), SHARE_UP, T40, "off_track"),
    ("miss 50 %, right direction", line(20, 1), SHARE_UP, T40, "off_track"),
    ("moving away", line(30, -0.5), SHARE_UP, T40, "wrong_direction"),
    ("no change at all", [25.0] * 11, SHARE_UP, T40, "off_track"),
    ("reached and holding", line(30, 1), SHARE_UP, {"value": 35.0}, "reached"),
    ("reached but slipping back", line(50, -0.5), SHARE_UP, T40, "slightly_off"),
    ("target year passed, missed", line(10, 1), SHARE_UP, {**T40, "target_period": 2024},
     "off_track"),
    ("target year passed, moving away", line(20, -1), SHARE_UP,
     {**T40, "target_period": 2024}, "wrong_direction"),
    ("falling is better, fast enough", line(20, -1), RATE_DOWN, {"value": 5.0}, "on_track"),
    ("falling is better, too slow (miss 75 %)", line(20, -0.5), RATE_DOWN, {"value": 5.0},
     "off_track"),
    ("falling is better, rising", line(5, 0.1), RATE_DOWN, {"value": 4.0}, "wrong_direction"),
    ("relative change −50 % from 2020", line(10, -0.5), RATE_DOWN,
     {"type": "relative_change", "value": -50.0, "baseline_period": 2020}, "on_track"),
    # only the last five changes count: the fall before 2020 is not part of the trend
    ("window of five changes", [50.0] * 5 + line(20, 2, 6), SHARE_UP, T40, "on_track"),
    ("four values (three changes) suffice", line(24, 2, 4), SHARE_UP, T40, "on_track"),
    ("gap in the window", with_gap, SHARE_UP, T40, "on_track"),
    ("three values are too few", line(26, 2, 3), SHARE_UP, T40, "not_assessable"),
    # VARIANT: a reached target is reached, however short the series
    ("one value that meets the target", [41.0], SHARE_UP, T40, "reached"),
    ("one value short of the target", [39.0], SHARE_UP, T40, "not_assessable"),
    # --- direction only: average (primary) and latest change (secondary) ---------------------
    ("both changes right", line(10, 1), SHARE_UP, DIR, "on_track"),
    ("average right, latest not", [*line(10, 1, 10), 18.0], SHARE_UP, DIR, "slightly_off"),
    ("latest right, average not", [*line(20, -1, 10), 12.0], SHARE_UP, DIR, "off_track"),
    ("neither right", line(20, -1), SHARE_UP, DIR, "wrong_direction"),
    ("falling is better, falling", line(20, -1), SHARE_DOWN, DIR, "on_track"),
    # VARIANT: no change at all is standstill (Destatis has no rule for it)
    ("no change at all", [7.0] * 11, SHARE_UP, DIR, "off_track"),
    # VARIANT natural limit: holding 100 % (or 0 % for a falling share) is on track
    ("held at 100 %", [100.0] * 11, SHARE_UP, DIR, "on_track"),
    ("held at 100 % without a limit", [100.0] * 11, SHARE_UP_NO_LIMIT, DIR, "off_track"),
    ("rose to 100 % and holds it", [*line(91, 1, 10), 100.0], SHARE_UP, DIR, "on_track"),
    ("rose to 100 %, holds it, no limit", [*line(91, 1, 10), 100.0], SHARE_UP_NO_LIMIT, DIR,
     "slightly_off"),
    ("fell back from 100 %", [*[100.0] * 10, 99.0], SHARE_UP, DIR, "wrong_direction"),
    ("held at 0 % (falling share)", [0.0] * 11, SHARE_DOWN, DIR, "on_track"),
    ("a level target ignores the limit", [100.0] * 11, SHARE_UP, {"value": 100.0}, "reached"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "values", "indicator", "spec", "status"), CASES, ids=[c[0] for c in CASES]
)
def test_weather_reference_table(case, values, indicator, spec, status) -> None:
    result = assess_destatis(build(values, indicator, spec))
    assert result.code == status, case
    if status == "not_assessable":
        assert result.score is None
    else:
        assert result.score == CATEGORY_SCORES[status], case


@pytest.mark.parametrize(
    ("values", "mean", "projection", "ratio"),
    [(line(10.6, 1.94), 1.94, 39.7, 0.03), (line(12, 1.8), 1.8, 39.0, 0.1),
     (line(13.8, 1.62), 1.62, 38.1, 0.19), (line(15, 1.5), 1.5, 37.5, 0.25)],
)  # fmt: skip
def test_weather_numbers(values, mean, projection, ratio) -> None:
    ex = assess_destatis(build(values, SHARE_UP, T40)).explanation
    assert [p for p, _ in ex.points] == list(range(2020, 2026))  # the last five changes
    assert ex.mean_change == pytest.approx(mean)
    assert ex.projection == pytest.approx(projection) and ex.projection_period == 2030
    assert ex.remaining_gap == pytest.approx(10.0)
    assert ex.miss_ratio == pytest.approx(ratio)


def test_weather_at_the_limit_says_so() -> None:
    ex = assess_destatis(build([100.0] * 11, SHARE_UP, DIR)).explanation
    assert ex.rule == "direction_at_limit"
    early = assess_destatis(build([41.0], SHARE_UP, T40))
    assert early.explanation.rule == "reached_few_points" and early.score == 5.0


def test_weather_at_the_limit_is_explained_in_plain_words() -> None:
    from dashboard.present.i18n import t

    status = assess_destatis(build([100.0] * 11, SHARE_UP, DIR))
    assert status.explanation.limit == 100.0
    text = " ".join(pexplain.explain_lines(status, "%", 1, "de", lambda k, **v: t(k, "de", **v)))
    assert "natürlichen Grenze (100,0 %)" in text and "auf Kurs" in text
    early = assess_destatis(build([41.0], SHARE_UP, T40))
    text = " ".join(pexplain.explain_lines(early, "%", 1, "de", lambda k, **v: t(k, "de", **v)))
    assert "Der neueste Wert (41,0 %, 2015) erfüllt das Ziel (40,0 %) schon" in text
    assert pexplain.short_reason(early, lambda k, **v: t(k, "de", **v), "de") == "Ziel erreicht"
