"""The method explanation of the progress statuses, with every deliberate variant."""

from __future__ import annotations

from collections.abc import Callable

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
