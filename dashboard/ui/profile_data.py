"""Cached profile computations for the Stadtteil page, keyed by the database and the choices.

The analysis functions are pure but take the whole released frame; caching them here by their
small keys (instead of hashing the frame) makes a rerun of the page cheap.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis import profile as prof
from dashboard.analysis.similarity import Similarity, similar_districts
from dashboard.analysis.social_index import SocialIndex, composition, compute_social_index
from dashboard.present import profile_charts as charts
from dashboard.ui import data


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def district_profile(path: str, code: str, period: int, group: str | None) -> pd.DataFrame:
    """The district against city and Stadtbezirk for every indicator (analysis.profile)."""
    cat = data.catalogues(path)
    return prof.profile(data.all_values(path), cat.indicators, cat.areas, code, period, group)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def comparison(path: str, codes: tuple[str, ...], period: int, group: str | None) -> pd.DataFrame:
    """Up to four areas on the spine scale (analysis.profile.compare)."""
    cat = data.catalogues(path)
    return prof.compare(
        data.all_values(path), cat.indicators, cat.areas, list(codes), period, group
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=16)
def social_index(path: str, min_population: int) -> SocialIndex:
    """The social status index of all districts (analysis.social_index)."""
    cat = data.catalogues(path)
    # the composition is a catalogue setting (analyses: social_index)
    indicators, reversed_ = composition(cat.indicators, cat.setting("social_index"))
    return compute_social_index(
        data.all_values(path),
        cat.areas,
        indicators=indicators,
        min_population=min_population,
        reversed_indicators=reversed_,
        population_indicator=cat.key_indicator("population"),
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def similar(path: str, code: str, excluded: frozenset[str]) -> Similarity:
    """The districts most like this one on the core indicators (analysis.similarity)."""
    cat = data.catalogues(path)
    indicators = cat.setting("similarity")
    return similar_districts(
        data.all_values(path), cat.areas, code, indicators=indicators, excluded=set(excluded)
    )


def _names(path: str) -> tuple[dict[str, str], dict[str, str]]:
    """Area names and short field names of the catalogue."""
    cat = data.catalogues(path)
    fields = cat.frames["field"]
    return (
        dict(zip(cat.areas["code"], cat.areas["name"], strict=True)),
        dict(zip(fields["id"], fields["short"], strict=True)),
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def spine_figure(path: str, code: str, period: int, group: str | None, lang: str) -> go.Figure:
    """The spine chart of the district profile (building plotly figures is the slow part)."""
    names, fields = _names(path)
    bezirk = prof.stadtbezirk_of(data.catalogues(path).areas, code)
    return charts.spine_chart(
        district_profile(path, code, period, group),
        fields,
        names[code],
        names.get(bezirk) if bezirk else None,
        lang,
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def compare_figure(
    path: str, codes: tuple[str, ...], period: int, group: str | None, lang: str
) -> go.Figure:
    """The comparison of up to four areas on the spine scale."""
    names, fields = _names(path)
    return charts.compare_chart(comparison(path, codes, period, group), names, fields, lang)
