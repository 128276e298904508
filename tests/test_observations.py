"""The canonical long format: aliases, values and flags, and every planted problem reported."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem, ValidationError
from dashboard.ingest.observations import OUTPUT_COLUMNS, Record, parse_canonical, validate_records
from dashboard.ingest.tables import read_table
from tests.conftest import ASSETS

Row = tuple[object, ...]
# (line, indicator, area code, period, group, value, numerator, denominator, flag, source)
GOOD_CSV: list[Row] = [
    (2, "bevoelkerung", "12", 2014, "insgesamt", 1450.0, None, None, None, "SMS 2015"),
    (3, "bevoelkerung", "12", 2013, "weiblich", 731.0, None, None, None, None),
    (4, "bevoelkerung_mv", "61", 2014, "insgesamt", 4523.0, None, None, None, None),
    (5, "bevoelkerung_mv", "B3", 2014, "insgesamt", 9672.0, None, None, None, None),
    (6, "bevoelkerung_mv", "00", 2014, "insgesamt", 0.0, None, None, None, None),
    (7, "sgb2_quote", "63", 2014, "insgesamt", 16.1, None, None, None, None),
    (8, "sgb2_quote", "63", 2013, "nichtdeutsch", 32.96, 412.0, 1250.0, None, None),
    (9, "arbeitslose_je100", "0", 2014, "insgesamt", 4.0, 8400.0, 210000.0, None, None),
    (10, "kinder_u18_mv", "68", 2014, "insgesamt", None, None, None, "secret", None),
    (11, "kinder_u18", "68", 2014, "insgesamt", None, None, None, "not_yet_available", None),
    (12, "bevoelkerung_auslaender", "12", 2014, "insgesamt", 123.0, None, None, "corrected", None),
    (13, "bevoelkerung_auslaender", "13", 2014, "insgesamt", 98.0, None, None, "provisional", None),
    (14, "mso_aktiv", "0", 2014, "insgesamt", 4.0, None, None, "provisional",
     "Vereinsregister; Stand Mai"),
    (15, "stadtteil_verbundenheit", "B3", 2014, "mit_mv", None, None, None, "not_meaningful",
     None),
    (16, "wohnflaeche_je_person", "B6", 2014, "insgesamt", 38.4, None, None, None, None),
    (17, "kinder_u18", "12", 2014, "insgesamt", None, None, None, "secret", None),
]  # fmt: skip
GOOD_XLSX: list[Row] = [
    (2, "bevoelkerung", "12", 2014, "insgesamt", 1338.0, None, None, None, "SMS 2015"),
    (3, "bevoelkerung", "61", 2014, "maennlich", 5102.0, None, None, None, None),
    (4, "bevoelkerung_mv", "0", 2014, "insgesamt", 64870.0, None, None, None, None),
    (5, "sgb2_quote", "61", 2014, "nichtdeutsch", 32.96, 412.0, 1250.0, None, None),
    (6, "kinder_u18_mv", "68", 2014, "insgesamt", None, None, None, "secret", None),
    (7, "uebergang_gymnasium", "B3", 2013, "mit_mv", 38.5, None, None, "provisional", None),
]  # fmt: skip

# Every problem planted in observations_bad.csv: (line, column, severity).
BAD_CSV_PROBLEMS = {
    (1, "bemerkung", "warning"),  # unknown column: reported, not blocking
    (3, "indicator", "error"),  # unknown indicator
    (4, "indicator", "error"),  # derived indicator anteil_mv is computed, never imported
    (5, "area", "error"),  # unknown area
    (6, "period", "error"),  # 'zwanzig14'
    (7, "group", "error"),  # mit_mv is not a group of bevoelkerung
    (8, "value", "error"),  # text in the value
    (9, "value", "error"),  # negative count
    (10, "value", "error"),  # share above 100
    (11, "numerator", "error"),  # numerator larger than denominator of a share
    (12, "area", "error"),  # duplicate of line 2 (Überwasser = 12)
    (13, None, "error"),  # more cells than the header has columns
    (14, "area", "error"),  # Stadtteil for an indicator only published for the city
    (15, "flag", "error"),  # unknown flag 'geheim'
    (16, "value", "error"),  # neither value nor flag
    (17, "numerator", "error"),  # negative numerator
}


def as_rows(frame: pd.DataFrame) -> list[Row]:
    """The frame as plain tuples (NaN → None, values rounded for comparison)."""

    def plain(x: object) -> object:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return None
        return round(x, 6) if isinstance(x, float) else x

    columns = ["_row", *OUTPUT_COLUMNS]
    return [tuple(plain(x) for x in row) for row in frame[columns].itertuples(index=False)]


def parse(data: bytes, name: str, catalogue: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    return parse_canonical(read_table(data, name), catalogue)


def parse_text(text: str, catalogue: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    return parse(text.encode("utf-8"), "inline.csv", catalogue)


@pytest.mark.parametrize(
    ("asset", "expected"),
    [("observations_good.csv", GOOD_CSV), ("observations_good.xlsx", GOOD_XLSX)],
)
def test_good_files_parse_completely(catalogue: Catalogue, asset: str, expected: list[Row]) -> None:
    frame, problems = parse((ASSETS / asset).read_bytes(), asset, catalogue)
    assert problems == []
    assert as_rows(frame) == expected
    assert list(frame.columns) == [*OUTPUT_COLUMNS, "_row"]
    assert frame["value"].dtype == "float64"


def test_bad_file_reports_every_planted_problem(catalogue: Catalogue) -> None:
    frame, problems = parse(
        (ASSETS / "observations_bad.csv").read_bytes(), "observations_bad.csv", catalogue
    )
    assert {(p.row, p.column, p.severity) for p in problems} == BAD_CSV_PROBLEMS
    for p in problems:
        assert p.file == "observations_bad.csv"
        assert p.expected and p.found
    # only the one good line survives; the rejected lines never reach the frame
    assert list(frame["_row"]) == [2]


@pytest.mark.parametrize(
    ("line", "column", "expected_part", "found"),
    [
        (3, "indicator", "Indikator-ID", "'bevoelkerung_xyz'"),
        (4, "indicator", "abgeleitete werden berechnet", "'anteil_mv'"),
        (5, "area", "Gebietsschlüssel", "'Atlantis'"),
        (6, "period", "ein Jahr", "'zwanzig14'"),
        (7, "group", "insgesamt, maennlich, weiblich", "'mit_mv'"),
        (8, "value", "eine Zahl", "'viele'"),
        (9, "value", "eine Anzahl ≥ 0", "-5.0"),
        (10, "value", "zwischen 0 und 100", "112.5"),
        (11, "numerator", "höchstens den Nenner (200)", "300.0"),
        (12, "area", "doppelt mit Zeile 2", "'bevoelkerung/12/2014/insgesamt'"),
        (13, None, "10 Spalten", "12"),
        (14, "area", "eine Ebene aus stadt", "'61 (stadtteil)'"),
        (15, "flag", "ein Kennzeichen aus", "'geheim'"),
        (16, "value", "einen Wert oder ein Kennzeichen", "''"),
        (17, "numerator", "eine Anzahl ≥ 0", "-3.0"),
    ],
)
def test_bad_file_messages_say_what_was_expected_and_found(
    catalogue: Catalogue, line: int, column: str | None, expected_part: str, found: str
) -> None:
    _, problems = parse(
        (ASSETS / "observations_bad.csv").read_bytes(), "observations_bad.csv", catalogue
    )
    here = [p for p in problems if (p.row, p.column) == (line, column)]
    assert any(expected_part in p.expected and p.found == found for p in here), here


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("area;period;value\n61;2014;1\n", ["indicator"]),
        ("indicator;period;value\nbevoelkerung;2014;1\n", ["area"]),
        ("indicator;area;value\nbevoelkerung;61;1\n", ["period"]),
        ("indicator;area;period;group\nbevoelkerung;61;2014;\n", ["value"]),
        ("Wert;Bemerkung\n1;x\n", ["indicator", "area", "period"]),
    ],
)
def test_missing_required_columns(catalogue: Catalogue, text: str, missing: list[str]) -> None:
    frame, problems = parse_text(text, catalogue)
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.row, p.column) for p in errors] == [(1, col) for col in missing]
    assert frame.empty


def test_numerator_alone_is_enough_instead_of_value(catalogue: Catalogue) -> None:
    frame, problems = parse_text(
        "indicator;area;period;numerator;denominator\nsgb2_quote;61;2014;25;200\n", catalogue
    )
    assert problems == []
    assert frame.loc[0, "value"] == pytest.approx(12.5)


@pytest.mark.parametrize(
    "header",
    [
        "Indikator;Gebiet;Jahr;Wert",
        "indicator_id;area_code;Periode;wert",
        "INDIKATOR;Stadtteil;Stichtag;Wert",
        "Indikator;Code;Jahr;Wert",
    ],
)
def test_german_and_alternative_column_names(catalogue: Catalogue, header: str) -> None:
    frame, problems = parse_text(f"{header}\nbevoelkerung;61;31.12.2014;1.450\n", catalogue)
    assert problems == []
    assert as_rows(frame) == [
        (2, "bevoelkerung", "61", 2014, "insgesamt", 1450.0, None, None, None, None)
    ]


def test_problems_name_the_column_as_written_in_the_file(catalogue: Catalogue) -> None:
    _, problems = parse_text(
        "Indikator;Gebiet;Jahr;Gruppe;Wert\nbevoelkerung;Atlantis;2014;;1\n"
        "bevoelkerung;61;irgendwann;;1\nbevoelkerung;61;2014;jung;1\n",
        catalogue,
    )
    assert [(p.row, p.column) for p in problems] == [(2, "Gebiet"), (3, "Jahr"), (4, "Gruppe")]


@pytest.mark.parametrize(
    ("area", "code"),
    [
        ("61", "61"),
        ("Coerde", "61"),
        ("61 Coerde", "61"),
        ("COERDE", "61"),
        ("Düesbergweg", "34"),
        ("Nord", "B3"),
        ("Stadt Münster", "0"),
        ("nicht zuzuordnen", "00"),
        ("Innenstadtring", "2"),
    ],
)
def test_area_names_codes_and_aliases(catalogue: Catalogue, area: str, code: str) -> None:
    frame, problems = parse_text(
        f"indicator;area;period;value\nbevoelkerung;{area};2014;5\n", catalogue
    )
    assert problems == []
    assert frame.loc[0, "area_code"] == code


@pytest.mark.parametrize(
    ("indicator", "numerator", "denominator", "value"),
    [
        ("sgb2_quote", "412", "1.250", 32.96),  # share: per cent
        ("arbeitslose_je100", "8.400", "210.000", 4.0),  # rate "je 100"
        ("uebergang_gymnasium", "0", "80", 0.0),
    ],
)
def test_value_computed_from_numerator_and_denominator(
    catalogue: Catalogue, indicator: str, numerator: str, denominator: str, value: float
) -> None:
    frame, problems = parse_text(
        f"indicator;area;period;value;numerator;denominator\n"
        f"{indicator};61;2014;;{numerator};{denominator}\n",
        catalogue,
    )
    assert problems == []
    assert frame.loc[0, "value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("value", "flag", "expected_value", "expected_flag"),
    [
        ("", "secret", None, "secret"),
        ("", "not_available", None, "not_available"),
        ("", "Not_Yet_Available", None, "not_yet_available"),
        ("12", "provisional", 12.0, "provisional"),
        ("12r", "", 12.0, "corrected"),
        ("12r", "estimated", 12.0, "estimated"),  # an explicit flag wins over the suffix
        ("-", "", 0.0, None),
        ("X", "", None, "not_meaningful"),
    ],
)
def test_flags_from_symbols_and_flag_column(
    catalogue: Catalogue,
    value: str,
    flag: str,
    expected_value: float | None,
    expected_flag: str | None,
) -> None:
    frame, problems = parse_text(
        f"indicator;area;period;value;flag\nbevoelkerung;61;2014;{value};{flag}\n", catalogue
    )
    assert problems == []
    got_value = frame.loc[0, "value"]
    assert (None if pd.isna(got_value) else got_value) == expected_value
    got_flag = frame.loc[0, "flag"]
    assert (None if pd.isna(got_flag) else got_flag) == expected_flag


def test_same_key_in_different_period_notations_is_a_duplicate(catalogue: Catalogue) -> None:
    frame, problems = parse_text(
        "indicator;area;period;value\nbevoelkerung;61;2014;1\nbevoelkerung;Coerde;31.12.2014;2\n"
        "bevoelkerung;61 Coerde;2014-12-31;3\nbevoelkerung;61;2014;4\n",
        catalogue,
    )
    assert [(p.row, p.column) for p in problems] == [(3, "area"), (4, "area"), (5, "area")]
    assert list(frame["value"]) == [1.0]


def test_duplicate_column_and_unknown_column(catalogue: Catalogue) -> None:
    _, problems = parse_text(
        "indicator;area;period;value;Wert;notiz\nbevoelkerung;61;2014;1;2;x\n", catalogue
    )
    assert {(p.row, p.column, p.severity) for p in problems} == {
        (1, "Wert", "error"),
        (1, "notiz", "warning"),
    }


def test_header_without_data_rows(catalogue: Catalogue) -> None:
    frame, problems = parse_text("indicator;area;period;value\n", catalogue)
    assert [(p.row, p.expected) for p in problems] == [(None, "mindestens eine Datenzeile")]
    assert frame.empty


def test_short_rows_are_padded_not_rejected(catalogue: Catalogue) -> None:
    frame, problems = parse_text(
        "indicator;area;period;value;source\nbevoelkerung;61;2014;7\n", catalogue
    )
    assert problems == []
    assert as_rows(frame)[0][5:] == (7.0, None, None, None, None)


def test_validate_records_accepts_groups_the_file_introduces(catalogue: Catalogue) -> None:
    records = [
        Record(row=2, indicator="bevoelkerung", area="61", period=2014, group="g_0_9", value=5),
        Record(row=3, indicator="bevoelkerung", area="61", period=2014, group="g_10_19", value=6),
    ]
    _, problems = validate_records(records, catalogue, "f.csv")
    assert [(p.row, p.column) for p in problems] == [(2, "group"), (3, "group")]
    frame, problems = validate_records(records, catalogue, "f.csv", {"g_0_9", "g_10_19"})
    assert problems == []
    assert list(frame["grp"]) == ["g_0_9", "g_10_19"]


def test_file_of_empty_cells_is_a_problem_not_a_crash(catalogue: Catalogue) -> None:
    try:
        frame, problems = parse(b";;;\n;;;\n", "leer.csv", catalogue)
    except ValidationError as error:
        frame, problems = pd.DataFrame(), error.problems
    assert [(p.file, p.severity) for p in problems] == [("leer.csv", "error")]
    assert frame.empty
