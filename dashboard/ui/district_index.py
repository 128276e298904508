"""The social index on the Stadtteil page: the district's figures, all districts, the method."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.social_index import (
    DEFAULT_MIN_POPULATION,
    MIN_POPULATION_SETTING,
    THIN_BELOW,
    SocialIndex,
    method_text,
)
from dashboard.present import export_frames as xf
from dashboard.present.format import fmt_number
from dashboard.ui import downloads, profile_data, provenance_data
from dashboard.ui.district_view import CHART_CONFIG, View
from dashboard.ui.shell import language, translator


def min_population() -> int:
    """The population minimum of the social index (setting, with the analysis default)."""
    if MIN_POPULATION_SETTING in config.SETTINGS:
        return int(config.get(MIN_POPULATION_SETTING))
    return DEFAULT_MIN_POPULATION


def index_section(view: View) -> set[str]:
    """The social index: the district's figures, all districts and the method.

    Returns the districts left out of the index (too small), which are not proposed as similar.
    """
    tr, lang = translator(), language()
    st.subheader(tr("stadtteil.index.heading"))
    result = profile_data.social_index(str(config.db_path()), min_population())
    frame = result.frame
    excluded = set(frame.loc[~frame["included"].astype(bool), "area_code"]) if len(frame) else set()
    if not result.available:
        missing = ", ".join(view.shorts.get(i, i) for i in result.missing)
        st.info(tr("stadtteil.index.unavailable", missing=missing))
    else:
        used = ", ".join(view.shorts.get(i, i) for i in result.indicators)
        thin = tr("stadtteil.index.thin") if len(result.indicators) < THIN_BELOW else ""
        st.caption(tr("stadtteil.index.composition", indicators=used, thin=thin))
        _index_facts(view, result)
        fig = profile_data.index_figure(str(config.db_path()), min_population(), view.code, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="index_chart")
        names = view.names
        downloads.offer(
            provenance_data.with_wide_column(
                lambda: xf.social_index_frame(result, names, lang),
                list(result.frame["area_code"]),
                dict.fromkeys(result.indicators, result.period),
                lang,
                computed=True,
            ),
            tr("dl.title.social_index", period=result.period),
            "social_index",
            downloads.indicator_sources(view.cat.indicators, result.indicators),
        )
    with st.expander(tr("stadtteil.index.method")):
        st.markdown(method_text(result, view.shorts, lang))
    return excluded


def _index_facts(view: View, result: SocialIndex) -> None:
    """Index, class, rank and dynamics of the district, and the indicators' contributions."""
    tr, lang = translator(), language()
    row = result.row(view.code)
    if row is None or row["reason"] == "small_population":
        n = fmt_number(result.min_population, lang=lang)
        st.info(tr("stadtteil.index.small", name=view.name, n=n))
        return
    if pd.isna(row["index"]):
        st.info(tr("stadtteil.index.too_few", name=view.name))
        return
    left, right = st.columns([1, 1])
    with left:
        c1, c2 = st.columns(2)
        c1.metric(
            tr("stadtteil.index.value", period=result.period),
            fmt_number(row["index"], 2, lang),
            help=tr("stadtteil.index.value_help"),
        )
        c2.metric(tr("stadtteil.index.class"), tr(f"stadtteil.class.{row['class_key']}"))
        c3, c4 = st.columns(2)
        n = int(result.frame["index"].notna().sum())
        c3.metric(tr("stadtteil.index.rank"), tr("stadtteil.rank.of", rank=int(row["rank"]), n=n))
        if pd.isna(row["dynamics"]):
            c4.metric(tr("stadtteil.index.dynamics_none"), "–")
        else:
            c4.metric(
                tr("stadtteil.index.dynamics", period=int(row["previous_period"])),
                tr(f"stadtteil.dyn.{row['dynamics_key']}"),
                delta=fmt_number(row["dynamics"], 2, lang),
                delta_color="inverse",
            )
    with right:
        st.markdown(f"**{tr('stadtteil.index.contrib')}**")
        path = str(config.db_path())
        fig = profile_data.contributions_figure(path, min_population(), view.code, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="contrib_chart")
        shorts = view.shorts
        keys = provenance_data.keys_for(
            view.cat.indicators,
            result.indicators,
            [view.code] * len(result.indicators),
            [result.period] * len(result.indicators),
            "insgesamt",
        )
        downloads.offer(
            provenance_data.with_column(
                lambda: xf.contributions_frame(row, result.indicators, shorts, lang),
                keys,
                lang,
                computed=True,
            ),
            tr("dl.title.contributions", name=view.name),
            "contributions",
        )
