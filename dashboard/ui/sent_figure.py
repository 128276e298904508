"""Cached figures whose copy for the browser is made once, not on every click.

``st.plotly_chart`` turns a figure into a dict with ``to_dict()`` on every rerun: a deep copy of
all traces (10-35 ms for a map or the goal matrix at 10x). A figure cached with
``st.cache_resource`` is shared read-only and never changes, so that copy can be kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

import plotly.graph_objects as go

P = ParamSpec("P")


class SentFigure(go.Figure):
    """A figure that is not changed after it is built; ``to_dict`` is computed once."""

    def to_dict(self) -> dict[str, Any]:
        """The figure as a dict, the same one on every call (callers must only read it)."""
        sent = self.__dict__.get("_sent")
        if sent is None:
            sent = super().to_dict()
            self._sent = sent
        return sent


def sent(build: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    """Decorate a cached figure builder: the figures it returns keep their dict form."""

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> go.Figure:
        fig = build(*args, **kwargs)
        # same attributes, one method more: no copy of a possibly large figure is needed
        fig.__class__ = SentFigure
        return fig

    return wrapper
