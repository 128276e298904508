"""Browser: 'Link kopieren' gives a short link restoring the filters; the embed has no sidebar."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.browser import app_server, browser_page, require_chromium, wait_for_app
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def test_short_link_and_embed_of_a_filtered_map(demo_db: Path) -> None:
    require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(demo_db) as url, browser_page(1440, 1400) as (page, _requests):
        page.goto(f"{url}/karte?indikator=arbeitslose_je100&periode=2023")
        wait_for_app(page)
        page.get_by_text("Link kopieren").first.click()
        block = page.locator("[data-testid='stCode']").filter(has_text="?l=").first
        block.wait_for()
        short = re.search(r"https?://\S+/\?l=[A-Za-z0-9_-]+", block.inner_text()).group(0)
        page.screenshot(path=str(ARTIFACTS / "links_share.png"), full_page=True)
        shown = page.inner_text("[data-testid='stMain']")

        page.goto(short)
        page.wait_for_url("**/karte?*")
        wait_for_app(page)
        query = parse_qs(urlparse(page.url).query)
        assert query["indikator"] == ["arbeitslose_je100"]
        assert query["periode"] == ["2023"]

        page.goto(f"{short}&embed=true&einbetten=ja")
        page.wait_for_url("**/karte?*")
        wait_for_app(page)
        page.screenshot(path=str(ARTIFACTS / "links_embed.png"), full_page=True)
        assert page.locator("section[data-testid='stSidebar']").is_visible() is False
        embedded = page.inner_text("[data-testid='stMain']")
        assert "Demodaten" in embedded
        # the same values as the page (a suppressed cell reads the same in both)
        numbers = re.compile(r"\d+,\d+|–")
        assert "3,8 je 100" in embedded  # the city's value, as on the page
        assert len(numbers.findall(shown)) >= 5
        assert numbers.findall(embedded) == numbers.findall(shown)


def test_whats_new_for_a_district_at_desktop_and_phone_width(demo_db: Path) -> None:
    """'Neu seit …' in the district entry, readable at 1440 px and at 390 px (phone)."""
    require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with app_server(demo_db) as url:
        for width in (1440, 390):
            with browser_page(width, 1400) as (page, _requests):
                page.goto(f"{url}/?stadtteil=61")
                wait_for_app(page, 120000)  # the first run computes every assessment
                page.get_by_text("Neu für Coerde seit").first.wait_for()
                main = page.inner_text("[data-testid='stMain']")
                assert "Neu seit …" in main
                assert "Neue Daten eingelesen: Demodaten" in main
                assert page.locator("[data-testid='stException']").count() == 0
                entry = page.get_by_text("Neu für Coerde seit").first
                entry.scroll_into_view_if_needed()
                page.screenshot(path=str(ARTIFACTS / f"start_whats_new_{width}.png"))
                box = entry.bounding_box()
                assert box is not None and box["x"] + box["width"] <= width  # nothing cut off
