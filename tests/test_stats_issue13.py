"""Issue 13, items 1–8: the city's own statistics tables import right or are refused.

Every layout is written as the statistics office's tools write it: CSV with ';', Latin-1 and
CRLF, and XLSX with merged cells written by openpyxl. The tests run the real CLI and assert
the values stored in the database, not only the exit code.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pytest

from dashboard.cli import main
from dashboard.imports import Options, check_file
from dashboard.store import Store

Rows = list[list[object]]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh database (catalogues, no demo data) set as LEITBILD_DB."""
    path = tmp_path / "issue13.duckdb"
    monkeypatch.setenv("LEITBILD_DB", str(path))
    assert main(["init", "--no-demo"]) == 0
    yield path
    Store(path).close()


def latin1_csv(rows: Rows) -> bytes:
    """Rows as the office's CSV export: ';', Latin-1, CRLF."""
    lines = [";".join("" if c is None else str(c) for c in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def workbook(sheets: dict[str, tuple[Rows, list[str]]]) -> bytes:
    """An XLSX with one sheet per entry (rows, merged ranges), written by openpyxl."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (rows, merges) in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for cell_range in merges:
            ws.merge_cells(cell_range)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def stored(db: Path, indicator: str) -> dict[tuple[str, int, str], float | None]:
    """(area, period, group) → stored value of one indicator."""
    store = Store(db)
    try:
        frame = store.observations([indicator])
    finally:
        store.close()
    return {
        (r.area_code, int(r.period), r.grp): None if math.isnan(r.value) else float(r.value)
        for r in frame.itertuples()
    }


def run(*args: str) -> int:
    return main(list(args))


# --- 1. re-import ------------------------------------------------------------------------------

AGE_ROWS: Rows = [
    ["Bevölkerung nach Alter am 31.12.2014", None, None],
    ["Stadtteil", "0 - 9", "10 - 19"],
    ["61 Coerde", "1.234", "1.100"],
    ["91 Berg Fidel", 612, 587],
]


def test_reimport_is_a_no_op_and_female_after_male_works(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = write(tmp_path, "alter.csv", latin1_csv(AGE_ROWS))
    assert run("import", "stats", path, "--indicator", "bevoelkerung") == 0
    capsys.readouterr()
    assert run("import", "stats", path, "--indicator", "bevoelkerung") == 0
    out = capsys.readouterr()
    assert "unverändert" in out.out and "Datenbankfehler" not in out.err
    male = [["Bevölkerung männlich am 31.12.2014"], *AGE_ROWS[1:]]
    female = [["Bevölkerung weiblich am 31.12.2014"], ["Stadtteil", "0 - 9", "10 - 19"],
              ["61 Coerde", 600, 540], ["91 Berg Fidel", 300, 280]]  # fmt: skip
    book = workbook({"männlich": (male, ["A1:C1"]), "weiblich": (female, ["A1:C1"])})
    xlsx = write(tmp_path, "alter.xlsx", book)
    for sheet in ("männlich", "weiblich"):
        assert run("import", "stats", xlsx, "--indicator", "bevoelkerung", "--sheet", sheet) == 0
    values = stored(db, "bevoelkerung")
    assert values[("61", 2014, "alter_0_9")] == 1234.0
    assert values[("61", 2014, "maennlich_alter_0_9")] == 1234.0
    assert values[("61", 2014, "weiblich_alter_0_9")] == 600.0
    assert values[("91", 2014, "weiblich_alter_10_19")] == 280.0
    assert len(values) == 12


# --- 2. unit rows ------------------------------------------------------------------------------

UNIT_LAYOUTS = {
    "below, once": [["Stadtteil", "2013", "2014"], [None, "Anzahl", None]],
    "below, every column": [["Stadtteil", "2013", "2014"], [None, "Anzahl", "Anzahl"]],
    "above, once": [[None, "Anzahl", None], ["Stadtteil", "2013", "2014"]],
}
DATA_2YEARS: Rows = [["61 Coerde", "10.430", "10.555"], ["91 Berg Fidel", "5.601", "5.640"]]
EXPECTED_2YEARS = {
    ("61", 2013, "insgesamt"): 10430.0, ("61", 2014, "insgesamt"): 10555.0,
    ("91", 2013, "insgesamt"): 5601.0, ("91", 2014, "insgesamt"): 5640.0,
}  # fmt: skip


@pytest.mark.parametrize("layout", list(UNIT_LAYOUTS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_unit_row_above_or_below_the_years(db: Path, tmp_path: Path, layout: str, fmt: str) -> None:
    rows = [*UNIT_LAYOUTS[layout], *DATA_2YEARS]
    unit_row = next(i for i, r in enumerate(rows) if "Anzahl" in r) + 1
    merges = [f"B{unit_row}:C{unit_row}"] if layout.endswith("once") else []
    data = latin1_csv(rows) if fmt == "csv" else workbook({"Tabelle1": (rows, merges)})
    path = write(tmp_path, f"einheit.{fmt}", data)
    # --period as the refusal once advised must not turn the 2013 column into 2014
    assert run("import", "stats", path, "--indicator", "bevoelkerung", "--period", "2014") == 0
    assert stored(db, "bevoelkerung") == EXPECTED_2YEARS


# --- 3. title over the value columns -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_title_in_b1_gives_the_year(db: Path, tmp_path: Path, fmt: str) -> None:
    rows: Rows = [
        ["Stadtteil", "Bevölkerung am 31.12.2014", None, None],
        [None, "Insgesamt", "männlich", "weiblich"],
        ["61 Coerde", "10.555", "5.132", "5.423"],
        ["91 Berg Fidel", "5.640", "2.724", "2.916"],
    ]
    data = latin1_csv(rows) if fmt == "csv" else workbook({"T": (rows, ["B1:D1", "A1:A2"])})
    assert run("import", "stats", write(tmp_path, f"t.{fmt}", data), "--indicator",
               "bevoelkerung") == 0  # fmt: skip
    assert stored(db, "bevoelkerung") == {
        ("61", 2014, "insgesamt"): 10555.0, ("61", 2014, "maennlich"): 5132.0,
        ("61", 2014, "weiblich"): 5423.0, ("91", 2014, "insgesamt"): 5640.0,
        ("91", 2014, "maennlich"): 2724.0, ("91", 2014, "weiblich"): 2916.0,
    }  # fmt: skip


# --- 4. total columns --------------------------------------------------------------------------


@pytest.mark.parametrize("total", ["Insgesamt", "Ins-\ngesamt", "Summe", "Gesamt"])
def test_total_beside_years_is_never_a_value(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture, total: str
) -> None:
    rows: Rows = [
        ["Stadtteil", "2013", "2014", total],
        [None, "Anzahl", None, None],
        ["61 Coerde", "10.430", "10.555", "20.985"],
        ["91 Berg Fidel", "5.601", "5.640", "11.241"],
    ]
    book = workbook({"T": (rows, ["B2:D2"])})
    path = write(tmp_path, "summe.xlsx", book)
    assert run("import", "stats", path, "--indicator", "bevoelkerung", "--period", "2014") == 0
    assert stored(db, "bevoelkerung") == EXPECTED_2YEARS
    assert "Summenspalte über die Jahre nicht importiert" in capsys.readouterr().out


def test_total_beside_categories_is_the_total(db: Path, tmp_path: Path) -> None:
    rows: Rows = [["Alter 31.12.2014"], ["Stadtteil", "Ins-\ngesamt", "0 - 9", "90 u. mehr"],
                  ["61 Coerde", "1.300", "1.234", "66"]]  # fmt: skip
    data = latin1_csv([[str(c).replace("\n", " ") if c else c for c in r] for r in rows])
    assert run("import", "stats", write(tmp_path, "k.csv", data), "--indicator",
               "bevoelkerung") == 0  # fmt: skip
    assert stored(db, "bevoelkerung") == {
        ("61", 2014, "insgesamt"): 1300.0, ("61", 2014, "alter_0_9"): 1234.0,
        ("61", 2014, "alter_90_plus"): 66.0,
    }  # fmt: skip


# --- 5. groups from column headers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "groups"),
    [
        (["0 bis unter 10", "10 bis unter 20"], ["alter_0_9", "alter_10_19"]),
        (["Männer", "Frauen"], ["maennlich", "weiblich"]),
    ],
)
def test_aliases_map_onto_catalogue_groups(
    db: Path, tmp_path: Path, headers: list[str], groups: list[str]
) -> None:
    rows: Rows = [["Stadtteil", "davon im Alter von … bis … Jahren", None],
                  [None, *headers], ["61 Coerde", 7, 8]]  # fmt: skip
    book = workbook({"T": (rows, ["B1:C1"])})
    assert run("import", "stats", write(tmp_path, "g.xlsx", book), "--indicator",
               "bevoelkerung", "--period", "2014") == 0  # fmt: skip
    assert stored(db, "bevoelkerung") == {
        ("61", 2014, groups[0]): 7.0,
        ("61", 2014, groups[1]): 8.0,
    }


def test_unknown_category_is_refused_with_the_allowed_groups(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows: Rows = [["Stadtteil", "Gesamt", "mit Hund"], ["61 Coerde", 10, 3]]
    path = write(tmp_path, "hund.csv", latin1_csv(rows))
    assert run("import", "stats", path, "--indicator", "bevoelkerung", "--period", "2014") == 1
    err = capsys.readouterr().err
    assert "Spalte „mit Hund“" in err and "insgesamt, maennlich, weiblich, alter_0_9" in err
    assert stored(db, "bevoelkerung") == {}


@pytest.mark.parametrize("how", ["option", "sheet", "title"])
def test_whole_table_as_one_group(db: Path, tmp_path: Path, how: str) -> None:
    title = "Bevölkerung (männlich) 2014" if how == "title" else "Bevölkerung 2014"
    rows: Rows = [[title], ["Stadtteil", "Gesamt", "0 - 9"], ["61 Coerde", 5132, 600]]
    sheet = "männlich" if how == "sheet" else "Tabelle1"
    path = write(tmp_path, "m.xlsx", workbook({sheet: (rows, ["A1:C1"])}))
    extra = ["--group", "maennlich"] if how == "option" else []
    assert run("import", "stats", path, "--indicator", "bevoelkerung", *extra) == 0
    assert stored(db, "bevoelkerung") == {
        ("61", 2014, "maennlich"): 5132.0,
        ("61", 2014, "maennlich_alter_0_9"): 600.0,
    }


def test_group_option_against_the_sheet_is_refused(db: Path, tmp_path: Path) -> None:
    rows: Rows = [["Stadtteil", "Gesamt"], ["61 Coerde", 5132]]
    path = write(tmp_path, "w.xlsx", workbook({"weiblich": (rows, [])}))
    args = ["--indicator", "bevoelkerung", "--period", "2014", "--group", "maennlich"]
    assert run("import", "stats", path, *args) == 1
    assert stored(db, "bevoelkerung") == {}


# --- 6. units and kinds --------------------------------------------------------------------------


def test_counts_for_a_rate_are_refused_with_advice(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows: Rows = [["Arbeitslose"], ["Stadtteil", "2014"], ["61 Coerde", "698"],
                  ["91 Berg Fidel", "412"], ["Stadt Münster", "8.923"]]  # fmt: skip
    path = write(tmp_path, "al.csv", latin1_csv(rows))
    assert run("import", "stats", path, "--indicator", "arbeitslose_je100") == 1
    err = capsys.readouterr().err
    assert "je 100 zwischen 0 und 100" in err and "Anzahl-Indikator" in err
    assert "3 Fehler" in err
    assert stored(db, "arbeitslose_je100") == {}


def test_header_unit_contradicting_the_indicator_is_refused(db: Path, tmp_path: Path) -> None:
    rows: Rows = [["Stadtteil", "2014"], [None, "Anzahl"], ["61 Coerde", "12"]]
    store = Store(db)
    try:
        checked = check_file(store, "stats", latin1_csv(rows), "q.csv",
                             Options(indicator="sgb2_quote"))  # fmt: skip
    finally:
        store.close()
    assert [(p.row, p.found) for p in checked.errors] == [(2, "Einheit „Anzahl“ (Anzahl)")]


def test_fractional_and_negative_counts_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows: Rows = [["Stadtteil", "2014"], ["61 Coerde", "10,5"], ["91 Berg Fidel", "-3"]]
    path = write(tmp_path, "c.csv", latin1_csv(rows))
    assert run("import", "stats", path, "--indicator", "bevoelkerung") == 1
    err = capsys.readouterr().err
    assert "Zeile 2" in err and "eine ganze Zahl (Anzahl)" in err and "gefunden 10.5" in err
    assert "Zeile 3" in err and "eine Anzahl ≥ 0" in err
    assert stored(db, "bevoelkerung") == {}


def test_a_jump_is_a_warning_before_import(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    first = write(tmp_path, "a.csv", latin1_csv([["Stadtteil", "2013"], ["61 Coerde", "10.430"]]))
    assert run("import", "stats", first, "--indicator", "bevoelkerung") == 0
    rows: Rows = [["Stadtteil", "2014"], ["61 Coerde", "51.775"]]
    store = Store(db)
    try:
        checked = check_file(store, "stats", latin1_csv(rows), "b.csv",
                             Options(indicator="bevoelkerung"))  # fmt: skip
    finally:
        store.close()
    assert checked.errors == []
    assert [(w.row, w.found) for w in checked.warnings] == [(2, "51775")]
    assert "Faktor 3" in checked.warnings[0].expected and "2013" in checked.warnings[0].expected
    capsys.readouterr()
    assert run("import", "stats", write(tmp_path, "b.csv", latin1_csv(rows)),
               "--indicator", "bevoelkerung") == 0  # fmt: skip
    assert "Hinweis: b.csv, Zeile 2" in capsys.readouterr().out


# --- 7. messages ---------------------------------------------------------------------------------


def test_text_file_is_one_message(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    prose = "Liebe Kolleginnen,\r\nanbei die Zahlen für 61 Coerde: 10.555 Einwohner.\r\n" * 270
    path = write(tmp_path, "brief.csv", prose.encode("latin-1"))
    for kind in ("stats", "observations"):
        assert run("import", kind, path, "--indicator", "bevoelkerung") == 1
        err = capsys.readouterr().err
        assert "(1 Fehler" in err and "keine Tabelle erkannt" in err, err


def test_finer_area_codes_are_one_message(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows: Rows = [["Stadtzelle", "2014"], *([f"{c} Zelle", "10"] for c in range(981, 990))]
    path = write(tmp_path, "zellen.csv", latin1_csv(rows))
    assert run("import", "stats", path, "--indicator", "bevoelkerung") == 1
    err = capsys.readouterr().err
    assert len([ln for ln in err.splitlines() if ln.startswith("  - ")]) == 1, err
    assert "9 Stellen" in err and "einen Gebietsschlüssel" in err
    assert "Stadtteile 11–98" in err and "feinere Gebietsebenen" in err


def test_workbook_names_the_sheet_it_read(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows: Rows = [["Stadtteil", "2014"], ["61 Coerde", "10.555"]]
    book = workbook({"Bevölkerung": (rows, []), "Haushalte": (rows, []), "Notizen": ([["x"]], [])})
    assert run("import", "stats", write(tmp_path, "wb.xlsx", book), "--indicator",
               "bevoelkerung") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Blatt „Bevölkerung“ gelesen; weitere Blätter: „Haushalte“, „Notizen“" in out


# --- 8. source and notes -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_source_and_series_break_are_stored(db: Path, tmp_path: Path, fmt: str) -> None:
    rows: Rows = [
        ["Arbeitslose nach Stadtteilen"], ["Stadtteil", "2012", "2013"],
        ["61 Coerde", "400", "420"], ["91 Berg Fidel", "300", "310"], [],
        ["1) Definitionsänderung ab 2013: ohne Personen in Maßnahmen"],
        ["Quelle: Bundesagentur für Arbeit, eigene Berechnungen"],
    ]  # fmt: skip
    data = latin1_csv(rows) if fmt == "csv" else workbook({"T": (rows, ["A1:C1"])})
    path = write(tmp_path, f"q.{fmt}", data)
    assert run("import", "stats", path, "--indicator", "bevoelkerung_mv") == 0
    store = Store(db)
    try:
        obs = store.observations(["bevoelkerung_mv"])
        notes = store.observation_notes(["bevoelkerung_mv"])
    finally:
        store.close()
    assert set(obs["source"]) == {"Bundesagentur für Arbeit, eigene Berechnungen"}
    assert len(notes) == 4
    assert set(notes["note"]) == {"1) Definitionsänderung ab 2013: ohne Personen in Maßnahmen"}
    breaks = notes[notes["series_break"]]
    assert sorted(zip(breaks["area_code"], breaks["period"], strict=True)) == [
        ("61", 2013),
        ("91", 2013),
    ]
