"""Property-based fuzzing of every import format: bad files are refused clearly, nothing changes.

Each format starts from a small valid file (a grid of cells) and hypothesis applies random
mutations: encodings (UTF-8, UTF-8 with BOM, Latin-1, cp1252, UTF-16), delimiters, missing,
extra and duplicated columns, duplicate keys, unknown codes, text in numeric cells, negative
counts, shares over 100 %, huge cells, truncation, empty files; XLSX adds merged cells and
hidden sheets; geometry adds broken GeoJSON and zipped shapefiles with missing members.

Every mutation says whether it must break the file and, if so, where the problem is (row and
column). The oracle:
- a breaking file ends in a ValidationError whose problems name the file (and that row and
  column when only one breaking mutation was applied); the database fingerprint is unchanged;
- a file that only changed its encoding, delimiter or got extra columns imports the same
  values as the original (Latin-1 umlauts are read as umlauts, not garbled);
- anything else may go either way, but never with another exception;
- a statistics table that imports stores exactly what a reference reader (csv/openpyxl and a
  plain number parser, none of the importer's code) reads from the file.

``LEITBILD_FUZZ_EXAMPLES`` sets hypothesis examples per format (default 10 for `make test`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import os
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.errors import Problem, ValidationError
from dashboard.imports import Checked, Options, check_file, write_checked
from dashboard.store import Store
from tests.browser import ARTIFACTS
from tests.conftest import ASSETS

EXAMPLES = int(os.environ.get("LEITBILD_FUZZ_EXAMPLES", "10"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CASES: Counter[str] = Counter()  # cases tried per format, written to artifacts at the end
OUTCOMES: Counter[str] = Counter()
HUGE = "x" * 100_000  # below the CSV field limit (131,072); a table case goes beyond it
TEXT_NUMBERS = ["viele", "12 Personen", "1,2,3", "n/a", "zwölf", "1.2.3", "0x1F", "1e400", "--5"]


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    """Write the number of cases tried per format (the long run is reported in RESULTS.md)."""
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    report = {"examples_setting": EXAMPLES, "cases": dict(CASES), "outcomes": dict(OUTCOMES)}
    (ARTIFACTS / "fuzz_cases.json").write_text(json.dumps(report, indent=2, sort_keys=True))
    print(f"\nfuzz cases per format: {dict(sorted(CASES.items()))}")


# --- the oracle -------------------------------------------------------------------------------
class Blob(bytes):
    """File content with a short repr (hypothesis prints failing examples)."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes: {bytes(self[:60])!r}…>"


