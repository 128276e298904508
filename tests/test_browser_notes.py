"""Browser test: a district network explains a number; the KI team hides the note.

The Coerde network writes a note on Coerde's unemployment value on the indicator sheet, finds it
on the district profile and as a marker in the map's hover text; the Berg Fidel network gets no
form for Coerde (the write itself is refused in tests/test_notes.py); the KI team hides the
note; viewers no longer see it and its history keeps both steps.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest

from dashboard.auth.passwords import hash_password
from dashboard.store import Store
from dashboard.store.notes import NoteRepository
from tests.auth_helpers import add_user, browser_log_in
from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app

pytestmark = pytest.mark.browser
PASSWORD = secrets.token_urlsafe(12)  # test accounts only, in the test database
NOTE = "Rückgang 2024: das Jobcenter-Büro im Stadtteilhaus hat geschlossen"
SHEET = "/indikator?id=arbeitslose_je100&stadtteil=61"


def _hover_texts(page: Any) -> str:
    """Every hover text of the map figure the browser holds."""
    page.locator(".js-plotly-plot").first.wait_for(timeout=60000)
    return page.evaluate(
        "() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')]"
        ".map(p => (p.data || []).map(t => [t.hovertemplate, t.hovertext, t.text])))"
    )


def _shown_note(page: Any) -> Any:
    """The note as the notes list shows it (not the text still in the writing form)."""
    return page.get_by_test_id("stMarkdownContainer").filter(has_text=NOTE)


def test_network_note_on_profile_and_map_then_hidden(demo_db: Path) -> None:
    require_chromium()
    digest = hash_password(PASSWORD)
    add_user(demo_db, "netz61", "editor", areas=["61"], password_hash=digest)
    add_user(demo_db, "netz91", "editor", areas=["91"], password_hash=digest)
    add_user(demo_db, "ki", "admin", password_hash=digest)
    with app_server(demo_db) as url, browser_page(height=2400) as (page, _requests):
        page.goto(url + SHEET)
        wait_for_app(page)
        browser_log_in(page, "netz61", PASSWORD)
        page.get_by_text("Hinweis schreiben").click()
        page.get_by_role("textbox", name="Hinweis").fill(NOTE)
        page.get_by_role("button", name="Hinweis speichern").click()
        _shown_note(page).first.wait_for(timeout=30000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "notes_indicator_sheet.png"), full_page=True)

        page.goto(f"{url}/stadtteil?stadtteil=61")
        wait_for_app(page, 60000)
        _shown_note(page).first.wait_for(timeout=30000)
        assert page.get_by_text("Stadtteilnetzwerk Coerde").count() >= 1

        page.goto(f"{url}/karte?indikator=arbeitslose_je100")
        wait_for_app(page, 60000)
        assert "1 Hinweis vor Ort" in _hover_texts(page)

        # a new page load is a new session: nobody is logged in until the next login
        page.goto(url + SHEET)
        wait_for_app(page, 60000)
        browser_log_in(page, "netz91", PASSWORD)
        wait_for_app(page, 60000)
        _shown_note(page).first.wait_for(timeout=30000)  # reading is allowed
        assert page.get_by_text("Hinweis schreiben").count() == 0

        page.goto(f"{url}/stadtteil?stadtteil=61")
        wait_for_app(page, 60000)
        browser_log_in(page, "ki", PASSWORD)
        wait_for_app(page, 60000)
        page.get_by_role("button", name="Ausblenden").first.click()
        page.get_by_text("Status: ausgeblendet").first.wait_for(timeout=30000)

        page.goto(f"{url}/stadtteil?stadtteil=61")
        wait_for_app(page, 60000)
        page.get_by_text("Einordnung vor Ort").first.wait_for(timeout=30000)
        assert _shown_note(page).count() == 0
    store = Store(demo_db)
    try:
        notes = NoteRepository(store)
        kept = notes.notes(statuses=("sichtbar", "geprueft", "ausgeblendet"))
        assert list(kept["text"]) == [NOTE]
        history = notes.history(int(kept["id"].iloc[0]))
        assert list(history["new_status"]) == ["sichtbar", "ausgeblendet"]
        assert list(history["actor"]) == ["netz61", "ki"]
    finally:
        store.close()
