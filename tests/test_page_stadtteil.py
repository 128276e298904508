"""AppTest of the district profile page (Stadtteil) on demo data and on the real data."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "stadtteil.py")
APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


@pytest.fixture
def real(real_db: Path) -> Path:
    """Use the real-data database (a private copy, set as LEITBILD_DB) for this test."""
    return real_db


def run(**query: str) -> AppTest:
    """Run the page with the given URL parameters."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label → value."""
    return {m.label: m.value for m in at.metric}


def chart(at: AppTest, key: str) -> go.Figure:
    """The plotly figure of the chart with the given key (arrays decoded)."""
    for element in at.get("plotly_chart"):
        if element.proto.id and key in element.proto.id:
            return pio.from_json(element.proto.spec, skip_invalid=True)
    raise AssertionError(f"no chart {key}")


def numbers(values: object) -> list[float]:
    """Plotly's JSON arrays: a list, or base64 'bdata' with a dtype (numpy arrays)."""
    if isinstance(values, dict) and "bdata" in values:
        return list(np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]))
    return list(values)


def table(at: AppTest, column: str):
    """The first table with the given column (e.g. 'Bewertung' for all values of the profile)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with column {column}")


def text(at: AppTest) -> str:
    """All markdown, captions, infos and warnings of the page."""
    parts = [*at.markdown, *at.caption, *at.info, *at.warning, *at.header, *at.subheader]
    return "\n".join(p.value for p in parts)


def query(at: AppTest) -> dict[str, str]:
    """The page's URL parameters after the run."""
    return {k: at.query_params[k] for k in at.query_params}


# ---------------------------------------------------------------------------- demo data


def test_berg_fidel_on_demo_data(demo_db: Path) -> None:
    at = run(stadtteil="91")
    assert not at.exception
    assert at.header[0].value == "Berg Fidel (91)"
    facts = metrics(at)
    assert facts["Stadtbezirk"] == "Hiltrup" and facts["Neuester Stand"] == "2025"
    assert facts["mit Migrationsvorgeschichte"].endswith(" %")
    assert "." in facts["Einwohnende"]  # German thousands separator
    body = text(at)
    assert "Demodaten" in body and "Was auffällt" in body
    assert "Bildungssegregation abbauen" in body  # the first of Berg Fidel's four goals
    assert "Maßnahmen nennen Berg Fidel" in body
    spine = chart(at, "spine")
    assert {trace.type for trace in spine.data} <= {"bar", "scatter"}
    assert spine.layout.separators == ",."
    assert metrics(at)["Klasse"] == "hoher Bedarf"
    similar = table(at, "Abstand (0 = gleich)")
    assert list(similar["Gebiet"][:3]) == ["91 Berg Fidel (gewählt)", "61 Coerde",
                                            "63 Kinderhaus-West"]  # fmt: skip
    assert at.multiselect(key="st_compare").value == ["61", "63", "0"]
    assert query(at) == {"stadtteil": "91"}


def test_default_without_parameters_is_berg_fidel(demo_db: Path) -> None:
    at = run()
    assert not at.exception and at.header[0].value == "Berg Fidel (91)"


def test_url_parameters_restore_the_state(demo_db: Path) -> None:
    at = run(stadtteil="61", vergleich="91,0", periode="2020", gruppe="mit_mv",
             trend="kita_besuch_3_6")  # fmt: skip
    assert not at.exception
    assert at.selectbox(key="st_district").value == "61"
    assert at.selectbox(key="st_period").value == 2020
    assert at.selectbox(key="st_group").value == "mit_mv"
    assert at.selectbox(key="st_trend").value == "kita_besuch_3_6"
    assert at.multiselect(key="st_compare").value == ["91", "0"]
    values = table(at, "Bewertung")  # all values as a table
    assert set(values["Stand"]) == {"2020"}
    assert "Kinder mit Mitgliedschaft im Sportverein bei Schuleintritt" in set(values["Indikator"])
    assert "Arbeitslose je 100 Einwohnende im Alter von 15 bis 64 Jahren" not in set(
        values["Indikator"]
    )  # no group mit_mv
    compare = chart(at, "compare_chart")
    assert [t.name for t in compare.data] == ["Coerde", "Berg Fidel", "Stadt Münster"]
    assert query(at)["vergleich"] == "91,0"


