"""Figures of progress statuses: heatmap, bullet chart, trajectory and status history.

Words, symbols and colours of the statuses are in ``progress_labels``, explanations in
``progress_explain``, tables in ``progress_tables``, the trajectory's traces in
``trajectory_layers``.

Only cartesian plotly traces are used (no geo traces: they fetch map data from a CDN). Numbers
are formatted in the page language (German: decimal comma) before they reach plotly, and the
axes use the matching separators.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.gaps import PP, Track
from dashboard.analysis.progress import Status
from dashboard.present import fonts, theme
from dashboard.present import trajectory_layers as layers
from dashboard.present.format import fmt_number
from dashboard.present.progress_labels import (
    STATUS_COLORS,
    STATUS_ORDER,
    STATUS_SYMBOLS,
    Tr,
    fmt_value,
    status_code,
    status_key,
    status_text,
    unit_text,
)

FONT = fonts.SCREEN


# --- figures -------------------------------------------------------------------------------
def _layout(fig: go.Figure, lang: str, height: int, **extra: Any) -> go.Figure:
    margin = extra.pop("margin", {"l": 10, "r": 10, "t": 30, "b": 10})
    fig.update_layout(
        height=height, margin=margin,
        separators=",." if lang == "de" else ".,", font={"family": FONT, "size": 13},
        plot_bgcolor="white", paper_bgcolor="white", **extra,
    )  # fmt: skip
    return fig


def _heat_cells(
    matrix: pd.DataFrame,
    areas: list[str],
    fields: list[str],
    labels: tuple[dict[str, str], dict[str, str]],
    tr: Tr,
    lang: str,
) -> tuple[list[list[int | None]], list[list[str]], list[list[str]]]:
    """Per area and field: the status index (colour), its symbol and the hover text."""
    area_labels, field_labels = labels
    index = {s: i for i, s in enumerate(STATUS_ORDER)}
    # plain dicts: thousands of cells at 10x, a MultiIndex lookup each took most of a second
    cells = {(r["area"], r["field_id"]): r for r in matrix.to_dict("records")}
    z, text, hover = [], [], []
    for area in areas:
        zr, tr_, hr = [], [], []
        for fid in fields:
            row = cells[(area, fid)]
            status = row["status"] if isinstance(row["status"], str) else None
            zr.append(index[status] if status else None)
            tr_.append(STATUS_SYMBOLS.get(status, ""))
            counts = ", ".join(
                f"{row['n_' + s]} {tr(status_key(s))}" for s in STATUS_ORDER if row["n_" + s]
            )
            hr.append(
                f"<b>{area_labels.get(area, area)}</b><br>{field_labels.get(fid, fid)}<br>"
                + (status_text(status, tr) if status else tr("zi.status.none"))
                + (f"<br>{counts}" if counts else "")
                + (
                    f"<br>{tr('zi.heat.score', score=fmt_number(row['score'], 1, lang))}"
                    if row["score"] is not None and not pd.isna(row["score"])
                    else ""
                )
            )
        z.append(zr)
        text.append(tr_)
        hover.append(hr)
    return z, text, hover


def _click_layer(
    keys: tuple[list[str], list[str]],
    labels: tuple[list[str], list[str]],
    hover: list[list[str]],
    selected: tuple[str, str] | None,
) -> go.Scatter:
    """Transparent points over the cells: they carry the hover and make a cell clickable."""
    (areas, fields), (ylabels, xlabels) = keys, labels
    xs = [xl for _ in ylabels for xl in xlabels]
    ys = [yl for yl in ylabels for _ in xlabels]
    custom = [[a, f] for a in areas for f in fields]
    chosen = [i for i, (a, f) in enumerate(custom) if selected and (a, f) == tuple(selected)]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        customdata=custom,
        hovertext=[h for row in hover for h in row],
        hoverinfo="text",
        marker={"symbol": "square", "size": 18, "color": "rgba(0,0,0,0)", "line": {"width": 0}},
        selectedpoints=chosen or None,
        selected={"marker": {"color": "rgba(0,0,0,0.25)"}},
        unselected={"marker": {"opacity": 0}},
        showlegend=False,
        name="",
    )


def heatmap(
    matrix: pd.DataFrame,
    area_labels: dict[str, str],
    field_labels: dict[str, str],
    tr: Tr,
    lang: str,
    selected: tuple[str, str] | None = None,
    compact: bool = False,
) -> go.Figure:
    """Districts × fields: one cell per roll-up status; a transparent point layer for clicks.

    ``compact``: columns labelled by the field number only (names in the hover), turned on end,
    so the cells keep their width on a phone and the labels do not overlap there.
    """
    areas = list(dict.fromkeys(matrix["area"]))
    fields = list(dict.fromkeys(matrix["field_id"]))
    z, text, hover = _heat_cells(matrix, areas, fields, (area_labels, field_labels), tr, lang)
    n = len(STATUS_ORDER)
    scale = []
    for i, status in enumerate(STATUS_ORDER):
        scale += [[i / n, STATUS_COLORS[status]], [(i + 1) / n, STATUS_COLORS[status]]]
    ylabels = [area_labels.get(a, a) for a in areas]
    xlabels = list(fields) if compact else [field_labels.get(f, f) for f in fields]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=xlabels,
            y=ylabels,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14},
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    fig.add_trace(_click_layer((areas, fields), (ylabels, xlabels), hover, selected))
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 12})
    # compact: upright numbers overlapped on a phone (12 columns of ~22 px), so they stand on end
    fig.update_xaxes(side="top", showgrid=False, tickangle=-90 if compact else -35,
                     **({"tickmode": "array", "tickvals": list(fields)} if compact else {}),
                     tickfont={"size": 12}, type="category")  # fmt: skip
    top = 60 if compact else 170
    return _layout(
        fig,
        lang,
        max(160 if compact else 320, 24 * len(areas) + top),
        clickmode="event+select",
        dragmode=False,
    )


def wrap_label(label: str, width: int = 26) -> str:
    """A long axis label on several lines (plotly breaks), so it needs less margin."""
    return "<br>".join(textwrap.wrap(str(label), width, break_long_words=False)) or str(label)


def _status_bars(
    fig: go.Figure, rows: pd.DataFrame, clipped: pd.Series, tr: Tr, width: float
) -> None:
    """One bar trace per status shown, so the legend names every colour once."""
    codes = rows["status"].map(status_code)
    present = set(codes)
    for status in (*STATUS_ORDER, None):
        if status not in present:
            continue
        mine = codes == status
        fig.add_trace(
            go.Bar(
                y=rows.loc[mine, "y"],
                x=clipped[mine],
                orientation="h",
                width=width,
                marker={"color": STATUS_COLORS.get(status or "", theme.STATUS_NONE)},
                hovertext=rows.loc[mine, "hover"],
                hoverinfo="text",
                name=status_text(status, tr),
            )
        )


def _bullet_layers(
    fig: go.Figure, rows: pd.DataFrame, tr: Tr, widths: tuple[float, float], mark_px: int
) -> None:
    """Each row's track, status bar and time mark (at ``rows["y"]``), the status legend and
    the 0–100 % axis: the same in both bullet charts."""
    track_width, bar_width = widths
    fig.add_trace(
        go.Bar(
            y=rows["y"],
            x=[1.0] * len(rows),
            orientation="h",
            marker={"color": theme.TRACK},
            hoverinfo="skip",
            showlegend=False,
            width=track_width,
        )
    )
    _status_bars(fig, rows, rows["achieved"].clip(-0.25, 1.25), tr, bar_width)
    fig.add_trace(
        go.Scatter(
            y=rows["y"],
            x=rows["expected"].clip(0, 1),
            mode="markers",
            hoverinfo="skip",
            marker={
                "symbol": "line-ns",
                "size": mark_px,
                "line": {"width": 3, "color": theme.CHART_INK},
            },
            name=tr("zi.bullet.expected"),
        )
    )
    fig.update_layout(
        barmode="overlay",
        legend={
            "orientation": "h",
            "y": 1.0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
            "title": {"text": tr("zi.bullet.colour")},
            "traceorder": "normal",
        },
    )
    fig.update_xaxes(
        range=[-0.25, 1.25],
        tickformat=".0%",
        gridcolor=theme.GRID,
        title={"text": tr("zi.bullet.axis"), "font": {"size": 12}},  # two lines: fits a phone
        zeroline=True,
        zerolinecolor=theme.STATUS_NONE,
    )


def bullet_chart(rows: pd.DataFrame, tr: Tr, lang: str, label_width: int = 40) -> go.Figure:
    """How far each target is from its baseline towards the target (0 % = start, 100 % = goal).

    ``rows`` needs: label, status, achieved (share 0–1), expected (share of the time elapsed,
    0–1), hover (text). A bar's colour is the target's status (which judges the trend, not
    the position): one legend entry per status shown, so every colour is named.
    """
    rows = rows.iloc[::-1].assign(y=lambda r: r["label"].map(lambda x: wrap_label(x, label_width)))
    fig = go.Figure()
    _bullet_layers(fig, rows, tr, (0.8, 0.4), 22)
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["y"]))
    # every row as tall as its longest (wrapped) label needs at 13 px
    lines = max((y.count("<br>") + 1 for y in rows["y"]), default=1)
    return _layout(fig, lang, max(200, max(34, 17 * lines + 10) * len(rows) + 160))


# px of one row of the stacked bullet chart: gap, track bar, gap, then the label's lines
_ROW_PAD, _TRACK_PX, _BAR_PX, _LINE_PX = 6, 16, 8, 17


def stacked_bullet_chart(rows: pd.DataFrame, tr: Tr, lang: str, label_width: int = 40) -> go.Figure:
    """The bullet chart with each label above its bar, so the bars get the full width.

    For the web page: labels left of the bars left a phone's plot ~55 px wide. ``rows`` as in
    ``bullet_chart``; rows are bands of equal height on a numeric axis (row 0 at the bottom).
    """
    rows = rows.iloc[::-1].assign(
        text=lambda r: r["label"].map(lambda x: wrap_label(x, label_width))
    )
    lines = max((y.count("<br>") + 1 for y in rows["text"]), default=1)
    band = 3 * _ROW_PAD + _TRACK_PX + _LINE_PX * lines  # px
    rows["label_y"] = range(len(rows))
    rows["y"] = rows["label_y"] - 0.5 + (_ROW_PAD + _TRACK_PX / 2) / band  # bar centre
    fig = go.Figure()
    _bullet_layers(fig, rows, tr, (_TRACK_PX / band, _BAR_PX / band), _TRACK_PX + 6)
    label_bottom = (2 * _ROW_PAD + _TRACK_PX) / band - 0.5
    labels = [
        {
            "text": text,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": y + label_bottom,
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"color": theme.CHART_TEXT},
            "bgcolor": "white",  # hides the 0 % line behind it
        }
        for text, y in zip(rows["text"], rows["label_y"], strict=True)
    ]
    # in one go: each add_annotation validated all earlier ones again (0.4 s for 23 labels)
    fig.update_layout(annotations=[*fig.layout.annotations, *labels])
    fig.update_yaxes(
        range=[-0.5, len(rows) - 0.5],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_xaxes(fixedrange=True)
    # margins fixed around the rows (legend above, ticks and a two-line title below), so each
    # band keeps its px and no label runs into the bar above
    margin = {"l": 10, "r": 10, "t": 70, "b": 80}
    return _layout(fig, lang, band * len(rows) + 150, margin=margin)


def trajectory_chart(
    track: Track,
    status: Status,
    labels: dict[str, str],
    unit: str,
    decimals: int,
    tr: Tr,
    lang: str,
) -> go.Figure:
    """Actual values, reference (parity), target path, projection and target of one target."""
    fig = go.Figure()
    fmt = lambda v: fmt_value(v, unit, decimals, lang, tr)  # noqa: E731
    periods = layers.add_series(fig, track, labels, fmt)
    layers.add_target(fig, track, periods, fmt, tr)
    layers.add_projection(fig, track, status, fmt, tr)
    note_lines = layers.add_omitted_note(fig, track, tr)
    fig.update_xaxes(tickformat="d", nticks=9, gridcolor=theme.GRID)
    fig.update_yaxes(
        title=unit_text(unit, tr),
        gridcolor=theme.GRID,
        rangemode="tozero" if unit in ("%", PP) else "normal",
    )
    return _layout(
        fig,
        lang,
        400,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 70, "b": 50 + layers.NOTE_LINE_PX * note_lines},
    )


def history_chart(history: Sequence[Status], tr: Tr, lang: str) -> go.Figure:
    """The status with each data period as the newest one: a row of coloured symbols."""
    periods = [s.period for s in history]
    codes = [s.code for s in history]
    fig = go.Figure(
        go.Scatter(
            x=periods,
            y=[0] * len(periods),
            mode="markers+text",
            marker={
                "size": 26,
                "symbol": "circle",
                "color": [STATUS_COLORS.get(c, theme.STATUS_NONE) for c in codes],
            },
            text=[STATUS_SYMBOLS.get(c, "") for c in codes],
            textfont={"color": "white", "size": 13},
            hovertext=[f"{p}: {tr(status_key(c))}" for p, c in zip(periods, codes, strict=True)],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_yaxes(visible=False, range=[-1, 1])
    fig.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    return _layout(fig, lang, 130, margin={"l": 10, "r": 10, "t": 10, "b": 30})
