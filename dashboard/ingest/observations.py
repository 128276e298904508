"""Validate observations: the canonical long format, and the rows other formats produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem
from dashboard.ingest.cells import (
    FLAGS,
    NUMBER_EXPECTED,
    Parsed,
    parse_number,
    parse_period,
)
from dashboard.ingest.rows import header_map
from dashboard.ingest.tables import Cell, RawTable, cell_text

OUTPUT_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
CANONICAL_COLUMNS = [
    "indicator", "area", "period", "group", "value", "numerator", "denominator", "flag", "source",
]  # fmt: skip
COLUMN_ALIASES = {
    "indikator": "indicator", "indicator_id": "indicator",
    "gebiet": "area", "area_code": "area", "stadtteil": "area", "code": "area",
    "periode": "period", "jahr": "period", "stichtag": "period",
    "gruppe": "group", "grp": "group",
    "wert": "value",
    "zaehler": "numerator", "zähler": "numerator",
    "nenner": "denominator",
    "kennzeichen": "flag", "flagge": "flag",
    "quelle": "source",
}  # fmt: skip
REQUIRED = ("indicator", "area", "period")
AGGREGATE_LEVELS = {"stadt", "stadtbezirk", "teilbereich", "nicht_zuzuordnen"}


@dataclass
class Record:
    """One candidate observation and where its cells came from, for error messages."""

    row: int
    indicator: str
    area: str
    period: Cell
    group: str = "insgesamt"
    value: Cell = None
    numerator: Cell = None
    denominator: Cell = None
    flag: str = ""
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """The file's column name for a canonical field."""
        return self.columns.get(name, name)


def _number(
    rec: Record, name: str, cell: Cell, file: str, problems: list[Problem]
) -> Parsed | None:
    if cell is None or cell_text(cell) == "":
        return None
    parsed = parse_number(cell)
    if parsed is None:
        problems.append(Problem(file, rec.row, rec.column(name), NUMBER_EXPECTED, repr(cell)))
    return parsed


def _factor(indicator: dict[str, Any]) -> float:
    unit = str(indicator["unit"])
    return 1000.0 if "1000" in unit or "1.000" in unit else 100.0


