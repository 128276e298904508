"""The choropleth as a pure plotly figure, for the Karte page and the map slide alike.

The map is drawn as filled polygons on plain (hidden) axes, in lon/lat with the aspect of
Münster's latitude. That is plain SVG: it needs no WebGL (``go.Choroplethmap`` draws nothing in
browsers without it, common on office virtual desktops), no map tiles, and no glyph fonts
(``Scattermap`` text labels fetch fonts from the internet), and ``go.Choropleth`` (geo) would
fetch a world topojson from a CDN. Labels are SVG text; a click anywhere inside an area hits one
of its invisible target points, which carry the hover text and the area code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.classify import Classification
from dashboard.analysis.shapes import MapShapes
from dashboard.present import theme
from dashboard.present.hover import Hover
from dashboard.present.map_grid import Grid

OUTLINE_COLOUR = theme.OUTLINE
TEXT_DARK = theme.TEXT
TEXT_LIGHT = theme.WHITE
MAP_HEIGHT = 700
# share of the figure's width kept free on the left for the legend
LEGEND_SHARE = 0.17
# a label needs about this share of the map's width as room around its point (two digits)
MIN_LABEL_ROOM = 0.0095


@dataclass(frozen=True)
class MapSpec:
    """Everything the figure needs besides the shapes and the table."""

    classes: Classification
    title: str
    legend_labels: list[str]
    missing_label: str
    show_labels: bool
    label_kind: str  # "code" (Stadtteile), "both" (tile map), "name" (aggregate levels)


# What most of the map's traces share, sent once instead of on each of up to thousands of
# traces (it replaces Streamlit's plotly template, whose styling the map sets itself): the
# click targets are invisible markers outside the legend, with the hover wording most areas
# share (``hover.Hover``); other traces set what differs.
TARGET_DEFAULTS = {
    "mode": "markers",
    "showlegend": False,
    "marker": {"size": 18, "opacity": 0, "color": theme.BLACK},
    "type": "scatter",
}


# without it plotly puts the trace's name ("trace 14") beside every hover text
NO_NAME = "<extra></extra>"
# The template's hover wording is for the click targets only; a trace with any hovertemplate
# would show it, whatever its hoverinfo says.
NO_HOVER = {"hoverinfo": "skip", "hovertemplate": ""}


def _template(hovers: list[str]) -> tuple[dict[str, object], str | None]:
    """The figure's template (target defaults, the most common hover wording) and that wording."""
    wordings = Counter(h.template for h in hovers if isinstance(h, Hover))
    shared = wordings.most_common(1)[0][0] if wordings else None
    wording = {"hovertemplate": shared + NO_NAME} if shared else {}
    return {"data": {"scatter": [{**TARGET_DEFAULTS, **wording}]}}, shared


def area_of_click(event: object, fig: go.Figure) -> str | None:
    """The area code of the first clicked point of a plotly selection event (or None)."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        curve = point.get("curve_number") if isinstance(point, dict) else None
        if isinstance(curve, int) and 0 <= curve < len(fig.data):
            meta = fig.data[curve].meta
            if isinstance(meta, (list, tuple)) and meta and isinstance(meta[0], str):
                return meta[0]
    return None


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- figure -------------------------------------------------------------------------------------
# plotly validates every property of every trace as it is built: ~1 ms a trace, most of a map
# click's time with a hundred traces. The builders below set fixed, valid properties (the tests
# rebuild figures with validation on and compare the JSON), so the map is built unvalidated.
def _scatter(**props: Any) -> go.Scatter:
    """A scatter trace built without plotly's property validation."""
    return go.Scatter(**props, _validate=False)


