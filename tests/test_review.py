"""The weekly review on small inline frames: window, changes, flags, counts."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from dashboard.analysis.review import (
    build_review,
    category_counts,
    changes_in_window,
    default_window,
    describe_changes,
    format_value,
    off_track_measures,
    status_field_counts,
)

TODAY = dt.date(2025, 11, 24)
FIELDS = ["6.3", "8.2"]


def _measure(mid: int, title: str, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": mid, "title": title, "status": "laufend", "fields": ["6.3"], "goals": [],
        "areas": [], "progress": 50, "planned_start": pd.Timestamp("2025-01-01"),
        "planned_end": pd.Timestamp("2026-06-30"), "actual_start": pd.Timestamp("2025-01-10"),
        "actual_end": pd.NaT, "last_reviewed": pd.Timestamp("2025-11-20"),
        "next_step": "Treffen", "next_step_date": pd.Timestamp("2025-12-05"), "archived": False,
        "organisation_id": "ki", "organisation": "KI",
    }  # fmt: skip
    return {**base, **values}


MEASURES = pd.DataFrame(
    [
        _measure(1, "Sprachcafé"),
        _measure(2, "Elternlotsen", planned_end=pd.Timestamp("2025-11-01"), fields=["6.3", "8.2"],
                 goals=["8.2-L1"]),
        _measure(3, "Stadtteilfest", status="geplant", actual_start=pd.NaT,
                 planned_start=pd.Timestamp("2025-11-10"), last_reviewed=pd.NaT,
                 fields=["8.2"], goals=["6.3-S61-1"]),
        _measure(4, "Infoabend", status="abgeschlossen", actual_end=pd.Timestamp("2025-10-01"),
                 progress=100, last_reviewed=pd.NaT, goals=["8.2-L1"]),
        _measure(5, "Alt", archived=True, last_reviewed=pd.NaT),
    ]
)  # fmt: skip


def _event(eid: int, mid: int, at: str, kind: str, changes: dict, comment: str | None = None):
    return {
        "id": eid, "measure_id": mid, "happened_at": pd.Timestamp(at), "actor": "Anna",
        "kind": kind, "changes": json.dumps(changes), "comment": comment,
    }  # fmt: skip


EVENTS = pd.DataFrame(
    [
        _event(1, 1, "2025-11-10 09:00", "angelegt", {}),
        _event(2, 3, "2025-11-17 08:00", "angelegt", {}),
        _event(3, 1, "2025-11-18 10:00", "status", {"status": ["geplant", "laufend"]}, "los"),
        _event(4, 1, "2025-11-20 10:00", "geändert", {"progress": [40, 50]}),
        _event(5, 2, "2025-11-24 16:00", "kommentar", {}, "Raum fehlt"),
        _event(6, 1, "2025-11-24 17:00", "geprüft", {"last_reviewed": [None, "2025-11-24"]}),
        _event(7, 5, "2025-11-21 12:00", "archiviert", {"archived": [False, True]}, "doppelt"),
    ]
)  # fmt: skip


def test_default_window_is_the_last_seven_days_inclusive() -> None:
    assert default_window(TODAY) == (dt.date(2025, 11, 17), TODAY)
    assert default_window(TODAY, 14)[0] == dt.date(2025, 11, 10)


@pytest.mark.parametrize(
    ("start", "end", "ids"),
    [
        (dt.date(2025, 11, 17), TODAY, [6, 5, 7, 4, 3, 2]),
        (dt.date(2025, 11, 18), dt.date(2025, 11, 20), [4, 3]),
        (dt.date(2025, 11, 25), dt.date(2025, 11, 30), []),
    ],
)
def test_changes_in_window_newest_first(start: dt.date, end: dt.date, ids: list[int]) -> None:
    changes = changes_in_window(EVENTS, MEASURES, start, end)
    assert changes["id"].tolist() == ids


def test_categories_and_counts() -> None:
    changes = changes_in_window(EVENTS, MEASURES, *default_window(TODAY))
    assert dict(zip(changes["id"], changes["category"], strict=True)) == {
        6: "reviewed",
        5: "comment",
        7: "archived",
        4: "edit",
        3: "status",
        2: "new",
    }
    assert category_counts(changes) == {
        "new": 1,
        "status": 1,
        "edit": 1,
        "comment": 1,
        "reviewed": 1,
        "archived": 1,
    }
    assert changes.loc[changes["id"] == 3, "title"].item() == "Sprachcafé"
    assert category_counts(changes.iloc[0:0]) == dict.fromkeys(category_counts(changes), 0)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": ["laufend", "pausiert"]}, "Status: laufend → pausiert"),
        ({"progress": [40, 50], "status": ["a", "b"]}, "Status: a → b; Fortschritt: 40 % → 50 %"),
        ({"planned_end": ["2025-11-01 00:00:00", "2025-12-24"]},
         "Geplantes Ende: 01.11.2025 → 24.12.2025"),
        ({"areas": [["61"], ["61", "91"]]}, "Stadtteile: 61 → 61, 91"),
        ({"notes": ["a", "b"]}, "Notizen geändert"),
        ({"next_step": [None, "Raum suchen"]}, "Nächster Schritt: – → Raum suchen"),
    ],
)  # fmt: skip
def test_describe_changes(changes: dict, expected: str) -> None:
    labels = {
        "status": "Status", "progress": "Fortschritt", "planned_end": "Geplantes Ende",
        "areas": "Stadtteile", "notes": "Notizen", "next_step": "Nächster Schritt",
    }  # fmt: skip
    assert describe_changes(changes, labels) == expected


def test_format_value_survives_odd_dates() -> None:
    assert format_value("planned_end", "kein Datum", str) == "kein Datum"


def test_review_lists_late_due_and_off_track() -> None:
    review = build_review(
        MEASURES, EVENTS, TODAY, *default_window(TODAY), FIELDS, 28, {"8.2-L1", "6.3-S61-1"}
    )
    assert 5 not in set(review.measures["id"])  # archived measures are not reviewed
    assert review.late["id"].tolist() == [2, 3]  # overdue 23 days, start late 14 days
    assert review.needs_review["id"].tolist() == [3]  # never reviewed; 4 is closed
    assert review.off_track["id"].tolist() == [2, 3]  # 4 is closed
    assert review.off_track["off_track"].tolist() == [["8.2-L1"], ["6.3-S61-1"]]
    assert review.attention_ids == [2, 3]
    assert len(review.changes) == 6


def test_status_field_counts_count_each_field_and_each_measure_once() -> None:
    counts = status_field_counts(MEASURES[~MEASURES["archived"]], FIELDS)
    assert counts.loc["6.3", "laufend"] == 2 and counts.loc["8.2", "laufend"] == 1
    assert counts.loc["8.2", "geplant"] == 1 and counts.loc["6.3", "abgeschlossen"] == 1
    assert counts.loc["gesamt", "gesamt"] == 4
    assert counts.loc["gesamt"].drop("gesamt").sum() == 4
    assert list(counts.columns)[:2] == ["geplant", "laufend"]


def test_off_track_without_goals_is_empty() -> None:
    assert off_track_measures(MEASURES, set()).empty
