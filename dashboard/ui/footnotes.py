"""Footnotes under a table, chart or map: the statistics office's notes and series breaks."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from dashboard import config
from dashboard.escaping import markdown_literal
from dashboard.services.footnotes import base_ids, footnote_lines
from dashboard.ui import data
from dashboard.ui.shell import language, translator


def lines_for(indicator_ids: Iterable[str]) -> list[str]:
    """The footnote lines of the indicators a view shows (their parts' notes included)."""
    shown = tuple(dict.fromkeys(indicator_ids))
    return _lines(str(config.db_path()), shown, language())


# cached: matching notes to hundreds of indicators took ~25 ms a call at 10x, several a rerun
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=256)
def _lines(db: str, shown: tuple[str, ...], lang: str) -> list[str]:
    """The footnote lines of these indicators in one language (``lang`` keys the cache)."""
    tr = translator()
    catalogue = data.catalogues(db)
    stored = tuple(sorted(base_ids(catalogue, shown)))
    if not stored:
        return []
    notes = data.observation_notes(db, stored)
    return footnote_lines(notes, catalogue, shown, tr("footnotes.break"))


def show(indicator_ids: Iterable[str]) -> list[str]:
    """Print the footnotes as a caption (nothing when there are none); returns the lines."""
    lines = lines_for(indicator_ids)
    if lines:
        tr = translator()
        body = "  \n".join(markdown_literal(line) for line in lines)
        st.caption(f"**{tr('footnotes.title')}**  \n{body}")
    return lines


def download_rows(lines: list[str]) -> list[tuple[str, str]]:
    """The footnotes as rows of a download's notes sheet."""
    tr = translator()
    return [(tr("footnotes.title"), line) for line in lines]
