"""Cached accessors for the goal pages: assessments, roll-ups, matrix, coverage, targets.

Built on dashboard.ui.data (released values only, so suppression cannot be bypassed). Call
``clear_caches`` after every write; it clears dashboard.ui.data's caches too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis import goal_rollup, on_track
from dashboard.analysis.gaps import CITY
from dashboard.catalogues import display_labels
from dashboard.services import goal_assessments
from dashboard.ui import data
from dashboard.ui.shell import language

TTL_SECONDS = data.TTL_SECONDS


# A resource, not data: the frame (one row per target or indicator and area) is shared read-only
# instead of being unpickled on every rerun; at 450 areas × 300 indicators that copy alone took
# seconds. Callers only filter it (pandas copy-on-write). The rows come from the database when
# their inputs are unchanged (services.goal_assessments), so a restart does not assess again.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def assessments(path: str, method: str, implicit: bool = True) -> pd.DataFrame:
    """Every target (one row per target and area), and every implicit direction assessment.

    Without ``implicit`` only the targets are assessed: at 100x the implicit ones are close to
    a million, which the review and the explicit-only views never need. No detail columns
    (``trend``, ``result``, ``track``): ``with_details`` adds them to the rows a page shows.
    """
    return goal_assessments.table(
        data.get_store(path), data.stored_catalogue(path), data.targets(path), method, implicit
    )


# Each target is assessed on its own, so one area's rows are the same computed alone; the
# district page's first visit assessed all 45 areas' ~850 targets for one district's 20, and
# the start page's (the city's roll-up) all 450 areas' at 10x for the city and six districts.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def scoped_assessments(
    path: str, method: str, implicit: bool, codes: tuple[str, ...]
) -> pd.DataFrame:
    """``selected(path, method, implicit)`` of these areas with their details, for them only.

    Only the values of the items' areas and of their parity references are read (an
    assessment reads no other series; indexing all 2.8 million values at 10x took 0.5 s).
    """
    catalogue = data.stored_catalogue(path)
    items = goal_assessments.assessment_items(catalogue, data.targets(path), implicit, codes)
    values = data.area_values(path, tuple(goal_assessments.read_scope(items)[1]))
    return goal_assessments.assess_items(items, values, catalogue, method)


def area_assessments(path: str, method: str, code: str) -> pd.DataFrame:
    """``assessments(path, method, True)`` of one area with details, computed for it only."""
    return scoped_assessments(path, method, True, (code,))


# Shared read-only (callers filter it): every roll-up reads which goals have targets.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def _targets(path: str) -> pd.DataFrame:
    """Every target per area (the items assessed without the implicit direction-only ones)."""
    return goal_assessments.assessment_items(data.stored_catalogue(path), data.targets(path), False)


def details(path: str, method: str, implicit: bool) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A function adding the detail columns to rows of ``selected(path, method, implicit)``.

    Everything cached is resolved now: the function also runs in a download's thread. The
    items are made for the rows' areas only (an item depends on its area alone; all of them
    held 0.4 GB of the server's memory at 100x; 5 areas' take ~0.1 s, 450 areas' ~0.6 s).
    """
    store, catalogue, targets = (
        data.get_store(path),
        data.stored_catalogue(path),
        data.targets(path),
    )

    def add(rows: pd.DataFrame) -> pd.DataFrame:
        codes = tuple(sorted({str(area) for area in rows["area"]}))
        items = goal_assessments.assessment_items(catalogue, targets, implicit, codes)
        return goal_assessments.with_details(store, catalogue, items, rows, method)

    return add


def digest(keys: Iterable[str]) -> str:
    """A short fingerprint of many row keys (Streamlit hashed a tuple of 800 keys in ~5 ms)."""
    return hashlib.sha1("\x1f".join(keys).encode(), usedforsecurity=False).hexdigest()


def with_details(path: str, method: str, implicit: bool, rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` of ``selected(path, method, implicit)`` with the detail columns (cached)."""
    keys = list(rows["key"])
    out = _details(path, method, implicit, digest(keys), keys).copy()
    out.index = rows.index
    return out


@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def _details(path: str, method: str, implicit: bool, names: str, _keys: list[str]) -> pd.DataFrame:
    """The rows of these keys (``names``: their digest) with their details, in this order."""
    table = selected(path, method, implicit)
    positions = pd.Index(table["key"]).get_indexer(_keys)
    if (positions < 0).any():  # -1 would silently take the last row
        raise KeyError("rows that are not among the assessments")
    return details(path, method, implicit)(table.iloc[positions].reset_index(drop=True))


def selected(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Assessments, with or without the implicit direction-only ones."""
    if implicit:
        return assessments(path, method, True)
    return assessments(path, method, False)  # the targets only: far cheaper at scale


# The Ziel-Ist table lists the targets first, then by field, indicator and area
TABLE_ORDER = ["implicit", "field_id", "indicator_id", "area"]


# A resource like the assessments: sorted once per data version instead of on every rerun of the
# Ziel-Ist-Vergleich (at 100x sorting the 847,000 rows took ~0.6 s of every click); filtering
# the sorted rows keeps their order, so the page sorts nothing.
@data.register_cache
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=4)
def in_table_order(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """``selected(path, method, implicit)`` in the table's order (a stable sort, same index)."""
    return selected(path, method, implicit).sort_values(TABLE_ORDER, kind="stable")


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
        set(_targets(path)["goal_id"].dropna()),  # targets are never left out
    )


def matrix_areas(path: str) -> list[str]:
    """Rows of the districts × fields matrix: the city, then every Stadtteil."""
    return goal_assessments.matrix_areas(data.stored_catalogue(path))


# Both matrices are stored beside the assessments they are made from (a second each at 10x).
# Resources, not data: shared read-only (callers filter them), where cache_data unpickled a
# copy on every rerun (the matrix at 100x: 31 MB, ~0.1 s a click).
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def matrix(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Field status per area for the matrix."""
    return _matrix(path, method, implicit, "field_matrix")


@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def coverage(path: str, method: str, implicit: bool) -> pd.DataFrame:
    """Coverage per area and field (goals with indicator, data, status)."""
    return _matrix(path, method, implicit, "coverage_matrix")


def _matrix(path: str, method: str, implicit: bool, name: str) -> pd.DataFrame:
    """One of the matrices made from the assessments (goal_assessments.matrix)."""
    return goal_assessments.matrix(
        data.get_store(path),
        data.stored_catalogue(path),
        data.targets(path),
        (method, implicit, name),
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
        _targets,
        _details,
        assessments,
        in_table_order,
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
