"""Figures of the district profile (plotly cartesian charts only); tables in profile_tables,
the social index in social_index_charts.

Colours: better = blue, worse = red (ColorBrewer RdYlBu ends, colour-blind safe, the same as
the map), similar = light grey, neutral (no judgement) = dark grey. Numbers are formatted with
dashboard.present.format; axis separators follow the language.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.present import fonts, theme
from dashboard.present.figure_lines import add_layout_items, hline, vline
from dashboard.present.i18n import t
from dashboard.present.profile_format import fmt_value, rank_text, row_value, separators

ASSESSMENT_COLOURS = theme.ASSESS_COLOURS
LEGEND_ORDER = ("better", "similar", "worse", "neutral")
# Okabe-Ito: distinguishable for all common colour-vision deficiencies; the city is black
AREA_COLOURS = theme.AREA_COLOURS
AREA_SYMBOLS = ("circle", "square", "diamond", "triangle-up")
CITY_CODE = "0"
FONT = {"family": fonts.PLAIN, "size": 13, "color": theme.CHART_TEXT}
ROW_HEIGHT = 30
SPINE_ROW_HEIGHT = 44  # two lines: name, then the values
INK = theme.CHART_TEXT


def _heading(field_id: str, field_titles: dict[str, str]) -> str:
    return f"<b>{field_id} {field_titles.get(field_id, '')}</b>"


def _rows_with_headings(
    frame: pd.DataFrame,
    field_titles: dict[str, str],
    lang: str,
    values: dict[str, str] | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """Category order (headings and indicators, top to bottom), tick texts and the headings.

    With ``values`` (the spine) each indicator's tick reads its name and, below it, the
    district's and the city's value: beside the chart (the old right margin) the values
    squeezed the plot to nothing on a phone. Neutral indicators get a grey "(higher ▶)" so
    nobody reads their right side as "better".
    """
    order: list[str] = []
    texts: list[str] = []
    headings: list[str] = []
    neutral = t("stadtteil.spine.neutral_suffix", lang)
    suffix = f" <span style='color:{theme.NEUTRAL_GREY}'>{neutral}</span>"
    for field_id, block in frame.groupby("field_id", sort=False):
        heading = _heading(str(field_id), field_titles)
        headings.append(heading)
        rows = block.drop_duplicates("short")
        order += [heading, *rows["short"]]
        texts += [heading] + [
            _tick(short, values.get(short) if values else None, direction == "neutral", suffix)
            for short, direction in zip(rows["short"], rows["direction"], strict=True)
        ]
    return order, texts, headings


def _tick(short: str, values: str | None, neutral: bool, suffix: str) -> str:
    """One row's tick text: the name, then (spine only) the values on a smaller second line."""
    if values is None:
        return short + (suffix if neutral else "")
    return f"{short}<br><span style='font-size:12px'>{values}{suffix if neutral else ''}</span>"


def spine_chart(
    profile: pd.DataFrame,
    field_titles: dict[str, str],
    district_name: str,
    bezirk_name: str | None,
    lang: str = "de",
) -> go.Figure:
    """Spine chart: each comparable indicator on a city-centred scale, right = better."""
    frame = profile[profile["comparable"].astype(bool)].copy()
    values = _spine_values(frame, lang)
    order, texts, headings = _rows_with_headings(frame, field_titles, lang, values)
    fig = go.Figure()
    _spine_bands(fig, frame, lang)
    bezirk_label = t("stadtteil.spine.bezirk", lang, name=bezirk_name or "–")
    hover = [_spine_hover(row, district_name, bezirk_label, lang) for _, row in frame.iterrows()]
    frame["hover"] = hover
    _spine_markers(fig, frame, bezirk_label, lang)
    _layout(fig, order, texts, lang, SPINE_ROW_HEIGHT)
    fig.update_layout(margin={"l": 10, "r": 20, "t": 40, "b": 60})
    _spine_axis(fig, lang)
    grid = {"color": theme.GRID_FAINT, "width": 1}
    shapes = [vline(0, {"color": INK, "width": 1.5}), *(hline(h, grid) for h in headings)]
    add_layout_items(fig, shapes=shapes)
    return fig


def _spine_markers(fig: go.Figure, frame: pd.DataFrame, bezirk_label: str, lang: str) -> None:
    """The Stadtbezirk as open diamonds, the district as dots coloured by its assessment."""
    if frame["bezirk_position"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=frame["bezirk_position"],
                y=frame["short"],
                mode="markers",
                name=bezirk_label,
                marker={"symbol": "diamond-open", "size": 11, "color": INK, "line": {"width": 2}},
                hoverinfo="skip",
            )
        )
    for key in LEGEND_ORDER:
        part = frame[frame["assessment"] == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["position"],
                y=part["short"],
                mode="markers",
                name=t(f"stadtteil.assess.{key}", lang),
                customdata=part["hover"],
                hovertemplate="%{customdata}<extra></extra>",
                marker={
                    "size": 14,
                    "color": ASSESSMENT_COLOURS[key],
                    "line": {"width": 1, "color": INK},
                },
            )
        )


