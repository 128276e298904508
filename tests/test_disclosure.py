"""Disclosure control: primary rule and secondary suppression."""

from __future__ import annotations

import logging
import math

import numpy as np
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


# --- issue 7: stored ratios, derived indicators, small denominators -------------------------------
RATIO_INDICATORS = pd.DataFrame({
    "id": ["n", "s", "pop", "d"], "kind": ["count", "share", "count", "share"],
    "numerator_id": [None, None, None, "n"], "denominator_id": [None, None, None, "pop"],
})  # fmt: skip


def test_share_numerators_are_protected_like_counts() -> None:
    # the city's numerator minus the visible district numerators would give A's 2 away
    frame = _frame([
        ("s", "0", 2020, "insgesamt", 10.0, 60.0, 600.0, None, "x"),
        ("s", "A", 2020, "insgesamt", 1.0, 2.0, 200.0, None, "x"),
        ("s", "B", 2020, "insgesamt", 20.0, 40.0, 200.0, None, "x"),
        ("s", "C", 2020, "insgesamt", 9.0, 18.0, 200.0, None, "x"),
    ])  # fmt: skip
    out = suppress(frame, RATIO_INDICATORS, AREAS)
    assert _hidden(out) == {("s", "A", "insgesamt"), ("s", "C", "insgesamt")}
    assert out["numerator"].isna().sum() == 2


def test_a_share_hidden_for_its_small_denominator_is_not_recomputable() -> None:
    frame = _frame([
        ("s", "0", 2020, "insgesamt", 20.0, 70.0, 350.0, None, "x"),
        ("s", "A", 2020, "insgesamt", 41.2, 7.0, 17.0, None, "x"),
        ("s", "B", 2020, "insgesamt", 16.0, 40.0, 250.0, None, "x"),
        ("s", "C", 2020, "insgesamt", 27.7, 23.0, 83.0, None, "x"),
    ])  # fmt: skip
    out = suppress(frame, RATIO_INDICATORS, AREAS)
    assert _hidden(out) == {("s", "A", "insgesamt"), ("s", "C", "insgesamt")}


def test_derived_shares_follow_their_hidden_counts() -> None:
    # C's count is hidden by secondary suppression: its derived share would give it away
    rows = [
        ("n", "0", 2020, "insgesamt", 57.0, None, None, None, "x"),
        ("n", "A", 2020, "insgesamt", 2.0, None, None, None, "x"),
        ("n", "B", 2020, "insgesamt", 40.0, None, None, None, "x"),
        ("n", "C", 2020, "insgesamt", 15.0, None, None, None, "x"),
    ]
    for area, n in (("0", 57.0), ("A", 2.0), ("B", 40.0), ("C", 15.0)):
        rows.append(("pop", area, 2020, "insgesamt", 100.0, None, None, None, "x"))
        rows.append(("d", area, 2020, "insgesamt", n, n, 100.0, None, "x"))
    out = suppress(_frame(rows), RATIO_INDICATORS, AREAS)
    assert {(i, a) for i, a, _g in _hidden(out)} == {("n", "A"), ("n", "C"), ("d", "A"), ("d", "C")}


def test_a_denominator_that_is_a_small_count_is_hidden() -> None:
    frame = _frame([("s", "A", 2020, "insgesamt", 50.0, 1.0, 2.0, None, "x")])
    out = suppress(frame, RATIO_INDICATORS, AREAS)
    assert math.isnan(out.loc[0, "denominator"]) and math.isnan(out.loc[0, "value"])


def test_secondary_suppression_also_without_the_audit_range() -> None:
    # min_count 1: no range to keep, but a cell secret at the source still needs its partner
    frame = _frame([
        ("n", "0", 2020, "insgesamt", 57.0, None, None, None, "x"),
        ("n", "A", 2020, "insgesamt", 1.0, None, None, "secret", "x"),
        ("n", "B", 2020, "insgesamt", 40.0, None, None, None, "x"),
        ("n", "C", 2020, "insgesamt", 16.0, None, None, None, "x"),
    ])  # fmt: skip
    out = suppress(frame, INDICATORS, AREAS, min_count=1)
    assert _hidden(out) == {("n", "A", "insgesamt"), ("n", "C", "insgesamt")}


def _secondary_result(sets: list[list[int]], amounts: list[float], hidden: list[int]) -> list[int]:
    from dashboard.analysis.disclosure import _secondary
    from dashboard.analysis.disclosure_model import Masks, Model

    values = np.array(amounts)
    nan = np.full(len(values), np.nan)
    model = Model([("value", s) for s in sets], [], {
        "value": values, "numerator": nan, "denominator": nan,
    })  # fmt: skip
    masks = Masks(np.isin(np.arange(len(values)), hidden), np.zeros(len(values), dtype=bool))
    _secondary(model, masks)
    return np.flatnonzero(masks.hidden).tolist()


@pytest.mark.parametrize(
    ("sets", "amounts", "hidden", "expected"),
    [
        # a later set hides a cell of an earlier one: the next pass protects the earlier set
        ([[0, 1, 2], [3, 2, 4]], [20.0, 8.0, 12.0, 30.0, 2.0], [4], [1, 2, 4]),
        # the smallest positive part before zeros
        ([[0, 1, 2, 3]], [9.0, 2.0, 0.0, 7.0], [1], [1, 3]),
        # only zeros left: a zero is hidden
        ([[0, 1, 2]], [2.0, 2.0, 0.0], [1], [1, 2]),
        # a hidden total with every part visible: the smallest part goes too
        ([[0, 1, 2]], [9.0, 4.0, 5.0], [0], [0, 1]),
        # two hidden parts: nothing to recompute
        ([[0, 1, 2, 3]], [9.0, 1.0, 1.0, 7.0], [1, 2], [1, 2]),
    ],
)
def test_secondary_rule_passes(
    sets: list[list[int]], amounts: list[float], hidden: list[int], expected: list[int]
) -> None:
    assert _secondary_result(sets, amounts, hidden) == expected


def test_periods_audited_on_several_processes_hide_the_same_cells(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from dashboard import parallel
    from dashboard.analysis import disclosure

    rows = [
        ("n", area, period, "insgesamt", value, None, None, None, "x")
        for period, values in ((2020, (57.0, 2.0, 40.0, 15.0)), (2021, (30.0, 10.0, 1.0, 19.0)))
        for area, value in zip(("0", "A", "B", "C"), values, strict=True)
    ]
    frame = _frame(rows)
    alone = suppress(frame, INDICATORS, AREAS)
    monkeypatch.setattr(disclosure, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(parallel, "processors", lambda: 2)
    with caplog.at_level(logging.WARNING, logger="dashboard.parallel"):
        side_by_side = suppress(frame, INDICATORS, AREAS)
    assert "failed" not in caplog.text  # the processes did the work
    pd.testing.assert_frame_equal(alone, side_by_side)
    # each period protects its own small count with a second cell
    assert _hidden(alone) == {("n", "A", "insgesamt"), ("n", "C", "insgesamt"),
                              ("n", "B", "insgesamt")}  # fmt: skip
    assert alone.groupby("period")["flag"].apply(lambda f: (f == "secret").sum()).tolist() == [2, 2]
