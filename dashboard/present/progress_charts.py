"""Figures and texts of progress statuses: labels, explanations, heatmap, bullet, trajectory.

Only cartesian plotly traces are used (no geo traces: they fetch map data from a CDN). Numbers
are formatted in the page language (German: decimal comma) before they reach plotly, and the
axes use the matching separators.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.gaps import PP, Track
from dashboard.analysis.progress import (
    CAGR_WITH_TARGET,
    DESTATIS_ON_TRACK,
    DESTATIS_SLIGHTLY_OFF,
    Status,
)
from dashboard.present.format import fmt_number

Tr = Callable[..., str]

STATUS_ORDER = (
    "reached", "on_track", "slightly_off", "off_track", "wrong_direction", "not_assessable",
)  # fmt: skip
# Colours of the Open SDG gauges (green, yellow, orange, red) plus grey; text symbols exist in
# common fonts (DejaVu, Segoe UI Symbol) so tables and charts need no emoji font.
STATUS_COLORS = {
    "reached": "#116329", "on_track": "#2da44e", "slightly_off": "#d4a72c",
    "off_track": "#e16f24", "wrong_direction": "#cf222e", "not_assessable": "#8c959f",
}  # fmt: skip
STATUS_SYMBOLS = {
    "reached": "✓", "on_track": "☀", "slightly_off": "◐", "off_track": "☁",
    "wrong_direction": "⚡", "not_assessable": "○", None: "·",
}  # fmt: skip
STATUS_ICONS = {
    "reached": ":material/check_circle:", "on_track": ":material/sunny:",
    "slightly_off": ":material/partly_cloudy_day:", "off_track": ":material/cloud:",
    "wrong_direction": ":material/thunderstorm:", "not_assessable": ":material/help:",
    None: ":material/remove:",
}  # fmt: skip
STATUS_MD_COLORS = {
    "reached": "green", "on_track": "green", "slightly_off": "orange", "off_track": "orange",
    "wrong_direction": "red", "not_assessable": "gray", None: "gray",
}  # fmt: skip
NO_DATA_COLOR = "#f3f4f6"
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"


# --- texts ---------------------------------------------------------------------------------
def _code(code: Any) -> str | None:
    """A status code, or None for 'nothing to assess' (None or NaN from a frame)."""
    return code if isinstance(code, str) else None


def status_key(code: str | None) -> str:
    """Message key of a status label (None = nothing to assess)."""
    return f"zi.status.{_code(code) or 'none'}"


def status_symbol(code: str | None) -> str:
    """The text symbol of a status ('☀', '⚡', …; '·' for none)."""
    return STATUS_SYMBOLS.get(_code(code), "·")


def status_text(code: str | None, tr: Tr) -> str:
    """Symbol and label, e.g. '☀ auf Kurs' (for tables and charts)."""
    return f"{status_symbol(code)} {tr(status_key(code))}"


def status_markdown(code: str | None, tr: Tr) -> str:
    """Coloured icon and label for st.markdown."""
    code = _code(code)
    color = STATUS_MD_COLORS.get(code, "gray")
    return f":{color}[{STATUS_ICONS.get(code, '')} {tr(status_key(code))}]"


PLAIN_UNITS = ("Anzahl",)  # counts read better without a unit after the number


def unit_text(unit: str, tr: Tr) -> str:
    """Unit as shown after a number ('%', 'Prozentpunkte', 'je 100', …)."""
    if unit in PLAIN_UNITS:
        return ""
    return tr("zi.unit.pp") if unit == PP else unit


def delta_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares, else the unit itself."""
    return PP if unit == "%" else unit


