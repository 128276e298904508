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
from collections.abc import Callable
from typing import Any

import numpy as np

from dashboard.analysis import disclosure_components, disclosure_lp
from dashboard.analysis.disclosure_lp import (
    CAP,
    Component,
    Program,
    Var,
    directions,
    solve_all,
)
from dashboard.analysis.disclosure_model import CODE, QUANTITIES, RANK, Masks, Model

EPS = 1e-6
Job = tuple[int, Program, np.ndarray]  # component number, its program, the objective


class Seen:
    """Per quantity the least and greatest amount of any solution found so far (truth first).

    Hiding a cell only relaxes the system: an earlier round's solution, with the cells hidden
    since at their true amounts, still meets every set and bound. So a range once seen stays
    possible, and a later round starts from it instead of from the true amounts alone.
    """

    def __init__(self, model: Model) -> None:
        self.low = model.amount.copy()
        self.high = self.low.copy()

    def ranges(self, variables: list[Var]) -> tuple[np.ndarray, np.ndarray]:
        """The widest range seen so far of each quantity (copies, to widen further)."""
        at = _arrays(variables)
        return self.low[at].copy(), self.high[at].copy()

    def remember(self, variables: list[Var], low: np.ndarray, high: np.ndarray) -> None:
        """Keep the ranges found for these quantities for later rounds."""
        at = _arrays(variables)
        self.low[at] = np.minimum(self.low[at], low)
        self.high[at] = np.maximum(self.high[at], high)


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
    seen = Seen(model)
    added = 0
    rehide()  # the secondary rule applies whatever ``need`` is
    while need > 0:
        changed = False
        components = disclosure_components.components(model, masks)
        for component, narrow in zip(
            components, _narrow(components, seen, need, cache), strict=True
        ):
            # one cell per narrow quantity: rounds (each re-solving the component) stay few
            where = _arrays(component.variables) if narrow else None
            for var in narrow:
                if _repair(var, where, model, masks, need):
                    added += 1
                    changed = True
        if not changed:
            return added
        rehide()
    return added


def _narrow(
    components: list[Component], seen: Seen, need: float, cache: dict[tuple, list[Var]]
) -> list[list[Var]]:
    """Per component: the quantities whose range (rounded to integers) is below ``need``."""
    keys = [c.signature() for c in components]
    todo = [i for i, key in enumerate(keys) if key not in cache]
    programs = [i for i in todo if components[i].inequalities or len(components[i].rows) > 1]
    for i in set(todo) - set(programs):
        low, high = _single_set(components[i])
        cache[keys[i]] = [v for v in components[i].variables if _too_narrow(low[v], high[v], need)]
    found = _ranges([components[i] for i in programs], seen, need)
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
    components: list[Component], seen: Seen, need: float
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Least and greatest value of every quantity of these components, by linear programs.

    Every solution (the true amounts, those of earlier rounds) widens the ranges seen so far:
    first the vertices of all quantities down and all up, then the extremes of what is still
    narrow.
    """
    programs = [Program(c) for c in components]
    ranges = [seen.ranges(c.variables) for c in components]
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
    for c, (low, high) in zip(components, ranges, strict=True):
        seen.remember(c.variables, low, high)
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


def _arrays(variables: list[Var]) -> tuple[np.ndarray, np.ndarray]:
    """Codes and positions of these quantities."""
    codes = np.fromiter((CODE[q] for q, _p in variables), dtype=np.int64, count=len(variables))
    positions = np.fromiter((p for _q, p in variables), dtype=np.int64, count=len(variables))
    return codes, positions


def _repair(
    narrow: Var, component: tuple[np.ndarray, np.ndarray], model: Model, masks: Masks, need: float
) -> bool:
    """Hide one more cell that widens the narrow quantity's range; False if none is left.

    ``component`` holds the codes and positions of the narrow quantity's component.
    """
    near = model.sets_of(*_arrays([narrow]))
    codes, positions, totals = _visible_members(near, model, masks)
    if not len(codes):  # every set around it is hidden: widen the component elsewhere
        codes, positions, totals = _visible_members(model.sets_of(*component), model, masks)
    # a visible denominator that caps a hidden numerator
    cap_codes, cap_positions = model.caps_of(*component)
    visible = ~masks.at(cap_codes, cap_positions)
    codes = np.concatenate([codes, cap_codes[visible]])
    positions = np.concatenate([positions, cap_positions[visible]])
    totals = np.concatenate([totals, np.zeros(int(visible.sum()), dtype=bool)])
    if not len(codes):
        return False
    masks.hide(*_cheapest(codes, positions, totals, model.amount[codes, positions], need))
    return True


def _cheapest(
    codes: np.ndarray, positions: np.ndarray, totals: np.ndarray, amounts: np.ndarray, need: float
) -> tuple[int, int]:
    """The candidate to hide: one of at least ``need`` (widens most), parts before totals,
    small before large, then by quantity name and position; the first such one."""
    if np.isnan(amounts).any():
        # a missing amount compares neither less nor greater: choose as min() over the
        # tuples in candidate order always did
        def cost(i: int) -> tuple:
            a = float(amounts[i])
            return (not a >= need, bool(totals[i]), a, QUANTITIES[codes[i]], int(positions[i]))

        best = min(range(len(codes)), key=cost)
    else:
        order = np.lexsort((positions, RANK[codes], amounts, totals, ~(amounts >= need)))
        best = int(order[0])
    return int(codes[best]), int(positions[best])


def _visible_members(
    numbers: np.ndarray, model: Model, masks: Masks
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes, positions and 'is the total' of the visible members of these sets, in order."""
    members = model.members_of(numbers)
    codes, positions = model.member_code[members], model.member_position[members]
    visible = ~masks.at(codes, positions)
    totals = members == model.set_start[model.member_set[members]]
    return codes[visible], positions[visible], totals[visible]
