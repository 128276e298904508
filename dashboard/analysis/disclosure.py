"""Statistical disclosure control for everything that leaves the database.

Primary rule (as in the official statistics): counts from 1 to ``min_count - 1`` are secret;
shares and rates whose numerator is such a small count, or whose denominator is below
``min_denominator``, are not shown; a denominator that is itself a small count is hidden too.

Secondary rule: where a visible total equals the sum of its parts, a single hidden part could
be recomputed, so the smallest other visible part is hidden too, until no total has exactly one
hidden part. The sets are the districts of an aggregate, every group split declared in the
catalogue (each split of a total on its own, so overlapping splits protect each other), the
groups no split declares where they add up to the total, and the identities between
indicators declared in the catalogue. Then ``disclosure_audit`` attacks the result with linear
programs over all sets together and the bounds 0 ≤ numerator ≤ denominator, and hides more
until no hidden quantity can be narrowed below the primary rule's own range. The additive
quantities are
the values of counts and the numerators and denominators of stored shares and rates (a share's
numerator can be recomputed from the share and its denominator). Derived indicators (a ratio
of two stored counts) are hidden wherever one of their counts is hidden, so a share never
gives away a count that the count table hides.
"""

from __future__ import annotations

import functools
import heapq
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import parallel
from dashboard.analysis.aggregation import children_map
from dashboard.analysis.disclosure_audit import protect
from dashboard.analysis.disclosure_lp import Var
from dashboard.analysis.disclosure_model import QUANTITIES, Masks, Model

SECRET = "secret"
# the thresholds are the settings min_count and min_denominator (dashboard.config)
# bump on every change of this module that can change what is released: stored released values
# carry the version in their rule key, so values of an older algorithm are computed again.
# 2 = declared group splits and identities as sets, bounds audited by linear programming
ALGORITHM_VERSION = 2
TOTAL_GROUP = "insgesamt"
RATIO_KINDS = ("share", "rate")
KEY = ["period", "grp", "area_code"]
# frames of at least this many rows are audited on several processors (dashboard.parallel):
# 100x batches have ~1 million rows, 10x ones at most ~300,000 (their audits take a second or
# two: starting processes would cost as much)
PARALLEL_ROWS = 500_000
Split = tuple[str, list[str]]  # (total, parts): a group split or an identity of indicators


def _kinds(indicators: pd.DataFrame) -> pd.Series:
    return indicators.set_index("id")["kind"]