def fmt_value(
    value: float | None, unit: str, decimals: int, lang: str, tr: Tr, signed: bool = False
) -> str:
    """A value with its unit in the page language: '47,8 %', '+0,2 Prozentpunkte'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = fmt_number(value, decimals, lang)
    if signed and value > 0:
        text = "+" + text
    if unit == "%":
        return f"{text} %"
    suffix = unit_text(unit, tr)
    return f"{text} {suffix}".strip()


def _ratio(value: float | None, lang: str) -> str:
    return "–" if value is None or not math.isfinite(value) else fmt_number(value, 2, lang)


def _pct(value: float | None, lang: str, signed: bool = False) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    text = fmt_number(value * 100, 1, lang)
    return ("+" if signed and value > 0 else "") + f"{text} %"


def _periods(items: Sequence[Any]) -> str:
    return ", ".join(str(i) for i in items)


def _omitted_text(omitted: Sequence[tuple[int, str]], tr: Tr) -> str:
    return ", ".join(f"{period} ({tr('zi.omit.' + reason)})" for period, reason in omitted)


def note_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    """The notes of a status as sentences."""
    lines = []
    for note in status.explanation.notes:
        v = dict(note.values)
        if note.code == "omitted":
            lines.append(tr("zi.note.omitted", items=_omitted_text(v["periods"], tr)))
        elif note.code == "provisional":
            lines.append(tr("zi.note.provisional", periods=_periods(v["periods"])))
        elif note.code == "small_numbers":
            se = fmt_value(v.get("se"), delta_unit(unit), decimals + 1, lang, tr)
            lines.append(tr("zi.note.small_numbers", numerator=fmt_number(v["numerator"], 0, lang),
                            se=se))  # fmt: skip
        elif note.code == "small_count":
            lines.append(tr("zi.note.small_count", value=fmt_number(v["value"], 0, lang),
                            se=fmt_number(v["se"], 1, lang)))  # fmt: skip
        elif note.code == "within_noise":
            lines.append(tr("zi.note.within_noise",
                            noise=fmt_value(v["noise"], delta_unit(unit), decimals + 1, lang,
                                            tr)))  # fmt: skip
        elif note.code == "short_window":
            lines.append(tr("zi.note.short_window", changes=v["changes"], window=v["window"]))
        elif note.code in ("pp_mode", "nonpositive"):
            lines.append(tr(f"zi.note.{note.code}"))
        elif note.code == "limit":
            lines.append(tr("zi.note.limit", limit=fmt_value(v["limit"], unit, decimals, lang, tr),
                            factor=fmt_number(v["factor"], 2, lang)))  # fmt: skip
    return lines


def _points_text(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> str:
    ex = status.explanation
    if ex.variable == "parity_index":
        return "; ".join(f"{p}: {fmt_number(v, 2, lang)}" for p, v in ex.points)
    return "; ".join(f"{p}: {fmt_value(v, unit, decimals, lang, tr)}" for p, v in ex.points)


def _not_assessable_lines(status: Status, tr: Tr) -> list[str]:
    note = status.explanation.notes[0] if status.explanation.notes else None
    values = dict(note.values) if note else {}
    return [tr(f"zi.reason.{status.reason}", **values)]


def _destatis_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    ex = status.explanation
    du = delta_unit(unit)
    # changes per year get one decimal more than levels and gaps
    fv = lambda v, s=False: fmt_value(v, du, decimals + 1, lang, tr, s)  # noqa: E731
    fg = lambda v: fmt_value(v, du, decimals, lang, tr)  # noqa: E731
    level = lambda v: fmt_value(v, unit, decimals, lang, tr)  # noqa: E731
    parity = ".parity" if ex.variable == "shortfall" else ""
    first, last = ex.points[0][0], ex.points[-1][0]
    lines = [tr("zi.explain.destatis.method")]
    lines.append(tr("zi.explain.points" + parity, n=len(ex.points), points=_points_text(
        status, unit, decimals, lang, tr)))  # fmt: skip
    lines.append(tr("zi.explain.mean_change" + parity, change=fv(ex.mean_change, True),
                    first=first, last=last))  # fmt: skip
    if ex.target_level is None:
        lines.append(tr("zi.explain.latest_change", change=fv(ex.latest_change, True)))
        lines.append(tr("zi.explain.direction_wanted." + ("up" if ex.sense > 0 else "down")))
        lines.append(tr("zi.rule.destatis.direction"))
        lines.append(tr("zi.fired.destatis." + ex.rule,
                        limit=fmt_value(ex.limit, unit, decimals, lang, tr)))  # fmt: skip
        return lines
    target = fmt_value(ex.target_level, unit, decimals, lang, tr)
    if ex.rule in ("reached", "reached_but_worsening"):
        lines.append(tr("zi.fired.destatis." + ex.rule, target=target))
        return lines
    if ex.rule == "deadline_passed":
        lines.append(tr("zi.fired.destatis.deadline_passed", period=ex.target_period,
                        gap=fg(ex.remaining_gap)))  # fmt: skip
        return lines
    lines.append(tr("zi.explain.projection" + parity, period=ex.projection_period,
                    projection=level(ex.projection), target=target))  # fmt: skip
    lines.append(tr("zi.explain.remaining", gap=fg(ex.remaining_gap)))
    miss_key = "zi.explain.miss" if (ex.miss or 0) > 0 else "zi.explain.overshoot"
    lines.append(tr(miss_key, miss=fg(abs(ex.miss or 0.0)), ratio=_pct(ex.miss_ratio, lang)))
    lines.append(tr("zi.rule.destatis.level", on=_pct(DESTATIS_ON_TRACK, lang),
                    off=_pct(DESTATIS_SLIGHTLY_OFF, lang)))  # fmt: skip
    if ex.rule == "projection":
        fired = "exceed" if (ex.miss_ratio or 0) <= 0 else status.code
        lines.append(
            tr(
                "zi.fired.destatis.projection." + fired,
                ratio=_pct(ex.miss_ratio, lang),
                on=_pct(DESTATIS_ON_TRACK, lang),
                off=_pct(DESTATIS_SLIGHTLY_OFF, lang),
            )
        )
    else:
        lines.append(tr("zi.fired.destatis." + ex.rule))
    return lines


def _rate_text(value: float | None, ex_mode: str | None, unit: str, decimals: int, lang: str,
               tr: Tr) -> str:  # fmt: skip
    if value is None:
        return "–"
    if ex_mode == "growth":
        return tr("zi.per_year", value=_pct(value, lang, True))
    return tr("zi.per_year", value=fmt_value(value, delta_unit(unit), decimals + 1, lang, tr,
                                             True))  # fmt: skip


def _cagr_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    ex = status.explanation
    lines = [tr("zi.explain.cagr.method", base=ex.base_period)]
    points_key = "zi.explain.points" + (".parity" if ex.variable == "shortfall" else "")
    points = _points_text(status, unit, decimals, lang, tr)
    lines.append(tr(points_key, n=len(ex.points), points=points))
    if ex.variable == "parity_index":
        lines.append(tr("zi.explain.parity_index"))
    observed = _rate_text(ex.observed_rate, ex.mode, unit, decimals, lang, tr)
    lines.append(tr("zi.explain.cagr.observed", rate=observed, first=ex.base_period,
                    last=ex.latest_period))  # fmt: skip
    if ex.rule == "reached":
        lines.append(tr("zi.fired.cagr.reached"))
    elif ex.target_level is not None:
        required = _rate_text(ex.required_rate, ex.mode, unit, decimals, lang, tr)
        lines.append(tr("zi.explain.cagr.required", rate=required, period=ex.target_period))
        lines.append(tr("zi.explain.cagr.ratio", ratio=_ratio(ex.ratio, lang)))
        on, slight, zero = CAGR_WITH_TARGET
        lines.append(tr("zi.rule.cagr.target", on=_ratio(on, lang), slight=_ratio(slight, lang),
                        zero=_ratio(zero, lang)))  # fmt: skip
    else:
        on, slight = dict(ex.thresholds)["on_track"], dict(ex.thresholds)["slightly_off"]
        key = "zi.rule.cagr.no_target_pp" if ex.mode == "linear" else "zi.rule.cagr.no_target"
        lines.append(tr("zi.explain.cagr.growth", growth=_pct(ex.ratio, lang, True)))
        lines.append(tr(key, on=_pct(on, lang), slight=_pct(slight, lang)))
    lines.append(tr("zi.explain.cagr.score", score=fmt_number(status.score, 1, lang)))
    return lines


def _reached_early_line(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> str:
    ex = status.explanation
    few = dict(ex.notes[0].values) if ex.notes else {"found": len(ex.points), "needed": "–"}
    level = lambda v: fmt_value(v, unit, decimals, lang, tr)  # noqa: E731
    return tr("zi.fired.reached_few_points", value=level(ex.latest_value),
              period=ex.latest_period, target=level(ex.target_level), **few)  # fmt: skip


def summary_line(status: Status, tr: Tr) -> str:
    """The status in one plain sentence ('Kurz: …')."""
    ex = status.explanation
    if status.code == "reached":
        key = "zi.sum.reached"
    elif status.method == "cagr":
        key = f"zi.sum.cagr.{'target' if ex.target_level is not None else 'growth'}.{status.code}"
    elif ex.rule == "projection":
        key = f"zi.sum.projection.{status.code}"
    else:
        key = f"zi.sum.{ex.rule}"
    return tr(key, period=ex.target_period or "–")


def explain_lines(
    status: Status,
    unit: str,
    decimals: int,
    lang: str,
    tr: Tr,
    implicit: bool = False,
) -> list[str]:
    """Why a status is what it is, as plain sentences (method, data, numbers, rule, notes)."""
    lines = [tr("zi.explain.status_is", status=status_text(status.code, tr))]
    if implicit:
        lines.append(tr("zi.explain.implicit"))
    if not status.assessable:
        lines += _not_assessable_lines(status, tr)
        return lines
    lines.insert(1, summary_line(status, tr))
    if status.explanation.rule == "reached_few_points":
        return [*lines, _reached_early_line(status, unit, decimals, lang, tr)]
    if status.method == "destatis":
        lines += _destatis_lines(status, unit, decimals, lang, tr)
    else:
        lines += _cagr_lines(status, unit, decimals, lang, tr)
    lines += note_lines(status, unit, decimals, lang, tr)
    return lines


def short_reason(status: Status, tr: Tr, lang: str) -> str:
    """One short line for tables: the number that decided the status."""
    ex = status.explanation
    if not status.assessable:
        return _not_assessable_lines(status, tr)[0]
    if ex.rule == "reached_few_points":
        return tr("zi.short.reached")
    if status.method == "destatis":
        if ex.miss_ratio is not None and ex.rule == "projection":
            return tr("zi.short.miss", ratio=_pct(ex.miss_ratio, lang))
        return tr("zi.short." + ex.rule)
    if ex.rule == "reached":
        return tr("zi.short.reached")
    if ex.target_level is None:
        return tr("zi.short.growth", growth=_pct(ex.ratio, lang, True))
    return tr("zi.short.ratio", ratio=_ratio(ex.ratio, lang))


# --- figures -------------------------------------------------------------------------------
def _layout(fig: go.Figure, lang: str, height: int, **extra: Any) -> go.Figure:
    margin = extra.pop("margin", {"l": 10, "r": 10, "t": 30, "b": 10})
    fig.update_layout(
        height=height, margin=margin,
        separators=",." if lang == "de" else ".,", font={"family": FONT, "size": 13},
        plot_bgcolor="white", paper_bgcolor="white", **extra,
    )  # fmt: skip
    return fig


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

    ``compact``: columns labelled by the field number only (names in the hover), upright, so
    the cells keep their width on a phone.
    """
    areas = list(dict.fromkeys(matrix["area"]))
    fields = list(dict.fromkeys(matrix["field_id"]))
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
                + (f"<br>{tr('zi.heat.score', score=fmt_number(row['score'], 1, lang))}"
                   if row["score"] is not None and not pd.isna(row["score"]) else "")
            )  # fmt: skip
        z.append(zr)
        text.append(tr_)
        hover.append(hr)
    n = len(STATUS_ORDER)
    scale = []
    for i, status in enumerate(STATUS_ORDER):
        scale += [[i / n, STATUS_COLORS[status]], [(i + 1) / n, STATUS_COLORS[status]]]
    ylabels = [area_labels.get(a, a) for a in areas]
    xlabels = list(fields) if compact else [field_labels.get(f, f) for f in fields]
    fig = go.Figure(
        go.Heatmap(
            z=z, x=xlabels, y=ylabels, zmin=-0.5, zmax=n - 0.5, colorscale=scale,
            showscale=False, text=text, texttemplate="%{text}", textfont={"size": 14},
            hoverinfo="skip", xgap=2, ygap=2,
        )
    )  # fmt: skip
    xs = [xl for _ in ylabels for xl in xlabels]
    ys = [yl for yl in ylabels for _ in xlabels]
    custom = [[a, f] for a in areas for f in fields]
    chosen = [
        i for i, (a, f) in enumerate(custom) if selected and (a, f) == tuple(selected)
    ]  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="markers", customdata=custom,
            hovertext=[h for row in hover for h in row], hoverinfo="text",
            marker={"symbol": "square", "size": 18, "color": "rgba(0,0,0,0)",
                    "line": {"width": 0}},
            selectedpoints=chosen or None,
            selected={"marker": {"color": "rgba(0,0,0,0.25)"}},
            unselected={"marker": {"opacity": 0}}, showlegend=False, name="",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 12})
    fig.update_xaxes(side="top", showgrid=False, tickangle=0 if compact else -35,
                     **({"tickmode": "array", "tickvals": list(fields)} if compact else {}),
                     tickfont={"size": 12}, type="category")  # fmt: skip
    top = 60 if compact else 170
    return _layout(fig, lang, max(160 if compact else 320, 24 * len(areas) + top),
                   clickmode="event+select", dragmode=False)  # fmt: skip


