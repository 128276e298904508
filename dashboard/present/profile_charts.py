"""Figures and display tables of the district profile (plotly cartesian charts only).

Colours: better = blue, worse = red (ColorBrewer RdYlBu ends, colour-blind safe, the same as
the map), similar = light grey, neutral (no judgement) = dark grey. Numbers are formatted with
dashboard.present.format; axis separators follow the language.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.similarity import Similarity
from dashboard.analysis.social_index import CLASS_BOUNDS, CLASS_KEYS, SocialIndex
from dashboard.present.format import fmt_date, fmt_number, fmt_percent
from dashboard.present.i18n import t

ASSESSMENT_COLOURS = {
    "better": "#2c7bb6",
    "similar": "#bdbdbd",
    "worse": "#d7191c",
    "neutral": "#525252",
}
LEGEND_ORDER = ("better", "similar", "worse", "neutral")
# RdYlBu (5) from low to high need: blue … red, so red means more need, as on the map
SOCIAL_CLASS_COLOURS = dict(
    zip(CLASS_KEYS, ("#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"), strict=True)
)
MISSING_COLOUR = "#d4d4d4"
# Okabe-Ito: distinguishable for all common colour-vision deficiencies; the city is black
AREA_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
AREA_SYMBOLS = ("circle", "square", "diamond", "triangle-up")
CITY_CODE = "0"
FONT = {"family": "sans-serif", "size": 13, "color": "#262730"}
ROW_HEIGHT = 30


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language."""
    return ",." if lang == "de" else ".,"


def fmt_value(
    value: float | None, unit: str, decimals: int, lang: str = "de", flag: object = None
) -> str:
    """A value with its unit: '47,8 %', '9,5 je 100', '37,6 m²', '5.998'; hidden as 'geheim'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("stadtteil.value.hidden", lang) if flag == "secret" else "–"
    decimals = int(decimals)
    if unit == "%":
        return fmt_percent(value, decimals, lang)
    text = fmt_number(value, decimals, lang)
    if unit in ("Personen", "Anzahl", "Fälle"):
        return text
    return f"{text} {unit}"


def fmt_diff(value: float | None, unit: str, decimals: int, lang: str = "de") -> str:
    """A signed difference: '+26,1 Pp.' for shares, '−2,3 m²' otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    text = fmt_number(abs(value), int(decimals), lang)
    suffix = (
        t("stadtteil.unit.pp", lang)
        if unit == "%"
        else ("" if unit in ("Personen", "Anzahl") else unit)
    )
    return f"{sign}{text} {suffix}".rstrip()


def _heading(field_id: str, field_titles: dict[str, str]) -> str:
    return f"<b>{field_id} {field_titles.get(field_id, '')}</b>"


def _rows_with_headings(
    frame: pd.DataFrame, field_titles: dict[str, str], lang: str
) -> tuple[list[str], list[str], list[str]]:
    """Category order (headings and indicators, top to bottom), tick texts and the headings.

    Neutral indicators get a grey "(higher ▶)" so nobody reads their right side as "better".
    """
    order: list[str] = []
    texts: list[str] = []
    headings: list[str] = []
    suffix = f" <span style='color:#8a8a8a'>{t('stadtteil.spine.neutral_suffix', lang)}</span>"
    for field_id, block in frame.groupby("field_id", sort=False):
        heading = _heading(str(field_id), field_titles)
        headings.append(heading)
        rows = block.drop_duplicates("short")
        order += [heading, *rows["short"]]
        texts += [heading] + [
            short + (suffix if direction == "neutral" else "")
            for short, direction in zip(rows["short"], rows["direction"], strict=True)
        ]
    return order, texts, headings


def _rank_text(row: pd.Series, lang: str) -> str:
    if pd.isna(row["rank"]):
        return "–"
    return t("stadtteil.rank.of", lang, rank=int(row["rank"]), n=int(row["n_ranked"]))


