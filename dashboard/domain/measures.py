"""Measure statuses: the one definition of their names, orders, groups, transitions and progress.

The status names are stored in the database and written in import files, so they stay German
words; people read them through the i18n keys ``status.<name>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

PLANNED = "geplant"
RUNNING = "laufend"
COMPLETED = "abgeschlossen"
PAUSED = "pausiert"
CANCELLED = "abgebrochen"

# Order of entry (forms, filters, import messages, counts per status).
STATUSES = (PLANNED, RUNNING, COMPLETED, PAUSED, CANCELLED)
# Order of a measure's life (tables of the weekly review): the paused ones beside the running.
LIFECYCLE_ORDER = (PLANNED, RUNNING, PAUSED, COMPLETED, CANCELLED)
# Work still ahead: only these can be late, need a review or cover an off-track goal.
OPEN = (PLANNED, RUNNING, PAUSED)
# Ended: an end date belongs to these.
CLOSED = (COMPLETED, CANCELLED)
# Counted as "running" in the goal roll-up (mean progress, off track without a measure).
ACTIVE = (RUNNING,)
FINISHED = (COMPLETED,)
# A change to these must say why (a comment is required).
NEEDS_COMMENT = (PAUSED, CANCELLED)
INITIAL = PLANNED

FULL_PROGRESS = 100  # only a completed measure is at 100 %
REOPENED_PROGRESS = 90  # leaving 'completed' keeps the progress below 100 %


def transitions(current: str | None) -> tuple[str, ...]:
    """The statuses a measure in ``current`` may change to (any other status)."""
    return tuple(s for s in STATUSES if s != current)


def needs_comment(new_status: str) -> bool:
    """Whether changing to ``new_status`` requires a comment (pausing, cancelling)."""
    return new_status in NEEDS_COMMENT


def asks_progress(new_status: str, implied: Mapping[str, Any]) -> bool:
    """Whether a status change asks for the progress (not when only planning again)."""
    return "progress" in implied or new_status != PLANNED


def implied_by_status(
    base: Mapping[str, Any],
    new_status: str,
    day: dt.date,
    progress: int | None = None,
    actual_start: dt.date | None = None,
) -> dict[str, Any]:
    """The fields a status change sets (unfiltered): start and end dates, progress.

    Starting sets the actual start, ending sets the actual end (and 100 % when completed);
    back to planned clears both; leaving completed keeps the progress below 100 %.
    """
    out: dict[str, Any] = {"status": new_status}
    if new_status == PLANNED:
        out.update(actual_start=None, actual_end=None)
    else:
        if base.get("actual_start") is None:
            out["actual_start"] = actual_start or day
        if new_status in CLOSED:
            out["actual_end"] = base.get("actual_end") or day
        elif base.get("actual_end") is not None:
            out["actual_end"] = None
    if progress is not None:
        out["progress"] = int(progress)
    elif new_status == COMPLETED:
        out["progress"] = FULL_PROGRESS
    elif base.get("progress") == FULL_PROGRESS:
        out["progress"] = REOPENED_PROGRESS
    return out


def progress_rule_breaks(m: Mapping[str, Any]) -> list[str]:
    """Which status/progress rules a measure breaks, by name (see ``RULES``)."""
    status, progress = m.get("status"), m.get("progress") or 0
    broken = []
    if status == COMPLETED and not m.get("actual_end"):
        broken.append("completed_needs_end")
    if progress == FULL_PROGRESS and status != COMPLETED:
        broken.append("full_only_completed")
    if status == PLANNED and m.get("actual_start"):
        broken.append("planned_no_start")
    return broken


# Rule name → the column it concerns (the import and the form report the problem there).
RULES = {
    "completed_needs_end": "actual_end",
    "full_only_completed": "progress",
    "planned_no_start": "actual_start",
}
