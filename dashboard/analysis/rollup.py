"""District values rolled up to Teilbereiche, Stadtbezirke and the city.

Rule (in this order, per area):
1. A stored row of the aggregate wins, whatever it says. It has been through disclosure control
   with its districts; a stored row that is hidden stays hidden and is never recomputed from
   its parts, because the read model hid it to protect a part.
2. Otherwise, if the indicator is additive, the value is computed from the member Stadtteile:
   counts (``aggregate: sum``) as the sum of values; shares, rates and ratios (``aggregate:
   ratio``) as the ratio of the summed numerators and denominators (never a mean of shares),
   scaled by the indicator's factor.
3. A computed aggregate is only shown when every member has a released value: a hidden
   (secret) member makes the aggregate secret too (visible aggregate − visible members would
   reveal it), a missing member makes it ``not_available`` (the sum would be too small). A
   member "nicht zuzuordnen" counts towards the city when present and is not required.
4. Flags of the members carry over (provisional, corrected, estimated, not_reliable), so an
   aggregate is never shown as more final than its parts; "origin" says how a value came about.
Computed aggregates then go through the primary disclosure rule like every stored cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import children_map, district_members
from dashboard.analysis.disclosure import SECRET, suppress

LEVELS = ("stadtteile", "teilbereiche", "stadtbezirke", "stadtzellen")
FINER = {"stadtzellen": "stadtzelle"}  # map levels made of a finer area level (from geometry)
COLUMNS = ["area_code", "value", "numerator", "denominator", "flag", "origin"]
# flags a member passes on to its aggregate, most serious first
CARRIED_FLAGS = ("not_reliable", "estimated", "provisional", "corrected")
NO_VALUE = "not_available"


def level_codes(areas: pd.DataFrame, level: str) -> list[str]:
    """Area codes shown at a map level, in catalogue order.

    ``teilbereiche`` is the city's statistical layer of nine areas: the four Teilbereiche of
    Mitte and the five outer Stadtbezirke (which have no Teilbereiche).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown map level {level!r}")
    frame = areas.sort_values("sort") if "sort" in areas else areas
    if level == "stadtteile":
        return list(frame.loc[frame["level"] == "stadtteil", "code"])
    if level == "stadtbezirke":
        return list(frame.loc[frame["level"] == "stadtbezirk", "code"])
    if level in FINER:
        return list(frame.loc[frame["level"] == FINER[level], "code"])
    kids = children_map(frame)
    level_of = dict(zip(frame["code"], frame["level"], strict=True))
    codes: list[str] = []
    for code in frame.loc[frame["level"] == "stadtbezirk", "code"]:
        parts = [c for c in kids.get(code, []) if level_of.get(c) == "teilbereich"]
        codes += parts or [code]
    return codes


def level_members(areas: pd.DataFrame, level: str) -> dict[str, list[str]]:
    """The Stadtteile each area of a level consists of."""
    members = district_members(areas)
    return {code: members[code] for code in level_codes(areas, level)}


def ratio_factor(frame: pd.DataFrame, indicator: dict[str, object]) -> float:
    """Scale of value = numerator / denominator × factor (catalogue, else from the rows)."""
    factor = indicator.get("factor")
    if factor is not None and not pd.isna(factor):
        return float(factor)
    usable = frame[(frame["numerator"] > 0) & (frame["denominator"] > 0) & frame["value"].notna()]
    if not usable.empty:
        implied = usable["value"] * usable["denominator"] / usable["numerator"]
        # the stored values are rounded: snap to the usual scales (1, 100, 1000, …)
        return float(10 ** round(np.log10(float(implied.median()))))
    return 100.0 if indicator.get("kind") in ("share", "rate") else 1.0


def _carried_flag(flags: pd.Series) -> str | None:
    present = set(flags.dropna())
    return next((f for f in CARRIED_FLAGS if f in present), None)


def _compute(
    parts: pd.DataFrame, members: list[str], indicator: dict[str, object], factor: float
) -> dict[str, object]:
    """One aggregate from its member rows (see the module rule)."""
    required = [m for m in members if m != "00"]
    hidden = parts["flag"].eq(SECRET) | parts["value"].isna()
    if hidden.any():
        flag = SECRET if parts["flag"].eq(SECRET).any() else NO_VALUE
        return {"value": np.nan, "numerator": np.nan, "denominator": np.nan, "flag": flag}
    if not set(required) <= set(parts["area_code"]):
        return {"value": np.nan, "numerator": np.nan, "denominator": np.nan, "flag": NO_VALUE}
    flag = _carried_flag(parts["flag"])
    if indicator.get("aggregate") == "sum":
        value = float(parts["value"].sum())
        return {"value": value, "numerator": np.nan, "denominator": np.nan, "flag": flag}
    if parts["numerator"].isna().any() or parts["denominator"].isna().any():
        # a share without its parts cannot be weighted: a mean of shares is never shown
        return {"value": np.nan, "numerator": np.nan, "denominator": np.nan, "flag": NO_VALUE}
    num, den = float(parts["numerator"].sum()), float(parts["denominator"].sum())
    value = num / den * factor if den > 0 else np.nan
    return {"value": value, "numerator": num, "denominator": den, "flag": flag}


