"""Handlungsfelder: the Leitbild as a tree (field → Leitziel → Teilziel) with statuses and flags."""

from __future__ import annotations

import streamlit as st

from dashboard import config
from dashboard.analysis import progress
from dashboard.analysis.gaps import CITY
from dashboard.ui import (
    data,
    downloads,
    field_tree_view,
    progress_data,
    progress_method,
    share,
    url_state,
)
from dashboard.ui.shell import data_status_badge, guarded, language, translator
from dashboard.ui.tables import show_table

tr = translator()
lang = language()
db = str(config.db_path())


with guarded():
    data.store()
    summary = data.summary(db)
    labels = progress_data.labels(db)
    st.title(tr("hf.title"))
    st.caption(tr("hf.caption"))
    data_status_badge(summary)

    areas = progress_data.matrix_areas(db)
    fields = list(labels["field"])
    defaults = {"gebiet": CITY, "feld": "", "methode": "destatis", "ohne_ziel": True,
                "hinweise": False}  # fmt: skip
    url_state.seed("handlungsfelder", "gebiet", areas, CITY)
    url_state.seed("handlungsfelder", "feld", fields, "")
    url_state.seed("handlungsfelder", "methode", progress.METHODS, "destatis")
    url_state.seed("handlungsfelder", "ohne_ziel", (), True, flag=True)
    url_state.seed("handlungsfelder", "hinweise", (), False, flag=True)
    cols = st.columns([2, 2, 3])
    area = (
        cols[0].selectbox(
            tr("ziele.filter.area"),
            areas,
            key="gebiet",
            format_func=lambda a: labels["area"].get(a, a),
        )
        or CITY
    )
    field = cols[1].selectbox(
        tr("hf.filter.field"), ["", *fields], key="feld",
        format_func=lambda f: f"{f} {labels['field'][f]}" if f else tr("hf.all_fields_open"),
    )  # fmt: skip
    method = progress_method.choose(cols[2], tr)
    t1, t2 = st.columns(2)
    implicit = t1.toggle(
        tr("ziele.filter.implicit"), key="ohne_ziel", help=tr("ziele.implicit_help")
    )
    only_flags = t2.toggle(tr("hf.filter.flags"), key="hinweise", help=tr("hf.filter.flags_help"))
    url_state.write_all(
        "handlungsfelder",
        {"gebiet": area, "feld": field, "methode": method, "ohne_ziel": implicit,
         "hinweise": only_flags},
        defaults,
    )  # fmt: skip

    with st.expander(tr("hf.rule_title"), icon=":material/rule:"):
        st.markdown(tr("hf.rule"))

    # --- overview of the 12 fields ----------------------------------------------------------
    st.subheader(tr("hf.overview", area=labels["area"].get(area, area)))
    overview = field_tree_view.overview(db, method, implicit, area, lang)
    show_table(
        overview,
        {tr("hf.col.score"): 1},
        lang,
        hide_index=True,
        placeholder="–",
        height=35 * (len(fields) + 1) + 3,
        column_config={
            tr("hf.col.score"): st.column_config.NumberColumn(help=tr("hf.col.score_help")),
            tr("hf.col.attention"): st.column_config.NumberColumn(
                help=tr("hf.col.attention_help")),
            tr("hf.col.coverage"): st.column_config.ProgressColumn(
                format="%.0f %%", min_value=0, max_value=100, help=tr("hf.col.coverage_help")),
        },
    )  # fmt: skip
    area_name = labels["area"].get(area, area)
    downloads.offer(overview, tr("dl.title.overview", area=area_name), "hf_overview")

    # --- the tree -------------------------------------------------------------------------------
    st.subheader(tr("hf.tree"))
    field_tree_view.tree(db, method, implicit, area, field, only_flags, lang)

    # --- coverage report per district -------------------------------------------------------
    st.subheader(tr("hf.coverage_title"))
    st.caption(tr("hf.coverage_help"))
    full = progress_data.coverage(db, method, implicit)
    pivot = (
        full.pivot(index="area", columns="field_id", values="share_assessed").reindex(
            index=areas, columns=fields
        )
        * 100
    )
    pivot.index = [labels["area"].get(a, a) for a in pivot.index]
    show_table(
        pivot,
        placeholder="–",
        column_config={
            f: st.column_config.ProgressColumn(
                f"{f}", format="%.0f %%", min_value=0, max_value=100, help=labels["field"][f]
            )
            for f in fields
        },
    )
    downloads.offer(
        lambda p=pivot: p.rename_axis(tr("stadtteil.col.area")).reset_index(),
        tr("dl.title.coverage"),
        "hf_coverage",
    )
    share.share_box("handlungsfelder", tr)  # links: short link and iframe snippet
