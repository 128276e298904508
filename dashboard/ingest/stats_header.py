"""The head of a statistics table: title rows, unit rows, header rows → one spec per column.

Rows above the first area row are sorted into title rows (no text over the value columns, or
one text spanning them, e.g. a title in B1 merged over B1:L1), unit rows (only unit words such
as "Anzahl" or "%", filled in once or in every column, above or below the years) and header
rows. Each value column then gets a period (its own year, else the title's year, else
--period) and a catalogue group (see group_map), or is a total over years (not imported), or
is refused with a message naming the column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from dashboard.errors import Problem
from dashboard.ingest.group_map import HeaderParts, compose, group_in_text, read_header
from dashboard.ingest.plausibility import unit_class, unit_problem
from dashboard.ingest.tables import Cell, cell_text

FOOTNOTE = re.compile(r"(?<=\S)\s+\d{1,2}\)$|\*+$")
YEAR = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.)?((?:19|20)\d{2})(?!\d)")


@dataclass
class Head:
    """The sorted head rows of a table and what they say about the whole table."""

    title: str = ""
    title_years: set[int] = field(default_factory=set)
    unit: str | None = None
    unit_line: int | None = None
    header_rows: list[list[Cell]] = field(default_factory=list)
    header_line: int | None = None


@dataclass
class ColumnSpec:
    """What one value column holds: period, group, and its header text for messages."""

    period: int
    group: str
    header: str


def header_text(cell: Cell) -> str:
    """Header cell as text; Excel turns a typed '31.12.2014' into a date, we want the year."""
    if isinstance(cell, dt.date):
        return str(cell.year)
    return FOOTNOTE.sub("", cell_text(cell)).strip()


def sort_head(rows: list[list[Cell]], lines: list[int], label_cols: int) -> Head:
    """Sort the rows above the data into title, unit and header rows."""
    head = Head()
    titles: list[str] = []
    candidates: list[tuple[list[Cell], int, list[str]]] = []
    for row, line in zip(rows, lines, strict=True):
        values = [header_text(c) for c in row[label_cols:]]
        texts = [t for t in values if t]
        if not texts:
            titles += [header_text(c) for c in row[:label_cols] if header_text(c)]
        elif all(unit_class(t) for t in texts):
            head.unit, head.unit_line = texts[0], line
        else:
            candidates.append((row, line, texts))
    # a single text over the value columns above further header rows spans them: a title
    while len(candidates) > 1 and len(set(candidates[0][2])) == 1:
        titles.append(candidates.pop(0)[2][0])
    head.header_rows = [row for row, _, _ in candidates]
    head.header_line = candidates[-1][1] if candidates else None
    head.title = " ".join(titles)
    head.title_years = {int(y) for t in titles for y in YEAR.findall(t)}
    return head


def column_headers(head_rows: list[list[Cell]], label_cols: int, width: int) -> list[str]:
    """One header text per column from several header rows.

    A cell spanning several columns (merged in XLSX, or written once in CSV) is carried to
    the right; a spanning cell that is the only text of its row over the columns below it is
    a title, not a category, and is dropped; a vertically merged cell counts once.
    """
    grid = [[header_text(r[j]) if j < len(r) else "" for j in range(width)] for r in head_rows]
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


@dataclass
class ColumnPlan:
    """The value columns of a table as read, with what was skipped and every problem."""

    columns: dict[int, ColumnSpec] = field(default_factory=dict)
    year_columns: list[str] = field(default_factory=list)
    category_columns: list[str] = field(default_factory=list)
    skipped_totals: list[str] = field(default_factory=list)
    file_group: str | None = None
    unit: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Context:
    """What every column of one table is read against."""

    file: str
    line: int | None
    indicator: dict[str, Any]
    default_period: int | None
    file_group: str | None
    has_year_columns: bool


def _split(header: str, shared: list[str]) -> tuple[list[str], str, str]:
    """Years in a header, the rest without them, and the rest without the shared lead words."""
    years = YEAR.findall(header)
    words = YEAR.sub(" ", header).split()
    lead = words[len(shared) :] if words[: len(shared)] == shared else words
    return years, " ".join(words), " ".join(lead)


def _shared_lead(headers: list[str]) -> list[str]:
    """The words every header starts with (a spanning title joined into each column)."""
    lists = [YEAR.sub(" ", h).split() for h in headers]
    lead: list[str] = []
    for words in zip(*lists, strict=False):
        if len(set(words)) != 1:
            break
        lead.append(words[0])
    return lead


def _unit_of(rest: str) -> tuple[str | None, str]:
    """A unit stated in the header ('Anteil in %') and the rest without it."""
    if rest and unit_class(rest):
        return rest, ""
    return None, rest


def plan_columns(
    headers: list[str],
    value_cols: list[int],
    ctx_parts: tuple[str, int | None, dict[str, Any], int | None, str | None],
    head_unit: str | None,
) -> ColumnPlan:
    """Period and catalogue group of every value column, or a problem naming the column."""
    file, line, indicator, default_period, file_group = ctx_parts
    plan = ColumnPlan(file_group=file_group, unit=head_unit)
    # text shared by every value header (a spanning title row) says nothing about one column,
    # except that a group word in it ("männlich" over every column) is the file's group
    shared = _shared_lead([headers[j] for j in value_cols])
    shared_group = group_in_text(" ".join(shared))
    if shared_group and file_group is None:
        plan.file_group = shared_group
    has_years = any(len(set(YEAR.findall(headers[j]))) == 1 for j in value_cols)
    ctx = _Context(file, line, indicator, default_period, plan.file_group, has_years)
    seen: dict[tuple[int, str], int] = {}
    for j in value_cols:
        spec = _plan_one(headers[j], shared, ctx, plan)
        if spec is None:
            continue
        if (spec.period, spec.group) in seen:
            plan.problems.append(
                Problem(file, line, headers[j], "jede Periode/Gruppe nur einmal", "doppelt")
            )
            continue
        seen[(spec.period, spec.group)] = j
        plan.columns[j] = spec
    return plan


def _plan_one(header: str, shared: list[str], ctx: _Context, plan: ColumnPlan) -> ColumnSpec | None:
    years, full, rest = _split(header, shared)
    if full != rest and read_header(full) is not None:
        rest = full  # the whole header names a group ("0 - 9" alone): keep every word
    unit, rest = _unit_of(rest)
    if unit is not None:
        plan.unit = plan.unit or unit
        wrong = unit_problem(ctx.file, ctx.line, header, unit, ctx.indicator)
        if wrong is not None:
            plan.problems.append(wrong)
            return None
    if len(set(years)) > 1:
        plan.problems.append(Problem(ctx.file, ctx.line, header, "ein Jahr je Spalte", header))
        return None
    parts = read_header(rest) if rest.strip(" .,:;()") else HeaderParts()
    if parts is None:
        allowed = ", ".join(ctx.indicator["groups"])
        plan.problems.append(
            Problem(
                ctx.file,
                ctx.line,
                header,
                f"ein Jahr oder eine Gruppe des Indikators {ctx.indicator['id']} ({allowed})",
                repr(header),
            )
        )
        return None
    if parts.total and not years and ctx.has_year_columns and not parts.group:
        plan.skipped_totals.append(header)  # a sum over the year columns: not a value
        return None
    period = int(years[0]) if years else ctx.default_period
    if period is None:
        plan.problems.append(
            Problem(
                ctx.file, ctx.line, header, "ein Jahr im Kopf, im Titel oder --period", "keines"
            )
        )
        return None
    group = compose(parts, ctx.file_group)
    if group is None or group not in ctx.indicator["groups"]:
        allowed = ", ".join(ctx.indicator["groups"])
        found = f"{header!r} → {group}" if group else f"{header!r} (widerspricht {ctx.file_group})"
        plan.problems.append(
            Problem(
                ctx.file,
                ctx.line,
                header,
                f"eine Gruppe des Indikators {ctx.indicator['id']} ({allowed})",
                found,
            )
        )
        return None
    (plan.year_columns if years else plan.category_columns).append(header)
    return ColumnSpec(period, group, header)
