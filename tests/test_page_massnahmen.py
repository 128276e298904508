"""AppTest of /massnahmen: create → edit → status change → conflict → archive, with events."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ASSETS, ROOT

APP = str(ROOT / "dashboard" / "app.py")
PAGE = str(ROOT / "pages" / "massnahmen.py")
TODAY = "2025-11-24"


@pytest.fixture(autouse=True)
def fixed_day(fresh_caches: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches survive between AppTest runs in one process: start every test clean."""
    monkeypatch.setenv("LEITBILD_TODAY", TODAY)


def _open(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    return at.run()


def _button(at: AppTest, label: str) -> Any:
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} in {[b.label for b in at.button]}"
    return matches[0]


def _texts(elements: object) -> list[str]:
    return [e.value for e in elements]


def _sign_in(at: AppTest, name: str = "Anna") -> AppTest:
    return log_in(at, name)


def test_register_lists_measures_with_links_and_flags(demo_db: Path) -> None:
    at = _open()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == Store(demo_db).summary()["measures"]
    assert table["link"].str.match(r"^/massnahmen\?id=\d+$").all()
    berg_fidel = table[table["title"] == "Sprachcafé Berg Fidel"].iloc[0]
    assert berg_fidel["district"] == "/stadtteil?stadtteil=91#Berg%20Fidel"
    assert berg_fidel["goal"].startswith("/handlungsfelder?ziel=6.3-S91-1#")
    assert any("Maßnahmen ·" in c or "von" in c for c in _texts(at.caption))


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ({"stadtteil": "61"}, lambda t: t["areas"].str.contains("Coerde").all()),
        ({"status": "geplant"}, lambda t: (t["status"] == "geplant").all()),
        ({"ziel": "6.3-S91-1"}, lambda t: t["goal"].str.contains("6.3-S91-1").any()),
    ],
)
def test_register_filters_come_from_the_url(
    demo_db: Path, query: dict, check: Callable[[pd.DataFrame], bool]
) -> None:
    at = _open(**query)
    assert not at.exception
    table = at.dataframe[0].value
    assert 0 < len(table) < 62 and check(table)


def test_search_and_lateness_filter(demo_db: Path) -> None:
    at = _open()
    at.text_input(key="mn.q").input("sprachcafé coerde").run()
    assert at.dataframe[0].value["title"].tolist() == ["Sprachcafé Coerde"]
    at.text_input(key="mn.q").input("").run()
    at.multiselect(key="mn.f.late").select("overdue").run()
    flags = at.dataframe[0].value["flags"]
    assert len(flags) > 0 and flags.str.contains("überfällig").all()


def test_bad_deep_links_are_explained(demo_db: Path) -> None:
    for value in ("9999", "abc"):
        at = _open(id=value)
        assert not at.exception
        assert any(value in w for w in _texts(at.warning))


def test_writes_need_a_login(demo_db: Path) -> None:
    at = _open(id="1")
    assert not at.exception
    assert any("Seitenleiste an" in i for i in _texts(at.info))
    assert not [b for b in at.button if b.label == "Änderungen speichern"]


def _events(store: Store, mid: int) -> pd.DataFrame:
    return store.measure_events(mid).reset_index(drop=True)


