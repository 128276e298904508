"""Cached accessors for the goal pages: assessments, roll-ups, matrix, coverage, targets.

Built on dashboard.ui.data (released values only, so suppression cannot be bypassed). Call
``clear_caches`` after every write; it clears dashboard.ui.data's caches too.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis import gaps, goal_matrix, goal_rollup, on_track, progress
from dashboard.analysis.gaps import CITY
from dashboard.catalogues import display_labels
from dashboard.ui import data
from dashboard.ui.shell import language

TTL_SECONDS = data.TTL_SECONDS
# Area levels that get direction-only assessments of indicators without a target.
IMPLICIT_LEVELS = ("stadt", "stadtbezirk", "stadtteil")


# A resource, not data: the frame (one row per target or indicator and area, with Python objects
# per row) is shared read-only instead of being unpickled on every rerun; at 450 areas ×
# 300 indicators that copy alone took seconds. Callers only filter it (pandas copy-on-write).
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def assessments(path: str, method: str, implicit: bool = True) -> pd.DataFrame:
    """Every target (one row per target and area), and every implicit direction assessment.

    Without ``implicit`` only the targets are assessed: at 100x the implicit ones are close to
    a million, which the review and the explicit-only views never need.
    """
    return _assessed(path, method, _items(path, implicit))


# Each target is assessed on its own, so one area's rows are the same computed alone; the
# district page's first visit assessed all 45 areas' ~850 targets for one district's 20, and
# the start page's (the city's roll-up) all 450 areas' at 10x for the city and six districts.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def scoped_assessments(
    path: str, method: str, implicit: bool, codes: tuple[str, ...]
) -> pd.DataFrame:
    """``selected(path, method, implicit)`` of these areas, computed for them only."""
    items = _items(path, implicit)
    return _assessed(path, method, items[items["area"].astype(str).isin(codes)], scoped=True)


def area_assessments(path: str, method: str, code: str) -> pd.DataFrame:
    """``assessments(path, method, True)`` of one area, computed for that area only."""
    return scoped_assessments(path, method, True, (code,))


# Shared read-only like the assessments (callers filter it): a first visit of the Handlungsfelder
# page built these items (86,000 rows at 10x) three times, for the roll-up, the assessments and
# the list of goals with targets.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def _items(path: str, implicit: bool) -> pd.DataFrame:
    """What to assess: every target per area, and the implicit direction-only items."""
    catalogue = data.catalogues(path)
    explicit = gaps.expand_targets(data.targets(path), catalogue.areas)
    extra = (
        gaps.implicit_targets(catalogue.indicators, explicit, catalogue.areas, IMPLICIT_LEVELS)
        if implicit
        else explicit.iloc[0:0]
    )
    return pd.concat([explicit, extra], ignore_index=True) if len(extra) else explicit


def _assessed(path: str, method: str, items: pd.DataFrame, scoped: bool = False) -> pd.DataFrame:
    """The assessment rows of ``items``; implicit items without any data are left out.

    ``scoped``: read only the values of the items' areas and of their parity references (an
    assessment reads no other series; indexing all 2.8 million values at 10x took 0.5 s).
    """
    catalogue = data.catalogues(path)
    values = data.all_values(path)
    if scoped:
        values = data.area_values(path, _read_areas(items))
    result = progress.assess_targets(
        items.reset_index(drop=True),
        values,
        catalogue.indicators,
        catalogue.areas,
        method,
        progress.settings(),
    )
    # an indicator without a target and without data says nothing: leave it out
    return result[~(result["implicit"] & (result["n_points"] == 0))].reset_index(drop=True)


def _read_areas(items: pd.DataFrame) -> tuple[str, ...]:
    """The areas whose series assessing ``items`` reads: theirs and their parity references'."""
    areas = {str(a) for a in items["area"]}
    parity = items[items["type"] == "parity"] if "type" in items else items.iloc[0:0]
    for rec in parity.to_dict("records"):
        areas.add(gaps.reference_of(rec, str(rec["area"]))[1])
    return tuple(sorted(areas))


