"""Figures of the indicator sheet: the bars stay readable beside the city reference."""

from __future__ import annotations

import pandas as pd

from dashboard.present.indicator_figures import ranking_figure

RANKING = pd.DataFrame(
    {"area_code": ["61", "63", "12"], "name": ["Coerde", "Kinderhaus-West", "Überwasser"],
     "value": [698.0, 591.0, 21.0]}
)  # fmt: skip


def _x_max(fig: object) -> float | None:
    """The right end of the value axis if fixed, else the largest x plotly would fit."""
    fixed = fig.layout.xaxis.range
    if fixed is not None:
        return float(fixed[1])
    lines = [s.x0 for s in fig.layout.shapes]
    return max([*lines, *fig.data[0].x])


def test_a_city_total_far_beyond_the_districts_does_not_squash_the_bars() -> None:
    # a count: the city (8.923 unemployed) is the sum of the districts, not a comparable level
    fig = ranking_figure(RANKING, 8923.0, "Stadt: 8.923", ["698", "591", "21"], "de")
    assert _x_max(fig) < 2 * 698  # the largest bar fills most of the width
    assert any("Stadt: 8.923" in a.text for a in fig.layout.annotations)  # still named
    assert not fig.layout.shapes  # no line at the city's total


def test_a_comparable_city_value_is_drawn_as_a_line() -> None:
    fig = ranking_figure(RANKING, 300.0, "Stadt: 300", ["698", "591", "21"], "de")
    assert [s.x0 for s in fig.layout.shapes] == [300.0]
    assert any(a.text == "Stadt: 300" for a in fig.layout.annotations)
