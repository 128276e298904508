"""The districts × fields matrix a page of areas at a time.

At 450 areas one figure of every row was 10,800 px tall, at 4,500 areas 108,000 px and 14 MB
that a browser took ~25 s to draw; nobody reads a matrix of that size at once. Up to
``matrix_limit`` areas it is drawn whole (Münster's 45 Stadtteile and the city are one page),
beyond that a choice of areas 1–60, 61–120 … leads through it; its download keeps every area.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.present.format import fmt_number

PAGE_KEY = "matrix_seite"
MATRIX_KEY = "matrix"  # the chart's key; its selection is the clicked cell


def on_matrix_select() -> None:
    """A click on a matrix cell filters by its district and field (runs before the widgets)."""
    points = st.session_state[MATRIX_KEY].selection.get("points", [])
    if points and points[0].get("customdata"):
        area, field = points[0]["customdata"][:2]
        st.session_state["gebiet"] = area
        st.session_state["feld"] = field


def matrix_page(
    shown: pd.DataFrame, names: dict[str, str], tr: Callable[..., str], lang: str
) -> tuple[pd.DataFrame, tuple[int, int]]:
    """The rows of the chosen page of areas (all when they fit on one), and which page that is
    (its number from 0 and the areas per page: part of the drawn figure's cache key)."""
    areas = list(dict.fromkeys(shown["area"]))
    limit = int(config.get("matrix_limit"))
    if len(areas) <= limit:
        return shown, (0, limit)
    pages = math.ceil(len(areas) / limit)
    if st.session_state.get(PAGE_KEY, 0) >= pages:  # a filter left fewer pages
        st.session_state[PAGE_KEY] = 0
    total = fmt_number(len(areas), lang=lang)

    def label(page: int) -> str:
        part = areas[page * limit : (page + 1) * limit]
        return tr(
            "ziele.matrix_page",
            first=fmt_number(page * limit + 1, lang=lang),
            last=fmt_number(page * limit + len(part), lang=lang),
            total=total,
            names=f"{names.get(part[0], part[0])} – {names.get(part[-1], part[-1])}",
        )

    page = int(
        st.selectbox(tr("ziele.matrix_pages"), range(pages), key=PAGE_KEY, format_func=label)
    )
    st.caption(tr("ziele.matrix_limited", shown=fmt_number(limit, lang=lang), total=total))
    part = set(areas[page * limit : (page + 1) * limit])
    return shown[shown["area"].isin(part)], (page, limit)
