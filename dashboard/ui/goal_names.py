"""What a person reads for a goal instead of its id: '7.1 Teilziel 2.1: Hürden abbauen …'."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.ui import data
from dashboard.ui.shell import language


def goal_names(path: str, tr: Callable[..., str]) -> dict[str, str]:
    """Goal id → field, kind, number and label (district goals with their district)."""
    return _goal_names(path, tr, language())


# cached per language: a loop over every goal of the catalogue, three times a review click
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def _goal_names(path: str, _tr: Callable[..., str], lang: str) -> dict[str, str]:
    """The names in one language (``lang`` keys the cache, ``_tr`` speaks it)."""
    catalogue = data.catalogues(path)
    goals = catalogue.frames["goal"]
    areas = dict(zip(catalogue.areas["code"], catalogue.areas["name"], strict=True))
    out: dict[str, str] = {}
    for g in goals.to_dict("records"):
        kind = _tr(f"goal.kind.{g['kind']}")
        if g["kind"] == "stadtteilziel" and g.get("area_code") in areas:
            kind += f" {areas[g['area_code']]}"
        number = f" {g['number']}" if g.get("number") not in (None, "") else ""
        out[g["id"]] = f"{g['field_id']} {kind}{number}: {g['label']}"
    return out
