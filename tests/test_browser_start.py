"""Browser smoke test: the start page renders from the served app, fully offline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = pytest.mark.browser


def test_start_page_renders_offline_without_errors(demo_db: Path) -> None:
    require_chromium()
    with app_server(demo_db) as url, browser_page() as (page, requests):
        console_errors: list[str] = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        wait_for_app(page)
        page.get_by_text("Leitbild-Monitor Münster").first.wait_for()
        body = page.inner_text("body")
        assert "Demodaten" in body and "Handlungsfelder des Leitbilds" in body
        assert page.locator("[data-testid='stException']").count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "start.png"), full_page=True)
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https")}
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert hosts <= {"127.0.0.1", "localhost"}, external
    assert console_errors == []
