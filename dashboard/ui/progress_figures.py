"""The goal pages' figures, cached per data version and input (building them dominated a rerun).

Shared resources, not data: a cached figure unpickled from cache_data is rebuilt and
re-validated property by property. st.plotly_chart only reads a figure (to_dict copies it).
Arguments are hashed by content, so the same rows always give the same figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.present import progress_charts as charts
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
