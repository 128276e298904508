"""Choropleth maps for the browser: cached shapes, hover texts, legend and the plotly figure.

The map is drawn as filled polygons on plain (hidden) axes, in lon/lat with the aspect of
Münster's latitude. That is plain SVG: it needs no WebGL (``go.Choroplethmap`` draws nothing in
browsers without it, common on office virtual desktops), no map tiles, and no glyph fonts
(``Scattermap`` text labels fetch fonts from the internet), and ``go.Choropleth`` (geo) would
fetch a world topojson from a CDN. Labels are SVG text; a click anywhere inside an area hits one
of its invisible target points, which carry the hover text and the area code.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis.aggregation import children_map
from dashboard.analysis.classify import MISSING_COLOUR, Classification
from dashboard.analysis.rollup import level_members
from dashboard.analysis.shapes import MapShapes, dissolve, from_wkb, map_shapes
from dashboard.analysis.social_index import CLASS_BOUNDS, CLASS_KEYS, SocialIndex
from dashboard.exports import neutralise, to_csv, to_xlsx
from dashboard.present.format import fmt_number
from dashboard.present.i18n import t
from dashboard.present.profile_charts import SOCIAL_CLASS_COLOURS
from dashboard.tilemap import GAP_SHARE, TILE_DEG
from dashboard.ui import data

GEOMETRIES = ("amtlich", "kacheln")
# units that read badly after a number ("4 Anzahl"): the number alone says it
PLAIN_UNITS = ("Anzahl",)
HATCH_COLOUR = "#8c8c8c"
BORDER_COLOUR = "#4b5563"
# light grey rather than white: the palest classes (#f7f7f7, #ffffcc) must keep an edge
OUTLINE_COLOUR = "#c4c4c4"
TEXT_DARK = "#1f2937"
TEXT_LIGHT = "#ffffff"
MAP_HEIGHT = 700
# share of the figure's width kept free on the left for the legend
LEGEND_SHARE = 0.17
# a label needs about this share of the map's width as room around its point (two digits)
MIN_LABEL_ROOM = 0.0095
# tiles: grow each square by a bit more than half the widest gap, so a dissolved Stadtbezirk
# reads as one block
TILE_CLOSE_GAPS = TILE_DEG * GAP_SHARE * 0.9
# the figure's coordinates are whole numbers of this many metres from the map's corner: far
# below a pixel at city zoom (about 35 m) and half the characters of lon/lat with 5 decimals
GRID_METRES = 5.0
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class MapSpec:
    """Everything the figure needs besides the shapes and the table."""

    classes: Classification
    title: str
    legend_labels: list[str]
    missing_label: str
    show_labels: bool
    label_kind: str  # "code" (Stadtteile), "both" (tile map), "name" (aggregate levels)


@dataclass(frozen=True)
class Grid:
    """Lon/lat to whole grid units east and north of the map's south-west corner.

    Equirectangular at the map's middle latitude, so one unit is the same distance on both
    axes; the same input point always becomes the same pair, so shared edges stay shared.
    """

    lon0: float
    lat0: float
    per_lon: float
    per_lat: float

    @classmethod
    def of(cls, bounds: tuple[float, float, float, float]) -> Grid:
        """The grid for shapes with these (minx, miny, maxx, maxy) bounds."""
        minx, miny, _, maxy = bounds
        per_lat = METRES_PER_DEGREE / GRID_METRES
        return cls(minx, miny, per_lat * math.cos(math.radians((miny + maxy) / 2)), per_lat)

    def xs(self, lons: list[float | None]) -> list[int | None]:
        """Grid x of each longitude (None stays None: it separates rings)."""
        return [None if v is None else round((v - self.lon0) * self.per_lon) for v in lons]

    def ys(self, lats: list[float | None]) -> list[int | None]:
        """Grid y of each latitude."""
        return [None if v is None else round((v - self.lat0) * self.per_lat) for v in lats]


# --- shapes -------------------------------------------------------------------------------------
def official_available(db: str) -> bool:
    """True when the official Stadtteil geometry has been imported."""
    return data.geometry_layers(db).get("amtlich_stadtteile", 0) > 0


def shapes(db: str, geometry: str, level: str) -> MapShapes | None:
    """Browser-ready shapes for a geometry (amtlich|kacheln) and a map level (None if absent).

    The simplified shapes are cached under a hash of the stored geometry, so a new import
    (which clears the data caches) is on the map at once.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    for layer in sorted(data.geometry_layers(db)):
        frame = data.geometry(db, layer)
        for code, wkb in zip(frame["area_code"], frame["wkb"], strict=True):
            digest.update(f"{layer}:{code}:".encode() + bytes(wkb))
    return _shapes(db, geometry, level, digest.hexdigest())


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=24)
def _shapes(db: str, geometry: str, level: str, version: str) -> MapShapes | None:
    """The shapes of ``shapes`` (``version`` only keys the cache)."""
    areas = data.catalogues(db).areas
    members = level_members(areas, level)
    layers = data.geometry_layers(db)
    if level == "stadtzellen":
        # cells exist only as imported shapes; drawn grouped by their Stadtteil
        if not layers.get("amtlich_stadtzellen"):
            return None
        cells = from_wkb(data.geometry(db, "amtlich_stadtzellen"))
        parent = dict(zip(areas["code"], areas["parent_code"], strict=True))
        groups: dict[str, list[str]] = {}
        for code in cells:
            groups.setdefault(str(parent.get(code)), []).append(code)
        return map_shapes(cells, groups=groups)
    if geometry == "kacheln":
        tiles = from_wkb(data.geometry(db, "kacheln"))
        if level == "stadtteile":
            return map_shapes(tiles, tolerance=0)
        return map_shapes(dissolve(tiles, members, close_gaps=TILE_CLOSE_GAPS), tolerance=0)
    if not layers.get("amtlich_stadtteile"):
        return None
    districts = from_wkb(data.geometry(db, "amtlich_stadtteile"))
    if level == "stadtteile":
        # the Stadtbezirke drawn over the Stadtteile help to find one's way
        return map_shapes(districts, groups=level_members(areas, "stadtbezirke"))
    if layers.get("amtlich_bezirke"):
        # the official layer holds the Teilbereiche of Mitte and the outer Stadtbezirke;
        # Mitte is the union of its Teilbereiche
        bezirke = from_wkb(data.geometry(db, "amtlich_bezirke"))
        kids = children_map(areas)
        groups = {
            code: [code] if code in bezirke else [c for c in kids.get(code, []) if c in bezirke]
            for code in members
        }
        if all(groups.values()):
            return map_shapes(dissolve(bezirke, groups))
    return map_shapes(dissolve(districts, members))


