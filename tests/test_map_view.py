"""One map computation (issue 14): the Karte page and the map slide read the same view model."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis.profile_scope import default_group
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.reports import slides
from dashboard.reports.map_figure import district_map
from dashboard.services import map_view
from dashboard.services.map_view import MapView
from dashboard.store import Store
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "karte.py")
SHARED = ["code", "name", "value", "numerator", "denominator", "flag", "rank", "diff"]


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _indicator(store: Store, indicator_id: str) -> dict:
    indicators = store_catalogue(store).indicators
    return indicators[indicators["id"] == indicator_id].iloc[0].to_dict()


def test_counts_are_centred_on_the_mean_of_the_areas(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    ind = _indicator(demo_store, "bevoelkerung")
    values = released_observations(demo_store, catalogue, ["bevoelkerung"])
    period = int(values["period"].max())
    view = map_view.indicator_view(values, catalogue, ind, period, default_group(ind["groups"]))
    assert view.ref_kind == "mean"
    assert view.reference == pytest.approx(float(view.table["value"].dropna().mean()))
    assert view.classes.reference == pytest.approx(view.reference)
    assert view.city is not None and view.city > 10 * view.reference  # the city total is no match


@pytest.mark.parametrize("indicator_id", ["bevoelkerung", "anteil_mv"])
def test_the_slide_map_is_the_page_map(
    indicator_id: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same selection, same numbers, classes and reference on the page and on the slide."""
    views: list[MapView] = []
    compute = map_view.indicator_view

    def recorded(*args: object, **kwargs: object) -> MapView:
        views.append(compute(*args, **kwargs))
        return views[-1]

    monkeypatch.setattr(map_view, "indicator_view", recorded)
    store = Store(demo_db)
    try:
        data = slides.load(store)
        ind = _indicator(store, indicator_id)
    finally:
        store.close()
    group = default_group(ind["groups"])
    period = int(data.values.loc[data.values["indicator_id"] == indicator_id, "period"].max())
    at = AppTest.from_file(PAGE, default_timeout=90)
    query = {"indikator": indicator_id, "periode": str(period), "gruppe": group,
             "ebene": "stadtteile", "klassen": "quantile", "anzahl": "5"}  # fmt: skip
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert len(views) == 1, "the page computes its map through map_view.indicator_view"
    page = views[0]
    assert district_map(data, data.values, ind, period, "de") is not None
    assert len(views) == 2, "the slide computes its map through map_view.indicator_view"
    slide = views[1]
    pd.testing.assert_frame_equal(page.table[SHARED], slide.table[SHARED])
    assert list(page.classes.classes) == list(slide.classes.classes)
    assert page.classes.edges == slide.classes.edges
    assert page.classes.colours == slide.classes.colours
    assert (page.reference, page.ref_kind) == (slide.reference, slide.ref_kind)
    assert page.classes.reference == slide.classes.reference
    assert page.ref_kind == ("mean" if indicator_id == "bevoelkerung" else "city")
