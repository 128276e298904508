"""The method explanation of the progress statuses, with every deliberate variant."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard.analysis import progress

Tr = Callable[..., str]


def method_markdown(tr: Tr) -> str:
    """Both methods and where the project departs from Destatis and Open SDG, as Markdown."""
    cfg = progress.settings()
    return tr("zi.methods.body", window=cfg.window, min_points=cfg.min_points)


def show(tr: Tr) -> None:
    """The method explanation in a collapsed expander."""
    with st.expander(tr("zi.methods.title")):
        st.markdown(method_markdown(tr))


def choose(container: Any, tr: Tr) -> str:
    """The method choice (widget key ``methode``) as a radio row, the same on every page."""
    # a segmented control cut its second label off: at 390 px on Ziele, at 1440 px in
    # Handlungsfelder's narrow column; a radio row wraps instead
    choice = container.radio(
        tr("ziele.filter.method"),
        list(progress.METHODS),
        key="methode",
        horizontal=True,
        format_func=lambda m: tr(f"zi.method.{m}"),
        help=tr("ziele.method_help"),
    )
    return choice or progress.METHODS[0]