# --- texts --------------------------------------------------------------------------------------
def fmt_value(value: float | None, decimals: int, unit: str, lang: str) -> str:
    """A value with its unit: '49,7 %', '1.234 Personen', '3,2 je 100' ('Anzahl' is implied)."""
    text = fmt_number(value, decimals, lang)
    if text == "–" or not unit or unit in PLAIN_UNITS:
        return text
    return f"{text} {unit}"


def fmt_diff(value: float | None, decimals: int, unit: str, lang: str) -> str:
    """A signed difference; percentage points for shares in %."""
    if value is None or pd.isna(value):
        return "–"
    sign = "+" if round(value, decimals) > 0 else ("±" if round(value, decimals) == 0 else "−")
    text = fmt_number(abs(value), decimals, lang)
    unit_text = t("karte.unit.pp", lang) if unit == "%" else unit
    return f"{sign}{text} {unit_text}".strip()


def flag_text(flag: object, lang: str) -> str:
    """German (or English) label of an official flag ('' for none)."""
    return t(f"karte.flag.{flag}", lang) if isinstance(flag, str) and flag else ""


def legend_labels(
    classes: Classification, unit: str, decimals: int, lang: str, marker: str | None = None
) -> list[str]:
    """One label per class with its bounds (German number format) and number of areas.

    ``marker`` (e.g. '◂ Stadt') is appended to the class that holds the reference value.
    """
    labels = []
    home = classes.class_of(classes.reference) if marker else -1
    for i, ((low, high), n) in enumerate(zip(classes.ranges(), classes.counts(), strict=True)):
        lo, hi = fmt_number(low, decimals, lang), fmt_number(high, decimals, lang)
        if low is None:
            text = t("karte.legend.upto", lang, high=hi)
        elif high is None:
            text = t("karte.legend.from", lang, low=lo)
        elif low >= high:
            text = hi
        else:
            text = t("karte.legend.range", lang, low=lo, high=hi)
        labels.append(f"{text} ({n})" + (f"  {marker}" if i == home else ""))
    return labels


