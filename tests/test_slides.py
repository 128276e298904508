"""Slide content from the demo data: titles, released values, German numbers, demo label."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.exports import data_status
from dashboard.imports import store_catalogue
from dashboard.present.i18n import t
from dashboard.readmodel import released_observations
from dashboard.reports.city_slides import field_tiles
from dashboard.reports.deck import DeckSpec, SlideRef, default_deck
from dashboard.reports.deck_builder import build_slides, slide_label
from dashboard.reports.slides import load
from dashboard.store import Store


@pytest.fixture(scope="module")
def deck(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The default deck's data and slides, built once for this module (read only)."""
    path = tmp_path_factory.mktemp("slides") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    store = Store(path)
    data = load(store)
    spec = default_deck(data.catalogue)
    yield store, data, spec, build_slides(data, spec)
    store.close()


def test_default_deck_builds_every_slide_in_order(deck) -> None:
    _store, _data, spec, slides = deck
    assert [(s.kind, s.ref) for s in slides] == [(r.kind, r.ref) for r in spec.refs()]
    titles = [s.title for s in slides]
    assert titles[0] == spec.title and titles[1] == "Das Leitbild auf einen Blick"
    assert titles[2] == "7.1 Arbeit und Wirtschaft"
    assert titles[5:7] == ["Stadtteil Berg Fidel", "Stadtteil Coerde"]
    assert titles[-1] == "Ausblick"
    assert all(s.explanation and s.method for s in slides)


def test_every_slide_is_labelled_as_demo_data(deck) -> None:
    slides = deck[3]
    assert all(s.data_status == "demo" and "Demodaten" in s.footer for s in slides)


def test_district_slide_shows_released_values_in_german_format(deck) -> None:
    store, _data, _spec, slides = deck
    values = released_observations(store, store_catalogue(store), ["anteil_mv", "bevoelkerung"])
    latest = values[(values["grp"] == "insgesamt") & (values["period"] == values["period"].max())]
    cell = latest.set_index(["indicator_id", "area_code"])["value"]
    berg_fidel = next(s for s in slides if s.ref == "91")
    figures = {k.label: k for k in berg_fidel.key_figures}
    share = f"{cell[('anteil_mv', '91')]:.1f}".replace(".", ",") + " %"
    assert figures["Anteil mit Migrationsvorgeschichte"].value == share
    assert f"{cell[('anteil_mv', '0')]:.1f}".replace(".", ",") in figures[
        "Anteil mit Migrationsvorgeschichte"].note  # fmt: skip
    population = f"{round(cell[('bevoelkerung', '91')]):,}".replace(",", ".")
    assert figures["Einwohner*innen"].value == population
    assert berg_fidel.figures and berg_fidel.figures[0].name == "trend"


def test_overview_counts_twelve_fields(deck) -> None:
    overview = deck[3][1]
    assert sum(int(k.value) for k in overview.key_figures) == 12
    tiles = overview.figures[0].figure
    assert len(tiles.layout.annotations) == 12


def test_map_slide_names_the_extremes(deck) -> None:
    slide = next(s for s in deck[3] if s.kind == "map")
    labels = [k.label for k in slide.key_figures]
    assert labels == ["Stadt Münster", "Höchster Wert", "Niedrigster Wert"]
    assert slide.figures[0].name == "map"


def test_period_limits_the_values(deck) -> None:
    _store, data, _spec, _slides = deck
    spec = DeckSpec("T", ("title", "district:61"), 2019, ("61",))
    title, coerde = build_slides(data, spec)
    assert title.key_figures[0].value == "2019"
    assert "2019" in coerde.footer and coerde.key_figures[0].note == "2019"


def test_english_slides(deck) -> None:
    _store, data, _spec, _slides = deck
    (slide,) = build_slides(data, DeckSpec("T", ("outlook",)), "en")
    assert slide.title == "Outlook" and "Demo data" in slide.footer


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ({}, "empty"),
        ({"observations": 5, "demo_observations": 5}, "demo"),
        ({"observations": 5, "demo_observations": 2}, "mixed"),
        ({"observations": 5, "measures": 3}, "real"),
    ],
)
def test_data_status(summary: dict, expected: str) -> None:
    assert data_status(summary) == expected


def test_field_tiles_colour_by_status() -> None:
    rows = pd.DataFrame(
        {"field_id": ["6.1", "6.2"], "short": ["A", "B"], "status": ["on_track", None],
         "n_items": [3, 0]}
    )  # fmt: skip
    tr = lambda key, **v: t(key, "de", **v)  # noqa: E731
    fig = field_tiles(rows, tr, "de", columns=2)
    assert [s.fillcolor for s in fig.layout.shapes] == ["#2da44e", "#f3f4f6"]
    assert "auf Kurs" in fig.layout.annotations[0].text
    assert "keine Bewertung" in fig.layout.annotations[1].text


@pytest.mark.parametrize(
    ("token", "label"),
    [("map", "Karte"), ("field:7.1", "Handlungsfeld 7.1 Arbeit & Wirtschaft"),
     ("district:91", "Stadtteil 91 Berg Fidel"),
     ("field:9.9", "Handlungsfeld 9.9"), ("district:999", "Stadtteil 999")],  # unknown: no name
)  # fmt: skip
def test_slide_labels(token: str, label: str, catalogue) -> None:
    assert slide_label(SlideRef.parse(token), catalogue) == label


@pytest.mark.realdata
def test_berg_fidel_slide_with_real_data(real_db: Path) -> None:
    store = Store(real_db)
    try:
        data = load(store)
        spec = DeckSpec("T", ("district:91", "map"), 2014, ("91",))
        berg_fidel, karte = build_slides(data, spec)
    finally:
        store.close()
    share = next(k for k in berg_fidel.key_figures if k.label.startswith("Anteil"))
    assert share.value == "47,8 %" and share.note == "2014 · Stadt: 21,7 %"
    assert berg_fidel.data_status == "real" and "Demodaten" not in berg_fidel.footer
    # the official Stadtteil shapes, not the tile map
    assert "Kachelkarte" not in karte.method
    assert karte.key_figures[0].value == "21,7 %"
