"""Deterministic demo data: observations, targets, organisations and measures.

Everything here is invented except the few figures the Leitbild itself states (Berg Fidel
31.12.2023: 49.6 % of the population and 74.5 % of the children with Migrationsvorgeschichte;
Münster: 24.6 %), which the generated counts reproduce exactly to one decimal. District data
are generated for the Stadtteile only; every higher level is the sum of its Stadtteile, so
shares and rates of aggregates are ratios of summed numerators and denominators.

The generator writes data files (``python -m dashboard.demo.files`` → ``data/demo/``), and
``init`` loads those files through the import path a city's files take
(``dashboard.demo.load``); the generator itself is the Münster catalogue's demo, so it may
name that catalogue's indicators and districts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.demo.base import DEFAULT_SEED, DEFAULT_TODAY, DEMO_SOURCE
from dashboard.demo.measures import measures, organisations
from dashboard.demo.observations import observations
from dashboard.demo.targets import targets

__all__ = ["DEFAULT_SEED", "DEFAULT_TODAY", "DEMO_SOURCE", "DemoData", "generate"]


@dataclass
class DemoData:
    """Generated demo content, ready for the store's write methods."""

    observations: pd.DataFrame
    targets: pd.DataFrame
    organisations: list[tuple[str, str, str | None]]
    measures: list[dict[str, Any]]


def generate(
    catalogue: Catalogue, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> DemoData:
    """Generate the complete demo dataset; the same seed and day give identical data."""
    today = today or DEFAULT_TODAY
    frame = observations(catalogue, seed)
    return DemoData(
        observations=frame,
        targets=targets(catalogue, frame),
        organisations=organisations(),
        measures=measures(seed, today),
    )
