"""Browser test: create a measure through the form, find it in the register and the district.

Tables are canvas grids; their accessible grid cells (role=gridcell) carry the visible text.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.auth.passwords import hash_password
from tests.auth_helpers import add_user, browser_log_in
from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
TITLE = "Lesepaten im Stadtteiltreff Coerde"
PASSWORD = secrets.token_urlsafe(12)  # a test account only, created in the test database


def _choose(page: Any, label: str, text: str) -> None:
    """Pick an option of a multiselect by typing and pressing Enter."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def _grid_has(page: Any, text: str) -> None:
    """Some table on the page shows ``text``; grids render only the rows in view, so each is
    scrolled to and then scrolled through."""
    for grid in page.locator("[data-testid='stDataFrame']").all():
        if not grid.is_visible():  # e.g. inside a closed expander
            continue
        grid.scroll_into_view_if_needed()
        grid.hover(position={"x": 40, "y": 60})
        for _step in range(6):
            # the accessible grid is visually hidden: attached is all it can be
            cell = grid.locator("[role='gridcell']", has_text=text).first
            try:
                cell.wait_for(state="attached", timeout=1500)
                return
            except PlaywrightTimeout:
                page.mouse.wheel(0, 300)
    raise AssertionError(f"{text!r} not found in any table")


def test_create_a_measure_and_find_it_in_table_and_district(demo_db: Path) -> None:
    require_chromium()
    add_user(demo_db, "Anna", "editor", areas=["B3"], password_hash=hash_password(PASSWORD))
    with app_server(demo_db) as url, browser_page(height=1400) as (page, requests):
        console_errors: list[str] = []
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{url}/massnahmen")
        wait_for_app(page)
        browser_log_in(page, "Anna", PASSWORD)
        page.get_by_role("tab", name="Neue Maßnahme").click()

        form = page.locator("[data-testid='stForm']").first
        form.get_by_role("textbox", name="Titel *").fill(TITLE)
        _choose(page, "Handlungsfelder *", "8.2")
        _choose(page, "Stadtteile", "Coerde")
        form.get_by_role("textbox", name="Nächster Schritt").fill("Ehrenamtliche gewinnen")
        form.get_by_role("button", name="Maßnahme anlegen").click()

        page.get_by_text("angelegt.").first.wait_for(timeout=30000)
        wait_for_app(page)
        assert "id=" in page.url
        assert page.get_by_role("heading", name=TITLE).count() == 1
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "massnahmen_detail.png"), full_page=True)

        page.get_by_role("button", name="Alle Maßnahmen").click()
        wait_for_app(page)
        page.get_by_role("textbox", name="Suche").fill("Lesepaten")
        page.keyboard.press("Enter")
        wait_for_app(page)
        _grid_has(page, TITLE)
        page.screenshot(path=str(ARTIFACTS / "massnahmen_register.png"), full_page=True)

        if (ROOT / "pages" / "stadtteil.py").exists():
            page.goto(f"{url}/stadtteil?stadtteil=61")
            wait_for_app(page)
            _grid_has(page, TITLE)
        assert page.locator("[data-testid='stException']").count() == 0
    external = [u for u in requests if urlparse(u).hostname not in (None, "127.0.0.1", "localhost")]
    assert external == []
    # Opened at a page URL, Streamlit first probes /<page>/_stcore/… for a base path and gets
    # 404s before falling back to the root; those probes are the only misses allowed.
    probes = [u for u in missing if "/_stcore/" in u]
    assert [u for u in missing if u not in probes] == []
    noise = "Failed to load resource: the server responded with a status of 404"
    assert [m for m in console_errors if not (probes and m.startswith(noise))] == []
