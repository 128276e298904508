"""Cached provenance texts for what a page shows (analysis.provenance via exports)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.exports import with_provenance
from dashboard.ui import data


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def texts(
    path: str,
    indicator_id: str,
    period: int,
    group: str,
    codes: tuple[str, ...],
    origins: tuple[str, ...],
    lang: str,
) -> list[str | None]:
    """Provenance of one indicator's values for these areas (roll-ups marked by origin)."""
    frame = pd.DataFrame(
        {"indicator_id": indicator_id, "area_code": list(codes), "period": int(period),
         "grp": group, "origin": list(origins)}
    )  # fmt: skip
    store = data.get_store(path)
    return with_provenance(store, data.catalogues(path), frame, lang).tolist()
