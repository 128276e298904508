"""The Stadtteil map of a slide, built with the Karte page's own figure builder.

dashboard.ui.maps imports streamlit (its shape cache); only its pure functions are used here,
with shapes built straight from the stored geometry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import config
from dashboard.analysis.classify import classify
from dashboard.analysis.map_table import map_table
from dashboard.analysis.profile import default_group
from dashboard.analysis.rollup import city_value, level_codes, level_members, rollup
from dashboard.analysis.shapes import from_wkb, map_shapes
from dashboard.present.i18n import t
from dashboard.ui import maps

if TYPE_CHECKING:
    from dashboard.reports.slides import DeckData

CLASSES = 5
FOCUS_INK = "#111827"


def _limits() -> dict[str, int]:
    return {
        "min_count": int(config.get("min_count")),
        "min_denominator": int(config.get("min_denominator")),
    }


def _shapes(data: DeckData) -> tuple[Any, bool] | None:
    """Official Stadtteil shapes with Bezirk outlines, else the tile map (second: is tiles)."""
    official = data.geometry.get("amtlich_stadtteile")
    if official is not None and len(official):
        groups = level_members(data.catalogue.areas, "stadtbezirke")
        return map_shapes(from_wkb(official), groups=groups), False
    tiles = data.geometry.get("kacheln")
    if tiles is None or tiles.empty:
        return None
    return map_shapes(from_wkb(tiles), tolerance=0), True


def _name_focus(fig: go.Figure, shapes_: Any, names: dict[str, str], focus: tuple[str, ...]):
    """The focus districts' names right of the map, with a line to their area.

    Codes alone mean nothing to a room; names inside the small areas would not fit, and on
    top of the map they would hide the neighbours' numbers.
    """
    codes = [c for c in focus if c in shapes_.labels and c in names]
    if not codes:
        return
    grid = maps.Grid.of(shapes_.bounds)
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    fig.update_xaxes(constraintoward="left")  # the free room goes to the right, for the names
    points = sorted(((grid.ys([shapes_.labels[c][1]])[0], grid.xs([shapes_.labels[c][0]])[0], c)
                     for c in codes), reverse=True)  # fmt: skip
    step = (y1 - y0) / 12  # keep the names at least a line apart
    last = None
    # the line ends above the area's number and runs above its neighbours' numbers
    lift = (y1 - y0) * 0.035
    for y, x, code in points:
        label_y = y + lift if last is None else min(y + lift, last - step)
        last = label_y
        fig.add_annotation(
            x=x, y=y + lift, ax=x1 + (x1 - x0) * 0.04, ay=label_y, axref="x", ayref="y",
            text=f"<b>{names[code]}</b>", xanchor="left", showarrow=True, arrowhead=0,
            arrowwidth=2, arrowcolor=FOCUS_INK, bgcolor="white", bordercolor=FOCUS_INK,
            borderwidth=1.5, borderpad=4, font={"size": 20, "color": FOCUS_INK},
        )  # fmt: skip


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
    """  # fmt: skip
    found = _shapes(data)
    rows = values[(values["indicator_id"] == ind["id"])]
    group = default_group(ind.get("groups"))
    rows = rows[rows["grp"] == group]
    if found is None or rows.empty:
        return None
    shapes_, tiles = found
    shown = int(rows["period"].max()) if period not in set(rows["period"]) else period
    frame = rows[rows["period"] == shown]
    areas = data.catalogue.areas
    codes = level_codes(areas, "stadtteile")
    limits = _limits()
    level_rows = rollup(frame, areas, ind, codes, indicators=data.catalogue.indicators, **limits)
    city, _flag = city_value(frame, areas, ind, indicators=data.catalogue.indicators, **limits)
    decimals, unit = int(ind["decimals"]), str(ind["unit"])
    table = map_table(level_rows, codes, areas, city=city, kind=ind["kind"], decimals=decimals)
    classes = classify(table["value"], "quantile", CLASSES, reference=city,
                       direction=ind["direction"], decimals=decimals)  # fmt: skip
    spec = maps.MapSpec(
        classes=classes,
        title=t("pr.map.legend", lang, indicator=f"<b>{ind['short']}</b>", period=shown),
        legend_labels=maps.legend_labels(classes, unit, decimals, lang),
        missing_label=t("pr.map.missing", lang),
        show_labels=True,
        label_kind="code",  # names do not fit into the small tiles of a slide
    )
    texts = [f"{c} {n}" for c, n in zip(table["code"], table["name"], strict=True)]
    fig = maps.figure(shapes_, table, texts, spec, lang)
    fig.update_layout(height=None, dragmode=False, legend={"font": {"size": 20}})
    _name_focus(fig, shapes_, dict(zip(table["code"], table["name"], strict=True)), focus)
    return fig, table, city, tiles
