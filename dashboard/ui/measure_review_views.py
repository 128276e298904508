"""Widgets of the weekly review: the table of changes, a summary of a measure to look at."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis.lateness import (
    FLAGS,
)
from dashboard.analysis.review_protocol import flag_texts
from dashboard.escaping import user_markdown
from dashboard.present.format import fmt_date
from dashboard.services.measure_edit import display_value
from dashboard.ui import data, downloads, progress_data
from dashboard.ui.measure_views import page_link

# Measures a review section lists at once, most urgent first; more on request. At ten times
# the demo (450 measures to look at) the full list took half a second a click and no one
# reads it in one go.
LIST_STEP = 20


def goal_notes(
    off_track: pd.DataFrame, names: Mapping[str, str], tr: Callable[..., str]
) -> dict[int, list[str]]:
    """Per off-track measure, the line naming the goals it serves that are off track."""
    return {
        int(r["id"]): [
            tr("rv.off_track.goals", goals="; ".join(names.get(g, g) for g in r["off_track"]))
        ]
        for r in off_track.to_dict("records")
    }


def listed(frame: pd.DataFrame, key: str) -> list[dict[str, Any]]:
    """The rows of an attention list shown so far (``more`` adds the next ones)."""
    return frame.head(int(st.session_state.get(key, LIST_STEP))).to_dict("records")


def more(total: int, shown: int, key: str, tr: Callable[..., str]) -> None:
    """A button under a shortened list that shows the next measures."""
    if shown >= total:
        return
    st.caption(tr("rv.more.shown", shown=shown, total=total))
    st.button(
        tr("rv.more", n=min(LIST_STEP, total - shown)),
        key=f"{key}.button",
        icon=":material/expand_more:",
        on_click=lambda: st.session_state.update({key: shown + LIST_STEP}),
    )


def changes_table(rows: pd.DataFrame, tr: Callable[..., str]) -> None:
    """The window's events; the measure column opens the measure."""
    st.dataframe(
        rows, hide_index=True, placeholder="–", width="stretch", key="rv.changes",
        height=min(38 + 35 * len(rows), 420),
        column_config={
            "at": st.column_config.DatetimeColumn(tr("rv.col.at"), format="DD.MM.YYYY, HH:mm"),
            "measure": st.column_config.LinkColumn(
                tr("rv.col.measure"), display_text=r"#(.*)$", width="large"
            ),
            "actor": st.column_config.TextColumn(tr("rv.col.actor")),
            "kind": st.column_config.TextColumn(tr("rv.col.kind")),
            "what": st.column_config.TextColumn(tr("rv.col.what"), width="large"),
            "comment": st.column_config.TextColumn(tr("rv.col.comment"), width="medium"),
        },
    )  # fmt: skip
    labels = {
        "at": tr("rv.col.at"),
        "measure": st.column_config.LinkColumn(tr("rv.col.measure"), display_text=r"#(.*)$"),
        "actor": tr("rv.col.actor"),
        "kind": tr("rv.col.kind"),
        "what": tr("rv.col.what"),
        "comment": tr("rv.col.comment"),
    }
    downloads.offer(
        lambda r=rows: downloads.labelled(r, labels), tr("dl.title.changes"), "rv_changes"
    )


def attention_summary(
    row: Mapping[str, Any], tr: Callable[..., str], lang: str, names: dict[str, dict[str, str]]
) -> None:
    """One line of facts and the flag reasons of a measure in the review."""
    org = names["organisation_id"].get(row.get("organisation_id") or "", row.get("organisation"))
    facts_ = [
        tr(f"status.{row['status']}"),
        f"{int(row.get('progress') or 0)} %",
        org or "–",
        f"{tr('mf.areas')}: "
        + (", ".join(names["areas"].get(c, c) for c in row["areas"]) or tr("mn.citywide")),
    ]
    st.caption(" · ".join(str(f) for f in facts_))
    labels = {f"flag.{f}": tr(f"flag.long.{f}") for f in FLAGS}
    labels["flag.needs_review_never"] = tr("flag.long.needs_review_never")
    texts = flag_texts(row, labels, lambda d: fmt_date(d, lang))
    step = user_markdown(row.get("next_step") or tr("rv.no_next_step"))
    step_day = display_value("next_step_date", row.get("next_step_date"), tr, lang)
    st.markdown(
        "  \n".join(
            [f":material/schedule: {t}" for t in texts]
            + [f":material/arrow_forward: **{tr('mf.next_step')}:** {step} ({step_day})"]
        )
    )
    page_link(
        "massnahmen.py",
        tr("rv.open_measure"),
        {"id": str(int(row["id"]))},
        ":material/open_in_new:",
    )


def read_only_list(
    rows: list[dict[str, Any]],
    labels: list[str],
    opened: list[bool],
    tr: Callable[..., str],
    lang: str,
    names: dict[str, dict[str, str]],
) -> None:
    """An attention list for someone who may not act on it: each measure's summary only.

    Nothing in it is a widget, so the whole list is cached with its elements and replayed; a
    reader's click costs its lookup. The key is a digest of everything shown except the
    catalogue names, which change only by writes that clear this cache.
    """
    shown = pickle.dumps((rows, labels, opened, lang))
    digest = hashlib.sha1(shown, usedforsecurity=False).hexdigest()
    _read_only_list(digest, lang, rows, labels, opened, tr, names)


@data.register_cache  # target writes and new data
@progress_data.measure_dependent  # measure writes
@st.cache_data(max_entries=64, show_spinner=False)
def _read_only_list(
    digest: str,
    lang: str,
    _rows: list[dict[str, Any]],
    _labels: list[str],
    _opened: list[bool],
    _tr: Callable[..., str],
    _names: dict[str, dict[str, str]],
) -> None:
    del digest  # names the rows in the cache key (Streamlit skips the _-arguments)
    for row, label, opened in zip(_rows, _labels, _opened, strict=True):
        with st.expander(label, expanded=opened):
            attention_summary(row, _tr, lang, _names)
