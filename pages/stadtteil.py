"""District profile: a Stadtteil against the city and its Stadtbezirk, trends, goals, measures,
comparison, similar districts and the social index.

URL state (shareable): ``?stadtteil=91`` (code, or a name such as ``Berg Fidel``),
``vergleich=61,63,0`` (comma-separated; repeated ``vergleich=`` keys are read too; absent = the
default comparison, ``vergleich=-`` = none), ``periode=2014`` (absent = latest per indicator),
``gruppe=mit_mv`` and ``trend=<indicator id>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis import district_facts
from dashboard.analysis import profile as prof
from dashboard.catalogues import Catalogue
from dashboard.ids import parse_id
from dashboard.present import export_frames as xf
from dashboard.present import profile_tables
from dashboard.ui import (
    cells_view,
    data,
    district_compare,
    district_header,
    district_index,
    downloads,
    footnotes,
    login,
    notes,
    on_track_view,
    profile_data,
    provenance_data,
    raw_values,
    share,
    url_state,
)
from dashboard.ui.district_view import CHART_CONFIG, View
from dashboard.ui.shell import guarded, language, translator
from dashboard.ui.tables import show_table

tr = translator()
lang = language()
db = str(config.db_path())
LATEST = "latest"  # period option: the latest period of each indicator
TOTAL = "insgesamt"  # group option: each indicator's default group (its total)
# session keys of this page (prefixed: the session is shared with the other pages)
UNKNOWN_DISTRICT = "_stadtteil_unknown_district"  # the unknown ?stadtteil= value, for the warning


def _synced(param: str, widget_key: str, resolve: Callable[[str | None], Any]) -> None:
    """Let the URL win when it changed since we last wrote it (links, back button, sharing)."""
    url_state.sync("stadtteil", param, widget_key, resolve, joined=True)


def _write(param: str, value: str | None) -> None:
    """Write one URL parameter (None removes it) and remember what was written."""
    url_state.write("stadtteil", param, value)


def pick_district(cat: Catalogue, districts: list[str], names: dict[str, str]) -> str | None:
    """District selectbox, searchable by name or number, synced with ?stadtteil=."""

    def resolve(raw: str | None) -> str | None:
        if raw is None:
            return cat.focus_districts()[0]
        code = raw if raw in districts else cat.resolve_area(raw)
        st.session_state[UNKNOWN_DISTRICT] = None if code in districts else raw
        return code if code in districts else None

    _synced("stadtteil", "st_district", resolve)
    code = st.selectbox(
        tr("stadtteil.pick"),
        districts,
        format_func=lambda c: f"{names[c]} ({c})",
        key="st_district",
        placeholder=tr("stadtteil.pick_placeholder"),
        help=tr("stadtteil.pick_help"),
        index=None,
    )
    if code is not None:
        st.session_state[UNKNOWN_DISTRICT] = None
    _write("stadtteil", code if code is not None else st.session_state.get(UNKNOWN_DISTRICT))
    return code


def pick_period(values: pd.DataFrame, code: str) -> int | None:
    """Period picker ('latest for each' or one year), synced with ?periode=."""
    periods = sorted({int(p) for p in values.loc[values["area_code"] == code, "period"]})[::-1]
    options = [LATEST, *periods]
    _synced("periode", "st_period", lambda raw: parse_id(raw) or LATEST)
    if st.session_state.get("st_period") not in options:
        st.session_state["st_period"] = LATEST
    period = st.selectbox(
        tr("stadtteil.period"),
        options,
        format_func=lambda p: tr("stadtteil.period_latest") if p == LATEST else str(p),
        key="st_period",
        help=tr("stadtteil.period_help"),
    )
    _write("periode", None if period == LATEST else str(period))
    return None if period == LATEST else int(period)


def pick_group(values: pd.DataFrame, code: str, labels: dict[str, str]) -> str | None:
    """Population group picker (default: each indicator's total), synced with ?gruppe=."""
    present = set(values.loc[values["area_code"] == code, "grp"])
    options = [TOTAL, *[g for g in labels if g in present and g != TOTAL]]
    _synced("gruppe", "st_group", lambda raw: raw if raw in options else TOTAL)
    if st.session_state.get("st_group") not in options:
        st.session_state["st_group"] = TOTAL
    group = st.selectbox(
        tr("stadtteil.group"),
        options,
        format_func=lambda g: labels.get(g, g),
        key="st_group",
        help=tr("stadtteil.group_help"),
    )
    _write("gruppe", None if group == TOTAL else group)
    return None if group == TOTAL else group


def _offer_profile(view: View, profile: pd.DataFrame, key: str, title_key: str) -> None:
    """Downloads of profile rows (raw values) with the sources and footnotes of their indicators."""
    sources = downloads.indicator_sources(view.cat.indicators, profile["indicator_id"])
    fields, bezirk = view.fields, view.bezirk_name
    notes = footnotes.download_rows(footnotes.lines_for(profile["indicator_id"]))
    downloads.offer(
        lambda: xf.profile_frame(profile, fields, bezirk, lang),
        tr(title_key, name=view.name),
        key,
        sources,
        notes,
    )


def indicators_section(view: View, profile: pd.DataFrame) -> None:
    """Spine chart of all comparable indicators, counts, and the accessible table."""
    st.subheader(tr("stadtteil.profile.heading"))
    sentence, standouts = profile_data.summary(
        db, view.code, view.period, view.group, view.name, lang
    )
    st.markdown(sentence)
    if standouts:
        st.markdown(standouts)
    if profile["comparable"].astype(bool).any():
        st.caption(tr("stadtteil.profile.how_to_read"))
        fig = profile_data.spine_figure(db, view.code, view.period, view.group, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="spine")
        judged = profile[profile["comparable"].astype(bool)]
        _offer_profile(view, judged, "spine", "dl.title.profile")
    if (profile["flag"] == "secret").any():
        st.caption(tr("stadtteil.value.hidden_help"))
    table, counts_frame = profile_data.readable_tables(
        db, view.code, view.period, view.group, view.bezirk_name, lang
    )
    if not counts_frame.empty:
        with st.expander(tr("stadtteil.profile.counts")):
            show_table(counts_frame, hide_index=True, placeholder="–")
            counted = profile[~profile["comparable"].astype(bool)]
            _offer_profile(view, counted, "counts", "dl.title.counts")
    with st.expander(tr("stadtteil.profile.table")):
        show_table(table, hide_index=True, placeholder="–")
        _offer_profile(view, profile, "profile_table", "dl.title.profile")
        ids = list(view.cat.indicators["id"])
        raw_values.offer_many(ids, [view.code], view.period, tr, key="stadtteil_raw")
    footnotes.show(profile["indicator_id"])


def trends_section(view: View) -> None:
    """Line chart of one indicator over time: district, city, borough (?trend=)."""
    st.subheader(tr("stadtteil.trends.heading"))
    options, default, facts = profile_data.trend_choices(
        db, view.code, view.period, view.group, lang
    )
    if not options:
        st.info(tr("stadtteil.trends.empty"))
        return
    _synced("trend", "st_trend", lambda raw: raw if raw in options else default)
    if st.session_state.get("st_trend") not in options:
        st.session_state["st_trend"] = default
    chosen = st.selectbox(
        tr("stadtteil.trends.pick"),
        options,
        format_func=lambda i: facts[i]["name"],
        key="st_trend",
    )
    _write("trend", None if chosen == default else chosen)
    codes = [view.code, prof.CITY] + ([view.bezirk] if view.bezirk else [])
    series = profile_data.trend(db, tuple(codes), chosen, view.group)
    if series[series["area_code"] == view.code]["period"].nunique() < 2:
        st.info(tr("stadtteil.trends.empty"))
        return
    info = facts[chosen]
    fig = profile_data.trend_figure(
        db, tuple(codes), chosen, view.group, str(info["unit"]), int(info["decimals"]), lang
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key="trend_chart")
    unit, names = str(info["unit"]), view.names
    keys = provenance_data.keys_for(
        view.cat.indicators,
        [chosen] * len(series),
        series["area_code"],
        series["period"],
        str(info["grp"]),
    )
    downloads.offer(
        provenance_data.with_column(
            lambda: xf.series_frame(series, names, unit, lang, int(info["decimals"])), keys, lang
        ),
        tr("dl.title.trend", indicator=info["name"]),
        "trend",
        downloads.indicator_sources(view.cat.indicators, [chosen]),
    )
    st.caption(tr("stadtteil.trends.caption", name=view.name))


def goals_section(view: View) -> None:
    """Are we on track? Every goal and target value of the district with status and city gap."""
    on_track_view.section(db, view.code, view.name, tr)
    on_track_view.topic_finder(db, tr)


def measures_section(view: View, measures: pd.DataFrame) -> None:
    """Measures naming the district; city-wide measures behind a toggle."""
    st.subheader(tr("stadtteil.measures.heading"))
    local, citywide = district_facts.district_measures(measures, view.code)
    progress = {
        tr("stadtteil.col.progress"): st.column_config.ProgressColumn(format="%d %%", max_value=100)
    }
    if local.empty:
        st.info(tr("stadtteil.measures.empty", name=view.name))
    else:
        st.caption(tr("stadtteil.measures.count", n=len(local), name=view.name))
        show_table(
            profile_tables.measures_table(local, lang),
            hide_index=True,
            placeholder="–",
            column_config=progress,
        )
        downloads.offer(
            lambda: provenance_data.with_measure_column(
                profile_tables.measures_table(local, lang), local, lang
            ),
            tr("dl.title.measures", name=view.name),
            "measures",
        )
    if st.toggle(tr("stadtteil.measures.citywide", n=len(citywide)), key="st_citywide"):
        st.markdown(f"**{tr('stadtteil.measures.citywide_heading')}**")
        if citywide.empty:
            st.caption(tr("stadtteil.measures.citywide_empty"))
        else:
            table = profile_tables.measures_table(citywide, lang)
            show_table(table, hide_index=True, placeholder="–", column_config=progress)
            table = provenance_data.with_measure_column(table, citywide, lang)
            downloads.offer(table, tr("dl.title.measures_citywide"), "measures_citywide")


with guarded():
    data.store()
    cat = data.catalogues(db)
    summary = data.summary(db)
    names = dict(zip(cat.areas["code"], cat.areas["name"], strict=True))
    districts = prof.district_codes(cat.areas)
    fields = dict(zip(cat.frames["field"]["id"], cat.frames["field"]["short"], strict=True))
    group_labels = dict(
        zip(cat.frames["group_label"]["id"], cat.frames["group_label"]["label"], strict=True)
    )

    st.title(tr("stadtteil.title"))
    st.caption(tr("stadtteil.caption"))
    pick_col, period_col, group_col = st.columns([2, 1, 1])
    with pick_col:
        code = pick_district(cat, districts, names)
    if code is None:
        unknown = st.session_state.get(UNKNOWN_DISTRICT)
        if unknown:
            st.warning(tr("stadtteil.unknown", code=unknown))
        else:
            st.info(tr("stadtteil.choose"))
        st.stop()
    local = data.area_values(db, (code,))  # the district's rows: cheap to filter at any scale
    if local.empty:
        st.info(tr("stadtteil.no_data", name=names[code]))
        st.stop()
    with period_col:
        period = pick_period(local, code)
    with group_col:
        group = pick_group(local, code, group_labels)

    view = View(cat, names, fields, code, period, group, group_labels.get(group or "", ""))
    district_header.header(view, summary)
    profile = profile_data.explained_profile(db, code, period, group, lang)
    if profile.empty:
        label = group_labels.get(group or "", group)
        st.info(tr("stadtteil.profile.empty_group", group=label, name=view.name))
        st.stop()
    goals_section(view)
    st.divider()
    indicators_section(view, profile)
    cell_values = data.area_values(db, cells_view.cell_codes(cat, code))
    cells_view.cells_section(cell_values, cat, code, view.name, view.period, lang)  # Stadtzellen
    trends_section(view)
    st.divider()
    measures_section(view, data.measures(db))
    notes.district_notes(data.store(), login.current_user(), cat.frames, code, view.name, tr, lang)
    st.divider()
    excluded = district_index.index_section(view)
    st.divider()
    district_compare.similar_section(view, excluded)
    district_compare.compare_section(view)
    st.caption(tr("stadtteil.share_link"))
    share.share_box("stadtteil", tr)  # links: short link and iframe snippet
