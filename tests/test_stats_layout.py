"""The city's statistics layout (SMS tables): sample files, planted problems, the real data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.analysis.aggregation import reconcile
from dashboard.catalogues import Catalogue
from dashboard.imports import Options, check_file
from dashboard.ingest.stats_layout import StatsResult, group_id, parse_stats
from dashboard.ingest.tables import Cell, read_path, read_table
from dashboard.store import Store
from tests.conftest import ASSETS

REAL_FILES = [
    "ms_arbeitslose.csv",
    "ms_haushalte.csv",
    "ms_migrationsvorgeschichte.csv",
    "ms_sozialversicherungspflichtige.csv",
    "ms_wohnberechtigte.csv",
    "ms_wohnberechtigte_nach_alter.csv",
    "ms_wohnberechtigte_nach_alter_maennlich.csv",
    "ms_wohnberechtigte_nach_alter_weiblich.csv",
]
AGE_BANDS = ["0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79", "80_89",
             "90_plus"]  # fmt: skip
AGE_GROUPS = {"insgesamt", *(f"alter_{b}" for b in AGE_BANDS)}


def parse_asset(name: str, catalogue: Catalogue, period: int | None = None) -> StatsResult:
    table, _ = read_path(ASSETS / name)
    # the XLSX sample has age bands: groups of bevoelkerung only
    indicator = "bevoelkerung" if name.endswith(".xlsx") else "bevoelkerung_mv"
    return parse_stats(table, catalogue, indicator, period)


def parse_text(text: str, catalogue: Catalogue, period: int | None = None) -> StatsResult:
    return parse_stats(read_table(text.encode(), "inline.csv"), catalogue, "bevoelkerung", period)


def workbook(rows: list[list[Cell]], merges: list[str]) -> bytes:
    """A one-sheet XLSX with the given rows and merged ranges."""
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    for cell_range in merges:
        ws.merge_cells(cell_range)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell(
    frame: pd.DataFrame, area: str, period: int, grp: str | None = None
) -> tuple[int, float | None, str | None]:
    """(line, value, flag) of the one observation for area/period (and group)."""
    mask = (frame["area_code"] == area) & (frame["period"] == period)
    if grp is not None:
        mask &= frame["grp"] == grp
    rows = frame[mask]
    assert len(rows) == 1, rows
    row = rows.iloc[0]
    value = None if pd.isna(row["value"]) else float(row["value"])
    flag = None if pd.isna(row["flag"]) else str(row["flag"])
    return int(row["_row"]), value, flag


def where(result: StatsResult) -> set[tuple[int | None, str | None, str]]:
    return {(p.row, p.column, p.severity) for p in result.problems}


# --- sample files -------------------------------------------------------------------------------


@pytest.mark.parametrize(("asset", "period"), [("stats_good.csv", None), ("stats_good.xlsx", 2014)])
def test_good_samples_parse_without_any_problem(
    catalogue: Catalogue, asset: str, period: int | None
) -> None:
    result = parse_asset(asset, catalogue, period)
    assert result.problems == []
    assert len(result.frame) > 0


@pytest.mark.parametrize(
    ("area", "period", "line", "value", "flag"),
    [
        ("12", 2014, 7, 247.0, None),  # '12 Überwasser', decimal comma '247,0'
        ("61", 2013, 8, 3498.0, None),  # '61 Coerde', thousands point
        ("62", 2012, 9, 1450.0, None),  # '1 450'
        ("68", 2014, 11, None, "secret"),  # '.'
        ("B3", 2012, 12, 9261.0, None),  # aggregate row 'Nord'
        ("71", 2014, 13, 2401.0, "provisional"),  # '2.401p'
        ("77", 2013, 15, 1221.0, "corrected"),  # '1.221r'
        ("B4", 2014, 16, 4198.0, None),  # aggregate row 'Ost'
        ("00", 2012, 17, 0.0, None),  # 'nicht zuzuordnen', '-' is exactly zero
        ("00", 2013, 17, 123.0, "corrected"),  # '123r'
        ("00", 2014, 17, 98.0, "provisional"),  # '98p'
        ("0", 2013, 18, 13914.0, None),  # 'Stadt Münster'
        ("0", 2014, 18, None, "not_yet_available"),  # '…'
    ],
)
def test_good_csv_cells(
    catalogue: Catalogue,
    area: str,
    period: int,
    line: int,
    value: float | None,
    flag: str | None,
) -> None:
    frame = parse_asset("stats_good.csv", catalogue).frame
    assert cell(frame, area, period) == (line, value, flag)


def test_good_csv_reads_only_the_area_rows(catalogue: Catalogue) -> None:
    frame = parse_asset("stats_good.csv", catalogue).frame
    # title rows (1–2), the three-line header cell (3–5), the year row (6), the blank line and
    # the footnotes (20–21) produce nothing; every area row gives one value per year
    assert sorted(set(frame["_row"])) == list(range(7, 19))
    assert set(frame["area_code"]) == {
        "12", "61", "62", "63", "68", "B3", "71", "76", "77", "B4", "00", "0",
    }  # fmt: skip
    assert set(frame["period"]) == {2012, 2013, 2014}
    assert len(frame) == 12 * 3
    assert set(frame["indicator_id"]) == {"bevoelkerung_mv"}
    # the table's own source line below the data, not the file name
    assert set(frame["source"]) == {
        "Testdaten (erfunden) nach dem Muster der Statistik für Münsters Stadtteile"
    }


def test_good_csv_spanning_header_is_not_a_group(catalogue: Catalogue) -> None:
    result = parse_asset("stats_good.csv", catalogue)
    assert result.group_labels == {}
    assert set(result.frame["grp"]) == {"insgesamt"}


@pytest.mark.parametrize(
    ("area", "grp", "line", "value", "flag"),
    [
        ("61", "insgesamt", 5, 4523.0, None),  # text cell '4.523' in a workbook
        ("61", "alter_0_9", 5, 702.0, None),
        ("68", "alter_30_39", 8, None, "secret"),
        ("B3", "alter_20_29", 9, 6331.0, None),
        ("00", "insgesamt", 10, 7.0, "provisional"),
        ("00", "alter_0_9", 10, 0.0, None),
        ("00", "alter_30_39", 10, None, "not_yet_available"),
        ("0", "alter_10_19", 11, 6321.0, None),
    ],
)
def test_good_xlsx_cells(
    catalogue: Catalogue, area: str, grp: str, line: int, value: float | None, flag: str | None
) -> None:
    frame = parse_asset("stats_good.xlsx", catalogue, 2014).frame
    assert cell(frame, area, 2014, grp) == (line, value, flag)


def test_good_xlsx_category_columns_become_catalogue_groups(catalogue: Catalogue) -> None:
    result = parse_asset("stats_good.xlsx", catalogue, 2014)
    assert result.group_labels == {}  # no new groups: every column is a catalogue group
    assert set(result.frame["grp"]) == {
        "insgesamt", "alter_0_9", "alter_10_19", "alter_20_29", "alter_30_39",
    }  # fmt: skip
    assert set(result.frame["period"]) == {2014}
    assert sorted(set(result.frame["_row"])) == list(range(5, 12))
    assert set(result.frame["area_code"]) == {"61", "62", "63", "68", "B3", "00", "0"}


def test_category_columns_need_a_period(catalogue: Catalogue) -> None:
    result = parse_asset("stats_good.xlsx", catalogue)
    assert result.frame.empty
    assert [(p.row, p.column) for p in result.problems] == [
        (4, "Gesamt"),
        (4, "0 - 9"),
        (4, "10 - 19"),
        (4, "20 - 29"),
        (4, "30 - 39"),
    ]
    assert all("--period" in p.expected for p in result.problems)


def test_hidden_sheet_is_skipped_unless_named(catalogue: Catalogue) -> None:
    data = (ASSETS / "stats_good.xlsx").read_bytes()
    default = read_table(data, "stats_good.xlsx")
    assert default.sheet == "Tabelle 2"
    hidden = parse_stats(
        read_table(data, "stats_good.xlsx", "Tabelle 1"), catalogue, "bevoelkerung", 2014
    )
    assert cell(hidden.frame, "61", 2014, "insgesamt")[1] == 1.0
    shown = parse_stats(default, catalogue, "bevoelkerung", 2014)
    assert cell(shown.frame, "61", 2014, "insgesamt")[1] == 4523.0


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        # the single year in a title row is the period of category columns
        ("Alter\nStand: 31.12.2014\nStadtteil;Gesamt;0 - 9\n61 Coerde;10;4\n", None, {2014}),
        # --period wins over the title
        ("Alter\nStand: 31.12.2014\nStadtteil;Gesamt;0 - 9\n61 Coerde;10;4\n", 2013, {2013}),
        # a year in the header wins over both
        ("Titel 2010\nStadtteil;31.12.2012;2013\n61 Coerde;10;4\n", 2014, {2012, 2013}),
    ],
)
def test_where_periods_come_from(
    catalogue: Catalogue, text: str, period: int | None, expected: set[int]
) -> None:
    result = parse_text(text, catalogue, period)
    assert result.problems == []
    assert set(result.frame["period"]) == expected


def test_two_years_in_the_title_do_not_choose_a_period(catalogue: Catalogue) -> None:
    result = parse_text("Vergleich 2013 zu 2014\nStadtteil;Gesamt\n61 Coerde;10\n", catalogue)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Gesamt")]


def test_name_and_number_columns_layout(catalogue: Catalogue) -> None:
    result = parse_text(
        "BezirkName,BezirkNummer,2013,2014\nCoerde,61,10,11\nSprakel,68,3,4\nNord,,13,15\n"
        '"nicht zuzuordnen",,1,-\n"Stadt Münster",,14,15\n',
        catalogue,
    )
    assert result.problems == []
    assert cell(result.frame, "68", 2014) == (3, 4.0, None)
    assert cell(result.frame, "B3", 2014) == (4, 15.0, None)
    assert cell(result.frame, "00", 2014) == (5, 0.0, None)
    assert cell(result.frame, "0", 2013) == (6, 14.0, None)


def test_a_table_without_area_rows(catalogue: Catalogue) -> None:
    result = parse_text("Gebiet;2014\nAtlantis;5\nOz;6\n", catalogue)
    assert result.frame.empty
    assert [(p.row, p.found) for p in result.problems] == [(None, "keine Tabelle erkannt")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Gesamt", "insgesamt"),
        ("Insgesamt", "insgesamt"),
        (" Summe ", "insgesamt"),
        ("0 - 9", "g_0_9"),
        ("90 u. mehr", "g_90_u_mehr"),
        ("Männlich", "maennlich"),
        ("weiblich", "weiblich"),
        ("Ausländer/-innen", "auslaender_innen"),
        ("unter 18", "unter_18"),
        ("Straße", "strasse"),
    ],
)
def test_group_id(header: str, expected: str) -> None:
    assert group_id(header) == expected


# --- planted problems ---------------------------------------------------------------------------

BAD_PROBLEMS = {
    (2, "2013", "error"),  # the year column 2013 twice
    (10, "Spalte 6", "error"),  # line 10 has a value in a column without header
    (4, "Stadtteil", "error"),  # unknown district '99 Atlantis'
    (5, "2013", "error"),  # text 'viele' in a numeric cell
    (6, "Stadtteil", "error"),  # '61 Coerde' a second time
    (7, "2014", "error"),  # negative count
    (8, "Stadtteil", "warning"),  # '68 Coerde': number and name disagree, the number wins
    (9, "Stadtteil", "error"),  # unknown aggregate 'Südwest'
}


def test_bad_sample_reports_every_planted_problem(catalogue: Catalogue) -> None:
    result = parse_asset("stats_bad.csv", catalogue)
    assert where(result) == BAD_PROBLEMS
    for p in result.problems:
        assert p.file == "stats_bad.csv" and p.expected and p.found


@pytest.mark.parametrize(
    ("line", "column", "expected_part", "found"),
    [
        (2, "2013", "jede Periode/Gruppe nur einmal", "doppelt"),
        (4, "Stadtteil", "einen Gebietsschlüssel oder -namen aus dem Katalog", "'99 Atlantis'"),
        (5, "2013", "eine Zahl", "'viele'"),
        (6, "Stadtteil", "schon Zeile 3", "'61 Coerde'"),
        (7, "2014", "eine Anzahl ≥ 0", "-12.0"),
        (8, "Stadtteil", "Name passend zu Nummer 68", "'Coerde'"),
        (9, "Stadtteil", "einen Gebietsschlüssel oder -namen aus dem Katalog", "'Südwest'"),
    ],
)
def test_bad_sample_messages(
    catalogue: Catalogue, line: int, column: str, expected_part: str, found: str
) -> None:
    problems = parse_asset("stats_bad.csv", catalogue).problems
    here = [p for p in problems if (p.row, p.column) == (line, column)]
    assert any(expected_part in p.expected and p.found == found for p in here), here


def test_bad_sample_keeps_nothing_from_rejected_cells(catalogue: Catalogue) -> None:
    frame = parse_asset("stats_bad.csv", catalogue).frame
    lines = set(frame["_row"])
    assert lines.isdisjoint({4, 6, 9})  # unknown and duplicate rows
    assert ("62", 2013) not in set(zip(frame["area_code"], frame["period"], strict=True))
    assert ("63", 2014) not in set(zip(frame["area_code"], frame["period"], strict=True))
    # the second '2013' column is ignored: Coerde keeps the first one's value
    assert cell(frame, "61", 2013) == (3, 10230.0, None)


def test_extra_cell_is_reported_at_its_data_row(catalogue: Catalogue) -> None:
    problems = parse_asset("stats_bad.csv", catalogue).problems
    assert 10 in {p.row for p in problems}


# --- layouts that once tripped the parser (regression tests) ---------------------------------


def test_vertically_merged_headers_are_read_once(catalogue: Catalogue) -> None:
    rows: list[list[Cell]] = [
        ["Stadtteil", "Insgesamt", "0 - 9", "10 - 19"],
        [None, None, None, None],
        ["61 Coerde", 100, 40, 60],
    ]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2"]
    table = read_table(workbook(rows, merges), "v.xlsx")
    assert table.rows[1] == ["Stadtteil", "Insgesamt", "0 - 9", "10 - 19"]  # filled by merge
    result = parse_stats(table, catalogue, "bevoelkerung", 2014)
    assert result.problems == []
    assert set(result.frame["grp"]) == {"insgesamt", "alter_0_9", "alter_10_19"}


def test_partial_spanning_header_is_not_part_of_the_group(catalogue: Catalogue) -> None:
    rows: list[list[Cell]] = [
        ["Stadtteil", "Gesamt", "davon im Alter von … Jahren", None],
        [None, None, "0 - 9", "10 - 19"],
        ["61 Coerde", 100, 40, 60],
    ]
    table = read_table(workbook(rows, ["A1:A2", "C1:D1"]), "p.xlsx")
    result = parse_stats(table, catalogue, "bevoelkerung", 2014)
    assert set(result.frame["grp"]) == {"insgesamt", "alter_0_9", "alter_10_19"}


def test_excel_date_headers_are_years(catalogue: Catalogue) -> None:
    rows: list[list[Cell]] = [
        ["Stadtteil", dt.datetime(2013, 12, 31), dt.datetime(2014, 12, 31)],
        ["61 Coerde", 100, 110],
    ]
    result = parse_stats(read_table(workbook(rows, []), "d.xlsx"), catalogue, "bevoelkerung")
    assert result.problems == []
    assert set(zip(result.frame["period"], result.frame["grp"], strict=True)) == {
        (2013, "insgesamt"),
        (2014, "insgesamt"),
    }


# --- aggregate rows -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asset", "period", "checked"),
    [
        # Nord 2012/2013 and Ost 2012–2014; Nord 2014 has a secret member, the city lacks members
        ("stats_good.csv", None, 5),
        # Nord in four columns; the fifth has the secret Sprakel cell
        ("stats_good.xlsx", 2014, 4),
    ],
)
def test_good_samples_reconcile(
    catalogue: Catalogue, asset: str, period: int | None, checked: int
) -> None:
    frame = parse_asset(asset, catalogue, period).frame
    diffs, n_checked = reconcile(frame, catalogue.areas)
    assert diffs.empty
    assert n_checked == checked


def test_reconcile_finds_the_deliberate_mismatch(catalogue: Catalogue) -> None:
    result = parse_asset("stats_aggregate_mismatch.csv", catalogue)
    assert result.problems == []
    diffs, n_checked = reconcile(result.frame, catalogue.areas)
    assert n_checked == 2
    assert diffs.to_dict("records") == [
        {"area_code": "B3", "period": 2014, "grp": "insgesamt", "found": 28620.0, "sum": 28610.0}
    ]


@pytest.mark.parametrize(
    ("tolerance", "warned"), [(None, True), ("9.5", True), ("10", False), ("25", False)]
)
def test_import_check_warns_about_the_mismatch(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch, tolerance: str | None, warned: bool
) -> None:
    if tolerance is not None:
        monkeypatch.setenv("LEITBILD_AGGREGATE_TOLERANCE", tolerance)
    name = "stats_aggregate_mismatch.csv"
    checked = check_file(
        empty_store, "stats", (ASSETS / name).read_bytes(), name, Options(indicator="bevoelkerung")
    )
    assert checked.errors == []
    warnings = [(p.row, p.column, p.expected, p.found, p.severity) for p in checked.problems]
    expected = [(6, "2014", "Summe der Stadtteile 28610", "28620", "warning")]
    assert warnings == (expected if warned else [])
    assert checked.notes[-1] == f"Summenzeilen geprüft: 2, davon abweichend: {int(warned)}"


# --- the real Münster files ---------------------------------------------------------------------


def _real(muenster: Path, name: str, catalogue: Catalogue) -> StatsResult:
    table, _ = read_path(muenster / "stats" / name)
    period = 2014 if "_nach_alter" in name else None
    group = next((g for g in ("maennlich", "weiblich") if g in name), None)
    return parse_stats(table, catalogue, "bevoelkerung", period, group)


@pytest.mark.realdata
@pytest.mark.parametrize("name", REAL_FILES)
def test_real_file_parses_without_problems(muenster: Path, catalogue: Catalogue, name: str) -> None:
    result = _real(muenster, name, catalogue)
    assert result.problems == []
    levels = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    districts = set(catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"])
    assert len(districts) == 45
    assert {a for a in result.frame["area_code"] if levels[a] == "stadtteil"} == districts
    assert {"0", "B1", "B2", "B3", "B4", "B5", "B6", "1", "2", "3", "4"} <= set(
        result.frame["area_code"]
    )
    if "_nach_alter" in name:
        assert set(result.frame["period"]) == {2014}
        prefix = next((f"{g}_" for g in ("maennlich", "weiblich") if g in name), "")
        total = prefix.rstrip("_") or "insgesamt"
        assert set(result.frame["grp"]) == {total, *(f"{prefix}alter_{b}" for b in AGE_BANDS)}
    else:
        assert set(result.frame["period"]) == {2010, 2011, 2012, 2013, 2014}
        assert set(result.frame["grp"]) == {"insgesamt"}


@pytest.mark.realdata
@pytest.mark.parametrize("name", [n for n in REAL_FILES if "_nach_alter_" in n])
def test_real_secret_cells_become_flag_secret(
    muenster: Path, catalogue: Catalogue, name: str
) -> None:
    with (muenster / "stats" / name).open(encoding="utf-8-sig", newline="") as fh:
        raw_dots = sum(c.strip() == "." for row in csv.reader(fh) for c in row)
    assert raw_dots > 0
    frame = _real(muenster, name, catalogue).frame
    secret = frame[frame["flag"] == "secret"]
    assert len(secret) == raw_dots
    assert secret["value"].isna().all()
    # Überwasser's oldest age groups are among them
    prefix = "maennlich" if "maennlich" in name else "weiblich"
    assert cell(frame, "12", 2014, f"{prefix}_alter_80_89")[1:] == (None, "secret")
    assert (frame["flag"] != "secret").sum() == frame["value"].notna().sum()


@pytest.mark.realdata
def test_real_unassignable_row_is_area_00(muenster: Path, catalogue: Catalogue) -> None:
    frame = _real(muenster, "ms_arbeitslose.csv", catalogue).frame
    assert cell(frame, "00", 2014) == (cell(frame, "0", 2014)[0] - 1, 14.0, None)


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["ms_wohnberechtigte.csv", "ms_migrationsvorgeschichte.csv"])
def test_real_aggregate_rows_reconcile(muenster: Path, catalogue: Catalogue, name: str) -> None:
    frame = _real(muenster, name, catalogue).frame
    diffs, n_checked = reconcile(frame, catalogue.areas)
    assert diffs.empty, diffs
    # 11 aggregate rows (city, 6 Stadtbezirke, 4 Teilbereiche of Mitte) × 5 years
    assert n_checked == 55
