"""Comparing the Stadtteil: up to four areas on the spine scale, and its most similar districts.

The chosen areas are kept in the URL (``?vergleich=61,63,0``; ``vergleich=-`` = none).
"""

from __future__ import annotations

import streamlit as st

from dashboard import config
from dashboard.analysis import profile as prof
from dashboard.present import export_frames as xf
from dashboard.ui import downloads, profile_data, provenance_data, url_state
from dashboard.ui.district_view import CHART_CONFIG, View
from dashboard.ui.shell import language, translator
from dashboard.ui.tables import show_table

NONE = "-"  # URL value for an explicitly empty comparison
# session keys (prefixed: the session is shared with the other pages)
UNKNOWN_COMPARE = "_stadtteil_unknown_compare"  # unknown codes in ?vergleich=
COMPARE_FOR = "_stadtteil_compare_for"  # district the comparison was last set up for


def pick_comparison(view: View, options: list[str]) -> list[str]:
    """Multiselect of up to three areas besides the district, synced with ?vergleich=."""
    tr, code, names = translator(), view.code, view.names
    default = prof.default_comparison(code, view.cat.focus_districts())[1:]

    def resolve(raw: str | None) -> list[str]:
        st.session_state[UNKNOWN_COMPARE] = []
        if raw is None:
            return default
        valid, unknown = prof.parse_codes(raw, set(options))
        st.session_state[UNKNOWN_COMPARE] = [u for u in unknown if u != NONE]
        return [c for c in valid if c != code][: prof.MAX_COMPARE - 1]

    url_state.sync("stadtteil", "vergleich", "st_compare", resolve, joined=True)
    if st.session_state.get(COMPARE_FOR) != code:
        # another district: keep an explicit choice (minus the district), else its default
        explicit = url_state.written("stadtteil", "vergleich") is not None
        current = st.session_state.get("st_compare", default) if explicit else default
        st.session_state["st_compare"] = [c for c in current if c != code]
        st.session_state[COMPARE_FOR] = code
    if st.session_state.get(UNKNOWN_COMPARE):
        listed = ", ".join(st.session_state[UNKNOWN_COMPARE])
        st.caption(tr("stadtteil.unknown_compare", codes=listed))
    chosen = st.multiselect(
        tr("stadtteil.compare.pick"),
        [c for c in options if c != code],
        format_func=lambda c: names.get(c, c) if c == prof.CITY else f"{names.get(c, c)} ({c})",
        key="st_compare",
        max_selections=prof.MAX_COMPARE - 1,
    )
    url_state.write(
        "stadtteil", "vergleich", None if chosen == default else (",".join(chosen) or NONE)
    )
    return [code, *chosen]


def compare_section(view: View) -> None:
    """Up to four areas on the spine scale, with the values as a table."""
    tr, lang, db = translator(), language(), str(config.db_path())
    st.subheader(tr("stadtteil.compare.heading"))
    areas = view.cat.areas
    options = list(areas.loc[areas["level"].isin(["stadt", "stadtbezirk", "stadtteil"]), "code"])
    codes = pick_comparison(view, options)
    frame = profile_data.comparison(db, tuple(codes), view.period, view.group)
    if frame.empty:
        st.info(tr("stadtteil.compare.empty"))
        return
    st.caption(tr("stadtteil.compare.caption"))
    fig = profile_data.compare_figure(db, tuple(codes), view.period, view.group, lang)
    st.plotly_chart(fig, config=CHART_CONFIG, key="compare_chart")
    table = profile_data.compare_rows(db, tuple(codes), view.period, view.group, lang)
    show_table(table, hide_index=True, placeholder="–")
    names = view.names
    keys = provenance_data.keys_for(
        view.cat.indicators, frame["indicator_id"], frame["area_code"], frame["period"], view.group
    )
    downloads.offer(
        provenance_data.with_column(lambda: xf.compare_frame(frame, names, lang), keys, lang),
        tr("dl.title.compare", name=view.name),
        "compare",
        downloads.indicator_sources(view.cat.indicators, frame["indicator_id"]),
    )


def _use_similar(codes: list[str]) -> None:
    st.session_state["st_compare"] = codes


def similar_section(view: View, excluded: set[str]) -> None:
    """Nearest neighbours on the core indicators, and a button to compare with them."""
    tr, lang, db = translator(), language(), str(config.db_path())
    st.subheader(tr("stadtteil.similar.heading"))
    result = profile_data.similar(db, view.code, frozenset(excluded))
    if not result.available:
        st.info(tr("stadtteil.similar.empty"))
        return
    used = ", ".join(view.shorts[i] for i in result.indicators)
    st.caption(tr("stadtteil.similar.caption", indicators=used))
    table = profile_data.similar_rows(db, view.code, frozenset(excluded), lang)
    show_table(table, hide_index=True, placeholder="–")
    code, names, indicators = view.code, view.names, view.cat.indicators
    areas = [code, *result.frame["area_code"]]
    downloads.offer(
        provenance_data.with_wide_column(
            lambda: xf.similar_frame(result, code, names, indicators, lang),
            areas,
            result.periods,
            lang,
        ),
        tr("dl.title.similar", name=view.name),
        "similar",
        downloads.indicator_sources(indicators, result.indicators),
    )
    top = [*result.frame["area_code"].head(2), prof.CITY]
    st.button(tr("stadtteil.similar.use"), on_click=_use_similar, args=(top,), key="st_use_similar")
