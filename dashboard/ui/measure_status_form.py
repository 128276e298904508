"""The widgets to change a measure's status (with its implied dates and progress) and archive it.

The rules (allowed transitions, implied changes, when a comment is needed) are in
``dashboard.domain.measures`` and ``dashboard.services.measure_edit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.catalogues import Catalogue
from dashboard.domain import measures as ms
from dashboard.services.measure_edit import (
    display_value,
    merged,
    normalise,
    problems_by_field,
    status_changes,
    validate,
)
from dashboard.ui.measure_form import DATE_MIN

Tr = Callable[..., str]


def _status_inputs(
    key: str, current: str | None, today: dt.date, tr: Tr, compact: bool
) -> tuple[str | None, dt.date, str]:
    """The new status, the day of the change and the comment."""
    options = list(ms.transitions(current))
    cols = st.columns([1, 1] if compact else [1, 1, 2])
    new = cols[0].selectbox(
        tr("mn.status.new"),
        options,
        format_func=lambda s: tr(f"status.{s}"),
        key=f"{key}.status",
        index=None,
        placeholder=tr("mn.status.choose"),
    )
    day = cols[1].date_input(
        tr("mn.status.day"),
        value=today,
        max_value=today,
        min_value=DATE_MIN,
        key=f"{key}.day",
        format="DD.MM.YYYY",
        help=tr("mn.status.day.help"),
    )
    comment = (st if compact else cols[2]).text_input(
        tr("mn.comment"), key=f"{key}.comment", placeholder=tr("mn.status.comment.placeholder")
    )
    return new, day, comment


def _changes(key: str, b: dict[str, Any], new: str, day: dt.date, tr: Tr) -> dict[str, Any]:
    """What the change sets; asks for the progress where the new status needs it."""
    changes = status_changes(b, new, day)
    if not ms.asks_progress(new, changes):
        return changes
    default = int(changes.get("progress", b.get("progress") or 0))
    progress = st.slider(
        tr("mf.progress"),
        0,
        100,
        default,
        step=5,
        key=f"{key}.progress.{new}",
        format="%d %%",
    )
    return status_changes(b, new, day, progress)


def _show_implied(changes: dict[str, Any], tr: Tr, lang: str) -> None:
    """A caption naming the fields the change fills in besides the status."""
    implied = [k for k in changes if k != "status"]
    if implied:
        fields = ", ".join(
            f"{tr('mf.' + k)} → {display_value(k, changes[k], tr, lang)}" for k in implied
        )
        st.caption(tr("mn.status.implied", fields=fields))


def status_form(
    key: str,
    base: Mapping[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    tr: Tr,
    lang: str = "de",
    compact: bool = False,
) -> tuple[dict[str, Any], str] | None:
    """New status with a comment; fills in start/end dates and progress; returns changes."""
    b = normalise(base)
    new, day, comment = _status_inputs(key, b.get("status"), today, tr, compact)
    if new is None:
        return None
    changes = _changes(key, b, new, day, tr)
    _show_implied(changes, tr, lang)
    problems = validate(merged(b, changes), catalogue, today)
    for column, texts in problems_by_field(problems).items():
        for text in texts:
            st.error(tr("mn.form.problem", field=tr(f"mf.{column}"), text=text))
    needs_comment = ms.needs_comment(new) and not comment.strip()
    if needs_comment:
        st.caption(tr("mn.status.comment_needed"))
    clicked = st.button(
        tr("mn.status.save", status=tr(f"status.{new}")),
        key=f"{key}.save",
        type="primary",
        disabled=bool(problems) or needs_comment,
    )
    return (changes, comment.strip()) if clicked else None


def archive_form(key: str, tr: Tr) -> str | None:
    """Archive with a reason (never delete): returns the reason when confirmed."""
    st.caption(tr("mn.archive.explain"))
    reason = st.text_input(tr("mn.archive.reason"), key=f"{key}.reason")
    confirmed = st.checkbox(tr("mn.archive.confirm"), key=f"{key}.confirm")
    clicked = st.button(
        tr("mn.archive.button"),
        key=f"{key}.button",
        icon=":material/archive:",
        disabled=not (confirmed and reason.strip()),
    )
    return reason.strip() if clicked else None