def spine_chart(
    profile: pd.DataFrame,
    field_titles: dict[str, str],
    district_name: str,
    bezirk_name: str | None,
    lang: str = "de",
) -> go.Figure:
    """Spine chart: each comparable indicator on a city-centred scale, right = better."""
    frame = profile[profile["comparable"].astype(bool)].copy()
    order, texts, headings = _rows_with_headings(frame, field_titles, lang)
    fig = go.Figure()
    _spine_bands(fig, frame, lang)
    bezirk_label = t("stadtteil.spine.bezirk", lang, name=bezirk_name or "–")
    hover = [_spine_hover(row, district_name, bezirk_label, lang) for _, row in frame.iterrows()]
    frame["hover"] = hover
    if frame["bezirk_position"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=frame["bezirk_position"], y=frame["short"], mode="markers", name=bezirk_label,
                marker={"symbol": "diamond-open", "size": 11, "color": "#262730",
                        "line": {"width": 2}},
                hoverinfo="skip",
            )
        )  # fmt: skip
    for key in LEGEND_ORDER:
        part = frame[frame["assessment"] == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["position"], y=part["short"], mode="markers",
                name=t(f"stadtteil.assess.{key}", lang), customdata=part["hover"],
                hovertemplate="%{customdata}<extra></extra>",
                marker={"size": 14, "color": ASSESSMENT_COLOURS[key],
                        "line": {"width": 1, "color": "#262730"}},
            )
        )  # fmt: skip
    for _, row in frame.iterrows():
        label = t(
            "stadtteil.spine.label",
            lang,
            value=fmt_value(row["value"], row["unit"], row["decimals"], lang, row["flag"]),
            city=fmt_value(row["city"], row["unit"], row["decimals"], lang, row["city_flag"]),
        )
        fig.add_annotation(x=1.0, xref="paper", xanchor="left", y=row["short"], text=label,
                           showarrow=False, font={"size": 12})  # fmt: skip
    fig.add_vline(x=0, line={"color": "#262730", "width": 1.5})
    _layout(fig, order, texts, lang)
    fig.update_layout(margin={"l": 10, "r": 200, "t": 40, "b": 60})
    _spine_axis(fig, lang)
    for heading in headings:
        fig.add_hline(y=heading, line={"color": "#e6e6e6", "width": 1})
    return fig


def _spine_bands(fig: go.Figure, frame: pd.DataFrame, lang: str) -> None:
    """Grey bars: range of all districts and their middle half."""
    for low, high, colour, key in (
        ("range_min", "range_max", "#ececec", "stadtteil.spine.range"),
        ("q25", "q75", "#cfcfcf", "stadtteil.spine.iqr"),
    ):
        fig.add_trace(
            go.Bar(
                y=frame["short"], x=frame[high] - frame[low], base=frame[low], orientation="h",
                marker={"color": colour}, width=0.55, name=t(key, lang), hoverinfo="skip",
            )
        )  # fmt: skip


def _spine_hover(row: pd.Series, district: str, bezirk_label: str, lang: str) -> str:
    return t(
        "stadtteil.spine.hover",
        lang,
        indicator=row["name"],
        period=row["period"],
        district=district,
        value=_fmt(row, "value", "flag", lang),
        city=_fmt(row, "city", "city_flag", lang),
        bezirk=bezirk_label,
        bezirk_value=_fmt(row, "bezirk", "bezirk_flag", lang),
        assessment=t(f"stadtteil.assess.{row['assessment']}", lang),
        rank=_rank_text(row, lang),
    )


def _spine_axis(fig: go.Figure, lang: str) -> None:
    """The shared x-axis of spine and comparison: worse ◀ city ▶ better."""
    labels = [t(f"stadtteil.spine.{k}", lang) for k in ("worse", "city", "better")]
    fig.update_xaxes(
        range=[-1.12, 1.12], tickvals=[-1, 0, 1], ticktext=labels, zeroline=False, showgrid=False,
        # two lines: on a phone one line runs past the chart's right edge
        title={"text": t("stadtteil.spine.axis", lang).replace(" (", "<br>(", 1),
               "font": {"size": 12}},
    )  # fmt: skip