def selected(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Assessments, with or without the implicit direction-only ones."""
    if implicit:
        return assessments(path, method, True)
    return assessments(path, method, False)  # the targets only: far cheaper at scale


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def district_targets(path: str, method: str, code: str) -> pd.DataFrame:
    """Every assessed target value of a district with the city comparison (analysis.on_track)."""
    return on_track.district_targets(
        area_assessments(path, method, code),
        data.area_values(path, (CITY,)),  # only the city's values are read
        data.catalogues(path).indicators,
        code,
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=256)
def nearest_indicators(path: str, text: str, lang: str) -> list[str]:
    """The indicators nearest to a text, best first (analysis.on_track.find_topic)."""
    catalogue = data.catalogues(path)  # ``lang`` keys the cache; data.catalogues reads it
    frames = catalogue.frames
    found = on_track.find_topic(
        text, frames["goal"], frames["goal_indicator"], catalogue.indicators
    )
    return found.nearest


def labels(path: str) -> dict[str, dict[str, Any]]:
    """Names for display in the UI language: areas, indicators (as dicts), groups, fields, goals."""
    return _labels(path, language())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _labels(path: str, lang: str) -> dict[str, dict[str, Any]]:
    """Names for display in one language (``lang`` keys the cache; data.catalogues reads it)."""
    return display_labels(data.catalogues(path))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def rollup(
    path: str, method: str, implicit: bool, area: str = CITY, whole: bool = False
) -> pd.DataFrame:
    """The Leitbild tree with counts, scores, statuses, measures and flags for one area.

    ``whole``: read the area's rows from all assessments, for a page that needs them anyway;
    otherwise only the areas counted here are assessed. The rows, and so the tree, are equal.
    """
    catalogue = data.catalogues(path)
    f = catalogue.frames
    counted = tuple(sorted(goal_rollup.counting_areas(f["goal"], area)))  # all it reads
    return goal_rollup.rollup(
        selected(path, method, implicit)
        if whole
        else scoped_assessments(path, method, implicit, counted),
        f["goal"],
        f["goal_support"],
        f["goal_indicator"],
        f["field"],
        data.measures(path),
        area,
        set(_items(path, False)["goal_id"].dropna()),  # targets are never left out
    )


def matrix_areas(path: str) -> list[str]:
    """Rows of the districts × fields matrix: the city, then every Stadtteil."""
    areas = data.catalogues(path).areas
    return [CITY, *areas.loc[areas["level"] == "stadtteil", "code"]]


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def matrix(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Field status per area for the matrix."""
    f = data.catalogues(path).frames
    return goal_matrix.field_matrix(
        selected(path, method, implicit),
        f["goal"],
        f["goal_indicator"],
        f["field"],
        matrix_areas(path),
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def coverage(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Coverage per area and field (goals with indicator, data, status)."""
    f = data.catalogues(path).frames
    return goal_matrix.coverage_matrix(
        selected(path, method, implicit),
        f["goal"],
        f["goal_support"],
        f["goal_indicator"],
        f["field"],
        matrix_areas(path),
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def all_targets(path: str) -> pd.DataFrame:
    """Targets including retired ones (for the management view)."""
    return data.get_store(path).targets(include_retired=True)


def target_history(path: str, target_id: int) -> pd.DataFrame:
    """Every version of one target, oldest first (not cached: shown right after edits)."""
    return data.get_store(path).target_history(target_id)


def clear_caches() -> None:
    """Drop every cached result of this module and of dashboard.ui.data (after writes).

    The registered figures go too: the goal matrix is keyed by what it was made from, not by
    its content, so a target write must drop it.
    """
    data.clear_caches()
    data.clear_dependent_caches()
    for fn in (
        _items,
        assessments,
        scoped_assessments,
        district_targets,
        nearest_indicators,
        _labels,
        rollup,
        matrix,
        coverage,
        all_targets,
    ):
        fn.clear()


# Views built on the roll-ups register here: a measure write drops them with the roll-ups only
# (not the assessments, which do not depend on measures and take seconds at 10x)
_ON_MEASURES: list[Any] = []


def measure_dependent(cached: Any) -> Any:
    """Clear ``cached`` (a cached function) whenever measures change; returns it."""
    _ON_MEASURES.append(cached)
    return cached


def clear_measure_caches() -> None:
    """After a measure write: the roll-ups (they count measures) and the views built on them."""
    rollup.clear()
    for cached in _ON_MEASURES:
        cached.clear()
