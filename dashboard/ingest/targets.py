"""Targets from CSV/XLSX: absolute, relative change, direction only, and parity."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.catalogues import TARGET_TYPES, Catalogue
from dashboard.errors import Problem
from dashboard.ingest.cells import NUMBER_EXPECTED, parse_number, parse_period
from dashboard.ingest.observations import header_map
from dashboard.ingest.tables import Cell, RawTable, cell_text

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
    return issues


def parse_targets(
    table: RawTable, catalogue: Catalogue, by: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a targets table; every problem is reported."""
    positions, names, problems = header_map(table, TARGET_FILE_COLUMNS, TARGET_ALIASES)
    for col in ("indicator", "type", "target_period"):
        if col not in positions:
            problems.append(
                Problem(table.file, table.line_numbers[0], col, f"eine Spalte „{col}“", "keine")
            )
    if any(p.severity == "error" for p in problems):
        return pd.DataFrame(), problems
    rows: list[dict[str, Any]] = []
    for row, line in zip(table.rows[1:], table.line_numbers[1:], strict=True):

        def get(name: str, row: list[Cell] = row) -> Cell:
            pos = positions.get(name)
            return row[pos] if pos is not None and pos < len(row) else None

        def col(name: str) -> str:
            return names.get(name, name)

        def number(name: str, line: int = line) -> float | None:
            cell = get(name)
            if cell_text(cell) == "":
                return None
            parsed = parse_number(cell)
            if parsed is None or parsed.value is None:
                problems.append(Problem(table.file, line, col(name), NUMBER_EXPECTED, repr(cell)))
                return None
            return parsed.value

        def year(name: str, line: int = line) -> int | None:
            cell = get(name)
            if cell_text(cell) == "":
                return None
            value = parse_period(cell)
            if value is None:
                problems.append(Problem(table.file, line, col(name), "ein Jahr", repr(cell)))
            return value

        area_text = cell_text(get("area"))
        area = None
        if area_text and area_text.lower() not in ("alle", "alle stadtteile", "*"):
            area = catalogue.resolve_area(area_text)
            if area is None:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        col("area"),
                        "ein Gebiet oder leer (alle Stadtteile)",
                        repr(area_text),
                    )
                )
        kind = cell_text(get("type")).lower()
        indicator = cell_text(get("indicator"))
        ind = catalogue.indicator(indicator)
        reference = cell_text(get("reference_indicator")) or None
        if kind in ("parity", "parität", "paritaet") and reference is None and ind is not None:
            reference = ind["parity_reference"]
        target = {
            "indicator_id": indicator,
            "area_code": area,
            "grp": cell_text(get("group")) or "insgesamt",
            "type": TYPE_ALIASES.get(kind, kind),
            "value": number("value"),
            "reference_indicator": reference,
            "reference_grp": cell_text(get("reference_group")) or None,
            "baseline_period": year("baseline_period"),
            "baseline_value": number("baseline_value"),
            "target_period": year("target_period"),
            "goal_id": cell_text(get("goal")) or None,
            "note": cell_text(get("note")) or None,
            "is_demo": False,
            "created_by": by,
        }
        for column, expected, found in check_target(target, catalogue):
            problems.append(Problem(table.file, line, col(column), expected, repr(found)))
        rows.append(target)
    if not rows:
        problems.append(Problem(table.file, None, None, "mindestens eine Datenzeile", "keine"))
    return pd.DataFrame(rows), problems