def _layout(fig: go.Figure, order: list[str], texts: list[str], lang: str) -> None:
    fig.update_layout(
        barmode="overlay",
        height=max(260, 110 + ROW_HEIGHT * len(order)),
        separators=separators(lang),
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        hoverlabel={"bgcolor": "white", "font": {"size": 12}},
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=order, range=[len(order) - 0.5, -0.5],
        showgrid=False, ticks="", automargin=True, tickfont={"color": "#262730", "size": 13},
        tickmode="array", tickvals=order, ticktext=texts,
    )  # fmt: skip


def _fmt(row: pd.Series, column: str, flag_column: str | None, lang: str) -> str:
    """One value of a profile row in the row's unit and precision."""
    flag = row[flag_column] if flag_column else None
    return fmt_value(row[column], row["unit"], row["decimals"], lang, flag)


def profile_table(
    profile: pd.DataFrame, field_titles: dict[str, str], bezirk_name: str | None, lang: str = "de"
) -> pd.DataFrame:
    """The profile as a readable table (German formats; hidden values as 'geheim')."""
    bezirk_col = f"{t('stadtteil.col.bezirk', lang)} {bezirk_name or ''}".strip()
    rows = []
    for _, r in profile.iterrows():
        judged = bool(r["comparable"])
        trend = r.get("gap_trend")
        rows.append(
            {
                t(
                    "stadtteil.col.field_short", lang
                ): f"{r['field_id']} {field_titles.get(r['field_id'], '')}",
                t("stadtteil.col.indicator", lang): r["name"],
                t("stadtteil.col.period", lang): str(r["period"]),
                t("stadtteil.col.value", lang): _fmt(r, "value", "flag", lang),
                t("stadtteil.col.city", lang): _fmt(r, "city", "city_flag", lang),
                bezirk_col: _fmt(r, "bezirk", "bezirk_flag", lang),
                t("stadtteil.col.diff_city", lang): (
                    fmt_diff(r["diff_city"], r["unit"], r["decimals"], lang) if judged else "–"
                ),
                t("stadtteil.col.assessment", lang): t(f"stadtteil.assess.{r['assessment']}", lang)
                if judged
                else "–",
                t("stadtteil.col.rank", lang): _rank_text(r, lang),
                t("stadtteil.col.gap_trend", lang): t(f"stadtteil.gap.{trend}", lang)
                if isinstance(trend, str)
                else "–",
            }
        )
        if "provenance" in profile:  # where the district's value comes from
            origin = r["provenance"]
            rows[-1][t("stadtteil.col.provenance", lang)] = (
                origin if isinstance(origin, str) else "–"
            )
    return pd.DataFrame(rows)


