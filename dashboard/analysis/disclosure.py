"""Statistical disclosure control for everything that leaves the database.

Primary rule (as in the official statistics): counts from 1 to ``min_count - 1`` are secret;
shares and rates whose numerator is such a small count, or whose denominator is below
``min_denominator``, are not shown; a denominator that is itself a small count is hidden too.

Secondary rule: where a visible total equals the sum of its parts (districts of an aggregate,
groups of a total), a single hidden part could be recomputed, so the smallest other visible
part is hidden too, until no total has exactly one hidden part. The additive quantities are
the values of counts and the numerators and denominators of stored shares and rates (a share's
numerator can be recomputed from the share and its denominator). Derived indicators (a ratio
of two stored counts) are hidden wherever one of their counts is hidden, so a share never
gives away a count that the count table hides.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import children_map

SECRET = "secret"
TOTAL_GROUP = "insgesamt"
RATIO_KINDS = ("share", "rate")
KEY = ["period", "grp", "area_code"]


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


def _sets_of(rows: pd.DataFrame, quantity: str, kids: dict[str, list[str]]) -> list[list[int]]:
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
    for groups in by_cell.values():
        if TOTAL_GROUP not in groups or len(groups) < 3:
            continue
        total = groups[TOTAL_GROUP]
        parts = [pos for grp, pos in groups.items() if grp != TOTAL_GROUP]
        part_values = values[parts]
        # only groups that really partition the total (e.g. male + female) protect each other
        gap = abs(part_values.sum() - values[total])
        if not np.isnan(part_values).any() and gap <= 1e-6 * max(1.0, abs(values[total])):
            sets.append([int(index[total]), *(int(index[p]) for p in parts)])
    return sets


def _additive_sets(
    frame: pd.DataFrame, areas: pd.DataFrame, kind: pd.Series, derived: set[str]
) -> list[tuple[str, list[int]]]:
    """(quantity, index set) pairs: counts by value, stored ratios by numerator and denominator."""
    kids = children_map(areas)
    stored = ~frame["indicator_id"].isin(derived)
    sets = [("value", s) for s in _sets_of(frame[stored & (kind == "count")], "value", kids)]
    ratios = frame[stored & kind.isin(RATIO_KINDS)]
    for quantity in ("numerator", "denominator"):
        with_q = ratios[ratios[quantity].notna()]
        sets += [(quantity, s) for s in _sets_of(with_q, quantity, kids)]
    return sets


def _secondary(
    frame: pd.DataFrame,
    sets: list[tuple[str, list[int]]],
    hidden: np.ndarray,
    hidden_den: np.ndarray,
) -> None:
    """Hide further cells (in place) until no additive set has exactly one hidden cell."""
    quantities = {q: frame[q].to_numpy(dtype=float) for q in ("value", "numerator", "denominator")}
    changed = True
    while changed:
        changed = False
        for quantity, members in sets:
            mask = hidden_den if quantity == "denominator" else hidden
            total, parts = members[0], members[1:]
            hidden_parts = [p for p in parts if mask[p]]
            visible = [p for p in parts if not mask[p]]
            # one hidden cell in a set whose other cells are all visible can be recomputed
            exposed = (len(hidden_parts) == 1 and not mask[total]) or (
                mask[total] and not hidden_parts
            )
            if not exposed or not visible:
                continue
            amount = quantities[quantity]
            # the smallest positive cell costs least information; zeros only as a last resort
            smallest = min(visible, key=lambda p: (not amount[p] > 0, amount[p]))
            mask[smallest] = True
            if quantity == "denominator":
                hidden[smallest] = True  # value and numerator would give the denominator away
            changed = True


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


def suppress(
    frame: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    min_count: int = 3,
    min_denominator: int = 20,
) -> pd.DataFrame:
    """Apply primary and secondary suppression; returns a copy with hidden cells flagged.

    Pass the base counts of derived indicators in ``frame`` as well: a derived value is hidden
    where one of its counts is, which can only be seen when the counts are there.
    """
    if frame.empty:
        return frame.copy()
    frame = frame.reset_index(drop=True)
    kind = frame["indicator_id"].map(_kinds(indicators))
    derived = _derived_parts(indicators)
    hidden, hidden_den = _primary(frame, kind, min_count, min_denominator)
    hidden |= hidden_den
    _secondary(frame, _additive_sets(frame, areas, kind, set(derived)), hidden, hidden_den)
    _link_derived(frame, derived, hidden, hidden_den)
    _link_summed(frame, indicators, hidden)
    return _hide(frame, hidden, hidden_den)