def _with_cell_sums(
    frame: pd.DataFrame, areas: pd.DataFrame, indicator: dict[str, object], factor: float
) -> pd.DataFrame:
    """Stadtteile without a row of their own, computed from their cells (finer level) when
    every cell has a row; marked ``origin`` = computed. Stored Stadtteil rows always win."""
    cells = areas[areas["level"] == "stadtzelle"]
    if cells.empty or not frame["area_code"].isin(cells["code"]).any():
        return frame
    present = set(frame["area_code"])
    added = []
    for parent, kids in cells.groupby("parent_code")["code"]:
        kids = list(kids)
        if parent in present or not set(kids) & present:
            continue
        parts = frame[frame["area_code"].isin(kids)]
        added.append(
            {"area_code": parent, **_compute(parts, kids, indicator, factor), "origin": "computed"}
        )
    if not added:
        return frame
    return pd.concat([frame, pd.DataFrame(added)], ignore_index=True)


def rollup(
    frame: pd.DataFrame,
    areas: pd.DataFrame,
    indicator: dict[str, object],
    codes: list[str],
    *,
    indicators: pd.DataFrame | None = None,
    min_count: int = 3,
    min_denominator: int = 20,
) -> pd.DataFrame:
    """Values of the given areas for one indicator, period and group (see the module rule).

    ``frame`` holds the released rows of all areas (Stadtteile and any stored aggregates) of a
    single indicator, period and group; the result has one row per code in ``codes``.
    """
    members = district_members(areas)
    additive = indicator.get("aggregate") in ("sum", "ratio")
    factor = ratio_factor(frame, indicator) if indicator.get("aggregate") == "ratio" else 1.0
    frame = _with_cell_sums(frame, areas, indicator, factor) if additive else frame
    by_code = frame.drop_duplicates("area_code").set_index("area_code", drop=False)
    rows: list[dict[str, object]] = []
    computed: list[int] = []
    for code in codes:
        if code in by_code.index:
            row = by_code.loc[code]
            origin = "stored" if code not in members or members[code] != [code] else "district"
            if row.get("origin") == "computed":  # a Stadtteil summed from its cells
                origin = "computed"
                computed.append(len(rows))
            rows.append({"area_code": code, **{c: row[c] for c in COLUMNS[1:5]}, "origin": origin})
            continue
        if not additive or code not in members:
            rows.append(
                {
                    "area_code": code,
                    "value": np.nan,
                    "numerator": np.nan,
                    "denominator": np.nan,
                    "flag": NO_VALUE,
                    "origin": "none",
                }
            )
            continue
        parts = frame[frame["area_code"].isin(members[code])]
        rows.append(
            {
                "area_code": code,
                **_compute(parts, members[code], indicator, factor),
                "origin": "computed",
            }
        )
        computed.append(len(rows) - 1)
    out = pd.DataFrame(rows, columns=COLUMNS)
    return _suppress_computed(
        out, computed, indicator, indicators, areas, min_count, min_denominator
    )


def _suppress_computed(
    out: pd.DataFrame,
    computed: list[int],
    indicator: dict[str, object],
    indicators: pd.DataFrame | None,
    areas: pd.DataFrame,
    min_count: int,
    min_denominator: int,
) -> pd.DataFrame:
    """Apply the primary disclosure rule to the computed aggregates."""
    if not computed:
        return out
    catalogue = (
        indicators
        if indicators is not None
        else pd.DataFrame([{"id": indicator["id"], "kind": indicator.get("kind")}])
    )
    cells = out.loc[computed].assign(indicator_id=indicator["id"], period=0, grp="insgesamt")
    checked = suppress(cells, catalogue, areas.iloc[0:0], min_count, min_denominator)
    for column in ("value", "numerator", "denominator", "flag"):
        out.loc[computed, column] = checked[column].to_numpy()
    return out


def city_value(
    frame: pd.DataFrame,
    areas: pd.DataFrame,
    indicator: dict[str, object],
    **limits: int,
) -> tuple[float | None, str | None]:
    """The city's value (stored row preferred, else rolled up) and its flag."""
    city = areas.loc[areas["level"] == "stadt", "code"]
    if city.empty:
        return None, None
    row = rollup(frame, areas, indicator, [str(city.iloc[0])], **limits).iloc[0]
    value = None if pd.isna(row["value"]) else float(row["value"])
    return value, row["flag"] if isinstance(row["flag"], str) else None
