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


def goal_subtree(
    goal: str, children: dict[str, list[str]], seen: set[str] | None = None
) -> set[str]:
    """A goal and every goal below it (supporting goals, their sub-goals, …)."""
    seen = set() if seen is None else seen
    if goal in seen:
        return seen
    seen.add(goal)
    for child in children.get(goal, []):
        goal_subtree(child, children, seen)
    return seen


def counting_areas(goals: pd.DataFrame, area: str) -> set[str]:
    """Areas whose assessments count in ``area``: itself, for the city also the district goals'."""
    if area != CITY:
        return {area}
    return {area, *goals.loc[goals["kind"] == "stadtteilziel", "area_code"].dropna()}


def scoped(assessments: pd.DataFrame, goals: pd.DataFrame, area: str) -> pd.DataFrame:
    """Assessments that count in ``area`` (see ``counting_areas``)."""
    return assessments[assessments["area"].isin(counting_areas(goals, area))]


def goal_links(
    assessments: pd.DataFrame, goals: pd.DataFrame, goal_indicator: pd.DataFrame, area: str
) -> pd.DataFrame:
    """(goal_id, key) pairs: which assessments count for which goal in ``area``."""
    rows = LinkRule(goals, goal_indicator).pairs(
        assessments["key"],
        assessments["indicator_id"],
        assessments["area"],
        assessments["goal_id"],
        area,
    )
    return pd.DataFrame(rows, columns=["goal_id", "key"])


class LinkRule:
    """Which goals an assessment counts for: its indicator's goals and its own target's goal."""

    def __init__(self, goals: pd.DataFrame, goal_indicator: pd.DataFrame) -> None:
        self.goal_area = {
            g: a
            for g, a, k in zip(goals["id"], goals["area_code"], goals["kind"], strict=True)
            if k == "stadtteilziel"
        }
        self.by_indicator: dict[str, list[str]] = {}
        pairs = zip(goal_indicator["goal_id"], goal_indicator["indicator_id"], strict=True)
        for goal, ind in pairs:
            self.by_indicator.setdefault(ind, []).append(goal)

    def pairs(
        self, keys: Iterable, indicators: Iterable, areas: Iterable, goal_ids: Iterable, area: str
    ) -> list[tuple[str, str]]:
        """Distinct (goal_id, key) pairs in first-seen order, for assessments given by column."""
        rows: dict[tuple[str, str], None] = {}
        for key, indicator, own, goal_id in zip(keys, indicators, areas, goal_ids, strict=True):
            linked = set(self.by_indicator.get(indicator, []))
            if isinstance(goal_id, str):
                linked.add(goal_id)
            for goal in linked:
                goal_area = self.goal_area.get(goal)
                if goal_area is not None:
                    ok = own == goal_area and area in (CITY, goal_area)
                else:
                    ok = own == area
                if ok:
                    rows.setdefault((goal, key), None)
        return list(rows)


def _measures_in(measures: pd.DataFrame, area: str) -> pd.DataFrame:
    """Measures that concern ``area``: all for the city, else city-wide ones and the area's."""
    if measures.empty or area == CITY:
        return measures
    keep = [not _listed(a) or area in _listed(a) for a in measures["areas"]]
    return measures[keep]


def _is(value: Any, statuses: Iterable[str]) -> bool:
    return isinstance(value, str) and value in statuses


