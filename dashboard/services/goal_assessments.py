"""The goal assessments of the pages: what is assessed, stored once per state of the inputs.

Assessing every target and every indicator's direction in every area is the largest piece of
work of a first visit (86,000 items at 10x, seconds). Its table columns are stored in the
database under a fingerprint of everything they are computed from: the released values (their
observation version and release rule), the catalogues, the active targets, the method and its
settings, and the source of the assessment rules. A server restart, and every other worker,
reads them instead of computing again; a change of any input gives a new fingerprint, so a
stored frame is never shown for data it was not computed from.

The explanation objects (``result``: the status with its explanation, ``track``: the points)
are not stored: ``with_details`` computes them for the rows a page shows, reading only those
rows' series.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from dashboard.analysis import (
    gaps,
    goal_matrix,
    goal_rollup,
    progress,
    progress_cagr,
    progress_rules,
    series_index,
    tracks,
)
from dashboard.catalogues import Catalogue
from dashboard.domain import progress as progress_domain
from dashboard.readmodel import release_rule, released_observations
from dashboard.store import Store

# Area levels that get direction-only assessments of indicators without a target.
IMPLICIT_LEVELS = ("stadt", "stadtbezirk", "stadtteil")
# computed for the rows a page lists (and a download), not held for all: at 100x the series of
# every assessment in the shared table took 0.2 GB of the server's memory
DETAIL_COLUMNS = ("trend", "result", "track")
TABLE_COLUMNS = [c for c in progress.ASSESSMENT_COLUMNS if c not in DETAIL_COLUMNS]
# the code whose change changes an assessment: its source is part of the fingerprint
RULE_MODULES = (gaps, tracks, series_index, progress, progress_rules, progress_cagr)
RULE_MODULES += (progress_domain, goal_matrix, goal_rollup)
DEFAULT_METHOD = "destatis"
LOG = logging.getLogger(__name__)
MATRICES = ("field_matrix", "coverage_matrix")
AREAS_PER_READ = 250  # areas whose values the stored table reads at once (100x: ~1.5 M values)


def assessment_items(
    catalogue: Catalogue,
    targets: pd.DataFrame,
    implicit: bool,
    codes: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """What to assess: every target per area, and (``implicit``) the direction-only items.

    With ``codes`` only the items of these areas (in the same order; every item depends on
    its own area only, and making the direction-only items of all 450 areas at 10x took 0.2 s).
    """
    explicit = gaps.expand_targets(targets, catalogue.areas)
    if codes is not None and not explicit.empty:
        explicit = explicit[explicit["area"].astype(str).isin(codes)]
    if not implicit:
        return explicit
    areas = catalogue.areas
    if codes is not None:
        areas = areas[areas["code"].astype(str).isin(codes)]
    extra = gaps.implicit_targets(catalogue.indicators, explicit, areas, IMPLICIT_LEVELS)
    return pd.concat([explicit, extra], ignore_index=True) if len(extra) else explicit


def assess_items(
    items: pd.DataFrame, values: pd.DataFrame, catalogue: Catalogue, method: str
) -> pd.DataFrame:
    """The assessment rows of ``items`` on ``values``; implicit items without data left out."""
    rows = _rows(items, values, catalogue, method)
    return _without_empty(pd.DataFrame(rows, columns=progress.ASSESSMENT_COLUMNS))


def assess_from_store(
    store: Store,
    catalogue: Catalogue,
    items: pd.DataFrame,
    method: str,
    columns: list[str] = progress.ASSESSMENT_COLUMNS,
) -> pd.DataFrame:
    """``assess_items(...)[columns]`` of ``items`` on the released values, read a few hundred
    areas at a time.

    The same rows in the same order (each item is assessed on its own series and, for parity,
    its reference's); at 100x reading all 28 million values at once, and holding every row's
    track until the end, made this peak at 18 GB.
    """
    areas = sorted({str(area) for area in items["area"]})
    rows: list[dict[str, Any]] = []
    for start in range(0, len(areas), AREAS_PER_READ):
        part = items[items["area"].astype(str).isin(areas[start : start + AREAS_PER_READ])]
        indicators, read = read_scope(part)
        values = released_observations(store, catalogue, indicators, read)
        rows += [{c: row[c] for c in columns} for row in _rows(part, values, catalogue, method)]
    position = {key: n for n, key in enumerate(progress.item_keys(items))}
    rows.sort(key=lambda row: position[row["key"]])
    return _without_empty(pd.DataFrame(rows, columns=columns))


def _rows(
    items: pd.DataFrame, values: pd.DataFrame, catalogue: Catalogue, method: str
) -> list[dict[str, Any]]:
    """``progress.assessment_rows`` with the catalogue's indicators, areas and settings."""
    return progress.assessment_rows(
        items.reset_index(drop=True),
        values,
        catalogue.indicators,
        catalogue.areas,
        method,
        progress.settings(),
    )


def _without_empty(result: pd.DataFrame) -> pd.DataFrame:
    """Leave out implicit rows without data: an indicator without a target or data says nothing."""
    return result[~(result["implicit"] & (result["n_points"] == 0))].reset_index(drop=True)


def fingerprint(
    store: Store, catalogue: Catalogue, targets: pd.DataFrame, method: str, implicit: bool
) -> str:
    """A digest of every input of the assessments of one method and view."""
    version, _fresh = store.released_state(release_rule())
    digest = hashlib.sha256()
    parts = [_rules_digest(), pd.__version__, release_rule(), str(version), method]
    parts += [str(implicit), repr(progress.settings()), repr(IMPLICIT_LEVELS)]
    for part in parts:
        digest.update(part.encode() + b"\0")
    for name in sorted(catalogue.frames):
        digest.update(name.encode() + b"\0" + _frame_bytes(catalogue.frames[name]))
    digest.update(b"target\0" + _frame_bytes(targets))
    return digest.hexdigest()


def table(
    store: Store, catalogue: Catalogue, targets: pd.DataFrame, method: str, implicit: bool
) -> pd.DataFrame:
    """The assessment table (no detail columns): stored if its inputs are unchanged, else made.

    Made from released values read now, after the fingerprint (a process's cached values may
    be older than the database's state the fingerprint describes).
    """

    def compute() -> pd.DataFrame:
        items = assessment_items(catalogue, targets, implicit)
        return assess_from_store(store, catalogue, items, method, TABLE_COLUMNS)

    return _stored(store, (catalogue, targets, method, implicit), "", compute)


def matrix_areas(catalogue: Catalogue) -> list[str]:
    """Rows of the districts × fields matrices: the city, then every Stadtteil."""
    areas = catalogue.areas
    return [gaps.CITY, *areas.loc[areas["level"] == "stadtteil", "code"]]


def matrix(
    store: Store, catalogue: Catalogue, targets: pd.DataFrame, view: tuple[str, bool, str]
) -> pd.DataFrame:
    """A matrix of the areas × fields made from the table (``view``: method, implicit, name).

    ``name`` is one of MATRICES; stored beside the table, made from the table of the same state.
    """
    method, implicit, name = view
    f, areas = catalogue.frames, matrix_areas(catalogue)

    def compute() -> pd.DataFrame:
        assessments = table(store, catalogue, targets, method, implicit)
        if name == "field_matrix":
            return goal_matrix.field_matrix(
                assessments, f["goal"], f["goal_indicator"], f["field"], areas
            )
        return goal_matrix.coverage_matrix(
            assessments, f["goal"], f["goal_support"], f["goal_indicator"], f["field"], areas
        )

    return _stored(store, (catalogue, targets, method, implicit), name, compute)


def with_details(
    store: Store, catalogue: Catalogue, items: pd.DataFrame, rows: pd.DataFrame, method: str
) -> pd.DataFrame:
    """``rows`` of the table with their detail columns, computed for them alone.

    ``items``: what the table was assessed from. Only the series of these rows (and of their
    parity references) are read.
    """
    if rows.empty:
        return rows.assign(**{column: pd.Series(dtype=object) for column in DETAIL_COLUMNS})
    wanted = _items_of(items, rows)
    indicators, areas = read_scope(wanted)
    values = released_observations(store, catalogue, indicators, areas)
    full = assess_items(wanted, values, catalogue, method).set_index("key")
    out = rows.copy()
    for column in DETAIL_COLUMNS:
        out[column] = full[column].reindex(rows["key"]).tolist()
    return out


def _items_of(items: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The items of these table rows, in their order (keys made for likely items only)."""
    likely = items[
        items["indicator_id"].isin(set(rows["indicator_id"]))
        & items["area"].astype(str).isin(set(rows["area"]))
    ]
    position = {key: i for i, key in enumerate(progress.item_keys(likely))}
    return likely.iloc[[position[key] for key in rows["key"]]]


def prepare_assessments(store: Store, catalogue: Catalogue) -> int:
    """Compute and store the default views' assessments now; returns their rows.

    Run after ``init`` and command-line imports (with the released values), so the first
    visitor of the goal pages after an import or a restart does not wait for them.
    """
    if not store.summary()["observations"]:
        return 0
    targets = store.targets()
    rows = 0
    for implicit in (True, False):
        rows += len(table(store, catalogue, targets, DEFAULT_METHOD, implicit))
        for name in MATRICES:
            matrix(store, catalogue, targets, (DEFAULT_METHOD, implicit, name))
    return rows


Inputs = tuple[Catalogue, pd.DataFrame, str, bool]  # catalogue, targets, method, implicit


def _stored(
    store: Store, inputs: Inputs, name: str, compute: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """The frame ``name`` stored for these inputs; else ``compute()``, stored with them.

    A write landing while it is computed changes the fingerprint: then the frame answers this
    call but is not stored (it might mix both states).
    """
    key = _key(store, inputs, name)
    stored = store.stored_assessments(key)
    if stored is not None:
        return stored
    frame = compute()
    if _key(store, inputs, name) != key:
        return frame
    try:
        store.save_assessments(key, frame)
    except duckdb.Error as err:  # a cache only: the page still shows what was computed
        LOG.warning("assessments not stored: %s", str(err).splitlines()[0])
    return frame


def _key(store: Store, inputs: Inputs, name: str) -> str:
    """The stored frame's key: the inputs' fingerprint, and the name of a derived frame."""
    return fingerprint(store, *inputs) + (f"/{name}" if name else "")


def read_scope(items: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The indicators and areas whose series assessing ``items`` reads (parity references too)."""
    indicators = {str(i) for i in items["indicator_id"]}
    areas = {str(a) for a in items["area"]}
    parity = items[items["type"] == "parity"] if "type" in items else items.iloc[0:0]
    for rec in parity.to_dict("records"):
        ref_indicator, ref_area, _grp = gaps.reference_of(rec, str(rec["area"]))
        indicators.add(str(ref_indicator))
        areas.add(ref_area)
    return sorted(indicators), sorted(areas)


@cache
def _rules_digest() -> str:
    """A digest of the source of the assessment rules (a new release reassesses)."""
    digest = hashlib.sha256()
    for module in (*RULE_MODULES, sys.modules[__name__]):  # this one: what is assessed, and how
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    """A frame's content as bytes for a digest (columns, values and their order)."""
    return frame.to_csv(index=False).encode()
