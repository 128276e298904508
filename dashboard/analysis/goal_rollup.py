"""Roll-up of target statuses to the goals and fields of the Leitbild, with measures beside it.

The rule (shown on the pages word for word through i18n):

1. A goal collects the assessments (one per target and area) linked to it: targets naming the
   goal, and targets or direction-only assessments of the indicators the catalogue links to it.
   A Teilziel also collects those of its sub-Teilziele; a Leitziel those of the Teilziele that
   support it (goal_support); a field those of all its goals, plus assessments of its
   indicators that no goal names.
2. Every assessment counts once per node, with the points of its status (Destatis categories:
   reached +5, on track +3.75, slightly off +1.25, off track −1.25, wrong direction −3.75;
   Open SDG: its own score from −5 to +5). "Not assessable" is counted but has no points.
3. The node's score is the mean of those points; its status follows Open SDG's bands:
   ≥ 2.5 on track, ≥ 0 slightly off, ≥ −2.5 off track, below wrong direction; "reached" only
   when every assessed target is reached; nothing assessable → not assessable.

Measures are counted per node (by status, mean progress of running measures) but never enter
the score. Flags point at what needs attention: off track without a running measure, measures
completed while the indicators do not move, goals without any indicator.

District goals (Stadtteilziele) are always assessed in their own district; they belong to the
city view and to their own district, not to other districts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.gaps import CITY
from dashboard.domain import measures as measure_status
from dashboard.domain import progress as progress_status

STATUS_ORDER = progress_status.STATUS_CODES
ROLLUP_BANDS = progress_status.ROLLUP_BANDS
BAD = progress_status.BAD
ACTIVE_MEASURE = measure_status.ACTIVE
COMPLETED_MEASURE = measure_status.FINISHED
MEASURE_STATUSES = measure_status.STATUSES
FLAGS = ("off_track_no_measure", "completed_not_moving", "no_indicator")


@dataclass(frozen=True)
class Combined:
    """Counts per status, mean score and the resulting status of a set of assessments."""

    counts: dict[str, int]
    score: float | None
    status: str | None  # None when there is nothing to combine

    @property
    def n_items(self) -> int:
        """Number of assessments combined."""
        return sum(self.counts.values())

    @property
    def n_assessed(self) -> int:
        """Number of assessments with a status other than not assessable."""
        return self.n_items - self.counts.get("not_assessable", 0)


band = progress_status.band


def combine(statuses: Iterable[str], scores: Iterable[float | None]) -> Combined:
    """Combine assessments: counts per status, mean score of the assessable, status by band."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    points: list[float] = []
    for status, score in zip(statuses, scores, strict=True):
        counts[status] = counts.get(status, 0) + 1
        if status != "not_assessable" and score is not None and not np.isnan(score):
            points.append(float(score))
    n = sum(counts.values())
    if n == 0:
        return Combined(counts, None, None)
    if not points:
        return Combined(counts, None, "not_assessable")
    score = float(np.mean(points))
    assessed = n - counts["not_assessable"]
    status = "reached" if counts["reached"] == assessed else band(score)
    return Combined(counts, score, status)


def _listed(value: Any) -> list[Any]:
    return [] if value is None or (isinstance(value, float) and np.isnan(value)) else list(value)


def goal_children(goals: pd.DataFrame, support: pd.DataFrame) -> dict[str, list[str]]:
    """Tree of the Leitbild: Leitziel → supporting goals, Teilziel → its sub-goals."""
    children: dict[str, list[str]] = {g: [] for g in goals["id"]}
    for goal, leitziel in zip(support["goal_id"], support["leitziel_id"], strict=True):
        if leitziel in children and goal not in children[leitziel]:
            children[leitziel].append(goal)
    for goal, parent in zip(goals["id"], goals["parent_id"], strict=True):
        if isinstance(parent, str) and parent in children:
            children[parent].append(goal)
    return children


def top_goals(goals: pd.DataFrame, support: pd.DataFrame) -> dict[str, list[str]]:
    """Per field: its Leitziele and the goals that hang under no Leitziel and no parent."""
    supported = set(support["goal_id"])
    out: dict[str, list[str]] = {}
    for rec in goals.to_dict("records"):
        attached = isinstance(rec["parent_id"], str) or rec["id"] in supported
        if rec["kind"] == "leitziel" or not attached:
            out.setdefault(rec["field_id"], []).append(rec["id"])
    return out