def _measure_summary(ids: list[int], statuses: list[Any], progress: list[Any]) -> dict[str, Any]:
    """Counts per status, active/completed and mean progress of the running measures.

    Plain lists, not frames: the roll-up asks this for every node of the Leitbild (~220).
    """
    running = [p for st, p in zip(statuses, progress, strict=True) if _is(st, ACTIVE_MEASURE)]
    known = [float(p) for p in running if p is not None and not pd.isna(p)]
    return {
        "measures": list(ids),
        "n_measures": len(ids),
        "n_active": sum(_is(st, ACTIVE_MEASURE) for st in statuses),
        "n_completed": sum(_is(st, COMPLETED_MEASURE) for st in statuses),
        # the mean as pandas computes it, so the figure is the one it always was
        "measure_progress": float(pd.Series(known).mean()) if known else None,
        **{f"m_{s}": sum(_is(st, (s,)) for st in statuses) for s in MEASURE_STATUSES},
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


class _Rollup:
    """One roll-up under way: assessments, goal links and measures of an area, rows built."""

    def __init__(
        self,
        assessments: pd.DataFrame,
        goals: pd.DataFrame,
        goal_support: pd.DataFrame,
        goal_indicator: pd.DataFrame,
        measures: pd.DataFrame,
        area: str,
        target_goals: set[str] | None = None,
    ) -> None:
        self.area = area
        self.items = scoped(assessments, goals, area).set_index("key", drop=False)
        # per key its rows' (status, score, moving): nodes look these up ~220 times per area
        self.cells: dict[str, list[tuple[Any, Any, Any]]] = {}
        moving = self.items["moving"] if "moving" in self.items else [None] * len(self.items)
        for key, *cell in zip(
            self.items["key"], self.items["status"], self.items["score"], moving, strict=True
        ):
            self.cells.setdefault(key, []).append(tuple(cell))
        links = goal_links(self.items, goals, goal_indicator, area)
        self.own = links.groupby("goal_id")["key"].agg(list).to_dict()
        self.children = goal_children(goals, goal_support)
        self.indicators_of = goal_indicator.groupby("goal_id")["indicator_id"].agg(list).to_dict()
        if target_goals is None:  # every area's targets count: a goal with a target anywhere
            target_goals = set(assessments["goal_id"].dropna()) if len(assessments) else set()
        self.target_goals = target_goals
        self.linked_keys = set(links["key"])
        self.measures = measures = _measures_in(measures, area)
        self.measure_goals = [set(_listed(g)) for g in measures["goals"]] if len(measures) else []
        self.measure_fields = [set(_listed(f)) for f in measures["fields"]] if len(measures) else []
        self.measure_ids = [int(i) for i in measures["id"]] if len(measures) else []
        self.measure_status = list(measures["status"]) if len(measures) else []
        with_progress = len(measures) and "progress" in measures
        self.measure_progress = list(measures["progress"]) if with_progress else []
        if not with_progress:
            self.measure_progress = [None] * len(self.measure_ids)
        self.field_of = dict(zip(goals["id"], goals["field_id"], strict=True))
        self.goals_kind = dict(zip(goals["id"], goals["kind"], strict=True))
        self.goal_area = {
            g: a
            for g, a, k in zip(goals["id"], goals["area_code"], goals["kind"], strict=True)
            if k == "stadtteilziel"
        }
        self.rows: list[dict[str, Any]] = []

    def node(
        self,
        node_id: str,
        kind: str,
        field_id: str,
        parent: str | None,
        depth: int,
        subtree: set[str],
        extra_keys: list[str],
        fields_match: bool,
    ) -> None:
        """Add the row of one field or goal, combining everything in its subtree."""
        own = self.own
        keys = sorted({k for g in subtree for k in own.get(g, [])} | set(extra_keys))
        cells = [cell for k in keys for cell in self.cells[k]]
        combined = combine([c[0] for c in cells], [c[1] for c in cells])
        chosen = [
            i
            for i, (mg, mf) in enumerate(zip(self.measure_goals, self.measure_fields, strict=True))
            if mg & subtree or (fields_match and field_id in mf)
        ]
        summary = _measure_summary(
            [self.measure_ids[i] for i in chosen],
            [self.measure_status[i] for i in chosen],
            [self.measure_progress[i] for i in chosen],
        )
        direct = [self.measure_ids[i] for i, mg in enumerate(self.measure_goals) if node_id in mg]
        has_ind = any(self.indicators_of.get(g) for g in subtree) or bool(
            subtree & self.target_goals
        )
        self.rows.append(
            {
                "node_id": node_id,
                "node_type": kind,
                "field_id": field_id,
                "parent": parent,
                "depth": depth,
                "keys": keys,
                "own_keys": sorted(own.get(node_id, [])),
                "own_measures": direct,
                "indicators": list(self.indicators_of.get(node_id, [])),
                **{f"n_{s}": combined.counts.get(s, 0) for s in STATUS_ORDER},
                "n_items": combined.n_items,
                "n_assessed": combined.n_assessed,
                "score": combined.score,
                "status": combined.status,
                **summary,
                "flags": _flags(kind, combined, summary, [c[2] for c in cells], has_ind),
            }
        )

    def visible(self, goal: str) -> bool:
        """Whether a goal belongs to this area's view of the Leitbild."""
        # another district's goals are not part of this district's Leitbild view
        own_area = self.goal_area.get(goal)
        return own_area is None or self.area in (CITY, own_area)

    def walk(self, goal: str, parent: str, depth: int, path: tuple[str, ...]) -> None:
        """Add a goal and, below it, the goals that support it (each path once)."""
        if not self.visible(goal):
            return
        subtree = goal_subtree(goal, self.children)
        self.node(
            goal, str(self.goals_kind[goal]), self.field_of[goal], parent, depth, subtree, [], False
        )
        for child in self.children.get(goal, []):
            if child not in path:
                self.walk(child, goal, depth + 1, (*path, child))

    def field(self, fid: str, goals: pd.DataFrame, tops: list[str]) -> None:
        """Add a field, then its top goals with everything below them."""
        field_goals = {g for g in goals.loc[goals["field_id"] == fid, "id"] if self.visible(g)}
        items = self.items
        # assessments no goal names count for their indicator's field (in this area only)
        loose = [
            k
            for k, ind_field, a in zip(items["key"], items["field_id"], items["area"], strict=True)
            if ind_field == fid and k not in self.linked_keys and a == self.area
        ]
        self.node(fid, "field", fid, None, 0, field_goals, loose, True)
        for goal in tops:
            self.walk(goal, fid, 1, (goal,))


def rollup(
    assessments: pd.DataFrame,
    goals: pd.DataFrame,
    goal_support: pd.DataFrame,
    goal_indicator: pd.DataFrame,
    fields: pd.DataFrame,
    measures: pd.DataFrame,
    area: str = CITY,
    target_goals: set[str] | None = None,
) -> pd.DataFrame:
    """One row per field and goal of the Leitbild: counts, score, status, measures, flags.

    ``target_goals`` (goals with a target in any area) lets ``assessments`` hold only the
    areas that count in ``area``; without it they are read from ``assessments``.
    """
    state = _Rollup(assessments, goals, goal_support, goal_indicator, measures, area, target_goals)
    tops = top_goals(goals, goal_support)
    for fid in fields["id"]:
        state.field(fid, goals, tops.get(fid, []))
    return pd.DataFrame(state.rows)
