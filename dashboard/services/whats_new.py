"""What changed for one district since a date: new data, new/finished measures, new notes.

Pure logic on frames read from the store's history tables (import_log with the district's
observations, measure_event with measure_area, local_note); no I/O here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from dashboard.domain.notes import SHOWN_TO_VIEWERS
from dashboard.ingest.measures import STATUSES as MEASURE_STATUSES

CREATED = "angelegt"  # the event kind the store writes for a new measure
FINISHED = MEASURE_STATUSES[2]  # "abgeschlossen"
OK_IMPORT = "ok"  # import_log.status of an import that was stored

# kinds of items, in the order a person reads them (also the i18n key suffixes)
NEW_DATA, NEW_MEASURE, FINISHED_MEASURE, STATUS_CHANGE, NEW_NOTE = (
    "data", "measure_new", "measure_finished", "status", "note",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One thing that changed: kind, when, and the title a person reads."""

    kind: str
    when: datetime
    title: str
    count: int = 1  # identical items of one day are one line ("Demodaten (8-mal)")


def _since(frame: pd.DataFrame, column: str, since: date) -> pd.DataFrame:
    """Rows of ``frame`` whose ``column`` is on or after ``since``."""
    if frame.empty:
        return frame
    return frame[pd.to_datetime(frame[column]) >= pd.Timestamp(since)]


def new_data(imports: pd.DataFrame, district_import_ids: set[int], since: date) -> list[Change]:
    """Stored imports since ``since`` that brought values for the district (one per file)."""
    rows = _since(imports, "logged_at", since)
    rows = rows[rows["id"].isin(district_import_ids) & (rows["status"] == OK_IMPORT)]
    return [Change(NEW_DATA, r.logged_at, str(r.file)) for r in rows.itertuples()]


def _new_status(changes: str) -> str | None:
    """The new status from a measure event's JSON diff ({"status": [old, new]}), or None."""
    try:
        diff = json.loads(changes or "{}")
    except ValueError:
        return None  # an unreadable history row is skipped, never guessed
    pair = diff.get("status") if isinstance(diff, dict) else None
    return pair[1] if isinstance(pair, list) and len(pair) == 2 else None


def measure_changes(
    events: pd.DataFrame, titles: dict[int, str], district_measures: set[int], since: date
) -> list[Change]:
    """New, finished and otherwise re-statused measures of the district since ``since``."""
    rows = _since(events, "happened_at", since)
    rows = rows[rows["measure_id"].isin(district_measures)]
    out: list[Change] = []
    for r in rows.itertuples():
        title = titles.get(int(r.measure_id), "")
        if r.kind == CREATED:
            out.append(Change(NEW_MEASURE, r.happened_at, title))
            continue
        status = _new_status(r.changes)
        if status == FINISHED:
            out.append(Change(FINISHED_MEASURE, r.happened_at, title))
        elif status is not None:
            out.append(Change(STATUS_CHANGE, r.happened_at, title))
    return out


def new_notes(notes: pd.DataFrame, area_code: str, since: date) -> list[Change]:
    """Notes on the district written since ``since`` that viewers may see (hidden ones not)."""
    rows = _since(notes, "created_at", since)
    rows = rows[(rows["area_code"] == area_code) & rows["status"].isin(SHOWN_TO_VIEWERS)]
    return [Change(NEW_NOTE, r.created_at, str(r.organisation)) for r in rows.itertuples()]


def newest_first(*groups: list[Change]) -> list[Change]:
    """All changes, newest first (ties in reading order of the kinds)."""
    kinds = (NEW_DATA, NEW_MEASURE, FINISHED_MEASURE, STATUS_CHANGE, NEW_NOTE)
    order = {k: i for i, k in enumerate(kinds)}
    items = [c for group in groups for c in group]
    return sorted(items, key=lambda c: (-pd.Timestamp(c.when).value, order[c.kind]))


def merge_repeats(changes: list[Change]) -> list[Change]:
    """Items of the same kind, day and title as one item with their count (order kept).

    The demo seed arrives as several files that all read "Demodaten": one line, not five.
    """
    merged: dict[tuple[str, date, str], Change] = {}
    for change in changes:
        key = (change.kind, pd.Timestamp(change.when).date(), change.title)
        first = merged.get(key)
        merged[key] = change if first is None else replace(first, count=first.count + change.count)
    return list(merged.values())


def district_measures(measures: pd.DataFrame, area_code: str) -> set[int]:
    """Ids of the measures that name the district among their areas."""
    if measures.empty:
        return set()
    mine = measures["areas"].map(lambda areas: area_code in list(areas))
    return {int(i) for i in measures.loc[mine, "id"]}


def for_district(
    imports: pd.DataFrame,
    district_import_ids: set[int],
    events: pd.DataFrame,
    measures: pd.DataFrame,
    notes: pd.DataFrame,
    area_code: str,
    since: date,
) -> list[Change]:
    """Everything new for one district since ``since``, newest first.

    Goal status changes are not among them yet: no history of assessments is stored (the
    values an import replaced are kept only for its undo, not re-assessed as of a date).
    """
    titles = {int(i): str(t) for i, t in zip(measures["id"], measures["title"], strict=True)}
    return merge_repeats(
        newest_first(
            new_data(imports, district_import_ids, since),
            measure_changes(events, titles, district_measures(measures, area_code), since),
            new_notes(notes, area_code, since),
        )
    )