def _fill_trace(
    codes: list[str], shapes_: MapShapes, grid: Grid, colour: str, hatched: bool
) -> go.Scatter:
    """The filled outlines of areas of one colour (no hover: the click targets carry it).

    Rings are separated by gaps; plotly fills each gap-separated piece on its own, so one
    trace draws many areas and their shared properties travel once.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for code in codes:
        x, y = shapes_.path(code)
        if xs:
            xs.append(None)
            ys.append(None)
        xs += x
        ys += y
    pattern = (
        {"shape": "/", "fgcolor": theme.HATCH, "bgcolor": colour, "size": 7, "solidity": 0.15}
        if hatched
        else None
    )
    return _scatter(
        x=grid.xs(xs),
        y=grid.ys(ys),
        mode="lines",
        fill="toself",
        fillcolor=colour,
        fillpattern=pattern,
        line={"color": OUTLINE_COLOUR, "width": 0.8},
        **NO_HOVER,
    )


def _fill_traces(
    codes: list[str], shapes_: MapShapes, grid: Grid, fill_of: dict[str, str], missing: set[str]
) -> list[go.Scatter]:
    """One filled trace per nesting depth and colour, outer areas first.

    An area that lies inside another (an enclave) has a greater depth and is drawn after it,
    so it stays on top; areas of one depth never overlap, so their order does not matter.
    """
    groups: dict[tuple[int, str, bool], list[str]] = {}
    for code in codes:
        key = (shapes_.depth.get(code, 0), fill_of[code], code in missing)
        groups.setdefault(key, []).append(code)
    return [
        _fill_trace(members, shapes_, grid, colour, hatched)
        for (_, colour, hatched), members in sorted(groups.items(), key=lambda kv: kv[0][0])
    ]


def _target_trace(
    code: str, shapes_: MapShapes, grid: Grid, text: str, shared: str | None
) -> go.Scatter:
    """Invisible points over the whole area: hovering shows its text, a click selects it.

    Marker, mode and legend come from the figure's template (``TARGET_DEFAULTS``); ``meta``
    is [code, hover values]: a click reports the trace's number (``area_of_click`` reads the
    code), the template's wording ``shared`` is filled with the values. A text with other
    wording is sent whole.
    """
    points = shapes_.targets.get(code) or [shapes_.labels[code]]
    slots = isinstance(text, Hover) and text.template == shared
    return _scatter(
        x=grid.xs([p[0] for p in points]),
        y=grid.ys([p[1] for p in points]),
        meta=[code, *text.values] if slots else [code],
        hovertemplate=None if slots else str(text) + NO_NAME,
    )


def _legend_trace(colour: str, name: str, rank: int, missing: bool = False) -> go.Scatter:
    """A legend entry only (the map itself draws one trace per area)."""
    marker = {
        "symbol": "square-x" if missing else "square",
        "size": 16,
        "color": colour,
        "line": {
            "color": theme.HATCH if missing else theme.EDGE_GREY,
            "width": 1 if missing else 0.5,
        },
    }
    return _scatter(
        x=[None],
        y=[None],
        marker={**marker, "opacity": 1},
        name=name,
        showlegend=True,
        **NO_HOVER,
        legendrank=rank,
    )


def _border_trace(shapes_: MapShapes, grid: Grid) -> go.Scatter:
    """Outlines of the Stadtbezirke, darker than the white Stadtteil edges."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for line in shapes_.borders:
        xs += [p[0] for p in line] + [None]
        ys += [p[1] for p in line] + [None]
    return _scatter(
        x=grid.xs(xs),
        y=grid.ys(ys),
        mode="lines",
        line={"color": theme.BORDER, "width": 1.4},
        **NO_HOVER,
    )


def _label_traces(
    table: pd.DataFrame, fills: list[str], shapes_: MapShapes, grid: Grid, kind: str
) -> list[go.Scatter]:
    """Labels at each area's inner point, dark on light fills and light on dark ones."""
    traces = []
    shown = labelled(shapes_, kind)
    for light in (False, True):
        rows = [
            row
            for row, fill in zip(table.itertuples(index=False), fills, strict=True)
            if (_luminance(fill) < 0.45) == light and row.code in shown
        ]
        if not rows:
            continue
        traces.append(
            _scatter(
                x=grid.xs([shapes_.labels[r.code][0] for r in rows]),
                y=grid.ys([shapes_.labels[r.code][1] for r in rows]),
                mode="text",
                text=[_label(r.code, r.name, kind) for r in rows],
                textfont={
                    "color": TEXT_LIGHT if light else TEXT_DARK,
                    "size": 10 if kind == "both" else 11,
                },
                **NO_HOVER,
            )
        )
    return traces


def labelled(shapes_: MapShapes, kind: str = "code") -> set[str]:
    """Codes whose label fits inside the area at the initial zoom (names need more room)."""
    minx, _, maxx, _ = shapes_.bounds
    need = (maxx - minx) * MIN_LABEL_ROOM * (2.2 if kind == "name" else 1.0)
    return {code for code in shapes_.labels if shapes_.room.get(code, need) >= need}


def _label(code: str, name: str, kind: str) -> str:
    """'61' (code), '61 / Coerde' (both, tile map) or 'Nord' (name, aggregate levels)."""
    if kind == "code":
        return str(code)
    if kind == "name":
        return short_name(name, 14)
    return f"<b>{code}</b><br>{short_name(name)}"


