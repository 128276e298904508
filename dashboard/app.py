"""Streamlit entry point: page configuration and navigation."""

from __future__ import annotations

import streamlit as st

from dashboard.config import PROJECT_ROOT
from dashboard.ui.shell import language, translator

PAGES_DIR = PROJECT_ROOT / "pages"


def main() -> None:
    """Configure the app and run the selected page."""
    tr = translator()
    # an emoji favicon becomes a data URI; a ":material/…:" favicon is fetched from a font CDN
    st.set_page_config(page_title=tr("app.title"), page_icon="🤝", layout="wide")
    st.session_state["lang"] = language()
    pages = {
        tr("nav.section.overview"): [
            st.Page(
                PAGES_DIR / "start.py",
                title=tr("nav.start"),
                icon=":material/home:",
                url_path="start",
                default=True,
            ),
        ],
    }
    st.navigation(pages).run()


main()
