"""What may leave the database: observations with derived indicators, suppression applied.

Every output path (pages, downloads, exports, CLI) reads indicator values through
``released_observations`` so that disclosure control cannot be forgotten on one of them.

Suppression of one stored indicator depends only on the cells of its family (the indicators
linked to it by derived shares or declared identities), so released values are computed per
family, stored in the database and reused until a write stales them (see
``Store.save_released``). A server restart
therefore does not repeat the work, and an import only repeats it for what it touched.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from dashboard import config
from dashboard.analysis import disclosure
from dashboard.analysis.derived import base_indicators, with_derived
from dashboard.analysis.disclosure import suppress
from dashboard.catalogues import Catalogue
from dashboard.store import Store

# indicators computed together: bounds memory (at 100x one indicator has ~90,000 cells)
BATCH_INDICATORS = 16
# the disclosure algorithm's version (defined beside the rule in dashboard.analysis.disclosure)
ALGORITHM_VERSION = disclosure.ALGORITHM_VERSION
ATTEMPTS = 3


def released_observations(
    store: Store,
    catalogue: Catalogue,
    indicator_ids: list[str] | None = None,
    area_codes: list[str] | None = None,
) -> pd.DataFrame:
    """Observations of the given indicators (all if None): derived computed, small cells hidden.

    ``area_codes`` only narrows what is returned; suppression always sees every area.
    """
    wanted = list(catalogue.indicators["id"]) if indicator_ids is None else list(indicator_ids)
    if _stored_fresh(store, catalogue, wanted):
        return store.released(wanted, area_codes)
    frame = _unstored(store, catalogue, wanted)
    if area_codes is not None:
        frame = frame[frame["area_code"].isin(area_codes)]
    return frame.reset_index(drop=True)


def released_near_and_shown(
    store: Store, catalogue: Catalogue, near: list[str], shown: dict[str, int]
) -> pd.DataFrame:
    """Every released value of the ``near`` areas, and of every area in each indicator's
    ``shown`` period (indicator id -> period), in the order of ``released_observations``.

    What a district profile or a comparison reads (their series and one cross-section per
    indicator), without reading the whole release (28 million values at 100x).
    """
    wanted = list(catalogue.indicators["id"])
    if _stored_fresh(store, catalogue, wanted):
        return store.released_near_and_shown(wanted, near, shown)
    frame = _unstored(store, catalogue, wanted)
    at_shown = frame["indicator_id"].map(shown).eq(frame["period"])
    return frame[frame["area_code"].isin(near) | at_shown].reset_index(drop=True)


def released_periods(store: Store, catalogue: Catalogue) -> list[int]:
    """The periods in which any indicator has a released value (not suppressed), ascending."""
    wanted = list(catalogue.indicators["id"])
    if _stored_fresh(store, catalogue, wanted):
        return store.released_periods(wanted)
    frame = _unstored(store, catalogue, wanted)
    return sorted({int(p) for p in frame.loc[frame["value"].notna(), "period"]})


def released_deck(
    store: Store, catalogue: Catalogue, near: list[str], period: int | None, whole: list[str]
) -> pd.DataFrame:
    """Every released value of the ``near`` areas, of ``period`` (all areas) and of the
    ``whole`` indicators, in the order of ``released_observations``: what a deck reads."""
    wanted = list(catalogue.indicators["id"])
    if _stored_fresh(store, catalogue, wanted):
        return store.released_deck(wanted, near, period, whole)
    frame = _unstored(store, catalogue, wanted)
    keep = (
        frame["area_code"].isin(near)
        | frame["period"].eq(period)
        | frame["indicator_id"].isin(whole)
    )
    return frame[keep].reset_index(drop=True)


class StoreRelease:
    """The released-value reads a deck makes (``reports.deck_scope.Release``), on a store."""

    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store, self.catalogue = store, catalogue

    def periods(self) -> list[int]:
        """Periods with a released value, ascending."""
        return released_periods(self.store, self.catalogue)

    def rows(self, near: list[str], period: int | None, whole: list[str]) -> pd.DataFrame:
        """Every value of the ``near`` areas, of ``period`` and of the ``whole`` indicators."""
        return released_deck(self.store, self.catalogue, near, period, whole)


def _stored_fresh(store: Store, catalogue: Catalogue, wanted: list[str]) -> bool:
    """Compute and store what is stale of ``wanted``; False if writes kept landing meanwhile."""
    rule = release_rule()
    for _ in range(ATTEMPTS):
        version, fresh = store.released_state(rule)
        missing = [i for i in wanted if i not in fresh]
        if all(
            store.save_released(*_compute(store, catalogue, batch), rule, version)
            for batch in _batches(missing, catalogue)
        ):
            return True
    return False


def _unstored(store: Store, catalogue: Catalogue, wanted: list[str]) -> pd.DataFrame:
    """Released values of ``wanted`` computed now and not stored, in release order."""
    parts = [_compute(store, catalogue, batch)[0] for batch in _batches(wanted, catalogue)]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["indicator_id"].isin(wanted)]
    order = {iid: position for position, iid in enumerate(wanted)}
    return frame.sort_values("indicator_id", key=lambda ids: ids.map(order), kind="stable")


def prepare_released(store: Store, catalogue: Catalogue) -> int:
    """Compute and store every stale released value now; returns the rows released.

    Run after ``init`` and command-line imports, so the first visitor does not wait for it.
    Counts the stored rows instead of reading them (at 100x reading all 28 million values
    back took most of the 18 GB this step peaked at).
    """
    if not store.summary()["observations"]:
        return 0
    wanted = list(catalogue.indicators["id"])
    if _stored_fresh(store, catalogue, wanted):
        return store.released_count(wanted)
    return len(_unstored(store, catalogue, wanted))


def _thresholds() -> tuple[int, int]:
    return int(config.get("min_count")), int(config.get("min_denominator"))


def release_rule() -> str:
    """The algorithm version and thresholds released values are computed with (stored with them).

    A stored value computed by another version or with other thresholds is computed again.
    """
    return disclosure.rule_key(*_thresholds())


def _families(catalogue: Catalogue) -> dict[str, str]:
    """Indicator -> its family: indicators linked by derived shares or declared identities.

    Suppression of one member depends on the others (a share's counts, the parts of an
    identity, numerator ≤ denominator), so a family is always suppressed as a whole.
    """
    parent: dict[str, str] = {}

    def root(iid: str) -> str:
        while parent.setdefault(iid, iid) != iid:
            iid = parent[iid]
        return iid

    indicators = catalogue.indicators
    links = [
        (iid, other)
        for iid, num, den in zip(
            indicators["id"], indicators["numerator_id"], indicators["denominator_id"], strict=True
        )
        for other in (num, den, iid)
        if isinstance(other, str)
    ]
    sets = catalogue.additive_sets
    identities = sets[sets["kind"] == "identity"]
    links += [
        (total, part)
        for total, parts in zip(identities["total"], identities["parts"], strict=True)
        for part in parts
    ]
    for a, b in links:
        parent[root(b)] = root(a)
    return {iid: root(iid) for iid in parent}


def _batches(indicator_ids: list[str], catalogue: Catalogue) -> Iterator[list[str]]:
    """The ids in batches that keep every family (see ``_families``) together."""
    family = _families(catalogue)
    members: dict[str, list[str]] = {}
    for iid in indicator_ids:
        members.setdefault(family.get(iid, iid), []).append(iid)
    batch: list[str] = []
    for group in members.values():
        if batch and len(batch) + len(group) > BATCH_INDICATORS:
            yield batch
            batch = []
        batch += group
    if batch:
        yield batch


def _compute(
    store: Store, catalogue: Catalogue, indicator_ids: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Released values of these indicators and of their base counts, and the ids covered."""
    indicators = catalogue.indicators
    family = _families(catalogue)
    roots = {family.get(iid, iid) for iid in indicator_ids}
    relatives = [iid for iid in indicators["id"] if family.get(iid, iid) in roots]
    bases = base_indicators(relatives, indicators)
    ids = list(dict.fromkeys([*indicator_ids, *relatives, *bases]))
    stored = store.observations(bases)
    # suppress with the base counts present, so a derived share is hidden wherever its count
    # is (and the result does not depend on which indicators a view happens to ask for)
    frame = with_derived(stored, ids, indicators)
    released = suppress(frame, indicators, catalogue.areas, *_thresholds(), catalogue.additive_sets)
    return released, ids
