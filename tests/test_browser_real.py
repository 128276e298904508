"""Browser test: Coerde's profile on the real data alone (`import bundle`), fully offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.realdata]
MISSING_DATA = ("nicht berechnen", "nicht bestimmen", "keine Zeitreihe")


def test_coerde_on_real_data_shows_index_similar_and_trend(bundle_db: Path) -> None:
    require_chromium()
    with app_server(bundle_db) as url, browser_page(1440, 1000) as (page, _requests):
        page.goto(f"{url}/stadtteil?stadtteil=61")
        wait_for_app(page)
        page.get_by_text("Coerde (61)").first.wait_for()
        # spine, trend, contributions, social index, comparison
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 5")
        assert page.locator("[data-testid='stException']").count() == 0
        main = page.locator("[data-testid='stMain']")
        assert main.get_by_text("Sozialindex 2014").count() >= 1  # heading and chart label
        assert main.get_by_text("Zusammensetzung: Arbeitslosendichte 20–59").count() >= 1
        assert main.get_by_text("Ähnliche Stadtteile").count() >= 1
        assert main.get_by_text("Entwicklung über die Zeit").count() >= 1
        trend = page.locator(".js-plotly-plot").nth(1)
        assert trend.locator("text", has_text="2010").count() >= 1  # the x axis starts in 2010
        alerts = " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())
        assert not any(phrase in alerts for phrase in MISSING_DATA), alerts
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": 1440, "height": int(height) + 50})
        page.wait_for_timeout(500)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "stadtteil_coerde_real.png"), full_page=True)
