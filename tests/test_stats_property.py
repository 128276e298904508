"""Property: a random wide table in any understood layout imports exactly its values.

Hypothesis draws districts, year or category columns and values, and renders them as the
statistics office does: unit row above, below or none (filled once or in every column),
title in A1, in B1 or none, a total column or not, CSV (';', Latin-1, CRLF) or XLSX with
merged cells. The import must store exactly the generated values (a total over years is not a
value; a total beside categories is the group's total) or refuse; never anything else.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.errors import ValidationError
from dashboard.imports import Options, check_file, write_checked
from dashboard.store import Store

EXAMPLES = int(os.environ.get("LEITBILD_FUZZ_EXAMPLES", "10")) * 2
DISTRICTS = {
    "12": "Überwasser", "61": "Coerde", "62": "Kinderhaus-Ost", "63": "Kinderhaus-West",
    "68": "Sprakel", "91": "Berg Fidel", "98": "Amelsbüren",
}  # fmt: skip
BANDS = {"0 - 9": "alter_0_9", "10 - 19": "alter_10_19", "20 - 29": "alter_20_29",
         "30 - 39": "alter_30_39", "90 u. mehr": "alter_90_plus"}  # fmt: skip
TOTALS = ["Insgesamt", "Gesamt", "Summe", "Ins-\ngesamt"]
UNITS = ["Anzahl", "Personen", "Anzahl der Personen"]


@dataclass
class Table:
    """A generated table: its grid, merged ranges, options and the values it must store."""

    grid: list[list[object]]
    merges: list[str]
    options: Options
    expected: dict[tuple[str, int, str], float | None]
    as_xlsx: bool


def _german(value: int, draw: st.DrawFn) -> object:
    style = draw(st.sampled_from(["plain", "dots", "int"]))
    if style == "dots":
        return f"{value:,}".replace(",", ".")
    return value if style == "int" else str(value)


def _letter(j: int) -> str:
    return openpyxl.utils.get_column_letter(j + 1)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A wide table in one of the understood layouts, with what it must store."""
    codes = draw(st.lists(st.sampled_from(sorted(DISTRICTS)), min_size=1, max_size=5, unique=True))
    by_year = draw(st.booleans())
    group = draw(st.sampled_from([None, "maennlich", "weiblich"])) if not by_year else None
    if by_year:
        years = draw(st.lists(st.integers(2008, 2024), min_size=1, max_size=4, unique=True))
        headers: list[str] = [str(y) for y in years]
        keys = [(y, "insgesamt") for y in years]
    else:
        period = draw(st.integers(2008, 2024))
        bands = draw(st.lists(st.sampled_from(sorted(BANDS)), min_size=1, max_size=4, unique=True))
        headers = list(bands)
        keys = [(period, f"{group}_{BANDS[b]}" if group else BANDS[b]) for b in bands]
    total = draw(st.booleans())
    width = 1 + len(headers) + int(total)
    unit_at = draw(st.sampled_from(["above", "below", None]))
    unit_filled = draw(st.booleans())
    title_at = draw(st.sampled_from(["A1", "B1", None]))
    year_in_title = not by_year and title_at is not None and draw(st.booleans())
    title = "Wohnberechtigte Bevölkerung" + (f" am 31.12.{keys[0][0]}" if year_in_title else "")
    grid: list[list[object]] = []
    merges: list[str] = []
    if title_at == "A1":
        grid.append([title] + [None] * (width - 1))
        merges.append(f"A1:{_letter(width - 1)}1")
    header_row = ["Stadtteil", *headers] + ([draw(st.sampled_from(TOTALS))] if total else [])
    unit = draw(st.sampled_from(UNITS))
    unit_row = [None] + ([unit] * (width - 1) if unit_filled else [unit] + [None] * (width - 2))
    if title_at == "B1":
        grid.append(["Stadtteil", title] + [None] * (width - 2))
        header_row[0] = None
        if width > 2:
            merges.append(f"B1:{_letter(width - 1)}1")
    if unit_at == "above":
        grid.append(unit_row)
    grid.append(header_row)
    if unit_at == "below":
        grid.append(unit_row)
    if unit_at is not None and not unit_filled and width > 2:
        merges.append(f"B{len(grid) - (unit_at == 'above')}:{_letter(width - 1)}"
                      f"{len(grid) - (unit_at == 'above')}")  # fmt: skip
    expected: dict[tuple[str, int, str], float | None] = {}
    for code in codes:
        values = draw(st.lists(st.integers(0, 60000), min_size=len(keys), max_size=len(keys)))
        secret = draw(st.integers(-1, len(keys) - 1))
        cells: list[object] = []
        for k, ((period_, grp), value) in enumerate(zip(keys, values, strict=True)):
            cells.append("." if k == secret else _german(value, draw))
            expected[(code, period_, grp)] = None if k == secret else float(value)
        if total:
            cells.append(_german(sum(values), draw))
            if not by_year:  # beside categories the total is the group's own total
                expected[(code, keys[0][0], group or "insgesamt")] = float(sum(values))
        grid.append([f"{code} {DISTRICTS[code]}", *cells])
    period_opt = None if by_year or year_in_title else keys[0][0]
    options = Options(indicator="bevoelkerung", period=period_opt, group=group)
    return Table(grid, merges, options, expected, draw(st.booleans()))


def _render(table: Table) -> tuple[bytes, str]:
    if table.as_xlsx:
        book = openpyxl.Workbook()
        ws = book.active
        for row in table.grid:
            ws.append(row)
        for cell_range in table.merges:
            ws.merge_cells(cell_range)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "tabelle.xlsx"
    lines = [";".join("" if c is None else str(c).replace("\n", " ") for c in row)
             for row in table.grid]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode("latin-1"), "tabelle.csv"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=tables())
def test_wide_tables_store_exactly_their_values(empty_store: Store, table: Table) -> None:
    data, name = _render(table)
    before = empty_store.fingerprint()
    checked = check_file(empty_store, "stats", data, name, table.options)
    if checked.errors:  # refusing is allowed, storing anything else is not
        with pytest.raises(ValidationError):
            write_checked(empty_store, checked, "property")
        assert empty_store.fingerprint() == before
        # every layout drawn here is one the importer understands: a refusal is a bug too
        raise AssertionError(f"refused: {[str(p) for p in checked.errors]}")
    write_checked(empty_store, checked, "property")
    frame = empty_store.observations(["bevoelkerung"])
    got = {
        (r.area_code, int(r.period), r.grp): None if math.isnan(r.value) else float(r.value)
        for r in frame.itertuples()
    }
    empty_store.transaction(lambda cur: cur.execute("DELETE FROM observation"))
    assert got == table.expected
