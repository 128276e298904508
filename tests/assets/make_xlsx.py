"""Regenerate the XLSX test assets deterministically from the Python data below.

Run ``python tests/assets/make_xlsx.py`` from the project root; commit the output. All numbers
are invented for the tests. openpyxl writes no cached values for formulas and stamps the
current time into the file, so the archive is repacked with fixed timestamps: the same data
gives the same bytes (with the same openpyxl version).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

ASSETS = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2025, 2, 13, 12, 0, 0)
LABEL_HEADER = "Stadtteil /\nTeilbereich /\nStadtbezirk"

XlsxValue = str | int | float | dt.date | dt.datetime | None

OBSERVATIONS_HEADER = [
    "Indikator", "Gebiet", "Jahr", "Gruppe", "Wert", "Zähler", "Nenner", "Kennzeichen", "Quelle",
]  # fmt: skip
# Typed cells as people save them from Excel: ints, floats, dates, German number text.
OBSERVATIONS_ROWS: list[list[XlsxValue]] = [
    ["bevoelkerung", "Überwasser", 2014, "insgesamt", 1338, None, None, None, "SMS 2015"],
    ["bevoelkerung", 61, dt.datetime(2014, 12, 31), "maennlich", 5102.0, None, None, None, None],
    ["bevoelkerung_mv", "Stadt Münster", "31.12.2014", None, "64.870", None, None, None, None],
    ["sgb2_quote", "Coerde", 2014.0, "nichtdeutsch", None, 412, 1250, None, None],
    ["kinder_u18_mv", "68", 2014, None, ".", None, None, None, None],
    ["uebergang_gymnasium", "Nord", 2013, "mit_mv", 38.5, None, None, "provisional", None],
]

STATS_TITLE = "Wohnberechtigte Bevölkerung nach Altersgruppen in Münster"
# bands of the catalogue (groups of bevoelkerung); the last one stands for "30 and older"
# in these invented numbers, so that the bands add up to the total
STATS_AGE_HEADER = ["Gesamt", "0 - 9", "10 - 19", "20 - 29", "30 - 39"]
# Nord = 61 + 62 + 63 + 68 in every column; the '.' of Sprakel hides a 3.
STATS_ROWS: list[list[XlsxValue]] = [
    ["61 Coerde", "4.523", 702, 611, 2688, 522],
    ["62 Kinderhaus-Ost", 1533, 241, 198, 901, 193],
    ["63 Kinderhaus-West", 4118, 655, 540, 2412, 511],
    ["68 Sprakel", 452, 61, 58, 330, "."],
    ["Nord", 10626, 1659, 1407, 6331, 1229],
    ["nicht zuzuordnen", "7p", "-", "-", "7p", "…"],
    ["Stadt Münster", 64870, 6590, 6321, 42721, 9238],
]
STATS_FOOTNOTES = [
    "Zeichenerklärung: . = geheim, - = nichts vorhanden, … = noch nicht verfügbar, p = vorläufig",
    "Quelle: Testdaten (erfunden) nach dem Muster der Statistik für Münsters Stadtteile",
]
# The hidden first sheet holds an outdated version that must never be read by default.
HIDDEN_ROWS: list[list[XlsxValue]] = [
    ["61 Coerde", 1, 1, 1, 1, 1],
    ["Nord", 1, 1, 1, 1, 1],
]


def _stats_sheet(ws: Worksheet, rows: list[list[XlsxValue]], title: str) -> None:
    """Title rows, a two-row header with merged cells, area rows and footnotes."""
    ws.append([title])
    ws.append(["Stand: 31.12."])
    ws.append([LABEL_HEADER, "Anzahl der Personen"])
    ws.append([None, *STATS_AGE_HEADER])
    last_col = openpyxl.utils.get_column_letter(1 + len(STATS_AGE_HEADER))
    ws.merge_cells("A3:A4")  # label cell spans both header rows
    ws.merge_cells(f"B3:{last_col}3")  # spanning header over every value column
    ws["A3"].alignment = Alignment(wrap_text=True)
    for row in rows:
        ws.append(row)
    ws.append([])
    for note in STATS_FOOTNOTES:
        ws.append([note])


def build_stats() -> openpyxl.Workbook:
    """stats_good.xlsx: hidden 'Tabelle 1' first, visible 'Tabelle 2' in the SMS layout."""
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Tabelle 1"
    _stats_sheet(hidden, HIDDEN_ROWS, "VERALTET – nicht verwenden")
    hidden.sheet_state = "hidden"
    _stats_sheet(book.create_sheet("Tabelle 2"), STATS_ROWS, STATS_TITLE)
    book.active = 1
    return book


def build_observations() -> openpyxl.Workbook:
    """observations_good.xlsx: the canonical long format with German column names."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Daten"
    ws.append(OBSERVATIONS_HEADER)
    for row in OBSERVATIONS_ROWS:
        ws.append(row)
    return book


def deterministic_bytes(book: openpyxl.Workbook) -> bytes:
    """The workbook as XLSX bytes with fixed document and archive timestamps."""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    # save() stamps "now" into docProps/core.xml and every zip entry: repack with fixed times
    now_stamp = book.properties.modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    fixed_stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = data.replace(now_stamp, fixed_stamp)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def main() -> None:
    """Write both XLSX assets next to this script."""
    for name, book in (
        ("stats_good.xlsx", build_stats()),
        ("observations_good.xlsx", build_observations()),
    ):
        (ASSETS / name).write_bytes(deterministic_bytes(book))
        print(f"wrote {ASSETS / name}")


if __name__ == "__main__":
    main()