def counts_table(profile: pd.DataFrame, bezirk_name: str | None, lang: str = "de") -> pd.DataFrame:
    """The profile's counts (not comparable with the city): value, borough, city."""
    bezirk_col = f"{t('stadtteil.col.bezirk', lang)} {bezirk_name or ''}".strip()
    counts = profile[~profile["comparable"].astype(bool)]
    rows = [
        {
            t("stadtteil.col.indicator", lang): r["name"],
            t("stadtteil.col.period", lang): str(r["period"]),
            t("stadtteil.col.value", lang): _fmt(r, "value", "flag", lang),
            bezirk_col: _fmt(r, "bezirk", "bezirk_flag", lang),
            t("stadtteil.col.city", lang): _fmt(r, "city", "city_flag", lang),
        }
        for _, r in counts.iterrows()
    ]
    return pd.DataFrame(rows)


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
            {"color": "#262730", "dash": "dash", "width": 2}
            if is_city
            else {"color": AREA_COLOURS[0], "width": 3.5}
            if i == 0
            else {"color": "#009E73", "dash": "dot", "width": 2.5}
        )
        hover = [
            t("stadtteil.trends.hover", lang, area=names.get(code, code), period=p,
              value=fmt_value(v, unit, decimals, lang, f))
            for p, v, f in zip(part["period"], part["value"], part["flag"], strict=True)
        ]  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=part["period"], y=part["value"], mode="lines+markers", name=names.get(code, code),
                line=style, marker={"size": 7}, customdata=hover,
                hovertemplate="%{customdata}<extra></extra>", connectgaps=False,
            )
        )  # fmt: skip
    fig.update_layout(
        height=340, separators=separators(lang), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 30, "b": 40}, hovermode="x unified",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )  # fmt: skip
    fig.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    suffix = " %" if unit == "%" else ""
    fig.update_yaxes(
        title={"text": unit}, gridcolor="#eeeeee", ticksuffix=suffix, rangemode="tozero"
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
            marker = {"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": "#262730"}}
        else:
            marker = {
                "symbol": AREA_SYMBOLS[colour_index % 4],
                "size": 13,
                "color": AREA_COLOURS[colour_index % 4],
                "line": {"width": 1, "color": "#262730"},
            }
            colour_index += 1
        hover = [
            f"{names.get(code, code)} · {r['short']} ({r['period']}): "
            f"{fmt_value(r['value'], r['unit'], r['decimals'], lang, r['flag'])}"
            for _, r in part.iterrows()
        ]
        fig.add_trace(
            go.Scatter(
                x=part["position"], y=part["short"], mode="markers", name=names.get(code, code),
                marker=marker, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
            )
        )  # fmt: skip
    fig.add_vline(x=0, line={"color": "#bbbbbb", "width": 1})
    _layout(fig, order, texts, lang)
    fig.update_layout(margin={"l": 10, "r": 20, "t": 40, "b": 60})
    _spine_axis(fig, lang)
    for heading in headings:
        fig.add_hline(y=heading, line={"color": "#e6e6e6", "width": 1})
    return fig


def compare_table(frame: pd.DataFrame, names: dict[str, str], lang: str = "de") -> pd.DataFrame:
    """Indicators × areas with formatted values (the period in its own column)."""
    rows: list[dict[str, str]] = []
    for _, block in frame.groupby("indicator_id", sort=False):
        first = block.iloc[0]
        row = {
            t("stadtteil.col.indicator", lang): first["short"],
            t("stadtteil.col.period", lang): str(first["period"]),
        }
        for _, r in block.iterrows():
            label = names.get(r["area_code"], r["area_code"])
            row[label] = fmt_value(r["value"], r["unit"], r["decimals"], lang, r["flag"])
        rows.append(row)
    return pd.DataFrame(rows)


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
            x=labels, y=frame["index"], marker={"color": colours,
            "line": {"color": "#262730", "width": outline}}, customdata=hover,
            hovertemplate="%{customdata}<extra></extra>", showlegend=False,
        )
    )  # fmt: skip
    sigma = result.sigma
    if sigma and not math.isnan(sigma):
        for bound in CLASS_BOUNDS:
            fig.add_hline(y=bound * sigma, line={"color": "#bbbbbb", "width": 1, "dash": "dot"})
    fig.add_hline(y=0, line={"color": "#262730", "width": 1.5})
    for key in CLASS_KEYS:  # legend entries for the classes
        fig.add_trace(
            go.Bar(x=[None], y=[None], name=t(f"stadtteil.class.{key}", lang),
                   marker={"color": SOCIAL_CLASS_COLOURS[key], "line": {"color": "#262730",
                           "width": 0.5}})
        )  # fmt: skip
    if highlight in set(frame["area_code"]):
        fig.update_xaxes(
            tickmode="array",
            tickvals=labels,
            ticktext=[f"<b>{n}</b>" if c == highlight else n
                      for n, c in zip(labels, frame["area_code"], strict=True)],
        )  # fmt: skip
    fig.update_layout(
        height=420, separators=separators(lang), font=FONT, plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, bargap=0.15,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )  # fmt: skip
    fig.update_xaxes(tickangle=-60, tickfont={"size": 11, "color": "#262730"})
    fig.update_yaxes(title={"text": t("stadtteil.index.axis", lang), "font": {"size": 12}},
                     gridcolor="#eeeeee", zeroline=False)  # fmt: skip
    return fig


