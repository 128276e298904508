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
        assert "Demodaten" in body and "Das Leitbild auf einen Blick" in body
        assert "Mein Stadtteil" in body and "Was sich seit letztem Monat geändert hat" in body
        assert page.locator("[data-testid='stException']").count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "start.png"), full_page=True)
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https")}
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert hosts <= {"127.0.0.1", "localhost"}, external
    assert console_errors == []


def test_start_deep_link_keeps_the_district(demo_db: Path) -> None:
    """/start is a deep link (no "Page not found"); "Mein Stadtteil" comes from the URL."""
    require_chromium()
    with app_server(demo_db) as url, browser_page() as (page, _requests):
        page.goto(f"{url}/start?stadtteil=61")
        wait_for_app(page)
        page.get_by_text("Das Leitbild auf einen Blick").first.wait_for()
        body = page.inner_text("body")
        assert "Page not found" not in body
        assert "Coerde: 16 Zielwerte" in body
        assert "stadtteil=61" in page.url
        page.get_by_role("link", name="Coerde: Sind wir auf Kurs?").first.click()
        wait_for_app(page)
        page.get_by_text("Sind wir in Coerde auf Kurs?").first.wait_for()
        assert "/stadtteil" in page.url and "stadtteil=61" in page.url
