"""A small locator map for documents: all Stadtteile, the borough and the district highlighted.

Polygons on plain cartesian axes (no geo or map traces: those fetch data from a CDN), drawn
from the stored WKB of one geometry layer.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry.base import BaseGeometry

from dashboard.analysis.shapes import from_wkb, label_point
from dashboard.present import theme

DISTRICT_COLOUR = theme.LOCATOR_DISTRICT
BEZIRK_COLOUR = theme.LOCATOR_BEZIRK
OTHER_COLOUR = theme.LOCATOR_OTHER
EDGE_COLOUR = theme.WHITE
LABEL_COLOUR = theme.TEXT


def preferred_layer(layers: dict[str, int]) -> str | None:
    """Official Stadtteile when imported, else the project's tile map (None when neither)."""
    for layer in ("amtlich_stadtteile", "kacheln"):
        if layers.get(layer):
            return layer
    return None


def _rings(geom: BaseGeometry) -> list[tuple[list[float], list[float]]]:
    """Exterior rings of a (multi)polygon as x and y lists."""
    parts = getattr(geom, "geoms", [geom])
    return [tuple(map(list, part.exterior.xy)) for part in parts if hasattr(part, "exterior")]


def _trace(geom: BaseGeometry, colour: str, width: float) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x, y in _rings(geom):
        xs += [*x, None]
        ys += [*y, None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=colour,
        line={"color": EDGE_COLOUR, "width": width},
        hoverinfo="skip",
        showlegend=False,
    )


def locator_figure(
    geometry: pd.DataFrame, code: str, bezirk_members: list[str], label: str
) -> go.Figure:
    """The district dark, the other Stadtteile of its borough light, the rest grey."""
    geoms = from_wkb(geometry)
    fig = go.Figure()
    for area, geom in geoms.items():
        if area != code:
            colour = BEZIRK_COLOUR if area in bezirk_members else OTHER_COLOUR
            fig.add_trace(_trace(geom, colour, 0.8))
    if code in geoms:
        fig.add_trace(_trace(geoms[code], DISTRICT_COLOUR, 1.2))
        x, y = label_point(geoms[code], math.cos(math.radians(geoms[code].centroid.y)))
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{label}</b>",
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=-38,
            font={"size": 15, "color": LABEL_COLOUR},
            bgcolor="rgba(255,255,255,0.85)",
            bordercolor=theme.EDGE_GREY,
            borderpad=3,
        )
    _fit_axes(fig, list(geoms.values()))
    return fig


def _fit_axes(fig: go.Figure, geoms: list[BaseGeometry]) -> None:
    """Hidden axes fitted to the areas at the right aspect for Münster's latitude."""
    if not geoms:
        return
    minx = min(g.bounds[0] for g in geoms)
    miny = min(g.bounds[1] for g in geoms)
    maxx = max(g.bounds[2] for g in geoms)
    maxy = max(g.bounds[3] for g in geoms)
    pad_x, pad_y = (maxx - minx) * 0.03, (maxy - miny) * 0.03
    aspect = math.cos(math.radians((miny + maxy) / 2))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        xaxis={**hidden, "range": [minx - pad_x, maxx + pad_x], "constrain": "domain"},
        yaxis={
            **hidden,
            "range": [miny - pad_y, maxy + pad_y],
            "scaleanchor": "x",
            "scaleratio": 1 / aspect,
            "constrain": "domain",
        },
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
