"""Figures of the social index: all districts' index by class, one district's contributions.

Plotly cartesian charts only. Colours: the classes in RdYlBu from blue (low need) to red (high
need), as on the map; a contribution that adds need is red, one that lowers it blue.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.social_index import CLASS_BOUNDS, CLASS_KEYS, SocialIndex
from dashboard.present import theme
from dashboard.present.format import fmt_number
from dashboard.present.i18n import t
from dashboard.present.profile_charts import FONT, INK
from dashboard.present.profile_format import separators

# RdYlBu (5) from low to high need: blue … red, so red means more need, as on the map
SOCIAL_CLASS_COLOURS = dict(zip(CLASS_KEYS, theme.SOCIAL_CLASS_SCHEME, strict=True))
MISSING_COLOUR = theme.MISSING


def _class_guides(fig: go.Figure, sigma: float | None, lang: str) -> None:
    """Dotted lines at the class bounds, the zero line, and one legend entry per class."""
    if sigma and not math.isnan(sigma):
        for bound in CLASS_BOUNDS:
            bound_line = {"color": theme.LINE_GREY, "width": 1, "dash": "dot"}
            fig.add_hline(y=bound * sigma, line=bound_line)
    fig.add_hline(y=0, line={"color": INK, "width": 1.5})
    for key in CLASS_KEYS:  # legend entries for the classes
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=t(f"stadtteil.class.{key}", lang),
                marker={"color": SOCIAL_CLASS_COLOURS[key], "line": {"color": INK, "width": 0.5}},
            )
        )


def social_index_chart(
    result: SocialIndex, names: dict[str, str], highlight: str | None, lang: str = "de"
) -> go.Figure:
    """All districts' index as sorted bars coloured by class; the chosen district outlined."""
    frame = result.frame[result.frame["index"].notna()].sort_values("index", ascending=False)
    labels = [names.get(c, c) for c in frame["area_code"]]
    colours = [SOCIAL_CLASS_COLOURS.get(k, MISSING_COLOUR) for k in frame["class_key"]]
    outline = [3 if c == highlight else 0.5 for c in frame["area_code"]]
    hover = [
        t(
            "stadtteil.index.hover",
            lang,
            name=n,
            value=fmt_number(v, 2, lang),
            klass=t(f"stadtteil.class.{k}", lang),
        )
        for n, v, k in zip(labels, frame["index"], frame["class_key"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=frame["index"],
            marker={"color": colours, "line": {"color": INK, "width": outline}},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    _class_guides(fig, result.sigma, lang)
    if highlight in set(frame["area_code"]):
        fig.update_xaxes(
            tickmode="array",
            tickvals=labels,
            ticktext=[
                f"<b>{n}</b>" if c == highlight else n
                for n, c in zip(labels, frame["area_code"], strict=True)
            ],
        )
    fig.update_layout(
        height=420, separators=separators(lang), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, bargap=0.15,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )  # fmt: skip
    fig.update_xaxes(tickangle=-60, tickfont={"size": 11, "color": INK})
    fig.update_yaxes(title={"text": t("stadtteil.index.axis", lang), "font": {"size": 12}},
                     gridcolor=theme.GRID_SOFT, zeroline=False)  # fmt: skip
    return fig


def contributions_chart(
    row: pd.Series, indicators: tuple[str, ...], short_names: dict[str, str], lang: str = "de"
) -> go.Figure:
    """How much each core indicator adds to the district's index (red = more need)."""
    values = [row.get(f"contrib_{i}", math.nan) for i in indicators]
    labels = [short_names.get(i, i) for i in indicators]
    colours = [
        MISSING_COLOUR if pd.isna(v) else (theme.WORSE if v > 0 else theme.BETTER) for v in values
    ]
    text = [
        fmt_number(v, 2, lang) if not pd.isna(v) else t("stadtteil.value.hidden", lang)
        for v in values
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker={"color": colours},
            text=text,
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    finite = [abs(v) for v in values if not pd.isna(v)]
    reach = max([*finite, 0.5]) * 1.35
    fig.update_layout(
        height=80 + 42 * len(indicators), separators=separators(lang), font=FONT,
        plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 10, "b": 60}, showlegend=False,
    )  # fmt: skip
    # two lines (room below: b=60): in English one line ran past a phone's right edge
    axis_title = {"text": t("stadtteil.index.contrib_axis", lang), "font": {"size": 12}}
    fig.update_xaxes(range=[-reach, reach], zeroline=True, zerolinecolor=INK,
                     gridcolor=theme.GRID_SOFT, title=axis_title)  # fmt: skip
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"color": INK})
    return fig
