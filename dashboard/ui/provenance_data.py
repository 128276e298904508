"""Cached provenance texts for what a page shows (analysis.provenance via exports)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.exports import with_provenance
from dashboard.services import provenance_column
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
        path,
        code,
        tuple(rows["indicator_id"]),
        tuple(int(p) for p in rows["period"]),
        tuple(rows["grp"]),
        lang,
    )
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


Frame = pd.DataFrame | Callable[[], pd.DataFrame]


def _built(frame: Frame) -> pd.DataFrame:
    return frame() if callable(frame) else frame


def with_column(
    frame: Frame, keys: Frame, lang: str, computed: bool = False
) -> Callable[[], pd.DataFrame]:
    """A download frame with its provenance column, built when downloaded (no Streamlit then).

    ``keys`` (indicator_id, area_code, period, grp), one row per row of the frame;
    ``computed``: each row's value is computed from the keyed value (e.g. a contribution).
    """
    store, catalogue = data.store(), data.catalogues(str(config.db_path()))

    def built() -> pd.DataFrame:
        found = provenance_column.texts(store, catalogue, _built(keys), lang)
        if computed:
            found = [provenance_column.computed(x, lang) for x in found]
        return provenance_column.add(_built(frame), found, lang)

    return built


def with_measure_column(table: pd.DataFrame, measures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A measure table with the register's provenance of each row (same order as measures)."""
    return provenance_column.add(table, provenance_column.measure_texts(measures, lang), lang)


def with_wide_column(
    frame: Frame,
    areas: Sequence[str],
    periods: dict[str, int],
    lang: str,
    group: str = "insgesamt",
    computed: bool = False,
) -> Callable[[], pd.DataFrame]:
    """A download frame whose rows hold one area's values of several indicators, with the
    joined provenance of those values (``computed``: a value computed from them, e.g. an index).
    """
    store, catalogue = data.store(), data.catalogues(str(config.db_path()))
    wanted = list(areas)

    def built() -> pd.DataFrame:
        found = provenance_column.wide_texts(store, catalogue, wanted, periods, group, lang)
        if computed:
            found = [provenance_column.computed(x, lang) for x in found]
        return provenance_column.add(_built(frame), found, lang)

    return built


def keys_for(
    indicators: pd.DataFrame,
    ids: Sequence[str],
    codes: Sequence[str],
    periods: Sequence[int],
    group: str | None,
) -> pd.DataFrame:
    """Provenance keys of rows; the group a page shows (the indicator's default without one)."""
    return pd.DataFrame(
        {
            "indicator_id": list(ids),
            "area_code": list(codes),
            "period": [int(p) for p in periods],
            "grp": provenance_column.groups_for(indicators, ids, group),
        }
    )