def wrap_label(label: str, width: int = 26) -> str:
    """A long axis label on several lines (plotly breaks), so it needs less margin."""
    return "<br>".join(textwrap.wrap(str(label), width, break_long_words=False)) or str(label)


def bullet_chart(rows: pd.DataFrame, tr: Tr, lang: str, label_width: int = 40) -> go.Figure:
    """How far each target is from its baseline towards the target (0 % = start, 100 % = goal).

    ``rows`` needs: label, status, achieved (share 0–1), expected (share of the time elapsed,
    0–1), hover (text). A bar's colour is the target's status (which judges the trend, not
    the position): one legend entry per status shown, so every colour is named.
    """
    rows = rows.iloc[::-1].assign(y=lambda r: r["label"].map(lambda x: wrap_label(x, label_width)))
    clipped = rows["achieved"].clip(-0.25, 1.25)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=rows["y"], x=[1.0] * len(rows), orientation="h",
            marker={"color": "#eef0f2"}, hoverinfo="skip", showlegend=False, width=0.8,
        )
    )  # fmt: skip
    present = set(rows["status"].map(_code))
    for status in (*STATUS_ORDER, None):
        if status not in present:
            continue
        mine = rows["status"].map(_code) == status
        fig.add_trace(
            go.Bar(
                y=rows.loc[mine, "y"], x=clipped[mine], orientation="h", width=0.4,
                marker={"color": STATUS_COLORS.get(status or "", "#8c959f")},
                hovertext=rows.loc[mine, "hover"], hoverinfo="text",
                name=status_text(status, tr),
            )
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            y=rows["y"], x=rows["expected"].clip(0, 1), mode="markers",
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#1f2328"}},
            name=tr("zi.bullet.expected"), hoverinfo="skip",
        )
    )  # fmt: skip
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left",
                "title": {"text": tr("zi.bullet.colour")}, "traceorder": "normal"},
    )  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["y"]))
    fig.update_xaxes(
        range=[-0.25, 1.25], tickformat=".0%", title=tr("zi.bullet.axis"), gridcolor="#e5e7eb",
        zeroline=True, zerolinecolor="#8c959f",
    )  # fmt: skip
    # every row as tall as its longest (wrapped) label needs at 13 px
    lines = max((y.count("<br>") + 1 for y in rows["y"]), default=1)
    return _layout(fig, lang, max(200, max(34, 17 * lines + 10) * len(rows) + 160))


