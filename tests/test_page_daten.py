"""AppTest of the page Daten: who sees what, the import log as shown, an undo by click."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import datacare
from dashboard.auth.roles import User
from dashboard.imports import Options
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "daten.py")
TABLE = "Bevölkerung am 31.12.2025;\r\nStadtteil;2025\r\n61 Coerde;12.345\r\n".encode("latin-1")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _import(db: Path) -> int:
    store = Store(db)
    try:
        part = datacare.preview(store, "stats", TABLE, "bev.csv", Options("bevoelkerung"))
        (entry,) = datacare.commit(store, User("bea", "Bea", "steward"), [part])
    finally:
        if store.owns_root:
            store.close()
    assert entry.id is not None
    return entry.id


def test_anonymous_and_editors_see_why_not(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception and not at.tabs
    assert "Datenpflege und Administration" in " ".join(c.value for c in at.caption)
    at = log_in(AppTest.from_file(PAGE, default_timeout=60), "cora", "editor", areas=["0"])
    assert not at.exception and not at.tabs
    assert any("nur das Ansehen" in i.value for i in at.info)


def test_steward_undoes_an_import_from_the_log(demo_db: Path) -> None:
    import_id = _import(demo_db)
    at = log_in(AppTest.from_file(PAGE, default_timeout=60), "bea", "steward")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Hochladen", "Importprotokoll"]
    log = at.dataframe[0].value
    assert log.iloc[0][["Nr.", "Wer", "Datei", "Art", "neu", "geändert"]].tolist() == [
        import_id, "bea", "bev.csv", "Statistiktabelle", 0, 1,
    ]  # fmt: skip
    assert at.selectbox(key="dt_undo_choice").value == import_id
    at.button(key="dt_undo").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Rückgängig gemacht: bev.csv – wiederhergestellt: 1, entfernt: 0."
    ]
    log = at.dataframe[0].value
    assert log.iloc[0]["Status"] == f"nimmt Nr. {import_id} zurück: 1 wiederhergestellt, 0 entfernt"
    assert log.iloc[1]["Status"].startswith("rückgängig gemacht (")
    store = Store(demo_db)
    try:
        frame = store.observations(["bevoelkerung"], ["61"], [2025], ["insgesamt"])
    finally:
        if store.owns_root:
            store.close()
    assert frame["value"].tolist() == [11246]
    _prepared_for_the_current_state(demo_db)


def _prepared_for_the_current_state(db: Path) -> None:
    """The goal assessments of the data as it is now are stored: reading computes nothing."""
    from dashboard.imports import store_catalogue
    from dashboard.services import goal_assessments as ga

    def never(*_args: object) -> None:
        raise AssertionError("not prepared: the assessments were computed on reading")

    store = Store(db)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ga, "assess_items", never)
            catalogue, targets = store_catalogue(store), store.targets()
            for implicit in (True, False):
                assert len(ga.table(store, catalogue, targets, ga.DEFAULT_METHOD, implicit)) > 0
    finally:
        if store.owns_root:
            store.close()


def test_logged_problems_of_a_refused_file_are_shown(demo_db: Path) -> None:
    store = Store(demo_db)
    try:
        bad = "Bevölkerung;\r\nStadtteil;2025\r\n99 Nirgendwo;12\r\n".encode("latin-1")
        part = datacare.preview(store, "stats", bad, "falsch.csv", Options("bevoelkerung"))
        assert part.errors
        from dashboard.errors import ValidationError
        from dashboard.imports import write_checked

        with pytest.raises(ValidationError):
            write_checked(store, part.checked, "bea")  # refused: logged with its problems
    finally:
        if store.owns_root:
            store.close()
    at = log_in(AppTest.from_file(PAGE, default_timeout=60), "bea", "steward")
    assert not at.exception
    assert at.dataframe[0].value.iloc[0]["Status"] == "abgelehnt"
    problems = at.dataframe[1].value
    logged = [(p.expected, p.found) for p in part.problems if p.severity == "error"]
    shown = problems[problems["Art"] == "Fehler"]
    assert list(zip(shown["erwartet"], shown["gefunden"], strict=True)) == logged
    assert set(problems["Datei"]) == {"falsch.csv"}
