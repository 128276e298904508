"""'Link kopieren': a short link and an iframe snippet for the current view; following ?l=."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.store.short_links import PAGES, ShortLinkRepository
from dashboard.ui import data, url_state

SHORT_PARAM = "l"
# Streamlit keeps ?embed= out of st.query_params, so the app marks an embed with its own param
EMBED_PARAM, EMBED_ON = "einbetten", "ja"


def _base_url() -> str:
    """The app's address as the browser sees it (without path and query)."""
    url = str(st.context.url or "")
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if rest else ""


def share_key(page: str) -> str:
    """The session-state key of a page's share box (True while it is open)."""
    return f"share_{page}"


def share_box(page: str, tr: Callable[..., str]) -> None:
    """An expander with the view's short link and an iframe snippet (st.code copies locally)."""
    if page not in PAGES:
        return
    # filled only while open: closed, it looked up (or wrote) a short link on every run of every
    # page, and its code blocks made each first visit load and parse 1.5 MB of script
    box = st.expander(
        tr("links.share"), icon=":material/link:", key=share_key(page), on_change="rerun"
    )
    with box:
        if not box.open:
            return
        st.caption(tr("links.share.help"))
        params = url_state.everything()
        try:
            code = ShortLinkRepository(data.store()).code_for(page, params)
        except ValueError:
            st.info(tr("links.failed"))
            return
        base = _base_url()
        st.code(f"{base}/?{SHORT_PARAM}={code}", language=None)
        st.caption(tr("links.embed"))
        src = f"{base}/?{SHORT_PARAM}={code}&embed=true&{EMBED_PARAM}={EMBED_ON}"
        st.code(f'<iframe src="{src}" width="800" height="600"></iframe>', language="html")


def follow_short_link(pages: Mapping[str, Any], tr: Callable[..., str]) -> None:
    """Open the view a ?l= code names (unknown codes: a note, and the page as it is)."""
    code = url_state.raw(SHORT_PARAM)
    if not code:
        return
    found = ShortLinkRepository(data.store()).resolve(code)
    if found is None or found[0] not in pages:
        st.toast(tr("links.unknown"))
        url_state.drop(SHORT_PARAM)
        return
    page, params = found
    if embedded():
        params = {**params, EMBED_PARAM: [EMBED_ON]}
    st.switch_page(
        pages[page], query_params={k: v[-1] if len(v) == 1 else v for k, v in params.items()}
    )


# an embedded view shows the page body only: no sidebar (navigation, login, glossary) and no
# control to open it; the page's own data label and suppression are unchanged
EMBED_STYLE = """<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"] { display: none !important; }
</style>"""


def embedded() -> bool:
    """True when the view is opened for embedding (?embed=true&einbetten=ja)."""
    return url_state.raw(EMBED_PARAM) == EMBED_ON


def embed_styles() -> None:
    """Hide the sidebar in an embedded view (a style sheet, no element on the page)."""
    if embedded():
        st.html(EMBED_STYLE)