def test_repeated_comparison_keys_and_names_in_the_url(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["stadtteil"] = "Coerde"
    at.query_params["vergleich"] = ["91", "B3", "xyz"]
    at.run()
    assert not at.exception
    assert at.header[0].value == "Coerde (61)"
    assert at.multiselect(key="st_compare").value == ["91", "B3"]
    assert "Nicht erkannt und daher nicht im Vergleich: xyz" in text(at)
    assert query(at)["stadtteil"] == "61"


@pytest.mark.parametrize("code", ["999", "Atlantis", "B3", "0"])
def test_unknown_district_shows_an_empty_state(demo_db: Path, code: str) -> None:
    at = run(stadtteil=code)
    assert not at.exception
    assert at.warning and code in at.warning[0].value
    assert not at.header and at.selectbox(key="st_district").value is None
    # picking a district from the list recovers
    at.selectbox(key="st_district").select("63").run()
    assert not at.exception and at.header[0].value == "Kinderhaus-West (63)"
    assert query(at)["stadtteil"] == "63"


def test_widgets_change_the_output(demo_db: Path) -> None:
    at = run(stadtteil="91")
    at.selectbox(key="st_district").select("61").run()
    assert not at.exception and at.header[0].value == "Coerde (61)"
    assert query(at)["stadtteil"] == "61"
    body = text(at)
    assert "Negativimage von Coerde überwinden" in body and "Bildungssegregation" not in body
    # the default comparison follows the district
    assert at.multiselect(key="st_compare").value == ["91", "63", "0"]

    at.selectbox(key="st_period").select(2018).run()
    assert set(table(at, "Bewertung")["Stand"]) == {"2018"}
    assert query(at)["periode"] == "2018"

    at.multiselect(key="st_compare").set_value(["B3"]).run()
    assert query(at)["vergleich"] == "B3"
    names = [t.name for t in chart(at, "compare_chart").data]
    assert names == ["Coerde", "Nord"]

    at.selectbox(key="st_trend").select("sgb2_quote").run()
    assert query(at)["trend"] == "sgb2_quote"
    trend = chart(at, "trend_chart")
    assert [t.name for t in trend.data] == ["Coerde", "Stadt Münster", "Nord"]

    at.selectbox(key="st_group").select("mit_mv").run()
    assert query(at)["gruppe"] == "mit_mv"
    assert at.selectbox(key="st_trend").value != "sgb2_quote"  # no mit_mv group: default


def test_similar_districts_button_fills_the_comparison(demo_db: Path) -> None:
    at = run(stadtteil="91", vergleich="11")
    at.button(key="st_use_similar").click().run()
    assert not at.exception
    assert at.multiselect(key="st_compare").value == ["61", "63", "0"]
    assert "vergleich" not in query(at)  # equal to the default: a clean URL


def test_empty_comparison_is_kept_in_the_url(demo_db: Path) -> None:
    at = run(stadtteil="91")
    at.multiselect(key="st_compare").set_value([]).run()
    assert query(at)["vergleich"] == "-"
    again = run(stadtteil="91", vergleich="-")
    assert again.multiselect(key="st_compare").value == []
    names = [t.name for t in chart(again, "compare_chart").data]
    assert names == ["Berg Fidel"]


def test_district_without_own_goals_and_citywide_measures(demo_db: Path) -> None:
    at = run(stadtteil="11")
    assert not at.exception
    body = text(at)
    assert "Stadtteilziele bisher für Berg Fidel (4 Ziele) und Coerde (2 Ziele)" in body
    before = len(at.dataframe)
    at.toggle(key="st_citywide").set_value(True).run()
    assert "Stadtweite Maßnahmen" in text(at) and len(at.dataframe) == before + 1


def test_population_minimum_setting_leaves_districts_out(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_INDEX_MIN_POPULATION", "7000")
    at = run(stadtteil="91")
    assert not at.exception
    assert "weniger als 7.000 Einwohnende" in text(at)
    assert "Klasse" not in metrics(at)


def test_english(demo_db: Path) -> None:
    at = run(stadtteil="91", lang="en")
    assert not at.exception
    assert {"Residents", "Borough", "Class"} <= set(metrics(at))
    assert "What stands out" in text(at)
    assert chart(at, "spine").layout.separators == ".,"


def test_page_is_in_the_navigation(demo_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("../pages/stadtteil.py").run()
    assert not at.exception
    assert at.title[0].value == "Stadtteilprofil"


# ---------------------------------------------------------------------------- real data


@pytest.mark.realdata
def test_berg_fidel_on_real_data(real: Path) -> None:
    at = run(stadtteil="91")
    assert not at.exception
    facts = metrics(at)
    assert facts["mit Migrationsvorgeschichte"] == "47,8 %"
    assert facts["Neuester Stand"] == "2014" and facts["Einwohnende"] == "5.640"
    values = table(at, "Bewertung").set_index("Indikator")
    mv = values.loc["Anteil der Bevölkerung mit Migrationsvorgeschichte"]
    assert (mv["Stand"], mv["Wert"], mv["Stadt"]) == ("2014", "47,8 %", "21,7 %")
    assert mv["Abstand zur Stadt"] == "+26,1 Pp."  # above the city
    spine = chart(at, "spine")
    dots = next(t for t in spine.data if t.name == "ohne Wertung")
    assert list(dots.y) == ["Anteil mit MV"] and numbers(dots.x)[0] > 0
    body = text(at)
    goals = [
        "Bildungssegregation abbauen",
        "Mehr Kultur- und Kunstangebote",
        "Selbstorganisationen von Zugewanderten",
        "Bild von Berg Fidel verbessern",
    ]
    assert all(goal in body for goal in goals)
    assert "Noch keine Daten für Berg Fidel: Übergang Gymnasium" in body  # linked, not imported
    assert "Echte Daten" in body and "Demodaten" not in body
    assert "Für Berg Fidel sind noch keine Maßnahmen erfasst." in body
    assert "Der Sozialindex lässt sich mit den geladenen Daten nicht berechnen" in body


@pytest.mark.realdata
@pytest.mark.parametrize("code", ["61", "11", "98"])
def test_other_districts_on_real_data(real: Path, code: str) -> None:
    at = run(stadtteil=code, periode="2012", vergleich="91,B6,0")
    assert not at.exception
    assert set(table(at, "Bewertung")["Stand"]) == {"2012"}
    names = [t.name for t in chart(at, "compare_chart").data]
    assert names[1:] == ["Berg Fidel", "Hiltrup", "Stadt Münster"]