def hover_texts(
    table: pd.DataFrame,
    indicator: dict[str, object],
    *,
    city: float | None,
    parts: tuple[str, str],
    lang: str,
) -> list[str]:
    """Hover text per row: name, value, parts, rank, distance to the city, flag."""
    decimals = int(indicator.get("decimals") or 0)
    unit = str(indicator.get("unit") or "")
    city_text = fmt_value(city, decimals, unit, lang)
    texts = []
    for row in table.itertuples(index=False):
        lines = [f"<b>{row.code} {row.name}</b>"]
        if pd.isna(row.value):
            key = "karte.hover.hidden" if row.flag == "secret" else "karte.hover.missing"
            lines.append(t(key, lang))
        else:
            lines.append(
                f"{indicator['short']}: <b>{fmt_value(row.value, decimals, unit, lang)}</b>"
            )
            if not pd.isna(row.numerator) and not pd.isna(row.denominator):
                lines.append(
                    f"{parts[0]}: {fmt_number(row.numerator, 0, lang)} · "
                    f"{parts[1]}: {fmt_number(row.denominator, 0, lang)}"
                )
            lines.append(t("karte.hover.rank", lang, rank=int(row.rank), total=int(row.ranked)))
            if not pd.isna(row.diff):
                diff = fmt_diff(row.diff, decimals, unit, lang)
                lines.append(t("karte.hover.diff", lang, diff=diff, city=city_text))
            elif not pd.isna(row.share_of_city):
                share = fmt_number(row.share_of_city, 1, lang) + " %"
                lines.append(t("karte.hover.share_of_city", lang, share=share))
        flag = flag_text(row.flag, lang)
        if flag and row.flag != "secret":
            lines.append(t("karte.hover.flag", lang, flag=flag))
        if row.origin == "computed":
            lines.append(t("karte.hover.computed", lang))
        provenance = getattr(row, "provenance", None)
        if isinstance(provenance, str) and provenance:
            lines.append(t("karte.hover.provenance", lang, text=_wrapped(provenance)))
        texts.append("<br>".join(lines))
    return texts


def _wrapped(text: str, width: int = 70) -> str:
    """A long provenance text in hover-sized lines."""
    import textwrap

    return "<br>".join(textwrap.wrap(text, width))


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- figure -------------------------------------------------------------------------------------
def _area_trace(
    code: str, shapes_: MapShapes, grid: Grid, colour: str, hatched: bool
) -> go.Scatter:
    """The filled outline of one area (no hover: the click targets carry it)."""
    xs, ys = shapes_.path(code)
    pattern = (
        {"shape": "/", "fgcolor": HATCH_COLOUR, "bgcolor": colour, "size": 7, "solidity": 0.15}
        if hatched
        else None
    )
    return go.Scatter(
        x=grid.xs(xs),
        y=grid.ys(ys),
        mode="lines",
        fill="toself",
        fillcolor=colour,
        fillpattern=pattern,
        line={"color": OUTLINE_COLOUR, "width": 0.8},
        hoverinfo="skip",
        showlegend=False,
    )


def _target_trace(code: str, shapes_: MapShapes, grid: Grid, text: str) -> go.Scatter:
    """Invisible points over the whole area: hovering shows its text, a click selects it."""
    points = shapes_.targets.get(code) or [shapes_.labels[code]]
    return go.Scatter(
        x=grid.xs([p[0] for p in points]),
        y=grid.ys([p[1] for p in points]),
        mode="markers",
        marker={"size": 18, "opacity": 0, "color": "#000000"},
        customdata=[code] * len(points),
        hovertemplate=text + "<extra></extra>",
        showlegend=False,
    )


def _legend_trace(colour: str, name: str, rank: int, missing: bool = False) -> go.Scatter:
    """A legend entry only (the map itself draws one trace per area)."""
    marker = {
        "symbol": "square-x" if missing else "square",
        "size": 16,
        "color": colour,
        "line": {"color": HATCH_COLOUR if missing else "#9e9e9e", "width": 1 if missing else 0.5},
    }
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker=marker,
        name=name,
        hoverinfo="skip",
        legendrank=rank,
    )


