"""Named-column tables (targets, measures): header mapping and typed access to one row."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dashboard.errors import Problem
from dashboard.ingest.cells import NUMBER_EXPECTED, parse_number, parse_period
from dashboard.ingest.tables import Cell, RawTable, cell_text

_SPLIT = re.compile(r"\s*[;,|]\s*")
_DE_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(cell: Cell) -> dt.date | None:
    """A date from an XLSX date, 'TT.MM.JJJJ' or 'JJJJ-MM-TT'; raises ValueError otherwise."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = cell_text(cell)
    if not text:
        return None
    match = _DE_DATE.match(text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return dt.date.fromisoformat(text)


def header_map(
    table: RawTable, canonical: list[str], aliases: dict[str, str]
) -> tuple[dict[str, int], dict[str, str], list[Problem]]:
    """Map canonical names to column positions from the first row; report unknown/duplicates."""
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    names: dict[str, str] = {}
    line = table.line_numbers[0]
    for i, raw in enumerate(cell_text(c) for c in table.rows[0]):
        key = raw.strip().lower().replace(" ", "_")
        key = aliases.get(key, key)
        if key in positions:
            problems.append(Problem(table.file, line, raw, "jede Spalte nur einmal", "doppelt"))
        elif key in canonical:
            positions[key], names[key] = i, raw
        elif raw:
            problems.append(
                Problem(table.file, line, raw, "eine bekannte Spalte", "unbekannt", "warning")
            )
    return positions, names, problems


def require_columns(
    table: RawTable, positions: dict[str, int], required: tuple[str, ...]
) -> list[Problem]:
    """One problem per required column the header lacks."""
    return [
        Problem(table.file, table.line_numbers[0], col, f"eine Spalte „{col}“", "keine")
        for col in required
        if col not in positions
    ]


@dataclass
class RowReader:
    """Typed access to one data row by canonical column name; problems go to a shared list."""

    file: str
    line: int
    row: list[Cell]
    positions: dict[str, int]
    names: dict[str, str]
    problems: list[Problem]

    def get(self, name: str) -> Cell:
        """The raw cell (None when the column is absent)."""
        pos = self.positions.get(name)
        return self.row[pos] if pos is not None and pos < len(self.row) else None

    def column(self, name: str) -> str:
        """The file's own name of a canonical column."""
        return self.names.get(name, name)

    def problem(self, name: str, expected: str, found: object) -> None:
        """Record a problem in this row."""
        self.problems.append(
            Problem(self.file, self.line, self.column(name), expected, repr(found))
        )

    def text(self, name: str) -> str | None:
        """Stripped text, None when empty."""
        return cell_text(self.get(name)) or None

    def number(self, name: str) -> float | None:
        """A number in German or plain format; None when empty."""
        cell = self.get(name)
        if cell_text(cell) == "":
            return None
        parsed = parse_number(cell)
        if parsed is None or parsed.value is None:
            self.problem(name, NUMBER_EXPECTED, cell)
            return None
        return parsed.value

    def year(self, name: str) -> int | None:
        """A year (or reference date); None when empty."""
        cell = self.get(name)
        if cell_text(cell) == "":
            return None
        value = parse_period(cell)
        if value is None:
            self.problem(name, "ein Jahr", cell)
        return value

    def date(self, name: str) -> dt.date | None:
        """A date; None when empty."""
        try:
            return parse_date(self.get(name))
        except ValueError:
            self.problem(name, "ein Datum TT.MM.JJJJ", self.get(name))
            return None

    def items(self, name: str) -> list[str]:
        """A list written as 'a; b; c' (also ',' or '|')."""
        return [s for s in _SPLIT.split(cell_text(self.get(name))) if s]


def data_rows(
    table: RawTable, positions: dict[str, int], names: dict[str, str], problems: list[Problem]
) -> list[RowReader]:
    """A reader for every data row below the header."""
    return [
        RowReader(table.file, line, row, positions, names, problems)
        for row, line in zip(table.rows[1:], table.line_numbers[1:], strict=True)
    ]
