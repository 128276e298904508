"""AppTest of the start page (through the app entry point and its navigation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _run(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_start_page_shows_what_is_loaded(demo_db: Path) -> None:
    at = _run()
    assert not at.exception
    assert at.title[0].value == "Leitbild-Monitor Münster"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Stadtteile"] == "45"
    assert metrics["Zeitraum"] == "2015–2025"
    from dashboard.catalogues import load_catalogues

    # of every indicator in the catalogue (the count grows with it)
    assert metrics["Indikatoren mit Daten"].endswith(f"/ {len(load_catalogues().indicators)}")
    assert int(metrics["Maßnahmen"]) >= 55
    assert any("Demodaten" in c.value for c in at.caption)
    fields = at.dataframe[0].value
    assert len(fields) == 12 and fields["Leitziele"].sum() == 45


def test_start_page_in_english(demo_db: Path) -> None:
    at = _run(lang="en")
    assert not at.exception
    assert {m.label for m in at.metric} >= {"Districts", "Measures", "Targets"}


def test_empty_database_is_initialised_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("LEITBILD_DB", str(path))
    at = _run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Stadtteile"] == "45"
    Store(path).close()


def test_real_data_is_labelled_real(demo_db: Path) -> None:
    store = Store(demo_db)
    store.delete_demo()
    at = _run()
    assert not at.exception
    assert not any("Demodaten" in c.value for c in at.caption)
    assert any("keine" in i.value.lower() or "Daten" in i.value for i in at.info)


def test_leitbild_at_a_glance_and_my_district(demo_db: Path) -> None:
    """One headline sentence per field; focus districts; 'Mein Stadtteil' from the URL."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "start.py"), default_timeout=120)
    at.query_params["stadtteil"] = "61"
    at.run()
    assert not at.exception
    body = "\n".join(m.value for m in at.markdown)
    assert "Das Migrationsleitbild hat **209 Ziele**" in body
    for field in ("6.1", "7.1", "8.2"):
        line = next(p for p in body.split("\n") if p.startswith(f"- **{field} "))
        assert " auf Kurs, " in line and " abseits, " in line and " ohne Daten." in line
    assert "**Coerde**: 16 Zielwerte – 10 auf Kurs, 6 abseits, 0 ohne Daten." in body
    assert "**Berg Fidel**: 16 Zielwerte" in body and "**Kinderhaus-West**" in body
    assert at.selectbox(key="start_district").value == "61"
    assert "Einträge zu Maßnahmen" in body


def test_glossary_on_the_start_page_and_in_the_sidebar(demo_db: Path) -> None:
    """Issue 15: every method term explained in one place; the sidebar offers it everywhere."""
    from dashboard.ui import glossary

    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    body = "\n".join(m.value for m in at.markdown)
    for term in ("Wettermethode (Destatis)", "Wachstumsraten (Open SDG)", "Punktwert",
                 "Gleich viele Gebiete je Farbe (Quantile)", "Kartengrundlage",
                 "Migrationsvorgeschichte (MV)",
                 "Migrantenselbstorganisationen (MSO)", "Integrationsrat (Int.-Rat)",
                 "Kennzeichen der Werte", "Prozentpunkte (Pp.)"):  # fmt: skip
        assert f"- **{term}" in body, term
    assert glossary.markdown("de") in body
    assert len(glossary.entries("en")) == len(glossary.entries("de")) >= 15
    assert any(p.proto.popover.label == "Glossar" for p in at.sidebar.get("popover"))


def test_a_measure_write_shows_on_the_next_click(demo_db: Path) -> None:
    """The start page's counts of measure entries are cached; a measure write (as the register
    does) drops them, so the new status entry is counted."""
    import re

    from dashboard.ui import measure_views

    at = AppTest.from_file(str(ROOT / "pages" / "start.py"), default_timeout=120).run()

    def entries() -> int:
        body = "\n".join(m.value for m in at.markdown)
        return int(re.search(r"(\d+) Einträge zu Maßnahmen", body).group(1))

    before = entries()
    store = Store(demo_db)  # stays open: the page shares its connection
    store.update_measure(1, int(store.measure(1)["version"]), {"status": "abgeschlossen"}, "test")
    measure_views.clear_caches()
    at.run()
    assert not at.exception
    assert entries() > before
