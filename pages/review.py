"""Wochenreview: what changed, what is late or due for review, quick actions, the protocol.

URL: /review?zeitraum=JJJJ-MM-TT,JJJJ-MM-TT&tage=N&kategorie=… (window: the last 7 days
unless chosen otherwise).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import clock, config
from dashboard.analysis.review import (
    CATEGORY_ORDER,
    Review,
    category_counts,
    default_window,
)
from dashboard.ids import parse_id
from dashboard.present.format import fmt_date
from dashboard.services import measure_edit, measure_register
from dashboard.ui import (
    actors,
    data,
    downloads,
    login,
    measure_conflicts,
    measure_review_views,
    measure_sections,
    measure_session,
    review_protocol_view,
    share,
    url_state,
)
from dashboard.ui import measure_views as views
from dashboard.ui.goal_names import goal_names
from dashboard.ui.shell import data_status_badge, guarded, language, translator
from dashboard.ui.tables import show_table

tr = translator()
lang = language()
db = str(config.db_path())
PAGE = "review"


def controls(today: dt.date) -> tuple[dt.date, dt.date, int]:
    """The review window (default: the last 7 days) and the review interval, kept in the URL."""
    left, right = st.columns([2, 1])
    default = default_window(today)
    url_state.sync(PAGE, "zeitraum", "rv.window", lambda t: url_state.dates(t, default, today))
    start, end = default
    chosen = left.date_input(
        tr("rv.window"),
        max_value=today,
        key="rv.window",
        format="DD.MM.YYYY",
        help=tr("rv.window.help"),
    )
    if isinstance(chosen, tuple | list) and len(chosen) == 2:
        start, end = chosen
    elif isinstance(chosen, tuple | list) and len(chosen) == 1:
        start = end = chosen[0]
    url_state.write(PAGE, "zeitraum", None if (start, end) == default else f"{start},{end}")
    days_default = views.review_days()
    url_state.sync(
        PAGE, "tage", "rv.days", lambda t: url_state.parse(t, range(1, 366), days_default, parse_id)
    )
    days = right.number_input(
        tr("rv.review_days"),
        min_value=1,
        max_value=365,
        step=1,
        key="rv.days",
        help=tr("rv.review_days.help"),
    )
    url_state.write(PAGE, "tage", None if int(days) == days_default else int(days))
    return start, end, int(days)


def metrics(review: Review, goals_off: set[str] | None) -> None:
    """The numbers of the week at a glance: measures and goals counted apart, each defined."""
    row = st.container(horizontal=True, gap="medium")
    metric = partial(row.metric, width="content")
    metric(tr("rv.m.changes"), len(review.changes), help=tr("rv.kpi.changes_help"))
    metric(tr("rv.m.late"), len(review.late), help=tr("rv.kpi.late_help"))
    metric(
        tr("rv.m.due"),
        len(review.needs_review),
        help=tr("rv.kpi.due_help", days=review.review_days),
    )
    if goals_off is not None:
        metric(tr("rv.kpi.goals_off"), len(goals_off), help=tr("rv.kpi.goals_off_help"))
        metric(
            tr("rv.kpi.uncovered"), len(review.uncovered_goals), help=tr("rv.kpi.uncovered_help")
        )
    metric(tr("rv.kpi.off_measures"), len(review.off_track), help=tr("rv.kpi.off_measures_help"))
    closed = len(review.measures) - len(review.open_measures)
    metric(tr("rv.kpi.open"), len(review.open_measures), help=tr("rv.kpi.open_help", closed=closed))


def uncovered_section(review: Review, names: dict[str, str]) -> None:
    """Ziele abseits ohne Maßnahme: the team's central steering question, by name."""
    st.subheader(f"{tr('rv.p.uncovered')} ({len(review.uncovered_goals)})")
    st.caption(tr("rv.p.uncovered_explain"))
    if not review.uncovered_goals:
        st.success(tr("rv.uncovered.none"), icon=":material/task_alt:")
        return
    st.markdown("\n".join(f"- {names.get(g, g)}" for g in review.uncovered_goals))


def _keep_open(mid: int) -> None:
    """After a quick action the measure's panel stays open (its label may have changed)."""
    st.session_state["rv.open"] = mid
    views.clear_caches()


def what_changed(review: Review) -> None:
    """Events of the window by category, newest first."""
    counts = category_counts(review.changes)
    start, end = fmt_date(review.start, lang), fmt_date(review.end, lang)
    st.subheader(tr("rv.changed", start=start, end=end))
    st.caption(" · ".join(f"{counts[c]} {tr('rv.cat.' + c)}" for c in CATEGORY_ORDER))
    if review.changes.empty:
        st.info(tr("rv.changed.none"), icon=":material/history_toggle_off:")
        return
    offered = [c for c in CATEGORY_ORDER if counts[c]]
    url_state.sync(
        PAGE, "kategorie", "rv.cats", lambda items: [c for c in items if c in offered], many=True
    )
    chosen = st.pills(
        tr("rv.changed.filter"),
        offered,
        selection_mode="multi",
        format_func=lambda c: tr(f"rv.cat.{c}"),
        key="rv.cats",
    )
    shown = review.changes
    if chosen:
        shown = shown[shown["category"].isin(chosen)]
    url_state.write(PAGE, "kategorie", list(chosen or []))
    measure_review_views.changes_table(measure_register.change_rows(shown, tr, lang), tr)


