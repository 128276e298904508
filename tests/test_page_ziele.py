"""AppTest of the Ziel-Ist-Vergleich page: matrix, table, explanations, URL, target management."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ASSETS, ROOT, require_shared

PAGE = str(ROOT / "pages" / "ziele.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def run(user: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if user is not None:  # targets are managed by admins only
        log_in(at, user, "admin", run=False)
    return at.run()


def main_table(at: AppTest):
    """The Ziel-Ist table (the dataframe with a 'reason' column)."""
    return next(df.value for df in at.dataframe if "reason" in df.value.columns)


def explanation(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("- Status:"))


def heatmap_spec(at: AppTest) -> dict:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(c for c in charts if c["data"][0]["type"] == "heatmap")


def test_overview_on_demo_data(demo_db: Path) -> None:
    at = run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Ziel-Ist-Vergleich"
    spec = heatmap_spec(at)
    heat = spec["data"][0]
    assert len(heat["x"]) == 12  # all 12 fields of action
    assert len(heat["y"]) == 46 and heat["y"][0] == "Stadt Münster"
    # only cartesian traces: nothing is fetched from a CDN
    for chart in at.get("plotly_chart"):
        assert {t["type"] for t in json.loads(chart.proto.spec)["data"]} <= {
            "scatter",
            "bar",
            "heatmap",
        }
    table = main_table(at)
    assert len(table) > 100
    # every status in the table carries its reason
    assert table["reason"].map(lambda r: isinstance(r, str) and len(r) > 5).all()
    assert not table["reason"].str.contains(r"zi\.|\{|None").any()
    # the relative gap stays a number (sorts numerically) shown in whole percent: no decimal
    # sign the browser would write in its own language, no pandas Styler (slow per cell)
    assert table["gap_relative"].dtype.kind == "f"
    grid = next(d for d in at.dataframe if d.proto.id and "tabelle" in d.proto.id)
    assert not grid.proto.arrow_data.styler.display_values
    config = json.loads(grid.proto.columns)
    assert config["gap_relative"]["type_config"]["format"] == "%.0f %%"
    statuses = {m.label: int(m.value) for m in at.metric if m.label[:1] in "✓☀◐☁⚡○"}
    assert sum(statuses.values()) == len(table)
    text = explanation(at)
    assert "Kurz:" in text and "Methode: Wettermethode" in text
    keys = {b.key for b in at.get("download_button")}  # the table's CSV and XLSX (issue 6)
    assert {"dl_ziele_tabelle_csv", "dl_ziele_tabelle_xlsx"} <= keys
    assert {s.value for s in at.subheader} >= {"Verlauf und Begründung", "Zielwerte verwalten"}


def test_one_explanation_per_status(demo_db: Path) -> None:
    at = run()
    table = main_table(at)
    first_rows = table.reset_index().groupby("status")["index"].first()
    assert len(first_rows) >= 5, first_rows
    for status, index in first_rows.items():
        # the detail picker lists the same rows in the same order as the table
        at.selectbox(key="ziel").select_index(int(index)).run()
        assert not at.exception
        text = explanation(at)
        assert text.startswith(f"- Status: **{status}**"), (status, text[:80])
        assert len(text.splitlines()) >= 2


def test_state_is_in_the_url(demo_db: Path) -> None:
    at = run(feld="7.1", gebiet="61", methode="cagr")
    assert not at.exception
    table = main_table(at)
    assert set(table["area"]) == {"61 Coerde"} and set(table["field"]) >= {"7.1"}
    assert at.selectbox(key="feld").value == "7.1" and at.selectbox(key="gebiet").value == "61"
    assert at.query_params["feld"] == "7.1" and at.query_params["gebiet"] == "61"
    assert at.query_params["ziel"] == at.selectbox(key="ziel").value
    assert "Open SDG" in explanation(at)
    # filters without implicit assessments and by status
    at = run(ohne_ziel="0", status="reached,on_track")
    table = main_table(at)
    assert set(table["status"]) <= {"✓ Ziel erreicht", "☀ auf Kurs"} and len(table) > 0
    assert not table["target"].str.startswith("kein Zielwert").any()


def test_english(demo_db: Path) -> None:
    at = run(lang="en")
    assert not at.exception
    assert at.title[0].value == "Targets and gaps"
    assert "In short:" in explanation(at)


def _fill(at: AppTest, prefix: str, **values: object) -> AppTest:
    for key, value in values.items():
        widget = at.get_by_key(f"{prefix}_{key}")
        widget.set_value(value)
    return at.run()


def test_create_edit_and_retire_targets_with_history(demo_store: Store) -> None:
    at = run("Test", ohne_ziel="0")
    _fill(at, "tf_new", indicator="anteil_mv", area="91", type="parity")
    at.button(key="tf_create").click().run()
    assert not at.exception and not at.error
    created = demo_store.targets().query("indicator_id == 'anteil_mv'")
    assert len(created) == 1
    new = created.iloc[0]
    assert (new["area_code"], new["type"], new["reference_indicator"]) == (
        "91",
        "parity",
        "anteil_mv",
    )
    assert new["created_by"] == "Test"
    tid = int(new["id"])
    assert any("angelegt" in s.value for s in at.success)
    # the new target is picked in the edit tab; edit it with a reason
    assert at.selectbox(key="tf_pick").value == tid
    at.number_input(key=f"tf_edit_{tid}_period").set_value(2028)
    at.text_input(key=f"tf_reason_{tid}").input("Ratsbeschluss")
    at.button(key=f"tf_save_{tid}").click().run()
    assert not at.exception and not at.error
    history = demo_store.target_history(tid)
    assert len(history) == 2 and history.iloc[0]["retire_reason"] == "Ratsbeschluss"
    assert int(history.iloc[1]["target_period"]) == 2028
    new_id = int(history.iloc[1]["id"])
    # retire the new version
    assert at.selectbox(key="tf_pick").value == new_id
    at.text_input(key=f"tf_reason_{new_id}").input("erledigt")
    at.button(key=f"tf_retire_{new_id}").click().run()
    assert demo_store.target(new_id)["active"] is False
    assert len(demo_store.target_history(tid)) == 2


def test_stale_edit_is_refused_and_nothing_is_overwritten(demo_store: Store) -> None:
    at = run("Anna", ohne_ziel="0")
    tid = at.selectbox(key="tf_pick").value
    # someone else edits the same target after the page was loaded
    current = demo_store.target(tid)
    other = demo_store.replace_target(tid, current["version"], {**current, "value": 99.0},
                                 "Kollegin", "parallel")  # fmt: skip
    at.text_input(key=f"tf_reason_{tid}").input("meine Änderung")
    at.button(key=f"tf_save_{tid}").click().run()
    assert not at.exception
    assert any("inzwischen" in e.value for e in at.error)
    assert [int(i) for i in demo_store.target_history(tid)["id"]] == [tid, other]
    assert demo_store.target(other)["value"] == 99.0 and demo_store.target(other)["active"]


def test_import_lists_every_problem_and_writes_a_good_file(demo_store: Store) -> None:
    at = run("Import-Test", ohne_ziel="0")
    bad = (ASSETS / "targets_bad.csv").read_bytes()
    at.file_uploader(key="tf_file").set_value(("targets_bad.csv", bad, "text/csv")).run()
    assert not at.exception
    problems = next(df.value for df in at.dataframe if "erwartet" in df.value.columns)
    assert len(problems) >= 9  # one line per problem, not just the first
    assert any("nichts importiert" in i.value for i in at.info)
    good = (ASSETS / "targets_good.csv").read_bytes()
    at.file_uploader(key="tf_file").set_value(("targets_good.csv", good, "text/csv")).run()
    at.button(key="tf_import").click().run()
    assert not at.exception and not at.error
    assert any("Import fertig" in s.value for s in at.success)
    assert (demo_store.targets()["created_by"] == "Import-Test").sum() == 5


def test_without_targets_or_data(demo_store: Store) -> None:
    demo_store.delete_demo()
    at = run()
    assert not at.exception and not at.error
    assert any("Noch keine Zielwerte" in i.value for i in at.info)
    assert at.subheader[-1].value == "Zielwerte verwalten"  # targets can still be created


# --- real data -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def real_ziele_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SMS 2010–2014 tables imported by the CLI, plus the Berg Fidel parity target."""
    stats = require_shared() / "stats"
    from dashboard.cli import main

    path = tmp_path_factory.mktemp("real_ziele") / "real.duckdb"
    previous = os.environ.get("LEITBILD_DB")
    os.environ["LEITBILD_DB"] = str(path)
    try:
        assert main(["init", "--no-demo"]) == 0
        for file, indicator in (("ms_wohnberechtigte.csv", "bevoelkerung"),
                                ("ms_migrationsvorgeschichte.csv", "bevoelkerung_mv")):  # fmt: skip
            assert main(["import", "stats", str(stats / file), "--indicator", indicator]) == 0
    finally:
        if previous is None:
            os.environ.pop("LEITBILD_DB", None)
        else:
            os.environ["LEITBILD_DB"] = previous
    store = Store(path)
    try:
        store.create_target(
            {"indicator_id": "anteil_mv", "area_code": "91", "grp": "insgesamt",
             "type": "parity", "reference_indicator": "anteil_mv", "target_period": 2030,
             "goal_id": "6.3-L2",
             "note": "Anteil mit Migrationsvorgeschichte in Berg Fidel wie in der Stadt"},
            "Test",
        )  # fmt: skip
    finally:
        store.close()
    return path


