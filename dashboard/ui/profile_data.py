"""Cached profile computations for the Stadtteil page, keyed by the database and the choices.

The analysis functions are pure; each is given only the released rows it reads (from the store,
not from the whole release), and caching them here by their small keys (instead of hashing the
frame) makes a rerun of the page cheap.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis import profile as prof
from dashboard.analysis import profile_scope as scope
from dashboard.analysis.similarity import Similarity, similar_districts
from dashboard.analysis.social_index import SocialIndex, composition, compute_social_index
from dashboard.present import profile_charts as charts
from dashboard.present import profile_tables
from dashboard.present import social_index_charts as index_charts
from dashboard.ui import data, provenance_data
from dashboard.ui.sent_figure import sent


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def district_profile(path: str, code: str, period: int, group: str | None) -> pd.DataFrame:
    """The district against city and Stadtbezirk for every indicator (analysis.profile)."""
    cat = data.catalogues(path)
    own = data.area_values(path, (code,))
    shown = scope.profile_periods(own, cat.indicators, code, period, group)
    rows = data.near_and_shown(path, scope.profile_near(cat.areas, code), shown)
    return prof.profile(rows, cat.indicators, cat.areas, code, period, group)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def explained_profile(
    path: str, code: str, period: int, group: str | None, lang: str
) -> pd.DataFrame:
    """The district profile with the provenance of each value (the page and its tables)."""
    profile = district_profile(path, code, period, group)
    return provenance_data.with_district_provenance(path, code, profile, lang)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def comparison(path: str, codes: tuple[str, ...], period: int, group: str | None) -> pd.DataFrame:
    """Up to four areas on the spine scale (analysis.profile.compare)."""
    cat = data.catalogues(path)
    near = [*scope.compared_codes(list(codes)), scope.CITY]
    shown = scope.compare_periods(
        data.area_values(path, tuple(near)), cat.indicators, list(codes), period, group
    )
    rows = data.near_and_shown(path, near, shown)
    return prof.compare(rows, cat.indicators, cat.areas, list(codes), period, group)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=16)
def social_index(path: str, min_population: int) -> SocialIndex:
    """The social status index of all districts (analysis.social_index)."""
    cat = data.catalogues(path)
    # the composition is a catalogue setting (analyses: social_index)
    indicators, reversed_ = composition(cat.indicators, cat.setting("social_index"))
    population = cat.key_indicator("population")
    return compute_social_index(
        data.values_of(path, _core_indicators(path)),  # the only rows the index reads
        cat.areas,
        indicators=indicators,
        min_population=min_population,
        reversed_indicators=reversed_,
        population_indicator=population,
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def similar(path: str, code: str, excluded: frozenset[str]) -> Similarity:
    """The districts most like this one on the core indicators (analysis.similarity)."""
    cat = data.catalogues(path)
    indicators = tuple(cat.setting("similarity"))
    values = data.values_of(path, _core_indicators(path))  # holds every row the distances read
    return similar_districts(values, cat.areas, code, indicators=indicators, excluded=set(excluded))


def _core_indicators(path: str) -> tuple[str, ...]:
    """The indicators the social index and the similar districts read (one shared slice)."""
    cat = data.catalogues(path)
    population = cat.key_indicator("population")
    read = (*cat.setting("social_index"), *cat.setting("similarity"), population)
    return tuple(sorted({i for i in read if i}))


def _names(path: str) -> tuple[dict[str, str], dict[str, str]]:
    """Area names and short field names of the catalogue."""
    cat = data.catalogues(path)
    fields = cat.frames["field"]
    return (
        dict(zip(cat.areas["code"], cat.areas["name"], strict=True)),
        dict(zip(fields["id"], fields["short"], strict=True)),
    )


# Figures are resources, not data: unpickling a cached figure rebuilt and re-validated every
# property (tens of ms a chart and rerun). st.plotly_chart only reads a figure (to_dict copies).
@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
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


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def compare_figure(
    path: str, codes: tuple[str, ...], period: int, group: str | None, lang: str
) -> go.Figure:
    """The comparison of up to four areas on the spine scale."""
    names, fields = _names(path)
    return charts.compare_chart(comparison(path, codes, period, group), names, fields, lang)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def compare_rows(
    path: str, codes: tuple[str, ...], period: int, group: str | None, lang: str
) -> pd.DataFrame:
    """The comparison as the page's table (profile_tables.compare_table)."""
    names, _fields = _names(path)
    return profile_tables.compare_table(comparison(path, codes, period, group), names, lang)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def index_figure(path: str, min_population: int, code: str, lang: str) -> go.Figure:
    """Every district's social index as bars, the district outlined."""
    names, _fields = _names(path)
    return index_charts.social_index_chart(social_index(path, min_population), names, code, lang)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def contributions_figure(path: str, min_population: int, code: str, lang: str) -> go.Figure:
    """What each core indicator adds to the district's social index."""
    result = social_index(path, min_population)
    indicators = data.catalogues(path).indicators
    shorts = dict(zip(indicators["id"], indicators["short"], strict=True))
    return index_charts.contributions_chart(result.row(code), result.indicators, shorts, lang)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def trend_figure(
    path: str,
    codes: tuple[str, ...],
    indicator_id: str,
    group: str | None,
    unit: str,
    decimals: int,
    lang: str,
) -> go.Figure:
    """One indicator over time for the district, the city and its borough."""
    names, _fields = _names(path)
    series = trend(path, codes, indicator_id, group)
    return charts.trend_chart(series, names, unit, decimals, lang)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def trend(path: str, codes: tuple[str, ...], indicator_id: str, group: str | None) -> pd.DataFrame:
    """Time series of one indicator for these areas (analysis.profile.trend_series)."""
    indicators = data.catalogues(path).indicators
    near = data.area_values(path, codes)  # the areas' rows only: cheap at any scale
    return prof.trend_series(near, indicators, indicator_id, list(codes), group)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def trend_choices(
    path: str, code: str, period: int, group: str | None, lang: str
) -> tuple[list[str], str | None, dict[str, dict[str, object]]]:
    """The indicators the trend can show, the default (the worst first) and each one's facts.

    Only indicators with a time series in the district are offered when any has one (the
    age-band rates, e.g., exist for one year); facts are name, unit, decimals and group.
    """
    profile = explained_profile(path, code, period, group, lang)
    judged = profile[profile["comparable"].astype(bool)]
    with_series = prof.indicators_with_series(data.area_values(path, (code,)), code)
    if judged["indicator_id"].isin(with_series).any():
        judged = judged[judged["indicator_id"].isin(with_series)]
    options = list(judged["indicator_id"])
    worst = judged[judged["assessment"] == "worse"].sort_values("position")
    default = worst["indicator_id"].iloc[0] if not worst.empty else next(iter(options), None)
    facts: dict[str, dict[str, object]] = {
        str(rec["indicator_id"]): {
            "name": rec["name"],
            "unit": str(rec["unit"]),
            "decimals": int(rec["decimals"]),
            "grp": str(rec["grp"]),
        }
        for rec in judged.to_dict("records")
    }
    return options, default, facts


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def similar_rows(path: str, code: str, excluded: frozenset[str], lang: str) -> pd.DataFrame:
    """The similar districts as the page's table (profile_tables.similar_table)."""
    names, _fields = _names(path)
    indicators = data.catalogues(path).indicators
    return profile_tables.similar_table(
        similar(path, code, excluded), code, names, indicators, lang
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def summary(
    path: str, code: str, period: int, group: str | None, name: str, lang: str
) -> tuple[str, str]:
    """The profile in a sentence and what stands out, as Markdown (built once per view)."""
    profile = explained_profile(path, code, period, group, lang)
    return profile_tables.summary_markdown(profile, name, lang)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def readable_tables(
    path: str, code: str, period: int, group: str | None, bezirk_name: str | None, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The profile (with provenance) and its counts as the page's tables (formatting each value
    took a few hundred ms a rerun at 10x)."""
    profile = explained_profile(path, code, period, group, lang)
    _areas, fields = _names(path)
    return (
        profile_tables.profile_table(profile, fields, bezirk_name, lang),
        profile_tables.counts_table(profile, bezirk_name, lang),
    )