def short_name(name: str, limit: int = 11) -> str:
    """Tile label of at most ``limit`` characters: 'Kinderhaus-West' → 'Kinderh.-W.'."""
    if len(name) <= limit:
        return name
    head, _, tail = name.partition("-")
    if tail:
        tail = f"{tail[0]}."
        room = limit - len(tail) - 1
        head = head if len(head) <= room else head[: room - 1] + "."
        return f"{head}-{tail}"
    return name[: limit - 1] + "."


def _axes(shapes_: MapShapes, grid: Grid) -> tuple[dict[str, object], dict[str, object]]:
    """Hidden axes in grid units (equal on both), fitted to the areas."""
    (minx, maxx), (miny, maxy) = (
        grid.xs([shapes_.bounds[0], shapes_.bounds[2]]),
        grid.ys([shapes_.bounds[1], shapes_.bounds[3]]),
    )
    pad_x, pad_y = (maxx - minx) * 0.02, (maxy - miny) * 0.02
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    xaxis = {
        **hidden,
        "range": [minx - pad_x, maxx + pad_x],
        "constrain": "domain",
        "domain": [LEGEND_SHARE, 1],
    }
    yaxis = {
        **hidden,
        "range": [miny - pad_y, maxy + pad_y],
        "scaleanchor": "x",
        "scaleratio": 1,
        "constrain": "domain",
    }
    return xaxis, yaxis


def figure(
    shapes_: MapShapes, table: pd.DataFrame, texts: list[str], spec: MapSpec, lang: str = "de"
) -> go.Figure:
    """The choropleth on plain axes (SVG: no WebGL, tiles or fonts needed)."""
    classes = spec.classes.classes.reindex(table.index)
    fills = [spec.classes.colour_of(int(c)) for c in classes]
    fill_of = dict(zip(table["code"], fills, strict=True))
    text_of = dict(zip(table["code"], texts, strict=True))
    codes = [c for c in shapes_.order if c in fill_of]
    grid = Grid.of(shapes_.bounds)
    missing = {c for c, k in zip(table["code"], classes, strict=True) if k < 0}
    template, shared = _template(texts)
    # click targets first: the trace number a click reports is the area's place in ``codes``
    traces = [_target_trace(code, shapes_, grid, text_of[code], shared) for code in codes]
    traces += _fill_traces(codes, shapes_, grid, fill_of, missing)
    if shapes_.borders:
        traces.append(_border_trace(shapes_, grid))
    if spec.show_labels:
        traces += _label_traces(table, fills, shapes_, grid, spec.label_kind)
    # highest class on top, as in printed atlases
    for i, (colour, label) in enumerate(zip(spec.classes.colours, spec.legend_labels, strict=True)):
        traces.append(_legend_trace(colour, label, rank=100 - i))
    if missing:
        traces.append(_legend_trace(theme.MISSING, spec.missing_label, rank=200, missing=True))
    # unvalidated like the traces (update_layout validated every key: ~40 ms a map click)
    return go.Figure(
        data=traces, layout=_layout(spec, shapes_, grid, template, lang), _validate=False
    )


def _layout(
    spec: MapSpec, shapes_: MapShapes, grid: Grid, template: dict[str, object], lang: str
) -> dict[str, object]:
    """The figure's layout: hidden axes, the legend with the title, hover labels."""
    xaxis, yaxis = _axes(shapes_, grid)
    return {
        "template": template,
        "xaxis": xaxis,
        "yaxis": yaxis,
        "height": MAP_HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "legend": {
            "title": {"text": spec.title, "font": {"size": 14, "color": TEXT_DARK}},
            "x": 0.0,
            "y": 1.0,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": theme.FRAME_GREY,
            "borderwidth": 1,
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": 13, "color": TEXT_DARK},
        },
        "hoverlabel": {
            "bgcolor": "white",
            "bordercolor": theme.EDGE_GREY,
            "font": {"size": 13, "color": TEXT_DARK},
            "align": "left",
        },
        "hovermode": "closest",
        "hoverdistance": 12,
        "dragmode": "pan",
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": True,
        "separators": ",." if lang == "de" else ".,",
    }


def plot_config() -> dict[str, object]:
    """Plotly options: no logo or cloud links, zoom by buttons, PNG export with a file name."""
    return {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoom2d"],
        "toImageButtonOptions": {"filename": "leitbild_karte", "scale": 2},
    }