def contributions_chart(
    row: pd.Series, indicators: tuple[str, ...], short_names: dict[str, str], lang: str = "de"
) -> go.Figure:
    """How much each core indicator adds to the district's index (red = more need)."""
    values = [row.get(f"contrib_{i}", math.nan) for i in indicators]
    labels = [short_names.get(i, i) for i in indicators]
    colours = [
        MISSING_COLOUR if pd.isna(v) else ("#d7191c" if v > 0 else "#2c7bb6") for v in values
    ]
    text = [
        fmt_number(v, 2, lang) if not pd.isna(v) else t("stadtteil.value.hidden", lang)
        for v in values
    ]
    fig = go.Figure(
        go.Bar(x=values, y=labels, orientation="h", marker={"color": colours}, text=text,
               textposition="outside", cliponaxis=False, hoverinfo="skip")
    )  # fmt: skip
    finite = [abs(v) for v in values if not pd.isna(v)]
    reach = max([*finite, 0.5]) * 1.35
    fig.update_layout(
        height=60 + 42 * len(indicators), separators=separators(lang), font=FONT,
        plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 10, "b": 40}, showlegend=False,
    )  # fmt: skip
    fig.update_xaxes(range=[-reach, reach], zeroline=True, zerolinecolor="#262730",
                     gridcolor="#eeeeee", title={"text": t("stadtteil.index.contrib_axis", lang),
                                                 "font": {"size": 12}})  # fmt: skip
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"color": "#262730"})
    return fig


def similar_table(
    result: Similarity,
    code: str,
    names: dict[str, str],
    indicators: pd.DataFrame,
    lang: str = "de",
) -> pd.DataFrame:
    """The district itself (for reference), then its neighbours with distance and values."""
    meta = indicators.set_index("id")
    own = {"area_code": code, "distance": math.nan}
    own.update({f"value_{ind}": v for ind, v in result.reference.items()})
    rows = []
    for r in [own, *result.frame.to_dict("records")]:
        label = f"{r['area_code']} {names.get(r['area_code'], '')}".strip()
        row = {
            t("stadtteil.col.area", lang): label
            if r is not own
            else f"{label} ({t('stadtteil.similar.self', lang)})",
            t("stadtteil.col.distance", lang): fmt_number(r["distance"], 2, lang),
        }
        for ind in result.indicators:
            info = meta.loc[ind]
            row[info["short"]] = fmt_value(
                r.get(f"value_{ind}"), info["unit"], info["decimals"], lang
            )
        rows.append(row)
    return pd.DataFrame(rows)


def measures_table(measures: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """Measures as a compact table: title, status, responsible, planned end, progress, goals."""

    def _date(value: object) -> str:
        return (
            "–" if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value).date(), lang)
        )

    return pd.DataFrame(
        {
            t("stadtteil.col.measure", lang): measures["title"],
            t("stadtteil.col.m_status", lang): measures["status"],
            t("stadtteil.col.organisation", lang): measures["organisation"],
            t("stadtteil.col.end", lang): measures["planned_end"].map(_date),
            t("stadtteil.col.progress", lang): measures["progress"],
            t("stadtteil.col.goals", lang): measures["goals"].map(
                lambda g: ", ".join(map(str, g)) if g is not None and len(g) else "–"
            ),
        }
    )
