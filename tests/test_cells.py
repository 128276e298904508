"""German numbers, official table symbols and reporting periods in single cells."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from dashboard.ingest.cells import FLAG_LABELS, FLAGS, Parsed, parse_number, parse_period
from dashboard.ingest.tables import Cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # German thousands and decimals, as text from CSV
        ("1.450", Parsed(1450.0)),
        ("1 450", Parsed(1450.0)),
        ("1\u00a0450", Parsed(1450.0)),  # no-break space, as Excel exports it
        ("1\u202f450", Parsed(1450.0)),  # narrow no-break space
        ("12.345.678", Parsed(12345678.0)),
        ("1.450,5", Parsed(1450.5)),
        ("16,1", Parsed(16.1)),
        ("0,5", Parsed(0.5)),
        ("-1.450", Parsed(-1450.0)),
        ("+3", Parsed(3.0)),
        ("  42  ", Parsed(42.0)),
        ("12,5 %", Parsed(12.5)),
        ("12,5%", Parsed(12.5)),
        # a point with fewer than three digits after it cannot be a thousands separator
        ("0.5", Parsed(0.5)),
        ("1.45", Parsed(1.45)),
        # official symbols (Zeichenerklärung)
        ("-", Parsed(0.0)),
        ("–", Parsed(0.0)),
        (".", Parsed(None, "secret")),
        ("…", Parsed(None, "not_yet_available")),
        ("...", Parsed(None, "not_yet_available")),
        ("X", Parsed(None, "not_meaningful")),
        ("x", Parsed(None, "not_meaningful")),
        ("/", Parsed(None, "not_reliable")),
        (" . ", Parsed(None, "secret")),
        # trailing r (corrected), p (provisional), s (estimated)
        ("123r", Parsed(123.0, "corrected")),
        ("123R", Parsed(123.0, "corrected")),
        ("98p", Parsed(98.0, "provisional")),
        ("1.450 r", Parsed(1450.0, "corrected")),
        ("16,1 p", Parsed(16.1, "provisional")),
        ("12s", Parsed(12.0, "estimated")),
        # empty cells are "not available", not zero
        ("", Parsed(None, "not_available")),
        ("   ", Parsed(None, "not_available")),
        (None, Parsed(None, "not_available")),
        # typed cells from XLSX
        (1450, Parsed(1450.0)),
        (16.1, Parsed(16.1)),
        (0, Parsed(0.0)),
        (-3.5, Parsed(-3.5)),
    ],
)
def test_parse_number(cell: Cell, expected: Parsed) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "abc",
        "viele",
        "1,2,3",
        "1.450.5",
        "1e5",
        "r",
        "p",
        "%",
        "..",
        "NaN",
        "12 Personen",
        math.nan,
        math.inf,
        -math.inf,
        True,
        False,
        dt.date(2014, 12, 31),
    ],
)
def test_unparseable_cells_give_none(cell: Cell) -> None:
    assert parse_number(cell) is None


@pytest.mark.parametrize("flag", sorted(FLAGS))
def test_every_flag_has_a_german_label(flag: str) -> None:
    assert FLAG_LABELS[flag].strip()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2014, 2014),
        ("2014", 2014),
        (" 2014 ", 2014),
        ("31.12.2014", 2014),
        ("1.1.2020", 2020),
        ("2014-12-31", 2014),
        (2014.0, 2014),
        (dt.date(2014, 12, 31), 2014),
        (dt.datetime(2014, 12, 31, 0, 0), 2014),
        (1900, 1900),
        (2100, 2100),
    ],
)
def test_parse_period(cell: Cell, expected: int) -> None:
    assert parse_period(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "junk",
        "zwanzig14",
        "",
        None,
        2014.5,
        1899,
        2101,
        "1899",
        "3000",
        "14",
        "31.12.14",
        "20145",
        "Stand: 31.12.2014",
        True,
    ],
)
def test_parse_period_rejects_non_years(cell: Cell) -> None:
    assert parse_period(cell) is None
