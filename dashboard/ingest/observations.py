"""Validate observations: the canonical long format, and the rows other formats produce."""

from __future__ import annotations

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem
from dashboard.gc_pause import gc_paused
from dashboard.ingest import columns
from dashboard.ingest.observation_candidates import OUTPUT_COLUMNS, Candidates, Record
from dashboard.ingest.observation_checks import Validation
from dashboard.ingest.rows import header_map
from dashboard.ingest.tables import Cell, RawTable, cell_text

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


def validate_records(
    records: list[Record], catalogue: Catalogue, file: str, new_groups: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every record against the catalogues; return the clean frame and all problems.

    ``new_groups`` are groups the file itself introduces (category columns of a statistics
    table); they are accepted for any indicator.
    """
    names = ("indicator", "area", "period", "group", "value", "numerator", "denominator", "flag")
    candidates = Candidates(
        row=[r.row for r in records],
        indicator=[r.indicator for r in records],
        area=[r.area for r in records],
        period=[r.period for r in records],
        group=[r.group for r in records],
        value=[r.value for r in records],
        numerator=[r.numerator for r in records],
        denominator=[r.denominator for r in records],
        flag=[r.flag for r in records],
        source=[r.source for r in records],
        row_names={name: [r.column(name) for r in records] for name in names},
    )
    return validate_candidates(candidates, catalogue, file, new_groups)


@gc_paused
def validate_candidates(
    c: Candidates, catalogue: Catalogue, file: str, new_groups: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check all candidates at once (same rules and messages as one by one); every problem."""
    return Validation(c, catalogue, file, new_groups or set()).run()


@gc_paused
def parse_canonical(table: RawTable, catalogue: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a table in the canonical long format; every problem is reported."""
    positions, names, problems = header_map(table, CANONICAL_COLUMNS, COLUMN_ALIASES)
    if not positions:  # not one known column: prose, or another kind of table
        expected = "eine Tabelle im Langformat (Spalten indicator, area, period, value …)"
        found = "keine Tabelle erkannt (keine bekannte Spalte in Zeile 1)"
        problem = Problem(table.file, table.line_numbers[0], None, expected, found)
        return pd.DataFrame(columns=[*OUTPUT_COLUMNS, "_row"]), [problem]
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
    width = len(table.rows[0])
    kept: list[list[Cell]] = []
    lines: list[int] = []
    if set(map(len, table.rows[1:])) <= {width}:  # the usual case: every row is complete
        kept, lines = table.rows[1:], table.line_numbers[1:]
    else:
        for row, line in zip(table.rows[1:], table.line_numbers[1:], strict=True):
            if len(row) > width:
                problems.append(Problem(table.file, line, None, f"{width} Spalten", f"{len(row)}"))
                continue
            kept.append(row if len(row) == width else row + [None] * (width - len(row)))
            lines.append(line)
    cells = list(zip(*kept, strict=True)) if kept else [() for _ in range(width)]

    def get(name: str) -> tuple[Cell, ...] | None:
        return cells[positions[name]] if name in positions else None

    n = len(kept)
    # no source column: None, which Validation reads as every source None (no pass over rows)
    source = get("source")
    sources = None if source is None else columns.map_cells(lambda s: cell_text(s) or None, source)
    group = columns.texts(get("group"), n)
    group[group == ""] = "insgesamt"
    candidates = Candidates(
        row=lines,
        indicator=columns.texts(get("indicator"), n),
        area=columns.texts(get("area"), n),
        period=get("period") or (None,) * n,
        group=group,
        value=get("value"),
        numerator=get("numerator"),
        denominator=get("denominator"),
        flag=None if get("flag") is None else columns.texts(get("flag"), n),
        source=sources,
        names=names,
    )
    frame, more = validate_candidates(candidates, catalogue, table.file)
    return frame, problems + more
