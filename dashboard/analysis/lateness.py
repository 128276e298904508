"""Lateness rules for measures: started late, overdue, finished late, review due, next step due.

Pure functions: ``today`` is always passed in (pages take it from ``dashboard.clock``), so the
same rules give the same answer in the app, in the review protocol and in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.domain import measures as ms

# Name and default of the setting "needs review after N days" (see the lead's config.SETTINGS).
REVIEW_DAYS_SETTING = "review_after_days"
DEFAULT_REVIEW_DAYS = 28

# Statuses in which a measure still has work ahead; only these can be late or need a review.
OPEN_STATUSES = ms.OPEN
DONE_STATUS = ms.COMPLETED

# Flag names in display order (most urgent first).
FLAGS = ("overdue", "started_late", "next_step_overdue", "needs_review", "finished_late")
# The flags that make a measure "late" in the weekly review (finished late is history).
LATE_FLAGS = ("overdue", "started_late", "next_step_overdue")


def as_date(value: Any) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO text; None for missing values."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]) if value.strip() else None
    if pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _days(later: dt.date, earlier: dt.date) -> int:
    return (later - earlier).days


def measure_lateness(
    m: Mapping[str, Any], today: dt.date, review_days: int = DEFAULT_REVIEW_DAYS
) -> dict[str, Any]:
    """Every lateness flag of one measure with the number of days behind it.

    - started_late: the planned start has passed and there is no actual start (open measures);
    - overdue: the planned end has passed and the measure is still open;
    - finished_late: it ended (actual end) after its planned end;
    - needs_review: open and never reviewed, or not reviewed for ``review_days`` days or more;
    - next_step_overdue: open and the date of the next step has passed.
    """
    status = m.get("status")
    is_open = status in OPEN_STATUSES and not bool(m.get("archived") or False)
    planned_start, planned_end = as_date(m.get("planned_start")), as_date(m.get("planned_end"))
    actual_start, actual_end = as_date(m.get("actual_start")), as_date(m.get("actual_end"))
    reviewed, step_date = as_date(m.get("last_reviewed")), as_date(m.get("next_step_date"))
    out: dict[str, Any] = {flag: False for flag in FLAGS}
    out.update(
        start_delay_days=None,
        overdue_days=None,
        finish_delay_days=None,
        days_since_review=None,
        next_step_days=None,
    )
    if is_open and planned_start and actual_start is None and planned_start < today:
        out["started_late"], out["start_delay_days"] = True, _days(today, planned_start)
    if is_open and planned_end and planned_end < today:
        out["overdue"], out["overdue_days"] = True, _days(today, planned_end)
    if actual_end and planned_end and actual_end > planned_end:
        out["finished_late"], out["finish_delay_days"] = True, _days(actual_end, planned_end)
    if reviewed is not None:
        out["days_since_review"] = _days(today, reviewed)
    if is_open and (reviewed is None or _days(today, reviewed) >= review_days):
        out["needs_review"] = True
    if is_open and step_date and step_date < today:
        out["next_step_overdue"], out["next_step_days"] = True, _days(today, step_date)
    out["late"] = any(out[f] for f in LATE_FLAGS)
    out["flags"] = [f for f in FLAGS if out[f]]
    return out


LATENESS_COLUMNS = [
    *FLAGS, "late", "flags", "start_delay_days", "overdue_days", "finish_delay_days",
    "days_since_review", "next_step_days",
]  # fmt: skip


def lateness_frame(
    measures: pd.DataFrame, today: dt.date, review_days: int = DEFAULT_REVIEW_DAYS
) -> pd.DataFrame:
    """The lateness flags of every measure (same index as ``measures``)."""
    rows = [measure_lateness(m, today, review_days) for m in measures.to_dict("records")]
    frame = pd.DataFrame(rows, index=measures.index, columns=LATENESS_COLUMNS)
    for col in (*FLAGS, "late"):
        frame[col] = frame[col].astype(bool)
    for col in LATENESS_COLUMNS[len(FLAGS) + 2 :]:
        frame[col] = frame[col].astype("Int64")
    return frame


def with_lateness(
    measures: pd.DataFrame, today: dt.date, review_days: int = DEFAULT_REVIEW_DAYS
) -> pd.DataFrame:
    """The measures with their lateness columns appended."""
    return pd.concat([measures, lateness_frame(measures, today, review_days)], axis=1)


def has_any_flag(frame: pd.DataFrame, flags: list[str] | tuple[str, ...]) -> pd.Series:
    """Rows that carry at least one of the given flags; 'none' selects rows without any flag."""
    mask = pd.Series(False, index=frame.index)
    for flag in flags:
        if flag == "none":
            mask |= frame["flags"].map(len) == 0
        else:
            mask |= frame[flag]
    return mask
