"""Audit hidden cells against a linear-programming attacker, and hide more until it fails.

The secondary rule (``disclosure._secondary``) stops the plain recomputation: no additive set
keeps exactly one hidden cell. A viewer can do more: combine all sets (overlapping group splits,
area sums, identities between indicators) with the bounds 0 ≤ numerator ≤ denominator and
solve linear programs for the least and the greatest value a hidden cell can have (a visible
24 of 24 with hidden parts of denominators 8 and 16 gives both parts away). This module does
the same on the cells about to be released and hides further cells until every hidden
quantity keeps a range at least as wide as the primary rule's own: a count below
``min_count`` could be any of 0 … min_count − 1, so the range must span ``min_count - 1``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dashboard.analysis import disclosure_lp
from dashboard.analysis.disclosure_lp import (
    CAP,
    Component,
    Program,
    Row,
    Var,
    directions,
    solve_all,
)

EPS = 1e-6
Job = tuple[int, Program, np.ndarray]  # component number, its program, the objective


QUANTITIES = ("value", "numerator", "denominator")
CODE = {quantity: number for number, quantity in enumerate(QUANTITIES)}
DEN = CODE["denominator"]


@dataclass
class Model:
    """The additive structure of one frame: sets (total first), bounds and the true amounts."""

    sets: list[tuple[str, list[int]]]
    bounds: list[tuple[Var, Var]]  # (smaller, larger): numerator ≤ denominator
    amounts: dict[str, np.ndarray]

    # NumPy arrays, not dicts of Python lists: at 100x a batch has millions of set members and
    # bounds, and building dicts and nested lists of them took over half a minute
    def __post_init__(self) -> None:
        amounts = np.vstack([self.amounts[q] for q in QUANTITIES])
        self._rows = amounts.shape[1]
        # flat arrays over all set members: which sets touch a hidden cell, without a loop
        sizes = np.fromiter((len(m) for _q, m in self.sets), dtype=np.int64, count=len(self.sets))
        self.member_set = np.repeat(np.arange(len(self.sets)), sizes)
        members = (p for _q, m in self.sets for p in m)
        self.member_position = np.fromiter(members, dtype=np.int64, count=int(sizes.sum()))
        codes = np.fromiter((CODE[q] for q, _m in self.sets), dtype=np.int64, count=len(self.sets))
        member_quantity = np.repeat(codes, sizes)
        self.member_is_den = member_quantity == DEN
        # a set with a cell without a number (not yet available, secret at the source) says
        # nothing a viewer could use
        numbers = amounts[member_quantity, self.member_position]
        self.usable = (
            np.bincount(self.member_set, weights=np.isnan(numbers), minlength=len(self.sets)) == 0
        )
        # the sets of a quantity: members sorted by quantity and position (stable: in set order)
        key = member_quantity * self._rows + self.member_position
        order = np.argsort(key, kind="stable")
        self._member_keys, self._member_sets = key[order], self.member_set[order]
        flat = [var for pair in self.bounds for var in pair]  # small, large, small, large …
        quantity = np.fromiter((CODE[q] for q, _p in flat), dtype=np.int64, count=len(flat))
        quantity = quantity.reshape(-1, 2)
        positions = np.fromiter((p for _q, p in flat), dtype=np.int64, count=len(flat))
        self.bound_positions = positions.reshape(-1, 2)
        self.bound_is_den = quantity == DEN
        self.bound_amounts = amounts[quantity, self.bound_positions].astype(float)
        # the larger quantities capping each smaller one, sorted by the smaller's key
        small = quantity[:, 0] * self._rows + self.bound_positions[:, 0]
        order = np.argsort(small, kind="stable")
        self._cap_keys, self._cap_bounds = small[order], order

    def _key(self, var: Var) -> int:
        return CODE[var[0]] * self._rows + int(var[1])

    def sets_with(self, var: Var) -> list[int]:
        """Numbers of the sets the quantity is a member of, in order."""
        key = self._key(var)
        low, high = np.searchsorted(self._member_keys, [key, key + 1])
        return self._member_sets[low:high].tolist()

    def caps(self, var: Var) -> list[Var]:
        """The quantities that bound this one from above (its denominators), in order."""
        key = self._key(var)
        low, high = np.searchsorted(self._cap_keys, [key, key + 1])
        return [self.bounds[i][1] for i in self._cap_bounds[low:high].tolist()]

    def bound_hidden(self, masks: Masks, side: int) -> np.ndarray:
        """Per bound: whether its smaller (side 0) or larger (side 1) quantity is hidden."""
        positions, is_den = self.bound_positions[:, side], self.bound_is_den[:, side]
        return np.where(is_den, masks.hidden_den[positions], masks.hidden[positions])

    def touched(self, masks: Masks) -> np.ndarray:
        """Numbers of the usable sets with at least one hidden member."""
        hidden = np.where(
            self.member_is_den,
            masks.hidden_den[self.member_position],
            masks.hidden[self.member_position],
        )
        count = np.bincount(self.member_set, weights=hidden, minlength=len(self.sets))
        return np.flatnonzero((count > 0) & self.usable)


class Masks:
    """Which quantities are hidden: value and numerator share one mask, denominators another."""

    def __init__(self, hidden: np.ndarray, hidden_den: np.ndarray) -> None:
        self.hidden, self.hidden_den = hidden, hidden_den

    def is_hidden(self, var: Var) -> bool:
        """Whether the quantity is not released."""
        quantity, position = var
        return bool((self.hidden_den if quantity == "denominator" else self.hidden)[position])

    def hide(self, var: Var) -> None:
        """Hide a quantity (a hidden denominator hides its row's value and numerator too)."""
        quantity, position = var
        self.hidden[position] = True
        if quantity == "denominator":
            self.hidden_den[position] = True


def protect(
    model: Model,
    masks: Masks,
    need: float,
    rehide: Callable[[], None],
    cache: dict[tuple, list[Var]] | None = None,
) -> int:
    """Hide cells (in place) until no hidden quantity's range is narrower than ``need``.

    ``rehide`` re-applies the secondary rule after each round. Returns the cells added.
    """
    cache = {} if cache is None else cache
    added = 0
    rehide()  # the secondary rule applies whatever ``need`` is
    while need > 0:
        changed = False
        components = _components(model, masks)
        for component, narrow in zip(
            components, _narrow(components, model, need, cache), strict=True
        ):
            # one cell per narrow quantity: rounds (each re-solving the component) stay few
            for var in narrow:
                if _repair(var, component, model, masks, need):
                    added += 1
                    changed = True
        if not changed:
            return added
        rehide()
    return added


def _components(model: Model, masks: Masks) -> list[Component]:
    """Hidden quantities grouped by the relations that tie them together."""
    parent: dict[Var, Var] = {}

    def find(v: Var) -> Var:
        parent.setdefault(v, v)
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    small_hidden = model.bound_hidden(masks, 0)
    large_hidden = model.bound_hidden(masks, 1)
    # a numerator of a published denominator 0 is 0 by definition ("0 of 0"): nobody to protect
    pinned = small_hidden & ~large_hidden & (model.bound_amounts[:, 1] == 0)
    zero = {model.bounds[i][0] for i in np.flatnonzero(pinned)}

    def hidden(v: Var) -> bool:
        return masks.is_hidden(v) and v not in zero

    rows: list[Row] = []
    for number in model.touched(masks):
        quantity, members = model.sets[number]
        coef = [((quantity, p), 1.0 if i == 0 else -1.0) for i, p in enumerate(members)]
        unknown = [(v, a) for v, a in coef if hidden(v)]
        if not unknown:
            continue
        rhs = -sum(a * model.amounts[v[0]][v[1]] for v, a in coef if not hidden(v))
        rows.append((tuple(unknown), float(rhs)))
        for v, _a in unknown[1:]:
            parent[find(v)] = find(unknown[0][0])
        find(unknown[0][0])
    lower: dict[Var, float] = defaultdict(float)
    upper: dict[Var, float] = defaultdict(lambda: math.inf)
    pairs: list[tuple[Var, Var]] = []
    for i in np.flatnonzero((small_hidden & ~pinned) | large_hidden):
        small, large = model.bounds[i]
        small_hidden, large_hidden = hidden(small), hidden(large)
        if small_hidden and large_hidden:
            pairs.append((small, large))
            parent[find(small)] = find(large)
        elif small_hidden:
            upper[small] = min(upper[small], model.amounts[large[0]][large[1]])
            find(small)
        elif large_hidden:
            lower[large] = max(lower[large], model.amounts[small[0]][small[1]])
            find(large)
    groups: dict[Var, Component] = {}
    for v in sorted(parent):
        root = find(v)
        groups.setdefault(root, Component([], [], lower, upper, []))
        groups[root].variables.append(v)
    for row in rows:
        groups[find(row[0][0][0])].rows.append(row)
    for small, large in pairs:
        groups[find(small)].inequalities.append((small, large))
    return list(groups.values())


def _narrow(
    components: list[Component], model: Model, need: float, cache: dict[tuple, list[Var]]
) -> list[list[Var]]:
    """Per component: the quantities whose range (rounded to integers) is below ``need``."""
    keys = [c.signature() for c in components]
    todo = [i for i, key in enumerate(keys) if key not in cache]
    programs = [i for i in todo if components[i].inequalities or len(components[i].rows) > 1]
    for i in set(todo) - set(programs):
        low, high = _single_set(components[i])
        cache[keys[i]] = [v for v in components[i].variables if _too_narrow(low[v], high[v], need)]
    found = _ranges([components[i] for i in programs], model, need)
    for i, (low, high) in zip(programs, found, strict=True):
        variables = components[i].variables
        cache[keys[i]] = [
            v for v, lo, hi in zip(variables, low, high, strict=True) if _too_narrow(lo, hi, need)
        ]
    return [cache[key] for key in keys]


def _too_narrow(low: Any, high: Any, need: float) -> Any:
    """Whether ranges (arrays or numbers), rounded inward to whole numbers, are below ``need``."""
    return np.floor(high + EPS) - np.ceil(low - EPS) < need


def _ranges(
    components: list[Component], model: Model, need: float
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Least and greatest value of every quantity of these components, by linear programs.

    The true amounts are one solution and every LP solution widens the ranges seen so far:
    first a few vertices in mixed directions, then the extremes of what is still narrow.
    """
    programs = [Program(c) for c in components]
    ranges = []
    for c in components:
        truth = np.array([model.amounts[q][p] for q, p in c.variables], dtype=float)
        ranges.append((truth, truth.copy()))
    jobs = [(k, program, d) for k, program in enumerate(programs) for d in directions(program.n)]
    _widen(ranges, jobs, solve_all(jobs))
    for sign in (-1.0, 1.0):
        targets = [
            (k, int(i))
            for k, (low, high) in enumerate(ranges)
            for i in np.flatnonzero(_too_narrow(low, high, need))
        ]
        while targets:
            chunk, targets = _next_chunk(targets, programs, ranges, need, sign)
            _widen(ranges, chunk, solve_all(chunk))
    for _low, high in ranges:
        high[high >= CAP / 2] = math.inf
    return ranges


def _widen(
    ranges: list[tuple[np.ndarray, np.ndarray]], jobs: list[Job], points: list[np.ndarray | None]
) -> None:
    """Widen each job's program's ranges (in place) to the point found for it."""
    for (k, _program, _objective), point in zip(jobs, points, strict=True):
        if point is not None:
            np.minimum(ranges[k][0], point, out=ranges[k][0])
            np.maximum(ranges[k][1], point, out=ranges[k][1])


def _next_chunk(
    targets: list[tuple[int, int]],
    programs: list[Program],
    ranges: list[tuple[np.ndarray, np.ndarray]],
    need: float,
    sign: float,
) -> tuple[list[Job], list[tuple[int, int]]]:
    """The extremes of the next still narrow targets, up to one solver call; the rest.

    A target that the points of an earlier call already widened is skipped: its range is at
    least that wide, so solving it cannot make it narrow (at 100x a component of thousands of
    quantities gave one program per quantity). So is one whose range already reaches its
    bound in this direction (a count seen at 0 has its least value): the program would
    return the bound.
    """
    chunk: list[Job] = []
    size = 0
    for at, (k, i) in enumerate(targets):
        low, high = ranges[k]
        if not _too_narrow(low[i], high[i], need) or _at_limit(programs[k], low, high, i, sign):
            continue
        if chunk and size + programs[k].n > disclosure_lp.MAX_BLOCK_VARIABLES:
            return chunk, targets[at:]
        objective = np.zeros(programs[k].n)
        objective[i] = sign
        chunk.append((k, programs[k], objective))
        size += programs[k].n
    return chunk, []


def _at_limit(program: Program, low: np.ndarray, high: np.ndarray, i: int, sign: float) -> bool:
    """Whether quantity ``i`` was already seen at the bound its objective seeks.

    The solver minimises: objective +1 seeks the least value, -1 the greatest.
    """
    lower, upper = program.limits[i]
    return bool(low[i] <= lower) if sign > 0 else bool(high[i] >= upper)


def _single_set(component: Component) -> tuple[dict[Var, float], dict[Var, float]]:
    """Ranges within one set (coefficients ±1) under simple bounds, without an LP."""
    lower, upper = component.lower, component.upper
    low = {v: lower[v] for v in component.variables}
    high = {v: upper[v] for v in component.variables}
    if not component.rows:
        return low, high
    coef, rhs = component.rows[0]
    # the least and greatest contribution a × x of every term
    least = [a * lower[v] if a > 0 else a * upper[v] for v, a in coef]
    most = [a * upper[v] if a > 0 else a * lower[v] for v, a in coef]
    for i, (v, a) in enumerate(coef):
        # a × x = rhs − (the other terms), which range over [sum of least, sum of greatest]
        others_least = sum(t for j, t in enumerate(least) if j != i)
        others_most = sum(t for j, t in enumerate(most) if j != i)
        x_low, x_high = sorted(((rhs - others_most) / a, (rhs - others_least) / a))
        low[v] = max(lower[v], x_low)
        high[v] = min(upper[v], x_high)
    return low, high


def _repair(narrow: Var, component: Component, model: Model, masks: Masks, need: float) -> bool:
    """Hide one more cell that widens the narrow quantity's range; False if none is left."""
    near = set(model.sets_with(narrow))
    candidates = _visible_members(near, model, masks)
    if not candidates:  # every set around it is hidden: widen the component elsewhere
        around = {n for v in component.variables for n in model.sets_with(v)}
        candidates = _visible_members(around, model, masks)
    for small in component.variables:  # a visible denominator that caps a hidden numerator
        candidates += [(large, False) for large in model.caps(small) if not masks.is_hidden(large)]
    if not candidates:
        return False
    amounts = model.amounts

    def cost(candidate: tuple[Var, bool]) -> tuple:
        (quantity, position), is_total = candidate
        amount = amounts[quantity][position]
        # a cell of at least ``need`` widens the range most; parts before totals; small first
        return (not amount >= need, is_total, amount, quantity, position)

    masks.hide(min(candidates, key=cost)[0])
    return True


def _visible_members(numbers: set[int], model: Model, masks: Masks) -> list[tuple[Var, bool]]:
    out = []
    for number in sorted(numbers):
        quantity, members = model.sets[number]
        for i, position in enumerate(members):
            var = (quantity, position)
            if not masks.is_hidden(var):
                out.append((var, i == 0))
    return out
