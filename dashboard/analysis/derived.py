"""Derived indicators: defined in the catalogue, computed from two stored ones on read."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.cells import FLAGS_WITHOUT_VALUE

KEY = ["area_code", "period", "grp"]


def base_indicators(indicator_ids: list[str], indicators: pd.DataFrame) -> list[str]:
    """Stored indicators needed to answer a request for the given (possibly derived) ids."""
    by_id = indicators.set_index("id")
    needed: list[str] = []
    for iid in indicator_ids:
        row = by_id.loc[iid]
        parts = [row["numerator_id"], row["denominator_id"]] if row["numerator_id"] else [iid]
        needed += [p for p in parts if p not in needed]
    return needed


def derive(
    numerator: pd.DataFrame, denominator: pd.DataFrame, indicator_id: str, factor: float
) -> pd.DataFrame:
    """Ratio of two stored indicators per area, period and group (value = num / den × factor).

    A missing or secret part makes the result secret; the parts' flags (provisional,
    corrected) carry over so the derived value is never shown as more final than its inputs.
    """
    merged = numerator[[*KEY, "value", "flag", "source"]].merge(
        denominator[[*KEY, "value", "flag"]], on=KEY, suffixes=("_n", "_d"), how="inner"
    )
    den = merged["value_d"].where(merged["value_d"] > 0)
    value = merged["value_n"] / den * factor
    flags = merged["flag_n"].where(merged["flag_n"].notna(), merged["flag_d"])
    hidden = merged["flag_n"].isin(FLAGS_WITHOUT_VALUE) | merged["flag_d"].isin(FLAGS_WITHOUT_VALUE)
    flags = flags.where(~(hidden & flags.isna()), "secret")
    out = pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_code": merged["area_code"],
            "period": merged["period"],
            "grp": merged["grp"],
            "value": value,
            "numerator": merged["value_n"],
            "denominator": merged["value_d"],
            "flag": flags.where(flags.notna(), None),
            "source": merged["source"],
        }
    )
    return out.sort_values(KEY, ignore_index=True)


TOTAL_GROUP = "insgesamt"


def _groups(value: object) -> list[str] | None:
    """A catalogue list of summed groups (None, NaN or empty: the part is not summed)."""
    if value is None or isinstance(value, float):
        return None
    groups = [str(g) for g in value]
    return groups or None


def summed_part(part: pd.DataFrame, groups: list[str] | None) -> pd.DataFrame:
    """The part as used by a derived indicator of group insgesamt.

    With ``groups`` the value is the sum of those groups per area and period (e.g. the age
    bands 20–59 of the population); a sum with a missing or hidden band is hidden, never a
    partial sum. Without ``groups`` it is the part's own group insgesamt.
    """
    if groups is None:
        return part[part["grp"] == TOTAL_GROUP]
    rows = part[part["grp"].isin(groups)]
    if rows.empty:
        return rows
    hidden = rows["flag"].isin(FLAGS_WITHOUT_VALUE) | rows["value"].isna()
    keyed = rows.assign(_hidden=hidden)
    agg = keyed.groupby(["area_code", "period"], as_index=False, observed=True).agg(
        value=("value", "sum"), n=("grp", "nunique"), hidden=("_hidden", "any"),
        flag=("flag", "first"), source=("source", "first"),
    )  # fmt: skip
    complete = (agg["n"] == len(groups)) & ~agg["hidden"]
    agg["value"] = agg["value"].where(complete)
    agg["flag"] = agg["flag"].where(complete & agg["flag"].notna(), None)
    agg.loc[~complete, "flag"] = "secret"
    return agg.assign(grp=TOTAL_GROUP)[[*KEY, "value", "flag", "source"]]


def with_derived(
    stored: pd.DataFrame, indicator_ids: list[str], indicators: pd.DataFrame
) -> pd.DataFrame:
    """Observations of the requested indicators, derived ones computed from ``stored``."""
    by_id = indicators.set_index("id")
    # one pass over the (possibly millions of) rows instead of a comparison per indicator
    by_indicator = dict(tuple(stored.groupby("indicator_id", sort=False, observed=True)))
    empty = stored.iloc[0:0]
    parts = []
    for iid in indicator_ids:
        row = by_id.loc[iid]
        if row["numerator_id"]:
            num = by_indicator.get(row["numerator_id"], empty)
            den = by_indicator.get(row["denominator_id"], empty)
            num_groups = _groups(row.get("numerator_groups"))
            den_groups = _groups(row.get("denominator_groups"))
            if num_groups or den_groups:
                num, den = summed_part(num, num_groups), summed_part(den, den_groups)
            parts.append(derive(num, den, iid, float(row["factor"] or 100.0)))
        else:
            parts.append(by_indicator.get(iid, empty))
    columns = [
        "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
        "flag", "source",
    ]  # fmt: skip
    parts = [p[columns] for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)
