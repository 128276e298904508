"""Statistical disclosure control for everything that leaves the database.

Primary rule (as in the official statistics): counts from 1 to ``min_count - 1`` are secret;
shares and rates whose numerator is such a small count, or whose denominator is below
``min_denominator``, are not shown. Secondary rule: where a visible total equals the sum of
its parts (districts of an aggregate, groups of a total), a single hidden part could be
recomputed, so the smallest other visible part is hidden too, until no total has exactly one
hidden part.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import children_map

SECRET = "secret"


def _primary(frame: pd.DataFrame, kinds: pd.Series, min_count: int, min_den: int) -> pd.Series:
    kind = frame["indicator_id"].map(kinds)
    value, num, den = frame["value"], frame["numerator"], frame["denominator"]
    small_count = (kind == "count") & (value > 0) & (value < min_count)
    small_num = num.notna() & (num > 0) & (num < min_count)
    small_den = kind.isin(["share", "rate"]) & den.notna() & (den < min_den)
    return small_count | small_num | small_den | (frame["flag"] == SECRET)


def _hide(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    out = frame.copy()
    out.loc[mask, ["value", "numerator"]] = np.nan
    # a denominator that is itself a small count would give the cell away as well
    out.loc[mask & (out["denominator"] < 3), "denominator"] = np.nan
    out.loc[mask, "flag"] = SECRET
    return out


def _additive_sets(frame: pd.DataFrame, areas: pd.DataFrame, kinds: pd.Series) -> list[list[int]]:
    """Index sets [total, part, part, …] whose total is the sum of the parts."""
    sets: list[list[int]] = []
    kids = children_map(areas)
    counts = frame[frame["indicator_id"].map(kinds) == "count"]
    for (_ind, _period, _grp), block in counts.groupby(["indicator_id", "period", "grp"]):
        index = dict(zip(block["area_code"], block.index, strict=True))
        for parent, children in kids.items():
            present = [index[c] for c in children if c in index]
            if parent in index and len(present) >= 2:
                sets.append([index[parent], *present])
    for (_ind, _area, _period), block in counts.groupby(["indicator_id", "area_code", "period"]):
        if "insgesamt" not in set(block["grp"]) or len(block) < 3:
            continue
        total = block[block["grp"] == "insgesamt"]
        parts = block[block["grp"] != "insgesamt"]
        # only groups that really partition the total (e.g. male + female) protect each other
        if (
            np.isclose(parts["value"].sum(), total["value"].iloc[0])
            and parts["value"].notna().all()
        ):
            sets.append([total.index[0], *parts.index])
    return sets


def suppress(
    frame: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    min_count: int = 3,
    min_denominator: int = 20,
) -> pd.DataFrame:
    """Apply primary and secondary suppression; returns a copy with hidden cells flagged."""
    if frame.empty:
        return frame.copy()
    frame = frame.reset_index(drop=True)
    kinds = indicators.set_index("id")["kind"]
    sets = _additive_sets(frame, areas, kinds)
    hidden = _primary(frame, kinds, min_count, min_denominator)
    changed = True
    while changed:
        changed = False
        for members in sets:
            total, parts = members[0], members[1:]
            hidden_parts = [p for p in parts if hidden[p]]
            visible = [p for p in parts if not hidden[p]]
            # one hidden cell in a set whose other cells are all visible can be recomputed
            exposed = (len(hidden_parts) == 1 and not hidden[total]) or (
                hidden[total] and not hidden_parts
            )
            if not exposed or not visible:
                continue
            # the smallest positive cell costs least information; zeros only as a last resort
            smallest = min(
                visible, key=lambda p: (not frame.at[p, "value"] > 0, frame.at[p, "value"])
            )
            hidden[smallest] = True
            changed = True
    return _hide(frame, hidden)
