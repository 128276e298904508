"""The strategy catalogue (leitbild.yaml): fields of action, goals and their links.

The numbering scheme (which field and goal ids are valid) is data too: the ``numbering``
block of leitbild.yaml gives one regular expression per field and goal kind, so another city's
strategy with another scheme loads without a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.catalogues.model import FIELD_KINDS, GOAL_KINDS, MAX_LABEL
from dashboard.catalogues.yamlio import Checker, read_yaml


@dataclass(frozen=True)
class Numbering:
    """The id rules of one strategy: field ids, and goal ids per kind (groups f, a, n)."""

    field: re.Pattern[str] | None
    field_example: str
    goals: dict[str, re.Pattern[str]]


def _numbering(data: dict[str, Any], checker: Checker) -> Numbering:
    """The ``numbering`` block; without it ids are only checked for uniqueness."""
    block = data.get("numbering") or {}
    patterns: dict[str, re.Pattern[str]] = {}
    for key in ("field", *GOAL_KINDS):
        text = block.get(key) if key == "field" else (block.get("goals") or {}).get(key)
        if text is None:
            continue
        try:
            patterns[key] = re.compile(str(text))
        except re.error as exc:
            checker.add(block, f"numbering.{key}", "ein regulärer Ausdruck", str(exc))
    goals = {k: p for k, p in patterns.items() if k != "field"}
    return Numbering(patterns.get("field"), str(block.get("field_example", "")), goals)


def _goal(
    goal: dict[str, Any], fid: str, checker: Checker, numbering: Numbering, districts: set[str]
) -> dict[str, Any]:
    """One goal row, its id checked against the numbering and its district against the areas."""
    kind = checker.choice(goal, "kind", GOAL_KINDS)
    gid = str(goal.get("id", ""))
    pattern = numbering.goals.get(kind) if kind else None
    match = pattern.match(gid) if pattern is not None else None
    if pattern is not None and (match is None or match.groupdict().get("f", fid) != fid):
        checker.add(goal, "id", f"Ziel-ID nach dem Schema für {kind} in {fid}", gid)
    area = goal.get("area")
    if kind == "stadtteilziel":
        area = str(area)
        if area not in districts:
            checker.add(goal, "area", "ein Stadtteilschlüssel", area)
        named = match.groupdict().get("a") if match is not None else None
        if named is not None and named != area:
            checker.add(goal, "area", f"Stadtteil {named} wie in der ID", area)
    return {
        "id": gid,
        "field_id": fid,
        "parent_id": goal.get("parent"),
        "kind": kind,
        "number": str(goal.get("number", "")),
        "label": checker.text(goal, "label", MAX_LABEL),
        "grp": goal.get("group"),
        "name": goal.get("name"),
        "area_code": None if area is None else str(area),
        "__line__": goal.get("__line__"),
    }


def _check_links(
    goals: list[dict[str, Any]], supports: list[dict[str, str]], checker: Checker
) -> None:
    """Unique ids, parents that are Teilziele of the same field, supports that are Leitziele."""
    by_id: dict[str, dict[str, Any]] = {}
    for g in goals:
        if g["id"] in by_id:
            checker.add(g, "id", "eindeutige Ziel-ID", g["id"])
        by_id.setdefault(g["id"], g)
    for g in goals:
        parent = g["parent_id"]
        if parent is not None and (
            parent not in by_id
            or by_id[parent]["kind"] != "teilziel"
            or by_id[parent]["field_id"] != g["field_id"]
        ):
            checker.add(g, "parent", "ein Teilziel desselben Handlungsfelds", parent)
    for s in supports:
        if by_id.get(s["leitziel_id"], {}).get("kind") != "leitziel":
            checker.add(by_id.get(s["goal_id"]), "supports", "ein Leitziel", s["leitziel_id"])


def read_leitbild(
    path: Path, checker: Checker, district_codes: set[str]
) -> dict[str, pd.DataFrame]:
    """Fields, goals and goal supports of leitbild.yaml, checked."""
    data = read_yaml(path, checker)
    numbering = _numbering(data, checker)
    fields: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    supports: list[dict[str, str]] = []
    for fi, item in enumerate(data.get("fields") or []):
        fid = str(item.get("id", ""))
        if numbering.field is not None and not numbering.field.match(fid):
            checker.add(item, "id", f"Handlungsfeldnummer wie {numbering.field_example}", fid)
        fields.append(
            {
                "id": fid,
                "title": checker.text(item, "title"),
                "short": checker.text(item, "short", 32),
                "kind": checker.choice(item, "kind", FIELD_KINDS),
                "sort": fi,
            }
        )
        for goal in item.get("goals") or []:
            row = _goal(goal, fid, checker, numbering, district_codes)
            goals.append({**row, "sort": len(goals)})
            supports += [
                {"goal_id": goals[-1]["id"], "leitziel_id": str(s)}
                for s in goal.get("supports", [])
            ]
    _check_links(goals, supports, checker)
    if not fields:
        checker.add(None, "fields", "die Handlungsfelder", "keine")
    return {
        "field": pd.DataFrame(fields, columns=["id", "title", "short", "kind", "sort"]),
        "goal": pd.DataFrame(goals).drop(columns="__line__", errors="ignore"),
        "goal_support": pd.DataFrame(supports, columns=["goal_id", "leitziel_id"]),
    }
