"""The map's view model: one computation of values, classes and reference for page and slide.

The Karte page and the map slide both call ``indicator_view``: the same released values are
rolled up with the same disclosure limits, the same reference (the city, or the mean of the
areas for counts) centres the classes, so a slide never shows other classes than the page.
``build_shapes`` turns stored geometry into the shapes of a level, for both as well.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import config
from dashboard.analysis.aggregation import children_map
from dashboard.analysis.classify import Classification, classify
from dashboard.analysis.map_table import map_table, reference_value
from dashboard.analysis.rollup import city_value, level_codes, level_members, rollup
from dashboard.analysis.shapes import MapShapes, dissolve, from_wkb, map_shapes
from dashboard.analysis.social_index import CLASS_BOUNDS, CLASS_KEYS, SocialIndex
from dashboard.catalogues import Catalogue
from dashboard.present import theme
from dashboard.present.i18n import t
from dashboard.present.map_text import fmt_value, legend_labels
from dashboard.tilemap import GAP_SHARE, TILE_DEG

GEOMETRIES = ("amtlich", "kacheln")
# tiles: grow each square by a bit more than half the widest gap, so a dissolved Stadtbezirk
# reads as one block
TILE_CLOSE_GAPS = TILE_DEG * GAP_SHARE * 0.9


@dataclass(frozen=True)
class MapView:
    """One indicator on one level for one period and group, classified, ready to draw."""

    indicator: dict[str, Any]
    period: int
    group: str
    level: str
    table: pd.DataFrame  # map_table: one row per area of the level
    classes: Classification
    city: float | None
    reference: float | None
    ref_kind: str  # "city" or "mean" (counts are centred on the mean of the areas)

    @property
    def empty(self) -> bool:
        """True when no area has a value and none is hidden: nothing was reported."""
        table = self.table
        return bool(table["value"].isna().all() and (table["flag"] == "not_available").all())

    def legend(self, lang: str, marker: bool = True) -> list[str]:
        """Legend labels; with ``marker`` the class of the reference is marked."""
        key = "karte.legend.marker_city" if self.ref_kind == "city" else "karte.legend.marker_mean"
        unit, decimals = str(self.indicator["unit"]), int(self.indicator["decimals"])
        return legend_labels(self.classes, unit, decimals, lang, t(key, lang) if marker else None)

    def reference_text(self, lang: str) -> str:
        """'Stadt: 24,6 %' or 'Mittel der Gebiete: …' for the legend title and the notes."""
        key = "karte.legend.city" if self.ref_kind == "city" else "karte.legend.mean"
        unit, decimals = str(self.indicator["unit"]), int(self.indicator["decimals"])
        return t(key, lang, value=fmt_value(self.reference, decimals, unit, lang))


def limits() -> dict[str, int]:
    """The disclosure thresholds every map applies (settings min_count, min_denominator)."""
    return {
        "min_count": int(config.get("min_count")),
        "min_denominator": int(config.get("min_denominator")),
    }


def indicator_view(
    values: pd.DataFrame,
    catalogue: Catalogue,
    indicator: dict[str, Any],
    period: int,
    group: str,
    level: str = "stadtteile",
    method: str = "quantile",
    k: int = 5,
) -> MapView:
    """The map of ``indicator`` from its released ``values`` (all periods and groups)."""
    frame = values[(values["period"] == period) & (values["grp"] == group)]
    if "indicator_id" in frame.columns:
        frame = frame[frame["indicator_id"] == indicator["id"]]
    areas, found = catalogue.areas, limits()
    codes = level_codes(areas, level)
    rows = rollup(frame, areas, indicator, codes, indicators=catalogue.indicators, **found)
    city, _flag = city_value(frame, areas, indicator, indicators=catalogue.indicators, **found)
    decimals = int(indicator["decimals"])
    table = map_table(rows, codes, areas, city=city, kind=indicator["kind"], decimals=decimals)
    reference, ref_kind = reference_value(city, table["value"], indicator["kind"])
    classes = classify(
        table["value"],
        method,
        k,
        reference=reference,
        direction=indicator["direction"],
        decimals=decimals,
    )
    return MapView(
        indicator, int(period), str(group), level, table, classes, city, reference, ref_kind
    )


def build_shapes(
    areas: pd.DataFrame,
    layers: Mapping[str, int],
    layer: Callable[[str], pd.DataFrame],
    geometry: str,
    level: str,
) -> MapShapes | None:
    """Shapes of a map level from stored geometry (``layers``: layer → rows; None if absent)."""
    members = level_members(areas, level)
    if level == "stadtzellen":
        # cells exist only as imported shapes; drawn grouped by their Stadtteil
        if not layers.get("amtlich_stadtzellen"):
            return None
        cells = from_wkb(layer("amtlich_stadtzellen"))
        parent = dict(zip(areas["code"], areas["parent_code"], strict=True))
        groups: dict[str, list[str]] = {}
        for code in cells:
            groups.setdefault(str(parent.get(code)), []).append(code)
        return map_shapes(cells, groups=groups)
    if geometry == "kacheln":
        tiles = from_wkb(layer("kacheln"))
        if level == "stadtteile":
            return map_shapes(tiles, tolerance=0)
        return map_shapes(dissolve(tiles, members, close_gaps=TILE_CLOSE_GAPS), tolerance=0)
    if not layers.get("amtlich_stadtteile"):
        return None
    districts = from_wkb(layer("amtlich_stadtteile"))
    if level == "stadtteile":
        # the Stadtbezirke drawn over the Stadtteile help to find one's way
        return map_shapes(districts, groups=level_members(areas, "stadtbezirke"))
    if layers.get("amtlich_bezirke"):
        # the official layer holds the Teilbereiche of Mitte and the outer Stadtbezirke;
        # Mitte is the union of its Teilbereiche
        bezirke = from_wkb(layer("amtlich_bezirke"))
        kids = children_map(areas)
        groups = {
            code: [code] if code in bezirke else [c for c in kids.get(code, []) if c in bezirke]
            for code in members
        }
        if all(groups.values()):
            return map_shapes(dissolve(bezirke, groups))
    return map_shapes(dissolve(districts, members))


def social_classes(result: SocialIndex, codes: list[str]) -> Classification:
    """The index classes of the Stadtteile as a map classification (-1 = left out, grey)."""
    by_code = dict(zip(result.frame["area_code"], result.frame["class_no"], strict=True))
    classes = pd.Series([-1 if pd.isna(by_code.get(c)) else int(by_code[c]) - 1 for c in codes])
    return Classification(
        method="social_index",
        edges=(-math.inf, *CLASS_BOUNDS, math.inf),
        colours=tuple(theme.SOCIAL_CLASS_SCHEME[: len(CLASS_KEYS)]),
        classes=classes,
        reference=0.0,
        step=0.01,
        open_ended=True,
    )
