"""Whole-column parsing (the import hot path) gives what the per-cell functions give."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.ingest import columns
from dashboard.ingest.cells import parse_number
from dashboard.ingest.observation_checks import _frame_cells, _frame_list, _years
from dashboard.ingest.tables import Cell, cell_text

TEXTS = [
    "12", "0", "-3", "+4", "1.450", "16,1", "12.345,6", "0,5", "1e3", ".", "…", "...", "x", "X",
    "/", "-", "–", "5 r", "7p", "8S", "abc", "1,2,3", " 12 ", "0x1F", "12%", "1 234", "1\u00a0234",
    "", "  ", "3.5", ".5", "1.2.3", "١٢", "12,", "007", "99999999999999999999", "1.000.000,25",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(TEXTS),
    st.text(alphabet="0123456789.,+- %rpsx", max_size=8),
    st.none(),
    st.integers(-10_000, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.just(dt.date(2014, 12, 31)),
)


def _one_by_one(cell: Cell) -> tuple[float, str | None, int]:
    """The per-cell reading that columns.numbers must equal (value NaN = none)."""
    if cell is None or cell_text(cell) == "":
        return math.nan, None, columns.EMPTY
    parsed = parse_number(cell)
    if parsed is None:
        return math.nan, None, columns.BAD
    return (math.nan if parsed.value is None else parsed.value), parsed.flag, columns.OK


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TEXTS), st.text(max_size=6)), max_size=40))
def test_numbers_of_text_cells_equal_parse_number(cells: list[str]) -> None:
    """Text-only columns (CSV) take the vectorised path; every cell reads as parse_number."""
    _check_numbers(cells)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=40))
def test_numbers_of_mixed_cells_equal_parse_number(cells: list[Cell]) -> None:
    """Typed cells (XLSX) and empty ones read as parse_number, column-wise."""
    _check_numbers(cells)


def _check_numbers(cells: list[Cell]) -> None:
    parsed = columns.numbers(cells, len(cells))
    for i, cell in enumerate(cells):
        value, flag, state = _one_by_one(cell)
        got = parsed.value[i]
        assert (math.isnan(got) and math.isnan(value)) or got == value, (cell, got, value)
        assert type(got) is np.float64
        assert parsed.flag[i] == flag and parsed.state[i] == state, cell


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(TEXTS), st.none()), min_size=1, max_size=30))
def test_frame_columns_infer_as_their_lists(cells: list[str | None]) -> None:
    """Texts and None given to pandas as an object array get the dtype and values of a list."""
    arr = columns.objects(cells)
    fast = pd.DataFrame({"a": _frame_cells(arr)})
    pd.testing.assert_frame_equal(fast, pd.DataFrame({"a": _frame_list(arr)}))


@given(st.lists(st.integers(1900, 2100), min_size=1, max_size=30))
def test_years_infer_as_their_list(years: list[int]) -> None:
    """Periods as int64 equal what pandas makes of the list of Python ints."""
    arr = columns.objects(years)
    pd.testing.assert_frame_equal(
        pd.DataFrame({"p": _years(arr)}), pd.DataFrame({"p": _frame_list(arr)})
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(["", "secret", "share", "x", "Secret"]), st.none())),
    st.lists(st.sampled_from(["", "secret", "share", "rate", "x"]), max_size=4),
)
def test_among_is_isin(cells: list[str | None], values: list[str]) -> None:
    """Membership decided per distinct cell equals numpy's isin (None is in no list of texts)."""
    arr = columns.objects(cells)
    assert columns.among(arr, values).tolist() == np.isin(arr, values).tolist()
