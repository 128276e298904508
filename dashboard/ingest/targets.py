"""Targets from CSV/XLSX: absolute, relative change, direction only, and parity."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.catalogues import TARGET_TYPES, Catalogue
from dashboard.errors import Problem
from dashboard.ingest.rows import data_rows, header_map, require_columns
from dashboard.ingest.tables import RawTable

TARGET_FILE_COLUMNS = [
    "indicator", "area", "group", "type", "value", "reference_indicator", "reference_group",
    "baseline_period", "baseline_value", "target_period", "goal", "note",
]  # fmt: skip
TARGET_ALIASES = {
    "indikator": "indicator", "gebiet": "area", "gruppe": "group", "typ": "type", "art": "type",
    "zielwert": "value", "wert": "value", "referenz": "reference_indicator",
    "referenzgruppe": "reference_group", "basisjahr": "baseline_period",
    "basiswert": "baseline_value", "zieljahr": "target_period", "ziel": "goal",
    "bemerkung": "note", "notiz": "note",
}  # fmt: skip
ALL_DISTRICTS = ("alle", "alle stadtteile", "*")
TYPE_ALIASES = {"absolut": "absolute", "parität": "parity", "paritaet": "parity",
                "relativ": "relative_change", "veränderung": "relative_change",
                "richtung": "direction"}  # fmt: skip


def check_target(t: dict[str, Any], catalogue: Catalogue) -> list[tuple[str, str, object]]:
    """Plausibility rules for one target (shared by import and form): (column, expected, found)."""
    issues: list[tuple[str, str, object]] = []
    ind = catalogue.indicator(str(t.get("indicator_id")))
    if ind is None:
        issues.append(("indicator", "eine Indikator-ID aus dem Katalog", t.get("indicator_id")))
    if t.get("type") not in TARGET_TYPES:
        issues.append(("type", "einer von " + ", ".join(TARGET_TYPES), t.get("type")))
    if ind is not None and t.get("grp") not in ind["groups"]:
        issues.append(("group", "eine Gruppe aus " + ", ".join(ind["groups"]), t.get("grp")))
    kind = t.get("type")
    if kind in ("absolute", "relative_change") and t.get("value") is None:
        issues.append(("value", "einen Zielwert", None))
    if kind == "relative_change" and t.get("baseline_period") is None:
        issues.append(("baseline_period", "ein Basisjahr für eine relative Veränderung", None))
    if kind == "parity":
        ref = t.get("reference_indicator")
        if ref is None or catalogue.indicator(str(ref)) is None:
            issues.append(("reference_indicator", "einen Referenzindikator (Parität)", ref))
    if t.get("target_period") is None:
        issues.append(("target_period", "ein Zieljahr", None))
    elif t.get("baseline_period") is not None and t["target_period"] <= t["baseline_period"]:
        issues.append(
            ("target_period", f"ein Jahr nach {t['baseline_period']}", t["target_period"])
        )
    goal = t.get("goal_id")
    if goal is not None and goal not in set(catalogue.frames["goal"]["id"]):
        issues.append(("goal", "eine Ziel-ID aus dem Leitbild-Katalog", goal))
    if (
        ind is not None
        and ind["kind"] == "share"
        and kind == "absolute"
        and t.get("value") is not None
    ) and not 0 <= t["value"] <= 100:
        issues.append(("value", "einen Anteil zwischen 0 und 100", t["value"]))
    # an absolute target for a count or rate below zero can never be reached
    if (
        ind is not None
        and ind["kind"] in ("count", "rate")
        and kind == "absolute"
        and t.get("value") is not None
        and t["value"] < 0
    ):
        issues.append(("value", "einen Zielwert ≥ 0", t["value"]))
    return issues


def parse_targets(
    table: RawTable, catalogue: Catalogue, by: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a targets table; every problem is reported."""
    positions, names, problems = header_map(table, TARGET_FILE_COLUMNS, TARGET_ALIASES)
    problems += require_columns(table, positions, ("indicator", "type", "target_period"))
    if any(p.severity == "error" for p in problems):
        return pd.DataFrame(), problems
    rows: list[dict[str, Any]] = []
    keys: dict[tuple, int] = {}
    for r in data_rows(table, positions, names, problems):
        area_text = r.text("area") or ""
        area = None
        if area_text and area_text.lower() not in ALL_DISTRICTS:
            area = catalogue.resolve_area(area_text)
            if area is None:
                r.problem("area", "ein Gebiet oder leer (alle Stadtteile)", area_text)
        kind = (r.text("type") or "").lower()
        kind = TYPE_ALIASES.get(kind, kind)
        ind = catalogue.indicator(r.text("indicator") or "")
        reference = r.text("reference_indicator")
        if kind == "parity" and reference is None and ind is not None:
            reference = ind["parity_reference"]
        target = {
            "indicator_id": r.text("indicator"),
            "area_code": area,
            "grp": r.text("group") or "insgesamt",
            "type": kind,
            "value": r.number("value"),
            "reference_indicator": reference,
            "reference_grp": r.text("reference_group"),
            "baseline_period": r.year("baseline_period"),
            "baseline_value": r.number("baseline_value"),
            "target_period": r.year("target_period"),
            "goal_id": r.text("goal"),
            "note": r.text("note"),
            "is_demo": False,
            "created_by": by,
        }
        for column, expected, found in check_target(target, catalogue):
            r.problem(column, expected, found)
        # two targets for the same indicator, area, group, type and year would contradict
        key = tuple(
            target[k] for k in ("indicator_id", "area_code", "grp", "type", "target_period")
        )
        if key in keys:
            r.problem(
                "indicator",
                f"ein Ziel je Indikator/Gebiet/Gruppe/Typ/Zieljahr (doppelt mit Zeile {keys[key]})",
                "/".join(map(str, key)),
            )
        keys.setdefault(key, r.line)
        rows.append(target)
    if not rows:
        problems.append(Problem(table.file, None, None, "mindestens eine Datenzeile", "keine"))
    return pd.DataFrame(rows), problems
