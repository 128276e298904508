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
from dashboard.ui.shell import translator


def heatmap(
    matrix: pd.DataFrame,
    area_labels: dict[str, str],
    field_labels: dict[str, str],
    lang: str,
    selected: tuple[str, str] | None = None,
    compact: bool = False,
) -> go.Figure:
    """progress_charts.heatmap in the UI language (``lang`` keys the cache)."""
    # only the columns the chart reads: the matrix's list columns defeat Streamlit's hashing
    # (it logs a warning and pickles the frame on every rerun)
    shown = ["area", "field_id", "status", "score", *(c for c in matrix if c.startswith("n_"))]
    return _heatmap(matrix[shown], area_labels, field_labels, lang, selected, compact)


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _heatmap(
    matrix: pd.DataFrame,
    area_labels: dict[str, str],
    field_labels: dict[str, str],
    lang: str,
    selected: tuple[str, str] | None,
    compact: bool,
) -> go.Figure:
    return charts.heatmap(
        matrix, area_labels, field_labels, translator(), lang, selected=selected, compact=compact
    )


@data.register_cache
@st.cache_resource(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def bullet_chart(rows: pd.DataFrame, lang: str) -> go.Figure:
    """The bullet chart with labels above the bars, in the UI language (``lang`` keys the cache)."""
    return charts.stacked_bullet_chart(rows, translator(), lang)
