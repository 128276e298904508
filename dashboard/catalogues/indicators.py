"""The indicator catalogue (indicators.yaml): indicators, groups, analyses, additive sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.catalogues.analyses import analysis_settings
from dashboard.catalogues.model import (
    ADDITIVE_KINDS,
    AGGREGATES,
    AREA_LEVELS,
    DIRECTIONS,
    INDICATOR_KINDS,
    RE_SLUG,
    TARGET_TYPES,
)
from dashboard.catalogues.yamlio import Checker, read_yaml


def _natural_limit(
    item: dict[str, Any], checker: Checker, kind: str | None, direction: str | None
) -> float | None:
    """The natural limit of an indicator's values in its desired direction, or None.

    Open SDG scales its no-target thresholds near such a limit. A share in per cent cannot
    exceed 100 % nor fall below 0 %, so shares get 100 (higher is better) or 0 (lower is
    better) unless the catalogue says ``limit: <number>`` or ``limit: null``.
    """
    if "limit" in item:
        value = item["limit"]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            checker.add(item, "limit", "eine Zahl (natürlicher Grenzwert) oder null", value)
            return None
        return float(value)
    if kind == "share" and str(item.get("unit")) == "%":
        return {"higher_better": 100.0, "lower_better": 0.0}.get(str(direction))
    return None


def _indicator_row(
    i: int, item: dict[str, Any], checker: Checker, field_ids: set[str], group_ids: set[str]
) -> dict[str, Any]:
    """One indicator of the YAML as a table row, its own fields checked."""
    iid = str(item.get("id", ""))
    if not RE_SLUG.match(iid):
        checker.add(item, "id", "Indikator-ID aus a–z, 0–9, _", iid)
    kind = checker.choice(item, "kind", INDICATOR_KINDS)
    fid = str(item.get("field", ""))
    if fid not in field_ids:
        checker.add(item, "field", "ein Handlungsfeld des Leitbilds", fid)
    levels = list(item.get("levels") or [])
    if not levels or any(lv not in AREA_LEVELS for lv in levels):
        checker.add(item, "levels", "Ebenen aus " + ", ".join(AREA_LEVELS), levels)
    igroups = list(item.get("groups") or ["insgesamt"])
    for g in igroups:
        if g not in group_ids:
            checker.add(item, "groups", "eine unter groups erklärte Gruppe", g)
    decimals = item.get("decimals", 0)
    if not isinstance(decimals, int) or not 0 <= decimals <= 3:
        checker.add(item, "decimals", "ganze Zahl 0–3", decimals)
        decimals = 0
    direction = checker.choice(item, "direction", DIRECTIONS)
    derived = item.get("derived") or {}
    default_agg = {"count": "sum", "share": "ratio", "rate": "ratio"}.get(kind, "none")
    aggregate = item.get("aggregate", default_agg)
    if aggregate not in AGGREGATES:
        checker.add(item, "aggregate", "einer von " + ", ".join(AGGREGATES), aggregate)
    return {
        "id": iid,
        "name": checker.text(item, "name"),
        "short": checker.text(item, "short", 28),
        "field_id": fid,
        "unit": checker.text(item, "unit"),
        "kind": kind,
        "direction": direction,
        "target_type": checker.choice(item, "target_type", TARGET_TYPES),
        "levels": levels,
        "groups": igroups,
        "decimals": decimals,
        "definition": checker.text(item, "definition"),
        "source": checker.text(item, "source"),
        "numerator_id": derived.get("numerator"),
        "denominator_id": derived.get("denominator"),
        "factor": float(derived.get("factor", 100)) if derived else None,
        # a part given as a sum of groups (age bands) yields a value of group insgesamt
        "numerator_groups": _group_list(derived.get("numerator_groups")),
        "denominator_groups": _group_list(derived.get("denominator_groups")),
        "parity_reference": item.get("parity_reference"),
        "aggregate": aggregate,
        "natural_limit": _natural_limit(item, checker, kind, direction),
        "sort": i,
        "__line__": item.get("__line__"),
    }


def _check_references(rows: list[dict[str, Any]], checker: Checker) -> dict[str, dict[str, Any]]:
    """Unique ids; derived parts and parity references that exist; rows by id."""
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["id"] in by_id:
            checker.add(r, "id", "eindeutige Indikator-ID", r["id"])
        by_id.setdefault(r["id"], r)
    for r in rows:
        for key in ("numerator_id", "denominator_id"):
            ref = r[key]
            if ref is not None and (ref not in by_id or by_id[ref]["numerator_id"] is not None):
                checker.add(r, "derived", "ein gespeicherter (nicht abgeleiteter) Indikator", ref)
        if (r["numerator_id"] is None) != (r["denominator_id"] is None):
            checker.add(r, "derived", "numerator und denominator", "nur eines von beiden")
        _check_summed_groups(r, by_id, checker)
        ref = r["parity_reference"]
        if ref is not None and ref not in by_id:
            checker.add(r, "parity_reference", "eine vorhandene Indikator-ID", ref)
    return by_id


def read_indicators(
    path: Path,
    checker: Checker,
    field_ids: set[str],
    goal_ids: set[str],
    district_codes: set[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Indicators, groups, goal links, analysis settings and additive sets, checked."""
    data = read_yaml(path, checker)
    groups = data.get("groups") or {}
    group_rows = [{"id": k, "label": str(v)} for k, v in groups.items() if k != "__line__"]
    for g in group_rows:
        if not RE_SLUG.match(g["id"]):
            checker.add(groups, "groups", "Gruppen-ID aus a–z, 0–9, _", g["id"])
    group_ids = {g["id"] for g in group_rows}
    rows: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    for i, item in enumerate(data.get("indicators") or []):
        rows.append(_indicator_row(i, item, checker, field_ids, group_ids))
        for goal in item.get("goals") or []:
            if goal not in goal_ids:
                checker.add(item, "goals", "eine Ziel-ID aus dem Leitbild-Katalog", goal)
            links.append({"goal_id": str(goal), "indicator_id": rows[-1]["id"]})
    by_id = _check_references(rows, checker)
    if not rows:
        checker.add(None, "indicators", "mindestens einen Indikator", "keinen")
    known = {"indicators": set(by_id), "areas": district_codes or set(), "fields": field_ids}
    return {
        "additive_set": _additive_sets(data, checker, group_ids, by_id),
        "indicator": pd.DataFrame(rows).drop(columns="__line__", errors="ignore"),
        "analysis_setting": analysis_settings(data, checker, known),
        "group_label": pd.DataFrame(group_rows, columns=["id", "label"]),
        "goal_indicator": pd.DataFrame(
            links, columns=["goal_id", "indicator_id"]
        ).drop_duplicates(),
    }


