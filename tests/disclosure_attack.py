"""A linear-programming attack on released values: how far can a viewer pin down hidden cells?

Written independently of ``dashboard.analysis.disclosure`` (it must not share its blind spots).
The attacker sees every released row (what a viewer can download) and knows every linear
relation between the published quantities that holds in the true data:

- area hierarchy sums (a parent is the sum of its children), per indicator, period and group;
- group splits (a total group is the sum of each declared partition), and the sum of the
  groups no split declares where that sum is the total;
- identities between indicators declared in the catalogue;
- a ratio's value, numerator and denominator (value = numerator / denominator × factor; a
  rounded derived value as an interval);
- bounds: every quantity ≥ 0, a share's or rate's numerator ≤ its denominator.

Candidate relations are checked against the true (unsuppressed) values and only the true ones
are used, so the attacker is at least as strong as anyone who knows the definitions. For every
hidden quantity the attack computes the interval [min, max] over all non-negative solutions
(linear programs per connected component; integer rounding of the bounds). A quantity is
*exact* when one integer remains, *narrowed* when the interval is narrower than the rule's own
(``min_count - 1``: a hidden count could be any of 0 … min_count − 1).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linprog

Key = tuple[str, str, int, str, str]  # indicator, area, period, group, quantity
COUNT, NUM, DEN = "value", "numerator", "denominator"
RATIO_KINDS = ("share", "rate")
TOTAL = "insgesamt"


@dataclass
class Constraint:
    """sum(coef × quantity) (== or <=) rhs."""

    coef: dict[Key, float]
    rhs: float
    equality: bool


@dataclass
class AttackReport:
    """What the attack found."""

    hidden: int = 0
    exact: list[tuple[Key, float]] = field(default_factory=list)
    narrowed: list[tuple[Key, float, float]] = field(default_factory=list)
    zero_of_zero: set[Key] = field(default_factory=set)
    relations: int = 0
    components: int = 0
    lps: int = 0

    def summary(self) -> str:
        """One line of figures."""
        return (
            f"hidden quantities {self.hidden}, recovered exactly {len(self.exact)}, narrowed "
            f"{len(self.narrowed)}; numerators of a published 0 {len(self.zero_of_zero)} "
            f"({self.relations} relations, {self.components} components, {self.lps} LPs)"
        )


def _quantities(frame: pd.DataFrame, catalogue_indicators: pd.DataFrame) -> dict[Key, float]:
    """Every additive quantity a row states, keyed on the stored quantity it is."""
    ind = _rows(catalogue_indicators)
    out: dict[Key, float] = {}
    cols = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator"]
    for iid, area, period, grp, value, num, den in frame[cols].itertuples(index=False):
        row = ind[iid]
        base = (str(area), int(period), str(grp))
        if isinstance(row["numerator_id"], str):
            out.setdefault((row["numerator_id"], *base, COUNT), num)
            out.setdefault((row["denominator_id"], *base, COUNT), den)
            # a derived row may publish a count its own row hides: keep what is known
            for key, v in (((row["numerator_id"], *base, COUNT), num),
                           ((row["denominator_id"], *base, COUNT), den)):  # fmt: skip
                if _is(out[key]) is None and _is(v) is not None:
                    out[key] = v
        elif row["kind"] == "count":
            out[(iid, *base, COUNT)] = value
        elif row["kind"] in RATIO_KINDS and (_is(num) is not None or _is(value) is None):
            out[(iid, *base, NUM)] = num
            out[(iid, *base, DEN)] = den
    return out


def _rows(indicators: pd.DataFrame) -> dict[str, dict]:
    return {r["id"]: r for r in indicators.to_dict("records")}


def _is(v: object) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def _candidates(
    truth: dict[Key, float], released: pd.DataFrame, catalogue: object
) -> list[Constraint]:
    """Every linear relation the attacker might try (checked against the truth later)."""
    areas, indicators = catalogue.areas, catalogue.indicators
    cons: list[Constraint] = []
    kids: dict[str, list[str]] = defaultdict(list)
    for code, parent in zip(areas["code"], areas["parent_code"], strict=True):
        if isinstance(parent, str):
            kids[parent].append(code)
    by_series: dict[tuple, dict[str, Key]] = defaultdict(dict)
    by_cell: dict[tuple, dict[str, Key]] = defaultdict(dict)
    for key in truth:
        iid, area, period, grp, q = key
        by_series[(iid, period, grp, q)][area] = key
        by_cell[(iid, area, period, q)][grp] = key
    for series in by_series.values():
        for parent, children in kids.items():
            present = [series[c] for c in children if c in series]
            if parent in series and len(present) >= 2:
                cons.append(_sum(series[parent], present))
    splits = catalogue.frames.get("additive_set")
    group_splits, identities = [], []
    if splits is not None and len(splits):
        for kind, total, parts in zip(
            splits["kind"], splits["total"], splits["parts"], strict=True
        ):
            (group_splits if kind == "split" else identities).append((total, list(parts)))
    declared = {g for _total, parts in group_splits for g in parts}
    for cell in by_cell.values():
        # groups outside every declared split: a partition where they add up (checked below)
        rest = [g for g in cell if g != TOTAL and g not in declared]
        for total, parts in [*group_splits, (TOTAL, rest)]:
            if total in cell and len(parts) >= 2 and all(p in cell for p in parts):
                cons.append(_sum(cell[total], [cell[p] for p in parts]))
    for total, parts in identities:
        for iid, area, period, grp, q in truth:
            if iid == total:
                keys = [(p, area, period, grp, q) for p in parts]
                if all(k in truth for k in keys):
                    cons.append(_sum((iid, area, period, grp, q), keys))
    cons += _ratio_relations(truth, released, indicators)
    return cons


def _sum(total: Key, parts: list[Key]) -> Constraint:
    coef = {total: 1.0}
    for p in parts:
        coef[p] = coef.get(p, 0.0) - 1.0
    return Constraint(coef, 0.0, True)


def _ratio_relations(
    truth: dict[Key, float], released: pd.DataFrame, indicators: pd.DataFrame
) -> list[Constraint]:
    """Numerator ≤ denominator; published values tie numerator and denominator together."""
    ind = _rows(indicators)
    cons: list[Constraint] = []
    cols = ["indicator_id", "area_code", "period", "grp", "value"]
    for iid, area, period, grp, value in released[cols].itertuples(index=False):
        row = ind[iid]
        base = (str(area), int(period), str(grp))
        if isinstance(row["numerator_id"], str):
            num, den = (row["numerator_id"], *base, COUNT), (row["denominator_id"], *base, COUNT)
            factor = float(row["factor"] or 100.0)
            half = 0.5 * 10.0 ** (-int(row["decimals"]))  # published rounded
        elif row["kind"] in RATIO_KINDS:
            num, den = (iid, *base, NUM), (iid, *base, DEN)
            factor, half = 100.0, 1e-9
        else:
            continue
        if num not in truth or den not in truth:
            continue
        if row["kind"] in RATIO_KINDS:
            cons.append(Constraint({num: 1.0, den: -1.0}, 0.0, False))
        v = _is(value)
        if v is not None:
            cons.append(Constraint({num: factor, den: -(v + half)}, 0.0, False))
            cons.append(Constraint({num: -factor, den: v - half}, 0.0, False))
    return cons


def _holds(c: Constraint, truth: dict[Key, float]) -> bool:
    total = sum(a * truth[k] for k, a in c.coef.items())
    scale = max(1.0, *(abs(a * truth[k]) for k, a in c.coef.items()))
    slack = 1e-7 * scale
    return abs(total - c.rhs) <= slack if c.equality else total <= c.rhs + slack


def attack(
    released: pd.DataFrame, truth_frame: pd.DataFrame, catalogue: object, min_count: int = 3
) -> AttackReport:
    """Bounds of every hidden quantity in ``released``; ``truth_frame`` has the same rows raw."""
    indicators = catalogue.indicators
    known = {k: _is(v) for k, v in _quantities(released, indicators).items()}
    truth = {k: _is(v) for k, v in _quantities(truth_frame, indicators).items()}
    truth = {k: v for k, v in truth.items() if v is not None}
    hidden = [k for k in truth if known.get(k) is None]
    report = AttackReport(hidden=len(hidden))
    constraints = [c for c in _candidates(truth, released, catalogue) if _holds(c, truth)]
    report.relations = len(constraints)
    # a numerator of a published denominator 0 is 0 by definition: nobody to protect
    for c in constraints:
        (num, a), (den, b) = (list(c.coef.items()) + [(None, 0.0)] * 2)[:2]
        if not c.equality and (a, b) == (1.0, -1.0) and known.get(den) == 0 and num in hidden:
            report.zero_of_zero.add(num)
    index = {k: i for i, k in enumerate(hidden)}
    # substitute what is published; keep relations that still involve a hidden quantity
    reduced: list[tuple[dict[int, float], float, bool]] = []
    for c in constraints:
        coef: dict[int, float] = {}
        rhs = c.rhs
        for k, a in c.coef.items():
            if k in index:
                coef[index[k]] = coef.get(index[k], 0.0) + a
            else:
                rhs -= a * known[k]
        coef = {i: a for i, a in coef.items() if a != 0.0}
        if coef:
            reduced.append((coef, rhs, c.equality))
    for members, rows in _components(len(hidden), reduced):
        report.components += 1
        _bound_component(members, rows, hidden, truth, min_count, report)
    return report


def _components(
    n: int, rows: list[tuple[dict[int, float], float, bool]]
) -> list[tuple[list[int], list[tuple[dict[int, float], float, bool]]]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for coef, _rhs, _eq in rows:
        first, *rest = coef
        for j in rest:
            parent[find(j)] = find(first)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    by_root: dict[int, list] = defaultdict(list)
    for row in rows:
        by_root[find(next(iter(row[0])))].append(row)
    return [(m, by_root.get(root, [])) for root, m in members.items()]


def _bound_component(
    members: list[int],
    rows: list[tuple[dict[int, float], float, bool]],
    hidden: list[Key],
    truth: dict[Key, float],
    min_count: int,
    report: AttackReport,
) -> None:
    """Min and max of every member; witnesses (any feasible point) spare most of the LPs."""
    need = min_count - 1
    local = {g: i for i, g in enumerate(members)}
    n = len(members)
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for coef, rhs, equality in rows:
        line = np.zeros(n)
        for g, a in coef.items():
            line[local[g]] = a
        (a_eq if equality else a_ub).append(line)
        (b_eq if equality else b_ub).append(rhs)
    lo = np.array([truth[hidden[g]] for g in members], dtype=float)
    hi = lo.copy()
    if not rows:
        return  # nothing ties these quantities to anything published: unbounded

    def solve(objective: np.ndarray) -> tuple[int, np.ndarray | None]:
        report.lps += 1
        res = linprog(
            objective,
            A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
            A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None,
            bounds=(0, None), method="highs",
        )  # fmt: skip
        return res.status, (res.x if res.status == 0 else None)

    def wide(i: int) -> bool:
        return math.floor(hi[i] + 1e-6) - math.ceil(lo[i] - 1e-6) >= need

    def seen(x: np.ndarray | None) -> None:
        if x is not None:
            np.minimum(lo, x, out=lo)
            np.maximum(hi, x, out=hi)

    for sign in (1.0, -1.0):
        seen(solve(np.full(n, sign))[1])
    for i in range(n):
        for sign in (-1.0, 1.0):
            if wide(i):
                break
            objective = np.zeros(n)
            objective[i] = sign
            status, x = solve(objective)
            if status == 3:  # unbounded: no upper limit in this direction
                hi[i] = math.inf
            seen(x)
        if not wide(i):
            key = hidden[members[i]]
            low, high = math.ceil(lo[i] - 1e-6), math.floor(hi[i] + 1e-6)
            if key in report.zero_of_zero:
                continue
            if high - low <= 0:
                report.exact.append((key, truth[key]))
            else:
                report.narrowed.append((key, low, high))


def main() -> None:
    """Attack the whole viewer export of the database at LEITBILD_DB and print the figures."""
    import time

    from dashboard import config
    from dashboard.analysis.derived import base_indicators, with_derived
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations
    from dashboard.store import Store

    store = Store(config.db_path())
    catalogue = store_catalogue(store)
    ids = list(catalogue.indicators["id"])
    released = released_observations(store, catalogue)
    stored = store.observations(base_indicators(ids, catalogue.indicators))
    truth = with_derived(stored, ids, catalogue.indicators)
    started = time.perf_counter()
    report = attack(released, truth, catalogue, int(config.get("min_count")))
    print(f"{report.summary()} in {time.perf_counter() - started:.1f} s")
    for key, value in report.exact[:20]:
        print("exact", key, value)
    for key, low, high in report.narrowed[:20]:
        print("narrowed", key, low, high)


if __name__ == "__main__":
    main()
