"""Streamlit entry point: page configuration and navigation."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root, so the
# package would not import without an install; the root first also makes a checkout win over
# an installed copy (installed, the parent is site-packages, already on the path)
if (_ROOT := str(Path(__file__).resolve().parents[1])) not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st

from dashboard import config
from dashboard.config import PROJECT_ROOT
from dashboard.ui import a11y, data, freshness, glossary, login, share
from dashboard.ui.links import PageSpec
from dashboard.ui.shell import language, translator

PAGES_DIR = PROJECT_ROOT / "pages"
# This script runs on every click: PageSpec is defined in a module (imported once), since
# creating a dataclass here cost ~2 % of every page run under load.


# Pages appear in this order; a page whose script does not exist yet is left out.
PAGES = [
    PageSpec("start.py", "nav.start", ":material/home:", "start", "nav.section.overview"),
    PageSpec("karte.py", "nav.karte", ":material/map:", "karte", "nav.section.analysis"),
    PageSpec("stadtteil.py", "nav.stadtteil", ":material/location_city:", "stadtteil",
             "nav.section.analysis"),
    PageSpec("indikator.py", "nav.indikator", ":material/query_stats:", "indikator",
             "nav.section.analysis"),
    PageSpec("ziele.py", "nav.ziele", ":material/flag:", "ziele", "nav.section.goals"),
    PageSpec("handlungsfelder.py", "nav.handlungsfelder", ":material/account_tree:",
             "handlungsfelder", "nav.section.goals"),
    PageSpec("massnahmen.py", "nav.massnahmen", ":material/task_alt:", "massnahmen",
             "nav.section.work"),
    PageSpec("review.py", "nav.review", ":material/event_note:", "review", "nav.section.work"),
    PageSpec("praesentation.py", "nav.praesentation", ":material/slideshow:", "praesentation",
             "nav.section.share"),
    PageSpec("daten.py", "nav.daten", ":material/database:", "daten", "nav.section.data"),
]  # fmt: skip
# Pages listed in the navigation only for those who may use them (the URL always works and
# explains what is needed).
RESTRICTED = {"daten": "import"}


def _may_see(url_path: str) -> bool:
    action = RESTRICTED.get(url_path)
    return action is None or login.may(action)


def _login_page() -> None:
    """The login page shown instead of every page when anonymous viewing is off."""
    login.login_page(translator())


def main() -> None:
    """Configure the app and run the selected page."""
    tr = translator()
    # an emoji favicon becomes a data URI; a ":material/…:" favicon is fetched from a font CDN
    st.set_page_config(page_title=tr("app.title"), page_icon="🤝", layout="wide")
    st.session_state["lang"] = language()
    data.refresh_if_changed()  # an import or undo since the last run: no stale page anywhere
    freshness.sync()  # other processes' writes (PostgreSQL behind a proxy) show on this run
    a11y.document_language(language())
    a11y.styles()
    share.embed_styles()  # links: ?embed=true shows the page body without the sidebar
    nav = st.sidebar.container()  # the page links stand above the login
    # who is logged in (sidebar); without anonymous viewing nothing else is shown before login:
    # every URL then leads to the login page (no page script runs)
    anonymous = bool(config.get("anonymous_viewing"))
    if login.sidebar(tr, offer_login=anonymous) is None and not anonymous:
        st.navigation(
            [
                st.Page(
                    _login_page, title=tr("auth.login.title"), url_path="anmeldung", default=True
                )
            ],
            position="hidden",
        ).run()
        return
    with st.sidebar:  # every method term explained, one click away on every page
        glossary.popover(tr, language())
    sections: dict[str, list[st.Page]] = {}
    pages: dict[str, st.Page] = {}
    for spec in PAGES:
        script = PAGES_DIR / spec.script
        if not script.exists():
            continue
        page = st.Page(
            script,
            title=tr(spec.title),
            icon=spec.icon,
            # the default page is served at "/" but still reserves its url_path without serving
            # it; "start" itself goes to a hidden page that forwards to "/" (see below)
            url_path="startseite" if spec.url_path == "start" else spec.url_path,
            default=spec.url_path == "start",
            visibility="visible" if _may_see(spec.url_path) else "hidden",
        )
        sections.setdefault(tr(spec.section), []).append(page)
        pages[spec.url_path] = page
    if "start" in pages:
        # "/start" would otherwise open Streamlit's "Page not found": forward to "/" with the
        # URL's parameters (?stadtteil=61 stays)
        def forward() -> None:
            st.switch_page(pages["start"], query_params=st.query_params.to_dict())

        hidden = st.Page(forward, title=tr("nav.start"), url_path="start", visibility="hidden")
    # Streamlit's own navigation list fails the axe list rules: plain links instead (a11y.py)
    current = st.navigation(
        {**sections, "": [hidden]} if "start" in pages else sections, position="hidden"
    )
    share.follow_short_link(pages, tr)  # links: a ?l= short link opens its full view
    with nav:
        a11y.sidebar_navigation(sections)
    current.run()


main()
