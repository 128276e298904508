"""AppTest of the indicator sheet: every catalogue indicator renders, URL state, language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.catalogues import Catalogue
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _open(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("../pages/indikator.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_every_indicator_has_a_sheet(demo_db: Path, catalogue: Catalogue) -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page("../pages/indikator.py")
    failures = []
    for row in catalogue.indicators.itertuples():
        at.query_params["id"] = row.id
        at.run()
        headers = [h.value for h in at.header]
        facts = at.table[0].value if at.table else None
        if at.exception or at.error or headers != [row.name] or facts is None:
            failures.append((row.id, [e.value for e in at.error], headers))
            continue
        # the definition and the source are on the sheet, word for word
        assert row.definition in set(facts.iloc[:, 0]), row.id
        assert row.source in set(facts.iloc[:, 0]), row.id
    assert not failures


def test_sheet_with_district_shows_ranking_series_and_origin(demo_db: Path) -> None:
    at = _open(id="arbeitslose_je100", stadtteil="61")
    assert not at.exception and not at.error
    subheaders = [s.value for s in at.subheader]
    assert "Alle Stadtteile im Jahr 2025" in subheaders
    assert "Zeitreihe" in subheaders and "Herkunft der Werte" in subheaders
    captions = " ".join(c.value for c in at.caption)
    assert "Liniendiagramm: Stadt Münster, Coerde" in captions
    # the chart's text alternative names the extremes with their formatted values
    assert "Balkendiagramm der 45 Stadtteile" in captions and "je 100" in captions
    assert any("Demodaten" in m.value for m in at.markdown)
    assert at.selectbox(key="ind_district").value == "61"


def test_unknown_or_malformed_id_is_explained(demo_db: Path) -> None:
    for raw in ("gibt_es_nicht", "²"):
        at = _open(id=raw)
        assert not at.exception
        assert any("gibt es nicht" in w.value for w in at.warning)
        assert not at.header  # no sheet without a valid indicator


def test_sheet_in_english(demo_db: Path) -> None:
    at = _open(id="anteil_mv", lang="en")
    assert not at.exception
    assert at.title[0].value == "Indicator sheet"
    assert "Reference sheet" in [s.value for s in at.subheader]
    labels = list(at.table[0].value.index)
    assert "Definition" in labels and "Unit" in labels and "Einheit" not in labels
