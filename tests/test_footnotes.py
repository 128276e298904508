"""Footnotes of the statistics office: stored notes and series breaks shown under the values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.catalogues import Catalogue
from dashboard.imports import check_file, write_checked
from dashboard.services.footnotes import base_ids, footnote_lines
from dashboard.store import Store
from tests.conftest import ROOT

BREAK = "Zeitreihenbruch ab {period}"
TABLE = (
    "Arbeitslose am 31.12.;;\n"
    "Stadtteil;2010;2011\n"
    "61 Coerde;700;690\n"
    "91 Berg Fidel;400;410\n"
    "Quelle: Bundesagentur für Arbeit\n"
    "Definitionsänderung ab 2011\n"
).encode("latin-1")


def _notes(rows: list[tuple[str, int, str | None, bool]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["indicator_id", "period", "note", "series_break"])
    return frame.assign(area_code="61", grp="insgesamt", source="x")


def test_lines_are_distinct_named_and_include_breaks(catalogue: Catalogue) -> None:
    notes = _notes(
        [
            ("bevoelkerung_mv", 2013, "Neue Methode der Zuordnung", False),
            ("bevoelkerung_mv", 2014, "Neue Methode der Zuordnung", True),
            ("bevoelkerung", 2014, None, True),
            ("haushalte", 2014, "nicht gezeigt", False),
        ]
    )
    lines = footnote_lines(notes, catalogue, ["anteil_mv"], BREAK)
    short = catalogue.indicators.set_index("id")["short"]
    assert sorted(lines) == sorted(
        [
            f"{short['bevoelkerung']}: Zeitreihenbruch ab 2014",
            f"{short['bevoelkerung_mv']}: Neue Methode der Zuordnung",
            f"{short['bevoelkerung_mv']}: Zeitreihenbruch ab 2014",
        ]
    )
    assert footnote_lines(notes, catalogue, ["arbeitslose_je100"], BREAK) == []
    assert base_ids(catalogue, ["anteil_mv"]) == {
        "bevoelkerung_mv": "anteil_mv",
        "bevoelkerung": "anteil_mv",
    }


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def test_imported_notes_appear_under_the_map_and_on_the_sheet(demo_db: Path) -> None:
    store = Store(demo_db)
    try:
        from dashboard.imports import Options

        checked = check_file(store, "stats", TABLE, "alo.csv", Options(indicator="arbeitslose"))
        assert not checked.errors, checked.problems
        write_checked(store, checked, "test")
    finally:
        store.close()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    at.switch_page("../pages/indikator.py")
    at.query_params["id"] = "arbeitslose"
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Anmerkungen der Statistikstelle" in captions
    assert "Zeitreihenbruch ab 2011" in captions
    assert "Definitionsänderung ab 2011" in captions
    at.switch_page("../pages/karte.py")
    at.query_params.clear()
    at.query_params["indikator"] = "arbeitslose"
    at.query_params["periode"] = "2011"
    at.run()
    assert not at.exception
    assert "Zeitreihenbruch ab 2011" in " ".join(c.value for c in at.caption)
