"""Which released rows a district profile or a comparison reads, and nothing else.

Both read the series of a few areas (the district, the city, its Stadtbezirk; or the compared
areas and the city) and, per indicator, every area in the one period they show (for the spine
and the rank). The pages ask the store for exactly these rows: at 100x the whole release is
28 million values, a profile reads well under one in ten of them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.area_tree import stadtbezirk_of
from dashboard.analysis.profile_rows import IndicatorRows, by_indicator

CITY = "0"
MAX_COMPARE = 4
COMPARABLE_KINDS = ("share", "rate", "mean", "index")


def default_group(groups: object) -> str:
    """First declared group of an indicator (its default), 'insgesamt' when none is declared."""
    if isinstance(groups, list | tuple | np.ndarray) and len(groups):
        return str(groups[0])
    return "insgesamt"


def group_mask(values: pd.DataFrame, indicators: pd.DataFrame, group: str | None) -> np.ndarray:
    """Rows of each indicator's default group, or of ``group`` where the indicator has it."""
    wanted = {
        row.id: (group if group is not None else default_group(row.groups))
        for row in indicators.itertuples()
    }
    # one vectorised comparison per wanted group (a handful), not a map over every row: at 10x
    # mapping 2.8 million Arrow strings through a dict took 0.6 s, three times a first visit
    mask = np.zeros(len(values), dtype=bool)
    for grp in set(wanted.values()):
        ids = [i for i, g in wanted.items() if g == grp]
        hit = values["grp"].eq(grp) & values["indicator_id"].isin(ids)
        mask |= hit.to_numpy(dtype=bool, na_value=False)
    return mask


def flag(mask: pd.Series) -> np.ndarray:
    """A boolean Series as a NumPy mask (missing is False)."""
    return mask.to_numpy(dtype=bool, na_value=False)


def profile_near(areas: pd.DataFrame, code: str) -> list[str]:
    """The areas whose whole series a district's profile reads: it, the city, its Stadtbezirk."""
    bezirk = stadtbezirk_of(areas, code)
    return [code, CITY, *([bezirk] if bezirk else [])]


def profile_periods(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    code: str,
    period: int | None = None,
    group: str | None = None,
) -> pd.Series:
    """Indicator id -> the period the district's profile shows (its latest, or ``period``).

    ``values`` needs only the district's rows.
    """
    return shown_periods(values, group_mask(values, indicators, group), code, period)


def shown_periods(
    values: pd.DataFrame, in_group: np.ndarray, code: str, period: int | None
) -> pd.Series:
    """Indicator id -> the latest period of the district's rows ``in_group`` (or ``period``)."""
    own = in_group & flag(values["area_code"].eq(code))
    if period is not None:
        own &= values["period"].to_numpy() == period
    shown = values.loc[own, ["indicator_id", "period"]].groupby("indicator_id", observed=True)
    return shown["period"].max()


def compared_codes(codes: list[str]) -> list[str]:
    """The areas a comparison shows: the first ``MAX_COMPARE`` distinct ones."""
    return list(dict.fromkeys(codes))[:MAX_COMPARE]


def comparable(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators a comparison shows (counts depend on area size and are left out)."""
    return indicators[indicators["kind"].isin(COMPARABLE_KINDS)]


def compare_periods(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    codes: list[str],
    period: int | None = None,
    group: str | None = None,
) -> pd.Series:
    """Indicator id -> the period a comparison of ``codes`` shows (see ``_common_period``).

    ``values`` needs only the compared areas' and the city's rows.
    """
    codes = compared_codes(codes)
    rows = values[group_mask(values, comparable(indicators), group)]
    near = rows[rows["area_code"].isin([*codes, CITY])]
    periods = {iid: _common_period(mine, codes, period) for iid, mine in by_indicator(near).items()}
    return pd.Series({i: p for i, p in periods.items() if p is not None}, dtype="int64")


def _common_period(rows: IndicatorRows, codes: list[str], period: int | None) -> int | None:
    """``period`` if any compared area has it; else the latest that all have (or any has)."""
    mine = [(p, a) for a, p in zip(rows.areas, rows.periods, strict=True) if a in codes]
    if period is not None:
        return period if any(p == period for p, _ in mine) else None
    if not mine:
        return None
    per_period: dict[int, set[str]] = {}
    for p, a in mine:
        per_period.setdefault(p, set()).add(a)
    complete = [p for p, found in per_period.items() if len(found) >= len(codes)]
    return int(max(complete)) if complete else int(max(per_period))


def near_and_shown(
    rows: pd.DataFrame, near: list[str], shown: pd.Series, within: np.ndarray | None = None
) -> pd.DataFrame:
    """Every row of the ``near`` areas, and every area's row in each indicator's ``shown``
    period (indicator id -> period), in frame order; of the rows ``within`` only if given."""
    is_near = flag(rows["area_code"].isin(near))
    candidates = is_near | flag(rows["period"].isin(shown.unique().tolist()))
    if within is not None:
        candidates &= within
    numbers = np.flatnonzero(candidates)
    periods = rows["period"].to_numpy()[numbers]
    at_shown = flag(rows["indicator_id"].take(numbers).map(shown).eq(periods))
    return rows.take(numbers[is_near[numbers] | at_shown])
