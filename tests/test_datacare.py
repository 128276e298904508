"""Data care in the app: steward role, preview (nothing written), undoable imports, data version."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import datacare
from dashboard.auth.roles import User, can, require
from dashboard.errors import ConflictError, PermissionDenied
from dashboard.imports import Options, store_catalogue
from dashboard.present.i18n import t
from dashboard.readmodel import released_observations
from dashboard.services import daten_model as vm
from dashboard.store import Store
from tests.conftest import ASSETS

STEWARD = User("bea", "Bea", "steward")
EDITOR = User("cora", "Cora", "editor", areas=frozenset({"0"}))


def tr(key: str, **values: object) -> str:
    """German messages, as on the page."""
    return t(key, "de", **values)


def _csv(text: str) -> bytes:
    """A statistics table as Excel saves it: ';', Latin-1, CRLF."""
    return text.replace("\n", "\r\n").encode("latin-1")


COERDE_2025 = _csv("Bevölkerung am 31.12.2025;\nStadtteil;2025\n61 Coerde;12.345\n")
NEW_YEAR = _csv(
    "Bevölkerung am 31.12.2026;\nStadtteil;2026\n61 Coerde;12.400\n91 Berg Fidel;7.100\n"
)


def _value(store: Store, code: str, period: int, indicator: str = "bevoelkerung") -> object:
    frame = store.observations([indicator], [code], [period], ["insgesamt"])
    if frame.empty:
        return None
    return {k: None if pd.isna(v) else v for k, v in frame.iloc[0].to_dict().items()}


def _stage(store: Store, data: bytes, name: str = "bev.csv") -> list[datacare.Preview]:
    return [datacare.preview(store, "stats", data, name, Options(indicator="bevoelkerung"))]


# --- roles -------------------------------------------------------------------------------------
def test_steward_may_import_and_undo_but_nothing_else() -> None:
    assert can(STEWARD, "import") and can(STEWARD, "import.undo")
    for action in ("measure.create", "measure.edit", "target.edit", "raw.view", "user.manage"):
        assert not can(STEWARD, action), action
    assert not can(EDITOR, "import") and not can(EDITOR, "import.undo")
    assert can(User("ada", "Ada", "admin"), "import.undo")
    with pytest.raises(PermissionDenied, match="nötig: admin oder steward"):
        require(EDITOR, "import")


def test_viewer_cannot_commit_a_preview(demo_store: Store) -> None:
    parts = _stage(demo_store, COERDE_2025)
    with pytest.raises(PermissionDenied):
        datacare.commit(demo_store, User("vic", "Vic", "viewer"), parts)
    assert _value(demo_store, "61", 2025)["value"] == 11246


# --- preview -----------------------------------------------------------------------------------
def test_preview_shows_the_change_and_writes_nothing(demo_store: Store) -> None:
    before = demo_store.fingerprint()
    (part,) = _stage(
        demo_store, _csv("Bevölkerung;;\nStadtteil;2025;2026\n61 Coerde;12.345;12.400\n")
    )
    assert demo_store.fingerprint() == before
    assert part.ready and part.layout["unit"] == "Personen"
    assert part.layout["periods"] == [2025, 2026]
    summary = part.summary.set_index("period")
    assert summary.loc[2026, ["new", "changed", "unchanged"]].tolist() == [1, 0, 0]
    assert summary.loc[2025, ["new", "changed", "unchanged"]].tolist() == [0, 1, 0]
    shown = vm.changes_frame(part, _labels(demo_store), tr, "de")
    assert shown.to_dict("records") == [{
        "Indikator": "Wohnberechtigte Bevölkerung", "Gebiet": "61 Coerde", "Gruppe": "Insgesamt",
        "Jahr": "2025", "bisher": "11.246", "neu": "12.345",
    }]  # fmt: skip


def _labels(store: Store) -> dict:
    from dashboard.catalogues import display_labels

    return display_labels(store_catalogue(store))


def test_preview_of_several_sheets(demo_store: Store) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "2025"
    for row in (["Bevölkerung am 31.12.2025"], ["Stadtteil", "2025"], ["61 Coerde", 12345]):
        first.append(row)
    second = book.create_sheet("2026")
    for row in (["Bevölkerung am 31.12.2026"], ["Stadtteil", "2026"], ["61 Coerde", 12400]):
        second.append(row)
    first.merge_cells("A1:B1")
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    assert datacare.sheet_names(data) == ["2025", "2026"]
    parts = [
        datacare.preview(demo_store, "stats", data, "bev.xlsx", Options("bevoelkerung", sheet))
        for sheet in ("2025", "2026")
    ]
    assert [p.label for p in parts] == ["bev.xlsx [2025]", "bev.xlsx [2026]"]
    entries = datacare.commit(demo_store, STEWARD, parts)
    assert [(e.file, e.inserted, e.updated) for e in entries] == [
        ("bev.xlsx [2025]", 0, 1), ("bev.xlsx [2026]", 1, 0),
    ]  # fmt: skip
    assert _value(demo_store, "61", 2026)["value"] == 12400


def test_unreadable_file_is_a_preview_with_problems_not_a_crash(demo_store: Store) -> None:
    (part,) = _stage(demo_store, b"\x00\x01 kein Text", "kaputt.csv")
    assert not part.ready and part.errors
    assert not vm.problems_frame(part.problems, tr).empty


def test_commit_refuses_when_the_data_changed_since_the_preview(demo_store: Store) -> None:
    parts = _stage(demo_store, COERDE_2025)
    datacare.commit(demo_store, STEWARD, _stage(demo_store, NEW_YEAR))
    with pytest.raises(ConflictError, match="seit der Vorschau geändert"):
        datacare.commit(demo_store, STEWARD, parts)
    assert _value(demo_store, "61", 2025)["value"] == 11246


# --- undo --------------------------------------------------------------------------------------
def test_undo_puts_back_exactly_what_the_import_replaced(demo_store: Store) -> None:
    old = _value(demo_store, "61", 2025)
    observations_before = demo_store.fingerprint()["observation"]
    version = demo_store.data_version()
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    (second,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, NEW_YEAR, "neu.csv"))
    assert demo_store.data_version() != version
    assert _value(demo_store, "61", 2025)["value"] == 12345
    datacare.undo(demo_store, STEWARD, second.id)
    undo = datacare.undo(demo_store, STEWARD, entry.id)
    assert _value(demo_store, "61", 2025) == old  # value, flag, source, demo mark
    assert _value(demo_store, "61", 2026) is None  # the rows it added are gone
    assert demo_store.fingerprint()["observation"] == observations_before
    history = demo_store.import_history(10).set_index("id")
    assert history.loc[entry.id, "undone_by_id"] == undo.id
    assert history.loc[undo.id, "kind"] == "undo" and history.loc[undo.id, "actor"] == "bea"
    assert history.loc[undo.id, "undoes_id"] == entry.id
    assert not history.loc[entry.id, "undoable"]
    with pytest.raises(ConflictError, match="schon rückgängig"):
        datacare.undo(demo_store, STEWARD, entry.id)


def test_undo_refreshes_the_released_values(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)

    def released() -> float:
        frame = released_observations(demo_store, catalogue, ["bevoelkerung"], ["61"])
        row = frame[(frame["period"] == 2025) & (frame["grp"] == "insgesamt")]
        return float(row["value"].iloc[0])

    assert released() == 11246
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    assert released() == 12345
    datacare.undo(demo_store, STEWARD, entry.id)
    assert released() == 11246


def test_undo_refused_while_a_later_import_changed_the_values(demo_store: Store) -> None:
    (first,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    later = _csv("Bevölkerung am 31.12.2025;\nStadtteil;2025\n61 Coerde;12.999\n")
    (second,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, later, "b.csv"))
    before = demo_store.fingerprint()
    with pytest.raises(ConflictError, match=f"durch Import Nr. {second.id}"):
        datacare.undo(demo_store, STEWARD, first.id)
    assert demo_store.fingerprint() == before
    datacare.undo(demo_store, STEWARD, second.id)
    assert _value(demo_store, "61", 2025)["value"] == 12345
    datacare.undo(demo_store, STEWARD, first.id)
    assert _value(demo_store, "61", 2025)["value"] == 11246


def test_nothing_to_undo_for_an_unchanged_import(demo_store: Store) -> None:
    datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    (again,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    assert again.status == "unverändert"
    with pytest.raises(ConflictError, match="nichts geändert"):
        datacare.undo(demo_store, STEWARD, again.id)


def test_undo_of_a_geometry_import(demo_store: Store) -> None:
    layers = demo_store.geometry_layers()
    data = (ASSETS / "areas_good.geojson").read_bytes()
    part = datacare.preview(demo_store, "areas", data, "areas_good.geojson")
    assert part.ready
    (entry,) = datacare.commit(demo_store, STEWARD, [part])
    assert demo_store.geometry_layers() != layers
    datacare.undo(demo_store, STEWARD, entry.id)
    assert demo_store.geometry_layers() == layers


def test_an_editor_cannot_undo(demo_store: Store) -> None:
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    with pytest.raises(PermissionDenied):
        datacare.undo(demo_store, EDITOR, entry.id)
    assert _value(demo_store, "61", 2025)["value"] == 12345


# --- the log as shown --------------------------------------------------------------------------
def test_log_shows_who_file_sha_counts_and_undo_state(demo_store: Store) -> None:
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    datacare.undo(demo_store, STEWARD, entry.id)
    shown = vm.log_frame(demo_store.import_history(10), tr, "de")
    first = shown.iloc[0].to_dict()
    assert first["Wer"] == "bea" and first["Datei"] == "bev.csv"
    # the demo data arrive through the import path too, so the entry's number is not fixed
    assert first["Status"] == f"nimmt Nr. {entry.id} zurück: 1 wiederhergestellt, 0 entfernt"
    assert shown.iloc[1]["Status"].startswith("rückgängig gemacht (")
    assert shown.iloc[1]["SHA-256"] == entry.sha256[:12] + "…"
    # neither the undone import nor its undo can be taken back again (demo imports still can)
    options = vm.undo_options(demo_store.import_history(10), tr, "de")
    assert entry.id not in options and int(shown.iloc[0]["Nr."]) not in options


def test_values_read_as_in_the_file() -> None:
    assert vm.value_text(16.1, "provisional", 1, tr, "de") == "16,1 (vorläufig)"
    assert vm.value_text(None, "secret", 0, tr, "de") == "geheim"
    assert vm.value_text(float("nan"), None, 0, tr, "de") == "–"
    assert vm.value_text(1450.0, None, 0, tr, "en") == "1,450"


def test_data_version_moves_with_imports_and_undo(demo_store: Store) -> None:
    seen = {demo_store.data_version()}
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    seen.add(demo_store.data_version())
    datacare.undo(demo_store, STEWARD, entry.id)
    seen.add(demo_store.data_version())
    assert len(seen) == 3


def test_other_sessions_see_an_import_on_their_next_run(demo_db: Path, fresh_caches: None) -> None:
    """The page caches are keyed by the data version: the next script run drops them."""
    from dashboard.ui import data

    db = str(demo_db)
    data.refresh_if_changed()
    imports = data.summary(db)["imports"]

    def coerde() -> list[float]:
        v = data.indicator_values(db, "bevoelkerung")
        rows = v[(v["area_code"] == "61") & (v["period"] == 2025) & (v["grp"] == "insgesamt")]
        return rows["value"].tolist()

    assert coerde() == [11246]
    datacare.commit(data.store(), STEWARD, _stage(data.store(), COERDE_2025))
    assert data.summary(db)["imports"] == imports  # still the cached result …
    assert data.refresh_if_changed()  # … until the next run of any page
    assert data.summary(db)["imports"] == imports + 1
    assert coerde() == [12345]
    assert not data.refresh_if_changed()


def test_undo_of_targets_and_measures_retires_and_archives_them(empty_store: Store) -> None:
    for kind, file in (("targets", "targets_good.csv"), ("measures", "measures_good.csv")):
        part = datacare.preview(empty_store, kind, (ASSETS / file).read_bytes(), file)
        assert part.ready, part.problems
        (entry,) = datacare.commit(empty_store, STEWARD, [part])
        assert entry.inserted > 0
        undo = datacare.undo(empty_store, STEWARD, entry.id)
        assert undo.rows == entry.inserted
    assert empty_store.targets().empty  # retired, not deleted:
    retired = empty_store.targets(include_retired=True)
    assert set(retired["retire_reason"]) == {"Import Nr. 1 (targets_good.csv) rückgängig gemacht"}
    assert empty_store.measures().empty
    events = empty_store.measure_events()
    assert set(events[events["kind"] == "archiviert"]["actor"]) == {"bea"}


def test_undo_of_measures_refused_after_an_edit(empty_store: Store) -> None:
    part = datacare.preview(
        empty_store, "measures", (ASSETS / "measures_good.csv").read_bytes(), "m.csv"
    )
    (entry,) = datacare.commit(empty_store, STEWARD, [part])
    first = empty_store.measures().iloc[0]
    empty_store.update_measure(
        int(first["id"]), int(first["version"]), {"next_step": "anrufen"}, "cora"
    )
    with pytest.raises(ConflictError, match="bearbeitet"):
        datacare.undo(empty_store, STEWARD, entry.id)
    assert len(empty_store.measures()) == entry.inserted


def test_undo_refused_when_a_later_import_changed_a_row_it_added(demo_store: Store) -> None:
    (first,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, NEW_YEAR))
    later = _csv("Bevölkerung am 31.12.2026;\nStadtteil;2026\n61 Coerde;12.500\n")
    (second,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, later, "b.csv"))
    with pytest.raises(ConflictError, match=f"1 seiner Werte .* Import Nr. {second.id}"):
        datacare.undo(demo_store, STEWARD, first.id)
    datacare.undo(demo_store, STEWARD, second.id)
    datacare.undo(demo_store, STEWARD, first.id)
    assert _value(demo_store, "61", 2026) is None and _value(demo_store, "91", 2026) is None


def test_a_snapshot_left_by_a_dead_import_is_dropped(demo_store: Store) -> None:
    token = demo_store._snapshot("observations", None, lambda cur, token: None)
    (entry,) = datacare.commit(demo_store, STEWARD, _stage(demo_store, COERDE_2025))
    with demo_store.cursor() as cur:
        rows = cur.execute("SELECT token, import_id FROM undo_snapshot").fetchall()
    assert token not in {t for t, _ in rows} and {i for _, i in rows} == {entry.id}
