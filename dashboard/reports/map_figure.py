"""The Stadtteil map of a slide: the Karte page's view model and figure, sized for a room.

What the map shows comes from ``dashboard.services.map_view`` (the page's own computation,
reference value included); only the size, the labels and the focus names are the slide's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.profile_scope import default_group
from dashboard.present import map_figure, theme
from dashboard.present.i18n import t
from dashboard.services import map_view
from dashboard.services.map_view import build_shapes

if TYPE_CHECKING:
    from dashboard.analysis.shapes import MapShapes
    from dashboard.catalogues import Catalogue


class DeckData(Protocol):
    """What the map reads of the deck's data (slides.DeckData; named here to avoid a cycle)."""

    catalogue: Catalogue
    geometry: dict[str, pd.DataFrame]


CLASSES = 5
FOCUS_INK = theme.INK


def _shapes(data: DeckData) -> tuple[MapShapes, bool] | None:
    """Official Stadtteil shapes with Bezirk outlines, else the tile map (second: is tiles)."""
    layers = {name: len(frame) for name, frame in data.geometry.items()}
    areas = data.catalogue.areas
    if layers.get("amtlich_stadtteile"):
        found = build_shapes(areas, layers, data.geometry.__getitem__, "amtlich", "stadtteile")
        return (found, False) if found is not None else None
    if not layers.get("kacheln"):
        return None
    found = build_shapes(areas, layers, data.geometry.__getitem__, "kacheln", "stadtteile")
    return (found, True) if found is not None else None


def _name_focus(
    fig: go.Figure, shapes_: MapShapes, names: dict[str, str], focus: tuple[str, ...]
) -> None:
    """The focus districts' names right of the map, with a line to their area.

    Codes alone mean nothing to a room; names inside the small areas would not fit, and on
    top of the map they would hide the neighbours' numbers.
    """
    codes = [c for c in focus if c in shapes_.labels and c in names]
    if not codes:
        return
    grid = map_figure.Grid.of(shapes_.bounds)
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    fig.update_xaxes(constraintoward="left")  # the free room goes to the right, for the names
    points = sorted(
        (
            (grid.ys([shapes_.labels[c][1]])[0], grid.xs([shapes_.labels[c][0]])[0], c)
            for c in codes
        ),
        reverse=True,
    )
    step = (y1 - y0) / 12  # keep the names at least a line apart
    last = None
    # the line ends above the area's number and runs above its neighbours' numbers
    lift = (y1 - y0) * 0.035
    for y, x, code in points:
        label_y = y + lift if last is None else min(y + lift, last - step)
        last = label_y
        fig.add_annotation(
            x=x,
            y=y + lift,
            ax=x1 + (x1 - x0) * 0.04,
            ay=label_y,
            axref="x",
            ayref="y",
            text=f"<b>{names[code]}</b>",
            xanchor="left",
            showarrow=True,
            arrowhead=0,
            arrowwidth=2,
            arrowcolor=FOCUS_INK,
            bgcolor="white",
            bordercolor=FOCUS_INK,
            borderwidth=1.5,
            borderpad=4,
            font={"size": 20, "color": FOCUS_INK},
        )


def district_map(
    data: DeckData,
    values: pd.DataFrame,
    ind: dict[str, Any],
    period: int,
    lang: str,
    focus: tuple[str, ...] = (),
) -> tuple[go.Figure, pd.DataFrame, float | None, bool] | None:
    """Figure, table, city value and whether the tile map was used (None without data).

    Areas show their number; the ``focus`` districts also their name, beside them.
    """
    found = _shapes(data)
    rows = values[(values["indicator_id"] == ind["id"])]
    group = default_group(ind.get("groups"))
    rows = rows[rows["grp"] == group]
    if found is None or rows.empty:
        return None
    shapes_, tiles = found
    shown = int(rows["period"].max()) if period not in set(rows["period"]) else period
    view = map_view.indicator_view(
        rows, data.catalogue, ind, shown, group, "stadtteile", "quantile", CLASSES
    )
    table = view.table
    spec = map_figure.MapSpec(
        classes=view.classes,
        title=t("pr.map.legend", lang, indicator=f"<b>{ind['short']}</b>", period=shown),
        legend_labels=view.legend(lang, marker=False),
        missing_label=t("pr.map.missing", lang),
        show_labels=True,
        label_kind="code",  # names do not fit into the small tiles of a slide
    )
    texts = [f"{c} {n}" for c, n in zip(table["code"], table["name"], strict=True)]
    fig = map_figure.figure(shapes_, table, texts, spec, lang)
    fig.update_layout(height=None, dragmode=False, legend={"font": {"size": 20}})
    _name_focus(fig, shapes_, dict(zip(table["code"], table["name"], strict=True)), focus)
    return fig, table, view.city, tiles
