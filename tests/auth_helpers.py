"""Log a user into an AppTest: an account in the test database plus the session's login."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from dashboard.ui.login import AUTH_KEY


def add_user(
    db: Path | str | None = None,
    username: str = "Anna",
    role: str = "admin",
    areas: Iterable[str] = (),
    fields: Iterable[str] = (),
    password_hash: str | None = None,
) -> None:
    """Create the account if it does not exist yet (database: ``db`` or LEITBILD_DB)."""
    store = Store(db or os.environ["LEITBILD_DB"])
    try:
        store.migrate()
        if store.user(username) is None:
            store.add_user(username, username, role, password_hash, list(areas), list(fields))
    finally:
        if store.owns_root:  # let an app server in another process open the file
            store.close()


def log_in(
    at: AppTest,
    username: str = "Anna",
    role: str = "admin",
    areas: Iterable[str] = (),
    fields: Iterable[str] = (),
    db: Path | str | None = None,
    run: bool = True,
) -> AppTest:
    """Make ``username`` (created with ``role`` if new) the logged-in user of the AppTest."""
    add_user(db, username, role, areas, fields)
    at.session_state[AUTH_KEY] = username
    return at.run() if run else at


def browser_log_in(page: Any, username: str, password: str) -> None:
    """Log in through the sidebar's local login form of a running app (Playwright page)."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Anmelden", exact=True).first.click()
    sidebar.get_by_role("textbox", name="Benutzername").fill(username)
    sidebar.get_by_role("textbox", name="Passwort").fill(password)
    sidebar.get_by_role("button", name="Anmelden").click()
    try:
        sidebar.get_by_text("Angemeldet:").wait_for(timeout=60000)
    except Exception as err:  # say what the sidebar shows instead (a refusal, the form again)
        raise AssertionError(f"no login for {username}; sidebar: {sidebar.inner_text()}") from err
