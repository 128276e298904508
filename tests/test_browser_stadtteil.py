"""Browser test: the district profile draws its charts in Chromium, fully offline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = pytest.mark.browser


def test_berg_fidel_profile_renders_offline(demo_db: Path) -> None:
    require_chromium()
    with app_server(demo_db) as url, browser_page(1440, 1000) as (page, requests):
        console_errors: list[str] = []
        failed: list[str] = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(f"{url}/stadtteil?stadtteil=91")
        wait_for_app(page)
        page.get_by_text("Berg Fidel (91)").first.wait_for()
        # five plotly charts: spine, trend, contributions, social index, comparison
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 5")
        assert page.locator("[data-testid='stException']").count() == 0
        spine = page.locator(".js-plotly-plot").first
        assert spine.locator("text", has_text="Schwimmfähig bei Schulstart").count() == 1
        assert parse_qs(urlparse(page.url).query) == {"stadtteil": ["91"]}
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": 1440, "height": int(height) + 50})
        page.wait_for_timeout(500)  # let plotly re-lay out at the new size before the picture
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "stadtteil_berg_fidel.png"), full_page=True)
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert external == []
    # on a deep link Streamlit first probes /stadtteil/_stcore/… for a base path (404), then
    # falls back to the root: expected, everything else must load
    probes = {f"{url}/stadtteil/_stcore/health", f"{url}/stadtteil/_stcore/host-config"}
    assert set(failed) <= probes
    assert [e for e in console_errors if not e.startswith("Failed to load resource")] == []
