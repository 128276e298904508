"""The city's statistics layout (SMS tables): title rows, multi-row headers, area rows.

Rows are labelled ``61 Coerde`` or by name with the number in a second column; aggregate rows
(``Nord``, ``Innenstadtring``, ``Stadt Münster``) and ``nicht zuzuordnen`` resolve through the
area catalogue's names and aliases. Columns are years (one period each) or categories (groups
of one period, given by the caller or found in the title rows).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.catalogues import Catalogue, normalise_name, slugify
from dashboard.errors import Problem
from dashboard.ingest.cells import parse_number
from dashboard.ingest.gc_pause import gc_paused
from dashboard.ingest.observations import Candidates, validate_candidates
from dashboard.ingest.tables import RawTable, cell_text

_CODE_LABEL = re.compile(r"^(?P<code>\d{2,3})\s+(?P<name>\S.*)$")
_CODE = re.compile(r"^\d{1,3}$")
_FOOTNOTE = re.compile(r"(?<=\S)\s+\d{1,2}\)$|\*+$")
_YEAR = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.)?((?:19|20)\d{2})(?!\d)")
_CODE_HEADERS = ("nummer", "nr", "schlüssel", "schluessel", "code", "kennziffer")
TOTAL_HEADERS = {"gesamt", "insgesamt", "summe", "zusammen", "total"}


@dataclass
class StatsResult:
    """Parsed statistics table: observations, problems, and the reconciliation basis."""

    frame: pd.DataFrame
    problems: list[Problem]
    group_labels: dict[str, str]


@dataclass
class _Cells:
    """Value cells of the area rows, column by column (one entry per area × value column)."""

    row: list[int] = field(default_factory=list)
    area: list[str] = field(default_factory=list)
    value: list[object] = field(default_factory=list)

    def candidates(
        self,
        indicator_id: str,
        columns: dict[int, tuple[int | None, str, str]],
        label_header: str,
        file: str,
    ) -> Candidates:
        """The cells as candidate observations; period and group come from the column."""
        rows = len(self.row) // max(len(columns), 1)
        specs = list(columns.values())
        headers = [h for _, _, h in specs] * rows
        return Candidates(
            row=self.row,
            indicator=[indicator_id] * len(self.row),
            area=self.area,
            period=[p for p, _, _ in specs] * rows,
            group=[g for _, g, _ in specs] * rows,
            value=self.value,
            source=[file] * len(self.row),
            names={"area": label_header},
            row_names={"value": headers, "group": headers},
        )


def group_id(header: str) -> str:
    """Stable group id from a category header: 'Gesamt' → insgesamt, '0 - 9' → g_0_9."""
    if normalise_name(header) in TOTAL_HEADERS:
        return "insgesamt"
    slug = slugify(header)
    return slug if slug[:1].isalpha() else f"g_{slug}"


def _label_columns(table: RawTable, catalogue: Catalogue) -> int:
    """1 when rows read '61 Coerde', 2 when a name column is followed by a number column."""
    votes = 0
    for row in table.rows:
        first = cell_text(row[0]) if row else ""
        second = cell_text(row[1]) if len(row) > 1 else ""
        if normalise_name(second) in _CODE_HEADERS or any(
            h in normalise_name(second) for h in ("nummer", "schlüssel")
        ):
            return 2
        if _CODE_LABEL.match(first) and catalogue.resolve_area(_CODE_LABEL.match(first)["code"]):
            votes -= 1
        elif (
            _CODE.match(second) and catalogue.resolve_area(second) and catalogue.resolve_area(first)
        ):
            votes += 1
    return 2 if votes > 0 else 1


def _resolve(row: list[object], label_cols: int, catalogue: Catalogue) -> tuple[str | None, str]:
    """Area code of a row (None if the row is not an area) and its label for messages."""
    first = cell_text(row[0]) if row else ""
    if label_cols == 2:
        second = cell_text(row[1]) if len(row) > 1 else ""
        if second:
            return catalogue.resolve_area(second), f"{second} {first}".strip()
        return catalogue.resolve_area(first), first
    match = _CODE_LABEL.match(first)
    if match and catalogue.resolve_area(match["code"]):
        return catalogue.resolve_area(match["code"]), first
    return catalogue.resolve_area(first), first


def _header_text(cell: object) -> str:
    """Header cell as text; Excel turns a typed '31.12.2014' into a date, we want the year."""
    if isinstance(cell, dt.date):
        return str(cell.year)
    return _FOOTNOTE.sub("", cell_text(cell)).strip()


def _column_headers(head_rows: list[list[object]], label_cols: int, width: int) -> list[str]:
    """One header text per column from several header rows.

    A cell spanning several columns (merged in XLSX, or written once in CSV) is carried to
    the right; a spanning cell that is the only text of its row over the columns below it is
    a title, not a category, and is dropped; a vertically merged cell counts once.
    """
    grid = [[_header_text(r[j]) if j < len(r) else "" for j in range(width)] for r in head_rows]
    parts: list[list[str]] = [[grid[i][j] for i in range(len(grid))] for j in range(width)]
    for i in range(len(grid) - 1):
        filled = list(grid[i])
        for j in range(label_cols + 1, width):
            if not filled[j]:
                filled[j] = filled[j - 1]
        below = [
            j
            for j in range(label_cols, width)
            if any(grid[k][j] and grid[k][j] != filled[j] for k in range(i + 1, len(grid)))
        ]
        texts = {filled[j] for j in below if filled[j]}
        for j in range(label_cols, width):
            if len(texts) == 1 and filled[j] in texts:
                parts[j][i] = ""
            elif j in below:
                parts[j][i] = filled[j]
    headers = []
    for column in parts:
        kept: list[str] = []
        for text in column:
            if text and (not kept or kept[-1] != text):
                kept.append(text)
        headers.append(" ".join(kept))
    return headers


def _has_numbers(row: list[object], start: int) -> bool:
    return any(
        cell_text(c) and parse_number(c) is not None and parse_number(c).value is not None
        for c in row[start:]
    )


@gc_paused
def parse_stats(
    table: RawTable,
    catalogue: Catalogue,
    indicator_id: str,
    period: int | None = None,
) -> StatsResult:
    """Turn one statistics-layout table into validated observations of one indicator."""
    file = table.file
    problems: list[Problem] = []
    empty = StatsResult(pd.DataFrame(), problems, {})
    label_cols = _label_columns(table, catalogue)
    first_data = next(
        (
            i
            for i, row in enumerate(table.rows)
            if _resolve(row, label_cols, catalogue)[0] is not None and _has_numbers(row, label_cols)
        ),
        None,
    )
    if first_data is None:
        problems.append(
            Problem(file, None, None, "Zeilen mit Gebieten wie „61 Coerde“", "keine erkannt")
        )
        return empty
    width = max(len(r) for r in table.rows)
    head_rows = [r for r in table.rows[:first_data] if any(cell_text(c) for c in r[label_cols:])]
    title_rows = [r for r in table.rows[:first_data] if r not in head_rows]
    headers = _column_headers(head_rows, label_cols, width)
    if not head_rows:
        problems.append(
            Problem(file, table.line_numbers[first_data], None, "Kopfzeilen mit Jahren", "keine")
        )
        return empty
    title_years = {y for r in title_rows for c in r for y in _YEAR.findall(cell_text(c))}
    default_period = period
    if default_period is None and len(title_years) == 1:
        default_period = int(next(iter(title_years)))

    value_cols = [j for j in range(label_cols, width) if headers[j]]
    # text shared by every value header (a spanning title row) says nothing about one column
    shared = (
        set.intersection(*(set(headers[j].split()) for j in value_cols)) if value_cols else set()
    )
    columns: dict[int, tuple[int | None, str, str]] = {}
    group_labels: dict[str, str] = {}
    seen: dict[tuple[int | None, str], int] = {}
    head_line = table.line_numbers[table.rows.index(head_rows[-1])]
    for j in value_cols:
        years = _YEAR.findall(headers[j])
        rest = " ".join(w for w in _YEAR.sub(" ", headers[j]).split() if w not in shared)
        col_period = int(years[0]) if len(set(years)) == 1 else default_period
        if len(set(years)) > 1:
            problems.append(Problem(file, head_line, headers[j], "ein Jahr je Spalte", headers[j]))
        if col_period is None:
            problems.append(
                Problem(
                    file,
                    head_line,
                    headers[j],
                    "ein Jahr im Kopf, im Titel oder --period",
                    "keines",
                )
            )
            continue
        grp = group_id(rest) if rest.strip(" .,:;()") else "insgesamt"
        if grp != "insgesamt":
            group_labels.setdefault(grp, rest)
        if (col_period, grp) in seen:
            problems.append(
                Problem(file, head_line, headers[j], "jede Periode/Gruppe nur einmal", "doppelt")
            )
            continue
        seen[(col_period, grp)] = j
        columns[j] = (col_period, grp, headers[j])
    label_header = headers[0] or "Gebiet"
    cells = _Cells()
    rows = list(zip(table.rows[first_data:], table.line_numbers[first_data:], strict=True))
    last_area = max(i for i, (r, _) in enumerate(rows) if _resolve(r, label_cols, catalogue)[0])
    seen_areas: dict[str, int] = {}
    for i, (row, line) in enumerate(rows):
        code, label = _resolve(row, label_cols, catalogue)
        if code is None:
            if i > last_area and not _has_numbers(row, label_cols):
                continue  # footnotes and source lines below the table
            problems.append(
                Problem(file, line, label_header, "ein Gebiet aus dem Katalog", repr(label))
            )
            continue
        if code in seen_areas:
            problems.append(
                Problem(
                    file,
                    line,
                    label_header,
                    f"jedes Gebiet nur einmal (schon Zeile {seen_areas[code]})",
                    repr(label),
                )
            )
            continue
        seen_areas[code] = line
        name = cell_text(row[0])
        name = _CODE_LABEL.match(name)["name"] if _CODE_LABEL.match(name) else name
        if name and catalogue.resolve_area(name) not in (None, code):
            problems.append(
                Problem(
                    file,
                    line,
                    label_header,
                    f"Name passend zu Nummer {code}",
                    repr(name),
                    "warning",
                )
            )
        for j in range(label_cols, len(row)):
            if j not in columns and not headers[j] and cell_text(row[j]):
                problems.append(
                    Problem(
                        file,
                        line,
                        f"Spalte {j + 1}",
                        "Werte nur unter einer Überschrift",
                        repr(cell_text(row[j])),
                    )
                )
        width_row = len(row)
        cells.row.extend([line] * len(columns))
        cells.area.extend([code] * len(columns))
        cells.value.extend(row[j] if j < width_row else None for j in columns)
    candidates = cells.candidates(indicator_id, columns, label_header, file)
    frame, more = validate_candidates(candidates, catalogue, file, set(group_labels))
    return StatsResult(frame, problems + more, group_labels)
