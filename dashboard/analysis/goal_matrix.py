"""Roll-ups of every area side by side: status per area and field, and assessment coverage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import pandas as pd

from dashboard.analysis.gaps import CITY
from dashboard.analysis.goal_rollup import (
    STATUS_ORDER,
    LinkRule,
    combine,
    counting_areas,
    goal_children,
    goal_subtree,
)


def field_matrix(
    assessments: pd.DataFrame,
    goals: pd.DataFrame,
    goal_indicator: pd.DataFrame,
    fields: pd.DataFrame,
    areas: list[str],
) -> pd.DataFrame:
    """Field status per area (the districts × fields matrix), by the roll-up rule."""
    field_of = dict(zip(goals["id"], goals["field_id"], strict=True))
    rows = []
    for area, items, links in _per_area(assessments, goals, goal_indicator, areas):
        linked = {key for _, key in links}
        per_field: dict[str, set[str]] = {}
        for goal, key in links:
            per_field.setdefault(field_of[goal], set()).add(key)
        # per key its rows' (status, score) in row order: what .loc[keys] of the rows returns
        cells: dict[str, list[tuple[Any, Any]]] = {}
        for item in items:
            cells.setdefault(item.key, []).append((item.status, item.score))
            if item.key not in linked and item.area == area:
                per_field.setdefault(item.field_id, set()).add(item.key)
        for fid in fields["id"]:
            keys = sorted(per_field.get(fid, set()))
            part = [cell for key in keys for cell in cells[key]]
            combined = combine([c[0] for c in part], [c[1] for c in part])
            rows.append(
                {
                    "area": area,
                    "field_id": fid,
                    "score": combined.score,
                    "status": combined.status,
                    "n_items": combined.n_items,
                    "n_assessed": combined.n_assessed,
                    "keys": keys,
                    **{f"n_{s}": combined.counts.get(s, 0) for s in STATUS_ORDER},
                }
            )
    return pd.DataFrame(rows)


class _Item(NamedTuple):
    key: str
    indicator_id: str
    area: str
    goal_id: Any
    field_id: str
    status: str
    score: Any


def _per_area(
    assessments: pd.DataFrame, goals: pd.DataFrame, goal_indicator: pd.DataFrame, areas: list[str]
) -> Iterator[tuple[str, list[_Item], list[tuple[str, str]]]]:
    """Per area: the assessments that count there and their goal links.

    The assessments are read into plain rows once: slicing the frame per area and field cost
    seconds on a few hundred rows (every column is an Arrow array).
    """
    # as lists: iterating a string column boxes every cell (1.6 s for 86,000 rows; 0.08 s so)
    columns = [assessments[name].tolist() for name in _Item._fields]
    items = [_Item(*row) for row in zip(*columns, strict=True)]
    # row numbers per area: scanning all 86,000 rows (10x) for each of 451 areas took seconds
    rows_of: dict[str, list[int]] = {}
    for number, item in enumerate(items):
        rows_of.setdefault(item.area, []).append(number)
    rule = LinkRule(goals, goal_indicator)
    for area in areas:
        counting = counting_areas(goals, area)
        mine = [items[n] for n in sorted(n for a in counting for n in rows_of.get(a, ()))]
        links = rule.pairs(
            (i.key for i in mine),
            (i.indicator_id for i in mine),
            (i.area for i in mine),
            (i.goal_id for i in mine),
            area,
        )
        yield area, mine, links


def coverage(nodes: pd.DataFrame) -> pd.DataFrame:
    """Per field: goals, goals with an indicator, with data, with a target, with a status."""
    goals = nodes[nodes["node_type"] != "field"].drop_duplicates("node_id")
    rows = []
    for fid, part in goals.groupby("field_id", sort=False):
        with_indicator = int((~part["flags"].map(lambda f: "no_indicator" in f)).sum())
        rows.append(
            {
                "field_id": fid,
                "goals": len(part),
                "with_indicator": with_indicator,
                "with_assessment": int((part["n_items"] > 0).sum()),
                "assessed": int((part["n_assessed"] > 0).sum()),
                "share_assessed": float((part["n_assessed"] > 0).mean()) if len(part) else 0.0,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "field_id",
            "goals",
            "with_indicator",
            "with_assessment",
            "assessed",
            "share_assessed",
        ],
    )


def coverage_matrix(
    assessments: pd.DataFrame,
    goals: pd.DataFrame,
    goal_support: pd.DataFrame,
    goal_indicator: pd.DataFrame,
    fields: pd.DataFrame,
    areas: list[str],
) -> pd.DataFrame:
    """Coverage per area and field, by the same rules as ``coverage(rollup(...))``."""
    children = goal_children(goals, goal_support)
    subtrees = {g: goal_subtree(g, children) for g in goals["id"]}
    indicators_of = set(goal_indicator["goal_id"])
    target_goals = set(assessments["goal_id"].dropna()) if len(assessments) else set()
    has_indicator = {
        g: bool(sub & indicators_of or sub & target_goals) for g, sub in subtrees.items()
    }
    goal_area = dict(zip(goals["id"], goals["area_code"], strict=True))
    kinds = dict(zip(goals["id"], goals["kind"], strict=True))
    goals_of = {fid: list(goals.loc[goals["field_id"] == fid, "id"]) for fid in fields["id"]}
    rows = []
    for area, items, links in _per_area(assessments, goals, goal_indicator, areas):
        assessed_keys = {i.key for i in items if i.status != "not_assessable"}
        with_items = {goal for goal, _ in links}
        with_status = {goal for goal, key in links if key in assessed_keys}
        for fid in fields["id"]:
            ids = [
                g
                for g in goals_of[fid]
                if kinds[g] != "stadtteilziel" or area in (CITY, goal_area[g])
            ]
            n_assessed = sum(1 for g in ids if subtrees[g] & with_status)
            rows.append(
                {
                    "area": area,
                    "field_id": fid,
                    "goals": len(ids),
                    "with_indicator": sum(1 for g in ids if has_indicator[g]),
                    "with_assessment": sum(1 for g in ids if subtrees[g] & with_items),
                    "assessed": n_assessed,
                    "share_assessed": n_assessed / len(ids) if ids else 0.0,
                }
            )
    return pd.DataFrame(rows)