def _parity_projection(track: Track, status: Status) -> float | None:
    """Projected indicator value in the target period for a parity target (reference fixed)."""
    ex, last = status.explanation, track.latest
    if ex.projection is None or last is None or last.reference is None:
        return None
    if ex.variable != "shortfall":
        return None
    side = track.parity_sense
    if side == 0:
        side = -1 if last.actual < last.reference else 1
        return last.reference + side * ex.projection
    return last.reference - ex.projection if side > 0 else last.reference + ex.projection


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
    periods = [p.period for p in track.points]
    fmt = lambda v: fmt_value(v, unit, decimals, lang, tr)  # noqa: E731
    actual = [p.actual for p in track.points]
    fig.add_trace(
        go.Scatter(
            x=periods, y=actual, mode="lines+markers", name=labels.get("actual", ""),
            line={"color": "#0969da", "width": 3}, hovertext=[f"{p}: {fmt(v)}" for p, v in
                                                                zip(periods, actual,
                                                                    strict=True)],
            hoverinfo="text",
        )
    )  # fmt: skip
    parity = track.target_type == "parity"
    if parity:
        refs = [p.reference for p in track.points]
        fig.add_trace(
            go.Scatter(
                x=periods, y=refs, mode="lines+markers", name=labels.get("reference", ""),
                line={"color": "#6e7781", "dash": "dash"},
                hovertext=[f"{p}: {fmt(v)}" for p, v in zip(periods, refs, strict=True)],
                hoverinfo="text",
            )
        )  # fmt: skip
    ex, last = status.explanation, track.latest
    target_y = None
    if track.target_period and last is not None:
        if parity:
            target_y = last.reference
        elif track.target_level is not None:
            target_y = track.target_level
    if target_y is not None and track.target_period:
        base_period = track.baseline_period or periods[0]
        base_y = next((p.actual for p in track.points if p.period == base_period), None)
        if base_y is None and track.target_type != "parity":
            base_y = track.baseline_value
        if base_y is not None and base_period < track.target_period:
            fig.add_trace(
                go.Scatter(
                    x=[base_period, track.target_period], y=[base_y, target_y],
                    mode="lines", name=tr("zi.traj.path"), hoverinfo="skip",
                    line={"color": "#1a7f37", "dash": "dot", "width": 2},
                )
            )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=[track.target_period], y=[target_y], mode="markers+text",
                name=tr("zi.traj.target"),
                marker={"symbol": "star", "size": 16, "color": "#1a7f37"},
                text=[tr("zi.traj.target_text", value=fmt(target_y))], textposition="top left",
                hovertext=[tr("zi.traj.target_text", value=fmt(target_y))], hoverinfo="text",
            )
        )  # fmt: skip
    projected = _parity_projection(track, status) if parity else None
    if not parity and ex.projection is not None and ex.variable == "value":
        projected = ex.projection
    if projected is not None and last is not None and ex.projection_period:
        color = STATUS_COLORS.get(status.code, "#8c959f")
        fig.add_trace(
            go.Scatter(
                x=[last.period, ex.projection_period], y=[last.actual, projected],
                mode="lines+markers", name=tr("zi.traj.projection"),
                line={"color": color, "dash": "dash", "width": 2},
                marker={"size": [0, 9], "color": color},
                hovertext=["", tr("zi.traj.projection_text", period=ex.projection_period,
                                  value=fmt(projected))],
                hoverinfo="text",
            )
        )  # fmt: skip
    if track.omitted:
        fig.add_annotation(
            text=tr("zi.note.omitted", items=_omitted_text(track.omitted, tr)), showarrow=False,
            xref="paper", yref="paper", x=0, y=-0.22, xanchor="left", font={"size": 11},
        )  # fmt: skip
    fig.update_xaxes(tickformat="d", nticks=9, gridcolor="#e5e7eb")
    fig.update_yaxes(title=unit_text(unit, tr), gridcolor="#e5e7eb", rangemode="tozero"
                     if unit in ("%", PP) else "normal")  # fmt: skip
    return _layout(fig, lang, 400,
                   legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                           "xanchor": "left"},
                   margin={"l": 10, "r": 10, "t": 70, "b": 60})  # fmt: skip