def validate_records(
    records: list[Record], catalogue: Catalogue, file: str, new_groups: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every record against the catalogues; return the clean frame and all problems.

    ``new_groups`` are groups the file itself introduces (category columns of a statistics
    table); they are accepted for any indicator.
    """
    problems: list[Problem] = []
    out: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int, str], int] = {}
    levels = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    indicators = {r["id"]: r for r in catalogue.indicators.to_dict("records")}
    for rec in records:
        before = len(problems)

        def bad(name: str, expected: str, found: object, rec: Record = rec) -> None:
            problems.append(Problem(file, rec.row, rec.column(name), expected, repr(found)))

        ind = indicators.get(rec.indicator)
        if ind is None:
            bad("indicator", "eine Indikator-ID aus dem Katalog", rec.indicator)
        elif ind["numerator_id"] is not None:
            bad(
                "indicator",
                "einen gespeicherten Indikator (abgeleitete werden berechnet)",
                rec.indicator,
            )
        code = catalogue.resolve_area(rec.area)
        if code is None:
            bad("area", "einen Gebietsschlüssel oder -namen aus dem Katalog", rec.area)
        elif ind is not None:
            allowed = set(ind["levels"])
            if "stadtteil" in allowed:
                allowed |= AGGREGATE_LEVELS
            if levels[code] not in allowed:
                bad(
                    "area",
                    "eine Ebene aus " + ", ".join(ind["levels"]),
                    f"{rec.area} ({levels[code]})",
                )
        period = parse_period(rec.period)
        if period is None:
            bad("period", "ein Jahr (z. B. 2014 oder 31.12.2014)", rec.period)
        group = rec.group or "insgesamt"
        if ind is not None and group not in ind["groups"] and group not in (new_groups or ()):
            bad("group", "eine Gruppe aus " + ", ".join(ind["groups"]), group)
        value = _number(rec, "value", rec.value, file, problems)
        num = _number(rec, "numerator", rec.numerator, file, problems)
        den = _number(rec, "denominator", rec.denominator, file, problems)
        flag = rec.flag.strip().lower() if rec.flag else ""
        if flag and flag not in FLAGS:
            bad("flag", "ein Kennzeichen aus " + ", ".join(sorted(FLAGS)), rec.flag)
        flag = flag or next((p.flag for p in (value, num, den) if p and p.flag), None) or ""
        v = value.value if value else None
        n = num.value if num else None
        d = den.value if den else None
        if v is None and n is not None and d not in (None, 0) and ind is not None:
            v = n / d * (_factor(ind) if ind["kind"] in ("share", "rate") else 1.0)
        unparsed = cell_text(rec.value) != "" and value is None
        if v is None and flag in ("", "not_available", "corrected", "provisional", "estimated"):
            if flag != "not_available" and not unparsed:
                bad("value", "einen Wert oder ein Kennzeichen wie „.“ (geheim)", rec.value)
            flag = flag or "not_available"
        if ind is not None:
            if ind["kind"] == "count" and v is not None and v < 0:
                bad("value", "eine Anzahl ≥ 0", v)
            if ind["kind"] == "share" and v is not None and not 0 <= v <= 100:
                bad("value", "einen Anteil zwischen 0 und 100", v)
        for name, x in (("numerator", n), ("denominator", d)):
            if x is not None and x < 0:
                bad(name, "eine Anzahl ≥ 0", x)
        if n is not None and d is not None and ind is not None and ind["kind"] == "share" and n > d:
            bad("numerator", f"höchstens den Nenner ({d:g})", n)
        if len(problems) > before or code is None or period is None or ind is None:
            continue
        key = (rec.indicator, code, period, group)
        if key in seen:
            bad(
                "area", f"eindeutige Zeile (doppelt mit Zeile {seen[key]})", "/".join(map(str, key))
            )
            continue
        seen[key] = rec.row
        out.append(
            {
                "indicator_id": rec.indicator,
                "area_code": code,
                "period": period,
                "grp": group,
                "value": v,
                "numerator": n,
                "denominator": d,
                "flag": flag or None,
                "source": rec.source or None,
                "_row": rec.row,
            }
        )
    frame = pd.DataFrame(out, columns=[*OUTPUT_COLUMNS, "_row"])
    frame = frame.astype({"value": "float64", "numerator": "float64", "denominator": "float64"})
    return frame, problems


def parse_canonical(table: RawTable, catalogue: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a table in the canonical long format; every problem is reported."""
    positions, names, problems = header_map(table, CANONICAL_COLUMNS, COLUMN_ALIASES)
    missing = [c for c in REQUIRED if c not in positions]
    if "value" not in positions and "numerator" not in positions:
        missing.append("value")
    for col in missing:
        problems.append(
            Problem(table.file, table.line_numbers[0], col, f"eine Spalte „{col}“", "keine")
        )
    if missing:
        return pd.DataFrame(columns=[*OUTPUT_COLUMNS, "_row"]), problems
    if len(table.rows) < 2:
        problems.append(Problem(table.file, None, None, "mindestens eine Datenzeile", "keine"))
    records: list[Record] = []
    for row, line in zip(table.rows[1:], table.line_numbers[1:], strict=True):

        def get(name: str, row: list[Cell] = row) -> Cell:
            pos = positions.get(name)
            return row[pos] if pos is not None and pos < len(row) else None

        if len(row) > len(table.rows[0]):
            problems.append(
                Problem(table.file, line, None, f"{len(table.rows[0])} Spalten", f"{len(row)}")
            )
            continue
        records.append(
            Record(
                row=line,
                indicator=cell_text(get("indicator")),
                area=cell_text(get("area")),
                period=get("period"),
                group=cell_text(get("group")) or "insgesamt",
                value=get("value"),
                numerator=get("numerator"),
                denominator=get("denominator"),
                flag=cell_text(get("flag")),
                source=cell_text(get("source")) or None,
                columns=names,
            )
        )
    frame, more = validate_records(records, catalogue, table.file)
    return frame, problems + more