def _read_only(rows: list[dict], extra: dict[int, list[str]]) -> None:
    """The attention list's panels with each measure's summary, for a reader (cached)."""
    opened = [st.session_state.get("rv.open") == int(r["id"]) for r in rows]
    row_labels = [
        measure_register.attention_label(r, tr, extra.get(int(r["id"]), [])) for r in rows
    ]
    measure_review_views.read_only_list(rows, row_labels, opened, tr, lang, labels)


def attention_list(
    frame: pd.DataFrame,
    heading: str,
    empty: str,
    extra: dict[int, list[str]],
    above: int = 0,
) -> None:
    """Measures needing attention, each with the quick actions in place.

    ``above`` counts the measures of this kind already listed in an earlier section.
    """
    st.subheader(f"{heading} ({len(frame) + above})")
    if above:
        st.caption(tr("rv.above", n=above))
    if frame.empty:
        st.success(empty, icon=":material/task_alt:")
        return
    rows = measure_review_views.listed(frame, key := f"rv.more.{heading}")
    if not login.may("measure.review"):  # no quick actions: the summaries only, replayed
        _read_only(rows, extra)
        measure_review_views.more(len(frame), len(rows), key, tr)
        return
    for row in rows:
        mid = int(row["id"])
        base = measure_edit.normalise(row)
        label = measure_register.attention_label(row, tr, extra.get(mid, []))
        opened = measure_conflicts.has_conflict(mid) or st.session_state.get("rv.open") == mid
        saved = partial(_keep_open, mid)
        with st.expander(label, expanded=opened):
            measure_review_views.attention_summary(row, tr, lang, labels)
            measure_conflicts.conflict_panel(
                store, mid, catalogue, today, tr, lang, labels, views.clear_caches
            )
            if not measure_conflicts.require_editor(tr, base, "measure.review", quiet=True):
                continue
            left, middle, right = st.columns([1, 1, 1.4])
            with left:
                st.markdown(f"**{tr('rv.action.review')}**")
                measure_sections.review_section(store, base, today, tr, saved)
            with middle:
                st.markdown(f"**{tr('rv.action.step')}**")
                measure_sections.next_step_section(store, base, today, tr, saved)
                measure_sections.planned_end_section(store, base, tr, saved)
            with right:
                st.markdown(f"**{tr('rv.action.status')}**")
                measure_sections.status_section(
                    store,
                    base,
                    catalogue,
                    today,
                    tr,
                    lang,
                    saved,
                    key=f"rv.{mid}.v{base['version']}.sc",
                    compact=True,
                )
    measure_review_views.more(len(frame), len(rows), key, tr)


with guarded():
    store = data.store()
    summary = data.summary(db)
    today = clock.today()
    st.title(tr("rv.title"))
    st.caption(tr("rv.subtitle", today=fmt_date(today, lang)))
    data_status_badge(summary)
    editor = measure_conflicts.editor_name(tr)
    measure_session.flash()
    catalogue = data.catalogues(db)
    labels = views.option_labels(db, lang)
    measures = views.measures(db)
    if measures.empty:
        st.info(tr("mn.empty"), icon=":material/inbox:")
        st.stop()
    start, end, days = controls(today)
    goals_off = views.off_track_goals(db)
    fields = tuple(catalogue.frames["field"]["id"])
    review_args = (db, today, start, end, fields, days, tuple(sorted(goals_off or ())))
    review = views.review(*review_args)
    review = dataclasses.replace(review, changes=actors.public_events(review.changes, tr))
    metrics(review, goals_off)
    if not login.may("protocol.save"):
        login.hint(tr, "login" if login.current_user() is None else "role")
    what_changed(review)

    st.divider()
    late_ids = set(review.late["id"])
    due = review.needs_review[~review.needs_review["id"].isin(late_ids)]
    shown = late_ids | set(due["id"])
    off = review.off_track[~review.off_track["id"].isin(shown)]
    names = goal_names(db, tr)
    goal_notes = measure_review_views.goal_notes(review.off_track, names, tr)
    if goals_off is not None:
        uncovered_section(review, names)
    attention_list(review.late, tr("rv.late"), tr("rv.late.none"), goal_notes)
    due_above = len(review.needs_review) - len(due)
    attention_list(due, tr("rv.due", days=days), tr("rv.due.none"), goal_notes, due_above)
    if goals_off is None:
        st.subheader(tr("rv.off_track"))
        st.info(tr("rv.off_track.unavailable"), icon=":material/insights:")
    else:
        off_above = len(review.off_track) - len(off)
        attention_list(off, tr("rv.off_track"), tr("rv.off_track.none"), goal_notes, off_above)

    st.divider()
    st.subheader(tr("rv.counts"))
    counts = review.counts.rename(
        columns=lambda s: tr(f"status.{s}") if s != "gesamt" else tr("rv.total")
    )
    field_short = dict(
        zip(catalogue.frames["field"]["id"], catalogue.frames["field"]["short"], strict=True)
    )
    counts.index = [
        f"{i} {field_short[i]}" if i in field_short else tr("rv.total") for i in counts.index
    ]
    show_table(counts, width="stretch", height=38 + 35 * len(counts), placeholder="–")
    downloads.offer(
        lambda c=counts: c.rename_axis(tr("col.field")).reset_index(),
        tr("dl.title.review_counts"),
        "rv_counts",
    )
    st.caption(tr("rv.counts.explain"))

    st.divider()
    review_protocol_view.section(review, review_args, editor or "", db, tr, lang)
    share.share_box(PAGE, tr)  # links: short link and iframe snippet