def _group_list(value: Any) -> list[str] | None:
    return None if value is None else [str(g) for g in value]


def _check_summed_groups(
    r: dict[str, Any], by_id: dict[str, dict[str, Any]], checker: Checker
) -> None:
    """Summed groups must be groups of their part; the result then has group insgesamt only."""
    summed = False
    pairs = (("numerator_groups", "numerator_id"), ("denominator_groups", "denominator_id"))
    for key, part in pairs:
        groups = r[key]
        if groups is None:
            continue
        summed = True
        declared = set(by_id.get(r[part], {}).get("groups") or [])
        for g in groups:
            if g not in declared:
                checker.add(r, "derived", f"eine Gruppe von {r[part]}", g)
    if summed and r["groups"] != ["insgesamt"]:
        checker.add(r, "groups", "nur insgesamt (Summe von Gruppen)", r["groups"])


def _additive_sets(
    data: dict[str, Any],
    checker: Checker,
    group_ids: set[str],
    indicators: dict[str, dict[str, Any]],
) -> pd.DataFrame:
    """Splits (groups partitioning a group) and identities (counts adding up to a count)."""
    counts = {i for i, r in indicators.items() if r["kind"] == "count" and not r["numerator_id"]}
    rows: list[dict[str, Any]] = []
    for key, kind in ADDITIVE_KINDS.items():
        known, what = (
            (group_ids, "eine erklärte Gruppe")
            if kind == "split"
            else (counts, "ein gespeicherter Fallzahl-Indikator")
        )
        entries = data.get(key) or {}
        if not isinstance(entries, dict):
            checker.add(None, key, "eine Zuordnung Name → {total, parts}", type(entries).__name__)
            continue
        for name, item in entries.items():
            if name == "__line__":
                continue
            item = item if isinstance(item, dict) else {}
            total, parts = item.get("total"), list(item.get("parts") or [])
            for ref in [total, *parts]:
                if ref not in known:
                    checker.add(item, f"{key}.{name}", what, ref)
            if len(parts) < 2 or len(set(parts)) != len(parts) or total in parts:
                checker.add(item, f"{key}.{name}", "mindestens zwei verschiedene Teile", parts)
            rows.append(
                {"id": str(name), "kind": kind, "total": total, "parts": parts, "sort": len(rows)}
            )
    return pd.DataFrame(rows, columns=["id", "kind", "total", "parts", "sort"])
