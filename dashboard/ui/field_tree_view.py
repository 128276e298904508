"""The Handlungsfelder page's overview table and Leitbild tree, cached per area and choice.

Building the tree's markdown (hundreds of goals, each with its assessments and measures) was
most of a click on that page. Both are registered data caches (target writes and new data drop
them) and depend on measures (a measure write drops them with the roll-ups).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.present import field_tree as ft
from dashboard.present import progress_labels as plabels
from dashboard.ui import data, progress_data
from dashboard.ui.shell import translator


def _context(path: str, method: str, implicit: bool, area: str, lang: str) -> ft.TreeText:
    """The texts' context for one area (the caller's language).

    The page needs all assessments (coverage per area), so its roll-ups read theirs from them
    (``whole``) instead of assessing the counted areas a second time.
    """
    nodes = progress_data.rollup(path, method, implicit, area, True)
    table = progress_data.selected(path, method, implicit)
    owned = table[table["key"].isin(ft.owned_keys(nodes))]  # each with its short reason
    return ft.tree_text(
        translator(),
        lang,
        progress_data.labels(path),
        nodes,
        progress_data.with_details(path, method, implicit, owned),
        data.measures(path),
    )


def _field_coverage(path: str, method: str, implicit: bool, area: str) -> pd.DataFrame:
    """Coverage of the area's fields, indexed by field."""
    cover = progress_data.coverage(path, method, implicit)
    return cover[cover["area"] == area].set_index("field_id")


@data.register_cache
@progress_data.measure_dependent
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def overview(path: str, method: str, implicit: bool, area: str, lang: str) -> pd.DataFrame:
    """One row per field of the area (shared: callers must not change it)."""
    ctx = _context(path, method, implicit, area, lang)
    nodes = progress_data.rollup(path, method, implicit, area, True)
    fields = list(ctx.labels["field"])
    return ft.overview_frame(nodes, _field_coverage(path, method, implicit, area), fields, ctx)


# Cached with its elements: Streamlit replays the expanders and their markdown (no widgets)
@data.register_cache
@progress_data.measure_dependent
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def tree(
    path: str, method: str, implicit: bool, area: str, field: str, flags: bool, lang: str
) -> None:
    """The Leitbild tree of one area: a closed expander per field (``field`` opens one)."""
    ctx = _context(path, method, implicit, area, lang)
    tr = ctx.tr
    nodes = progress_data.rollup(path, method, implicit, area, True)
    field_nodes = nodes[nodes["node_type"] == "field"].set_index("node_id")
    cover = _field_coverage(path, method, implicit, area)
    for fid in ctx.labels["field"]:
        fnode = field_nodes.loc[fid]
        title = (
            f"{plabels.status_symbol(fnode['status'])} {fid} "
            f"{ctx.labels['field_title'][fid]} — {tr(plabels.status_key(fnode['status']))}"
        )
        with st.expander(title, expanded=field == fid):
            _field_head(fnode, cover.loc[fid] if fid in cover.index else None, ctx)
            part = nodes[(nodes["field_id"] == fid) & (nodes["node_type"] != "field")]
            if flags:
                part = part[part["flags"].map(bool)]
                if part.empty:
                    st.caption(tr("hf.no_flags"))
                part = part.assign(depth=1)  # without the tree around them: listed flat
            st.markdown("\n".join(ft.goal_block(node, ctx) for node in part.to_dict("records")))


def _field_head(fnode: pd.Series, cover: pd.Series | None, ctx: ft.TreeText) -> None:
    """A field's status, counts, measures, coverage and flags."""
    tr = ctx.tr
    st.markdown(
        plabels.status_markdown(fnode["status"], tr) + " · " + ft.counts_text(fnode, tr, ctx.lang)
    )
    st.caption(ft.measures_text(fnode, tr, ctx.lang) + " · " + tr("hf.measures_beside"))
    if cover is not None:
        st.caption(
            tr(
                "hf.coverage_line",
                goals=int(cover["goals"]),
                with_indicator=int(cover["with_indicator"]),
                assessed=int(cover["assessed"]),
            )
        )
    if fnode["flags"]:
        st.markdown(ft.flags_text(fnode["flags"], tr))
