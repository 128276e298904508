"""The disclosure audit's array model: spans, set and cap lookups, visible members."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.analysis.disclosure_model import CODE, Masks, Model, spans

# rows 0..4: a count total (row 0) of parts 1, 2; a share in row 3 (numerator ≤ denominator);
# row 4's numerator is the part of a numerator set with total row 3
SETS = [("value", [0, 1, 2]), ("numerator", [3, 4]), ("value", [2, 0])]
BOUNDS = [(("numerator", 3), ("denominator", 3)), (("numerator", 4), ("denominator", 4))]
AMOUNTS = {
    "value": np.array([10.0, 4.0, 6.0, 50.0, np.nan]),
    "numerator": np.array([np.nan, np.nan, np.nan, 5.0, 5.0]),
    "denominator": np.array([np.nan, np.nan, np.nan, 10.0, 8.0]),
}


def _model() -> Model:
    return Model(SETS, BOUNDS, AMOUNTS)


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ([0, 5], [2, 8], [0, 1, 5, 6, 7]),
        ([3], [3], []),
        ([], [], []),
        ([4, 1], [5, 3], [4, 1, 2]),
    ],
)
def test_spans_lists_every_index_of_every_span_in_order(
    starts: list[int], ends: list[int], expected: list[int]
) -> None:
    got = spans(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))
    assert got.tolist() == expected


@pytest.mark.parametrize(
    ("quantities", "expected"),
    [
        ([("value", 0)], [0, 2]),
        ([("value", 1)], [0]),
        ([("numerator", 4), ("value", 1)], [0, 1]),
        ([("denominator", 3)], []),
    ],
)
def test_sets_of_finds_every_set_holding_a_quantity(
    quantities: list[tuple[str, int]], expected: list[int]
) -> None:
    codes = np.array([CODE[q] for q, _p in quantities])
    positions = np.array([p for _q, p in quantities])
    assert _model().sets_of(codes, positions).tolist() == expected


def test_caps_of_gives_the_denominators_above_numerators() -> None:
    codes, positions = _model().caps_of(np.array([CODE["numerator"]] * 2), np.array([4, 0]))
    assert list(zip(codes.tolist(), positions.tolist(), strict=True)) == [(CODE["denominator"], 4)]


def test_members_signs_and_usable_sets() -> None:
    model = _model()
    assert model.members_of(np.array([2, 0])).tolist() == [5, 6, 0, 1, 2]
    assert model.member_sign.tolist() == [1.0, -1.0, -1.0, 1.0, -1.0, 1.0, -1.0]
    # the numerator set is usable (both numerators known); no set has a missing member
    assert model.usable.tolist() == [True, True, True]


def test_masks_share_value_and_numerator_and_a_hidden_denominator_hides_both() -> None:
    masks = Masks(np.zeros(5, dtype=bool), np.zeros(5, dtype=bool))
    masks.hide(CODE["denominator"], 3)
    masks.hide(CODE["value"], 1)
    codes = np.array([CODE["value"], CODE["numerator"], CODE["denominator"], CODE["denominator"]])
    assert masks.at(codes, np.array([3, 1, 3, 1])).tolist() == [True, True, True, False]
    assert _model().touched(masks).tolist() == [0, 1]
