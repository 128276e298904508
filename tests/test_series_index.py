"""The series index the assessment reads: slices by series, usable points, as build_track reads."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.gaps import Point
from dashboard.analysis.series_index import SeriesIndex
from dashboard.analysis.tracks import Usable, build_track

NAN = math.nan
COLUMNS = [
    "indicator_id",
    "area_code",
    "grp",
    "period",
    "value",
    "numerator",
    "denominator",
    "flag",
]
# rows deliberately out of order, with a repeated period (the later row wins), unusable flags,
# a missing and an infinite value, and a second series interleaved
ROWS = [
    ("a", "11", "insgesamt", 2022, 3.0, 3.0, 100.0, None),
    ("b", "11", "insgesamt", 2020, 9.0, NAN, NAN, None),
    ("a", "11", "insgesamt", 2020, 1.0, 1.0, 100.0, None),
    ("a", "11", "insgesamt", 2021, 2.0, NAN, NAN, "secret"),
    ("a", "11", "insgesamt", 2023, NAN, NAN, NAN, None),
    ("a", "11", "insgesamt", 2024, math.inf, NAN, NAN, "estimated"),
    ("a", "11", "insgesamt", 2022, 4.0, 4.0, 100.0, "estimated"),
    ("a", "11", "insgesamt", 2025, NAN, NAN, NAN, "not_reliable"),
]  # fmt: skip
VALUES = pd.DataFrame(ROWS, columns=COLUMNS)
KEY = ("a", "11", "insgesamt")


def test_usable_points_sorted_by_period_with_the_later_row_of_a_repeated_period() -> None:
    found = SeriesIndex(VALUES).usable(KEY)
    assert found == Usable(
        [
            Point(2020, 1.0, 1.0, None, 1.0, 100.0, None),
            Point(2022, 4.0, 4.0, None, 4.0, 100.0, "estimated"),
        ],
        [(2021, "secret"), (2023, "missing"), (2024, "missing"), (2025, "not_reliable")],
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (2020, {"value": 1.0, "numerator": 1.0, "denominator": 100.0, "flag": None}),
        (2021, {"value": 2.0, "numerator": None, "denominator": None, "flag": "secret"}),
        (2022, {"value": 4.0, "numerator": 4.0, "denominator": 100.0, "flag": "estimated"}),
        (2023, {"value": None, "numerator": None, "denominator": None, "flag": None}),
    ],
)
def test_rows_by_period_with_missing_numbers_as_none(period: int, expected: dict) -> None:
    rows = SeriesIndex(VALUES).rows(KEY)
    assert rows is not None and list(rows) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert rows[period] == {"period": period, **expected}


def test_an_absent_series_is_none_also_without_any_values() -> None:
    assert SeriesIndex(VALUES).usable(("a", "12", "insgesamt")) is None
    empty = SeriesIndex(VALUES.iloc[0:0])
    assert empty.usable(KEY) is None and empty.rows(KEY) is None


@pytest.mark.parametrize("kind", ["direction", "absolute", "relative_change"])
def test_a_track_from_usable_equals_the_track_from_rows(kind: str) -> None:
    index = SeriesIndex(VALUES)
    target = {"type": kind, "value": 5.0, "baseline_period": 2020, "target_period": 2030}
    indicator = {"direction": "up", "unit": "%", "kind": "share"}
    from_rows = build_track(target, indicator, index.rows(KEY))
    assert build_track(target, indicator, index.usable(KEY)) == from_rows
    assert len(from_rows.points) == 2 and len(from_rows.omitted) == 4


def test_a_parity_track_refuses_points_split_without_its_reference() -> None:
    index = SeriesIndex(VALUES)
    with pytest.raises(TypeError, match="parity"):
        build_track({"type": "parity"}, {"direction": "up"}, index.usable(KEY))
