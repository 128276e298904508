"""Browser test: a data steward uploads a statistics table on /daten, checks the preview,
imports, sees the new value on /stadtteil, undoes the import and sees the old value again."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dashboard.auth.passwords import hash_password
from dashboard.store import Store
from tests.auth_helpers import add_user, browser_log_in
from tests.browser import ARTIFACTS, app_server, browser_page, require_chromium, wait_for_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
PASSWORD = secrets.token_urlsafe(12)  # a test account only, created in the test database
OLD, NEW = "11.246", "12.345"  # Coerde's residents 2025 in the demo data, and in the file
# the statistics office's layout as Excel saves it: title, header, code-and-name rows, Latin-1
TABLE = "Bevölkerung am 31.12.2025;\r\nStadtteil;2025\r\n61 Coerde;12.345\r\n"


def _residents_tile(page: Any, url: str) -> str:
    """The 'Einwohnende' figure of Coerde's profile."""
    page.goto(f"{url}/stadtteil?stadtteil=61")
    wait_for_app(page, 90000)
    metric = page.get_by_test_id("stMetric").filter(has_text="Einwohnende").first
    metric.wait_for()
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def _shot(page: Any, name: str) -> None:
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": int(height) + 50})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size({"width": 1440, "height": 1000})


def test_steward_imports_previews_and_undoes(demo_db: Path, tmp_path: Path) -> None:
    require_chromium()
    add_user(demo_db, "Bea", "steward", password_hash=hash_password(PASSWORD))
    table = tmp_path / "bevoelkerung_2025.csv"
    table.write_bytes(TABLE.encode("latin-1"))
    with app_server(demo_db) as url, browser_page(1440, 1000) as (page, _requests):
        assert _residents_tile(page, url) == OLD
        page.goto(f"{url}/daten")
        wait_for_app(page, 90000)
        browser_log_in(page, "Bea", PASSWORD)
        wait_for_app(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(table))
        wait_for_app(page)
        box = page.get_by_role("combobox", name=re.compile("^Indikator für"))
        box.click()
        box.fill("Wohnberechtigte Bev")  # the list is long and only its visible part rendered
        page.get_by_role("option", name="Wohnberechtigte Bevölkerung", exact=True).click()
        wait_for_app(page)
        main = page.get_by_test_id("stMain")
        main.get_by_text("Geänderte Werte (bisher → neu)").wait_for()
        changed = main.get_by_test_id("stDataFrame").nth(2)  # layout, change, changed values
        for text in ("61 Coerde", OLD, NEW):
            changed.locator("[role='gridcell']", has_text=text).first.wait_for(state="attached")
        _shot(page, "daten_preview.png")

        page.get_by_role("button", name="Importieren").click()
        main.get_by_text("Importiert: bevoelkerung_2025.csv").wait_for(timeout=30000)
        assert "0 neu, 1 geändert" in main.inner_text()
        assert _residents_tile(page, url) == NEW

        page.goto(f"{url}/daten")  # a new session: /stadtteil above was an anonymous reader
        wait_for_app(page)
        browser_log_in(page, "Bea", PASSWORD)
        wait_for_app(page)
        page.get_by_role("tab", name="Importprotokoll").click()
        main.get_by_role("combobox", name="Import zum Rückgängigmachen").wait_for()
        _shot(page, "daten_log.png")
        page.get_by_role("button", name="Rückgängig machen").click()
        main.get_by_text("Rückgängig gemacht: bevoelkerung_2025.csv").wait_for(timeout=30000)
        assert "wiederhergestellt: 1, entfernt: 0" in main.inner_text()
        assert _residents_tile(page, url) == OLD
        assert page.get_by_test_id("stException").count() == 0


def test_cli_import_while_the_app_holds_the_database(demo_db: Path, tmp_path: Path) -> None:
    """The CLI says within seconds, in German, that the app holds the file and /daten does the
    same job; no traceback, and nothing is written."""
    require_chromium()
    table = tmp_path / "bevoelkerung_2025.csv"
    table.write_bytes(TABLE.encode("latin-1"))
    store = Store(demo_db)
    before, imports = store.fingerprint(), len(store.import_log(1000))
    store.close()
    with app_server(demo_db) as url, browser_page() as (page, _requests):
        page.goto(f"{url}/start")  # the first run opens the database and keeps it
        wait_for_app(page, 90000)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "dashboard", "import", "stats", str(table),
             "--indicator", "bevoelkerung"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
            env={**os.environ, "LEITBILD_DB": str(demo_db), "LEITBILD_LOCK_WAIT_SECONDS": "2"},
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "von einem anderen Prozess geöffnet (meist die laufende App)" in result.stderr
    assert "/daten" in result.stderr and "Nichts wurde geändert" in result.stderr
    assert elapsed < 15, elapsed  # 2 s of waiting plus the interpreter's start on a busy machine
    store = Store(demo_db)
    try:
        assert store.fingerprint() == before
        assert len(store.import_log(1000)) == imports
    finally:
        store.close()
