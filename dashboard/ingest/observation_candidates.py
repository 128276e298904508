"""Candidate observations before validation: one record, or whole columns at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from dashboard.ingest.tables import Cell

OUTPUT_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip


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


@dataclass
class Candidates:
    """Candidate observations column by column: texts for the keys, raw cells for numbers.

    ``names`` maps canonical fields to the file's column names; ``row_names`` overrides them
    per row where columns differ by row (the statistics layout: one header per value column).
    """

    row: Sequence[int]
    indicator: Sequence[str]
    area: Sequence[str]
    period: Sequence[Cell]
    group: Sequence[str] | None = None
    value: Sequence[Cell] | None = None
    numerator: Sequence[Cell] | None = None
    denominator: Sequence[Cell] | None = None
    flag: Sequence[str] | None = None
    source: Sequence[str | None] | None = None
    names: dict[str, str] = field(default_factory=dict)
    row_names: dict[str, Sequence[str]] = field(default_factory=dict)

    def column(self, i: int, name: str) -> str:
        """The file's column name of a canonical field in candidate ``i``."""
        if name in self.row_names:
            return self.row_names[name][i]
        return self.names.get(name, name)
