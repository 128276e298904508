"""AppTest of /review on demo data generated for a fixed today (LEITBILD_TODAY)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.analysis.lateness import lateness_frame
from dashboard.analysis.review import changes_in_window, default_window
from dashboard.auth.roles import User
from dashboard.bootstrap import initialise
from dashboard.domain.notes import NoteTarget
from dashboard.services.notes import write_note
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
PAGE = str(ROOT / "pages" / "review.py")
TODAY = dt.date(2025, 11, 24)


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo database whose dates are generated relative to TODAY (set before initialise)."""
    path = tmp_path_factory.mktemp("review") / "review.duckdb"
    before = os.environ.get("LEITBILD_TODAY")
    os.environ["LEITBILD_TODAY"] = TODAY.isoformat()
    try:
        store = Store(path)
        initialise(store, demo=True)
        store.close()
    finally:
        if before is None:
            del os.environ["LEITBILD_TODAY"]
        else:
            os.environ["LEITBILD_TODAY"] = before
    return path


@pytest.fixture
def review_db(
    review_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A private copy for one test, with the app's today fixed and clean caches."""
    path = tmp_path / "review.duckdb"
    shutil.copy(review_template, path)
    monkeypatch.setenv("LEITBILD_DB", str(path))
    monkeypatch.setenv("LEITBILD_TODAY", TODAY.isoformat())
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()


def _open(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    return at.run()


def _ids(at: AppTest) -> list[int]:
    """Measure numbers of the attention list, in page order."""
    return [int(re.search(r"\(Nr\. (\d+)\)", e.label).group(1)) for e in at.expander
            if "(Nr. " in e.label]  # fmt: skip


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _button(at: AppTest, label: str, nth: int = 0) -> Any:
    matches = [b for b in at.button if b.label == label]
    assert len(matches) > nth, f"no button {label!r}"
    return matches[nth]


def test_lists_the_expected_late_and_unreviewed_measures(review_db: Path) -> None:
    store = Store(review_db)
    measures = store.measures()
    flags = lateness_frame(measures, TODAY, 28)
    late = set(measures.loc[flags["late"], "id"])
    due = set(measures.loc[flags["needs_review"], "id"])
    assert late and due - late  # the demo data has both kinds, relative to TODAY

    at = _open()
    assert not at.exception
    metrics = _metrics(at)
    assert metrics["verspätet oder überfällig"] == str(len(late))
    assert metrics["Prüfung fällig"] == str(len(due))
    # completed and stopped measures are not active (issue 15)
    open_ = measures["status"].isin(["geplant", "laufend", "pausiert"])
    assert metrics["offene Maßnahmen"] == str(int(open_.sum())) != str(len(measures))
    ids = _ids(at)
    assert ids[: len(late)] and set(ids[: len(late)]) == late  # late first, most behind first
    assert set(ids[len(late) : len(late) + len(due - late)]) == due - late
    assert len(ids) == len(set(ids))  # each measure once, with all its reasons in the label
    titles = dict(zip(measures["id"], measures["title"], strict=True))
    first = next(e.label for e in at.expander if "(Nr. " in e.label)
    assert titles[ids[0]] in first and "überfällig" in first


def test_default_window_and_what_changed(review_db: Path) -> None:
    store = Store(review_db)
    start, end = default_window(TODAY)
    expected = changes_in_window(store.measure_events(), store.measures(), start, end)
    at = _open()
    assert at.date_input(key="rv.window").value == (start, end)
    assert _metrics(at)["Einträge im Zeitraum"] == str(len(expected))
    table = next(d.value for d in at.dataframe if "measure" in d.value.columns)
    assert len(table) == len(expected)
    assert table["measure"].str.match(r"^/massnahmen\?id=\d+#").all()
    at.date_input(key="rv.window").set_value((dt.date(2020, 1, 1), dt.date(2020, 1, 7))).run()
    assert _metrics(at)["Einträge im Zeitraum"] == "0"
    assert any("nichts geändert" in i.value for i in at.info)


def test_counts_by_status_and_field(review_db: Path) -> None:
    at = _open()
    counts = next(d.value for d in at.dataframe if "laufend" in d.value.columns)
    assert counts.loc["gesamt", "gesamt"] == len(Store(review_db).measures())
    assert len(counts) == 13  # 12 fields and the total


def test_quick_actions_in_place(review_db: Path) -> None:
    store = Store(review_db)
    at = _open()
    log_in(at, "Anna")
    mid = _ids(at)[0]
    version = store.measure(mid)["version"]
    prefix = f"rv.{mid}.v{version}"

    # mark reviewed with a note
    at.text_input(key=f"{prefix}.ok.note").input("besprochen")
    at.button(key=f"{prefix}.ok.button").click().run()
    assert not at.exception
    assert store.measure(mid)["last_reviewed"].date() == TODAY
    event = store.measure_events(mid).iloc[-1]
    assert (event["kind"], event["actor"], event["comment"]) == ("geprüft", "Anna", "besprochen")

    # set the next step and its date
    prefix = f"rv.{mid}.v{version + 1}"
    at.text_input(key=f"{prefix}.step.text").input("Abschlussbericht anfordern")
    at.date_input(key=f"{prefix}.step.day").set_value(dt.date(2025, 12, 15)).run()
    at.button(key=f"{prefix}.step.button").click().run()
    assert not at.exception
    stored = store.measure(mid)
    assert stored["next_step"] == "Abschlussbericht anfordern"
    assert stored["next_step_date"].date() == dt.date(2025, 12, 15)

    # change the status with a comment: completing sets end and 100 %
    prefix = f"rv.{mid}.v{version + 2}"
    at.selectbox(key=f"{prefix}.sc.status").select("abgeschlossen").run()
    at.text_input(key=f"{prefix}.sc.comment").input("Ziel erreicht")
    _button(at, "Status auf „abgeschlossen“ setzen").click().run()
    assert not at.exception
    stored = store.measure(mid)
    assert stored["status"] == "abgeschlossen" and stored["progress"] == 100
    assert stored["actual_end"].date() == TODAY
    kinds = store.measure_events(mid)["kind"].tolist()[-3:]
    assert kinds == ["geprüft", "geändert", "status"]
    assert mid not in _ids(at)  # done: no longer late, no review due


def test_protocol_is_saved_by_date_and_downloadable(review_db: Path) -> None:
    store = Store(review_db)
    at = _open()
    labels = {d.label for d in at.get("download_button")}
    assert {"Markdown herunterladen", "Word (DOCX) herunterladen"} <= labels
    assert at.button(key="rv.save").disabled  # a name first
    log_in(at, "Anna")
    at.text_area(key="rv.notes").input("Teilnehmende: Anna, Ben")
    at.button(key="rv.save").click().run()
    assert not at.exception
    saved = store.protocols()
    assert len(saved) == 1 and saved.loc[0, "review_date"].date() == TODAY
    content = saved.loc[0, "content"]
    assert content.startswith("# Wochenreview Maßnahmen – 24.11.2025")
    assert "Protokoll: Anna" in content and content.rstrip().endswith("Teilnehmende: Anna, Ben")
    assert any("Für heute gespeichert von Anna" in c.value for c in at.caption)
    at.button(key="rv.save").click().run()
    assert store.protocols().loc[0, "version"] == 2  # one protocol per date, replaced
    assert at.selectbox(key="rv.earlier").value == TODAY


def test_review_in_english(review_db: Path) -> None:
    at = _open(lang="en")
    assert not at.exception
    assert at.title[0].value == "Weekly review"
    assert "late or overdue" in _metrics(at)


def test_without_measures_the_page_says_so(review_db: Path) -> None:
    Store(review_db).delete_demo()
    at = _open()
    assert not at.exception
    assert any("Noch keine Maßnahmen" in i.value for i in at.info)


def test_off_track_goals_without_measure_by_name(review_db: Path) -> None:
    """Issue 15: the KI team's steering question on the review page and in the protocol."""
    at = _open()
    assert not at.exception
    metrics = _metrics(at)
    n = int(metrics["davon ohne Maßnahme"])
    assert int(metrics["Ziele abseits"]) >= n > 0
    heading = next(h.value for h in at.subheader if h.value.startswith("Ziele abseits ohne"))
    assert heading == f"Ziele abseits ohne Maßnahme ({n})"
    listed = next(m.value for m in at.markdown if m.value.startswith("- 6.") or
                  m.value.startswith("- 7.") or m.value.startswith("- 8."))  # fmt: skip
    items = listed.split("\n")
    assert len(items) == n and all(": " in item for item in items)  # names, not ids
    assert not any(re.search(r"\d\.\d-[A-Za-z]", item) for item in items)
    preview = next(m.value for m in at.markdown if m.value.startswith("# Wochenreview"))
    assert "## Ziele abseits ohne Maßnahme" in preview
    for item in items:
        assert item in preview
    assert not re.search(r"\b\d\.\d-[A-Za-z]+-[A-Z]\d", preview)  # e.g. 7.1-Jugendliche-T1


def test_quick_action_keeps_the_panel_open_and_moves_the_planned_end(review_db: Path) -> None:
    """Issue 15: after a quick action the measure's panel stays open; the planned end can be
    moved there, so a measure set back to 'laufend' is no longer overdue."""
    store = Store(review_db)
    at = _open()
    log_in(at, "Anna")
    late = [r for r in store.measures().to_dict("records")
            if r["planned_end"] is not None and not pd.isna(r["planned_end"])
            and r["planned_end"].date() < TODAY and r["status"] == "laufend"]  # fmt: skip
    mid = next(int(r["id"]) for r in late if int(r["id"]) in _ids(at))
    version = store.measure(mid)["version"]
    prefix = f"rv.{mid}.v{version}"
    assert not next(e for e in at.expander if f"(Nr. {mid})" in e.label).proto.expanded
    new_end = dt.date(2026, 6, 30)
    at.date_input(key=f"{prefix}.end.day").set_value(new_end).run()
    at.button(key=f"{prefix}.end.button").click().run()
    assert not at.exception
    assert store.measure(mid)["planned_end"].date() == new_end
    event = store.measure_events(mid).iloc[-1]
    assert event["actor"] == "Anna"
    # the panel of the measure just changed is open after the rerun
    panel = [e for e in at.expander if f"(Nr. {mid})" in e.label]
    assert panel and panel[0].proto.expanded
    assert "überfällig" not in panel[0].label  # no longer overdue after the new planned end


def test_a_long_attention_list_shows_the_first_measures_and_more_on_request(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.ui import measure_review_views

    monkeypatch.setattr(measure_review_views, "LIST_STEP", 2)
    store = Store(review_db)
    measures = store.measures()
    store.close()
    late = int(lateness_frame(measures, TODAY, 28)["late"].sum())
    assert late > 4, "the demo data should have more late measures than two steps"
    at = _open()
    assert not at.exception
    first = _ids(at)
    assert any(c.value == f"2 von {late} angezeigt." for c in at.caption)
    _button(at, "Weitere 2 anzeigen").click().run()
    assert not at.exception
    after = _ids(at)
    # the same first two, then the next two late ones; the other sections stay shortened too
    assert after[:2] == first[:2] and len(after) == len(first) + 2
    assert any(c.value == f"4 von {late} angezeigt." for c in at.caption)


def _summaries(at: AppTest) -> dict[str, tuple[list[str], list[str]]]:
    """Per measure panel: its label, the captions and the markdown of its summary."""
    return {e.label: ([c.value for c in e.caption][:1], [m.value for m in e.markdown][:1])
            for e in at.expander if "(Nr. " in e.label}  # fmt: skip


def test_a_reader_sees_the_summaries_an_editor_sees_and_each_write_at_once(
    review_db: Path,
) -> None:
    viewer = _open()  # no quick actions: the list is replayed from the cache
    editor = _open()
    log_in(editor, "Anna")
    assert not viewer.exception and not editor.exception
    quick = re.compile(r"rv\.\d+\.v\d+\.")  # the keys of a measure's quick actions
    assert not [b.key for b in viewer.button if quick.match(b.key or "")]
    assert [b.key for b in editor.button if quick.match(b.key or "")]
    assert _summaries(viewer) == _summaries(editor) != {}

    mid = _ids(editor)[0]
    prefix = f"rv.{mid}.v{Store(review_db).measure(mid)['version']}"
    editor.text_input(key=f"{prefix}.step.text").input("Abschlussbericht anfordern")
    editor.date_input(key=f"{prefix}.step.day").set_value(dt.date(2025, 12, 15)).run()
    editor.button(key=f"{prefix}.step.button").click().run()
    assert not editor.exception
    viewer.run()  # another session of the same server, after the editor's save
    panel = next(e for e in viewer.expander if f"(Nr. {mid})" in e.label)
    assert "Abschlussbericht anfordern" in panel.markdown[0].value
    assert _summaries(viewer) == _summaries(editor.run())
    # the cached protocol follows the write too, and names the minute-taker only to its session
    for at in (viewer, editor):
        assert "Abschlussbericht anfordern" in _preview(at)
    assert "Protokoll: Anna" in _preview(editor) and "Protokoll:" not in _preview(viewer)
    # a network's note written meanwhile is in the next preview (not part of the cached text)
    network = User("netz61", "Netzwerk Coerde", "editor", areas=frozenset({"61"}))
    note = "Sprachcafé zieht ins Stadtteilhaus um"
    write_note(Store(review_db), network, NoteTarget("61"), note, "Netzwerk Coerde")
    assert note not in _preview(viewer) and note in _preview(viewer.run())


def _preview(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("# Wochenreview"))
