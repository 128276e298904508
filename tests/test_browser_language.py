"""Browser test: in English the start page shows no German label (proper names excepted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.catalogues import load_catalogues
from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = pytest.mark.browser

# Frequent German words of UI labels; an English page contains none of them.
GERMAN_WORDS = {
    "der", "die", "das", "und", "oder", "mit", "von", "für", "nicht", "ist", "sind", "auf",
    "ein", "eine", "im", "zum", "zur", "bei", "seit", "wie", "noch", "keine", "alle", "nach",
    "Stadtteil", "Stadtteile", "Ziel", "Ziele", "Zielwerte", "Kurs", "abseits", "Daten",
    "Demodaten", "Karte", "Maßnahmen", "Handlungsfeld", "Handlungsfelder", "Wochenreview",
    "Präsentation", "Überblick", "Umsetzung", "Teilen", "Anmelden", "Glossar", "Sprache",
    "Indikator", "Indikatoren", "Zeitraum", "Stand", "Bewertung", "Wert", "Stadt", "Jahr",
    "Einblick", "geändert", "Geändert", "Monat", "letztem", "Mein", "wählen",
}  # fmt: skip
# Proper names: the city, the strategy's name, district names, people's names in demo data.
ALLOWED = {"Münster", "Leitbild", "Leitbild-Monitor", "Migrationsleitbild"}
WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]*")


def _proper_names() -> set[str]:
    """Every word of an area name (districts, boroughs), which stay German in English."""
    names = load_catalogues().areas["name"]
    return {word for name in names for word in WORD.findall(str(name))}


def german_words(text: str, allowed: set[str]) -> list[str]:
    """Words of ``text`` that look German: an umlaut or ß, or a frequent German word."""
    found = []
    for word in WORD.findall(text):
        if word in allowed or word.strip("-") in allowed:
            continue
        if re.search("[ÄÖÜäöüß]", word) or word in GERMAN_WORDS:
            found.append(word)
    return found


def test_the_check_finds_german() -> None:
    assert german_words("Stadtteile: 3 auf Kurs", set()) == ["Stadtteile", "auf", "Kurs"]
    assert german_words("Districts: 3 on track in Münster", {"Münster"}) == []


def test_english_start_page_has_no_german_label(demo_db: Path) -> None:
    require_chromium()
    allowed = ALLOWED | _proper_names()
    # tall enough that the screenshot shows the whole page (Streamlit scrolls inside the app)
    with app_server(demo_db) as url, browser_page(height=4200) as (page, _requests):
        page.goto(f"{url}/?lang=en")
        wait_for_app(page)
        page.get_by_text("The strategy at a glance").first.wait_for()
        # open the folded sections too: their labels are part of the page
        for expander in page.locator("[data-testid='stExpander'] summary").all():
            expander.click()
        wait_for_app(page)
        body = page.inner_text("body")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "start_en.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "Stronger participation in sport" in body  # a field title from the catalogue
        found = german_words(body, allowed)
        context = [line for line in body.splitlines() if set(german_words(line, allowed))]
        assert found == [], context[:30]
