"""The audit's choices: which cell to hide next, and ranges kept across rounds."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.analysis.disclosure_audit import Seen, _cheapest
from dashboard.analysis.disclosure_model import CODE, Model

V, N, D = CODE["value"], CODE["numerator"], CODE["denominator"]


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # (code, position, is total, amount): a cell of at least ``need`` widens most
        ([(V, 1, False, 1.0), (V, 2, False, 5.0)], (V, 2)),
        # parts before totals
        ([(V, 1, True, 5.0), (V, 2, False, 9.0)], (V, 2)),
        # the smaller amount first
        ([(V, 1, False, 9.0), (V, 2, False, 5.0)], (V, 2)),
        # equal amounts: by quantity name (denominator < numerator < value), then position
        ([(V, 1, False, 5.0), (D, 3, False, 5.0), (N, 2, False, 5.0)], (D, 3)),
        ([(V, 4, False, 5.0), (V, 2, False, 5.0)], (V, 2)),
        # a missing amount: as min() over the cost tuples in candidate order
        ([(V, 1, False, np.nan), (V, 2, False, 1.0)], (V, 1)),
        ([(V, 2, False, 1.0), (V, 1, False, np.nan)], (V, 2)),
    ],
)
def test_cheapest_candidate(candidates: list[tuple], expected: tuple[int, int]) -> None:
    codes, positions, totals, amounts = (np.array(c) for c in zip(*candidates, strict=True))
    assert _cheapest(codes, positions, totals.astype(bool), amounts.astype(float), 2) == expected


def test_seen_ranges_start_at_the_truth_and_only_widen() -> None:
    amounts = {q: np.array([4.0, 7.0]) for q in ("value", "numerator", "denominator")}
    seen = Seen(Model([], [], amounts))
    variables = [("value", 0), ("denominator", 1)]
    low, high = seen.ranges(variables)
    assert (low.tolist(), high.tolist()) == ([4.0, 7.0], [4.0, 7.0])
    seen.remember(variables, np.array([1.0, 7.0]), np.array([4.0, 12.0]))
    seen.remember(variables, np.array([3.0, 6.0]), np.array([9.0, 8.0]))
    low, high = seen.ranges(variables)
    assert (low.tolist(), high.tolist()) == ([1.0, 6.0], [9.0, 12.0])
    # the copies may be widened in place without changing what was seen
    low[0] = -5.0
    assert seen.ranges(variables)[0].tolist() == [1.0, 6.0]
