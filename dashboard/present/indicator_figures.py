"""Figures of the indicator sheet: all districts as bars, and a time series (pure plotly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.present import fonts, theme

# dark enough on white for text and thin lines (contrast ≥ 4.5:1); the city is black
BAR_COLOUR = theme.BAR
CITY_COLOUR = theme.CITY
DISTRICT_COLOUR = theme.DISTRICT
FONT = {"family": fonts.PLAIN, "size": 14, "color": theme.CHART_TEXT}
BAR_ROW_PX = 22
# a city value beyond this multiple of the largest district is a total, not a level
TOTAL_FACTOR = 2


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language."""
    return ",." if lang == "de" else ".,"


def ranking_figure(
    ranking: pd.DataFrame,
    city_value: float | None,
    city_label: str,
    value_texts: list[str],
    lang: str,
    highlight: str | None = None,
    unit: str = "",
) -> go.Figure:
    """Horizontal bars of every district with a shown value, the city as a dashed line.

    The ``highlight`` district (a code) is drawn in the district colour of the time series.
    """
    shown = ranking[ranking["value"].notna()]
    texts = [text for text, keep in zip(value_texts, ranking["value"].notna(), strict=True) if keep]
    fig = go.Figure(
        go.Bar(
            x=shown["value"],
            y=shown["name"],
            orientation="h",
            marker_color=[
                DISTRICT_COLOUR if code == highlight else BAR_COLOUR for code in shown["area_code"]
            ],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    if city_value is not None:
        _city_reference(fig, city_value, city_label, shown["value"].max())
    fig.update_yaxes(autorange="reversed", automargin=True, title=None)
    fig.update_xaxes(
        rangemode="tozero", automargin=True, title=unit or None, separatethousands=True
    )
    fig.update_layout(
        height=max(240, BAR_ROW_PX * len(shown) + 90),
        margin={"l": 10, "r": 60, "t": 36, "b": 30},
        font=FONT,
        separators=separators(lang),
        showlegend=False,
        plot_bgcolor="white",
    )
    return fig


def _city_reference(fig: go.Figure, city_value: float, label: str, largest: float) -> None:
    """The city as a dashed line with its label; a city total far beyond every district (a
    count: the city is their sum, not a comparable level) is named above the bars without a
    line, which would squash every bar against the left edge."""
    line = not (pd.notna(largest) and city_value > TOTAL_FACTOR * largest)
    if line:
        fig.add_vline(x=city_value, line_dash="dash", line_color=CITY_COLOUR)
    fig.add_annotation(
        x=city_value if line else 1,
        xref="x" if line else "paper",
        xanchor="center" if line else "right",
        y=1,
        yref="paper",
        yanchor="bottom",
        text=label,
        showarrow=False,
        font={"color": CITY_COLOUR, "size": 13},
    )


def series_figure(series: dict[str, pd.DataFrame], lang: str) -> go.Figure:
    """Lines over the years, one per area (the first is the city, drawn in black)."""
    fig = go.Figure()
    for i, (name, frame) in enumerate(series.items()):
        colour = CITY_COLOUR if i == 0 else DISTRICT_COLOUR
        fig.add_trace(
            go.Scatter(
                x=frame["period"],
                y=frame["value"],
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 3 if i == 0 else 2},
                hovertemplate=f"{name}, %{{x}}: %{{y}}<extra></extra>",
            )
        )
    fig.update_xaxes(dtick=1, tickformat="d", title=None)
    fig.update_yaxes(rangemode="tozero", title=None, separatethousands=True)
    fig.update_layout(
        height=320,
        margin={"l": 10, "r": 10, "t": 20, "b": 30},
        font=FONT,
        separators=separators(lang),
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.15},
    )
    return fig
