"""The city login end to end: Chromium, the app, and a local OpenID Connect test provider.

oidc-provider-mock runs on loopback in a thread; the app gets a temporary secrets.toml with an
[auth] section pointing at it (never a file in the repository). The person logs in with the
provider's form and lands back in the app with the role mapped from the ``roles`` claim.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from oidc_provider_mock import User as MockUser
from oidc_provider_mock import run_server_in_thread

from dashboard.store import Store
from tests.browser import (
    ARTIFACTS,
    app_server,
    browser_page,
    free_port,
    require_chromium,
    wait_for_app,
)

pytestmark = pytest.mark.browser

EVA = MockUser(
    sub="eva",
    claims={"email": "Eva@Stadt-Muenster.de", "name": "Eva Beispiel", "roles": ["lb-admin"]},
)
KAI = MockUser(sub="kai", claims={"email": "kai@stadt-muenster.de", "name": "Kai", "roles": []})
WAIT_MS = 90_000  # shared CI machines: a login round trip under load can take well over 30 s


def _secrets(folder: Path, app_port: int, provider_port: int) -> Path:
    """A secrets.toml for this test run only (random secrets, loopback URLs)."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "leitbild-monitor-test"\n'
        f'client_secret = "{secrets.token_urlsafe(24)}"\n'
        f'server_metadata_url = "http://localhost:{provider_port}'
        '/.well-known/openid-configuration"\n'
        "\n[leitbild]\n"
        'oidc_role_claim = "roles"\n',
        encoding="utf-8",
    )
    return path


def _city_login(page: object, url: str, sub: str) -> None:
    """Click the city login in the sidebar and complete the provider's form as ``sub``."""
    page.goto(url)
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Anmelden", exact=True).first.click()
    sidebar.get_by_role("button", name="Anmelden mit Stadt-Login").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=WAIT_MS)
    page.locator("input[name='sub']").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=WAIT_MS)
    wait_for_app(page)


def test_city_login_end_to_end(demo_db: Path, tmp_path: Path) -> None:
    require_chromium()
    store = Store(demo_db)
    store.map_claim("lb-admin", "admin", [], [])
    store.close()
    app_port = free_port()
    with run_server_in_thread(user_claims=[EVA, KAI]) as provider:
        secrets_file = _secrets(tmp_path, app_port, provider.server_port)
        with (
            app_server(demo_db, app_port, ["--secrets.files", str(secrets_file)]) as url,
            browser_page() as (page, _requests),
        ):
            _city_login(page, url, "eva")
            sidebar = page.get_by_test_id("stSidebar")
            sidebar.get_by_text("Angemeldet: Eva Beispiel").wait_for(timeout=WAIT_MS)
            assert sidebar.get_by_text("Rolle: Administration").count() == 1
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "oidc_logged_in.png"))
            # logout ends the session at the provider too (RP-initiated logout) and returns;
            # one click must do it, and a reload afterwards must not find the login cookie
            wait_for_app(page)
            sidebar.get_by_role("button", name="Abmelden").click()
            page.wait_for_url("**/oauth2/end_session**", timeout=WAIT_MS)
            page.get_by_role("button", name="End session").click()
            page.wait_for_url(f"{url}/**", timeout=WAIT_MS)
            wait_for_app(page)
            page.get_by_test_id("stSidebar").get_by_text("Nur Ansicht").wait_for()
            page.reload()
            wait_for_app(page)
            page.get_by_test_id("stSidebar").get_by_text("Nur Ansicht").wait_for()
            assert page.get_by_text("Angemeldet:").count() == 0

            # a person whose claims map to no role is a logged-in viewer
            _city_login(page, url, "kai")
            sidebar = page.get_by_test_id("stSidebar")
            sidebar.get_by_text("Angemeldet: Kai").wait_for(timeout=WAIT_MS)
            assert sidebar.get_by_text("Rolle: Lesen").count() == 1
    log = Store(demo_db).access_log()
    logins = log[log["action"] == "login"]
    assert set(logins["username"]) >= {"eva@stadt-muenster.de", "kai@stadt-muenster.de"}
    assert "oidc (admin)" in set(logins["detail"])
