"""The additive structure the disclosure audit works on, as NumPy arrays, and the hidden masks.

A quantity is a (name, row position) pair; its code is the name's number in ``QUANTITIES``.
At 100x a batch has millions of set members and bounds: every question the audit asks (which
sets hold these quantities, which denominators cap them, which members are visible) is an
array lookup here, not a loop over Python lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.analysis.disclosure_lp import Var

QUANTITIES = ("value", "numerator", "denominator")
CODE = {quantity: number for number, quantity in enumerate(QUANTITIES)}
DEN = CODE["denominator"]
# the codes ranked by name ("denominator" < "numerator" < "value"): sorting by rank, then
# position, sorts quantities as their Var tuples sort
RANK = np.array([2, 1, 0])


def spans(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """All indices start … end - 1 of each span, span after span."""
    sizes = ends - starts
    if not len(sizes) or not sizes.sum():
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    return offsets + np.arange(int(sizes.sum()))


@dataclass
class Model:
    """The additive structure of one frame: sets (total first), bounds and the true amounts."""

    sets: list[tuple[str, list[int]]]
    bounds: list[tuple[Var, Var]]  # (smaller, larger): numerator ≤ denominator
    amounts: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        self.amount = np.vstack([self.amounts[q] for q in QUANTITIES]).astype(float)
        self.size = self.amount.shape[1]
        self._index_members()
        self._index_bounds()

    def _index_members(self) -> None:
        """Flat arrays over all set members, and the members sorted by quantity."""
        count = len(self.sets)
        sizes = np.fromiter((len(m) for _q, m in self.sets), dtype=np.int64, count=count)
        self.set_end = np.cumsum(sizes)
        self.set_start = self.set_end - sizes
        self.member_set = np.repeat(np.arange(count), sizes)
        members = (p for _q, m in self.sets for p in m)
        self.member_position = np.fromiter(members, dtype=np.int64, count=int(sizes.sum()))
        codes = np.fromiter((CODE[q] for q, _m in self.sets), dtype=np.int64, count=count)
        self.member_code = np.repeat(codes, sizes)
        self.member_is_den = self.member_code == DEN
        # the total of a set counts +1, its parts -1
        self.member_sign = -np.ones(len(self.member_code))
        self.member_sign[self.set_start[sizes > 0]] = 1.0
        self.member_amount = self.amount[self.member_code, self.member_position]
        # a set with a cell without a number (not yet available, secret at the source) says
        # nothing a viewer could use
        nan = np.isnan(self.member_amount)
        self.usable = np.bincount(self.member_set, weights=nan, minlength=count) == 0
        # the sets of a quantity: members sorted by quantity and position (stable: set order)
        key = self.member_code * self.size + self.member_position
        order = np.argsort(key, kind="stable")
        self._member_keys, self._member_sets = key[order], self.member_set[order]

    def _index_bounds(self) -> None:
        """Codes, positions and amounts of both sides of every bound, sorted by the smaller."""
        flat = [var for pair in self.bounds for var in pair]  # small, large, small, large …
        codes = np.fromiter((CODE[q] for q, _p in flat), dtype=np.int64, count=len(flat))
        positions = np.fromiter((p for _q, p in flat), dtype=np.int64, count=len(flat))
        self.bound_codes = codes.reshape(-1, 2)
        self.bound_positions = positions.reshape(-1, 2)
        self.bound_amounts = self.amount[self.bound_codes, self.bound_positions]
        small = self.bound_codes[:, 0] * self.size + self.bound_positions[:, 0]
        order = np.argsort(small, kind="stable")
        self._cap_keys, self._cap_bounds = small[order], order

    def sets_of(self, codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Numbers of the sets any of these quantities is a member of, ascending."""
        key = codes * self.size + positions
        found = spans(
            np.searchsorted(self._member_keys, key), np.searchsorted(self._member_keys, key + 1)
        )
        return np.unique(self._member_sets[found])

    def caps_of(self, codes: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Codes and positions of the quantities capping these from above (denominators)."""
        key = codes * self.size + positions
        found = self._cap_bounds[
            spans(np.searchsorted(self._cap_keys, key), np.searchsorted(self._cap_keys, key + 1))
        ]
        return self.bound_codes[found, 1], self.bound_positions[found, 1]

    def members_of(self, numbers: np.ndarray) -> np.ndarray:
        """Member indices of these sets, set after set, each in its order (total first)."""
        return spans(self.set_start[numbers], self.set_end[numbers])

    def touched(self, masks: Masks) -> np.ndarray:
        """Numbers of the usable sets with at least one hidden member."""
        hidden = masks.at(self.member_code, self.member_position)
        count = np.bincount(self.member_set, weights=hidden, minlength=len(self.sets))
        return np.flatnonzero((count > 0) & self.usable)


class Masks:
    """Which quantities are hidden: value and numerator share one mask, denominators another."""

    def __init__(self, hidden: np.ndarray, hidden_den: np.ndarray) -> None:
        self.hidden, self.hidden_den = hidden, hidden_den

    def at(self, codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Whether each of these quantities is hidden."""
        return np.where(codes == DEN, self.hidden_den[positions], self.hidden[positions])

    def hide(self, code: int, position: int) -> None:
        """Hide a quantity (a hidden denominator hides its row's value and numerator too)."""
        self.hidden[position] = True
        if code == DEN:
            self.hidden_den[position] = True