def test_create_edit_status_conflict_archive(demo_db: Path) -> None:
    store = Store(demo_db)  # shares the app's connection (same process); never closed here
    at = _sign_in(_open())
    assert "Angemeldet: **Anna**" in [m.value for m in at.sidebar.markdown]

    # create: problems are listed at the fields, nothing is written
    _button(at, "Maßnahme anlegen").click().run()
    errors = _texts(at.error)
    assert "Erwartet: einen Titel" in errors and "Erwartet: mindestens ein Handlungsfeld" in errors
    count = len(store.measures())
    assert len(store.measures()) == count

    at.text_input(key="mf.new.0.title").input("Lernpaten Coerde")
    at.multiselect(key="mf.new.0.fields").select("8.2")
    at.multiselect(key="mf.new.0.areas").select("61")
    at.multiselect(key="mf.new.0.goals").select("6.3-S61-2")
    at.selectbox(key="mf.new.0.organisation").select("arbeiterwohlfahrt-muenster")
    at.text_input(key="mf.new.0.next_step").input("Paten gewinnen")
    _button(at, "Maßnahme anlegen").click().run()
    assert not at.exception
    raw = at.query_params["id"]
    mid = int(raw if isinstance(raw, str) else raw[0])
    assert any("Lernpaten Coerde" in s for s in _texts(at.success))
    created = store.measure(mid)
    assert created["areas"] == ["61"] and created["organisation_id"] == "arbeiterwohlfahrt-muenster"
    assert at.subheader[0].value == "Lernpaten Coerde"

    # edit: only the changed fields are recorded, with the comment
    at.text_input(key=f"mf.{mid}.v1.title").input("Lernpaten in Coerde")
    at.slider(key=f"mf.{mid}.v1.progress").set_value(10)
    at.text_input(key=f"mf.{mid}.v1.comment").input("Titel präzisiert")
    _button(at, "Änderungen speichern").click().run()
    assert not at.exception
    assert store.measure(mid)["version"] == 2

    # status change with a comment fills in the actual start
    at.selectbox(key=f"sc.{mid}.v2.status").select("laufend").run()
    at.text_input(key=f"sc.{mid}.v2.comment").input("Auftakt war gut besucht")
    _button(at, "Status auf „laufend“ setzen").click().run()
    assert not at.exception
    assert store.measure(mid)["status"] == "laufend"

    # someone else saves in between: the next save is refused and shows both versions
    store.update_measure(mid, 3, {"next_step": "Raum buchen"}, "Ben", "per Telefon")
    at.run()
    assert any("inzwischen" in w for w in _texts(at.warning))
    at.text_input(key=f"mf.{mid}.v3.title").input("Lernpatenschaften Coerde")
    _button(at, "Änderungen speichern").click().run()
    assert not at.exception
    assert any("Nicht gespeichert" in e for e in _texts(at.error))
    compare = next(d.value for d in at.dataframe if "Ihre Eingabe" in d.value.columns)
    row = compare.set_index("Feld").loc["Titel"]
    assert row["Ihre Eingabe"] == "Lernpatenschaften Coerde"
    assert row["Gespeichert (Version 4)"] == "Lernpaten in Coerde"
    assert store.measure(mid)["title"] == "Lernpaten in Coerde"  # nothing overwritten
    _button(at, "Meine Änderungen erneut anwenden").click().run()
    assert not at.exception
    stored = store.measure(mid)
    assert stored["title"] == "Lernpatenschaften Coerde" and stored["next_step"] == "Raum buchen"

    # archive with a reason (never delete)
    at.text_input(key=f"ar.{mid}.v5.reason").input("mit anderer Maßnahme zusammengelegt")
    at.checkbox(key=f"ar.{mid}.v5.confirm").check().run()
    _button(at, "Archivieren").click().run()
    assert not at.exception
    assert store.measure(mid)["archived"] and mid not in set(store.measures()["id"])

    events = _events(store, mid)
    assert events["kind"].tolist() == [
        "angelegt", "geändert", "status", "geändert", "geändert", "archiviert"
    ]  # fmt: skip
    assert events["actor"].tolist() == ["Anna", "Anna", "Anna", "Ben", "Anna", "Anna"]
    changes = [json.loads(c) for c in events["changes"]]
    assert changes[1] == {"title": ["Lernpaten Coerde", "Lernpaten in Coerde"], "progress": [0, 10]}
    assert changes[2]["status"] == ["geplant", "laufend"] and changes[2]["actual_start"][1] == TODAY
    assert changes[4] == {"title": ["Lernpaten in Coerde", "Lernpatenschaften Coerde"]}
    assert changes[5] == {"archived": [False, True]}
    assert events["comment"].tolist()[1:3] == ["Titel präzisiert", "Auftakt war gut besucht"]
    assert events["comment"].iloc[5] == "mit anderer Maßnahme zusammengelegt"
    # version = 1 + every event after creation
    assert store.measure(mid)["version"] == len(events)


