"""The layers of a target's trajectory chart: actual values, reference, target path, projection.

``progress_charts.trajectory_chart`` stacks them on one figure; each function adds its traces
only when the track holds what it needs (a parity target has a reference, a target a period).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from dashboard.analysis.gaps import Track
from dashboard.analysis.progress import Status
from dashboard.present import theme
from dashboard.present.progress_explain import omitted_text
from dashboard.present.progress_labels import STATUS_COLORS, Tr


def parity_projection(track: Track, status: Status) -> float | None:
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


def add_series(
    fig: go.Figure, track: Track, labels: dict[str, str], fmt: Callable[[Any], str]
) -> list[int]:
    """The actual values and, for a parity target, the reference; returns the periods."""
    periods = [p.period for p in track.points]
    actual = [p.actual for p in track.points]
    fig.add_trace(
        go.Scatter(
            x=periods,
            y=actual,
            mode="lines+markers",
            name=labels.get("actual", ""),
            line={"color": theme.SERIES, "width": 3},
            hovertext=[f"{p}: {fmt(v)}" for p, v in zip(periods, actual, strict=True)],
            hoverinfo="text",
        )
    )
    if track.target_type == "parity":
        refs = [p.reference for p in track.points]
        fig.add_trace(
            go.Scatter(
                x=periods,
                y=refs,
                mode="lines+markers",
                name=labels.get("reference", ""),
                line={"color": theme.PROJECTION, "dash": "dash"},
                hovertext=[f"{p}: {fmt(v)}" for p, v in zip(periods, refs, strict=True)],
                hoverinfo="text",
            )
        )
    return periods


def _target_value(track: Track) -> float | None:
    """The value the target asks for: the latest reference (parity) or the target level."""
    last = track.latest
    if not track.target_period or last is None:
        return None
    if track.target_type == "parity":
        return last.reference
    return track.target_level


def _add_path(fig: go.Figure, track: Track, periods: list[int], target_y: float, tr: Tr) -> None:
    """The dotted path from the baseline to the target (when the baseline is known)."""
    base_period = track.baseline_period or periods[0]
    base_y = next((p.actual for p in track.points if p.period == base_period), None)
    if base_y is None and track.target_type != "parity":
        base_y = track.baseline_value
    if base_y is None or base_period >= track.target_period:
        return
    fig.add_trace(
        go.Scatter(
            x=[base_period, track.target_period],
            y=[base_y, target_y],
            mode="lines",
            name=tr("zi.traj.path"),
            hoverinfo="skip",
            line={"color": theme.TARGET, "dash": "dot", "width": 2},
        )
    )


def add_target(
    fig: go.Figure, track: Track, periods: list[int], fmt: Callable[[Any], str], tr: Tr
) -> None:
    """The target as a star and the path to it from the baseline (when both are known)."""
    target_y = _target_value(track)
    if target_y is None or not track.target_period:
        return
    _add_path(fig, track, periods, target_y, tr)
    fig.add_trace(
        go.Scatter(
            x=[track.target_period],
            y=[target_y],
            mode="markers+text",
            name=tr("zi.traj.target"),
            marker={"symbol": "star", "size": 16, "color": theme.TARGET},
            text=[tr("zi.traj.target_text", value=fmt(target_y))],
            textposition="top left",
            hovertext=[tr("zi.traj.target_text", value=fmt(target_y))],
            hoverinfo="text",
        )
    )


def add_projection(
    fig: go.Figure, track: Track, status: Status, fmt: Callable[[Any], str], tr: Tr
) -> None:
    """The projection of the current trend to the target period, in the status colour."""
    ex, last, parity = status.explanation, track.latest, track.target_type == "parity"
    projected = parity_projection(track, status) if parity else None
    if not parity and ex.projection is not None and ex.variable == "value":
        projected = ex.projection
    if projected is not None and last is not None and ex.projection_period:
        color = STATUS_COLORS.get(status.code, theme.STATUS_NONE)
        fig.add_trace(
            go.Scatter(
                x=[last.period, ex.projection_period],
                y=[last.actual, projected],
                mode="lines+markers",
                name=tr("zi.traj.projection"),
                line={"color": color, "dash": "dash", "width": 2},
                marker={"size": [0, 9], "color": color},
                hovertext=[
                    "",
                    tr(
                        "zi.traj.projection_text", period=ex.projection_period, value=fmt(projected)
                    ),
                ],
                hoverinfo="text",
            )
        )


NOTE_WIDTH = 48  # characters a line of the note under a chart (fits a 390 px phone)
NOTE_LINE_PX = 15  # height of one line of the note (font size 11)


def add_omitted_note(fig: go.Figure, track: Track, tr: Tr) -> int:
    """A note under the chart naming the periods left out of the track (if any), wrapped so
    that no year is cut off at the chart's edge; returns its number of lines (0: none)."""
    if not track.omitted:
        return 0
    text = tr("zi.note.omitted", items=omitted_text(track.omitted, tr))
    lines = textwrap.wrap(text, NOTE_WIDTH, break_long_words=False) or [text]
    fig.add_annotation(
        text="<br>".join(lines),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-44,  # below the year labels of the x axis (turned on a phone)
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11},
    )
    return len(lines)
