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


def with_district_provenance(
    path: str, code: str, profile: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The profile rows with the provenance of the district's value of each indicator."""
    rows = profile.dropna(subset=["period"])
    found = _district_texts(
        path, code, tuple(rows["indicator_id"]), tuple(int(p) for p in rows["period"]),
        tuple(rows["grp"]), lang,
    )  # fmt: skip
    return profile.assign(provenance=profile["indicator_id"].map(dict(found)))


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _district_texts(
    path: str,
    code: str,
    ids: tuple[str, ...],
    periods: tuple[int, ...],
    groups: tuple[str, ...],
    lang: str,
) -> list[tuple[str, str | None]]:
    frame = pd.DataFrame(
        {"indicator_id": list(ids), "area_code": code, "period": list(periods),
         "grp": list(groups)}
    )  # fmt: skip
    texts = with_provenance(data.get_store(path), data.catalogues(path), frame, lang, [code])
    return list(zip(ids, texts.tolist(), strict=True))
