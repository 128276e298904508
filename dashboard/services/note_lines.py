"""Local notes where values leave the app: profile PDF, protocol, slides, Ziel-Ist rows.

Only notes every reader may see (visible or reviewed) leave the app, with the author's
organisation and the date, never the account. A note is text: it never carries a number from
the database, so a note on a hidden value reveals nothing. Escaping is the output's job
(PDF and HTML escape it, spreadsheets neutralise formulas).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.present.format import fmt_date
from dashboard.present.i18n import t
from dashboard.services.notes import notes_for
from dashboard.store import Store

SEPARATOR = " | "


def shown_notes(store: Store, area_code: str | None = None) -> pd.DataFrame:
    """The notes any reader sees (of one district, or of all), newest first."""
    return notes_for(store, None, area_code)


def _date(value: object, lang: str) -> str:
    return fmt_date(pd.Timestamp(value).date(), lang) if pd.notna(value) else "–"


def subject(
    note: Mapping[str, object],
    indicator_names: Mapping[str, str],
    goal_labels: Mapping[str, str],
    lang: str = "de",
) -> str:
    """What a note is about, in words: indicator (and year), goal, or the district as a whole."""
    indicator, goal, period = note.get("indicator_id"), note.get("goal_id"), note.get("period")
    if isinstance(indicator, str) and indicator:
        name = indicator_names.get(indicator, indicator)
        return f"{name} {int(period)}" if period is not None and pd.notna(period) else name
    if isinstance(goal, str) and goal:
        return goal_labels.get(goal, goal)
    return t("notes.export.district", lang)


def line(note: Mapping[str, object], about: str, lang: str = "de") -> str:
    """One note as a line: subject, text, organisation and date."""
    return t(
        "notes.export.line",
        lang,
        subject=about,
        text=str(note["text"]),
        organisation=str(note["organisation"]),
        date=_date(note.get("created_at"), lang),
    )


def lines(
    notes: pd.DataFrame,
    indicator_names: Mapping[str, str],
    goal_labels: Mapping[str, str] | None = None,
    lang: str = "de",
) -> list[str]:
    """Every note of the frame as a line (for PDF sections, protocol and slide notes)."""
    goals = goal_labels or {}
    return [
        line(n, subject(n, indicator_names, goals, lang), lang) for n in notes.to_dict("records")
    ]


def row_notes(
    notes: pd.DataFrame,
    areas: Iterable[str],
    indicators: Iterable[str],
    goals: Iterable[object] | None = None,
    lang: str = "de",
) -> list[str]:
    """Per row (area, indicator[, goal]): its notes as one text ('' when none)."""
    records = notes.to_dict("records")
    out = []
    goal_list = list(goals) if goals is not None else None
    for i, (area, indicator) in enumerate(zip(areas, indicators, strict=True)):
        goal = goal_list[i] if goal_list is not None else None
        hits = [
            n
            for n in records
            if n["area_code"] == area
            and (
                n.get("indicator_id") == indicator
                or (isinstance(goal, str) and goal and n.get("goal_id") == goal)
            )
        ]
        out.append(SEPARATOR.join(_row_line(n, lang) for n in hits))
    return out


def _row_line(note: Mapping[str, object], lang: str) -> str:
    """Within a row the subject is known: the year (if the note has one) and the note."""
    period = note.get("period")
    text = t(
        "notes.export.row",
        lang,
        text=str(note["text"]),
        organisation=str(note["organisation"]),
        date=_date(note.get("created_at"), lang),
    )
    return f"{int(period)}: {text}" if period is not None and pd.notna(period) else text
