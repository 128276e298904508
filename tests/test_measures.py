"""Measure import and the plausibility rules shared with the measure form."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.catalogues import Catalogue
from dashboard.ingest.measures import check_measure, parse_measures
from dashboard.ingest.rows import parse_date
from dashboard.ingest.tables import read_table
from tests.conftest import ASSETS

TODAY = dt.date(2025, 11, 24)


def _parse(name: str, catalogue: Catalogue):
    return parse_measures(read_table((ASSETS / name).read_bytes(), name), catalogue, TODAY)


def test_good_measures(catalogue: Catalogue) -> None:
    measures, problems = _parse("measures_good.csv", catalogue)
    assert [p for p in problems if p.severity == "error"] == []
    assert [m["status"] for m in measures] == ["laufend", "geplant", "abgeschlossen"]
    assert measures[0]["areas"] == ["61"] and measures[1]["areas"] == []
    assert measures[0]["planned_start"] == dt.date(2025, 2, 1)
    assert measures[0]["organisation_id"] == "stadtteilbuero-coerde"


def test_bad_measures_report_every_row(catalogue: Catalogue) -> None:
    _, problems = _parse("measures_bad.csv", catalogue)
    found = {(p.row, p.column) for p in problems}
    expected = {
        (2, "title"), (3, "status"), (4, "planned_end"), (5, "actual_end"), (6, "progress"),
        (7, "fields"), (8, "areas"), (9, "planned_start"), (10, "progress"), (11, "title"),
    }  # fmt: skip
    assert expected <= found, sorted(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("01.02.2025", dt.date(2025, 2, 1)), ("2025-02-01", dt.date(2025, 2, 1)), ("", None),
     (dt.datetime(2025, 2, 1, 10), dt.date(2025, 2, 1))],
)  # fmt: skip
def test_parse_date(text: object, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2025", "morgen", "2025-13-01"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_future_actual_dates_are_implausible(catalogue: Catalogue) -> None:
    m = {"title": "x", "status": "laufend", "fields": ["8.2"], "actual_start": dt.date(2026, 1, 1)}
    assert ("actual_start", "ein Datum nicht in der Zukunft", dt.date(2026, 1, 1)) in check_measure(
        m, catalogue, TODAY
    )
