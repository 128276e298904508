"""Demo measures: schedules, reviews and event histories that fit each status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from dashboard.demo.base import DEMO_BY, rng_for
from dashboard.demo.measure_table import (
    COMMENTS,
    MEASURES,
    NEXT_STEPS,
    ORGANISATIONS,
    PAUSE_REASONS,
    STOP_REASONS,
)
from dashboard.domain.measures import (
    CANCELLED,
    CLOSED,
    COMPLETED,
    OPEN,
    PAUSED,
    PLANNED,
    RUNNING,
)
from dashboard.ingest.measures import organisation_id


def organisations() -> list[tuple[str, str, str | None]]:
    """(id, name, kind) with the same id the measure importer derives from the name."""
    return [(organisation_id(name), name, kind) for name, kind in ORGANISATIONS.values()]


def _day(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    """A random day in [start, end] (start when the range is empty)."""
    span = (end - start).days
    return start + dt.timedelta(days=int(rng.integers(0, span + 1)) if span > 0 else 0)


def _at(rng: np.random.Generator, day: dt.date) -> pd.Timestamp:
    """A time during office hours on the given day."""
    minutes = int(rng.integers(8 * 60, 17 * 60))
    return pd.Timestamp(day) + pd.Timedelta(minutes=minutes)


def _schedule(rng: np.random.Generator, status: str, today: dt.date) -> dict[str, Any]:
    """Dates and progress that fit the status, some of them late on purpose."""
    d = dt.timedelta
    m: dict[str, Any] = {"actual_start": None, "actual_end": None}
    if status == PLANNED:
        late = rng.random() < 0.3
        lo, hi = (today - d(120), today - d(20)) if late else (today + d(14), today + d(240))
        m["planned_start"] = _day(rng, lo, hi)
        m["progress"] = 0
    else:
        m["actual_start"] = _day(rng, dt.date(2022, 1, 10), today - d(60))
        m["planned_start"] = m["actual_start"] - d(int(rng.integers(0, 60)))
    m["planned_end"] = m["planned_start"] + d(int(rng.integers(180, 1100)))
    if status == RUNNING:
        # Most running measures end in the future; about one in five is overdue.
        late = rng.random() < 0.2
        lo, hi = (
            (m["actual_start"] + d(30), today - d(5)) if late else (today + d(30), today + d(900))
        )
        m["planned_end"] = _day(rng, lo, hi)
        span = max((m["planned_end"] - m["actual_start"]).days, 1)
        done = (today - m["actual_start"]).days / span
        m["progress"] = int(np.clip(round(100 * done * rng.uniform(0.6, 1.0), -1), 10, 90))
    elif status in CLOSED:
        m["actual_end"] = _day(rng, m["actual_start"] + d(60), today - d(7))
        m["progress"] = 100 if status == COMPLETED else int(rng.integers(1, 6)) * 10
        if status == COMPLETED:
            m["planned_end"] = m["actual_end"] + d(int(rng.integers(-45, 45)))
    elif status == PAUSED:
        m["progress"] = int(rng.integers(2, 7)) * 10
    return m


def _review(rng: np.random.Generator, m: dict[str, Any], today: dt.date) -> None:
    """Last review, next step and reach; a few measures are deliberately not reviewed lately."""
    d = dt.timedelta
    created = m["created_at"].date()
    draw = rng.random()
    if m["status"] in CLOSED:
        m["last_reviewed"] = min(m["actual_end"] + d(int(rng.integers(0, 30))), today)
    elif draw < 0.1:
        m["last_reviewed"] = None
    elif draw < 0.25:
        m["last_reviewed"] = _day(rng, max(created, today - d(300)), today - d(100))
    else:
        m["last_reviewed"] = _day(rng, max(created, today - d(45)), today)
    open_ = m["status"] in OPEN
    m["next_step"] = NEXT_STEPS[int(rng.integers(len(NEXT_STEPS)))] if open_ else None
    overdue = rng.random() < 0.2
    m["next_step_date"] = (
        None
        if not open_
        else _day(rng, today - d(40), today - d(3))
        if overdue
        else _day(rng, today + d(7), today + d(100))
    )
    m["reach"] = None if m["status"] == PLANNED else int(rng.integers(2, 60)) * 5
    m["budget"] = None if rng.random() < 0.3 else float(rng.integers(1, 80) * 500)


def _events(
    rng: np.random.Generator, m: dict[str, Any], by: str, today: dt.date
) -> list[dict[str, Any]]:
    """History: created, started, progress notes, end or pause, last review."""
    ev: list[dict[str, Any]] = [
        {"at": m["created_at"], "by": DEMO_BY, "kind": "angelegt", "changes": {}, "comment": None}
    ]

    def add(day: dt.date, kind: str, changes: dict[str, Any], comment: str | None) -> None:
        # Nothing can happen before the measure was created, not even on the same day.
        at = max(_at(rng, day), m["created_at"] + pd.Timedelta(minutes=5))
        ev.append({"at": at, "by": by, "kind": kind, "changes": changes, "comment": comment})

    if m["actual_start"]:
        add(m["actual_start"], "status", {"status": [PLANNED, RUNNING]}, "Gestartet.")
        until = m["actual_end"] or m["last_reviewed"] or today - dt.timedelta(days=7)
        progress_day = m["actual_start"] + (until - m["actual_start"]) / 2
        if m["progress"] >= 20:
            half = m["progress"] // 20 * 10
            add(progress_day, "geändert", {"progress": [0, half]}, None)
            add(
                progress_day + dt.timedelta(days=1),
                "kommentar",
                {},
                COMMENTS[int(rng.integers(len(COMMENTS)))],
            )
    end_reason = {PAUSED: PAUSE_REASONS, CANCELLED: STOP_REASONS}.get(m["status"])
    if m["status"] in CLOSED:
        comment = end_reason[int(rng.integers(2))] if end_reason else "Ziele erreicht."
        add(m["actual_end"], "status", {"status": [RUNNING, m["status"]]}, comment)
    elif m["status"] == PAUSED:
        # Paused in the second half of the time since the start.
        day = m["actual_start"] + (today - m["actual_start"]) * float(rng.uniform(0.5, 0.9))
        add(day, "status", {"status": [RUNNING, PAUSED]}, end_reason[int(rng.integers(2))])
    if m["last_reviewed"]:
        add(
            m["last_reviewed"],
            "geprüft",
            {"last_reviewed": [None, str(m["last_reviewed"])]},
            "Wöchentliche Durchsicht",
        )
    return sorted(ev, key=lambda e: e["at"])


def _measure(rng: np.random.Generator, row: tuple[str, ...], today: dt.date) -> dict[str, Any]:
    """One measure as Store.insert_measures expects it, with links and event history."""
    title, org, fields, goals, areas, status, origin, description = row
    name = ORGANISATIONS[org][0]
    m: dict[str, Any] = {
        "title": title, "description": description, "fields": fields.split(),
        "goals": goals.split(), "areas": areas.split(), "organisation": name,
        "organisation_id": organisation_id(name), "contact": f"Koordination, {name} (Demo)",
        "status": status, "origin": origin, "notes": None, "is_demo": True,
    }  # fmt: skip
    m.update(_schedule(rng, status, today))
    first = m["actual_start"] or m["planned_start"]
    created_day = min(first - dt.timedelta(days=int(rng.integers(20, 120))), today)
    m["created_at"] = _at(rng, created_day)
    others = [ORGANISATIONS[k][0] for k in ORGANISATIONS if k != org]
    picks = rng.choice(len(others), size=int(rng.integers(0, 3)), replace=False)
    m["partners"] = "; ".join(others[i] for i in sorted(picks)) or None
    _review(rng, m, today)
    if m["last_reviewed"] is not None and m["last_reviewed"] < created_day:
        m["last_reviewed"] = created_day
    by = {"nw91": "Stadtteilnetzwerk Berg Fidel (Demo)", "nw61": "Stadtteilnetzwerk Coerde (Demo)"}
    m["events"] = _events(rng, m, by.get(org, DEMO_BY), today)
    return m


def measures(seed: int, today: dt.date) -> list[dict[str, Any]]:
    """All demo measures, in table order."""
    rng = rng_for(seed, "measures")
    return [_measure(rng, row, today) for row in MEASURES]