def _border_trace(shapes_: MapShapes, grid: Grid) -> go.Scatter:
    """Outlines of the Stadtbezirke, darker than the white Stadtteil edges."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for line in shapes_.borders:
        xs += [p[0] for p in line] + [None]
        ys += [p[1] for p in line] + [None]
    return go.Scatter(
        x=grid.xs(xs),
        y=grid.ys(ys),
        mode="lines",
        line={"color": BORDER_COLOUR, "width": 1.4},
        hoverinfo="skip",
        showlegend=False,
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
            go.Scatter(
                x=grid.xs([shapes_.labels[r.code][0] for r in rows]),
                y=grid.ys([shapes_.labels[r.code][1] for r in rows]),
                mode="text",
                text=[_label(r.code, r.name, kind) for r in rows],
                textfont={
                    "color": TEXT_LIGHT if light else TEXT_DARK,
                    "size": 10 if kind == "both" else 11,
                },
                hoverinfo="skip",
                showlegend=False,
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
    fig = go.Figure()
    missing = {c for c, k in zip(table["code"], classes, strict=True) if k < 0}
    for code in codes:
        fig.add_trace(_area_trace(code, shapes_, grid, fill_of[code], code in missing))
    if shapes_.borders:
        fig.add_trace(_border_trace(shapes_, grid))
    if spec.show_labels:
        for trace in _label_traces(table, fills, shapes_, grid, spec.label_kind):
            fig.add_trace(trace)
    for code in codes:
        fig.add_trace(_target_trace(code, shapes_, grid, text_of[code]))
    # highest class on top, as in printed atlases
    for i, (colour, label) in enumerate(zip(spec.classes.colours, spec.legend_labels, strict=True)):
        fig.add_trace(_legend_trace(colour, label, rank=100 - i))
    if missing:
        fig.add_trace(_legend_trace(MISSING_COLOUR, spec.missing_label, rank=200, missing=True))
    xaxis, yaxis = _axes(shapes_, grid)
    fig.update_layout(
        xaxis=xaxis,
        yaxis=yaxis,
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={
            "title": {"text": spec.title, "font": {"size": 14, "color": TEXT_DARK}},
            "x": 0.0,
            "y": 1.0,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.9)",
            "bordercolor": "#d0d0d0",
            "borderwidth": 1,
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": 13, "color": TEXT_DARK},
        },
        hoverlabel={
            "bgcolor": "white",
            "bordercolor": "#9e9e9e",
            "font": {"size": 13, "color": TEXT_DARK},
            "align": "left",
        },
        hovermode="closest",
        hoverdistance=12,
        dragmode="pan",
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=True,
        separators=",." if lang == "de" else ".,",
    )
    return fig


# --- social index -------------------------------------------------------------------------------
def social_classes(result: SocialIndex, codes: list[str]) -> Classification:
    """The index classes of the Stadtteile as a map classification (-1 = left out, grey)."""
    by_code = dict(zip(result.frame["area_code"], result.frame["class_no"], strict=True))
    classes = pd.Series([-1 if pd.isna(by_code.get(c)) else int(by_code[c]) - 1 for c in codes])
    return Classification(
        method="social_index",
        edges=(-math.inf, *CLASS_BOUNDS, math.inf),
        colours=tuple(SOCIAL_CLASS_COLOURS[k] for k in CLASS_KEYS),
        classes=classes,
        reference=0.0,
        step=0.01,
        open_ended=True,
    )


def social_legend(classes: Classification, lang: str) -> list[str]:
    """One legend label per index class with its number of Stadtteile."""
    return [
        f"{t(f'stadtteil.class.{key}', lang)} ({n})"
        for key, n in zip(CLASS_KEYS, classes.counts(), strict=True)
    ]


def social_hover_texts(table: pd.DataFrame, result: SocialIndex, lang: str) -> list[str]:
    """Hover text per Stadtteil: index, class and rank, or why it is left out."""
    rows = result.frame.set_index("area_code")
    ranked = int(rows["index"].notna().sum())
    texts = []
    for code, name in zip(table["code"], table["name"], strict=True):
        lines = [f"<b>{code} {name}</b>"]
        row = rows.loc[code] if code in rows.index else None
        if row is None or pd.isna(row["index"]) or pd.isna(row["class_key"]):
            reason = row["reason"] if row is not None and isinstance(row["reason"], str) else None
            lines.append(
                t(f"karte.social.reason.{reason or 'none'}", lang, n=result.min_population)
            )
        else:
            lines.append(
                t(
                    "karte.social.hover",
                    lang,
                    index=fmt_number(float(row["index_sd"]), 2, lang),
                    klass=t(f"stadtteil.class.{row['class_key']}", lang),
                    rank=int(row["rank"]),
                    total=ranked,
                )
            )
        texts.append("<br>".join(lines))
    return texts


def column_decimals(frame: pd.DataFrame, decimals: int, tr: Callable[..., str]) -> dict[str, int]:
    """Decimal places per numeric column of the reader's table."""
    whole = {tr("karte.col.rank"), tr("karte.col.numerator"), tr("karte.col.denominator")}
    places = {}
    for col in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[col]):
            places[col] = 0 if col in whole else decimals
    if tr("karte.col.share_of_city") in places:
        places[tr("karte.col.share_of_city")] = 1
    return places


def download_files(
    frame: pd.DataFrame, notes: list[tuple[str, str]], lang: str
) -> tuple[bytes, bytes]:
    """CSV of the table and an XLSX with the table and a notes sheet, formula-safe."""
    safe = neutralise(frame)
    sheet = pd.DataFrame(notes, columns=[t("karte.notes.topic", lang), t("karte.notes.note", lang)])
    workbook = {t("karte.table", lang)[:31]: safe, t("karte.notes.sheet", lang): neutralise(sheet)}
    return to_csv(safe), to_xlsx(workbook)


def selected_code(event: object) -> str | None:
    """The area code of the first clicked point of a plotly selection event (or None)."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        code = custom or point.get("location")
        if code:
            return str(code)
    return None


def plot_config() -> dict[str, object]:
    """Plotly options: no logo or cloud links, zoom by buttons, PNG export with a file name."""
    return {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "zoom2d"],
        "toImageButtonOptions": {"filename": "leitbild_karte", "scale": 2},
    }
