"""The weekly review: what changed, what is late or due for review (protocol: review_protocol).

Pure functions over the measure frame (``Store.measures``) and the event frame
(``Store.measure_events``: id, measure_id, happened_at, actor, kind, changes (JSON), comment).
Words that appear in the protocol come in through ``labels`` so that the UI's translations are
used; dates are formatted by a function passed in (default: German ``dd.mm.yyyy``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.analysis.lateness import (
    DEFAULT_REVIEW_DAYS,
    OPEN_STATUSES,
    as_date,
    with_lateness,
)
from dashboard.domain.measures import LIFECYCLE_ORDER

DEFAULT_WINDOW_DAYS = 7
STATUS_ORDER = LIFECYCLE_ORDER
# Event kind → category shown in "what changed".
CATEGORIES = {
    "angelegt": "new",
    "status": "status",
    "geändert": "edit",
    "wiederhergestellt": "edit",
    "kommentar": "comment",
    "geprüft": "reviewed",
    "archiviert": "archived",
}
CATEGORY_ORDER = ("new", "status", "edit", "comment", "reviewed", "archived")
DATE_FIELDS = {
    "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
    "next_step_date",
}  # fmt: skip
# Event fields that a reader of a change list cares about more than about others.
CHANGE_FIELD_ORDER = (
    "status", "title", "progress", "next_step", "next_step_date", "last_reviewed",
    "planned_start", "planned_end", "actual_start", "actual_end", "organisation_id", "fields",
    "goals", "areas", "contact", "partners", "reach", "budget", "origin", "description", "notes",
    "archived",
)  # fmt: skip


def german_date(value: dt.date) -> str:
    """24.11.2025 (the protocol's default date format)."""
    return value.strftime("%d.%m.%Y")


def default_window(today: dt.date, days: int = DEFAULT_WINDOW_DAYS) -> tuple[dt.date, dt.date]:
    """The review window: the last ``days`` days up to and including today.

    The first day is included, so changes made after last week's review (held on that day)
    are not missed; seeing one day twice is better than missing one.
    """
    return today - dt.timedelta(days=days), today


def parse_changes(value: Any) -> dict[str, list[Any]]:
    """The {field: [before, after]} dict of an event (JSON text or dict)."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str) or not value.strip():
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def format_value(field_name: str, value: Any, fmt_date: Callable[[dt.date], str]) -> str:
    """A field value as it reads in a change list (dates formatted, lists joined)."""
    if value is None or value == "" or value == []:
        return "–"
    if field_name in DATE_FIELDS:
        try:
            day = as_date(value)
        except ValueError:
            return str(value)
        return fmt_date(day) if day else "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field_name == "progress":
        return f"{value} %"
    return str(value)


def describe_changes(
    changes: Mapping[str, list[Any]],
    labels: Mapping[str, str],
    fmt_date: Callable[[dt.date], str] = german_date,
) -> str:
    """'Status: laufend → pausiert; Fortschritt: 40 % → 50 %' (fields in a reader's order)."""
    order = {name: i for i, name in enumerate(CHANGE_FIELD_ORDER)}
    parts = []
    for name in sorted(changes, key=lambda n: (order.get(n, len(order)), n)):
        pair = changes[name]
        before, after = (pair[0], pair[1]) if isinstance(pair, list | tuple) else (None, pair)
        label = labels.get(name, name)
        if name in ("description", "notes"):
            # long texts: saying that they changed is enough for a change list
            parts.append(labels.get("changed", "{field} geändert").format(field=label))
            continue
        old, new = format_value(name, before, fmt_date), format_value(name, after, fmt_date)
        parts.append(f"{label}: {old} → {new}")
    return "; ".join(parts)


def changes_in_window(
    events: pd.DataFrame, measures: pd.DataFrame, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Events from ``start`` to ``end`` (both days included), newest first, with titles.

    Columns: the event columns plus title, category and the parsed change dict ``diff``.
    """
    columns = [*events.columns, "title", "category", "diff"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    day = pd.to_datetime(events["happened_at"]).dt.date
    out = events[(day >= start) & (day <= end)].copy()
    titles = dict(zip(measures["id"], measures["title"], strict=True))
    out["title"] = out["measure_id"].map(titles)
    out["category"] = out["kind"].map(CATEGORIES).fillna("edit")
    out["diff"] = out["changes"].map(parse_changes)
    out = out.sort_values(["happened_at", "id"], ascending=False)
    return out.reset_index(drop=True)[columns]


def category_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Number of events per category (every category present, zero when none)."""
    counts = changes["category"].value_counts() if len(changes) else pd.Series(dtype=int)
    return {c: int(counts.get(c, 0)) for c in CATEGORY_ORDER}


def off_track_measures(measures: pd.DataFrame, off_track_goals: Iterable[str]) -> pd.DataFrame:
    """Open measures linked to at least one off-track goal, with those goals in ``off_track``."""
    goals = set(off_track_goals)
    hits = measures["goals"].map(lambda gs: sorted(g for g in gs if g in goals))
    mask = (hits.map(len) > 0) & measures["status"].isin(OPEN_STATUSES)
    return measures[mask].assign(off_track=hits[mask])


def goals_without_measure(off_track_goals: Iterable[str], measures: pd.DataFrame) -> list[str]:
    """Off-track goals that no open measure (geplant, laufend, pausiert) names, sorted."""
    open_ = measures[measures["status"].isin(OPEN_STATUSES)] if len(measures) else measures
    covered = {g for gs in (open_["goals"] if len(open_) else []) if gs is not None for g in gs}
    return sorted(set(off_track_goals) - covered)


def status_field_counts(measures: pd.DataFrame, field_ids: Iterable[str]) -> pd.DataFrame:
    """Measures per field (rows, in catalogue order) and status (columns), with totals.

    A measure in two fields counts in both rows; the total row counts every measure once.
    """
    fields = list(field_ids)
    exploded = measures[["id", "status", "fields"]].explode("fields").dropna(subset=["fields"])
    table = pd.crosstab(exploded["fields"], exploded["status"])
    table = table.reindex(index=fields, columns=list(STATUS_ORDER), fill_value=0)
    table["gesamt"] = table.sum(axis=1)
    total = measures["status"].value_counts().reindex(list(STATUS_ORDER), fill_value=0)
    table.loc["gesamt"] = [*total.tolist(), len(measures)]
    return table.astype(int)


@dataclass
class Review:
    """Everything the weekly review shows for one window."""

    today: dt.date
    start: dt.date
    end: dt.date
    review_days: int
    measures: pd.DataFrame  # active measures with lateness columns
    changes: pd.DataFrame
    late: pd.DataFrame
    needs_review: pd.DataFrame
    off_track: pd.DataFrame
    counts: pd.DataFrame
    off_track_goals: frozenset[str] = field(default_factory=frozenset)
    uncovered_goals: list[str] = field(default_factory=list)  # off track, no open measure

    @property
    def open_measures(self) -> pd.DataFrame:
        """Measures still under way (geplant, laufend, pausiert): completed and stopped ones
        are not active."""
        return self.measures[self.measures["status"].isin(OPEN_STATUSES)]

    @property
    def attention_ids(self) -> list[int]:
        """Measures that need attention (late, review due or off track), each once, by id."""
        ids = set(self.late["id"]) | set(self.needs_review["id"]) | set(self.off_track["id"])
        return sorted(int(i) for i in ids)


def _sort_late(frame: pd.DataFrame) -> pd.DataFrame:
    """Most days behind first (overdue, then a late start, then an overdue next step)."""
    behind = frame[["overdue_days", "start_delay_days", "next_step_days"]].max(axis=1)
    return (
        frame.assign(_behind=behind.fillna(0))
        .sort_values(["_behind", "id"], ascending=[False, True])
        .drop(columns="_behind")
    )


def build_review(
    measures: pd.DataFrame,
    events: pd.DataFrame,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    field_ids: Iterable[str],
    review_days: int = DEFAULT_REVIEW_DAYS,
    off_track_goals: Iterable[str] = (),
) -> Review:
    """Assemble the review of the active measures for the window from ``start`` to ``end``."""
    active = measures[~measures["archived"]] if "archived" in measures else measures
    flagged = with_lateness(active.reset_index(drop=True), today, review_days)
    late = _sort_late(flagged[flagged["late"]])
    never = flagged["days_since_review"].isna()
    due = (
        flagged[flagged["needs_review"]]
        .assign(_never=never)
        .sort_values(["_never", "days_since_review", "id"], ascending=[False, False, True])
        .drop(columns="_never")
    )
    goals = frozenset(off_track_goals)
    return Review(
        today=today,
        start=start,
        end=end,
        review_days=review_days,
        measures=flagged,
        changes=changes_in_window(events, measures, start, end),
        late=late,
        needs_review=due,
        off_track=off_track_measures(flagged, goals),
        counts=status_field_counts(active, field_ids),
        off_track_goals=goals,
        uncovered_goals=goals_without_measure(goals, flagged),
    )
