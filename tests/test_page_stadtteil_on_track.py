"""AppTest: the district page answers 'are we on track?' (issue 15) and its headline tiles follow
the chosen population group (issue 13, item 9)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis import on_track
from dashboard.imports import store_catalogue
from dashboard.store import Store
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "stadtteil.py")
ZIELE = str(ROOT / "pages" / "ziele.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def run(page: str = PAGE, **query: str) -> AppTest:
    """Run a page with the given URL parameters."""
    at = AppTest.from_file(page, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def text(at: AppTest) -> str:
    """Every markdown, caption, info and warning text of the page."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "subheader")
             for e in at.get(kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def test_coerde_on_track_same_count_as_ziele_page(demo_db: Path) -> None:
    at = run(stadtteil="61")
    assert not at.exception
    body = text(at)
    ziele = run(ZIELE, gebiet="61")
    assert not ziele.exception
    heading = next(h.value for h in ziele.subheader if "Zielwerte" in h.value or "(" in h.value)
    n = int(heading.split("(")[-1].rstrip(")"))
    # 14 targets and directions of the Leitbild, 2 directions of the 20–59 densities
    assert n == 16
    assert "Sind wir in Coerde auf Kurs?" in body
    assert f"{n} Zielwerte für Coerde" in body
    assert f"Dieselben {n} Zielwerte zeigt der [Ziel-Ist-Vergleich für Coerde]" in body
    # both district goals with a status word next to them
    assert "Ziel 1: Negativimage von Coerde überwinden" in body
    assert "deutlich abseits" in body  # goal 1 (Verbundenheit 61,1 % against its target)
    # status and city gap in one sentence, two judgements: on track, but worse than the city
    lines = body.split("\n")
    at_sgb = lines.index(next(p for p in lines if "**SGB-II-Quote unter 15: 31,4 % (2025)**" in p))
    assert "auf Kurs" in lines[at_sgb]  # the status word next to the value
    assert lines[at_sgb + 1] == (
        "Auf Kurs, aber etwa dreimal so hoch wie in der Stadt (9,8 %) – ungünstiger als der "
        "Stadtdurchschnitt. Der Wert entwickelt sich so, dass das Ziel erreicht wird."
    )


def test_conflicts_are_counted(demo_db: Path) -> None:
    store = Store(demo_db)
    try:
        from dashboard.readmodel import released_observations
        from dashboard.reports.profile_content import district_assessments

        cat = store_catalogue(store)
        values = released_observations(store, cat)
        rows = district_assessments(values, store.targets(), cat, "61")
    finally:
        store.close()
    frame = on_track.district_targets(rows, values, cat.indicators, "61")
    sgb = frame[frame["indicator_id"] == "sgb2_kinder_u15"].iloc[0]
    assert sgb["status"] == "on_track" and sgb["city_judgement"] == "worse"
    assert sgb["ratio_key"] == "x3" and bool(sgb["conflict"])
    assert 2.5 <= sgb["actual"] / sgb["city"] < 3.5
    at = run(stadtteil="61")
    n = int(frame["conflict"].sum())
    assert f"Genauer hinsehen bei {n} davon: auf Kurs, aber Coerde steht ungünstiger da" in text(at)


@pytest.mark.parametrize(
    ("ratio", "key"),
    [(5.0, "many"), (3.1, "x3"), (2.0, "x2"), (1.2, "higher"), (1.0, "similar"), (0.7, "lower"),
     (0.5, "half"), (0.2, "fraction")],
)  # fmt: skip
def test_ratio_words(ratio: float, key: str) -> None:
    assert on_track.ratio_key(ratio) == key


def test_question_without_indicator(demo_db: Path) -> None:
    at = run(stadtteil="61", frage="Sprachförderung in der Kita")
    assert not at.exception
    warning = "\n".join(w.value for w in at.warning)
    assert "Zu „Sprachförderung in der Kita“ hat das Leitbild ein Ziel, aber" in warning
    assert "noch keinen Indikator" in warning and "Sprachbildungsnetzwerke" in warning
    nearest = next(p for p in text(at).split("\n") if p.startswith("Am nächsten liegen"))
    assert "Kita-Besuch 3–6" in nearest
    assert at.query_params["frage"] == "Sprachförderung in der Kita"


def test_headline_tiles_follow_the_group(demo_db: Path) -> None:
    total = {m.label: m.value for m in run(stadtteil="91").metric}
    at = run(stadtteil="91", gruppe="maennlich")
    assert not at.exception
    tiles = {m.label: m.value for m in at.metric}
    assert "mit Migrationsvorgeschichte" not in tiles  # no unlabelled all-residents figure
    male = tiles["mit Migrationsvorgeschichte (männlich)"]
    assert male != total["mit Migrationsvorgeschichte"]
    store = Store(demo_db)
    try:
        cat = store_catalogue(store)
        from dashboard.readmodel import released_observations

        values = released_observations(store, cat)
    finally:
        store.close()
    rows = values[(values["indicator_id"] == "anteil_mv") & (values["area_code"] == "91")
                  & (values["grp"] == "maennlich")]  # fmt: skip
    latest = rows.loc[rows["period"].idxmax(), "value"]
    assert male == f"{latest:.1f} %".replace(".", ",")
    assert tiles["Einwohnende (männlich)"] != total["Einwohnende"]


def test_real_data_without_targets_says_so(real_db: Path) -> None:
    at = run(stadtteil="61")
    assert not at.exception
    body = text(at)
    assert "Sind wir in Coerde auf Kurs?" in body
    rows = body.count("Zielwerte für Coerde")
    info = "\n".join(i.value for i in at.info)
    # either the targets are listed with their count, or the page says why there are none
    assert rows == 1 or "Für Coerde gibt es noch keine Zielwerte mit Daten" in info
    assert "0 Zielwerte" not in body
    assert "Ziel 1: Negativimage von Coerde überwinden" in body  # the goals are still named


def test_glance_counts_each_goal_once() -> None:
    from dashboard.analysis import glance

    tree = pd.DataFrame({
        "node_id": ["7.1", "g1", "g1", "g2", "g3"], "node_type": ["field", "goal", "goal", "goal",
                                                              "goal"],
        "field_id": ["7.1"] * 5, "status": ["on_track", "on_track", "on_track", "off_track", None],
    })  # fmt: skip
    table = glance.field_counts(tree, ["7.1", "8.2"])
    assert table.loc["7.1"].to_dict() == {"good": 1, "off": 1, "none": 1, "total": 3}
    assert table.loc["8.2", "total"] == 0
    assert glance.target_counts(pd.Series(["reached", "slightly_off", "not_assessable"])) == {
        "good": 1, "off": 1, "none": 1, "total": 3}  # fmt: skip


def test_target_write_shows_on_the_next_click(demo_db: Path) -> None:
    """The section is cached with its elements; a target write (as the form does) drops it."""
    from dashboard.ui import progress_data

    at = run(stadtteil="61")
    assert "16 Zielwerte für Coerde: 10 erreicht oder auf Kurs, 6 abseits" in text(at)
    # Coerde's Verbundenheit target; without it the indicator counts as a direction. The store
    # stays open: the page shares its connection
    Store(demo_db).retire_target(22, 1, "test", "Test")
    progress_data.clear_caches()
    assert "16 Zielwerte für Coerde: 11 erreicht oder auf Kurs, 5 abseits" in text(at.run())
