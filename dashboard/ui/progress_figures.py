"""The goal pages' figures and target table, cached per data version and input (building them
dominated a rerun).

Shared resources, not data: a cached figure unpickled from cache_data is rebuilt and
re-validated property by property. st.plotly_chart only reads a figure (to_dict copies it).
Arguments are hashed by content, so the same rows always give the same figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis.gaps import Track
from dashboard.analysis.progress import Status
from dashboard.present import progress_charts as charts
from dashboard.present import progress_tables as ptables
from dashboard.ui import data
from dashboard.ui.sent_figure import sent
from dashboard.ui.shell import translator


def heatmap(
    matrix: pd.DataFrame,
    area_labels: dict[str, str],
    field_labels: dict[str, str],
    lang: str,
    selected: tuple[str, str] | None = None,
    compact: bool = False,
    *,
    source: tuple[object, ...],
) -> go.Figure:
    """progress_charts.heatmap in the UI language.

    ``source`` names what matrix and labels were made from (database, method, filters); with
    the data version, which clears this cache when it moves, it fixes the figure. It keys the
    cache instead of the matrix and label maps, whose hashing took ~25 ms a click at 10x.
    """
    return _heatmap(source, lang, selected, compact, matrix, area_labels, field_labels)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def _heatmap(
    source: tuple[object, ...],
    lang: str,
    selected: tuple[str, str] | None,
    compact: bool,
    _matrix: pd.DataFrame,
    _area_labels: dict[str, str],
    _field_labels: dict[str, str],
) -> go.Figure:
    return charts.heatmap(
        _matrix, _area_labels, _field_labels, translator(), lang, selected=selected, compact=compact
    )


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def bullet_chart(rows: pd.DataFrame, lang: str) -> go.Figure:
    """The bullet chart with labels above the bars, in the UI language (``lang`` keys the cache)."""
    return charts.stacked_bullet_chart(rows, translator(), lang)


def trajectory_chart(
    track: Track,
    result: Status,
    names: dict[str, str],
    unit: str,
    decimals: int,
    lang: str,
    *,
    source: tuple[object, ...],
) -> go.Figure:
    """progress_charts.trajectory_chart of one target; ``source`` names the target (see heatmap)."""
    return _trajectory(source, lang, track, result, names, unit, decimals)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def _trajectory(
    source: tuple[object, ...],
    lang: str,
    _track: Track,
    _result: Status,
    _names: dict[str, str],
    _unit: str,
    _decimals: int,
) -> go.Figure:
    return charts.trajectory_chart(_track, _result, _names, _unit, _decimals, translator(), lang)


def history_chart(history: list[Status], lang: str, *, source: tuple[object, ...]) -> go.Figure:
    """progress_charts.history_chart of one target; ``source`` names the target (see heatmap)."""
    return _history(source, lang, history)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
@sent
def _history(source: tuple[object, ...], lang: str, _history: list[Status]) -> go.Figure:
    return charts.history_chart(_history, translator(), lang)


def display_table(
    listed: pd.DataFrame, labels: ptables.Labels, lang: str, *, source: tuple[object, ...]
) -> pd.DataFrame:
    """The target table as shown (a copy: callers add columns); ``source`` names the rows."""
    return _display_table(source, lang, listed, labels).copy()


# ~800 rows of formatted sentences took ~30 ms a click at 1x; cached like the figures
@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _display_table(
    source: tuple[object, ...], lang: str, _listed: pd.DataFrame, _labels: ptables.Labels
) -> pd.DataFrame:
    return ptables.display_table(_listed, _labels, translator(), lang)
