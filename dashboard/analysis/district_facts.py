"""Facts about one district beside its profile: population, flags, own goals and measures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# the roles of the key facts; the catalogue names their indicators (analyses: population …)
KEY_ROLES = ("population", "headline_share")


def key_facts(
    values: pd.DataFrame,
    code: str,
    roles: dict[str, str | None],
    period: int | None = None,
    group: str | None = None,
) -> dict[str, tuple[float, int | None, object]]:
    """The key facts of an area by role (population, headline share): (value, period, flag).

    ``roles`` maps each of KEY_ROLES to the catalogue's indicator (None: not declared, no
    value). ``group`` (e.g. 'maennlich') gives the facts of that population group.
    """
    facts: dict[str, tuple[float, int | None, object]] = {}
    for role in KEY_ROLES:
        indicator_id = roles.get(role)
        rows = values[
            (values["indicator_id"] == indicator_id)
            & (values["grp"] == (group or "insgesamt"))
            & (values["area_code"] == code)
        ]
        if period is not None:
            rows = rows[rows["period"] <= period]
        if rows.empty:
            facts[role] = (math.nan, None, None)
            continue
        last = rows.loc[rows["period"].idxmax()]
        facts[role] = (float(last["value"]), int(last["period"]), last["flag"])
    return facts


def flag_counts(values: pd.DataFrame, code: str, period: int | None = None) -> dict[str, int]:
    """Official flags (secret, provisional, …) among the area's values of the given period."""
    rows = values[values["area_code"] == code]
    if period is not None:
        rows = rows[rows["period"] == period]
    counts = rows["flag"].dropna().value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def district_goals(goals: pd.DataFrame, code: str) -> pd.DataFrame:
    """The Leitbild's own goals for a district (kind stadtteilziel), in catalogue order."""
    mine = goals[(goals["kind"] == "stadtteilziel") & (goals["area_code"] == code)]
    return mine.sort_values("sort").reset_index(drop=True)


def district_measures(measures: pd.DataFrame, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Measures that name the district, and city-wide measures (empty area list)."""
    if measures.empty or "areas" not in measures:
        return measures.iloc[0:0], measures.iloc[0:0]
    area_lists = measures["areas"].map(lambda a: [str(x) for x in a] if _is_list(a) else [])
    local = measures[area_lists.map(lambda a: code in a)]
    citywide = measures[area_lists.map(lambda a: len(a) == 0)]
    return local.reset_index(drop=True), citywide.reset_index(drop=True)


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple | np.ndarray)