def _spine_values(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """The district's and the city's value per row name ("55,7 % · Stadt 25,3 %")."""
    return {
        row["short"]: t(
            "stadtteil.spine.label",
            lang,
            value=fmt_value(row["value"], row["unit"], row["decimals"], lang, row["flag"]),
            city=fmt_value(row["city"], row["unit"], row["decimals"], lang, row["city_flag"]),
        )
        for _, row in frame.drop_duplicates("short").iterrows()
    }


def _spine_bands(fig: go.Figure, frame: pd.DataFrame, lang: str) -> None:
    """Grey bars: range of all districts and their middle half."""
    for low, high, colour, key in (
        ("range_min", "range_max", theme.RANGE_FILL, "stadtteil.spine.range"),
        ("q25", "q75", theme.IQR_FILL, "stadtteil.spine.iqr"),
    ):
        fig.add_trace(
            go.Bar(
                y=frame["short"],
                x=frame[high] - frame[low],
                base=frame[low],
                orientation="h",
                marker={"color": colour},
                width=0.55,
                name=t(key, lang),
                hoverinfo="skip",
            )
        )


def _spine_hover(row: pd.Series, district: str, bezirk_label: str, lang: str) -> str:
    return t(
        "stadtteil.spine.hover",
        lang,
        indicator=row["name"],
        period=row["period"],
        district=district,
        value=row_value(row, "value", "flag", lang),
        city=row_value(row, "city", "city_flag", lang),
        bezirk=bezirk_label,
        bezirk_value=row_value(row, "bezirk", "bezirk_flag", lang),
        assessment=t(f"stadtteil.assess.{row['assessment']}", lang),
        rank=rank_text(row, lang),
    )


def _spine_axis(fig: go.Figure, lang: str) -> None:
    """The shared x-axis of spine and comparison: "City" in the middle, worse ◀ · ▶ better."""
    # one short title centred under the plot: on a phone the plot is ~100 px wide, and tick
    # labels at both ends turned sideways and overlapped (the caption above says the rest)
    fig.update_xaxes(
        range=[-1.12, 1.12],
        tickvals=[0],
        ticktext=[t("stadtteil.spine.city", lang)],
        zeroline=False,
        showgrid=False,
        title={"text": t("stadtteil.spine.axis", lang), "font": {"size": 12}},
    )


def _layout(
    fig: go.Figure, order: list[str], texts: list[str], lang: str, row_height: int = ROW_HEIGHT
) -> None:
    fig.update_layout(
        barmode="overlay",
        height=max(260, 110 + row_height * len(order)),
        separators=separators(lang),
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        hoverlabel={"bgcolor": "white", "font": {"size": 12}},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[len(order) - 0.5, -0.5],
        showgrid=False,
        ticks="",
        automargin=True,
        tickfont={"color": INK, "size": 13},
        tickmode="array",
        tickvals=order,
        ticktext=texts,
    )


def trend_chart(
    series: pd.DataFrame,
    names: dict[str, str],
    unit: str,
    decimals: int,
    lang: str = "de",
) -> go.Figure:
    """Lines over time: the first area strong, the city dashed, a borough dotted."""
    fig = go.Figure()
    codes = list(dict.fromkeys(series["area_code"]))
    for i, code in enumerate(codes):
        part = series[series["area_code"] == code].sort_values("period")
        is_city = code == CITY_CODE
        style = (
            {"color": INK, "dash": "dash", "width": 2}
            if is_city
            else {"color": AREA_COLOURS[0], "width": 3.5}
            if i == 0
            else {"color": theme.AREA_COLOURS[2], "dash": "dot", "width": 2.5}
        )
        hover = [
            t(
                "stadtteil.trends.hover",
                lang,
                area=names.get(code, code),
                period=p,
                value=fmt_value(v, unit, decimals, lang, f),
            )
            for p, v, f in zip(part["period"], part["value"], part["flag"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["value"],
                mode="lines+markers",
                name=names.get(code, code),
                line=style,
                marker={"size": 7},
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
                connectgaps=False,
            )
        )
    fig.update_layout(
        height=340, separators=separators(lang), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 30, "b": 40}, hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )  # fmt: skip
    fig.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    suffix = " %" if unit == "%" else ""
    fig.update_yaxes(
        title={"text": unit}, gridcolor=theme.GRID_SOFT, ticksuffix=suffix, rangemode="tozero"
    )
    return fig


def compare_chart(
    frame: pd.DataFrame, names: dict[str, str], field_titles: dict[str, str], lang: str = "de"
) -> go.Figure:
    """Up to four areas on the spine scale; colour and symbol per area, the city in black."""
    order, texts, headings = _rows_with_headings(frame, field_titles, lang)
    fig = go.Figure()
    codes = list(dict.fromkeys(frame["area_code"]))
    colour_index = 0
    for code in codes:
        part = frame[frame["area_code"] == code]
        if code == CITY_CODE:
            marker = {"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": INK}}
        else:
            marker = {
                "symbol": AREA_SYMBOLS[colour_index % 4],
                "size": 13,
                "color": AREA_COLOURS[colour_index % 4],
                "line": {"width": 1, "color": INK},
            }
            colour_index += 1
        hover = [
            f"{names.get(code, code)} · {r['short']} ({r['period']}): "
            f"{fmt_value(r['value'], r['unit'], r['decimals'], lang, r['flag'])}"
            for _, r in part.iterrows()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["position"],
                y=part["short"],
                mode="markers",
                name=names.get(code, code),
                marker=marker,
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    _layout(fig, order, texts, lang)
    fig.update_layout(margin={"l": 10, "r": 20, "t": 40, "b": 60})
    _spine_axis(fig, lang)
    grid = {"color": theme.GRID_FAINT, "width": 1}
    zero = vline(0, {"color": theme.LINE_GREY, "width": 1})
    add_layout_items(fig, shapes=[zero, *(hline(h, grid) for h in headings)])
    return fig
