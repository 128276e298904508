"""Disclosure control: primary rule and secondary suppression."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.disclosure import suppress

COLS = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
        "flag", "source"]  # fmt: skip
INDICATORS = pd.DataFrame({"id": ["n", "s"], "kind": ["count", "share"]})
AREAS = pd.DataFrame({
    "code": ["0", "A", "B", "C"], "level": ["stadt", "stadtteil", "stadtteil", "stadtteil"],
    "parent_code": [None, "0", "0", "0"],
})  # fmt: skip


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLS)


def _hidden(out: pd.DataFrame) -> set[tuple[str, str, str]]:
    return {
        (r.indicator_id, r.area_code, r.grp)
        for r in out.itertuples()
        if r.flag == "secret" and math.isnan(r.value)
    }


@pytest.mark.parametrize(
    ("value", "hidden"), [(0.0, False), (1.0, True), (2.0, True), (3.0, False), (250.0, False)]
)
def test_primary_rule_for_counts(value: float, hidden: bool) -> None:
    frame = _frame([("n", "A", 2020, "insgesamt", value, None, None, None, "x")])
    out = suppress(frame, INDICATORS, AREAS, min_count=3)
    assert bool(_hidden(out)) is hidden


@pytest.mark.parametrize(
    ("num", "den", "hidden"), [(2.0, 100.0, True), (30.0, 100.0, False), (5.0, 10.0, True)]
)
def test_shares_with_small_numerator_or_denominator(num: float, den: float, hidden: bool) -> None:
    frame = _frame([("s", "A", 2020, "insgesamt", num / den * 100, num, den, None, "x")])
    out = suppress(frame, INDICATORS, AREAS, min_count=3, min_denominator=20)
    assert bool(_hidden(out)) is hidden
    if hidden:
        assert math.isnan(out.loc[0, "numerator"])


def test_secondary_suppression_protects_a_lone_hidden_district() -> None:
    frame = _frame([
        ("n", "0", 2020, "insgesamt", 57.0, None, None, None, "x"),
        ("n", "A", 2020, "insgesamt", 2.0, None, None, None, "x"),
        ("n", "B", 2020, "insgesamt", 40.0, None, None, None, "x"),
        ("n", "C", 2020, "insgesamt", 15.0, None, None, None, "x"),
    ])  # fmt: skip
    out = suppress(frame, INDICATORS, AREAS)
    assert _hidden(out) == {("n", "A", "insgesamt"), ("n", "C", "insgesamt")}
    # the total minus the visible parts no longer gives away the small count
    visible = out[(out["area_code"] != "0") & out["value"].notna()]["value"].sum()
    assert out.loc[0, "value"] - visible == 17.0


def test_secondary_suppression_over_groups_that_partition_the_total() -> None:
    frame = _frame([
        ("n", "A", 2020, "insgesamt", 30.0, None, None, None, "x"),
        ("n", "A", 2020, "maennlich", 1.0, None, None, None, "x"),
        ("n", "A", 2020, "weiblich", 29.0, None, None, None, "x"),
    ])  # fmt: skip
    out = suppress(frame, INDICATORS, AREAS)
    assert _hidden(out) == {("n", "A", "maennlich"), ("n", "A", "weiblich")}


def test_original_frame_is_untouched() -> None:
    frame = _frame([("n", "A", 2020, "insgesamt", 1.0, None, None, None, "x")])
    suppress(frame, INDICATORS, AREAS)
    assert frame.loc[0, "value"] == 1.0
