"""Grouping hidden quantities into components: order, equations, limits, pinned zeros."""

from __future__ import annotations

import numpy as np

from dashboard.analysis.disclosure_components import components
from dashboard.analysis.disclosure_model import Masks, Model

NAN = np.nan
# row 0 = row 1 + row 2 (counts); rows 3, 4, 5 are shares: numerator ≤ denominator
SETS = [("value", [0, 1, 2]), ("denominator", [5, 3])]
BOUNDS = [
    (("numerator", 3), ("denominator", 3)),
    (("numerator", 4), ("denominator", 4)),
    (("numerator", 5), ("denominator", 5)),
]
AMOUNTS = {
    "value": np.array([10.0, 4.0, 6.0, NAN, NAN, NAN]),
    "numerator": np.array([NAN, NAN, NAN, 5.0, 0.0, 7.0]),
    "denominator": np.array([NAN, NAN, NAN, 10.0, 0.0, 30.0]),
}


def _components(hidden: list[int], hidden_den: list[int]) -> list:
    masks = Masks(np.isin(np.arange(6), hidden), np.isin(np.arange(6), hidden_den))
    return components(Model(SETS, BOUNDS, AMOUNTS), masks)


def test_components_in_name_order_with_equations_and_published_limits() -> None:
    # parts 1 and 2 hidden, numerators 3 and 4 hidden; denominator 4 is a published 0
    found = _components([1, 2, 3, 4], [])
    assert [c.variables for c in found] == [[("numerator", 3)], [("value", 1), ("value", 2)]]
    share, counts = found
    # the published denominator caps the hidden numerator; 0 … unlimited otherwise
    assert (share.lower[("numerator", 3)], share.upper[("numerator", 3)]) == (0.0, 10.0)
    assert counts.upper[("value", 1)] == np.inf
    # total (+1) = parts (-1): the published total moves to the right-hand side
    assert counts.rows == [(((("value", 1), -1.0), (("value", 2), -1.0)), -10.0)]
    assert share.rows == [] and share.inequalities == []
    # numerator 4 of a published denominator 0 is 0 by definition: not a component
    assert all(("numerator", 4) not in c.variables for c in found)


def test_hidden_numerator_and_denominator_join_through_their_bound_and_sets() -> None:
    found = _components([3, 5], [3, 5])
    assert len(found) == 1
    (component,) = found
    assert component.variables == [
        ("denominator", 3), ("denominator", 5), ("numerator", 3), ("numerator", 5),
    ]  # fmt: skip
    assert component.inequalities == [
        (("numerator", 3), ("denominator", 3)), (("numerator", 5), ("denominator", 5)),
    ]  # fmt: skip
    # a set with nothing published sums to 0, not -0.0
    ((terms, rhs),) = component.rows
    assert terms == ((("denominator", 5), 1.0), (("denominator", 3), -1.0))
    assert rhs == 0.0 and not np.signbit(rhs)


def test_nothing_hidden_gives_no_components() -> None:
    assert _components([], []) == []
