"""One indicator's rows as arrays: split by indicator, cells, latest periods, series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.profile_rows import IndicatorRows, by_indicator

ROWS = pd.DataFrame(
    {
        "indicator_id": ["b", "a", "b", "a", "b", "b", "a"],
        "area_code": ["0", "61", "61", "0", "61", "91", "61"],
        "period": [2014, 2014, 2014, 2014, 2014, 2013, 2015],
        "value": [1.0, 2.0, 3.0, None, 9.0, 5.0, 6.0],
        "flag": [None, None, "x", "secret", None, None, None],
        "grp": ["g1", "insgesamt", "g2", "insgesamt", "g1", "g1", "insgesamt"],
    }
).astype({"indicator_id": "str", "area_code": "str", "flag": "str", "grp": "str"})


def test_rows_are_split_by_indicator_in_order_of_first_appearance() -> None:
    split = by_indicator(ROWS)
    assert list(split) == ["b", "a"]
    assert split["b"].areas.tolist() == ["0", "61", "61", "91"]  # frame order kept
    assert split["b"].periods.tolist() == [2014, 2014, 2014, 2013]
    assert split["b"].grp == "g1" and split["a"].grp == "insgesamt"  # the first row's group


@pytest.mark.parametrize(
    ("indicator", "area", "period", "value", "flag"),
    [
        ("b", "61", 2014, 3.0, "x"),  # the first row of an area and period is its cell
        ("b", "0", 2014, 1.0, None),
        ("a", "0", 2014, math.nan, "secret"),  # hidden: no value, its flag
        ("a", "91", 2014, math.nan, None),  # absent
        ("b", None, 2014, math.nan, None),  # no area (a district without Stadtbezirk)
    ],
)
def test_cell(indicator: str, area: str | None, period: int, value: float, flag: object) -> None:
    got_value, got_flag = by_indicator(ROWS)[indicator].cell(area, period)
    assert (math.isnan(got_value) and math.isnan(value)) or got_value == value
    assert type(got_value) is float
    assert got_flag == flag or (pd.isna(got_flag) and flag is None)


@pytest.mark.parametrize(
    ("indicator", "area", "period", "expected"),
    [("a", "61", None, 2015), ("a", "61", 2014, 2014), ("a", "61", 2013, None),
     ("b", "91", None, 2013), ("b", "12", None, None)],
)  # fmt: skip
def test_latest(indicator: str, area: str, period: int | None, expected: int | None) -> None:
    got = by_indicator(ROWS)[indicator].latest(area, period)
    assert got == expected and (got is None or type(got) is int)


def test_values_in_a_period_keep_row_order_and_hidden_values() -> None:
    rows = by_indicator(ROWS)["b"]
    assert rows.values_in(2014, {"61", "0"}).tolist() == [1.0, 3.0, 9.0]
    assert rows.values_in(2014, {"91"}).dtype == float and rows.values_in(2014, {"91"}).size == 0
    hidden = by_indicator(ROWS)["a"].values_in(2014, {"0", "61"})
    assert np.isnan(hidden[1]) and hidden[0] == 2.0


def test_series_takes_the_first_row_of_each_period_as_plain_numbers() -> None:
    series = by_indicator(ROWS)["b"].series("61")
    assert series == {2014: 3.0}
    assert all(type(k) is int and type(v) is float for k, v in series.items())
    assert IndicatorRows.of(ROWS[ROWS["indicator_id"] == "a"]).series("61") == {
        2014: 2.0,
        2015: 6.0,
    }
