"""The linear programs of the disclosure audit: components as sparse programs, solved in blocks.

``disclosure_audit`` decides what to ask (which quantities, which directions); this module
builds each component's constraints and solves many objectives in one solver call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

Var = tuple[str, int]  # (quantity, row position): "value", "numerator" or "denominator"
Row = tuple[tuple[tuple[Var, float], ...], float]  # equality: sum(coef × var) = rhs
CAP = 1e9  # stands for "no upper limit" in the solver
# variables of one solver call at most: the solver's memory grows faster than the program (at
# 100x one call of 3.1 million variables took 81 s and 20 GB); 10x needs ~30,000 at most
MAX_BLOCK_VARIABLES = 100_000


@dataclass
class Component:
    """Hidden quantities tied together by sets: their equalities, bounds and inequalities."""

    variables: list[Var]
    rows: list[Row]
    lower: dict[Var, float]
    upper: dict[Var, float]
    inequalities: list[tuple[Var, Var]]  # both hidden: first ≤ second

    def signature(self) -> tuple:
        """Everything that decides the ranges: equal signatures give equal ranges."""
        bounds = tuple((v, self.lower[v], self.upper[v]) for v in self.variables)
        return (tuple(self.variables), tuple(self.rows), bounds, tuple(self.inequalities))


def directions(n: int) -> np.ndarray:
    """Objectives for the first vertices: all quantities down, all up.

    Random mixes of directions (six of them until December 2026) widened little once ranges
    are kept between rounds: the extremes still narrow after these two cost less than them
    (10x release 35.6 -> 29.7 s, same values released).
    """
    return np.vstack([np.ones(n), -np.ones(n)])


def solve_all(jobs: list[tuple[int, Program, np.ndarray]]) -> list[np.ndarray | None]:
    """``solve_blocks`` in order over chunks of at most ``MAX_BLOCK_VARIABLES`` variables."""
    points: list[np.ndarray | None] = []
    chunk: list[tuple[int, Program, np.ndarray]] = []
    size = 0
    for job in jobs:
        if chunk and size + job[1].n > MAX_BLOCK_VARIABLES:
            points += solve_blocks(chunk)
            chunk, size = [], 0
        chunk.append(job)
        size += job[1].n
    return points + solve_blocks(chunk)


def solve_blocks(
    jobs: list[tuple[int, Program, np.ndarray]],
) -> list[np.ndarray | None]:
    """An optimal point per (program, objective), all solved as one block-diagonal LP.

    Independent copies of the variables make a separable program: its optimum is every
    block's own optimum, so many objectives cost one solver call instead of one each.
    """
    if not jobs:
        return []
    # imported here: programs are solved when values are released (an import), never while a
    # page is drawn, and scipy.optimize took ~0.35 s of the first page after a server start
    from scipy.optimize import linprog

    programs = [program for _k, program, _objective in jobs]
    widths = [p.n for p in programs]
    a_eq = _block_matrix([p.eq for p in programs], [len(p.b_eq) for p in programs], widths)
    a_ub = _block_matrix([p.ub for p in programs], [p.n_ub for p in programs], widths)
    res = linprog(
        np.concatenate([objective for _k, _p, objective in jobs]),
        A_ub=a_ub,
        b_ub=None if a_ub is None else np.zeros(a_ub.shape[0]),
        A_eq=a_eq,
        b_eq=None if a_eq is None else np.concatenate([p.b_eq for p in programs]),
        bounds=[b for p in programs for b in p.bounds],
        method="highs",
    )
    if res.status != 0:  # numerically awkward together: solve one by one
        return [solve_blocks([job])[0] if len(jobs) > 1 else None for job in jobs]
    ends = np.cumsum([p.n for p in programs])
    return list(np.split(res.x, ends[:-1]))


class Program:
    """One component's constraints as sparse (row, column, coefficient) triples."""

    def __init__(self, component: Component) -> None:
        index = {v: i for i, v in enumerate(component.variables)}
        self.n = len(index)
        triples = [
            (r, index[v], a) for r, (coef, _rhs) in enumerate(component.rows) for v, a in coef
        ]
        self.eq = np.array(triples, dtype=float).reshape(-1, 3)
        self.b_eq = np.array([rhs for _coef, rhs in component.rows], dtype=float)
        triples = [
            (r, index[v], a)
            for r, pair in enumerate(component.inequalities)
            for v, a in zip(pair, (1.0, -1.0), strict=True)
        ]
        self.ub = np.array(triples, dtype=float).reshape(-1, 3)
        self.n_ub = len(component.inequalities)
        # a cap instead of infinity: a block that could grow without limit must not make the
        # whole program unbounded; values near the cap count as unbounded
        self.bounds = [
            (component.lower[v], min(component.upper[v], CAP)) for v in component.variables
        ]
        self.limits = np.array(self.bounds, dtype=float).reshape(-1, 2)  # (lower, upper)


def _block_matrix(
    triples: list[np.ndarray], heights: list[int], widths: list[int]
) -> sparse.csr_matrix | None:
    """The block-diagonal matrix of these blocks (None if it has no rows)."""
    rows, cols = np.cumsum([0, *heights]), np.cumsum([0, *widths])
    if rows[-1] == 0:
        return None
    shifted = [
        t + np.array([r, c, 0]) for t, r, c in zip(triples, rows[:-1], cols[:-1], strict=True)
    ]
    flat = np.vstack(shifted)
    from scipy import sparse  # see solve_blocks

    return sparse.csr_matrix(
        (flat[:, 2], (flat[:, 0].astype(np.int64), flat[:, 1].astype(np.int64))),
        shape=(rows[-1], cols[-1]),
    )