@pytest.mark.realdata
def test_berg_fidel_parity_on_real_data(
    real_ziele_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_DB", str(real_ziele_db))
    at = run(gebiet="91", ohne_ziel="0")
    assert not at.exception and not at.error
    table = main_table(at)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["gap"] == "26,1 Pp." and row["actual"] == "47,8 % (2014)"
    assert row["target"] == "gleich Anteil mit MV, Stadt Münster bis 2030"
    assert row["status"] == "⚡ falsche Richtung"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Abstand"] == "26,1 Pp." and metrics["Ziel"] == "= 21,7 %"
    text = explanation(at)
    assert "Abstand zur Referenz in den verwendeten Jahren (5)" in text
    assert "2010: 25,1 Prozentpunkte" in text and "2014: 26,1 Prozentpunkte" in text


# --- browser: a click on the matrix (AppTest cannot click plotly charts) --------------------
CELL_POSITION = """() => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  const tr = gd._fullData[1];
  const i = tr.customdata.findIndex(c => c[0] === '91' && c[1] === '6.3');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  return {x: r.left + xa._offset + xa.l2p(xa.d2l(tr.x[i])),
          y: r.top + ya._offset + ya.l2p(ya.d2l(tr.y[i]))};
}"""


@pytest.mark.browser
def test_matrix_click_filters_district_and_field(demo_db: Path) -> None:
    from tests.browser import app_server, browser_page, require_chromium, wait_for_app

    require_chromium()
    with app_server(demo_db) as url, browser_page(1440, 1400) as (page, requests):
        page.goto(f"{url}/ziele")
        wait_for_app(page, 90000)
        page.locator("[data-testid='stPlotlyChart']").first.scroll_into_view_if_needed()
        position = page.evaluate(CELL_POSITION)
        page.mouse.click(position["x"], position["y"])
        page.wait_for_url("**gebiet=91**", timeout=30000)
        wait_for_app(page, 90000)
        assert "feld=6.3" in page.url
        selects = page.locator("[data-testid='stSelectbox'] input")
        assert selects.nth(0).input_value().startswith("6.3")
        assert selects.nth(1).input_value() == "91 Berg Fidel"
        assert page.get_by_text("Zielwerte und Abstände (5)").count() == 1
        assert not [r for r in requests if not r.startswith((url, "data:", "blob:"))]


def test_long_table_is_limited_but_counts_and_deep_links_are_whole(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run()
    last_key = whole.session_state["_table_keys"][-1]
    total = len(main_table(whole))
    monkeypatch.setenv("LEITBILD_TABLE_LIMIT", "50")
    at = run(ziel=last_key)
    assert not at.exception
    assert len(main_table(at)) == 51  # the first 50 and the deep-linked row
    assert any(f"ersten 50 von {total}" in c.value for c in at.caption)
    statuses = {m.label: int(m.value) for m in at.metric if m.label[:1] in "✓☀◐☁⚡○"}
    assert sum(statuses.values()) == total  # the counts are over every row
    picker = at.selectbox(key="ziel")
    assert len(picker.options) == 51 and picker.value == last_key


def test_filters_filter_the_matrix_and_the_legend_comes_first(demo_db: Path) -> None:
    """Issue 15: the area filter filters the heatmap; the legend stands above it."""
    at = run(gebiet="61")
    assert not at.exception
    heat = heatmap_spec(at)["data"][0]
    assert heat["y"] == ["61 Coerde"] and len(heat["x"]) == 12
    legend = next(i for i, c in enumerate(at.caption) if "☀ auf Kurs" in c.value)
    assert legend < len(at.caption) - 1  # not the last caption under the chart
    at = run(gebiet="61", feld="7.1")
    heat = heatmap_spec(at)["data"][0]
    assert heat["y"] == ["61 Coerde"] and heat["x"] == ["7.1"]
    at = run(status="wrong_direction")
    heat = heatmap_spec(at)["data"][0]
    assert 0 < len(heat["y"]) < 46  # only areas with a cell in the chosen status


def test_a_large_matrix_is_drawn_a_page_of_areas_at_a_time(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond ``matrix_limit`` areas the matrix shows one page of areas; every area is on one
    page, the download keeps all of them, a filter that leaves fewer pages starts at the first."""
    whole = heatmap_spec(run())["data"][0]["y"]
    assert len(whole) == 46
    monkeypatch.setenv("LEITBILD_MATRIX_LIMIT", "20")
    at = run()
    assert not at.exception
    pages = at.selectbox(key="matrix_seite")
    assert pages.options[0] == f"1–20 von 46 ({whole[0]} – {whole[19]})"
    assert pages.options[2] == f"41–46 von 46 ({whole[40]} – {whole[45]})"
    assert heatmap_spec(at)["data"][0]["y"] == whole[:20]
    assert any(
        "zeigt 20 Gebiete auf einmal" in c.value and "alle 46" in c.value for c in at.caption
    )
    seen = []
    for page in range(3):
        pages = at.selectbox(key="matrix_seite").set_value(page)
        at.run()
        seen += heatmap_spec(at)["data"][0]["y"]
    assert seen == whole  # each area once, in order
    at.selectbox(key="gebiet").set_value("61").run()  # one area: one page, no choice
    assert heatmap_spec(at)["data"][0]["y"] == ["61 Coerde"]
    assert not [s for s in at.selectbox if s.key == "matrix_seite"]


def test_a_matrix_that_fits_has_no_page_choice(demo_db: Path) -> None:
    at = run()
    assert not [s for s in at.selectbox if s.key == "matrix_seite"]
    assert len(heatmap_spec(at)["data"][0]["y"]) == 46
