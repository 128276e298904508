"""Downloads of shown tables and charts: helper, raw frames, and the buttons on every page."""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.present import export_frames as xf
from dashboard.ui import downloads
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


# --- pure helpers --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "stem"),
    [("Ziel-Ist-Vergleich", "ziel-ist-vergleich"),
     ("Stadtteilprofil Berg Fidel", "stadtteilprofil_berg_fidel"),
     ("Maßnahmen Gievenbeck", "massnahmen_gievenbeck"), ("../etc/passwd", "etc_passwd"),
     ("", "download"),
     ("Matrix Stadtteile x Handlungsfelder", "matrix_stadtteile_x_handlungsfelder")],
)  # fmt: skip
def test_file_stem(text: str, stem: str) -> None:
    assert downloads.file_stem(text) == stem


def test_labelled_uses_column_labels_and_link_texts() -> None:
    rows = pd.DataFrame(
        {"link": ["/massnahmen?m=1"], "id": [1], "district": ["/stadtteil?s=91#Berg%20Fidel"],
         "plain": ["x"]}
    )  # fmt: skip
    config = {
        "link": st.column_config.LinkColumn("", display_text=":material/open_in_new:"),
        "id": st.column_config.NumberColumn("Nr."),
        "district": st.column_config.LinkColumn("Stadtteil", display_text=r"#(.*)$"),
    }
    out = downloads.labelled(rows, config)
    assert list(out.columns) == ["Nr.", "Stadtteil", "plain"]
    assert out.loc[0, "Stadtteil"] == "Berg Fidel" and out.loc[0, "Nr."] == 1


def profile_rows() -> pd.DataFrame:
    """Two profile rows: a share with a hidden district value, a count."""
    return pd.DataFrame(
        {
            "indicator_id": ["anteil_mv", "bevoelkerung"], "name": ["Anteil MV", "Bevölkerung"],
            "short": ["MV", "Bev."], "field_id": ["6.3", "6.3"], "unit": ["%", "Personen"],
            "kind": ["share", "count"], "direction": ["neutral", "neutral"], "decimals": [1, 0],
            "grp": ["insgesamt"] * 2, "period": [2014, 2014], "value": [math.nan, 5640.0],
            "flag": ["secret", None], "city": [21.7, 300267.0], "city_flag": [None, None],
            "bezirk": [26.0, 37399.0], "bezirk_flag": [None, None],
            "diff_city": [math.nan, 5640 - 300267.0], "comparable": [True, False],
            "assessment": ["hidden", "unknown"], "rank": [math.nan, 12.0],
        }
    )  # fmt: skip


def test_profile_frame_has_raw_numbers_and_never_zero_for_hidden() -> None:
    out = xf.profile_frame(profile_rows(), {"6.3": "Stadtteilentwicklung"}, "Hiltrup")
    assert list(out.columns)[:5] == [
        "Handlungsfeld",
        "Indikator",
        "Indikator-ID",
        "Jahr",
        "Einheit",
    ]
    assert math.isnan(out.loc[0, "Wert"]) and out.loc[0, "Kennzeichen"] == "geheim"
    assert out.loc[0, "Stadt"] == 21.7 and out.loc[0, "Stadtbezirk Hiltrup"] == 26.0
    assert out.loc[1, "Wert"] == 5640.0 and pd.isna(out.loc[1, "Abstand zur Stadt"])  # counts
    assert out.loc[1, "Rang unter den Stadtteilen"] == 12


def test_series_and_gap_frames() -> None:
    series = pd.DataFrame(
        {"area_code": ["91", "0"], "period": [2014, 2014], "value": [47.8, 21.7],
         "flag": [None, "provisional"]}
    )  # fmt: skip
    out = xf.series_frame(series, {"91": "Berg Fidel", "0": "Stadt Münster"}, "%")
    assert list(out["Gebiet"]) == ["Berg Fidel", "Stadt Münster"]
    assert list(out["Wert"]) == [47.8, 21.7] and list(out["Kennzeichen"]) == ["", "vorläufig"]
    gaps = pd.DataFrame(
        {"period": [2013, 2014], "actual": [40.0, 42.0], "reference": [None, None],
         "target_level": [50.0, 50.0], "absolute": [10.0, 8.0], "relative": [20.0, 16.0],
         "unit": ["%", "%"]}
    )  # fmt: skip
    table = xf.gap_frame(gaps, ["auf Kurs", "auf Kurs"])
    assert list(table["Abstand"]) == [10.0, 8.0] and list(table["Status"]) == ["auf Kurs"] * 2


