"""Pure parts of the measure form: normalising, validation, what changed, status, conflicts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.catalogues import Catalogue
from dashboard.present.i18n import LANGUAGES, MESSAGES, group, t
from dashboard.services.measure_edit import (
    FORM_FIELDS,
    changes_between,
    conflict_rows,
    display_value,
    merged,
    normalise,
    problems_by_field,
    reapply,
    status_changes,
    validate,
)

TODAY = dt.date(2025, 11, 24)
STORED = {
    "id": 7, "version": 3, "title": "Sprachcafé", "description": None, "status": "laufend",
    "fields": ["8.2", "6.3"], "goals": [], "areas": ["61"], "organisation_id": "awo",
    "contact": "", "partners": np.nan, "planned_start": pd.Timestamp("2025-01-01"),
    "planned_end": pd.Timestamp("2026-01-01"), "actual_start": pd.Timestamp("2025-02-01"),
    "actual_end": pd.NaT, "progress": np.int32(40), "reach": pd.NA, "budget": np.float64(500),
    "origin": None, "last_reviewed": pd.Timestamp("2025-11-01"), "next_step": "Flyer",
    "next_step_date": None, "notes": None, "archived": False,
}  # fmt: skip


def tr(key: str, **values: object) -> str:
    """German translation, as the pages use it."""
    return t(key, "de", **values)


def test_normalise_gives_plain_values() -> None:
    n = normalise(STORED)
    assert n["fields"] == ["6.3", "8.2"] and n["planned_start"] == dt.date(2025, 1, 1)
    assert n["actual_end"] is None and n["contact"] is None and n["partners"] is None
    assert n["reach"] is None and n["progress"] == 40 and type(n["progress"]) is int
    assert n["budget"] == 500.0 and n["version"] == 3


def test_changes_between_ignores_representation() -> None:
    same = {**STORED, "planned_start": dt.date(2025, 1, 1), "fields": ["6.3", "8.2"],
            "contact": "  ", "progress": 40}  # fmt: skip
    assert changes_between(STORED, same) == {}
    edited = {**STORED, "title": " Sprachcafé Coerde ", "next_step_date": dt.date(2025, 12, 1)}
    assert changes_between(STORED, edited) == {
        "title": "Sprachcafé Coerde",
        "next_step_date": dt.date(2025, 12, 1),
    }


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({}, []),
        ({"title": " "}, ["title"]),
        ({"fields": []}, ["fields"]),
        ({"planned_end": dt.date(2024, 1, 1)}, ["planned_end"]),
        ({"status": "abgeschlossen"}, ["actual_end"]),
        ({"progress": 100}, ["progress"]),
        ({"status": "geplant"}, ["actual_start"]),
        ({"last_reviewed": dt.date(2025, 12, 1)}, ["last_reviewed"]),
        ({"goals": ["9.9-L1"]}, ["goals"]),
        ({"title": "Nachbarschaftsfest"}, ["title"]),  # another measure has this title
        ({"title": "Sprachcafé"}, []),  # its own title
    ],
)  # fmt: skip
def test_validate(catalogue: Catalogue, changes: dict, fields: list[str]) -> None:
    titles = {"Sprachcafé": 7, "Nachbarschaftsfest": 9}
    problems = validate({**STORED, **changes}, catalogue, TODAY, titles, own_id=7)
    assert sorted({p[0] for p in problems}) == fields


def test_problems_are_grouped_by_field_with_what_was_found(catalogue: Catalogue) -> None:
    problems = validate({**STORED, "progress": 100, "title": ""}, catalogue, TODAY)
    grouped = problems_by_field(problems)
    assert grouped["title"] == ["einen Titel"]
    assert grouped["progress"] == ["100 % nur bei Status „abgeschlossen“ (100)"]


@pytest.mark.parametrize(
    ("base", "new", "expected"),
    [
        ({"status": "geplant", "progress": 0}, "laufend",
         {"status": "laufend", "actual_start": TODAY}),
        ({"status": "laufend", "actual_start": dt.date(2025, 1, 1), "progress": 60},
         "abgeschlossen", {"status": "abgeschlossen", "actual_end": TODAY, "progress": 100}),
        ({"status": "laufend", "actual_start": dt.date(2025, 1, 1), "progress": 60},
         "abgebrochen", {"status": "abgebrochen", "actual_end": TODAY}),
        ({"status": "laufend", "actual_start": dt.date(2025, 1, 1), "progress": 60},
         "pausiert", {"status": "pausiert"}),
        ({"status": "abgeschlossen", "actual_start": dt.date(2025, 1, 1),
          "actual_end": dt.date(2025, 6, 1), "progress": 100},
         "laufend", {"status": "laufend", "actual_end": None, "progress": 90}),
        ({"status": "laufend", "actual_start": dt.date(2025, 1, 1), "progress": 10},
         "geplant", {"status": "geplant", "actual_start": None}),
    ],
)  # fmt: skip
def test_status_changes(base: dict, new: str, expected: dict) -> None:
    assert status_changes(base, new, TODAY) == expected


def test_status_change_with_chosen_progress_passes_validation(catalogue: Catalogue) -> None:
    changes = status_changes(STORED, "pausiert", TODAY, progress=45)
    assert changes == {"status": "pausiert", "progress": 45}
    assert validate(merged(STORED, changes), catalogue, TODAY) == []


def test_conflict_rows_show_both_sides_and_clashes() -> None:
    mine = {**STORED, "title": "Sprachtreff", "progress": 50}
    theirs = {**STORED, "version": 4, "title": "Sprachcafé Coerde", "next_step": "Raum"}
    rows = {r["field"]: r for r in conflict_rows(STORED, mine, theirs)}
    assert set(rows) == {"title", "progress", "next_step"}
    assert rows["title"]["clash"] and rows["title"]["mine"] == "Sprachtreff"
    assert not rows["progress"]["clash"] and rows["progress"]["theirs"] == 40
    assert not rows["next_step"]["mine_changed"] and rows["next_step"]["mine"] == "Flyer"


def test_reapply_keeps_their_other_changes_and_names_what_it_overwrites() -> None:
    theirs = {**STORED, "version": 4, "title": "Sprachcafé Coerde", "next_step": "Raum"}
    needed, overwritten = reapply(STORED, {"title": "Sprachtreff", "progress": 50}, theirs)
    assert needed == {"title": "Sprachtreff", "progress": 50}
    assert overwritten == ["title"]
    after = merged(theirs, needed)
    assert after["next_step"] == "Raum" and after["title"] == "Sprachtreff"
    same, none = reapply(STORED, {"title": "Sprachcafé Coerde"}, theirs)
    assert same == {} and none == []


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [("planned_end", pd.Timestamp("2026-01-01"), "01.01.2026"), ("status", "pausiert", "pausiert"),
     ("progress", 40, "40 %"), ("budget", 1500.0, "1.500 €"), ("budget", 12.5, "12,50 €"),
     ("reach", 1200, "1.200"), ("areas", ["61", "91"], "Coerde, Berg Fidel"),
     ("archived", True, "ja"), ("notes", None, "–"), ("goals", [], "–")],
)  # fmt: skip
def test_display_value(key: str, value: object, expected: str) -> None:
    names = {"61": "Coerde", "91": "Berg Fidel"}
    assert display_value(key, value, tr, "de", names) == expected


def test_every_field_has_a_label() -> None:
    assert {f"mf.{name}" for name in FORM_FIELDS} <= set(MESSAGES)


def test_every_message_of_the_measures_pages_in_both_languages() -> None:
    keys = [k for k in MESSAGES if k.split(".")[0] in ("mn", "mf", "rv", "event", "flag")]
    keys += [f"status.{s}" for s in ("geplant", "laufend", "abgeschlossen", "pausiert")]
    assert len(keys) > 200 and len(group("massnahmen")) > 200
    for key in keys:
        for lang in LANGUAGES:
            assert MESSAGES[key].get(lang), f"{key} lacks {lang}"