@dataclass
class Case:
    """A file under construction: its cells, what it should import, whether it must fail."""

    grid: list[list[str]]
    expected: list[tuple] | None  # None: the outcome of a valid import is not predicted
    breaks: bool = False
    wheres: list[tuple[int | None, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    frozen: set[int] = field(default_factory=set)  # rows a duplicate key or a break is in

    def __repr__(self) -> str:
        cells = [[c if len(c) < 40 else f"<{len(c)} Zeichen>" for c in row] for row in self.grid]
        return f"Case(breaks={self.breaks}, notes={self.notes}, wheres={self.wheres}, grid={cells})"

    def broken(self, row: int | None, column: str | None, note: str) -> None:
        """Mark the file as one that must be refused, with the problem's place."""
        self.breaks = True
        self.wheres.append((row, column))
        self.notes.append(note)

    def unpredictable(self, note: str) -> None:
        """The file may import or not; only a clean outcome is required."""
        self.expected = None
        self.notes.append(note)


def _assert_clear(err: ValidationError, name: str) -> None:
    assert err.problems and err.errors, "a refusal must say why"
    for p in err.problems:
        assert isinstance(p, Problem) and p.file == name
        assert p.row is None or (isinstance(p.row, int) and p.row >= 1)
        assert str(p)  # renders without error
    assert 1 <= err.user_message().count("\n") <= len(err.problems)


def attempt(
    store: Store, kind: str, data: bytes, name: str, opts: Options | None = None
) -> Checked | ValidationError:
    """Validate (and for bad files try to write) one file; refusals change nothing."""
    before = store.fingerprint()
    try:
        checked = check_file(store, kind, data, name, opts)
    except ValidationError as err:
        _assert_clear(err, name)
        assert store.fingerprint() == before
        return err
    if checked.errors:
        with pytest.raises(ValidationError) as info:
            write_checked(store, checked, "fuzz")
        _assert_clear(info.value, name)
        assert store.fingerprint() == before
        return info.value
    return checked


def judge(
    fmt: str,
    case: Case,
    result: Checked | ValidationError,
    actual: Callable[[Checked], list[tuple]],
) -> None:
    """Apply the oracle to one outcome."""
    CASES[fmt] += 1
    OUTCOMES[f"{fmt}:{'refused' if isinstance(result, ValidationError) else 'accepted'}"] += 1
    if case.breaks:
        assert isinstance(result, ValidationError), f"accepted although {case.notes}"
        if len(case.wheres) == 1 and case.wheres[0] != (None, None):
            places = {(p.row, p.column) for p in result.errors}
            row, column = case.wheres[0]
            assert any(
                (row is None or r == row) and (column is None or c == column) for r, c in places
            ), f"{case.notes}: expected a problem at {case.wheres[0]}, got {places}"
        return
    if case.expected is not None:
        assert isinstance(result, Checked), f"{case.notes}: {result.user_message()}"
        assert sorted(actual(result), key=repr) == sorted(case.expected, key=repr), case.notes


def _none(value: object) -> object:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


# --- serialisation ----------------------------------------------------------------------------
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "cp1252"]


def to_csv(grid: list[list[str]], delimiter: str, encoding: str) -> bytes:
    """Cells as a CSV file (quoted where needed) in the given encoding."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(grid)
    return buf.getvalue().encode(encoding)


def to_xlsx(
    grid: list[list[str]], merges: list[str] = (), hidden_first: bool = False, typed: bool = True
) -> bytes:
    """Cells as an XLSX workbook; optional merged ranges and a hidden sheet in front."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    if hidden_first:
        ws.title = "Alt"
        ws.append(["Nicht", "importieren", "999"])
        ws.sheet_state = "hidden"
        ws = book.create_sheet("Daten")
    for row in grid:
        ws.append([_typed(c) if typed else c for c in row])
    for rng in merges:
        ws.merge_cells(rng)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _typed(cell: str) -> object:
    """Numbers as Excel numbers (as a statistics office would save them)."""
    try:
        return int(cell) if cell.isdigit() and not cell.startswith("0") else cell
    except ValueError:
        return cell


def _column_letter(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


# --- generic grid mutations (header in row 0, one record per following row) ----------------------
def drop_column(case: Case, j: int, required: set[str]) -> None:
    """Remove a column; refusing the file if it was a required one."""
    if case.notes:  # first mutation only: dropping a duplicated column would undo it
        return
    name = case.grid[0][j]
    for row in case.grid:
        del row[j]
    if name in required:
        case.broken(None, name, f"ohne Spalte {name}")
    else:
        case.unpredictable(f"ohne Spalte {name}")


def duplicate_column(case: Case, j: int) -> None:
    """Repeat a column at the end: ambiguous for a column the importer reads, a second warning
    for an unknown extra one (nothing is read from it)."""
    name = case.grid[0][j]
    for row in case.grid:
        row.append(row[j])
    if f"Zusatzspalte {name}" in case.notes:
        case.notes.append(f"Zusatzspalte {name} doppelt")
    else:
        case.broken(1, name, f"Spalte {name} doppelt")


def extra_column(case: Case, header: str, filler: str) -> None:
    """An unknown extra column (a warning only: the values must still import)."""
    for i, row in enumerate(case.grid):
        row.append(header if i == 0 else filler)
    case.notes.append(f"Zusatzspalte {header}")


def duplicate_row(case: Case, i: int, column: str) -> None:
    """Repeat a record at the end (same key); later cell changes leave both rows alone."""
    case.grid.append(list(case.grid[i]))
    case.frozen |= {i, len(case.grid) - 1}
    case.broken(len(case.grid), column, f"Zeile {i + 1} doppelt")


def set_cell(case: Case, i: int, column: str, value: str, breaks: bool, note: str) -> None:
    """Overwrite one cell of a record; refusal expected at that row and column if ``breaks``."""
    if i in case.frozen:  # changing it could undo a duplicate key or an earlier break
        return
    j = case.grid[0].index(column)
    case.grid[i][j] = value
    if breaks:
        case.broken(i + 1, column, note)
        case.frozen.add(i)  # a later merge or overwrite must not undo the break
    else:
        case.unpredictable(note)


@st.composite
def mutated(
    draw: st.DrawFn, base: Case, mutations: list[Callable[[st.DrawFn, Case], None]]
) -> Case:
    """The base case with 0–3 random mutations applied."""
    case = copy.deepcopy(base)
    for mutate in draw(st.lists(st.sampled_from(mutations), max_size=3)):
        if len(case.grid) > 1 and len(case.grid[0]) > 1:
            mutate(draw, case)
    return case


def encode(draw: st.DrawFn, case: Case, name: str) -> bytes:
    """Serialise as CSV in a random encoding/delimiter, maybe truncated or emptied."""
    encoding = draw(st.sampled_from([*ENCODINGS, "utf-16"]))
    data = to_csv(case.grid, draw(st.sampled_from([";", ",", "\t"])), encoding)
    if encoding == "utf-16":
        case.broken(None, None, "UTF-16 (Binärdaten)")
    fate = draw(st.sampled_from(["whole"] * 6 + ["truncated", "empty", "header"]))
    if fate == "truncated":
        cut = draw(st.integers(min_value=1, max_value=max(1, len(data) - 1)))
        data = data[:cut]
        # the cut may remove the broken part (or break a valid file): no prediction either way
        case.breaks, case.wheres = False, []
        case.unpredictable(f"abgeschnitten nach {cut} Bytes")
    elif fate == "empty":
        data = draw(st.sampled_from([b"", b"\n\n", b"   ", b"\xef\xbb\xbf", b";;;\n;;\n"]))
        case.breaks, case.wheres = True, [(None, None)]
        case.notes.append("leer")
    elif fate == "header":
        data = to_csv(case.grid[:1], ";", "utf-8")
        case.breaks, case.wheres = True, [(None, None)]
        case.notes.append("nur Kopfzeile")
    return data


# --- canonical observations ----------------------------------------------------------------------
OBS_HEADER = ["indicator", "area", "period", "group", "value", "numerator", "denominator", "flag",
              "source"]  # fmt: skip
OBS_ROWS = [
    ["bevoelkerung", "12", "2014", "insgesamt", "1.450", "", "", "", "Stadt Münster"],
    ["bevoelkerung", "Überwasser", "2013", "weiblich", "731", "", "", "", "Amt für Statistik"],
    ["bevoelkerung_mv", "61", "31.12.2014", "insgesamt", "4 523", "", "", "", ""],
    ["sgb2_quote", "91", "2014", "insgesamt", "18,5", "", "", "", "Jobcenter Münster"],
    ["bevoelkerung", "Coerde", "2014", "maennlich", ".", "", "", "", ""],
    ["uebergang_gymnasium", "Düesberg", "2013", "mit_mv", "45,2", "", "", "", "Schulamt"],
]  # fmt: skip
NAN = float("nan")
OBS_EXPECTED = [
    ("bevoelkerung", "12", 2014, "insgesamt", 1450.0, None, "Stadt Münster"),
    ("bevoelkerung", "12", 2013, "weiblich", 731.0, None, "Amt für Statistik"),
    ("bevoelkerung_mv", "61", 2014, "insgesamt", 4523.0, None, None),
    ("sgb2_quote", "91", 2014, "insgesamt", 18.5, None, "Jobcenter Münster"),
    ("bevoelkerung", "61", 2014, "maennlich", NAN, "secret", None),
    ("uebergang_gymnasium", "34", 2013, "mit_mv", 45.2, None, "Schulamt"),
]
COUNT_ROWS, SHARE_ROWS = (1, 2, 3), (4, 6)
OBS_BASE = Case([OBS_HEADER, *OBS_ROWS], OBS_EXPECTED)


def obs_actual(checked: Checked) -> list[tuple]:
    """The parsed observations in the shape of OBS_EXPECTED (NaN as a comparable marker)."""
    out = []
    for r in checked.payload.itertuples():
        value = "NaN" if math.isnan(r.value) else round(float(r.value), 6)
        out.append(
            (
                r.indicator_id,
                r.area_code,
                int(r.period),
                r.grp,
                value,
                _none(r.flag),
                _none(r.source),
            )
        )
    return out


def _normalise_expected(rows: list[tuple] | None) -> list[tuple] | None:
    if rows is None:
        return None
    return [(*r[:4], "NaN" if math.isnan(r[4]) else round(r[4], 6), *r[5:]) for r in rows]


def _row(draw: st.DrawFn, case: Case, rows: tuple[int, ...] | None = None) -> int:
    rows = rows or tuple(range(1, len(case.grid)))
    rows = tuple(i for i in rows if i < len(case.grid))
    return draw(st.sampled_from(rows or (len(case.grid) - 1,)))


def _col(draw: st.DrawFn, case: Case) -> int:
    return draw(st.integers(min_value=0, max_value=len(case.grid[0]) - 1))


def _in_place(case: Case, column: str) -> bool:
    return column in case.grid[0]


def obs_mutations(required: set[str]) -> list[Callable[[st.DrawFn, Case], None]]:
    """Mutations of the canonical format (also used for its XLSX form)."""

    def m_drop(draw: st.DrawFn, case: Case) -> None:
        drop_column(case, _col(draw, case), required)

    def m_dup_col(draw: st.DrawFn, case: Case) -> None:
        duplicate_column(case, _col(draw, case))

    def m_extra(draw: st.DrawFn, case: Case) -> None:
        extra_column(case, draw(st.sampled_from(["bemerkung", "Extra", "x2"])), "egal ok")

    def m_dup_row(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "area"):
            duplicate_row(case, _row(draw, case), "area")

    def m_unknown_area(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "area"):
            code = draw(st.sampled_from(["Atlantis", "99", "610", "B9", "Coerdé"]))
            set_cell(case, _row(draw, case), "area", code, True, f"Gebiet {code}")

    def m_unknown_indicator(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "indicator"):
            set_cell(case, _row(draw, case), "indicator", "gibts_nicht", True, "Indikator")

    def m_text_number(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "value"):
            text = draw(st.sampled_from(TEXT_NUMBERS))
            set_cell(case, _row(draw, case), "value", text, True, f"Text {text!r}")

    def m_negative(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "value") and _in_place(case, "indicator"):
            i = _row(draw, case, COUNT_ROWS)
            if case.grid[i][case.grid[0].index("indicator")].startswith("bevoelkerung"):
                set_cell(case, i, "value", "-5", True, "negative Anzahl")

    def m_share(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "value") and _in_place(case, "indicator"):
            i = _row(draw, case, SHARE_ROWS)
            if case.grid[i][case.grid[0].index("indicator")] in (
                "sgb2_quote",
                "uebergang_gymnasium",
            ):
                set_cell(case, i, "value", draw(st.sampled_from(["130,5", "100,1", "-0,5"])),
                         True, "Anteil über 100 %")  # fmt: skip

    def m_huge(draw: st.DrawFn, case: Case) -> None:
        j = _col(draw, case)
        column = case.grid[0][j]
        i = _row(draw, case)
        set_cell(
            case, i, column, HUGE, column not in ("source", "quelle"), f"riesige Zelle {column}"
        )
        if column in ("source",) and case.expected is not None:
            case.unpredictable("riesige Quelle")

    return [m_drop, m_dup_col, m_extra, m_dup_row, m_unknown_area, m_unknown_indicator,
            m_text_number, m_negative, m_share, m_huge]  # fmt: skip


OBS_MUTATIONS = obs_mutations({"indicator", "area", "period", "value"})


@st.composite
def obs_csv(draw: st.DrawFn) -> tuple[Case, bytes]:
    """A mutated canonical CSV file."""
    case = draw(mutated(OBS_BASE, OBS_MUTATIONS))
    return case, Blob(encode(draw, case, "obs.csv"))


@FUZZ
@given(sample=obs_csv())
def test_fuzz_canonical_csv(empty_store: Store, sample: tuple[Case, bytes]) -> None:
    case, data = sample
    case.expected = _normalise_expected(case.expected)
    judge("canonical CSV", case, attempt(empty_store, "observations", data, "obs.csv"), obs_actual)


@st.composite
def obs_xlsx(draw: st.DrawFn) -> tuple[Case, bytes]:
    """A mutated canonical XLSX workbook, maybe with merged cells or a hidden sheet in front."""
    case = draw(mutated(OBS_BASE, OBS_MUTATIONS))
    merges: list[str] = []
    if draw(st.booleans()) and len(case.grid) > 2:
        # a merged block over two data rows: the lower row then repeats the upper one
        j = _col(draw, case)
        i = _row(draw, case, tuple(range(1, len(case.grid) - 1)))
        if not {i, i + 1} & case.frozen:  # a merge must not change a duplicated key or a break
            col = _column_letter(j)
            merges.append(f"{col}{i + 1}:{col}{i + 2}")
            case.grid[i + 1][j] = case.grid[i][j]
            case.unpredictable(f"verbundene Zellen {merges[-1]}")
    if draw(st.booleans()) and len(case.grid[0]) > 2:
        merges.append("A1:B1")  # a merged header: the second column repeats the first
        case.grid[0][1] = case.grid[0][0]
        case.broken(1, case.grid[0][0], "verbundene Kopfzellen")
    hidden = draw(st.booleans())
    data = to_xlsx(case.grid, merges, hidden)
    if draw(st.integers(0, 9)) == 0:
        # the cut as a share of the file: the workbook's bytes carry the time it was written,
        # so its length varies between replays (a bound drawn from it was a flaky strategy)
        share = draw(st.integers(0, 999))
        data = data[: 1 + share * (len(data) - 2) // 999]
        case.breaks, case.wheres = True, [(None, None)]
        case.notes.append("abgeschnittene XLSX")
    return case, Blob(data)


def _xlsx_expected(case: Case) -> list[tuple] | None:
    # Excel stores the typed integers; '1.450' and '4 523' stay text and parse the same
    return _normalise_expected(case.expected)


@FUZZ
@given(sample=obs_xlsx())
def test_fuzz_canonical_xlsx(empty_store: Store, sample: tuple[Case, bytes]) -> None:
    case, data = sample
    case.expected = _xlsx_expected(case)
    judge(
        "canonical XLSX", case, attempt(empty_store, "observations", data, "obs.xlsx"), obs_actual
    )


def test_xlsx_without_visible_sheet_or_unknown_sheet_is_refused(empty_store: Store) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(OBS_HEADER)
    book.create_sheet("Versteckt").sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    result = attempt(empty_store, "observations", buf.getvalue(), "x.xlsx", Options(sheet="Nein"))
    assert isinstance(result, ValidationError)
    result = attempt(
        empty_store, "observations", buf.getvalue(), "x.xlsx", Options(sheet="Versteckt")
    )
    assert isinstance(result, ValidationError)  # a hidden, empty sheet named explicitly
    CASES["canonical XLSX"] += 2


# --- statistics layout -------------------------------------------------------------------------
STATS_GRID = [
    ["Bevölkerung in Münster", "", "", ""],
    ["Stadtteil", "2012", "2013", "2014"],
    ["12 Überwasser", "21", "23", "25"],
    ["61 Coerde", "34", "35", "36"],
    ["62 Kinderhaus-Ost", "14", "15r", "."],
    ["91 Berg Fidel", "-", "47", "48p"],
]
STATS_EXPECTED = [
    (code, period, "insgesamt", value, flag)
    for code, values in (
        ("12", [(21.0, None), (23.0, None), (25.0, None)]),
        ("61", [(34.0, None), (35.0, None), (36.0, None)]),
        ("62", [(14.0, None), (15.0, "corrected"), ("NaN", "secret")]),
        ("91", [(0.0, None), (47.0, None), (48.0, "provisional")]),
    )
    for period, (value, flag) in zip((2012, 2013, 2014), values, strict=True)
]
STATS_HEAD = 2  # grid index of the header row (1-based line 2)


def stats_actual(checked: Checked) -> list[tuple]:
    """Parsed statistics rows in the shape of STATS_EXPECTED."""
    return [
        (
            r.area_code,
            int(r.period),
            r.grp,
            "NaN" if math.isnan(r.value) else float(r.value),
            _none(r.flag),
        )
        for r in checked.payload.itertuples()
    ]


def _stats_row(draw: st.DrawFn, case: Case) -> int:
    """A data row (not the title, the header or a footnote line below the table)."""
    data_rows = [i for i, row in enumerate(case.grid) if i >= 2 and not _is_footnote(row)]
    return draw(st.sampled_from(data_rows))


def _is_footnote(row: list[str]) -> bool:
    # a footnote line's other cells are read as part of its text, not as values
    return str(row[0]).startswith("Quelle:")


def _stats_col(draw: st.DrawFn, case: Case) -> int:
    return draw(st.integers(min_value=1, max_value=len(case.grid[1]) - 1))


def _stats_set(case: Case, i: int, j: int, value: str, note: str) -> None:
    case.grid[i][j] = value
    case.broken(i + 1, None, note)


def s_drop_year(draw: st.DrawFn, case: Case) -> None:
    """Remove one year column: the other years must still import."""
    if case.notes:  # first mutation only: dropping a duplicated column would undo it
        return
    j = _stats_col(draw, case)
    year = case.grid[1][j]
    for row in case.grid:
        del row[j]
    if case.expected is not None and year.isdigit():
        case.expected = [e for e in case.expected if e[1] != int(year)]
    if len(case.grid[1]) < 2:
        case.broken(None, None, "keine Jahresspalte")


def s_dup_year(draw: st.DrawFn, case: Case) -> None:
    """Repeat one year column."""
    j = _stats_col(draw, case)
    for row in case.grid:
        row.append(row[j])
    case.broken(STATS_HEAD, case.grid[1][j], "Jahr doppelt")


def s_unheaded(draw: st.DrawFn, case: Case) -> None:
    """Values in a column without a heading."""
    for i, row in enumerate(case.grid):
        row.append("7" if i == 3 else "")
    case.broken(4, f"Spalte {len(case.grid[1])}", "Werte ohne Überschrift")


def s_dup_area(draw: st.DrawFn, case: Case) -> None:
    """Repeat an area row at the end."""
    i = _stats_row(draw, case)
    case.grid.append(list(case.grid[i]))
    case.broken(len(case.grid), None, "Gebiet doppelt")


def s_unknown(draw: st.DrawFn, case: Case) -> None:
    """An area the catalogue does not know (with numbers) among the rows."""
    i = draw(st.integers(min_value=3, max_value=len(case.grid)))
    label = draw(st.sampled_from(["99 Atlantis", "Atlantis", "610 Coerde-Süd", "Nordpol"]))
    case.grid.insert(i, [label, *["5"] * (len(case.grid[1]) - 1)])
    case.broken(i + 1, None, f"unbekanntes Gebiet {label}")


def s_text(draw: st.DrawFn, case: Case) -> None:
    """Text in a value cell."""
    text = draw(st.sampled_from(TEXT_NUMBERS))
    _stats_set(case, _stats_row(draw, case), _stats_col(draw, case), text, f"Text {text!r}")


def s_negative(draw: st.DrawFn, case: Case) -> None:
    """A negative count."""
    _stats_set(case, _stats_row(draw, case), _stats_col(draw, case), "-12", "negative Anzahl")


def s_huge(draw: st.DrawFn, case: Case) -> None:
    """A huge text in a value cell."""
    _stats_set(case, _stats_row(draw, case), _stats_col(draw, case), HUGE, "riesige Zelle")


def s_footnote(draw: st.DrawFn, case: Case) -> None:
    """Footnote lines below the table are not data."""
    case.grid.append(["Quelle: Statistik (erfunden); . = geheim", *[""] * (len(case.grid[1]) - 1)])


STATS_MUTATIONS = [s_drop_year, s_dup_year, s_unheaded, s_dup_area, s_unknown, s_text,
                   s_negative, s_huge, s_footnote]  # fmt: skip


@st.composite
def stats_file(draw: st.DrawFn) -> tuple[Case, bytes, Options]:
    """A mutated statistics table as CSV or XLSX, for a count or (with large values) a share."""
    case = draw(mutated(Case(copy.deepcopy(STATS_GRID), list(STATS_EXPECTED)), STATS_MUTATIONS))
    indicator = "bevoelkerung"
    if draw(st.integers(0, 4)) == 0 and len(case.grid[1]) > 1:
        indicator = "sgb2_quote"  # a share: a value over 100 must be refused
        i, j = _stats_row(draw, case), _stats_col(draw, case)
        _stats_set(case, i, j, "130,5", "Anteil über 100 %")
        case.wheres[-1] = (i + 1, None)
    if draw(st.booleans()):
        merges: list[str] = []
        if draw(st.booleans()):
            merges.append(f"A1:{_column_letter(len(case.grid[0]) - 1)}1")  # merged title
        data = to_xlsx(case.grid, merges, draw(st.booleans()))
    else:
        data = encode(draw, case, "stats.csv")
    return case, Blob(data), Options(indicator=indicator)


def _reference_grid(data: bytes) -> list[list[object]]:
    """The cells of a statistics file as a plain reader sees them (not the importer's code)."""
    if data[:2] == b"PK":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        ws = next(w for w in book.worksheets if w.sheet_state == "visible")
        return [list(row) for row in ws.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    lines = [ln for ln in text.splitlines() if ln.strip()]
    delimiter = max(";,\t", key=lambda d: sum(ln.count(d) for ln in lines[1:3]))
    return list(csv.reader(lines, delimiter=delimiter))


def _reference_number(cell: object) -> float | None:
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().rstrip("rp")
    if text == ".":
        return None
    if text == "-":
        return 0.0
    return float(text.replace(".", "").replace(",", "."))


def reference_stats(data: bytes) -> dict[tuple[str, int, str], float | None]:
    """What a reference reader reads from a fuzzed statistics file: (code, year) → value."""
    grid = _reference_grid(data)
    head = next(i for i, row in enumerate(grid) if str(row[0]).strip() == "Stadtteil")
    years = {j: int(str(c).strip()) for j, c in enumerate(grid[head]) if j and str(c).strip()}
    values: dict[tuple[str, int, str], float | None] = {}
    for row in grid[head + 1 :]:
        label = str(row[0] or "").strip()
        if not label[:2].isdigit():
            continue  # footnotes below the table
        for j, year in years.items():
            if j < len(row):
                values[(label[:2], year, "insgesamt")] = _reference_number(row[j])
    return values


@FUZZ
@given(sample=stats_file())
def test_fuzz_stats_layout(empty_store: Store, sample: tuple[Case, bytes, Options]) -> None:
    case, data, opts = sample
    name = "stats.xlsx" if data[:2] == b"PK" else "stats.csv"
    result = attempt(empty_store, "stats", data, name, opts)
    judge("statistics layout", case, result, stats_actual)
    if isinstance(result, Checked):
        # a file that imports stores exactly what a reference reader reads from it
        write_checked(empty_store, result, "fuzz")
        frame = empty_store.observations([str(opts.indicator)])
        empty_store.transaction(lambda cur: cur.execute("DELETE FROM observation"))
        stored = {
            (r.area_code, int(r.period), r.grp): None if math.isnan(r.value) else r.value
            for r in frame.itertuples()
        }
        assert stored == reference_stats(data), case.notes


# --- targets -------------------------------------------------------------------------------------
TGT_HEADER = ["indicator", "area", "group", "type", "value", "reference_indicator",
              "baseline_period", "target_period", "goal", "note"]  # fmt: skip
TGT_ROWS = [
    ["azubi_anteil_international", "Stadt Münster", "insgesamt", "parity", "", "anteil_mv",
     "2023", "2030", "7.1-L1", "Azubis wie Bevölkerung"],
    ["arbeitslose_je100", "Berg Fidel", "insgesamt", "absolute", "6,5", "", "", "2030", "", ""],
    ["mso_aktiv", "", "insgesamt", "relative_change", "20", "", "2024", "2030", "", "alle: +20 %"],
    ["sgb2_quote", "61", "insgesamt", "absolute", "12,5", "", "", "2030", "", "Überprüfung"],
    ["bevoelkerung_mv", "Coerde", "insgesamt", "absolute", "4.600", "", "", "2030", "", ""],
]  # fmt: skip
TGT_EXPECTED = [
    ("azubi_anteil_international", "0", "parity", None, 2030, "Azubis wie Bevölkerung"),
    ("arbeitslose_je100", "91", "absolute", 6.5, 2030, None),
    ("mso_aktiv", None, "relative_change", 20.0, 2030, "alle: +20 %"),
    ("sgb2_quote", "61", "absolute", 12.5, 2030, "Überprüfung"),
    ("bevoelkerung_mv", "61", "absolute", 4600.0, 2030, None),
]


def tgt_actual(checked: Checked) -> list[tuple]:
    """Parsed targets in the shape of TGT_EXPECTED."""
    return [
        (r["indicator_id"], _none(r["area_code"]), r["type"], _none(r["value"]),
         int(r["target_period"]), _none(r["note"]))
        for r in checked.payload.to_dict("records")
    ]  # fmt: skip


def tgt_mutations() -> list[Callable[[st.DrawFn, Case], None]]:
    """Mutations of a targets table."""
    required = {"indicator", "type", "target_period"}

    def t_drop(draw: st.DrawFn, case: Case) -> None:
        drop_column(case, _col(draw, case), required)

    def t_dup_col(draw: st.DrawFn, case: Case) -> None:
        duplicate_column(case, _col(draw, case))

    def t_extra(draw: st.DrawFn, case: Case) -> None:
        extra_column(case, "verantwortlich", "KI")

    def t_dup_row(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "indicator"):
            duplicate_row(case, _row(draw, case), None)

    def t_unknown(draw: st.DrawFn, case: Case) -> None:
        column = draw(st.sampled_from(["indicator", "area", "type", "goal"]))
        if _in_place(case, column):
            set_cell(case, _row(draw, case), column, "Atlantis", True, f"unbekannt {column}")

    def t_text(draw: st.DrawFn, case: Case) -> None:
        column = draw(st.sampled_from(["value", "target_period", "baseline_period"]))
        if _in_place(case, column):
            text = draw(st.sampled_from(TEXT_NUMBERS))
            set_cell(case, _row(draw, case), column, text, True, f"Text {text!r} in {column}")

    def t_negative(draw: st.DrawFn, case: Case) -> None:
        ok = _in_place(case, "value") and _in_place(case, "type") and len(case.grid) > 5
        if ok and case.grid[5][case.grid[0].index("type")] == "absolute":
            set_cell(case, 5, "value", "-100", True, "negative Anzahl als Ziel")

    def t_share(draw: st.DrawFn, case: Case) -> None:
        ok = _in_place(case, "value") and _in_place(case, "type") and len(case.grid) > 4
        if ok and case.grid[4][case.grid[0].index("type")] == "absolute":
            set_cell(case, 4, "value", "130", True, "Anteil über 100 %")

    def t_huge(draw: st.DrawFn, case: Case) -> None:
        column = case.grid[0][_col(draw, case)]
        # a reference indicator only matters for parity targets: no prediction there
        free = column in ("note", "reference_indicator")
        set_cell(case, _row(draw, case), column, HUGE, not free, f"riesig {column}")

    return [t_drop, t_dup_col, t_extra, t_dup_row, t_unknown, t_text, t_negative, t_share,
            t_huge]  # fmt: skip


TGT_MUTATIONS = tgt_mutations()


@st.composite
def tgt_file(draw: st.DrawFn) -> tuple[Case, bytes]:
    """A mutated targets table as CSV or XLSX."""
    case = draw(mutated(Case([TGT_HEADER, *TGT_ROWS], list(TGT_EXPECTED)), TGT_MUTATIONS))
    if draw(st.integers(0, 3)) == 0:
        return case, Blob(to_xlsx(case.grid, (), draw(st.booleans()), typed=False))
    return case, Blob(encode(draw, case, "ziele.csv"))


@FUZZ
@given(sample=tgt_file())
def test_fuzz_targets(empty_store: Store, sample: tuple[Case, bytes]) -> None:
    case, data = sample
    name = "ziele.xlsx" if data[:2] == b"PK" else "ziele.csv"
    judge("targets", case, attempt(empty_store, "targets", data, name), tgt_actual)


# --- measures ------------------------------------------------------------------------------------
MSR_HEADER = ["title", "description", "fields", "goals", "areas", "organisation", "status",
              "actual_start", "actual_end", "progress", "reach", "budget"]  # fmt: skip
MSR_ROWS = [
    ["Sprachcafé Coerde", "Offener Treff", "8.2", "8.2-L1", "Coerde", "Stadtteilbüro Coerde",
     "laufend", "03.02.2025", "", "40", "120", "2500"],
    ["Mentoring für Azubis", "Begleitung", "7.1", "7.1-L1", "stadtweit", "Jobcenter Münster",
     "geplant", "", "", "0", "", ""],
    ["Fest der Kulturen", "Stadtteilfest", "6.3", "", "91", "Quartiersmanagement",
     "abgeschlossen", "01.05.2025", "28.06.2025", "100", "800", "4.000"],
]  # fmt: skip
MSR_EXPECTED = [
    ("Sprachcafé Coerde", "laufend", ("8.2",), ("61",), 40, 120, 2500.0),
    ("Mentoring für Azubis", "geplant", ("7.1",), (), 0, None, None),
    ("Fest der Kulturen", "abgeschlossen", ("6.3",), ("91",), 100, 800, 4000.0),
]


def msr_actual(checked: Checked) -> list[tuple]:
    """Parsed measures in the shape of MSR_EXPECTED."""
    return [
        (m["title"], m["status"], tuple(m["fields"]), tuple(m["areas"]), m["progress"],
         m["reach"], m["budget"])
        for m in checked.payload
    ]  # fmt: skip


def msr_mutations() -> list[Callable[[st.DrawFn, Case], None]]:
    """Mutations of a measures table."""
    required = {"title", "status", "fields"}

    def m_drop(draw: st.DrawFn, case: Case) -> None:
        drop_column(case, _col(draw, case), required)

    def m_dup_col(draw: st.DrawFn, case: Case) -> None:
        duplicate_column(case, _col(draw, case))

    def m_extra(draw: st.DrawFn, case: Case) -> None:
        extra_column(case, "Farbe", "blau")

    def m_dup_title(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "title"):
            duplicate_row(case, _row(draw, case), "title")

    def m_unknown(draw: st.DrawFn, case: Case) -> None:
        column = draw(st.sampled_from(["areas", "fields", "goals", "status"]))
        if _in_place(case, column):
            set_cell(case, _row(draw, case), column, "Atlantis", True, f"unbekannt {column}")

    def m_text(draw: st.DrawFn, case: Case) -> None:
        column = draw(st.sampled_from(["progress", "reach", "budget", "actual_start"]))
        if _in_place(case, column):
            text = draw(st.sampled_from(TEXT_NUMBERS))
            set_cell(case, _row(draw, case), column, text, True, f"Text {text!r} in {column}")

    def m_negative(draw: st.DrawFn, case: Case) -> None:
        column = draw(st.sampled_from(["reach", "budget"]))
        if _in_place(case, column):
            set_cell(case, _row(draw, case), column, "-3", True, f"negativ {column}")

    def m_over(draw: st.DrawFn, case: Case) -> None:
        if _in_place(case, "progress"):
            set_cell(case, _row(draw, case), "progress", "130", True, "Fortschritt über 100 %")

    def m_huge(draw: st.DrawFn, case: Case) -> None:
        column = case.grid[0][_col(draw, case)]
        free_text = column in ("title", "description", "organisation", "contact", "notes")
        set_cell(case, _row(draw, case), column, HUGE, not free_text, f"riesig {column}")

    return [m_drop, m_dup_col, m_extra, m_dup_title, m_unknown, m_text, m_negative, m_over,
            m_huge]  # fmt: skip


MSR_MUTATIONS = msr_mutations()


@st.composite
def msr_file(draw: st.DrawFn) -> tuple[Case, bytes]:
    """A mutated measures table as CSV or XLSX."""
    case = draw(mutated(Case([MSR_HEADER, *MSR_ROWS], list(MSR_EXPECTED)), MSR_MUTATIONS))
    if draw(st.integers(0, 3)) == 0:
        return case, Blob(to_xlsx(case.grid, (), draw(st.booleans()), typed=False))
    return case, Blob(encode(draw, case, "massnahmen.csv"))


@FUZZ
@given(sample=msr_file())
def test_fuzz_measures(
    empty_store: Store, sample: tuple[Case, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_TODAY", "2025-11-24")
    case, data = sample
    name = "massnahmen.xlsx" if data[:2] == b"PK" else "massnahmen.csv"
    judge("measures", case, attempt(empty_store, "measures", data, name), msr_actual)


# --- geometry: GeoJSON and zipped shapefiles -------------------------------------------------
def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


GEO_FEATURES = [
    {"type": "Feature", "properties": {"Nr": nr, "Name": name}, "geometry": _square(7.6, y)}
    for nr, name, y in ((61, "Coerde", 52.0), (91, "Berg Fidel", 51.9), (12, "Überwasser", 51.96))
]
GEO_EXPECTED = [("61",), ("91",), ("12",)]


def geo_actual(checked: Checked) -> list[tuple]:
    """Imported area codes."""
    return [(code,) for code in checked.payload["area_code"]]


@st.composite
def geojson_file(draw: st.DrawFn) -> tuple[Case, bytes]:
    """A mutated GeoJSON FeatureCollection."""
    features = copy.deepcopy(GEO_FEATURES)
    case = Case([], list(GEO_EXPECTED))
    touched: set[int] = set()
    for op in draw(st.lists(st.sampled_from(
        ["unknown", "duplicate", "no_id", "extra", "huge", "point", "null_geom", "bowtie"]
    ), max_size=2)):  # fmt: skip
        i = draw(st.integers(0, len(features) - 1))
        if i in touched:  # a second change to one feature could undo the first
            continue
        touched.add(i)
        if op == "unknown":
            features[i]["properties"]["Nr"] = 99
            case.broken(i + 1, "Nr", "unbekannter Code")
        elif op == "duplicate":
            features.append(copy.deepcopy(features[i]))
            touched.add(len(features) - 1)
            case.broken(len(features), "Nr", "Code doppelt")
        elif op == "no_id":
            for f in features:
                f["properties"].pop("Nr", None)
            case.broken(None, None, "ohne ID-Spalte")
        elif op == "extra":
            features[i]["properties"]["Fläche"] = 1.5
        elif op == "huge":
            features[i]["properties"]["Name"] = HUGE
        elif op == "point":
            features[i]["geometry"] = {"type": "Point", "coordinates": [7.6, 52.0]}
            case.broken(i + 1, "geometry", "Punkt statt Fläche")
        elif op == "null_geom":
            features[i]["geometry"] = None
            case.broken(i + 1, "geometry", "ohne Geometrie")
        elif op == "bowtie":  # self-intersecting: repaired with a warning
            ring = [[7.6, 52.0], [7.61, 52.01], [7.61, 52.0], [7.6, 52.01], [7.6, 52.0]]
            features[i]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
            case.unpredictable("Schleife")
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    # GeoJSON is UTF-8 by definition (RFC 7946): Latin-1 is refused as a whole, unless the text
    # is plain ASCII and so the same bytes in both encodings
    if encoding == "latin-1" and data != text.encode("utf-8"):
        case.breaks, case.wheres = True, [(None, None)]
        case.notes.append("Latin-1")
    fate = draw(st.sampled_from(["whole"] * 5 + ["truncated", "empty", "no_features"]))
    if fate == "truncated":
        data = data[: draw(st.integers(1, len(data) - 2))]
        case.breaks, case.wheres = True, [(None, None)]
        case.notes.append("abgeschnitten")
    elif fate == "empty":
        data = b""
        case.breaks, case.wheres = True, [(None, None)]
    elif fate == "no_features":
        data = b'{"type": "FeatureCollection", "features": []}'
        case.breaks, case.wheres = True, [(None, None)]
    return case, Blob(data)


@FUZZ
@given(sample=geojson_file())
def test_fuzz_geojson(empty_store: Store, sample: tuple[Case, bytes]) -> None:
    case, data = sample
    judge("geometry GeoJSON", case, attempt(empty_store, "areas", data, "gebiete.geojson"),
          geo_actual)  # fmt: skip


def _shapefile_members(tmp: Path, features: list[dict]) -> dict[str, bytes]:
    import geopandas as gpd

    gdf = gpd.GeoDataFrame.from_features(features, crs=4326).to_crs(25832)
    gdf.to_file(tmp / "gebiete.shp", engine="pyogrio")
    return {p.name: p.read_bytes() for p in tmp.iterdir() if p.stem == "gebiete"}


@pytest.fixture(scope="module")
def shapefile_members(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Shapefile members of a good file and of one with an unknown and a duplicate code."""
    bad = copy.deepcopy(GEO_FEATURES)
    bad[0]["properties"]["Nr"] = 99
    bad.append(copy.deepcopy(bad[1]))
    return {
        "good": _shapefile_members(tmp_path_factory.mktemp("shp_good"), GEO_FEATURES),
        "bad": _shapefile_members(tmp_path_factory.mktemp("shp_bad"), bad),
    }


@settings(
    max_examples=max(10, EXAMPLES // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.sampled_from(["good", "bad"]),
    missing=st.sets(st.sampled_from([".shx", ".dbf", ".prj", ".shp", ".cpg"]), max_size=2),
    folder=st.booleans(),
    cut=st.one_of(st.none(), st.integers(min_value=1, max_value=2000)),
)
def test_fuzz_zipped_shapefile(
    empty_store: Store,
    shapefile_members: dict[str, dict[str, bytes]],
    which: str,
    missing: set[str],
    folder: bool,
    cut: int | None,
) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in shapefile_members[which].items():
            if Path(name).suffix not in missing:
                zf.writestr(("daten/" if folder else "") + name, content)
    data = buf.getvalue()
    case = Case([], list(GEO_EXPECTED))
    if which == "bad":
        case.broken(None, "Nr", "unbekannter und doppelter Code")
    if {".shp", ".shx", ".dbf"} & missing:
        case.broken(None, None, f"ohne {sorted(missing)}")
    elif ".prj" in missing:
        case.unpredictable("ohne .prj: UTM-Koordinaten ohne CRS")
        case.wheres = [(None, None)] if case.breaks else []
    if cut is not None:
        data = data[: min(cut, len(data) - 1)]
        case.breaks, case.wheres = True, [(None, None)]
    judge("geometry zipped shapefile", case,
          attempt(empty_store, "areas", data, "gebiete.zip"), geo_actual)  # fmt: skip


# --- table cases: one file each, beside the random ones ----------------------------------------
TABLE = [
    ("observations", "leer.csv", b"", None),
    ("observations", "bom.csv", b"\xef\xbb\xbf", None),
    ("observations", "binaer.csv", bytes(range(256)) * 4, None),
    ("observations", "offenes_zitat.csv", b'indicator;area;period;value\n"bevoelkerung;12;2014;1\n',
     None),
    ("observations", "nur_kopf.csv", b"indicator;area;period;value\n", None),
    ("observations", "doppelt.csv",
     b"indicator;area;period;value\nbevoelkerung;12;2014;1\nbevoelkerung;12;2014;2\n", (3, "area")),
    ("observations", "zu_viele_zellen.csv",
     b"indicator;area;period;value\nbevoelkerung;12;2014;1;9;9\n", (2, None)),
    ("observations", "falsch.xlsx", b"PK\x03\x04kaputt", None),
    ("observations", "riesenzelle.csv",
     b"indicator;area;period;value;source\nbevoelkerung;12;2014;1;" + b"x" * 300_000 + b"\n",
     (2, None)),
    ("stats", "leer_stats.csv", b";;;\n;;;\n", None),
    ("stats", "nur_titel.csv", "Bevölkerung 2014\nQuelle: Amt\n".encode("latin-1"), None),
    ("stats", "ohne_kopf.csv", b"61 Coerde;34;35\n62 Kinderhaus-Ost;14;15\n", None),
    ("targets", "ziele_leer.csv", b"\n\n", None),
    ("targets", "ziele_doppelt.csv",
     b"indicator;area;type;value;target_period\narbeitslose_je100;61;absolute;6;2030\n"
     b"arbeitslose_je100;61;absolute;5;2030\n", (3, "indicator")),
    ("targets", "ziele_negativ.csv",
     b"indicator;area;type;value;target_period\nmso_aktiv;61;absolute;-4;2030\n", (2, "value")),
    ("measures", "massnahmen_kopf.csv", b"title;status;fields\n", None),
    ("areas", "kein_json.geojson", b"{not json", None),
    ("areas", "liste.geojson", b"[1, 2, 3]", None),
    ("areas", "utm_ohne_crs.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"Nr": 61},
         "geometry": {"type": "Point", "coordinates": [405000, 5760000]}}]}).encode(), None),
    ("areas", "falsches.zip", b"PK\x03\x04" + b"\x00" * 100, None),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "name", "data", "where"), TABLE, ids=[t[1] for t in TABLE])
def test_table_cases_are_refused_clearly(
    empty_store: Store, kind: str, name: str, data: bytes, where: tuple | None
) -> None:
    opts = Options(indicator="bevoelkerung") if kind == "stats" else None
    result = attempt(empty_store, kind, data, name, opts)
    assert isinstance(result, ValidationError)
    if where is not None:
        row, column = where
        assert any(
            p.row == row and (column is None or p.column == column) for p in result.errors
        ), result.user_message()
    fmt = {"observations": "canonical CSV", "stats": "statistics layout", "targets": "targets",
           "measures": "measures", "areas": "geometry GeoJSON"}[kind]  # fmt: skip
    CASES[fmt] += 1


def test_latin1_statistics_asset_imports_with_umlauts(empty_store: Store) -> None:
    """The real office exports Latin-1: names must come out as umlauts, not mojibake."""
    data = (ASSETS / "stats_good.csv").read_bytes()
    data.decode("latin-1")  # it is a Latin-1 file
    result = attempt(
        empty_store, "stats", data, "stats_good.csv", Options(indicator="bevoelkerung_mv")
    )
    assert isinstance(result, Checked) and not result.errors
    assert "12" in set(result.payload["area_code"])  # '12 Überwasser' resolved
    CASES["statistics layout"] += 1


VALID = [
    ("observations", "canonical CSV", OBS_BASE, obs_actual),
    ("targets", "targets", Case([TGT_HEADER, *TGT_ROWS], TGT_EXPECTED), tgt_actual),
    ("measures", "measures", Case([MSR_HEADER, *MSR_ROWS], MSR_EXPECTED), msr_actual),
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"], ids=["semikolon", "komma", "tab"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_valid_files_import_the_same_in_every_encoding(
    empty_store: Store, encoding: str, delimiter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every encoding/delimiter pair, deterministically: umlauts come out as umlauts."""
    monkeypatch.setenv("LEITBILD_TODAY", "2025-11-24")
    for kind, fmt, base, actual in VALID:
        case = copy.deepcopy(base)
        if kind == "observations":
            case.expected = _normalise_expected(case.expected)
        result = attempt(empty_store, kind, to_csv(case.grid, delimiter, encoding), "x.csv")
        judge(fmt, case, result, actual)
