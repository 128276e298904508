"""The table behind a map: one row per area with value, parts, rank and distance to the city."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.analysis.disclosure import SECRET
from dashboard.analysis.rollup import FINER, LEVELS, level_codes

COLUMNS = [
    "code",
    "name",
    "value",
    "numerator",
    "denominator",
    "flag",
    "origin",
    "rank",
    "ranked",
    "diff",
    "share_of_city",
]


def mappable(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators that exist for Stadtteile (the map's finest level), in catalogue order."""
    has_districts = indicators["levels"].map(lambda levels: "stadtteil" in list(levels))
    frame = indicators[has_districts]
    return frame.sort_values("sort") if "sort" in frame else frame


def aggregable(indicator: dict[str, object], values: pd.DataFrame, codes: list[str]) -> bool:
    """True when an aggregate level can be shown: additive, or stored rows for its areas."""
    if indicator.get("aggregate") in ("sum", "ratio"):
        return True
    return bool(values["area_code"].isin(codes).any())


def map_levels(
    indicator: dict[str, object], values: pd.DataFrame, areas: pd.DataFrame
) -> list[str]:
    """The map levels of an indicator: Stadtteile, coarser when aggregable, finer with values."""
    levels = []
    for level in LEVELS:
        codes = level_codes(areas, level)
        if level in FINER:  # finer levels (Stadtzellen) only where the indicator has values
            shown = bool(values["area_code"].isin(codes).any())
        else:
            shown = level == "stadtteile" or aggregable(indicator, values, codes)
        if shown:
            levels.append(level)
    return levels


def reference_value(city: float | None, values: pd.Series, kind: str) -> tuple[float | None, str]:
    """Reference for the map: the city value, or for counts the mean of the areas shown.

    A district count is never comparable with the city total, so counts are centred on the
    mean of the areas instead; the second element names which reference was used.
    """
    if kind == "count":
        present = values.dropna()
        return (float(present.mean()) if len(present) else None), "mean"
    return city, "city"


def map_table(
    rows: pd.DataFrame,
    codes: list[str],
    areas: pd.DataFrame,
    *,
    city: float | None,
    kind: str,
    decimals: int,
) -> pd.DataFrame:
    """One row per code: value and parts, flag, rank (1 = highest), distance to the city.

    ``rows`` are the level's values (area_code, value, numerator, denominator, flag, origin).
    Ranks use the displayed (rounded) values, so equal numbers share a rank. ``diff`` is the
    difference to the city value (percentage points for shares); for counts, where that is
    meaningless, ``share_of_city`` gives the area's share of the city total in percent.
    """
    names = areas.set_index("code")["name"]
    by_code = rows.drop_duplicates("area_code").set_index("area_code")
    out = pd.DataFrame({"code": codes})
    out["name"] = out["code"].map(names)
    for column in ("value", "numerator", "denominator", "flag", "origin"):
        source = by_code[column] if column in by_code else pd.Series(dtype=object)
        out[column] = out["code"].map(source)
    for column in ("value", "numerator", "denominator"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    # a row the read model hid is secret; an area without any row is simply not available
    out["flag"] = out["flag"].where(out["flag"].notna() | out["value"].notna(), "not_available")
    out["flag"] = out["flag"].where(~(out["value"].isna() & out["flag"].isna()), SECRET)
    out["flag"] = out["flag"].astype(object).where(out["flag"].notna(), None)
    shown = out["value"].round(max(0, int(decimals)))
    out["rank"] = shown.rank(ascending=False, method="min")
    out["ranked"] = int(shown.notna().sum())
    if kind == "count":
        out["diff"] = np.nan
        out["share_of_city"] = out["value"] / city * 100 if city else np.nan
    else:
        out["diff"] = out["value"] - city if city is not None else np.nan
        out["share_of_city"] = np.nan
    return out[COLUMNS]


def display_table(
    table: pd.DataFrame,
    class_names: list[str],
    headings: dict[str, str],
    flag_label: Callable[[object], str],
    *,
    kind: str,
    decimals: int,
) -> pd.DataFrame:
    """The table for readers: values rounded as shown, class and flag in words.

    Counts get the share of the city instead of a difference to it; numerator and denominator
    columns are left out when no row has them.
    """
    out = pd.DataFrame(
        {
            headings["code"]: table["code"],
            headings["name"]: table["name"],
            headings["value"]: table["value"].round(decimals),
            headings["numerator"]: table["numerator"],
            headings["denominator"]: table["denominator"],
            headings["rank"]: table["rank"].astype("Int64"),
        }
    )
    if kind == "count":
        out[headings["share_of_city"]] = table["share_of_city"].round(1)
    else:
        out[headings["diff"]] = table["diff"].round(decimals)
    out[headings["class"]] = class_names
    out[headings["flag"]] = table["flag"].map(flag_label)
    if "provenance" in table and "provenance" in headings:
        out[headings["provenance"]] = table["provenance"]
    if table["numerator"].isna().all():
        out = out.drop(columns=[headings["numerator"], headings["denominator"]])
    return out