def test_timeline_shows_the_history_newest_first(demo_db: Path) -> None:
    store = Store(demo_db)
    mid = int(store.measures()["id"].iloc[0])
    store.update_measure(mid, 1, {"progress": 70}, "Cem", "Halbzeit")
    at = _open(id=str(mid))
    assert not at.exception
    # anonymous viewers see the role of the account, not its name (issue 20)
    history = [m for m in _texts(at.markdown) if "· Redaktion ·" in m]
    assert history and "Fortschritt:" in history[0] and "„Halbzeit“" in history[0]


def test_restore_an_archived_measure(demo_db: Path) -> None:
    store = Store(demo_db)
    mid = int(store.measures()["id"].iloc[0])
    store.update_measure(mid, 1, {"archived": True}, "Ben", "Versehen", kind="archiviert")
    at = _sign_in(_open(id=str(mid)))
    _button(at, "Wiederherstellen").click().run()
    assert not at.exception
    assert not store.measure(mid)["archived"]
    assert _events(store, mid)["kind"].iloc[-1] == "wiederhergestellt"


def test_export_offers_workbook_with_history(demo_db: Path) -> None:
    at = _open()
    labels = [d.label for d in at.get("download_button")]
    assert {"Excel (mit Verlauf)", "CSV (Maßnahmen)", "CSV (Verlauf)"} <= set(labels)


def test_page_in_english(demo_db: Path) -> None:
    at = _open(lang="en")
    assert not at.exception
    assert at.title[0].value == "Measures"
    assert [t.label for t in at.tabs][:2] == ["Register", "New measure"]


def test_import_lists_every_problem_and_writes_a_good_file(demo_db: Path) -> None:
    from dashboard.imports import check_file

    store = Store(demo_db)
    at = _sign_in(_open())
    bad = (ASSETS / "measures_bad.csv").read_bytes()
    at.file_uploader(key="mn.i.file").set_value(("measures_bad.csv", bad, "text/csv")).run()
    assert not at.exception
    expected = check_file(store, "measures", bad, "measures_bad.csv").problems
    table = next(d.value for d in at.dataframe if "erwartet" in d.value.columns)
    assert len(table) == len(expected) >= 10
    assert sorted(table["Zeile"].dropna().astype(int).unique()) == list(range(2, 12))
    assert not [b for b in at.button if b.key == "mn.i.write"]
    before = len(store.measures())

    good = (ASSETS / "measures_good.csv").read_bytes()
    at.file_uploader(key="mn.i.file").set_value(("measures_good.csv", good, "text/csv")).run()
    assert any("keine Probleme" in s for s in _texts(at.success))
    at.button(key="mn.i.write").click().run()
    assert not at.exception
    # "Sprachcafé Coerde" exists in the demo data: the import recognises it by its title
    assert any("2 neu, 1 schon vorhanden" in s for s in _texts(at.success))
    assert len(store.measures()) == before + 2
    new = store.measures().set_index("title").loc["Mentoring für Azubis"]
    assert store.measure_events(int(new["id"]))["actor"].tolist() == ["Anna"]


def test_without_measures_the_register_says_so(demo_db: Path) -> None:
    Store(demo_db).delete_demo()
    at = _open()
    assert not at.exception
    assert any("Noch keine Maßnahmen" in i for i in _texts(at.info))


def test_filters_are_kept_in_the_url(demo_db: Path) -> None:
    """Issue 15: a filtered register can be shared: every filter is in the URL and read back."""
    at = _open(status="laufend")
    assert not at.exception
    assert at.multiselect(key="mn.f.status").value == ["laufend"]
    at.multiselect(key="mn.f.late").set_value(["overdue"])
    at.text_input(key="mn.q").set_value("Sprach")
    at.run()
    # AppTest gives a single value as a string, repeated keys as a list
    assert at.query_params["verzug"] in ("overdue", ["overdue"])
    assert at.query_params["suche"] in ("Sprach", ["Sprach"])
    assert at.query_params["status"] in ("laufend", ["laufend"])
    shared = _open(status="laufend", verzug="overdue", suche="Sprach")
    assert shared.multiselect(key="mn.f.late").value == ["overdue"]
    assert shared.text_input(key="mn.q").value == "Sprach"
