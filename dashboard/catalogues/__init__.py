"""The YAML catalogues (Leitbild, indicators, areas): loading, validation and lookups."""

from dashboard.catalogues.areas import FinerLevel, finer_levels
from dashboard.catalogues.load import display_labels, load_catalogues
from dashboard.catalogues.model import (
    ADDITIVE_KINDS,
    AGGREGATES,
    AREA_LEVELS,
    DIRECTIONS,
    FIELD_KINDS,
    GOAL_KINDS,
    INDICATOR_KINDS,
    TARGET_TYPES,
    Catalogue,
    normalise_name,
    slugify,
)
from dashboard.catalogues.yamlio import LineLoader

__all__ = [
    "ADDITIVE_KINDS", "AGGREGATES", "AREA_LEVELS", "DIRECTIONS", "FIELD_KINDS", "GOAL_KINDS",
    "INDICATOR_KINDS", "TARGET_TYPES", "Catalogue", "FinerLevel", "LineLoader",
    "display_labels", "finer_levels", "load_catalogues", "normalise_name", "slugify",
]  # fmt: skip
