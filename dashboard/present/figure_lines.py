"""Reference lines and side labels for plotly figures, added in one layout update.

``fig.add_hline``/``add_annotation`` re-validate every shape or annotation the figure already
has on each call: for a chart with a label per indicator row that was half a second a chart.
These build the same layout entries as plain dicts; ``add_layout_items`` sets them at once.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def vline(x: float, line: dict[str, Any]) -> dict[str, Any]:
    """A vertical line at data x across the plot's height (what ``add_vline`` draws)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": line,
    }


def hline(y: Any, line: dict[str, Any]) -> dict[str, Any]:
    """A horizontal line at data y across the plot's width (what ``add_hline`` draws)."""
    return {
        "type": "line",
        "x0": 0,
        "x1": 1,
        "xref": "x domain",
        "y0": y,
        "y1": y,
        "yref": "y",
        "line": line,
    }


def add_layout_items(
    fig: go.Figure,
    shapes: list[dict[str, Any]] | None = None,
    annotations: list[dict[str, Any]] | None = None,
) -> None:
    """Append shapes and annotations to the figure's layout in one validated update."""
    update: dict[str, Any] = {}
    if shapes:
        update["shapes"] = [*fig.layout.shapes, *shapes]
    if annotations:
        update["annotations"] = [*fig.layout.annotations, *annotations]
    if update:
        fig.update_layout(**update)
