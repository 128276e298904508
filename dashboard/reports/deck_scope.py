"""The released values a deck reads, instead of the whole release.

A deck shows the city, its district-goal areas and the chosen districts (series, key facts,
the goal roll-up), the targets wherever they apply, one indicator on the map, and the
provenance of every value of its year. Holding the whole release for that took 2.1 GB and
16 s per deck at 10x (28 million values at 100x); these rows are what the slides filter from
it, in the same order, so every slide comes out the same (tests compare both).
"""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from dashboard.analysis import gaps, goal_rollup
from dashboard.analysis.gaps import CITY
from dashboard.catalogues import Catalogue
from dashboard.reports.deck import DeckSpec


class Release(Protocol):
    """Reads of the released values (``readmodel``), for the CLI's store or a page's cache."""

    def periods(self) -> list[int]:
        """Periods with a released value, ascending."""
        ...

    def rows(self, near: list[str], period: int | None, whole: list[str]) -> pd.DataFrame:
        """Every value of the ``near`` areas, of ``period`` and of the ``whole`` indicators,
        once each, in the order of ``readmodel.released_observations``."""
        ...


def rollup_areas(catalogue: Catalogue) -> set[str]:
    """Areas whose assessments the deck's city roll-up counts (the city, district goals')."""
    return goal_rollup.counting_areas(catalogue.frames["goal"], CITY)


def deck_areas(catalogue: Catalogue, spec: DeckSpec) -> list[str]:
    """Areas whose every value a deck may read: roll-up areas, focus and slide districts."""
    slides = [ref.ref for ref in spec.refs() if ref.kind == "district" and ref.ref]
    return sorted({*rollup_areas(catalogue), *spec.districts, *slides})


def provenance_period(periods: list[int], wanted: int | None) -> int | None:
    """The year whose values a deck's provenance lists: its own if it has values, else the
    newest (as ``slide_provenance.annotate`` chooses it from all values)."""
    if wanted is not None and wanted in periods:
        return wanted
    return max(periods) if periods else None


def deck_values(
    release: Release, catalogue: Catalogue, targets: pd.DataFrame, spec: DeckSpec
) -> pd.DataFrame:
    """The released rows a deck's slides read, in the release's order."""
    period = provenance_period(release.periods(), spec.period)
    wholes = set(gaps.expand_targets(targets, catalogue.areas).get("indicator_id", []))
    if any(ref.kind == "map" for ref in spec.refs()):
        wholes.add(catalogue.key_indicator("headline_share"))
    # targets apply in many areas, the map shows all: those indicators are read whole
    whole = [iid for iid in catalogue.indicators["id"] if iid in wholes]
    return release.rows(deck_areas(catalogue, spec), period, whole)
