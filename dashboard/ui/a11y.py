"""Accessibility fixes around Streamlit's own markup: the document language, caption contrast
and a navigation made of plain links.

Streamlit 1.67 serves ``index.html`` with a hard-coded ``<html lang="en">`` and offers no
setting for it (streamlit/streamlit#15726, the proposed ``page_lang`` of #16024 is not
released); its sidebar navigation puts ``<div>`` elements between ``<ul>`` and ``<li>``
(axe rules ``list``/``listitem``); its caption grey (#828180) has a contrast of 3.9:1 on white.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import streamlit as st

# captions, help texts and sidebar captions: darker than Streamlit's faded grey (≥ 4.5:1 on the
# white page and on the grey sidebar)
CAPTION_COLOUR = "#595856"
STYLE = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, [data-testid="stMetricDelta"],
[data-testid="stSidebar"] [data-testid="stCaptionContainer"] {{
  color: {CAPTION_COLOUR}; opacity: 1;
}}
</style>"""


def document_language(lang: str) -> None:
    """Set ``<html lang>`` to the page language (Streamlit's index.html says "en").

    A tiny script in the page (st.html runs it in the main document); it also sets the
    language again when Streamlit re-renders, which does not touch the attribute.
    """
    code = json.dumps(lang)
    st.html(
        f"<script>document.documentElement.lang = {code};</script>",
        unsafe_allow_javascript=True,
    )


def styles() -> None:
    """The contrast fixes as a style sheet (no element on the page)."""
    st.html(STYLE)


def sidebar_navigation(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The page navigation as headed groups of plain links (call it inside the sidebar).

    Replaces Streamlit's navigation list, whose markup fails the axe list rules; the current
    page is marked by Streamlit's page link."""
    with st.container(key="app_nav"):
        for section, pages in sections.items():
            st.markdown(f"**{section}**")
            for page in pages:
                st.page_link(page, label=page.title, icon=page.icon)
