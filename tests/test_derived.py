"""Derived indicators: ratio of stored parts, flags carried over."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis.derived import base_indicators, derive, with_derived

COLS = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
        "flag", "source"]  # fmt: skip


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLS)


STORED = _frame([
    ("bevoelkerung", "61", 2014, "insgesamt", 10555.0, None, None, None, "a"),
    ("bevoelkerung_mv", "61", 2014, "insgesamt", 5242.0, None, None, None, "a"),
    ("bevoelkerung", "91", 2014, "insgesamt", 5640.0, None, None, None, "a"),
    ("bevoelkerung_mv", "91", 2014, "insgesamt", None, None, None, "secret", "a"),
    ("bevoelkerung", "0", 2014, "insgesamt", 0.0, None, None, None, "a"),
    ("bevoelkerung_mv", "0", 2014, "insgesamt", 0.0, None, None, "provisional", "a"),
])  # fmt: skip


def test_derive_is_ratio_of_parts() -> None:
    num = STORED[STORED["indicator_id"] == "bevoelkerung_mv"]
    den = STORED[STORED["indicator_id"] == "bevoelkerung"]
    out = derive(num, den, "anteil_mv", 100.0).set_index("area_code")
    assert round(out.loc["61", "value"], 1) == 49.7
    assert (out.loc["61", "numerator"], out.loc["61", "denominator"]) == (5242.0, 10555.0)
    assert math.isnan(out.loc["91", "value"]) and out.loc["91", "flag"] == "secret"
    # division by zero gives no value, and the provisional flag travels along
    assert math.isnan(out.loc["0", "value"]) and out.loc["0", "flag"] == "provisional"


def test_with_derived_and_base_indicators(catalogue) -> None:
    indicators = catalogue.indicators
    assert base_indicators(["anteil_mv", "bevoelkerung"], indicators) == [
        "bevoelkerung_mv", "bevoelkerung",
    ]  # fmt: skip
    out = with_derived(STORED, ["anteil_mv", "bevoelkerung"], indicators)
    assert set(out["indicator_id"]) == {"anteil_mv", "bevoelkerung"}
    assert len(out) == 6
