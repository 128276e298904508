"""Lateness rules of measures: table-driven on small dicts, with today passed in."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.analysis.lateness import (
    as_date,
    has_any_flag,
    lateness_frame,
    measure_lateness,
    with_lateness,
)

TODAY = dt.date(2025, 11, 24)
D = dt.date


def _m(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "status": "laufend", "planned_start": None, "planned_end": None, "actual_start": None,
        "actual_end": None, "last_reviewed": TODAY, "next_step_date": None, "archived": False,
    }  # fmt: skip
    return {**base, **values}


@pytest.mark.parametrize(
    ("measure", "flags", "days"),
    [
        # started late: planned start passed, no actual start
        (_m(status="geplant", planned_start=D(2025, 11, 1)), ["started_late"],
         {"start_delay_days": 23}),
        (_m(status="geplant", planned_start=TODAY), [], {}),
        (_m(status="geplant", planned_start=D(2025, 12, 1)), [], {}),
        (_m(status="laufend", planned_start=D(2025, 1, 1), actual_start=D(2025, 2, 1)), [], {}),
        (_m(status="abgebrochen", planned_start=D(2025, 1, 1)), [], {}),
        # overdue: planned end passed and not done
        (_m(planned_end=D(2025, 11, 14), actual_start=D(2025, 1, 1)), ["overdue"],
         {"overdue_days": 10}),
        (_m(status="pausiert", planned_end=D(2025, 11, 23), actual_start=D(2025, 1, 1)),
         ["overdue"], {"overdue_days": 1}),
        (_m(planned_end=TODAY, actual_start=D(2025, 1, 1)), [], {}),
        (_m(status="abgeschlossen", planned_end=D(2025, 1, 1), actual_start=D(2024, 1, 1),
            actual_end=D(2024, 12, 1)), [], {}),
        # finished late: ended after the planned end (history, not "late")
        (_m(status="abgeschlossen", planned_end=D(2025, 6, 1), actual_start=D(2025, 1, 1),
            actual_end=D(2025, 6, 11)), ["finished_late"], {"finish_delay_days": 10}),
        # needs review: never, or N days or more ago; closed measures need none
        (_m(last_reviewed=None), ["needs_review"], {"days_since_review": None}),
        (_m(last_reviewed=D(2025, 10, 27)), ["needs_review"], {"days_since_review": 28}),
        (_m(last_reviewed=D(2025, 10, 28)), [], {"days_since_review": 27}),
        (_m(status="abgeschlossen", last_reviewed=None, actual_start=D(2025, 1, 1),
            actual_end=D(2025, 2, 1)), [], {}),
        (_m(last_reviewed=None, archived=True), [], {}),
        # next step overdue
        (_m(next_step_date=D(2025, 11, 21)), ["next_step_overdue"], {"next_step_days": 3}),
        (_m(next_step_date=TODAY), [], {}),
        (_m(status="abgebrochen", next_step_date=D(2025, 1, 1)), [], {}),
        # several at once, most urgent first
        (_m(planned_end=D(2025, 10, 1), next_step_date=D(2025, 11, 1), last_reviewed=None),
         ["overdue", "next_step_overdue", "needs_review"], {"overdue_days": 54}),
    ],
)  # fmt: skip
def test_measure_lateness(measure: dict, flags: list[str], days: dict) -> None:
    out = measure_lateness(measure, TODAY, review_days=28)
    assert out["flags"] == flags
    assert out["late"] == any(f in flags for f in ("overdue", "started_late", "next_step_overdue"))
    for key, value in days.items():
        assert out[key] == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (float("nan"), None), (pd.NaT, None), ("", None),
     ("2025-11-24", D(2025, 11, 24)), ("2025-11-24 00:00:00", D(2025, 11, 24)),
     (pd.Timestamp("2025-11-24 13:00"), D(2025, 11, 24)), (dt.datetime(2025, 11, 24, 5), TODAY),
     (TODAY, TODAY)],
)  # fmt: skip
def test_as_date(value: object, expected: dt.date | None) -> None:
    assert as_date(value) == expected


def test_review_interval_is_a_parameter() -> None:
    m = _m(last_reviewed=D(2025, 11, 10))
    assert measure_lateness(m, TODAY, review_days=14)["needs_review"]
    assert not measure_lateness(m, TODAY, review_days=15)["needs_review"]


def test_frame_version_matches_the_rule_and_keeps_the_index() -> None:
    frame = pd.DataFrame(
        [
            _m(planned_end=pd.Timestamp("2025-11-01"), actual_start=pd.Timestamp("2025-01-01")),
            _m(last_reviewed=pd.NaT),
            _m(),
        ],
        index=[7, 8, 9],
    )
    flags = lateness_frame(frame, TODAY)
    assert list(flags.index) == [7, 8, 9]
    assert flags["overdue"].tolist() == [True, False, False]
    assert flags["needs_review"].tolist() == [False, True, False]
    assert flags["overdue_days"].tolist()[0] == 23 and pd.isna(flags["overdue_days"].iloc[1])
    both = with_lateness(frame, TODAY)
    assert has_any_flag(both, ["overdue", "needs_review"]).tolist() == [True, True, False]
    assert has_any_flag(both, ["none"]).tolist() == [False, False, True]


def test_empty_frame() -> None:
    assert lateness_frame(pd.DataFrame(columns=["status"]), TODAY).empty