def test_files_have_the_notes_sheet() -> None:
    frame = pd.DataFrame({"Gebiet": ["@Coerde"], "Wert": [-1.5]})
    notes = [("Inhalt", "Test"), ("Datenart", "DEMODATEN: generierte Werte")]
    csv, xlsx = downloads.files(frame, "Vergleich Coerde", notes)
    assert csv.decode().splitlines() == ["Gebiet,Wert", "'@Coerde,-1.5"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Vergleich Coerde", "Hinweise"]
    assert book["Vergleich Coerde"]["B2"].value == -1.5
    assert book["Hinweise"]["B3"].value.startswith("DEMODATEN")


# --- every page offers downloads for what it shows -----------------------------------------------
PAGES = {
    "start": ({}, ["start_fields", "start_imports", "start_layers"]),
    "karte": ({"ansicht": "sozialindex"}, ["karte_social"]),
    "stadtteil": (
        {"stadtteil": "91"},
        [
            "spine",
            "counts",
            "profile_table",
            "trend",
            "measures",
            "compare",
            "similar",
            "social_index",
            "contributions",
        ],
    ),
    "ziele": (
        {},
        ["ziele_matrix", "ziele_tabelle", "ziele_verlauf", "ziele_werte", "ziele_bullets"],
    ),
    "handlungsfelder": ({}, ["hf_overview", "hf_coverage"]),
    "massnahmen": ({}, ["mn_register"]),
    "review": ({}, ["rv_counts"]),
}


def run_page(page: str, query: dict[str, str]) -> AppTest:
    """Run one page script directly with the given URL parameters."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("page", list(PAGES))
def test_page_offers_csv_and_xlsx_for_each_table_and_chart(demo_db: Path, page: str) -> None:
    query, keys = PAGES[page]
    at = run_page(page, query)
    assert not at.exception
    present = {b.key for b in at.get("download_button")}
    for key in keys:
        assert {f"dl_{key}_csv", f"dl_{key}_xlsx"} <= present, key
    if page == "stadtteil":
        assert "st_profile_pdf" in present


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Callables of deferred downloads by file id (AppTest drops its runtime after a run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    seen: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def recording(self: MediaFileManager, data_callable: object, *args: object, **kw: object):
        file_id = original(self, data_callable, *args, **kw)
        seen[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return seen


def test_stadtteil_download_is_what_is_shown(demo_db: Path, deferred: dict[str, object]) -> None:
    at = run_page("stadtteil", {"stadtteil": "91", "periode": "2020"})
    buttons = {b.key: b for b in at.get("download_button")}
    xlsx = deferred[buttons["dl_profile_table_xlsx"].proto.deferred_file_id]()
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Stadtteilprofil Berg Fidel", "Hinweise"]
    rows = list(book["Stadtteilprofil Berg Fidel"].iter_rows(values_only=True))
    header = rows[0]
    assert {r[header.index("Jahr")] for r in rows[1:]} == {2020}  # the period chosen on the page
    shown = next(d.value for d in at.dataframe if "Abstand zur Stadt" in d.value.columns)
    assert len(rows) - 1 == len(shown)  # one row per row shown
    assert all(isinstance(r[header.index("Wert")], float | int | None) for r in rows[1:])
    notes = {r[0]: r[1] for r in book["Hinweise"].iter_rows(min_row=2, values_only=True)}
    assert notes["Datenart"].startswith("DEMODATEN") and "Stand" in notes
    assert "unterdrückt" in notes["Geheimhaltung"]
    csv = deferred[buttons["dl_profile_table_csv"].proto.deferred_file_id]().decode("utf-8")
    assert csv.splitlines()[0].startswith("Handlungsfeld,Indikator,Indikator-ID,Jahr,Einheit,Wert")


def test_measure_register_files_are_written_on_download(
    demo_db: Path, deferred: dict[str, object]
) -> None:
    """The register's XLSX and CSV are built when downloaded (not on every rerun), from the
    same frames: every measure in both, the history beside it."""
    at = run_page("massnahmen", {})
    buttons = {b.key: b for b in at.get("download_button")}
    files = {key: deferred[buttons[key].proto.deferred_file_id]() for key in
             ("mn.x.xlsx", "mn.x.csv", "mn.x.hist")}  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(files["mn.x.xlsx"]))
    assert book.sheetnames[:2] == ["Maßnahmen", "Historie"]
    register = pd.read_csv(io.BytesIO(files["mn.x.csv"]), sep=None, engine="python")
    assert len(register) == book["Maßnahmen"].max_row - 1 > 0
    history = pd.read_csv(io.BytesIO(files["mn.x.hist"]), sep=None, engine="python")
    assert len(history) == book["Historie"].max_row - 1 > 0


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (pd.Series(["b", "a", "b", None], dtype="string[pyarrow]"), ["A: amt a", "B: amt b"]),
        (["b", "b"], ["B: amt b"]),
        (iter(["c"]), []),
        ([], []),
    ],
)
def test_indicator_sources_name_each_indicator_once_in_catalogue_order(
    ids: object, expected: list[str]
) -> None:
    from dashboard.ui.downloads import indicator_sources

    indicators = pd.DataFrame(
        {"id": ["a", "b"], "short": ["A", "B"], "source": ["amt a", "amt b"]}
    ).astype({"id": "string[pyarrow]"})
    assert indicator_sources(indicators, ids) == expected
