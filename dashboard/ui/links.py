"""Links between pages that also work when a page runs on its own (tests, bench)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.config import PROJECT_ROOT


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation: script, title key, icon, URL path and section key."""

    script: str
    title: str
    icon: str
    url_path: str
    section: str


def page_link(
    script: str,
    url_path: str,
    label: str,
    icon: str | None = None,
    query: dict[str, str] | None = None,
) -> None:
    """st.page_link to ``pages/<script>`` (keeps the session); outside the app's navigation a
    plain Markdown link to ``/<url_path>?query``."""
    try:
        st.page_link(
            PROJECT_ROOT / "pages" / script, label=label, icon=icon, query_params=query or None
        )
    except StreamlitAPIException:  # the page runs without st.navigation
        suffix = f"?{urlencode(query)}" if query else ""
        st.markdown(f"[{label}](/{url_path}{suffix})")
