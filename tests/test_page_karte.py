"""AppTest of the map page: renders on demo and real data, widgets act, the URL keeps the state."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, copy_db
from tests.karte_data import shown_hovers

PAGE = str(ROOT / "pages" / "karte.py")
APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def run(**query: str) -> AppTest:
    """Run the page with the given URL parameters."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def spec(at: AppTest) -> dict:
    """The plotly figure as sent to the browser."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def area_codes(at: AppTest) -> list[str]:
    """Codes of the areas drawn (one click/hover target trace per area, named by its meta)."""
    return [t["meta"][0] for t in spec(at)["data"] if t.get("meta")]


def hover_texts(at: AppTest) -> dict[str, str]:
    """Per area, the hover text the browser shows (plotly fills the wording with the meta)."""
    return shown_hovers(spec(at))


def legend(at: AppTest) -> list[str]:
    """Legend entries of the map, top to bottom."""
    entries = [t for t in spec(at)["data"] if t.get("name")]
    return [t["name"] for t in sorted(entries, key=lambda t: t.get("legendrank", 1000))]


def table(at: AppTest) -> pd.DataFrame:
    """The table under the map (indexed by area code)."""
    return at.dataframe[0].value.set_index("Nr.")


def query(at: AppTest) -> dict[str, str]:
    """The URL parameters after the run."""
    return {
        k: at.query_params[k][0] if isinstance(at.query_params[k], list) else at.query_params[k]
        for k in at.query_params
    }


def test_default_map_on_demo_data(demo_db: Path) -> None:
    at = run()
    assert not at.exception
    assert at.title[0].value == "Karte"
    assert sorted(area_codes(at)) == sorted(table(at).index)
    assert len(area_codes(at)) == 45
    assert len(legend(at)) == 5 and all("(" in label for label in legend(at))
    assert {m.label for m in at.metric} >= {"Stadt Münster", "Gebiete mit Wert"}
    state = query(at)
    assert state["indikator"] == "anteil_mv" and state["periode"] == "2025"
    assert state["geometrie"] == "kacheln" and state["ebene"] == "stadtteile"
    assert any("Kachelkarte" in c.value for c in at.caption)
    assert {t["type"] for t in spec(at)["data"]} == {"scatter"}
    # the figure itself says demo (a PNG of it too); the shared provenance is said once below
    assert "Demodaten" in spec(at)["layout"]["legend"]["title"]["text"]
    assert any("Herkunft der Werte: berechnet aus Demodaten" in c.value for c in at.caption)


def test_url_parameters_restore_the_state(demo_db: Path) -> None:
    at = run(
        indikator="kinder_sportverein",
        periode="2020",
        gruppe="mit_mv",
        ebene="stadtbezirke",
        klassen="natural",
        anzahl="4",
        beschriftung="nein",
    )
    assert not at.exception
    assert at.selectbox(key="karte_indikator").value == "kinder_sportverein"
    assert at.selectbox(key="karte_feld").value == "8.6"
    assert at.select_slider(key="karte_periode").value == 2020
    assert at.selectbox(key="karte_gruppe").value == "mit_mv"
    assert at.segmented_control(key="karte_ebene").value == "stadtbezirke"
    assert at.selectbox(key="karte_klassen").value == "natural"
    assert at.select_slider(key="karte_anzahl").value == 4
    assert sorted(area_codes(at)) == ["B1", "B2", "B3", "B4", "B5", "B6"]
    assert "Kinder im Sportverein</b> 2020" in spec(at)["layout"]["legend"]["title"]["text"]
    assert query(at)["gruppe"] == "mit_mv"
    assert not at.toggle(key="karte_beschriftung").value
    assert not [t for t in spec(at)["data"] if t.get("mode") == "text"]


@pytest.mark.parametrize(
    "bad",
    [
        {"indikator": "gibt_es_nicht"},
        {"periode": "neunzehn"},
        {"periode": "1900"},
        {"gruppe": "<script>"},
        {"ebene": "stadtzellen", "klassen": "x", "anzahl": "99"},
    ],
)
def test_bad_url_parameters_fall_back_to_defaults(demo_db: Path, bad: dict[str, str]) -> None:
    at = run(**bad)
    assert not at.exception
    assert len(area_codes(at)) == 45
    state = query(at)
    assert state["indikator"] == "anteil_mv" and state["anzahl"] == "5"


def test_widgets_change_the_output(demo_db: Path) -> None:
    at = run(indikator="arbeitslose_je100")
    before = legend(at)
    city = at.metric[0].value
    at.selectbox(key="karte_klassen").select("diverging").run()
    assert legend(at) != before and legend(at)[0].endswith("und mehr" + legend(at)[0][-4:])
    assert query(at)["klassen"] == "diverging"
    at.select_slider(key="karte_anzahl").set_value(3).run()
    assert len(legend(at)) == 3 and query(at)["anzahl"] == "3"
    at.select_slider(key="karte_periode").set_value(2016).run()
    assert at.metric[0].value != city and query(at)["periode"] == "2016"
    at.selectbox(key="karte_gruppe").select("nichtdeutsch").run()
    assert query(at)["gruppe"] == "nichtdeutsch"
    at.segmented_control(key="karte_ebene").set_value("teilbereiche").run()
    assert len(area_codes(at)) == 9 and query(at)["ebene"] == "teilbereiche"
    at.toggle(key="karte_beschriftung").set_value(False).run()
    assert query(at)["beschriftung"] == "nein"
    assert not [t for t in spec(at)["data"] if t.get("mode") == "text"]
    at.selectbox(key="karte_feld").select("8.4").run()
    assert query(at)["indikator"] in ("kita_besuch_3_6", "sgb2_kinder_u15")
    assert not at.exception


def test_direction_turns_the_worse_end_red(demo_db: Path) -> None:
    # lower is better for unemployment: the highest class must be red
    at = run(indikator="arbeitslose_je100", klassen="quantile", anzahl="5")
    colours = {t["name"]: t["marker"]["color"] for t in spec(at)["data"] if t.get("name")}
    assert colours[legend(at)[0]] == "#d7191c"
    at = run(indikator="kita_besuch_3_6", klassen="quantile", anzahl="5")
    colours = {t["name"]: t["marker"]["color"] for t in spec(at)["data"] if t.get("name")}
    assert colours[legend(at)[4]] == "#d7191c"  # higher is better: the lowest class is red


def test_secret_values_are_grey_and_explained(demo_db: Path) -> None:
    at = run(indikator="kinder_sportverein", periode="2025")
    hidden = table(at)[table(at)["Klasse"] == "geheim / keine Angabe"]
    assert len(hidden) > 0 and hidden.iloc[:, 2].isna().all()  # never shown as 0
    assert legend(at)[-1] == "geheim / keine Angabe"
    assert any("Grau schraffiert" in c.value for c in at.caption)


def test_table_and_downloads(demo_db: Path) -> None:
    at = run(indikator="anteil_mv")
    frame = table(at)
    assert list(frame.columns[:3]) == ["Gebiet", "Wert (%)", "Zähler"]
    assert len(frame) == 45 and frame["Rang"].min() == 1
    labels = {b.label for b in at.get("download_button")} if at.get("download_button") else set()
    assert labels in ({"CSV herunterladen", "Excel herunterladen"}, set())


def test_english(demo_db: Path) -> None:
    at = run(lang="en")
    assert not at.exception
    assert at.title[0].value == "Map"
    assert "City of Münster" in {m.label for m in at.metric}


def test_page_is_in_the_navigation(demo_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("../pages/karte.py").run()
    assert not at.exception
    assert at.title[0].value == "Karte"


@pytest.fixture(scope="module")
def real_db(real_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real 2014 data with the official Stadtteile and Teilbereiche/Stadtbezirke."""
    return copy_db(real_db_template, tmp_path_factory.mktemp("karte"))


