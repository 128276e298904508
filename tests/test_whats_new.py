"""What's new for a district: pure logic on inline history frames, and the start page's widget."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import clock
from dashboard.domain.notes import NoteTarget
from dashboard.present.format import fmt_date
from dashboard.services import whats_new as wn
from dashboard.store import Store
from dashboard.store.notes import NoteRepository
from tests.conftest import ROOT

SINCE = date(2026, 3, 1)


def test_new_data_counts_only_the_districts_stored_imports_since_the_date() -> None:
    imports = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "logged_at": pd.to_datetime(["2026-02-01", "2026-03-02", "2026-03-05", "2026-03-06"]),
            "file": ["alt.csv", "neu.csv", "fremd.csv", "kaputt.csv"],
            "status": ["ok", "ok", "ok", "abgelehnt"],
        }
    )
    got = wn.new_data(imports, {1, 2, 4}, SINCE)
    assert [c.title for c in got] == ["neu.csv"]
    assert got[0].kind == wn.NEW_DATA


def test_measure_changes_tell_new_finished_and_status() -> None:
    events = pd.DataFrame(
        {
            "measure_id": [1, 2, 3, 9, 1],
            "happened_at": pd.to_datetime(
                ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-04", "2026-01-01"]
            ),
            "kind": ["angelegt", "status", "status", "angelegt", "status"],
            "changes": [
                "{}",
                '{"status": ["laufend", "abgeschlossen"]}',
                '{"status": ["geplant", "laufend"]}',
                "{}",
                '{"status": ["geplant", "laufend"]}',
            ],
        }
    )
    titles = {1: "Sprachcafé", 2: "Lernhilfe", 3: "Stadtteilfest", 9: "Anderswo"}
    got = wn.measure_changes(events, titles, {1, 2, 3}, SINCE)
    assert [(c.kind, c.title) for c in got] == [
        (wn.NEW_MEASURE, "Sprachcafé"),
        (wn.FINISHED_MEASURE, "Lernhilfe"),
        (wn.STATUS_CHANGE, "Stadtteilfest"),
    ]


def test_unreadable_history_row_is_skipped() -> None:
    events = pd.DataFrame(
        {
            "measure_id": [1],
            "happened_at": [datetime(2026, 3, 2)],
            "kind": ["status"],
            "changes": ["not json"],
        }
    )
    assert wn.measure_changes(events, {1: "x"}, {1}, SINCE) == []


def test_hidden_notes_and_other_districts_are_not_new() -> None:
    notes = pd.DataFrame(
        {
            "area_code": ["41", "41", "42", "41"],
            "created_at": pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-04", "2026-02-01"]),
            "status": ["sichtbar", "ausgeblendet", "sichtbar", "sichtbar"],
            "organisation": ["Netzwerk Coerde", "Versteckt", "Fremd", "Alt"],
        }
    )
    got = wn.new_notes(notes, "41", SINCE)
    assert [c.title for c in got] == ["Netzwerk Coerde"]


def test_newest_first_and_empty_frames() -> None:
    a = wn.Change(wn.NEW_NOTE, datetime(2026, 3, 2), "a")
    b = wn.Change(wn.NEW_DATA, datetime(2026, 3, 5), "b")
    assert wn.newest_first([a], [b]) == [b, a]
    empty = pd.DataFrame(columns=["area_code", "created_at", "status", "organisation"])
    assert wn.new_notes(empty, "41", SINCE) == []


# --- the widget "Neu seit …" in the start page's district entry (AppTest) --------------------
START = str(ROOT / "pages" / "start.py")


def _open_start(**query: str) -> AppTest:
    at = AppTest.from_file(START, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _lines(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_start_page_lists_whats_new_for_the_district(demo_db: Path) -> None:
    store = Store(demo_db)
    NoteRepository(store).add(NoteTarget("61"), "Kita X schließt", "Netzwerk Coerde", "nora")
    at = _open_start(stadtteil="61")
    assert not at.exception
    since = next(d for d in at.date_input if d.key == "start_since")
    assert since.label == "Neu seit …"
    assert since.value == clock.today() - timedelta(days=30)
    shown = _lines(at)
    today = fmt_date(clock.today(), "de")
    assert f"Neu für Coerde seit {fmt_date(since.value, 'de')}:" in shown
    assert f"- {today}: Neuer Hinweis vor Ort von Netzwerk Coerde" in shown
    # the demo seed's files: one line with their count, not one line per file
    seeded = re.findall(rf"- {today}: Neue Daten eingelesen: Demodaten \((\d+)-mal\)", shown)
    assert len(seeded) == 1 and int(seeded[0]) > 1, shown
    assert "Ob ein Ziel seitdem auf Kurs" in "\n".join(c.value for c in at.caption)


def test_a_later_date_from_the_url_shows_nothing_new_and_english_is_complete(
    demo_db: Path,
) -> None:
    tomorrow = clock.today() + timedelta(days=1)
    at = _open_start(stadtteil="61", seit=tomorrow.isoformat())  # in the future: the default
    since = next(d for d in at.date_input if d.key == "start_since")
    assert since.value == clock.today() - timedelta(days=30)
    at = _open_start(stadtteil="61", seit=clock.today().isoformat(), lang="en")
    assert not at.exception
    since = next(d for d in at.date_input if d.key == "start_since")
    assert since.label == "New since …" and since.value == clock.today()
    assert at.query_params["seit"] in (clock.today().isoformat(), [clock.today().isoformat()])
    assert "New data imported: Demo data" in _lines(at)  # the demo seed was imported today


def test_same_day_repeats_read_as_one_line_with_their_count() -> None:
    day, later = datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 17)
    changes = [
        wn.Change(wn.NEW_DATA, later, "Demodaten"),
        wn.Change(wn.NEW_MEASURE, later, "Sprachcafé"),
        wn.Change(wn.NEW_DATA, day, "Demodaten"),
        wn.Change(wn.NEW_DATA, day, "bev.csv"),
        wn.Change(wn.NEW_DATA, datetime(2026, 3, 1), "Demodaten"),
    ]
    got = wn.merge_repeats(changes)
    assert [(c.title, c.count) for c in got] == [
        ("Demodaten", 2), ("Sprachcafé", 1), ("bev.csv", 1), ("Demodaten", 1)
    ]  # fmt: skip
    assert got[0].when == later  # the newest of the merged items dates the line
