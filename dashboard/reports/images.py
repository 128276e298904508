"""Plotly figures as PNG images for documents, rendered by kaleido on the system Chromium."""

from __future__ import annotations

import plotly.graph_objects as go

# A document figure never shows the interactive mode bar and keeps its own size.
_STATIC_LAYOUT = {"autosize": False}


def figure_png(fig: go.Figure, width: int, height: int, scale: float = 2.0) -> bytes:
    """The figure as a PNG of width×height CSS pixels (scale 2 for sharp print and projection)."""
    static = go.Figure(fig)
    static.update_layout(width=width, height=height, **_STATIC_LAYOUT)
    return static.to_image(format="png", width=width, height=height, scale=scale)
