"""Roll-ups of every area side by side: status per area and field, and assessment coverage."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.gaps import CITY
from dashboard.analysis.goal_rollup import (
    STATUS_ORDER,
    combine,
    goal_children,
    goal_links,
    goal_subtree,
    scoped,
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
    for area in areas:
        items = scoped(assessments, goals, area)
        links = goal_links(items, goals, goal_indicator, area)
        linked = set(links["key"])
        per_field: dict[str, set[str]] = {}
        for goal, key in zip(links["goal_id"], links["key"], strict=True):
            per_field.setdefault(field_of[goal], set()).add(key)
        for key, fid, a in zip(items["key"], items["field_id"], items["area"], strict=True):
            if key not in linked and a == area:
                per_field.setdefault(fid, set()).add(key)
        indexed = items.set_index("key", drop=False)
        for fid in fields["id"]:
            keys = sorted(per_field.get(fid, set()))
            part = indexed.loc[keys] if keys else indexed.iloc[0:0]
            combined = combine(part["status"], part["score"])
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
    rows = []
    for area in areas:
        items = scoped(assessments, goals, area)
        links = goal_links(items, goals, goal_indicator, area)
        assessed_keys = set(items.loc[items["status"] != "not_assessable", "key"])
        with_items = set(links["goal_id"])
        with_status = set(links.loc[links["key"].isin(assessed_keys), "goal_id"])
        for fid in fields["id"]:
            ids = [
                g
                for g in goals.loc[goals["field_id"] == fid, "id"]
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
