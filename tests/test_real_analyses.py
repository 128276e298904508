"""The analyses on the real data alone: `init --no-demo` + `import bundle ../shared/muenster`."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis.similarity import similar_districts
from dashboard.analysis.social_index import composition, compute_social_index
from dashboard.cli import main
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store
from tests.conftest import ROOT

pytestmark = pytest.mark.realdata
MISSING_DATA = ("nicht berechnen", "nicht bestimmen", "keine Zeitreihe")
REAL_INDICATORS = (
    "bevoelkerung", "bevoelkerung_mv", "anteil_mv", "arbeitslose", "beschaeftigte_svp",
    "haushalte", "arbeitslosendichte_20_59", "beschaeftigtendichte_20_59",
    "personen_je_haushalt", "anteil_unter_20", "anteil_20_59", "anteil_60_plus",
    "jugendquotient", "altenquotient",
)  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_index_and_similarity_cover_the_45_districts(bundle_db: Path) -> None:
    store = Store(bundle_db)
    cat = store_catalogue(store)
    values = released_observations(store, cat)
    ids, flipped = composition(cat.indicators, cat.analysis_indicators("social_index"))
    result = compute_social_index(
        values, cat.areas, indicators=ids, reversed_indicators=flipped,
        population_indicator=cat.key_indicator("population"),
    )  # fmt: skip
    assert result.period == 2014
    assert result.indicators == ("arbeitslosendichte_20_59", "beschaeftigtendichte_20_59")
    assert result.reversed_indicators == {"beschaeftigtendichte_20_59"}
    frame = result.frame.set_index("area_code")
    assert len(frame) == 45
    # every district has an index or a stated reason (none is under 300 residents here)
    assert frame["index"].notna().sum() + frame["reason"].notna().sum() == 45
    assert frame["index"].notna().sum() == 45
    assert frame.loc["61", "rank"] == 1 and frame.loc["61", "class_key"] == "very_high"
    similar = similar_districts(
        values, cat.areas, "61", indicators=cat.analysis_indicators("similarity")
    )
    assert len(similar.frame) == 5
    assert "anteil_kinder_mv" not in similar.indicators  # no data: left out, not zero
    assert "arbeitslosendichte_20_59" in similar.indicators
    store.close()


def test_coerde_page_shows_index_similar_and_trend(bundle_db: Path) -> None:
    at = _page("stadtteil", stadtteil="61")
    assert not at.exception
    facts = {m.label: m.value for m in at.metric}
    assert facts["Einwohnende"] == "10.555" and facts["mit Migrationsvorgeschichte"] == "49,7 %"
    assert facts["Sozialindex 2014"] and facts["Klasse"] == "hoher Bedarf"
    captions = " ".join(c.value for c in at.caption)
    assert "Zusammensetzung: Arbeitslosendichte 20–59, Beschäftigtendichte 20–59" in captions
    assert "Dünner als das Sozialmonitoring" in captions
    infos = " ".join(i.value for i in at.info)
    assert not any(phrase in infos for phrase in MISSING_DATA), infos
    similar = next(df.value for df in at.dataframe if "Abstand (0 = gleich)" in df.value.columns)
    assert len(similar) == 6  # Coerde and its five neighbours
    trend = at.selectbox(key="st_trend")
    assert trend.value == "anteil_mv"
    keys = [c.proto.id for c in at.get("plotly_chart")]
    assert any("trend_chart" in k for k in keys) and any("index_chart" in k for k in keys)
    table = next(df.value for df in at.dataframe if "Herkunft" in df.value.columns)
    assert len(table) == 14
    assert all(p.startswith(("amtlich – ", "berechnet aus amtlichen Werten – ")) for p in
               table["Herkunft"])  # fmt: skip
    method = next(e for e in at.expander if e.label == "Wie der Index berechnet wird")
    assert "kein Anteil mit Migrationsvorgeschichte" in method.markdown[0].value


@pytest.mark.parametrize("indicator", REAL_INDICATORS)
def test_map_of_every_real_indicator(bundle_db: Path, indicator: str) -> None:
    at = _page("karte", indikator=indicator)
    assert not at.exception
    chosen = [s.value for s in at.selectbox if s.value in REAL_INDICATORS]
    assert chosen == [indicator]
    assert len(at.get("plotly_chart")) == 1
    assert not at.info and not at.warning


def test_social_index_map_on_real_data(bundle_db: Path) -> None:
    at = _page("karte", ansicht="sozialindex")
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert not at.info


def test_district_pdf_on_real_data(bundle_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "coerde.pdf"
    assert main(["profil", "--stadtteil", "Coerde", "--out", str(out), "--ohne-karte"]) == 0
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "10.555" in text and "49,7 %" in text and "4.885" in text
    assert "12,5 je 100" in text  # unemployed per 100 aged 20–59 (698 / 5.606)
