"""dashboard.frames: missing values of text columns become None, numbers stay as they are."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.frames import nulls_as_none


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (pd.Series(["a", None, "c"]), ["a", None, "c"]),  # pandas' str dtype (NaN inside)
        (pd.Series(["a", np.nan], dtype=object), ["a", None]),
        (pd.Series([["x", "y"], None], dtype=object), [["x", "y"], None]),  # lists kept
        (pd.Series(["a", pd.NA], dtype="string"), ["a", None]),
        (pd.Series([None, None], dtype=object), [None, None]),
        (pd.Series(pd.to_datetime(["2026-01-02", None])), [pd.Timestamp("2026-01-02"), None]),
    ],
)
def test_text_columns_hold_none_for_missing(column: pd.Series, expected: list) -> None:
    out = nulls_as_none(pd.DataFrame({"c": column}))["c"]
    assert out.dtype == object
    assert out.tolist() == expected
    assert all(v is None for v, e in zip(out, expected, strict=True) if e is None)


def test_numbers_and_flags_keep_their_dtype_and_nan() -> None:
    frame = pd.DataFrame({"n": [1.5, np.nan], "i": [1, 2], "b": [True, False]})
    out = nulls_as_none(frame)
    assert out.dtypes.tolist() == frame.dtypes.tolist()
    assert out["n"].iloc[0] == 1.5 and math.isnan(out["n"].iloc[1])


def test_input_unchanged_and_twice_is_once() -> None:
    frame = pd.DataFrame({"c": pd.Series(["a", None])})
    once = nulls_as_none(frame)
    assert frame["c"].dtype != object  # the caller's frame is not modified
    pd.testing.assert_frame_equal(nulls_as_none(once), once)
