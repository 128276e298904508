"""The city's statistics layout (SMS tables): title rows, multi-row headers, area rows.

Rows are labelled ``61 Coerde`` or by name with the number in a second column; aggregate rows
(``Nord``, ``Innenstadtring``, ``Stadt Münster``) and ``nicht zuzuordnen`` resolve through the
area catalogue's names and aliases. Columns are years (one period each) or categories (groups
of one period, given by the caller or found in the title rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.catalogues import Catalogue, normalise_name, slugify
from dashboard.errors import Problem
from dashboard.gc_pause import gc_paused
from dashboard.ingest.area_hint import unknown_area_expected
from dashboard.ingest.cells import parse_number
from dashboard.ingest.group_map import group_in_text
from dashboard.ingest.observations import Candidates, validate_candidates
from dashboard.ingest.plausibility import unit_problem
from dashboard.ingest.stats_header import (
    ColumnPlan,
    ColumnSpec,
    Head,
    column_headers,
    plan_columns,
    sort_head,
)
from dashboard.ingest.tables import RawTable, cell_text

_CODE_LABEL = re.compile(r"^(?P<code>\d{2,3})\s+(?P<name>\S.*)$")
_CODE = re.compile(r"^\d{1,3}$")
_CODE_HEADERS = ("nummer", "nr", "schlüssel", "schluessel", "code", "kennziffer")
TOTAL_HEADERS = {"gesamt", "insgesamt", "summe", "zusammen", "total"}


@dataclass
class StatsLayout:
    """What the importer recognised in a statistics table (shown before anything is written)."""

    sheet: str | None = None
    other_sheets: list[str] = field(default_factory=list)
    title: str = ""
    unit: str | None = None
    year_columns: list[str] = field(default_factory=list)
    category_columns: list[str] = field(default_factory=list)
    skipped_totals: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    file_group: str | None = None
    areas: int = 0
    source: str | None = None
    notes: list[str] = field(default_factory=list)
    series_break: int | None = None


@dataclass
class StatsResult:
    """Parsed statistics table: observations, problems, and the reconciliation basis."""

    frame: pd.DataFrame
    problems: list[Problem]
    group_labels: dict[str, str]  # always empty now: every group is a catalogue group
    layout: StatsLayout = field(default_factory=StatsLayout)


@dataclass
class _Cells:
    """Value cells of the area rows, column by column (one entry per area × value column)."""

    row: list[int] = field(default_factory=list)
    area: list[str] = field(default_factory=list)
    value: list[object] = field(default_factory=list)

    def candidates(
        self,
        indicator_id: str,
        columns: dict[int, ColumnSpec],
        label_header: str,
        source: str,
    ) -> Candidates:
        """The cells as candidate observations; period and group come from the column."""
        rows = len(self.row) // max(len(columns), 1)
        specs = list(columns.values())
        headers = [c.header for c in specs] * rows
        return Candidates(
            row=self.row,
            indicator=[indicator_id] * len(self.row),
            area=self.area,
            period=[c.period for c in specs] * rows,
            group=[c.group for c in specs] * rows,
            value=self.value,
            source=[source] * len(self.row),
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


def _has_numbers(row: list[object], start: int) -> bool:
    """A number or an official symbol ('.' secret …) in a value cell: a row of data."""
    return any(cell_text(c) and parse_number(c) is not None for c in row[start:])


_SOURCE = re.compile(r"^\s*quelle\s*:\s*", re.IGNORECASE)
_LEGEND = re.compile(r"^\s*zeichenerkl", re.IGNORECASE)
_BREAK = re.compile(
    r"definitions?änderung|geänderte definition|neue definition|methodenwechsel|"
    r"methodenänderung|zeitreihenbruch|bruch in der zeitreihe",
    re.IGNORECASE,
)
_FROM_YEAR = re.compile(r"\b(?:ab|seit)\s+(?:dem\s+)?(?:\d{1,2}\.\d{1,2}\.)?((?:19|20)\d{2})")


def read_notes(texts: list[str], layout: StatsLayout) -> None:
    """Source line, notes and a series break from the lines below the table."""
    for text in texts:
        if _SOURCE.match(text):
            layout.source = _SOURCE.sub("", text).strip() or None
        elif not _LEGEND.match(text):
            layout.notes.append(text)
            year = _FROM_YEAR.search(text)
            if _BREAK.search(text) and year:
                layout.series_break = int(year[1])


def _file_group(
    table: RawTable, title: str, explicit: str | None, file: str, problems: list[Problem]
) -> str | None:
    """The group the whole table is in: --group, else the sheet name, else the title."""
    named = [g for g in (group_in_text(table.sheet or ""), group_in_text(title)) if g]
    if explicit and any(g != explicit for g in named):
        said = ", ".join(sorted(set(named)))
        problems.append(
            Problem(file, None, "--group", f"die Gruppe des Blatts/Titels ({said})", explicit)
        )
    return explicit or (named[0] if named else None)


def _is_area_row(row: list[object], label_cols: int, catalogue: Catalogue) -> bool:
    """A known area, or a row labelled with a code ('982 Zelle'): an area row either way."""
    if _resolve(row, label_cols, catalogue)[0] is not None:
        return True
    first = cell_text(row[0]) if row else ""
    second = cell_text(row[1]) if len(row) > 1 and label_cols == 2 else ""
    return bool(_CODE_LABEL.match(first) or _CODE.match(second))


def _first_data(table: RawTable, label_cols: int, catalogue: Catalogue) -> int | None:
    return next(
        (
            i
            for i, row in enumerate(table.rows)
            if _is_area_row(row, label_cols, catalogue) and _has_numbers(row, label_cols)
        ),
        None,
    )


def _table_head(
    table: RawTable,
    label_cols: int,
    catalogue: Catalogue,
    indicator: dict,
    out: tuple[StatsLayout, list[Problem]],
) -> tuple[int, Head] | None:
    """The first data row and the head above it (title, unit, year rows); None if missing."""
    layout, problems = out
    file = table.file
    first_data = _first_data(table, label_cols, catalogue)
    if first_data is None or max(len(r) for r in table.rows) < 2:
        problems.append(
            Problem(
                file,
                None,
                None,
                "eine Tabelle mit Gebietszeilen wie „61 Coerde“",
                "keine Tabelle erkannt",
            )
        )
        return None
    head = sort_head(table.rows[:first_data], table.line_numbers[:first_data], label_cols)
    layout.title, layout.unit = head.title, head.unit
    if not head.header_rows:
        problems.append(
            Problem(file, table.line_numbers[first_data], None, "Kopfzeilen mit Jahren", "keine")
        )
        return None
    if head.unit is not None:
        wrong = unit_problem(file, head.unit_line, None, head.unit, indicator)
        if wrong is not None:
            problems.append(wrong)
    return first_data, head


@gc_paused
def parse_stats(
    table: RawTable,
    catalogue: Catalogue,
    indicator_id: str,
    period: int | None = None,
    group: str | None = None,
) -> StatsResult:
    """Turn one statistics-layout table into validated observations of one indicator."""
    file = table.file
    problems: list[Problem] = []
    layout = StatsLayout(sheet=table.sheet, other_sheets=list(table.other_sheets))
    empty = StatsResult(pd.DataFrame(), problems, {}, layout)
    indicator = catalogue.indicator(indicator_id) or {
        "id": indicator_id,
        "groups": ["insgesamt"],
        "kind": "",
        "unit": "",
    }
    label_cols = _label_columns(table, catalogue)
    found = _table_head(table, label_cols, catalogue, indicator, (layout, problems))
    if found is None:
        return empty
    first_data, head = found
    width = max(len(r) for r in table.rows)
    headers = column_headers(head.header_rows, label_cols, width)
    default_period = period
    if default_period is None and len(head.title_years) == 1:
        default_period = next(iter(head.title_years))
    file_group = _file_group(table, head.title, group, file, problems)
    value_cols = [j for j in range(label_cols, width) if headers[j]]
    plan = plan_columns(
        headers, value_cols, (file, head.header_line, indicator, default_period, file_group),
        head.unit,
    )  # fmt: skip
    problems += plan.problems
    _note_plan(layout, plan)
    skipped = {j for j in value_cols if headers[j] in plan.skipped_totals}
    cells, below = _read_rows(
        table, first_data, label_cols, headers, plan.columns, skipped, catalogue, problems
    )
    read_notes(below, layout)
    layout.areas = len(set(cells.area))
    label_header = headers[0] or "Gebiet"
    source = layout.source or file
    candidates = cells.candidates(indicator_id, plan.columns, label_header, source)
    frame, more = validate_candidates(candidates, catalogue, file)
    frame["note"] = "; ".join(layout.notes) or None
    frame["series_break"] = frame["period"] == layout.series_break
    return StatsResult(frame, problems + more, {}, layout)


def _note_plan(layout: StatsLayout, plan: ColumnPlan) -> None:
    """Record in the layout what the column plan found: unit, year and category columns."""
    layout.unit = plan.unit
    layout.year_columns, layout.category_columns = plan.year_columns, plan.category_columns
    layout.skipped_totals, layout.file_group = plan.skipped_totals, plan.file_group
    layout.groups = sorted({c.group for c in plan.columns.values()})


def _row_problems(
    row: list,
    where: tuple[int, str],
    label_cols: int,
    headers: list[str],
    used: tuple[dict[int, ColumnSpec], set[int]],
    catalogue: Catalogue,
    file: str,
) -> list[Problem]:
    """A name that names another area (warning), values under no heading (errors)."""
    (line, code), (columns, skipped) = where, used
    label_header = headers[0] or "Gebiet"
    found: list[Problem] = []
    name = cell_text(row[0])
    name = _CODE_LABEL.match(name)["name"] if _CODE_LABEL.match(name) else name
    if name and catalogue.resolve_area(name) not in (None, code):
        found.append(
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
        if j not in columns and j not in skipped and not headers[j] and cell_text(row[j]):
            found.append(
                Problem(
                    file,
                    line,
                    f"Spalte {j + 1}",
                    "Werte nur unter einer Überschrift",
                    repr(cell_text(row[j])),
                )
            )
    return found


def _read_rows(
    table: RawTable,
    first_data: int,
    label_cols: int,
    headers: list[str],
    columns: dict[int, ColumnSpec],
    skipped: set[int],
    catalogue: Catalogue,
    problems: list[Problem],
) -> tuple[_Cells, list[str]]:
    """The value cells of every area row, and the texts of the lines below the table."""
    file = table.file
    label_header = headers[0] or "Gebiet"
    cells = _Cells()
    below: list[str] = []
    rows = list(zip(table.rows[first_data:], table.line_numbers[first_data:], strict=True))
    last_area = max(i for i, (r, _) in enumerate(rows) if _is_area_row(r, label_cols, catalogue))
    seen_areas: dict[str, int] = {}
    for i, (row, line) in enumerate(rows):
        code, label = _resolve(row, label_cols, catalogue)
        if code is None:
            if i > last_area and not _has_numbers(row, label_cols):
                below.append(" ".join(cell_text(c) for c in row if cell_text(c)))
                continue  # footnotes and source lines below the table
            expected = unknown_area_expected(label, catalogue)
            problems.append(Problem(file, line, label_header, expected, repr(label)))
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
        problems += _row_problems(
            row, (line, code), label_cols, headers, (columns, skipped), catalogue, file
        )
        cells.row.extend([line] * len(columns))
        cells.area.extend([code] * len(columns))
        cells.value.extend(row[j] if j < len(row) else None for j in columns)
    return cells, below
