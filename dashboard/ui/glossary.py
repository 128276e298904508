"""The glossary: every method term of the app explained in one place (German and English).

Shown as a section on the start page and as a popover in the sidebar of every page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.present.i18n import MESSAGES, t

# The terms in reading order, as in the locale files (glossary.term.<name>, glossary.text.<name>).
TERM_NAMES: tuple[str, ...] = tuple(
    key.removeprefix("glossary.term.") for key in MESSAGES if key.startswith("glossary.term.")
)


def entries(lang: str) -> list[tuple[str, str]]:
    """(term, explanation) in the language, in reading order."""
    return [
        (t(f"glossary.term.{name}", lang), t(f"glossary.text.{name}", lang)) for name in TERM_NAMES
    ]


def markdown(lang: str) -> str:
    """The glossary as a Markdown definition list."""
    return "\n".join(f"- **{term}**: {text}" for term, text in entries(lang))


def section(tr: Callable[..., str], lang: str) -> None:
    """The glossary as a folded section of a page."""
    with st.expander(tr("glossary.title"), icon=":material/menu_book:"):
        st.markdown(markdown(lang))


def popover(tr: Callable[..., str], lang: str) -> None:
    """The glossary behind a button (in the sidebar of every page)."""
    with st.popover(tr("glossary.button"), icon=":material/menu_book:", width="stretch"):
        st.markdown(f"**{tr('glossary.title')}**")
        st.markdown(markdown(lang))