def history_chart(history: Sequence[Status], tr: Tr, lang: str) -> go.Figure:
    """The status with each data period as the newest one: a row of coloured symbols."""
    periods = [s.period for s in history]
    codes = [s.code for s in history]
    fig = go.Figure(
        go.Scatter(
            x=periods, y=[0] * len(periods), mode="markers+text",
            marker={"size": 26, "symbol": "circle",
                    "color": [STATUS_COLORS.get(c, "#8c959f") for c in codes]},
            text=[STATUS_SYMBOLS.get(c, "") for c in codes], textfont={"color": "white",
                                                                      "size": 13},
            hovertext=[f"{p}: {tr(status_key(c))}" for p, c in zip(periods, codes, strict=True)],
            hoverinfo="text", showlegend=False,
        )
    )  # fmt: skip
    fig.update_yaxes(visible=False, range=[-1, 1])
    fig.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    return _layout(fig, lang, 130, margin={"l": 10, "r": 10, "t": 10, "b": 30})


# --- tables ----------------------------------------------------------------------------------
Labels = dict[str, dict[str, Any]]


def _is(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def series_label(indicator_id: str, grp: str, labels: Labels) -> str:
    """'Kita-Besuch 3–6 (mit Migrationsvorgeschichte)'; the total group is not named."""
    ind = labels["indicator"].get(indicator_id, {})
    name = ind.get("short") or indicator_id
    return name if grp == "insgesamt" else f"{name} ({labels['group'].get(grp, grp)})"


def reference_label(row: pd.Series | dict, labels: Labels) -> str:
    """What a parity target compares with: 'Anteil mit MV, Stadt Münster'."""
    ref, area, grp = row.get("reference_indicator"), row.get("reference_area"), row.get(
        "reference_grp")  # fmt: skip
    if not _is(ref):
        return "–"
    text = series_label(str(ref), str(grp or "insgesamt"), labels)
    return f"{text}, {labels['area'].get(str(area), area)}"


def target_description(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """The target in words: '50,0 je 100 bis 2030', 'gleich … bis 2030', 'soll sinken'."""
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
    kind, period = row["type"], row.get("target_period")
    until = tr("zi.target.until", period=int(period)) if _is(period) else ""
    if row.get("implicit"):
        sense = "up" if ind.get("direction") == "higher_better" else "down"
        return tr("zi.target.implicit." + sense)
    if kind == "absolute":
        return f"{fmt_value(row['target_value'], unit, decimals, lang, tr)} {until}".strip()
    if kind == "relative_change":
        level = fmt_value(row.get("target_level"), unit, decimals, lang, tr)
        change = fmt_number(row["target_value"], 1, lang)
        change = ("+" if row["target_value"] > 0 else "") + change
        base = row.get("baseline_period")
        base = int(base) if _is(base) else "–"
        return tr("zi.target.relative", change=change, base=base,
                  level=level, until=until).strip()  # fmt: skip
    if kind == "parity":
        return tr("zi.target.parity", reference=reference_label(row, labels), until=until).strip()
    sense = "up" if ind.get("direction") == "higher_better" else "down"
    return f"{tr('zi.target.direction.' + sense)} {until}".strip()


def target_value_text(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """Just the level to reach: '160', '6,7 je 100', '= 25,3 %' (parity), 'soll sinken'."""
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
    if row["type"] == "parity":
        return "= " + fmt_value(row.get("reference"), unit, decimals, lang, tr)
    if _is(row.get("target_level")):
        return fmt_value(row["target_level"], unit, decimals, lang, tr)
    sense = "up" if ind.get("direction") == "higher_better" else "down"
    return tr("zi.target.direction." + sense)


def gap_text(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """Gap with unit; parity in percentage points; 'erreicht' when nothing is left to go."""
    if not _is(row.get("gap")):
        return "–"
    if row["gap"] <= 0:
        return tr("zi.gap.reached")
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit = PP if row["type"] == "parity" else delta_unit(str(ind.get("unit") or ""))
    decimals = int(ind.get("decimals") or 0)
    if unit == PP:
        # short unit: the column and the metric are narrow; the explanation spells it out
        return f"{fmt_number(row['gap'], decimals, lang)} {tr('zi.unit.pp_short')}"
    return fmt_value(row["gap"], unit, decimals, lang, tr)


def years_text(row: pd.Series | dict, tr: Tr, lang: str) -> str:
    """Years to the target at the current pace: '4,1', 'erreicht', 'bei diesem Trend nie'."""
    gap, years = row.get("gap"), row.get("years_to_target")
    if not _is(gap):
        return "–"
    if gap <= 0:
        return tr("zi.gap.reached")
    if not _is(row.get("mean_change")):
        return "–"
    if not _is(years):
        return tr("zi.years.never")
    return fmt_number(years, 1, lang)


def display_table(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """The Ziel-Ist table: one row per target and area, texts in the page language."""
    rows = []
    for row in frame.to_dict("records"):
        ind = labels["indicator"].get(row["indicator_id"], {})
        unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
        years = years_text(row, tr, lang)
        actual = "–"
        if _is(row.get("period")):
            actual = f"{fmt_value(row['actual'], unit, decimals, lang, tr)} ({int(row['period'])})"
        rows.append(
            {
                "key": row["key"],
                "indicator": series_label(row["indicator_id"], row["grp"], labels),
                "area": labels["area"].get(row["area"], row["area"]),
                "status": status_text(row["status"], tr),
                "target": target_description(row, labels, tr, lang),
                "actual": actual,
                "gap": gap_text(row, labels, tr, lang),
                "trend": list(row["trend"]),
                "years": years,
                "reason": short_reason(row["result"], tr, lang),
                "gap_relative": float(row["gap_relative"]) if _is(row.get("gap_relative"))
                else math.nan,
                "field": row["field_id"],
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def download_table(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """Assessments with raw numbers and the full explanation, for CSV/XLSX downloads."""
    rows = []
    for row in frame.to_dict("records"):
        ind = labels["indicator"].get(row["indicator_id"], {})
        unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
        status: Status = row["result"]
        ex = status.explanation
        rows.append(
            {
                "indicator": row["indicator_id"], "group": row["grp"], "area": row["area"],
                "area_name": labels["area"].get(row["area"], row["area"]),
                "type": "implicit_direction" if row["implicit"] else row["type"],
                "target": target_description(row, labels, tr, lang),
                "target_period": row.get("target_period"), "target_level": row["target_level"],
                "period": row["period"], "actual": row["actual"], "reference": row["reference"],
                "gap": row["gap"], "gap_relative_percent": row["gap_relative"],
                "unit": PP if row["type"] == "parity" else unit,
                "mean_change_per_year": row["mean_change"],
                "years_to_target": row["years_to_target"], "status": row["status"],
                "score": row["score"], "method": status.method, "rule": ex.rule,
                "projection": ex.projection, "miss_ratio": ex.miss_ratio, "ratio": ex.ratio,
                "points": "; ".join(f"{p}={v:.4g}" for p, v in ex.points),
                "explanation": " ".join(explain_lines(status, unit if row["type"] != "parity"
                                                      else PP, decimals, lang, tr,
                                                      bool(row["implicit"]))),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def bullet_rows(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """Rows for the bullet chart: targets with a level, a baseline and a target period."""
    rows = []
    for row in frame.to_dict("records"):
        track: Track = row["track"]
        last = track.latest
        if (row["implicit"] or not track.has_level or last is None
                or track.baseline_value is None or not track.target_period):  # fmt: skip
            continue
        if track.target_level == track.baseline_value:
            continue
        reached_at_start = (track.target_level - track.baseline_value) * track.sense <= 0
        if reached_at_start and not row["gap"] <= 0:
            continue
        achieved = (last.value - track.baseline_value) / (track.target_level - track.baseline_value)
        if row["gap"] <= 0:
            achieved = max(achieved, 1.0) if not reached_at_start else 1.0
        start = track.baseline_period or track.points[0].period
        span = track.target_period - start
        expected = (last.period - start) / span if span > 0 else 1.0
        ind = labels["indicator"].get(row["indicator_id"], {})
        label = (f"{series_label(row['indicator_id'], row['grp'], labels)} · "
                 f"{labels['area'].get(row['area'], row['area'])}")  # fmt: skip
        rows.append(
            {
                "key": row["key"], "label": label, "status": row["status"],
                "achieved": achieved, "expected": expected,
                "hover": tr("zi.bullet.hover", label=label, achieved=_pct(achieved, lang),
                            expected=_pct(expected, lang), status=status_text(row["status"], tr),
                            actual=fmt_value(last.actual, str(ind.get("unit") or ""),
                                             int(ind.get("decimals") or 0), lang, tr),
                            period=last.period),
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["key", "label", "status", "achieved", "expected", "hover"])
