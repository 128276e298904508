"""The detail of one measure: header with flags, facts, links and its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis.lateness import (
    FLAGS,
    with_lateness,
)
from dashboard.analysis.review_protocol import flag_texts
from dashboard.escaping import user_markdown
from dashboard.present.format import fmt_date
from dashboard.services.measure_edit import display_value
from dashboard.services.measure_register import (
    KIND_ICONS,
    field_labels,
    timeline_rows,
)
from dashboard.ui.measure_views import page_link, review_days

FLAG_COLORS = {
    "overdue": "red", "started_late": "orange", "next_step_overdue": "orange",
    "needs_review": "violet", "finished_late": "gray",
}  # fmt: skip


def flag_badges(row: Mapping[str, Any], tr: Callable[..., str], lang: str) -> None:
    """Coloured badges for the flags a measure carries, with the days behind them."""
    labels = {f"flag.{f}": tr(f"flag.long.{f}") for f in FLAGS}
    labels["flag.needs_review_never"] = tr("flag.long.needs_review_never")
    texts = flag_texts(row, labels, lambda d: fmt_date(d, lang))
    for flag, text in zip([f for f in FLAGS if row.get(f)], texts, strict=True):
        st.badge(text, color=FLAG_COLORS[flag], icon=":material/schedule:")


def facts(
    m: Mapping[str, Any], tr: Callable[..., str], lang: str, names: dict[str, dict[str, str]]
) -> None:
    """Key facts of a measure in two columns (label: value)."""

    def line(key: str) -> str:
        value = display_value(key, m.get(key), tr, lang, names.get(key, {}))
        return f"**{tr('mf.' + key)}:** {user_markdown(value)}"

    left, right = st.columns(2)
    who = ("organisation_id", "contact", "partners", "origin", "reach", "budget", "fields")
    when = (
        "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
        "next_step", "next_step_date",
    )  # fmt: skip
    left.markdown("  \n".join(line(k) for k in who))
    right.markdown("  \n".join(line(k) for k in when))
    if m.get("description"):
        st.markdown(user_markdown(m["description"]))
    if m.get("notes"):
        st.caption(f"{tr('mf.notes')}: {user_markdown(m['notes'])}")


def links(m: Mapping[str, Any], tr: Callable[..., str], names: dict[str, dict[str, str]]) -> None:
    """Links to every district profile and goal the measure touches."""
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('mf.areas')}**")
        if not m.get("areas"):
            st.caption(tr("mn.citywide"))
        for code in m.get("areas") or []:
            page_link(
                "stadtteil.py",
                names["areas"].get(code, code),
                {"stadtteil": code},
                ":material/location_city:",
            )
    with right:
        st.markdown(f"**{tr('mf.goals')}**")
        if not m.get("goals"):
            st.caption(tr("mn.no_goals"))
        for goal in m.get("goals") or []:
            page_link(
                "handlungsfelder.py",
                names["goals"].get(goal, goal),
                {"ziel": goal},
                ":material/flag:",
            )


def timeline(events_of_one: pd.DataFrame, tr: Callable[..., str], lang: str) -> None:
    """The history of one measure as a timeline, newest first."""
    rows = timeline_rows(events_of_one, field_labels(tr), lambda d: fmt_date(d, lang))
    if not rows:
        st.caption(tr("mn.timeline.empty"))
    for row in rows:
        icon = KIND_ICONS.get(row["kind"], ":material/circle:")
        kind = tr("event." + row["kind"])
        body = [f"{icon} **{fmt_date(row['at'], lang)}** · {row['actor']} · {kind}"]
        if row["text"]:
            body.append(row["text"])
        if row["comment"]:
            body.append(f"„{row['comment']}“")
        st.markdown(user_markdown("  \n".join(body)))


def detail_header(m: Mapping[str, Any], today: dt.date, tr: Callable[..., str], lang: str) -> None:
    """Title, status, flags and the key numbers of one measure."""
    flagged = with_lateness(pd.DataFrame([m]), today, review_days()).iloc[0].to_dict()
    st.subheader(user_markdown(m["title"]))
    badges = st.container(horizontal=True)
    with badges:
        st.badge(tr(f"status.{m['status']}"), color="blue", icon=":material/flag_circle:")
        if m.get("archived"):
            st.badge(tr("mn.archived"), color="gray", icon=":material/archive:")
        flag_badges(flagged, tr, lang)
    cols = st.columns(4)
    cols[0].metric(tr("mf.progress"), f"{int(m.get('progress') or 0)} %")
    cols[1].metric(
        tr("mf.planned_end"), display_value("planned_end", m.get("planned_end"), tr, lang)
    )
    cols[2].metric(
        tr("mf.last_reviewed"), display_value("last_reviewed", m.get("last_reviewed"), tr, lang)
    )
    cols[3].metric(tr("mn.version"), int(m["version"]))
