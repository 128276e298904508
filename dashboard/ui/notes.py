"""The local notes widget: notes shown where the value is shown, the form for networks.

Pages call ``notes_section`` with what the notes are about; the checked writes and the reader's
view come from dashboard.services.notes. User text is shown as literal text (no Markdown, no
HTML, no images).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.auth.roles import User
from dashboard.domain.notes import HIDDEN, MAX_TEXT, REVIEWED, NoteTarget
from dashboard.errors import LeitbildError
from dashboard.escaping import markdown_literal
from dashboard.present.format import fmt_date
from dashboard.services import notes as svc
from dashboard.store import Store

Tr = Callable[..., str]


def _about(row: pd.Series, tr: Tr, indicator_names: dict[str, str], goals: dict[str, str]) -> str:
    """What a note is about, in words."""
    if isinstance(row["indicator_id"], str):
        name = indicator_names.get(row["indicator_id"], "")
        if pd.notna(row["period"]):
            return tr("notes.about_indicator", indicator=name, period=int(row["period"]))
        return tr("notes.about_indicator_all", indicator=name)
    if isinstance(row["goal_id"], str):
        return tr("notes.about_goal", goal=goals.get(row["goal_id"], ""))
    return tr("notes.about_district")


def _moderation(store: Store, user: User | None, row: pd.Series, tr: Tr) -> None:
    """Status line and the KI team's buttons (review, hide, show again)."""
    status = tr(f"notes.status.{row['status']}")
    st.caption(tr("notes.status_line", status=status, author=row.get("author", "")))
    actions = [("review", "notes.review")] if row["status"] not in (REVIEWED, HIDDEN) else []
    actions.append(("show", "notes.show") if row["status"] == HIDDEN else ("hide", "notes.hide"))
    buttons = st.container(horizontal=True)
    for action, label in actions:
        if buttons.button(tr(label), key=f"note_{action}_{row['id']}", type="tertiary"):
            try:
                svc.moderate_note(store, user, int(row["id"]), int(row["version"]), action)
                st.toast(tr("notes.moderated"))
            except LeitbildError as err:
                st.error(err.user_message())
            st.rerun()


def show_notes(
    store: Store,
    user: User | None,
    notes: pd.DataFrame,
    tr: Tr,
    lang: str,
    indicator_names: dict[str, str],
    goals: dict[str, str],
) -> None:
    """Each note with organisation, date and what it is about."""
    if notes.empty:
        st.caption(tr("notes.none"))
    moderate = svc.may_moderate(user)
    for _, row in notes.iterrows():
        with st.container(border=True):
            date = fmt_date(pd.Timestamp(row["created_at"]).date(), lang)
            meta = tr("notes.meta", organisation=row["organisation"], date=date)
            about = _about(row, tr, indicator_names, goals)
            st.markdown(f"**{markdown_literal(meta)}** · {markdown_literal(about)}")
            lines = [markdown_literal(line) for line in str(row["text"]).split("\n")]
            st.markdown("  \n".join(lines))
            if moderate:
                _moderation(store, user, row, tr)


def note_form(
    store: Store,
    user: User | None,
    target: NoteTarget,
    district_name: str,
    tr: Tr,
    periods: list[int] | None = None,
) -> None:
    """The writing form, shown only to users who may write for the district."""
    if not svc.may_write(user, store, target.area_code):
        return
    key = f"note_form_{target.area_code}_{target.indicator_id}_{target.goal_id}"
    with st.expander(tr("notes.write"), icon=":material/edit_note:"), st.form(key, border=False):
        text = st.text_area(tr("notes.text"), max_chars=MAX_TEXT, help=tr("notes.text_help"))
        organisation = st.text_input(
            tr("notes.organisation"), value=tr("notes.organisation_default", district=district_name)
        )
        period = target.period
        if periods:
            options = [None, *sorted(periods, reverse=True)]
            period = st.selectbox(
                tr("notes.period"),
                options,
                index=1,
                format_func=lambda p: tr("notes.period_all") if p is None else str(p),
            )
        if st.form_submit_button(tr("notes.save"), icon=":material/save:"):
            chosen = NoteTarget(
                target.area_code, target.indicator_id, period, target.goal_id, target.measure_id
            )
            try:
                svc.write_note(store, user, chosen, text, organisation)
                st.toast(tr("notes.saved"))
                st.rerun()
            except LeitbildError as err:
                st.error(err.user_message())


def notes_section(
    store: Store,
    user: User | None,
    target: NoteTarget,
    district_name: str,
    tr: Tr,
    lang: str,
    indicator_names: dict[str, str],
    goals: dict[str, str],
    periods: list[int] | None = None,
) -> None:
    """Heading, the notes on the target (a district: all its notes) and the writing form."""
    st.subheader(tr("notes.title"))
    st.caption(tr("notes.caption"))
    notes = svc.notes_for(store, user, target.area_code, target.indicator_id, target.goal_id)
    show_notes(store, user, notes, tr, lang, indicator_names, goals)
    note_form(store, user, target, district_name, tr, periods)


def count_text(n: int, tr: Tr) -> str:
    """'1 Hinweis vor Ort' / '3 Hinweise vor Ort' ('' for none)."""
    if n <= 0:
        return ""
    return tr("notes.count_one") if n == 1 else tr("notes.count_many", n=n)


def district_notes(
    store: Store,
    user: User | None,
    catalogue_frames: dict[str, pd.DataFrame],
    code: str,
    district_name: str,
    tr: Tr,
    lang: str,
) -> None:
    """Every note on one district (its indicators, goals and the district as a whole)."""
    indicators = catalogue_frames["indicator"]
    goals = catalogue_frames["goal"]
    notes_section(
        store,
        user,
        NoteTarget(code),
        district_name,
        tr,
        lang,
        dict(zip(indicators["id"], indicators["name"], strict=True)),
        dict(zip(goals["id"], goals["label"], strict=True)),
    )


def with_note_markers(
    texts: list[str], codes: list[str], counts: dict[str, int], tr: Tr
) -> list[str]:
    """Map hover texts with a '1 Hinweis vor Ort' line where a district has shown notes."""
    return [
        f"{text}<br><i>{count_text(counts[code], tr)}</i>" if counts.get(code) else text
        for text, code in zip(texts, codes, strict=True)
    ]


def indicator_note_counts(store: Store, indicator_id: str) -> dict[str, int]:
    """Shown notes per district for one indicator (read fresh: a new note shows at once)."""
    return svc.note_counts(store, indicator_id)
