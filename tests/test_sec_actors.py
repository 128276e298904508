"""Issue 20, item 7: anonymous viewers see the role of whoever changed a measure, not the login."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT
from tests.test_privacy_outputs import downloads  # noqa: F401 (fixture)

LOGIN = "cora.meier@stadt-muenster.de"
DAY = dt.date.today().isoformat()  # the event is stamped now: inside the review window


@pytest.fixture
def actor_db(demo_db_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Demo data where the city login LOGIN edited measure 1 and saved a protocol."""
    path = tmp_path / "actors.duckdb"
    shutil.copy(demo_db_template, path)
    store = Store(path)
    try:
        store.add_user(LOGIN, "Cora Meier", "editor", None, ["61"], [])
        m = store.measure(1)
        assert m is not None
        store.update_measure(1, int(m["version"]), {"progress": 40}, LOGIN, "Stand geprüft")
        store.save_protocol(dt.date(2025, 11, 17), f"# Protokoll\n\nAutor: {LOGIN}\n", LOGIN)
    finally:
        store.close()
    monkeypatch.setenv("LEITBILD_DB", str(path))
    monkeypatch.setenv("LEITBILD_TODAY", DAY)
    return path


def _protos(node: Any) -> Iterator[Any]:
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield proto
    for child in (getattr(node, "children", None) or {}).values():
        yield from _protos(child)


def _page(page: str, query: dict[str, str], user: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    if user:
        log_in(at, user, "editor", areas=["61"], run=False)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shows(at: AppTest, text: str) -> bool:
    frames = [str(d.value.to_dict()) for d in at.dataframe]
    return any(text in str(p) for p in _protos(at._tree)) or any(text in f for f in frames)


@pytest.mark.parametrize(("page", "query"), [("massnahmen.py", {"id": "1"}), ("review.py", {})])
def test_anonymous_viewers_do_not_see_the_login(
    actor_db: Path,
    fresh_caches: None,
    downloads: dict[str, bytes],  # noqa: F811
    page: str,
    query: dict[str, str],
) -> None:
    at = _page(page, query)
    assert not _shows(at, LOGIN) and not _shows(at, "cora.meier")
    assert _shows(at, "Redaktion")  # the role of whoever changed it
    if page == "massnahmen.py":  # the register export with its history
        at = _page(page, {})
        assert any("historie" in name for name in downloads)
    leaks = [name for name, data in downloads.items() if b"cora.meier" in data]
    assert not leaks, leaks


def test_editors_still_see_who_changed_what(actor_db: Path, fresh_caches: None) -> None:
    at = _page("massnahmen.py", {"id": "1"}, user="Ben")
    assert _shows(at, LOGIN)
