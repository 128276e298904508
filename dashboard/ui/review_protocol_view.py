"""The weekly review's protocol: notes, preview, downloads, saving by date, earlier protocols.

The protocol of a week is built once per review, viewer kind, notes and language and cached
(building it was about a quarter of a click on the review page); the networks' local notes
are added on every run, since a note can be written in any session at any time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st

from dashboard.analysis.review import Review
from dashboard.analysis.review_labels import PROTOCOL_EXTRA_DE, PROTOCOL_LABELS_DE
from dashboard.analysis.review_protocol import build_protocol, protocol_markdown
from dashboard.auth import guard
from dashboard.escaping import user_markdown
from dashboard.present.format import fmt_date
from dashboard.reports import protocol_export
from dashboard.services import measure_register, note_lines
from dashboard.ui import actors, data, login, measure_session, progress_data
from dashboard.ui import measure_views as views
from dashboard.ui.goal_names import goal_names

Tr = Callable[..., str]


def section(review: Review, review_key: Hashable, editor: str, db: str, tr: Tr, lang: str) -> None:
    """Heading, the notes field, the preview and the actions.

    ``review_key`` names ``review`` (the arguments it was computed from): with the viewer
    kind, the notes and the language it keys the cached protocol.
    """
    st.subheader(tr("rv.protocol"))
    st.caption(tr("rv.protocol.explain"))
    notes = st.text_area(
        tr("rv.protocol.notes"),
        key="rv.notes",
        height=100,
        placeholder=tr("rv.protocol.notes.placeholder"),
    )
    sees = actors.sees_accounts()  # the review's events name accounts or roles
    title, markdown = _protocol(review_key, sees, editor, notes or "", lang, db, review, tr)
    markdown = with_local_notes(markdown, db, tr, lang)
    with st.expander(tr("rv.protocol.preview")):
        st.markdown(markdown)
    actions(review, markdown, title, editor, db, tr, lang)


@data.register_cache  # target writes and new data
@progress_data.measure_dependent  # measure writes
@st.cache_data(max_entries=32, show_spinner=False)
def _protocol(
    review_key: Hashable,
    sees_accounts: bool,
    editor: str,
    notes: str,
    lang: str,
    db: str,
    _review: Review,
    _tr: Tr,
) -> tuple[str, str]:
    """The protocol's title and Markdown (without the local notes).

    ``review_key`` and ``sees_accounts`` only key the cache: they name ``_review`` as passed.
    """
    del review_key, sees_accounts
    labels = {k: _tr(f"rv.p.{k}") for k in PROTOCOL_LABELS_DE}
    labels.update({k: _tr(f"rv.p.{k}") for k in PROTOCOL_EXTRA_DE})
    protocol = build_protocol(
        _review,
        editor,
        notes,
        labels,
        measure_register.field_labels(_tr),
        lambda d: fmt_date(d, lang),
        goal_names(db, _tr),
    )
    return protocol.title, protocol_markdown(protocol)


def with_local_notes(markdown: str, db: str, tr: Tr, lang: str) -> str:
    """The protocol with the networks' local notes as they stand now (issue 19)."""
    cat = data.catalogues(db)
    return protocol_export.with_local_notes(
        markdown,
        note_lines.shown_notes(data.store()),
        dict(zip(cat.areas["code"], cat.areas["name"], strict=True)),
        dict(zip(cat.indicators["id"], cat.indicators["name"], strict=True)),
        goal_names(db, tr),
        lang,
    )


def actions(
    review: Review, markdown: str, title: str, editor: str, db: str, tr: Tr, lang: str
) -> None:
    """Downloads (Markdown, Word), saving under today's date, and the earlier protocols."""
    cols = st.columns(3)
    cols[0].download_button(
        tr("rv.protocol.md"),
        protocol_export.markdown_bytes(markdown),
        protocol_export.file_name(review.today, "md"),
        mime=protocol_export.MARKDOWN_MIME,
        icon=":material/download:",
        key="rv.dl.md",
    )
    cols[1].download_button(
        # built when clicked (in Streamlit's download thread), not on every rerun
        tr("rv.protocol.docx"),
        lambda: protocol_export.docx_bytes(markdown, title, editor),
        protocol_export.file_name(review.today, "docx"),
        mime=protocol_export.DOCX_MIME,
        icon=":material/description:",
        key="rv.dl.docx",
    )
    stored = views.protocols(db)
    today_saved = stored[pd.to_datetime(stored["review_date"]).dt.date == review.today]
    if cols[2].button(
        tr("rv.protocol.save"),
        type="primary",
        icon=":material/save:",
        key="rv.save",
        disabled=not login.may("protocol.save"),
    ):
        guard.save_protocol(data.store(), login.current_user(), review.today, markdown)
        views.clear_caches()
        day = fmt_date(review.today, lang)
        st.session_state[measure_session.FLASH_KEY] = tr("rv.protocol.saved", date=day)
        st.rerun()
    if not today_saved.empty:
        row = today_saved.iloc[0]
        at = fmt_date(pd.Timestamp(row["updated_at"]).to_pydatetime(), lang)
        who, version = actors.public_name(row["created_by"], tr), int(row["version"])
        st.caption(tr("rv.protocol.exists", who=who, version=version, at=at))
    earlier(stored, tr, lang)


def earlier(stored: pd.DataFrame, tr: Tr, lang: str) -> None:
    """Earlier protocols, one per review date, downloadable as they were saved."""
    if stored.empty:
        return
    if not actors.sees_accounts():  # stored minutes name accounts in their text
        st.caption(tr("rv.protocol.earlier.team", n=len(stored)))
        return
    with st.expander(tr("rv.protocol.earlier", n=len(stored))):
        dates: list[dt.date] = [pd.Timestamp(d).date() for d in stored["review_date"]]
        day = st.selectbox(
            tr("rv.protocol.date"),
            dates,
            format_func=lambda d: fmt_date(d, lang),
            key="rv.earlier",
        )
        row = stored.iloc[dates.index(day)]
        st.caption(tr("rv.protocol.by", who=row["created_by"], version=int(row["version"])))
        left, right = st.columns(2)
        left.download_button(
            tr("rv.protocol.md"),
            protocol_export.markdown_bytes(row["content"]),
            protocol_export.file_name(day, "md"),
            mime=protocol_export.MARKDOWN_MIME,
            key="rv.old.md",
        )
        right.download_button(
            tr("rv.protocol.docx"),
            protocol_export.docx_bytes(row["content"]),
            protocol_export.file_name(day, "docx"),
            mime=protocol_export.DOCX_MIME,
            key="rv.old.docx",
        )
        st.markdown(user_markdown(row["content"]))
