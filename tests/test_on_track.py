"""The city's value beside a district's target (analysis/on_track.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.on_track import CityValues, city_value

VALUES = pd.DataFrame(
    [("sgb2", "0", 2023, "insgesamt", 6.5), ("sgb2", "0", 2021, "insgesamt", 7.0),
     ("sgb2", "0", 2025, "insgesamt", None), ("sgb2", "61", 2025, "insgesamt", 21.0),
     ("sgb2", "0", 2024, "nichtdeutsch", 14.0)],
    columns=["indicator_id", "area_code", "period", "grp", "value"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "grp", "period", "expected"),
    [("sgb2", "insgesamt", None, 6.5),  # latest with a value (2025 is empty)
     ("sgb2", "insgesamt", 2022, 7.0),  # latest up to the period
     ("sgb2", "insgesamt", 2020, math.nan),  # none that early
     ("sgb2", "nichtdeutsch", 2025, 14.0),
     ("kita", "insgesamt", None, math.nan)],
)  # fmt: skip
def test_city_value_is_the_latest_up_to_the_period(
    indicator: str, grp: str, period: int | None, expected: float
) -> None:
    found = CityValues(VALUES).get(indicator, grp, period)
    assert found == pytest.approx(expected, nan_ok=True)
    assert city_value(VALUES, indicator, grp, period) == pytest.approx(expected, nan_ok=True)
