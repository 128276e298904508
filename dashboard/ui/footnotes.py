"""Footnotes under a table, chart or map: the statistics office's notes and series breaks."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from dashboard import config
from dashboard.escaping import markdown_literal
from dashboard.services.footnotes import base_ids, footnote_lines
from dashboard.ui import data
from dashboard.ui.shell import translator


def lines_for(indicator_ids: Iterable[str]) -> list[str]:
    """The footnote lines of the indicators a view shows (their parts' notes included)."""
    tr = translator()
    db = str(config.db_path())
    catalogue = data.catalogues(db)
    shown = list(dict.fromkeys(indicator_ids))
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
