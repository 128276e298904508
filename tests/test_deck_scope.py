"""A deck reads only its rows of the release, and its slides come out exactly the same."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.reports import slides as slides_module
from dashboard.reports.deck import DeckSpec, default_deck
from dashboard.reports.deck_builder import build_slides
from dashboard.reports.deck_scope import deck_areas, provenance_period
from dashboard.reports.slide_provenance import annotate
from dashboard.reports.slides import Slide, load
from dashboard.store import Store


def _plain(value: object) -> object:
    """A slide's content as JSON values (figures as their plotly JSON)."""
    if hasattr(value, "to_plotly_json"):
        return json.loads(value.to_json())  # type: ignore[attr-defined]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _deck(store: Store, spec: DeckSpec, narrow: bool, lang: str = "de") -> list[Slide]:
    data = load(store, spec if narrow else None)
    slides = build_slides(data, spec, lang)
    return annotate(slides, store, data.catalogue, data.values, lang, spec.period)


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo database, read only by this module."""
    path = tmp_path_factory.mktemp("deck_scope") / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    opened = Store(path)
    yield opened
    opened.close()


def _specs(store: Store) -> list[DeckSpec]:
    base = default_deck(load(store).catalogue)
    return [
        base,
        dataclasses.replace(base, period=2019),
        dataclasses.replace(base, period=1995),  # no values: the newest year's provenance
        DeckSpec("Zwei", ("title", "district:45", "map", "field:8.2"), 2021, ("45", "77")),
        DeckSpec("Nur Karte", ("map",), None, ()),
    ]


@pytest.mark.parametrize("which", range(5))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_slides_from_the_deck_rows_equal_those_from_the_whole_release(
    store: Store, which: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also against assessing every area's implicit items (as before the narrowing)."""
    spec = _specs(store)[which]
    with monkeypatch.context() as every_area:
        every_area.setattr(slides_module, "rollup_areas", lambda cat: set(cat.areas["code"]))
        whole = _deck(store, spec, narrow=False, lang=lang)
    narrow = _deck(store, spec, narrow=True, lang=lang)
    assert len(whole) >= len(spec.slides) - 1  # a map of a year without values is left out
    assert _plain(narrow) == _plain(whole)


def test_a_deck_reads_a_small_part_of_the_release(store: Store) -> None:
    spec = _specs(store)[0]
    everything = len(load(store).values)
    read = len(load(store, spec).values)
    assert 0 < read < everything / 2, (read, everything)  # demo: 45 areas, 11 years


def test_deck_rows_are_the_release_rows_in_release_order(store: Store) -> None:
    spec = _specs(store)[3]
    whole = load(store).values
    rows = load(store, spec).values
    key = ["indicator_id", "area_code", "period", "grp"]
    # the same rows as filtering the whole release, with its columns, types and order
    chosen = whole.merge(rows[key], on=key, how="inner")
    pd.testing.assert_frame_equal(rows, chosen)
    assert set(deck_areas(load(store).catalogue, spec)) >= {"0", "45", "77"}


def test_provenance_period() -> None:
    assert provenance_period([2019, 2020], 2019) == 2019
    assert provenance_period([2019, 2020], 1995) == 2020
    assert provenance_period([2019, 2020], None) == 2020
    assert provenance_period([], None) is None
