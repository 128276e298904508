"""AppTest of the Handlungsfelder page: the Leitbild tree with statuses, measures and flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "handlungsfelder.py")
STATUS_LABELS = ("Ziel erreicht", "auf Kurs", "leicht abseits", "deutlich abseits",
                 "falsche Richtung", "nicht bewertbar", "keine Bewertung")  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def run(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def field_expanders(at: AppTest) -> list:
    return [
        e
        for e in at.expander
        if e.label[2:5]
        in {"6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6"}
    ]


def tree_text(expander) -> str:
    return "\n".join(m.value for m in expander.markdown)


def test_all_12_fields_with_explained_statuses(demo_db: Path) -> None:
    at = run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Handlungsfelder"
    fields = field_expanders(at)
    assert [e.label.split(" ")[1] for e in fields] == [
        "6.1",
        "6.2",
        "6.3",
        "7.1",
        "7.2",
        "7.3",
        "8.1",
        "8.2",
        "8.3",
        "8.4",
        "8.5",
        "8.6",
    ]
    overview = at.dataframe[0].value
    assert len(overview) == 12
    # status, coverage and what to watch come first: the last columns of the overview sit
    # behind the table's horizontal scroll at 1440 px
    assert list(overview.columns[2:6]) == [
        "Status", "Punktwert", "Ziele mit Bewertung", "Worauf achten"]  # fmt: skip
    for expander in fields:
        assert expander.label.endswith(STATUS_LABELS)
        text = tree_text(expander)
        # the field's status with its counts and score, then one line per goal
        assert "Punktwert" in text or "keine Bewertung" in text
        for line in text.splitlines():
            if "**Leitziel" in line or "**Teilziel" in line or "**Stadtteilziel" in line:
                assert any(label in line for label in STATUS_LABELS), line
        captions = " ".join(c.value for c in expander.caption)
        assert "Maßnahmen" in captions and "fließen nicht ein" in captions
    # every status line that has assessments explains how it came about
    everything = "\n".join(tree_text(e) for e in fields)
    assert everything.count("Punktwert") > 30
    assert "Ziel ohne Indikator" in everything
    assert "abseits des Ziels und keine laufende Maßnahme" in everything
    assert "Stadtteilziel" in everything  # the city view includes the district goals
    rule = next(e for e in at.expander if e.label == "So wird zusammengefasst")
    assert "Mittelwert" in rule.markdown[0].value and "nie in den Status" in rule.markdown[0].value


def test_district_view_and_url_state(demo_db: Path) -> None:
    at = run(gebiet="91", feld="6.3", methode="cagr")
    assert not at.exception
    assert at.selectbox(key="gebiet").value == "91"
    assert at.query_params["gebiet"] == "91" and at.query_params["feld"] == "6.3"
    opened = [e for e in field_expanders(at) if e.proto.expanded]
    assert [e.label.split(" ")[1] for e in opened] == ["6.3"]
    text = tree_text(opened[0])
    assert "Berg Fidel" in text and "Coerde" not in text  # only Berg Fidel's district goals
    assert "Sprachcafé Berg Fidel" in text  # linked measures beside the statuses
    assert at.subheader[0].value == "Die 12 Handlungsfelder – 91 Berg Fidel"


def test_only_flagged_goals(demo_db: Path) -> None:
    at = run(hinweise="1")
    assert not at.exception
    for expander in field_expanders(at):
        text = tree_text(expander)
        goal_lines = [line for line in text.splitlines() if line.startswith("- ")
                      and ("**Leitziel" in line or "**Teilziel" in line)]  # fmt: skip
        for line in goal_lines:
            assert "Ziel ohne Indikator" in line or "abseits" in text


def test_english(demo_db: Path) -> None:
    at = run(lang="en")
    assert not at.exception
    assert at.title[0].value == "Fields of action"
    assert len(field_expanders(at)) == 12


def test_without_any_data(demo_store: Store) -> None:
    demo_store.delete_demo()
    at = run()
    assert not at.exception and not at.error
    fields = field_expanders(at)
    assert len(fields) == 12
    assert all(e.label.endswith("keine Bewertung") for e in fields)


def test_measure_write_shows_on_the_next_click(demo_db: Path) -> None:
    """The tree is cached with its elements; a measure write (as the register does) drops it,
    and with it the roll-up's measure counts."""
    from dashboard.ui import measure_views

    at = run()
    place = next(i for i, e in enumerate(field_expanders(at)) if "Sprachcafé Berg" in tree_text(e))
    field = field_expanders(at)[place]
    assert "Sprachcafé Berg Fidel (laufend)" in tree_text(field)
    before = [c.value for c in field.caption if "Maßnahmen" in c.value]
    store = Store(demo_db)  # stays open: the page shares its connection
    version = int(store.measure(1)["version"])
    store.update_measure(1, version, {"status": "abgeschlossen"}, "test")
    measure_views.clear_caches()
    field = field_expanders(at.run())[place]
    assert "Sprachcafé Berg Fidel (abgeschlossen)" in tree_text(field)
    after = [c.value for c in field.caption if "Maßnahmen" in c.value]
    assert before != after  # the field's measure counts follow
