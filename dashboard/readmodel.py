"""What may leave the database: observations with derived indicators, suppression applied.

Every output path (pages, downloads, exports, CLI) reads indicator values through
``released_observations`` so that disclosure control cannot be forgotten on one of them.
"""

from __future__ import annotations

import pandas as pd

from dashboard import config
from dashboard.analysis.derived import base_indicators, with_derived
from dashboard.analysis.disclosure import suppress
from dashboard.catalogues import Catalogue
from dashboard.store import Store


def released_observations(
    store: Store, catalogue: Catalogue, indicator_ids: list[str] | None = None
) -> pd.DataFrame:
    """Observations of the given indicators (all if None): derived computed, small cells hidden."""
    indicators = catalogue.indicators
    wanted = list(indicators["id"]) if indicator_ids is None else indicator_ids
    bases = base_indicators(wanted, indicators)
    stored = store.observations(bases)
    # suppress with the base counts present, so a derived share is hidden wherever its count
    # is (and the result does not depend on which indicators a view happens to ask for)
    frame = with_derived(stored, list(dict.fromkeys([*wanted, *bases])), indicators)
    released = suppress(
        frame,
        indicators,
        catalogue.areas,
        int(config.get("min_count")),
        int(config.get("min_denominator")),
    )
    return released[released["indicator_id"].isin(wanted)].reset_index(drop=True)
