"""A cached figure keeps its dict form: the same JSON, built once."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.ui.sent_figure import SentFigure, sent


def test_a_sent_figure_sends_what_the_figure_says_and_copies_it_once() -> None:
    built: list[go.Figure] = []

    @sent
    def figure(n: int) -> go.Figure:
        """A line of ``n`` points."""
        built.append(go.Figure(go.Scatter(x=list(range(n)), y=list(range(n)))))
        return built[-1]

    fig = figure(50)
    assert (
        isinstance(fig, SentFigure)
        and fig is built[0]
        and figure.__doc__ == "A line of ``n`` points."
    )
    plain = go.Figure(go.Scatter(x=list(range(50)), y=list(range(50))))
    assert fig.to_dict() is fig.to_dict()  # one copy, kept
    assert json.loads(pio.to_json(fig.to_dict())) == json.loads(plain.to_json())
