"""Page chrome shared by all pages: language, data-status badge, and the error guard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from dashboard.errors import LeitbildError
from dashboard.exports import data_status
from dashboard.present.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from dashboard.ui import url_state


def language() -> str:
    """The UI language from the URL (?lang=en) or the session, German by default."""
    lang = url_state.raw("lang") or st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translator() -> Callable[..., str]:
    """``t`` bound to the current language."""
    lang = language()
    return lambda key, **values: t(key, lang, **values)


def data_status_badge(summary: dict[str, object]) -> None:
    """Show whether the page shows demo data, real data, or both."""
    tr = translator()
    status = data_status(summary)
    if status == "demo":
        st.badge(tr("data.demo"), icon=":material/science:", color="orange")
        st.caption(tr("data.demo_help"))
    elif status == "mixed":
        st.badge(tr("data.mixed"), icon=":material/science:", color="orange")
        st.caption(tr("data.mixed_help"))
    elif status == "real":
        st.badge(tr("data.real"), icon=":material/verified:", color="green")


def status_title(title: str, summary: dict[str, object]) -> str:
    """A chart title that says demo on demo data: the figure (and a PNG of it) says it itself."""
    status = data_status(summary)
    if status not in ("demo", "mixed"):
        return title
    return f"{title}<br><i>{translator()('data.' + status)}</i>"


@contextmanager
def guarded() -> Iterator[None]:
    """Show known errors as a clear message instead of a traceback."""
    try:
        yield
    except LeitbildError as err:
        st.error(translator()("error.generic", message=err.user_message()))


def figure_row() -> Any:
    """A row for key figures that wraps on a narrow screen; give each metric width="content".

    st.columns stack one figure per line on a phone: four figures filled its first screen.
    """
    return st.container(horizontal=True, gap="medium")