def _derived_parts(indicators: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Derived indicator id -> (numerator id, denominator id)."""
    if "numerator_id" not in indicators.columns:
        return {}
    rows = indicators[indicators["numerator_id"].notna()]
    return dict(
        zip(rows["id"], zip(rows["numerator_id"], rows["denominator_id"], strict=True), strict=True)
    )


def _primary(
    frame: pd.DataFrame, kind: pd.Series, min_count: int, min_den: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hidden values (with their numerators) and hidden denominators by the primary rule."""
    value, num, den = frame["value"], frame["numerator"], frame["denominator"]
    small_count = (kind == "count") & (value > 0) & (value < min_count)
    small_num = num.notna() & (num > 0) & (num < min_count)
    ratio = kind.isin(RATIO_KINDS)
    small_den = ratio & den.notna() & (den < min_den)
    tiny_den = ratio & den.notna() & (den > 0) & (den < min_count)
    hidden = small_count | small_num | small_den | (frame["flag"] == SECRET)
    # writable copies: the secondary rule marks further cells in place
    as_array = {"dtype": bool, "na_value": False}
    return hidden.to_numpy(**as_array).copy(), tiny_den.to_numpy(**as_array).copy()


def _sets_of(
    rows: pd.DataFrame, quantity: str, kids: dict[str, list[str]], splits: list[Split]
) -> list[list[int]]:
    """Index sets [total, part, …] whose total is the sum of the parts (plain Python: fast)."""
    values = rows[quantity].to_numpy(dtype=float)
    # plain lists: iterating Arrow-backed columns element by element is ~10x slower
    columns = [rows[c].tolist() for c in ("indicator_id", "period", "grp", "area_code")]
    keys = zip(*columns, strict=True)
    by_block: dict[tuple, dict[str, int]] = defaultdict(dict)
    by_cell: dict[tuple, dict[str, int]] = defaultdict(dict)
    for position, (ind, period, grp, area) in enumerate(keys):
        by_block[(ind, period, grp)][area] = position
        by_cell[(ind, area, period)][grp] = position
    index = rows.index.to_numpy()
    sets: list[list[int]] = []
    for areas in by_block.values():
        for parent, children in kids.items():
            present = [areas[c] for c in children if c in areas]
            if parent in areas and len(present) >= 2:
                sets.append([int(index[areas[parent]]), *(int(index[c]) for c in present)])
    declared = {part for _total, parts in splits for part in parts}
    by_total: dict[str, list[list[str]]] = defaultdict(list)
    for total, parts in splits:
        by_total[total].append(parts)
    # a cell with one group has no split to protect (unless a split declares no parts at all):
    # skipping them saves a call per cell, most cells at scale
    alone = any(not parts for _total, parts in splits)
    for groups in by_cell.values():
        if len(groups) < 2 and not alone:
            continue
        for members in _group_sets(groups, values, by_total, declared):
            sets.append([int(index[p]) for p in members])
    return sets


def _group_sets(
    groups: dict[str, int],
    values: np.ndarray,
    splits: dict[str, list[list[str]]],
    declared: set[str],
) -> list[list[int]]:
    """Every declared partition of a group present in full, each a set on its own."""
    sets = [
        [groups[total], *(groups[p] for p in parts)]
        for total in groups
        for parts in splits.get(total, [])
        if all(p in groups for p in parts)
    ]
    # groups no split declares protect each other only where they add up to the total
    rest = [pos for grp, pos in groups.items() if grp != TOTAL_GROUP and grp not in declared]
    if TOTAL_GROUP in groups and len(rest) >= 2:
        total = groups[TOTAL_GROUP]
        gap = abs(values[rest].sum() - values[total])
        if not np.isnan(values[rest]).any() and gap <= 1e-6 * max(1.0, abs(values[total])):
            sets.append([total, *rest])
    return sets


def _identity_sets(counts: pd.DataFrame, identities: list[Split]) -> list[list[int]]:
    """Sets [total, part, …] of count indicators that add up (same area, period, group)."""
    columns = [counts[c].tolist() for c in ("indicator_id", "area_code", "period", "grp")]
    position = dict(zip(zip(*columns, strict=True), counts.index.tolist(), strict=True))
    sets: list[list[int]] = []
    for total, parts in identities:
        for (ind, *cell), at in position.items():
            if ind == total:
                members = [position.get((p, *cell)) for p in parts]
                if all(m is not None for m in members):
                    sets.append([int(at), *(int(m) for m in members)])
    return sets


def _declared(additive_sets: pd.DataFrame | None, kind: str) -> list[Split]:
    if additive_sets is None or additive_sets.empty:
        return []
    rows = additive_sets[additive_sets["kind"] == kind]
    return [(str(t), list(p)) for t, p in zip(rows["total"], rows["parts"], strict=True)]


def _additive_sets(
    frame: pd.DataFrame,
    areas: pd.DataFrame,
    kind: pd.Series,
    derived: set[str],
    additive_sets: pd.DataFrame | None = None,
) -> list[tuple[str, list[int]]]:
    """(quantity, index set) pairs: counts by value, stored ratios by numerator and denominator."""
    kids = children_map(areas)
    splits = _declared(additive_sets, "split")
    stored = ~frame["indicator_id"].isin(derived)
    counts = frame[stored & (kind == "count")]
    sets = [("value", s) for s in _sets_of(counts, "value", kids, splits)]
    sets += [("value", s) for s in _identity_sets(counts, _declared(additive_sets, "identity"))]
    ratios = frame[stored & kind.isin(RATIO_KINDS)]
    for quantity in ("numerator", "denominator"):
        with_q = ratios[ratios[quantity].notna()]
        sets += [(quantity, s) for s in _sets_of(with_q, quantity, kids, splits)]
    return sets


def _secondary(model: Model, masks: Masks) -> None:
    """Hide further cells (in place) until no additive set has exactly one hidden cell.

    Sets are visited in order, pass after pass, as a plain loop over all sets would; a set
    is looked at only when it was exposed at the start of the pass or one of its cells was
    hidden since (no other set can act), which keeps each pass to a few sets at 100x.
    """
    while True:
        queue = np.flatnonzero(_exposed(model, masks, np.arange(len(model.sets)))).tolist()
        changed = False
        while queue:
            number = heapq.heappop(queue)
            while queue and queue[0] == number:
                heapq.heappop(queue)
            if not _exposed(model, masks, np.array([number]))[0]:
                continue
            code, position = _smallest_visible_part(model, masks, number)
            masks.hide(code, position)
            changed = True
            # sets after this one that hold the cell: look at them in this pass
            around = model.sets_of(np.arange(len(QUANTITIES)), np.full(len(QUANTITIES), position))
            for later in around[around > number].tolist():
                heapq.heappush(queue, later)
        if not changed:
            return


def _exposed(model: Model, masks: Masks, numbers: np.ndarray) -> np.ndarray:
    """Per set: one hidden cell could be recomputed from the others, and a part is visible."""
    members = model.members_of(numbers)
    hidden = masks.at(model.member_code[members], model.member_position[members])
    owner = np.repeat(np.arange(len(numbers)), model.set_end[numbers] - model.set_start[numbers])
    is_total = members == model.set_start[model.member_set[members]]
    total_hidden = hidden[is_total]
    hidden_parts = np.bincount(owner[~is_total & hidden], minlength=len(numbers))
    visible_parts = np.bincount(owner[~is_total & ~hidden], minlength=len(numbers))
    lone = ((hidden_parts == 1) & ~total_hidden) | (total_hidden & (hidden_parts == 0))
    return lone & (visible_parts > 0)


def _smallest_visible_part(model: Model, masks: Masks, number: int) -> tuple[int, int]:
    """The visible part of a set that costs least information: the smallest positive cell,
    zeros only as a last resort; the first of equals."""
    members = model.members_of(np.array([number]))[1:]
    code = int(model.member_code[members[0]])
    positions = model.member_position[members]
    visible = positions[~masks.at(model.member_code[members], positions)].tolist()
    amount = model.amount[code]
    return code, min(visible, key=lambda p: (not amount[p] > 0, amount[p]))


def _link_derived(
    frame: pd.DataFrame,
    derived: dict[str, tuple[str, str]],
    hidden: np.ndarray,
    hidden_den: np.ndarray,
) -> None:
    """Hide derived values (in place) whose numerator or denominator count is hidden."""
    if not derived:
        return
    keys = frame[["indicator_id", *KEY]].assign(position=np.arange(len(frame)))
    rows = keys[keys["indicator_id"].isin(list(derived))]
    for part, column in ((0, "numerator"), (1, "denominator")):
        base = rows["indicator_id"].map({d: parts[part] for d, parts in derived.items()})
        # the derived row and its count share period, group and area: join on those
        linked = rows.assign(indicator_id=base).merge(
            keys, on=["indicator_id", *KEY], suffixes=("", "_base")
        )
        exposed = linked["position"].to_numpy()[hidden[linked["position_base"].to_numpy()]]
        hidden[exposed] = True
        if column == "denominator":
            hidden_den[exposed] = True


def _link_summed(frame: pd.DataFrame, indicators: pd.DataFrame, hidden: np.ndarray) -> None:
    """Hide derived values (in place) one of whose summed groups (e.g. an age band) is hidden."""
    if "numerator_groups" not in indicators.columns:
        return
    keys = frame[["indicator_id", *KEY]].assign(position=np.arange(len(frame)))
    for row in indicators[indicators["numerator_id"].notna()].itertuples():
        for base, groups in (
            (row.numerator_id, row.numerator_groups),
            (row.denominator_id, row.denominator_groups),
        ):
            if groups is None or isinstance(groups, float) or not len(groups):
                continue
            mine = keys[keys["indicator_id"] == row.id]
            parts = keys[(keys["indicator_id"] == base) & keys["grp"].isin(list(groups))]
            linked = mine.drop(columns="grp").merge(
                parts.drop(columns=["indicator_id", "grp"]),
                on=["period", "area_code"], suffixes=("", "_base"),
            )  # fmt: skip
            exposed = linked["position"].to_numpy()[hidden[linked["position_base"].to_numpy()]]
            hidden[exposed] = True


def _hide(frame: pd.DataFrame, hidden: np.ndarray, hidden_den: np.ndarray) -> pd.DataFrame:
    out = frame.copy()
    out.loc[hidden, ["value", "numerator"]] = np.nan
    out.loc[hidden_den, "denominator"] = np.nan
    out.loc[hidden, "flag"] = SECRET
    return out


def _bounds(
    frame: pd.DataFrame, kind: pd.Series, derived: dict[str, tuple[str, str]], kinds: pd.Series
) -> list[tuple[Var, Var]]:
    """Numerator ≤ denominator: of stored shares and rates, and of the counts of derived ones."""
    stored_ratio = kind.isin(RATIO_KINDS) & ~frame["indicator_id"].isin(list(derived))
    stored_ratio &= frame["numerator"].notna() & frame["denominator"].notna()
    bounds = [(("numerator", p), ("denominator", p)) for p in np.flatnonzero(stored_ratio)]
    counts = frame[(kind == "count") & frame["value"].notna()]
    columns = [counts[c].tolist() for c in ("indicator_id", "area_code", "period", "grp")]
    position = dict(zip(zip(*columns, strict=True), counts.index.tolist(), strict=True))
    by_indicator: dict[str, list[tuple]] = defaultdict(list)
    for ind, *cell in position:
        by_indicator[ind].append(tuple(cell))
    for iid, (num, den) in derived.items():
        if kinds.get(iid) not in RATIO_KINDS:
            continue
        for cell in by_indicator.get(num, []):
            if (den, *cell) in position:
                bounds.append(
                    (("value", position[(num, *cell)]), ("value", position[(den, *cell)]))
                )
    return bounds


def rule_key(min_count: int, min_denominator: int) -> str:
    """The key stored released values are kept under: algorithm version and thresholds.

    A value computed by another version or with other thresholds has another key and is
    computed again.
    """
    return f"algorithm={ALGORITHM_VERSION};min_count={min_count};min_denominator={min_denominator}"


def suppress(
    frame: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    min_count: int = 3,
    min_denominator: int = 20,
    additive_sets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Apply primary and secondary suppression; returns a copy with hidden cells flagged.

    Pass the base counts of derived indicators in ``frame`` as well: a derived value is hidden
    where one of its counts is, which can only be seen when the counts are there.
    ``additive_sets`` are the catalogue's declared group splits and identities.
    """
    if frame.empty:
        return frame.copy()
    frame = frame.reset_index(drop=True)
    kind = frame["indicator_id"].map(_kinds(indicators))
    derived = _derived_parts(indicators)
    hidden, hidden_den = _primary(frame, kind, min_count, min_denominator)
    hidden |= hidden_den
    # no set and no bound spans two periods: each period is audited on its own, the large
    # ones side by side (the same cells are hidden as in one audit of all periods)
    blocks = list(frame.groupby("period", sort=False, dropna=False).indices.values())
    need = min_count - 1
    pieces = [
        Block(frame.iloc[at].reset_index(drop=True), hidden[at], hidden_den[at], need)
        for at in blocks
    ]
    audit = functools.partial(
        _protect, indicators=indicators, areas=areas, additive_sets=additive_sets
    )
    protected = parallel.map_in_order(audit, pieces, worth_processes=len(frame) >= PARALLEL_ROWS)
    for at, (block_hidden, block_hidden_den) in zip(blocks, protected, strict=True):
        hidden[at], hidden_den[at] = block_hidden, block_hidden_den
    _link_derived(frame, derived, hidden, hidden_den)
    _link_summed(frame, indicators, hidden)
    return _hide(frame, hidden, hidden_den)


@dataclass
class Block:
    """The rows of one period with their hidden masks."""

    frame: pd.DataFrame
    hidden: np.ndarray
    hidden_den: np.ndarray
    need: float  # the least range a hidden quantity must keep


def _protect(
    block: Block,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    additive_sets: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The block's masks after the secondary rule and the audit (module level: picklable)."""
    frame = block.frame
    kinds = _kinds(indicators)
    kind = frame["indicator_id"].map(kinds)
    derived = _derived_parts(indicators)
    sets = _additive_sets(frame, areas, kind, set(derived), additive_sets)
    amounts = {q: frame[q].to_numpy(dtype=float) for q in QUANTITIES}
    model = Model(sets, _bounds(frame, kind, derived, kinds), amounts)
    masks = Masks(block.hidden, block.hidden_den)
    # beyond the secondary rule: no hidden quantity narrower than the primary rule's own range
    protect(model, masks, block.need, lambda: _secondary(model, masks))
    return masks.hidden, masks.hidden_den
