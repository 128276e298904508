"""The measure statuses and their rules, defined once in dashboard.domain.measures."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.domain import measures as ms
from dashboard.present.i18n import t

DAY = dt.date(2025, 11, 24)
EARLIER = dt.date(2025, 3, 1)


def test_the_five_statuses_in_entry_and_lifecycle_order() -> None:
    assert ms.STATUSES == ("geplant", "laufend", "abgeschlossen", "pausiert", "abgebrochen")
    assert ms.LIFECYCLE_ORDER == ("geplant", "laufend", "pausiert", "abgeschlossen", "abgebrochen")
    assert set(ms.LIFECYCLE_ORDER) == set(ms.STATUSES)


def test_open_and_closed_split_the_statuses() -> None:
    assert set(ms.OPEN) | set(ms.CLOSED) == set(ms.STATUSES)
    assert not set(ms.OPEN) & set(ms.CLOSED)
    assert ms.ACTIVE == (ms.RUNNING,) and ms.FINISHED == (ms.COMPLETED,)
    assert ms.INITIAL == ms.PLANNED


@pytest.mark.parametrize("status", ms.STATUSES)
def test_every_status_has_a_german_and_an_english_label(status: str) -> None:

    de, en = t(f"status.{status}", "de"), t(f"status.{status}", "en")
    assert de and en and de != f"status.{status}" and en != de


@pytest.mark.parametrize("current", [*ms.STATUSES, None])
def test_transitions_lead_to_every_other_status(current: str | None) -> None:
    assert set(ms.transitions(current)) == set(ms.STATUSES) - {current}


@pytest.mark.parametrize(
    ("status", "needed"),
    [("geplant", False), ("laufend", False), ("abgeschlossen", False), ("pausiert", True),
     ("abgebrochen", True)],
)  # fmt: skip
def test_pausing_and_cancelling_need_a_comment(status: str, needed: bool) -> None:
    assert ms.needs_comment(status) is needed


@pytest.mark.parametrize(
    ("base", "new", "expected"),
    [
        # starting sets the actual start
        ({"progress": 0}, "laufend", {"status": "laufend", "actual_start": DAY}),
        # completing sets the end and 100 %
        ({"actual_start": EARLIER, "progress": 40}, "abgeschlossen",
         {"status": "abgeschlossen", "actual_end": DAY, "progress": 100}),
        # cancelling keeps an end already set
        ({"actual_start": EARLIER, "actual_end": EARLIER}, "abgebrochen",
         {"status": "abgebrochen", "actual_end": EARLIER}),
        # back to planned clears both dates
        ({"actual_start": EARLIER, "actual_end": DAY}, "geplant",
         {"status": "geplant", "actual_start": None, "actual_end": None}),
        # reopening a completed measure: no end, progress below 100 %
        ({"actual_start": EARLIER, "actual_end": DAY, "progress": 100}, "laufend",
         {"status": "laufend", "actual_end": None, "progress": 90}),
    ],
)  # fmt: skip
def test_implied_by_status(base: dict, new: str, expected: dict) -> None:
    assert ms.implied_by_status(base, new, DAY) == expected


def test_a_given_progress_and_start_win() -> None:
    out = ms.implied_by_status({}, "abgeschlossen", DAY, progress=80, actual_start=EARLIER)
    assert out["progress"] == 80 and out["actual_start"] == EARLIER


@pytest.mark.parametrize(
    ("measure", "broken"),
    [
        ({"status": "abgeschlossen", "progress": 100, "actual_end": DAY}, []),
        ({"status": "abgeschlossen", "progress": 100}, ["completed_needs_end"]),
        ({"status": "laufend", "progress": 100}, ["full_only_completed"]),
        ({"status": "geplant", "actual_start": DAY}, ["planned_no_start"]),
        ({"status": "laufend", "progress": 50, "actual_start": DAY}, []),
    ],
)
def test_progress_rules(measure: dict, broken: list[str]) -> None:
    assert ms.progress_rule_breaks(measure) == broken
    assert all(rule in ms.RULES for rule in broken)


@pytest.mark.parametrize(("new", "asks"), [("geplant", False), ("laufend", True)])
def test_a_status_change_asks_for_progress_unless_planning_again(new: str, asks: bool) -> None:
    assert ms.asks_progress(new, {}) is asks
    assert ms.asks_progress(new, {"progress": 90}) is True
