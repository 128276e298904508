"""The login in the app: sidebar, local login form, logout, the gate without anonymous viewing."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from dashboard.auth import passwords
from dashboard.store import Store
from dashboard.ui.login import AUTH_KEY
from tests.auth_helpers import add_user
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
PASSWORD = "ein-langes-testpasswort"


@pytest.fixture(autouse=True)
def fresh(fresh_caches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean caches, cheap argon2 parameters."""
    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64))
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def cora(demo_db: Path) -> str:
    """An editor for Coerde with a password."""
    add_user(demo_db, "cora", "editor", ["61"], password_hash=passwords.hash_password(PASSWORD))
    return "cora"


def _login(at: AppTest, prefix: str, username: str, password: str) -> AppTest:
    at.text_input(key=f"{prefix}.form.user").input(username)
    at.text_input(key=f"{prefix}.form.password").input(password)
    return next(b for b in at.button if b.label == "Anmelden").click().run()


def _sidebar_texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption])


def test_anonymous_viewing_shows_pages_and_offers_login(demo_db: Path, cora: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Nur Ansicht" in _sidebar_texts(at)
    assert at.title[0].value == "Leitbild-Monitor Münster"
    at = _login(at, "auth.side", "cora", PASSWORD)
    assert not at.exception
    assert "Angemeldet: **cora**" in _sidebar_texts(at)
    assert "Rolle: Redaktion · Zuständig für: 61" in _sidebar_texts(at)
    assert at.session_state[AUTH_KEY] == "cora"
    at.button(key="auth.logout").click().run()
    assert AUTH_KEY not in at.session_state and "Nur Ansicht" in _sidebar_texts(at)
    log = Store(demo_db).access_log()
    assert list(log["action"])[::-1] == ["login", "logout"]


def test_a_wrong_password_is_refused(demo_db: Path, cora: str) -> None:
    at = _login(AppTest.from_file(APP, default_timeout=60).run(), "auth.side", "cora", "falsch")
    assert any("Anmeldung fehlgeschlagen" in e.value for e in at.error)
    assert AUTH_KEY not in at.session_state
    assert Store(demo_db).user("cora")["failed_logins"] == 1


def test_without_anonymous_viewing_every_page_asks_for_login_first(
    demo_db: Path, cora: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_ANONYMOUS_VIEWING", "false")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["id"] = "11"
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Anmeldung"]  # nothing of the app is shown
    assert not at.dataframe and not at.metric
    at = _login(at, "auth.page", "cora", PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Leitbild-Monitor Münster"


def test_a_disabled_account_drops_out_of_a_running_session(demo_db: Path, cora: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[AUTH_KEY] = "cora"
    at.run()
    assert "Angemeldet: **cora**" in _sidebar_texts(at)
    Store(demo_db).set_user_disabled("cora", True)
    at.run()
    assert "Nur Ansicht" in _sidebar_texts(at) and AUTH_KEY not in at.session_state


def test_city_logout_sends_the_browser_to_the_logout_endpoint(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # st.logout() only queues a redirect for the browser; a rerun right after it clears that
    # queue, so the cookie would survive and the provider session would never end
    sent: list[ForwardMsg] = []
    collect = LocalScriptRunner.forward_msgs

    def recording(runner: LocalScriptRunner) -> list[ForwardMsg]:
        messages = collect(runner)
        sent.extend(messages)
        return messages

    monkeypatch.setattr(LocalScriptRunner, "forward_msgs", recording)
    Store(demo_db).map_claim("lb-admin", "admin", [], [])
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost/oauth2callback", "client_id": "x"}
    at.user = {"is_logged_in": True, "email": "eva@stadt-muenster.de", "name": "Eva",
               "roles": ["lb-admin"]}  # fmt: skip
    at.run()
    assert "Angemeldet: **Eva**" in _sidebar_texts(at)
    at.button(key="auth.logout").click().run()
    assert not at.exception
    redirects = [m.auth_redirect.url for m in sent if m.WhichOneof("type") == "auth_redirect"]
    assert redirects == ["/auth/logout"]
    assert "Nur Ansicht" in _sidebar_texts(at)
    log = Store(demo_db).access_log()
    assert list(log["action"])[::-1] == ["login", "logout"]