def _subtree(goal: str, children: dict[str, list[str]], seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if goal in seen:
        return seen
    seen.add(goal)
    for child in children.get(goal, []):
        _subtree(child, children, seen)
    return seen


def scoped(assessments: pd.DataFrame, goals: pd.DataFrame, area: str) -> pd.DataFrame:
    """Assessments that count in ``area``: its own, and for the city the district goals' ones."""
    district_goal_areas = set(goals.loc[goals["kind"] == "stadtteilziel", "area_code"].dropna())
    keep = assessments["area"] == area
    if area == CITY:
        keep |= assessments["area"].isin(district_goal_areas)
    return assessments[keep]


def goal_links(
    assessments: pd.DataFrame, goals: pd.DataFrame, goal_indicator: pd.DataFrame, area: str
) -> pd.DataFrame:
    """(goal_id, key) pairs: which assessments count for which goal in ``area``."""
    goal_area = {
        g: a for g, a, k in zip(goals["id"], goals["area_code"], goals["kind"], strict=True)
        if k == "stadtteilziel"
    }  # fmt: skip
    rows: list[tuple[str, str]] = []
    by_indicator: dict[str, list[str]] = {}
    for goal, ind in zip(goal_indicator["goal_id"], goal_indicator["indicator_id"], strict=True):
        by_indicator.setdefault(ind, []).append(goal)
    for rec in assessments[["key", "indicator_id", "area", "goal_id"]].to_dict("records"):
        linked = set(by_indicator.get(rec["indicator_id"], []))
        if isinstance(rec["goal_id"], str):
            linked.add(rec["goal_id"])
        for goal in linked:
            own_area = goal_area.get(goal)
            if own_area is not None:
                ok = rec["area"] == own_area and area in (CITY, own_area)
            else:
                ok = rec["area"] == area
            if ok:
                rows.append((goal, rec["key"]))
    return pd.DataFrame(rows, columns=["goal_id", "key"]).drop_duplicates()


def _measures_in(measures: pd.DataFrame, area: str) -> pd.DataFrame:
    """Measures that concern ``area``: all for the city, else city-wide ones and the area's."""
    if measures.empty or area == CITY:
        return measures
    keep = [not _listed(a) or area in _listed(a) for a in measures["areas"]]
    return measures[keep]


def _measure_summary(frame: pd.DataFrame) -> dict[str, Any]:
    counts = {f"m_{s}": int((frame["status"] == s).sum()) for s in MEASURE_STATUSES}
    running = frame[frame["status"].isin(ACTIVE_MEASURE)]
    progress = running["progress"].dropna() if "progress" in running else pd.Series(dtype=float)
    return {
        "measures": [int(i) for i in frame["id"]],
        "n_measures": len(frame),
        "n_active": int(frame["status"].isin(ACTIVE_MEASURE).sum()),
        "n_completed": int(frame["status"].isin(COMPLETED_MEASURE).sum()),
        "measure_progress": float(progress.mean()) if len(progress) else None,
        **counts,
    }


def _flags(kind: str, combined: Combined, measures: dict[str, Any], moving: list, has_ind: bool):
    flags = []
    if combined.status in BAD and measures["n_active"] == 0:
        flags.append("off_track_no_measure")
    known = [m for m in moving if m is not None and not pd.isna(m)]
    if measures["n_completed"] and known and not any(known):
        flags.append("completed_not_moving")
    if kind != "field" and not has_ind:
        flags.append("no_indicator")
    return flags


def rollup(
    assessments: pd.DataFrame,
    goals: pd.DataFrame,
    goal_support: pd.DataFrame,
    goal_indicator: pd.DataFrame,
    fields: pd.DataFrame,
    measures: pd.DataFrame,
    area: str = CITY,
) -> pd.DataFrame:
    """One row per field and goal of the Leitbild: counts, score, status, measures, flags."""
    items = scoped(assessments, goals, area).set_index("key", drop=False)
    links = goal_links(items, goals, goal_indicator, area)
    own = links.groupby("goal_id")["key"].agg(list).to_dict()
    children = goal_children(goals, goal_support)
    tops = top_goals(goals, goal_support)
    indicators_of = goal_indicator.groupby("goal_id")["indicator_id"].agg(list).to_dict()
    target_goals = set(assessments["goal_id"].dropna()) if len(assessments) else set()
    linked_keys = set(links["key"])
    measures = _measures_in(measures, area)
    measure_goals = [set(_listed(g)) for g in measures["goals"]] if len(measures) else []
    measure_fields = [set(_listed(f)) for f in measures["fields"]] if len(measures) else []
    field_of = dict(zip(goals["id"], goals["field_id"], strict=True))
    rows: list[dict[str, Any]] = []

    def node(node_id: str, kind: str, field_id: str, parent: str | None, depth: int,
             subtree: set[str], extra_keys: list[str], fields_match: bool) -> None:  # fmt: skip
        keys = sorted({k for g in subtree for k in own.get(g, [])} | set(extra_keys))
        part = items.loc[keys] if keys else items.iloc[0:0]
        combined = combine(part["status"], part["score"])
        chosen = [
            i for i, (mg, mf) in enumerate(zip(measure_goals, measure_fields, strict=True))
            if mg & subtree or (fields_match and field_id in mf)
        ]  # fmt: skip
        summary = _measure_summary(measures.iloc[chosen] if len(measures) else measures)
        direct = [
            int(measures.iloc[i]["id"]) for i, mg in enumerate(measure_goals) if node_id in mg
        ]
        has_ind = any(indicators_of.get(g) for g in subtree) or bool(subtree & target_goals)
        rows.append(
            {
                "node_id": node_id, "node_type": kind, "field_id": field_id, "parent": parent,
                "depth": depth, "keys": keys, "own_keys": sorted(own.get(node_id, [])),
                "own_measures": direct,
                "indicators": list(indicators_of.get(node_id, [])),
                **{f"n_{s}": combined.counts.get(s, 0) for s in STATUS_ORDER},
                "n_items": combined.n_items, "n_assessed": combined.n_assessed,
                "score": combined.score, "status": combined.status, **summary,
                "flags": _flags(kind, combined, summary, list(part["moving"]), has_ind),
            }
        )  # fmt: skip

    def visible(goal: str) -> bool:
        # another district's goals are not part of this district's Leitbild view
        own_area = goal_area.get(goal)
        return own_area is None or area in (CITY, own_area)

    def walk(goal: str, parent: str, depth: int, path: tuple[str, ...]) -> None:
        if not visible(goal):
            return
        subtree = _subtree(goal, children)
        node(goal, str(goals_kind[goal]), field_of[goal], parent, depth, subtree, [], False)
        for child in children.get(goal, []):
            if child not in path:
                walk(child, goal, depth + 1, (*path, child))

    goals_kind = dict(zip(goals["id"], goals["kind"], strict=True))
    goal_area = {
        g: a for g, a, k in zip(goals["id"], goals["area_code"], goals["kind"], strict=True)
        if k == "stadtteilziel"
    }  # fmt: skip
    for fid in fields["id"]:
        field_goals = {g for g in goals.loc[goals["field_id"] == fid, "id"] if visible(g)}
        # assessments no goal names count for their indicator's field (in this area only)
        loose = [
            k for k, ind_field, a in zip(items["key"], items["field_id"], items["area"],
                                         strict=True)
            if ind_field == fid and k not in linked_keys and a == area
        ]  # fmt: skip
        node(fid, "field", fid, None, 0, field_goals, loose, True)
        for goal in tops.get(fid, []):
            walk(goal, fid, 1, (goal,))
    return pd.DataFrame(rows)


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
                    "area": area, "field_id": fid, "score": combined.score,
                    "status": combined.status, "n_items": combined.n_items,
                    "n_assessed": combined.n_assessed, "keys": keys,
                    **{f"n_{s}": combined.counts.get(s, 0) for s in STATUS_ORDER},
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def coverage(nodes: pd.DataFrame) -> pd.DataFrame:
    """Per field: goals, goals with an indicator, with data, with a target, with a status."""
    goals = nodes[nodes["node_type"] != "field"].drop_duplicates("node_id")
    rows = []
    for fid, part in goals.groupby("field_id", sort=False):
        with_indicator = int((~part["flags"].map(lambda f: "no_indicator" in f)).sum())
        rows.append(
            {
                "field_id": fid, "goals": len(part), "with_indicator": with_indicator,
                "with_assessment": int((part["n_items"] > 0).sum()),
                "assessed": int((part["n_assessed"] > 0).sum()),
                "share_assessed": float((part["n_assessed"] > 0).mean()) if len(part) else 0.0,
            }
        )  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["field_id", "goals", "with_indicator", "with_assessment", "assessed",
                 "share_assessed"],
    )  # fmt: skip


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
    subtrees = {g: _subtree(g, children) for g in goals["id"]}
    indicators_of = set(goal_indicator["goal_id"])
    target_goals = set(assessments["goal_id"].dropna()) if len(assessments) else set()
    has_indicator = {g: bool(sub & indicators_of or sub & target_goals) for g, sub in
                     subtrees.items()}  # fmt: skip
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
                g for g in goals.loc[goals["field_id"] == fid, "id"]
                if kinds[g] != "stadtteilziel" or area in (CITY, goal_area[g])
            ]  # fmt: skip
            n_assessed = sum(1 for g in ids if subtrees[g] & with_status)
            rows.append(
                {
                    "area": area, "field_id": fid, "goals": len(ids),
                    "with_indicator": sum(1 for g in ids if has_indicator[g]),
                    "with_assessment": sum(1 for g in ids if subtrees[g] & with_items),
                    "assessed": n_assessed,
                    "share_assessed": n_assessed / len(ids) if ids else 0.0,
                }
            )  # fmt: skip
    return pd.DataFrame(rows)
