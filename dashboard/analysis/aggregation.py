"""Area hierarchy helpers: descendants, roll-ups (sums, ratio of sums) and reconciliation."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd


def children_map(areas: pd.DataFrame) -> dict[str, list[str]]:
    """Direct children per area code."""
    out: dict[str, list[str]] = defaultdict(list)
    for code, parent in zip(areas["code"], areas["parent_code"], strict=True):
        if isinstance(parent, str):
            out[parent].append(code)
    return dict(out)


def district_members(areas: pd.DataFrame) -> dict[str, list[str]]:
    """For every area: the Stadtteile (and 'nicht zuzuordnen' for the city) it consists of."""
    kids = children_map(areas)
    level = dict(zip(areas["code"], areas["level"], strict=True))
    members: dict[str, list[str]] = {}

    def walk(code: str) -> list[str]:
        if code in members:
            return members[code]
        # a Stadtzelle is its own member: roll-ups above the Stadtteile use the Stadtteile
        if level[code] in ("stadtteil", "nicht_zuzuordnen", "stadtzelle"):
            result = [code]
        else:
            result = [d for child in kids.get(code, []) for d in walk(child)]
        members[code] = result
        return result

    for code in level:
        walk(code)
    return members


def reconcile(
    frame: pd.DataFrame, areas: pd.DataFrame, tolerance: float = 0.5
) -> tuple[pd.DataFrame, int]:
    """Compare aggregate rows with the sum of their districts (additive values only).

    Returns the rows that differ (area, period, grp, found, sum, members) and the number of
    aggregate cells that could be checked. A cell is not checkable when a member is missing,
    secret or carries no value; 'nicht zuzuordnen' counts towards the city only if present.
    """
    members = district_members(areas)
    level = dict(zip(areas["code"], areas["level"], strict=True))
    # plain lists: iterating Arrow-backed text columns value by value is slow at 100,000s of rows
    keys = zip(
        frame["area_code"].tolist(), frame["period"].tolist(), frame["grp"].tolist(), strict=True
    )
    values = dict(zip(keys, frame["value"].tolist(), strict=True))
    diffs: list[dict[str, object]] = []
    checked = 0
    kids = children_map(areas)
    for (code, period, grp), found in values.items():
        if pd.isna(found):
            continue
        if level.get(code) == "stadtteil":
            # a Stadtteil is the sum of its cells (a finer level) when the file has them
            cells = kids.get(code, [])
            parts_of = cells if any((c, period, grp) in values for c in cells) else []
        elif level.get(code) in ("stadt", "stadtbezirk", "teilbereich"):
            parts_of = members[code]
        else:
            continue
        if not parts_of:
            continue
        parts = []
        for member in parts_of:
            key = (member, period, grp)
            if key not in values:
                if level[member] == "nicht_zuzuordnen":
                    continue
                parts = None
                break
            parts.append(values[key])
        if not parts or any(pd.isna(p) for p in parts):
            continue
        checked += 1
        total = float(sum(parts))
        if abs(total - float(found)) > tolerance:
            diffs.append(
                {"area_code": code, "period": period, "grp": grp, "found": found, "sum": total}
            )
    return pd.DataFrame(diffs, columns=["area_code", "period", "grp", "found", "sum"]), checked
