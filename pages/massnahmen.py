"""Maßnahmen: the register with filters, one measure with its history, the form, import/export.

URL: /massnahmen (register; presets ?stadtteil=, ?ziel=, ?feld=, ?status=) and
/massnahmen?id=<id> (one measure).
"""

from __future__ import annotations

import streamlit as st

from dashboard import clock, config
from dashboard.ids import parse_id
from dashboard.services import measure_edit
from dashboard.ui import (
    actors,
    data,
    measure_conflicts,
    measure_detail,
    measure_sections,
    measure_session,
    measure_transfer,
    share,
    url_state,
)
from dashboard.ui import measure_views as views
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())


def show_measure(mid: int) -> None:
    """One measure: header, facts, links, history and the actions that change it."""
    if st.button(tr("mn.back"), icon=":material/arrow_back:", type="tertiary", key="mn.back"):
        views.close_measure()
        st.rerun()
    current = store.measure(mid)
    base = measure_session.session_base(store, mid)
    if current is None or base is None:
        st.warning(tr("mn.not_found", id=mid))
        st.stop()
    current = measure_edit.normalise(current)
    measure_detail.detail_header(current, today, tr, lang)
    measure_conflicts.stale_notice(mid, base, current, tr)
    measure_conflicts.conflict_panel(
        store, mid, catalogue, today, tr, lang, names, views.clear_caches
    )
    tabs = st.tabs([tr("mn.tab.overview"), tr("mn.tab.edit"), tr("mn.tab.status"),
                    tr("mn.tab.archive")])  # fmt: skip
    with tabs[0]:
        measure_detail.facts(current, tr, lang, labels)
        measure_detail.links(current, tr, labels)
        st.markdown(f"#### {tr('mn.timeline')}")
        if measure_conflicts.require_editor(tr, current, "measure.comment", quiet=True):
            measure_sections.comment_section(store, base, tr, views.clear_caches)
        history = actors.public_events(views.events(db), tr)
        measure_detail.timeline(history[history["measure_id"] == mid], tr, lang)
    with tabs[1]:
        if measure_conflicts.require_editor(tr, current):
            measure_sections.edit_section(
                store, base, catalogue, labels, titles, today, tr, views.clear_caches
            )
    with tabs[2]:
        if measure_conflicts.require_editor(tr, current):
            measure_sections.status_section(
                store, base, catalogue, today, tr, lang, views.clear_caches
            )
    with tabs[3]:
        if measure_conflicts.require_editor(tr, current, "measure.archive"):
            measure_sections.archive_section(store, base, tr, views.clear_caches)


with guarded():
    store = data.store()
    summary = data.summary(db)
    st.title(tr("mn.title"))
    st.caption(tr("mn.subtitle"))
    data_status_badge(summary)
    measure_session.flash()
    catalogue = data.catalogues(db)
    labels = views.option_labels(db, lang)
    names = labels
    today = clock.today()
    active = views.measures(db)
    # titles are unique among active measures (the import recognises measures by title)
    titles = dict(zip(active["title"], active["id"], strict=True))

    raw_id = url_state.raw("id")
    if raw_id:
        measure_id = parse_id(raw_id)
        if measure_id is None:
            st.warning(tr("mn.not_found", id=raw_id))
            st.stop()
        show_measure(measure_id)
        share.share_box("massnahmen", tr)  # links: short link and iframe snippet
        st.stop()

    tab_list, tab_new, tab_io = st.tabs(
        [tr("mn.tab.register"), tr("mn.tab.new"), tr("mn.tab.transfer")]
    )
    with tab_list:
        views.register_view(db, labels, today, tr, lang)
    with tab_new:
        if measure_conflicts.require_editor(tr, action="measure.create"):

            def opened(mid: int) -> None:
                """Clear caches and show the new measure."""
                views.clear_caches()
                views.open_measure(mid)

            measure_sections.create_section(store, catalogue, labels, titles, today, tr, opened)
    with tab_io:
        measure_transfer.transfer_view(store, today, tr, views.clear_caches)
    share.share_box("massnahmen", tr)  # links: short link and iframe snippet
