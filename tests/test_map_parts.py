"""The map page's parts of one selection: hover texts, key figures, the table, its headings."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard.ui import data, map_parts

INDICATORS = pd.DataFrame({"id": ["n", "d", "s"], "short": ["Zähler", "Nenner", "Anteil"]})


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Each test starts with empty Streamlit caches."""


@pytest.mark.parametrize(
    ("indicator", "lang", "expected"),
    [
        ({"numerator_id": "n", "denominator_id": "d"}, "de", ("Zähler", "Nenner")),
        ({"numerator_id": None, "denominator_id": None}, "de", ("Zähler", "Nenner")),
        ({"numerator_id": "n", "denominator_id": "x"}, "en", ("Zähler", "x")),
        ({}, "en", ("Numerator", "Denominator")),
    ],
)
def test_part_names(indicator: dict, lang: str, expected: tuple[str, str]) -> None:
    catalogue = SimpleNamespace(indicators=INDICATORS)
    assert map_parts.part_names(indicator, catalogue, lang) == expected  # type: ignore[arg-type]


def _parts(db: Path, lang: str) -> map_parts.MapParts:
    catalogue = data.catalogues(str(db))
    indicator = catalogue.indicators.set_index("id").loc["bevoelkerung"].to_dict()
    indicator["id"] = "bevoelkerung"
    key = ("stadtteile", "quantile", 5, (("min_count", 3), ("min_denominator", 20)), lang)
    return map_parts._parts(str(db), indicator, 2024, "insgesamt", key)


def test_parts_of_a_count_on_demo_data(demo_db: Path) -> None:
    made = _parts(demo_db, "de")
    table = made.table
    assert len(made.texts) == len(table) == 45
    assert table["provenance"].str.len().gt(0).all()
    labels = [card.label for card in made.cards]
    assert labels == ["Stadt Münster", "Höchster Wert", "Niedrigster Wert", "Gebiete mit Wert"]
    assert made.unit == "Angaben in Personen"  # a word as unit: one line above the cards
    assert made.cards[3] == map_parts.KeyFigure("Gebiete mit Wert", "45 / 45")
    # the highest card names the area with the largest value, formatted as on the page
    top = table.loc[table["value"].idxmax()]
    assert made.cards[1] == map_parts.KeyFigure(
        "Höchster Wert", f"{top['value']:,.0f}".replace(",", "."), f"{top['code']} {top['name']}"
    )
    assert list(made.frame.columns[:3]) == ["Nr.", "Gebiet", "Wert (Personen)"]
    assert made.places["Wert (Personen)"] == 0


def test_parts_speak_the_page_language(demo_db: Path) -> None:
    made = _parts(demo_db, "en")
    assert made.cards[0].label == "City of Münster" and made.unit == "Figures in Personen"
    assert made.cards[3].label == "Areas with a value"
    assert "Value (Personen)" in made.frame.columns
