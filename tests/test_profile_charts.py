"""Figure builders and display tables of the district profile."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis import profile as prof
from dashboard.analysis.similarity import Similarity
from dashboard.present import profile_charts as charts
from dashboard.present import profile_format, profile_tables, social_index_charts
from dashboard.present.i18n import LANGUAGES, group
from tests.test_profile import KITA, MV, POP, SGB2, frame
from tests.test_social_index import AREAS as INDEX_AREAS
from tests.test_social_index import index as compute_social_index
from tests.test_social_index import values as index_values

PROFILE_MESSAGES = group("profile")

FIELDS = {"6.3": "Stadtteile & Quartiere", "7.1": "Arbeit & Wirtschaft", "8.4": "Kinder"}
CARTESIAN = {"bar", "scatter"}


@pytest.fixture(scope="module")
def profile(catalogue) -> pd.DataFrame:
    """Berg Fidel on the small frame of test_profile, with one hidden value."""
    rows = [("sgb2_quote", a, 2014, v) for a, v in SGB2.items()]
    rows += [("anteil_mv", a, 2014, v) for a, v in MV.items()]
    rows += [("bevoelkerung", a, 2014, v) for a, v in POP.items()]
    rows += [("kita_besuch_3_6", a, 2014, v) for a, v in KITA.items() if a != "91"]
    rows += [("kita_besuch_3_6", "91", 2014, np.nan, "secret")]
    ids = ["bevoelkerung", "anteil_mv", "sgb2_quote", "kita_besuch_3_6"]
    indicators = catalogue.indicators[catalogue.indicators["id"].isin(ids)]
    return prof.profile(frame(rows), indicators, catalogue.areas, "91")


@pytest.mark.parametrize("key", sorted(PROFILE_MESSAGES))
def test_every_key_in_every_language(key: str) -> None:
    assert all(PROFILE_MESSAGES[key].get(lang) for lang in LANGUAGES), key


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((47.83, "%", 1), "47,8 %"),
        ((47.83, "%", 1, "en"), "47.8 %"),
        ((5998.0, "Personen", 0), "5.998"),
        ((9.538, "je 100", 1), "9,5 je 100"),
        ((37.58, "m²", 1), "37,6 m²"),
        ((math.nan, "%", 1, "de", "secret"), "geheim"),
        ((math.nan, "%", 1, "en", "secret"), "secret"),
        ((math.nan, "%", 1), "–"),
        ((None, "%", 1), "–"),
    ],
)  # fmt: skip
def test_fmt_value(args, expected) -> None:
    assert profile_format.fmt_value(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [((26.1, "%", 1), "+26,1 Pp."), ((-2.34, "m²", 1), "−2,3 m²"), ((0.0, "%", 1), "±0,0 Pp."),
     ((1234.0, "Personen", 0), "+1.234"), ((26.1, "%", 1, "en"), "+26.1 pp"),
     ((math.nan, "%", 1), "–")],
)  # fmt: skip
def test_fmt_diff(args, expected) -> None:
    assert profile_format.fmt_diff(*args) == expected


def test_spine_chart(profile) -> None:
    fig = charts.spine_chart(profile, FIELDS, "Berg Fidel", "Hiltrup")
    assert {trace.type for trace in fig.data} <= CARTESIAN  # never a geo trace (CDN)
    by_name = {trace.name: trace for trace in fig.data}
    worse = by_name["schlechter als die Stadt"]
    assert list(worse.y) == ["SGB-II-Quote 15–64"] and worse.x[0] < 0
    assert worse.marker.color == charts.ASSESSMENT_COLOURS["worse"]
    neutral = by_name["ohne Wertung"]
    assert list(neutral.y) == ["Anteil mit MV"] and neutral.x[0] > 0
    assert "Stadtbezirk Hiltrup" in by_name
    # the hidden Kita value has no marker but is named in the value column
    assert all("Kita-Besuch 3–6" not in list(t.y) for t in fig.data if t.type == "scatter"
               and t.name != "Stadtbezirk Hiltrup")  # fmt: skip
    assert fig.layout.separators == ",."
    ticks = list(fig.layout.yaxis.ticktext)
    # each row's tick reads the name and, below it, the district's and the city's value
    mv = next(t for t in ticks if t.startswith("Anteil mit MV<br>"))
    assert "47,8 % · Stadt 21,7 %" in mv
    kita = next(t for t in ticks if t.startswith("Kita-Besuch 3–6<br>"))
    assert "geheim · Stadt 92,0 %" in kita
    assert not fig.layout.annotations  # nothing in a right margin that squeezes the plot
    assert ticks[0] == "<b>6.3 Stadtteile & Quartiere</b>"
    assert any(t.startswith("Anteil mit MV") and "höher" in t for t in ticks)
    assert "Bevölkerung" not in list(fig.layout.yaxis.tickvals)  # counts are not compared
    assert "Rang 4 von 5" in worse.customdata[0]


def test_spine_chart_in_english(profile) -> None:
    fig = charts.spine_chart(profile, FIELDS, "Berg Fidel", None, lang="en")
    assert fig.layout.separators == ".,"
    assert list(fig.layout.xaxis.ticktext) == ["City"]
    assert fig.layout.xaxis.title.text == "◀ worse · better ▶"


def test_profile_and_counts_tables(profile) -> None:
    table = profile_tables.profile_table(profile, FIELDS, "Hiltrup").set_index("Indikator")
    mv = table.loc["Anteil der Bevölkerung mit Migrationsvorgeschichte"]
    assert (mv["Wert"], mv["Stadt"], mv["Stadtbezirk Hiltrup"]) == ("47,8 %", "21,7 %", "26,0 %")
    assert mv["Abstand zur Stadt"] == "+26,1 Pp." and mv["Bewertung"] == "ohne Wertung"
    kita = table.loc["Betreuungsquote der Kinder von 3 bis unter 6 Jahren"]
    assert (kita["Wert"], kita["Bewertung"], kita["Rang unter den Stadtteilen"]) == (
        "geheim", "geheim", "–")  # fmt: skip
    counts = profile_tables.counts_table(profile, "Hiltrup")
    assert list(counts["Wert"]) == ["5.640"] and list(counts["Stadt"]) == ["300.267"]


def test_trend_chart_styles_district_city_and_bezirk(catalogue) -> None:
    rows = [("x", a, p, v + p - 2013) for a, v in (("91", 19.0), ("0", 6.0), ("B6", 8.0))
            for p in (2013, 2014)]  # fmt: skip
    series = frame(rows)[["area_code", "period", "value", "flag"]]
    names = {"91": "Berg Fidel", "0": "Stadt Münster", "B6": "Hiltrup"}
    fig = charts.trend_chart(series, names, "%", 1)
    assert [t.name for t in fig.data] == ["Berg Fidel", "Stadt Münster", "Hiltrup"]
    assert fig.data[1].line.dash == "dash" and fig.data[2].line.dash == "dot"
    assert fig.data[0].line.width > fig.data[1].line.width
    assert fig.data[0].customdata[1] == "Berg Fidel 2014: 20,0 %"
    assert {t.type for t in fig.data} <= CARTESIAN


def test_compare_chart_and_table(catalogue) -> None:
    rows = [("sgb2_quote", a, 2014, v) for a, v in SGB2.items()]
    rows += [("anteil_mv", a, 2014, v) for a, v in MV.items()]
    out = prof.compare(frame(rows), catalogue.indicators, catalogue.areas, ["91", "61", "0"])
    names = {"91": "Berg Fidel", "61": "Coerde", "0": "Stadt Münster"}
    fig = charts.compare_chart(out, names, FIELDS)
    assert [t.name for t in fig.data] == ["Berg Fidel", "Coerde", "Stadt Münster"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fig.data[2].marker.symbol == "line-ns"
    table = profile_tables.compare_table(out, names).set_index("Indikator")
    assert table.loc["Anteil mit MV", "Berg Fidel"] == "47,8 %"
    assert table.loc["SGB-II-Quote 15–64", "Stadt Münster"] == "6,0 %"


def test_social_index_charts() -> None:
    result = compute_social_index(index_values(), INDEX_AREAS)
    fig = social_index_charts.social_index_chart(result, {"11": "Elf"}, "11")
    bars = fig.data[0]
    assert (
        bars.x[0] == "Elf"
        and bars.marker.color[0] == social_index_charts.SOCIAL_CLASS_COLOURS["very_high"]
    )
    assert bars.marker.line.width[0] == 3 and "<b>Elf</b>" in fig.layout.xaxis.ticktext
    assert [t.name for t in fig.data[1:]] == [
        "sehr geringer Bedarf", "geringer Bedarf", "durchschnittlich", "erhöhter Bedarf",
        "hoher Bedarf"]  # fmt: skip
    row = result.row("11")
    contrib = social_index_charts.contributions_chart(
        row, result.indicators, {"sgb2_quote": "SGB II"}
    )
    assert contrib.data[0].y[0] == "SGB II"
    assert set(contrib.data[0].marker.color) == {"#d7191c"}  # all above the city: more need
    assert {t.type for t in [*fig.data, *contrib.data]} <= CARTESIAN


def test_similar_and_measures_tables(catalogue) -> None:
    result = Similarity(
        pd.DataFrame({"area_code": ["61"], "distance": [0.6], "n_shared": [1], "rank": [1],
                      "value_anteil_mv": [49.7]}),
        ("anteil_mv",), {"anteil_mv": 2014}, {"anteil_mv": 47.8},
    )  # fmt: skip
    table = profile_tables.similar_table(result, "91", {"91": "Berg Fidel", "61": "Coerde"},
                                 catalogue.indicators)  # fmt: skip
    assert list(table["Gebiet"]) == ["91 Berg Fidel (gewählt)", "61 Coerde"]
    assert list(table["Abstand (0 = gleich)"]) == ["–", "0,60"]
    assert list(table["Anteil mit MV"]) == ["47,8 %", "49,7 %"]
    measures = pd.DataFrame(
        {"title": ["Sprachcafé"], "status": ["laufend"], "organisation": ["Caritas"],
         "planned_end": [pd.Timestamp("2028-10-22")], "progress": [60],
         "goals": [np.array(["6.3-S91-1", "8.2-L2"])]}
    )  # fmt: skip
    out = profile_tables.measures_table(measures)
    assert out.iloc[0].to_dict() == {
        "Maßnahme": "Sprachcafé",
        "Status": "laufend",
        "Verantwortlich": "Caritas",
        "Geplantes Ende": "22.10.2028",
        "Fortschritt": 60,
        "Ziele": "6.3-S91-1, 8.2-L2",
    }


def test_every_key_used_by_the_page_exists() -> None:
    from tests.conftest import ROOT

    source = "".join(
        (ROOT / path).read_text(encoding="utf-8")
        for path in (
            "pages/stadtteil.py",
            "dashboard/ui/district_header.py",
            "dashboard/ui/district_compare.py",
            "dashboard/ui/district_index.py",
            "dashboard/present/profile_charts.py",
            "dashboard/present/social_index_charts.py",
            "dashboard/present/profile_tables.py",
            "dashboard/present/profile_format.py",
        )
    )
    used = set(re.findall(r"""\btr?\(f?["'](stadtteil\.[a-z_.]+)""", source))
    prefixes = {key for key in used if key.endswith(".")}  # f-strings: class., assess., …
    assert {key for key in used - prefixes if key not in PROFILE_MESSAGES} == set()
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in PROFILE_MESSAGES), prefix
    assert len(used) > 60
