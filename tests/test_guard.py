"""Checked writes: the role and scope are enforced where the write happens, not by the buttons.

Demo measures used: 1 Sprachcafé Berg Fidel (91; 6.3, 8.2), 11 Sprachcafé Coerde (61; 6.3, 8.2),
27 Mentoring für Azubis (city-wide; 7.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import guard
from dashboard.auth.roles import User
from dashboard.errors import PermissionDenied
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "massnahmen.py")
CORA = User("cora", "Cora", "editor", areas=frozenset({"61"}))
NORA = User("nora", "Nora", "editor", areas=frozenset({"B3"}))  # Bezirk Nord: 61 Coerde …
WALT = User("walt", "Walt", "editor", fields=frozenset({"7.1"}))
VERA = User("vera", "Vera", "viewer")
ADA = User("ada", "Ada", "admin")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _edit(store: Store, user: User | None, mid: int, **changes: object) -> int:
    version = int(store.measure(mid)["version"])
    return guard.update_measure(store, user, mid, version, changes or {"progress": 55})


@pytest.mark.parametrize(
    ("user", "mid", "allowed"),
    [
        (CORA, 11, True),
        (CORA, 1, False),
        (CORA, 27, False),
        (NORA, 11, True),  # a Bezirk covers its Stadtteile
        (NORA, 1, False),
        (WALT, 27, True),  # by field
        (WALT, 11, False),
        (VERA, 11, False),
        (None, 11, False),
        (ADA, 1, True),
    ],
)
def test_update_is_checked_against_the_stored_measure(
    demo_store: Store, user: User | None, mid: int, allowed: bool
) -> None:
    before = demo_store.measure(mid)
    events = len(demo_store.measure_events(mid))
    if allowed:
        assert _edit(demo_store, user, mid) == before["version"] + 1
        assert demo_store.measure_events(mid).iloc[-1]["actor"] == user.username
    else:
        with pytest.raises(PermissionDenied):
            _edit(demo_store, user, mid)
        assert demo_store.measure(mid)["version"] == before["version"]  # nothing written
        assert len(demo_store.measure_events(mid)) == events


def test_an_editor_cannot_move_a_measure_out_of_or_into_reach(demo_store: Store) -> None:
    with pytest.raises(PermissionDenied):
        _edit(demo_store, CORA, 11, areas=["91"])  # would hand it to Berg Fidel
    with pytest.raises(PermissionDenied):
        _edit(demo_store, CORA, 1, areas=["61"])  # would take a foreign one over
    assert demo_store.measure(11)["areas"] == ["61"]
    _edit(demo_store, CORA, 11, areas=["61", "91"])  # still theirs: allowed
    assert demo_store.measure(11)["areas"] == ["61", "91"]


@pytest.mark.parametrize(
    ("kind", "changes", "user", "allowed"),
    [
        ("kommentar", {}, CORA, True),
        ("geprüft", {"last_reviewed": "2025-11-24"}, CORA, True),
        ("archiviert", {"archived": True}, CORA, True),
        ("kommentar", {}, VERA, False),
        ("archiviert", {"archived": True}, WALT, False),
    ],
)
def test_every_kind_of_measure_write_is_checked(
    demo_store: Store, kind: str, changes: dict, user: User, allowed: bool
) -> None:
    version = int(demo_store.measure(11)["version"])

    def write() -> int:
        return guard.update_measure(demo_store, user, 11, version, changes, "Notiz", kind)

    if allowed:
        assert write() == version + 1
        assert demo_store.measure_events(11).iloc[-1]["kind"] == kind
    else:
        with pytest.raises(PermissionDenied):
            write()


def test_create_needs_a_measure_in_scope(demo_store: Store) -> None:
    record = {"title": "Neu in Coerde", "status": "geplant", "progress": 0, "fields": ["6.3"],
              "areas": ["61"]}  # fmt: skip
    mid = guard.create_measure(demo_store, CORA, record)
    events = demo_store.measure_events(mid)
    assert (events.iloc[0]["kind"], events.iloc[0]["actor"]) == ("angelegt", "cora")
    with pytest.raises(PermissionDenied):
        guard.create_measure(demo_store, CORA, {**record, "title": "X", "areas": ["91"]})
    with pytest.raises(PermissionDenied):
        guard.create_measure(demo_store, VERA, {**record, "title": "Y"})


def test_admin_only_writes(demo_store: Store) -> None:
    target = demo_store.targets().iloc[0].to_dict()
    for user in (CORA, VERA, None):
        with pytest.raises(PermissionDenied):
            guard.create_target(demo_store, user, target)
        with pytest.raises(PermissionDenied):
            guard.retire_target(demo_store, user, int(target["id"]), 1, "weg")
        with pytest.raises(PermissionDenied):
            guard.write_import(demo_store, user, None)
    guard.retire_target(demo_store, ADA, int(target["id"]), int(target["version"]), "weg")
    assert demo_store.target(int(target["id"]))["retired_by"] == "ada"


def test_protocol_and_organisations(demo_store: Store) -> None:
    with pytest.raises(PermissionDenied):
        guard.save_protocol(demo_store, VERA, "2025-11-24", "# Protokoll")
    guard.save_protocol(demo_store, CORA, "2025-11-24", "# Protokoll")
    assert demo_store.protocols().iloc[0]["created_by"] == "cora"
    with pytest.raises(PermissionDenied):
        guard.add_organisations(demo_store, None, [("neu", "Neu e. V.", None)])


# --- the page: an editor sees edit controls only for their measures, and writes are refused --
def _page(mid: int, user: str | None, **scope: object) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["id"] = str(mid)
    if user is not None:
        log_in(at, user, "editor", run=False, **scope)
    return at.run()


def test_page_editor_outside_their_districts_sees_no_edit_form(demo_db: Path) -> None:
    at = _page(1, "cora", areas=["61"])  # Berg Fidel, Cora is responsible for Coerde
    assert not at.exception
    assert any("außerhalb Ihrer Zuständigkeit" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Änderungen speichern"]
    assert not [t for t in at.text_area if t.key and t.key.startswith("cm.1.")]
    own = _page(11, "cora", areas=["61"])  # Coerde: the forms are there
    assert [b for b in own.button if b.label == "Änderungen speichern"]
    assert [t for t in own.text_area if t.key and t.key.startswith("cm.11.")]


def test_page_write_is_refused_by_the_server_not_just_hidden(demo_db: Path) -> None:
    # Cora may edit her Coerde measure, but not hand it over to Berg Fidel: the form is shown,
    # the save itself is refused by the check in the write
    store = Store(demo_db)
    at = _page(11, "cora", areas=["61"])
    version = int(store.measure(11)["version"])
    events = len(store.measure_events(11))
    areas = at.multiselect(key=f"mf.11.v{version}.areas")
    areas.unselect("61").select("91")
    next(b for b in at.button if b.label == "Änderungen speichern").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("außerhalb Ihrer Zuständigkeit" in e for e in errors), (errors, at.info)
    assert store.measure(11)["areas"] == ["61"] and int(store.measure(11)["version"]) == version
    assert len(store.measure_events(11)) == events


def test_page_anonymous_sees_a_login_hint(demo_db: Path) -> None:
    at = _page(11, None)
    assert not at.exception
    assert any("bitte links in der Seitenleiste an" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Änderungen speichern"]