@pytest.fixture
def real(real_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEITBILD_DB", str(real_db))
    return real_db


@pytest.mark.realdata
def test_acceptance_share_with_migration_history_2014(real: Path) -> None:
    at = run(indikator="anteil_mv", periode="2014")
    assert not at.exception
    assert query(at)["geometrie"] == "amtlich"
    assert len(area_codes(at)) == 45
    assert {m.label: m.value for m in at.metric}["Stadt Münster"] == "21,7 %"
    title = spec(at)["layout"]["legend"]["title"]["text"]
    assert "Stadt: 21,7 %" in title and "Demo" not in title
    # every value has the same official source: named once under the map, not in 45 hovers
    note = next(c.value for c in at.caption if "Herkunft der Werte" in c.value)
    assert "ms_migrationsvorgeschichte.csv" in note
    hovers = hover_texts(at)
    assert len(hovers) == 45 and not any("Herkunft" in h for h in hovers.values())
    assert hovers["61"].startswith("<b>61 Coerde</b><br>Anteil mit MV: <b>49,7 %</b><br>")
    assert "Rang 1 von 45 (1 = höchster Wert)" in hovers["61"]
    frame = table(at)
    top_class = legend(at)[0].rsplit(" (", 1)[0]
    assert frame.loc["61", "Wert (%)"] == 49.7 and frame.loc["91", "Wert (%)"] == 47.8
    assert frame.loc["61", "Klasse"] == top_class == frame.loc["91", "Klasse"]
    assert frame.loc["61", "Rang"] == 1


@pytest.mark.realdata
@pytest.mark.parametrize("klassen", ["quantile", "natural", "equal", "stddev", "diverging"])
def test_coerde_and_berg_fidel_are_top_with_every_method(real: Path, klassen: str) -> None:
    at = run(indikator="anteil_mv", periode="2014", klassen=klassen)
    frame = table(at)
    top_class = legend(at)[0].rsplit(" (", 1)[0]
    assert frame.loc["61", "Klasse"] == top_class == frame.loc["91", "Klasse"]


@pytest.mark.realdata
@pytest.mark.parametrize("geometrie", ["amtlich", "kacheln"])
def test_acceptance_stadtbezirke(real: Path, geometrie: str) -> None:
    at = run(indikator="anteil_mv", periode="2014", ebene="stadtbezirke", geometrie=geometrie)
    assert not at.exception
    frame = table(at)
    assert frame.loc["B3", "Wert (%)"] == 38.8 and frame.loc["B3", "Gebiet"] == "Nord"
    assert frame.loc["B6", "Wert (%)"] == 26.0 and frame.loc["B6", "Gebiet"] == "Hiltrup"
    assert sorted(area_codes(at)) == ["B1", "B2", "B3", "B4", "B5", "B6"]


@pytest.mark.realdata
def test_indicator_without_data_shows_an_empty_state(real: Path) -> None:
    at = run(indikator="kita_besuch_3_6")
    assert not at.exception
    assert at.info and "keine Werte" in at.info[0].value
    assert not at.get("plotly_chart")


def test_a_link_wins_over_the_session_and_the_session_over_a_bare_url(demo_db: Path) -> None:
    at = run(klassen="natural", indikator="sgb2_quote")
    at.selectbox(key="karte_klassen").select("equal").run()
    assert query(at)["klassen"] == "equal"
    at.query_params["klassen"] = "stddev"  # e.g. a link from another page
    at.query_params["indikator"] = "kita_besuch_3_6"
    at.run()
    assert at.selectbox(key="karte_klassen").value == "stddev"
    assert at.selectbox(key="karte_feld").value == "8.4"
    del at.query_params["klassen"]  # back on the page without parameters: choice kept
    at.run()
    assert at.selectbox(key="karte_klassen").value == "stddev"
    assert query(at)["klassen"] == "stddev"


def test_social_index_view_on_demo_data(demo_db: Path) -> None:
    at = run(ansicht="sozialindex")
    assert not at.exception
    codes = area_codes(at)
    assert len(codes) == 45 and {"61", "11"} <= set(codes)
    labels = legend(at)
    assert any(label.startswith("hoher Bedarf (") for label in labels)
    assert len([label for label in labels if "(" in label]) == 5
    assert query(at)["ansicht"] == "sozialindex"
    assert any("Stadtteile" in c.value for c in at.caption)
    assert at.expander[0].label == "Wie der Index berechnet wird"
    assert not at.info


def test_social_index_without_core_indicators_shows_an_info(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.catalogues import load_catalogues
    from dashboard.ui import data

    original = data.values_of  # the index reads its indicators through it
    # the index's composition is the catalogue's setting
    core = load_catalogues().analysis_indicators("social_index")

    def without_core(path: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
        values = original(path, indicator_ids)
        return values[~values["indicator_id"].isin(core)]

    monkeypatch.setattr(data, "values_of", without_core)
    at = run(ansicht="sozialindex")
    assert not at.exception
    assert at.info and "Kernindikatoren" in at.info[0].value
    assert not at.get("plotly_chart")


@pytest.mark.realdata
def test_key_figures_of_a_count_fit_their_cards(bundle_db: Path) -> None:
    # "8.923 Personen" was cut to "8.923 Pers…" in a quarter-width card at 1440 px, then the
    # label "Höchster Wert: 61 Coerde (Pers…": short labels, the unit above, the area below
    at = run(indikator="arbeitslose", periode="2014")
    assert not at.exception
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["Stadt Münster"] == ("8.923", "")
    assert cards["Höchster Wert"] == ("698", "61 Coerde")
    assert cards["Niedrigster Wert"] == ("21", "12 Überwasser")
    assert cards["Gebiete mit Wert"] == ("45 / 45", "")
    assert "Angaben in Personen" in [c.value for c in at.caption]
    at = run(indikator="anteil_mv", periode="2014")
    assert {m.label: m.value for m in at.metric}["Stadt Münster"] == "21,7 %"
    assert not any(c.value.startswith("Angaben in") for c in at.caption)


def test_the_social_index_map_says_demo_on_demo_data(demo_db: Path) -> None:
    at = run(ansicht="sozialindex")
    assert not at.exception
    assert "Demodaten" in spec(at)["layout"]["legend"]["title"]["text"]


def test_a_click_reuses_the_texts_of_the_selection(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hover texts, key figures and the table are made once per selection and data version
    from dashboard.present import map_text

    made: list[int] = []
    original = map_text.hover_texts
    monkeypatch.setattr(
        map_text, "hover_texts", lambda *a, **k: made.append(1) or original(*a, **k)
    )
    at = run()
    at.run()
    at.run()
    assert not at.exception
    assert len(made) == 1
