"""Catalogue texts in English: every field, goal, indicator, group and unit has one."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.catalogues import display_labels, load_catalogues
from dashboard.present import catalogue_text as ct

CATALOGUE = load_catalogues()
FRAMES = CATALOGUE.frames


def _english(kind: str, item_id: str, part: str) -> str | None:
    """The English text in the locale file (None when missing)."""
    entry = ct.translations("en").get(kind, {}).get(str(item_id))
    return entry.get(part) if isinstance(entry, dict) else entry


@pytest.mark.parametrize("part", ["title", "short"])
def test_every_field_has_english(part: str) -> None:
    assert [f for f in FRAMES["field"]["id"] if not _english("fields", f, part)] == []


def test_every_goal_has_english() -> None:
    goals = FRAMES["goal"]
    assert [g for g in goals["id"] if not _english("goals", g, "label")] == []
    named = goals.loc[goals["name"].notna(), "id"]
    assert [g for g in named if not _english("goals", g, "name")] == []


@pytest.mark.parametrize("part", ["name", "short", "definition"])
def test_every_indicator_has_english(part: str) -> None:
    ids = FRAMES["indicator"]["id"]
    assert [i for i in ids if not _english("indicators", i, part)] == []


def test_every_group_and_unit_has_english() -> None:
    assert [g for g in FRAMES["group_label"]["id"] if not _english("groups", g, "label")] == []
    units = set(FRAMES["indicator"]["unit"])
    assert {u for u in units if not ct.translations("en").get("units", {}).get(u)} == set()
    assert ct.unit("Personen", "en") == "people" and ct.unit("Personen", "de") == "Personen"


def test_no_english_text_for_an_unknown_id() -> None:
    known = {
        "fields": set(FRAMES["field"]["id"]),
        "goals": set(FRAMES["goal"]["id"]),
        "indicators": set(FRAMES["indicator"]["id"]),
        "groups": set(FRAMES["group_label"]["id"]),
    }
    extra = {k: set(ct.translations("en")[k]) - ids for k, ids in known.items()}
    assert extra == {k: set() for k in known}


def test_localised_catalogue_shows_english_and_keeps_ids() -> None:
    english = ct.localise(CATALOGUE, "en")
    labels = display_labels(english)
    assert labels["field"]["8.6"] == "Sport" and labels["field"]["8.5"] == "Housing"
    assert labels["field_title"]["7.1"] == "Work and economy"
    assert labels["indicator"]["anteil_mv"]["short"] == "Share with MB"
    assert labels["goal"]["8.5-L2"]["label"] == "Nobody is without shelter"
    assert labels["group"]["weiblich"] == "female"
    pd.testing.assert_series_equal(english.indicators["id"], CATALOGUE.indicators["id"])
    assert list(english.indicators["unit"]) == list(CATALOGUE.indicators["unit"])  # rules read it
    # German is the catalogue itself, unchanged
    assert ct.localise(CATALOGUE, "de") is CATALOGUE
    assert display_labels(CATALOGUE)["field"]["8.5"] == "Wohnen"


def test_missing_english_falls_back_to_german() -> None:
    assert ct.text("indicators", "no_such_id", "name", "en", "Deutsch") == "Deutsch"
    assert ct.text("goals", "6.1-L1", "name", "en", None) is None  # no heading stays none
