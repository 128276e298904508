"""Similar districts: nearest neighbours of a Stadtteil on standardised core indicators.

Which indicators and why: similarity is measured on the districts' *starting conditions*
(social situation and population structure), not on the outcomes the strategy wants to change:
income poverty of adults and children, the share with a migration history, the labour market,
crowded housing. The catalogue names them (``analyses: similarity``).

Outcomes such as Kita attendance, school transitions or U8/U9 check-ups are deliberately left
out: a district network wants to learn from districts that start from a similar situation but
do better on the outcomes, which matching on the outcomes themselves would hide.

Method: for each indicator the latest period with Stadtteil values (up to ``period``) is used;
values are standardised across the Stadtteile (z = (x − mean) / sd). The distance is the
root-mean-square difference over the indicators *both* districts have (hidden or missing values
are skipped, never treated as 0); a pair needs at least half of the usable indicators in common.
Districts below the population minimum of the social index are not proposed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

DEFAULT_NEIGHBOURS = 5
MIN_SHARED_SHARE = 0.5


@dataclass(frozen=True)
class Similarity:
    """Nearest neighbours of one district and the basis of the comparison."""

    frame: pd.DataFrame  # area_code, distance, n_shared, rank, value_<id> …
    indicators: tuple[str, ...]  # indicators actually used
    periods: dict[str, int]  # period used per indicator
    reference: dict[str, float] = field(default_factory=dict)  # the district's own values

    @property
    def available(self) -> bool:
        """True when at least one neighbour was found."""
        return not self.frame.empty


def standardised(
    values: pd.DataFrame,
    codes: list[str],
    indicators: tuple[str, ...],
    period: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, int]]:
    """Raw and z-standardised values (district × indicator, group insgesamt) and periods used."""
    raw = pd.DataFrame(index=pd.Index(codes, name="area_code"))
    periods: dict[str, int] = {}
    for ind in indicators:
        rows = values[
            (values["indicator_id"] == ind)
            & (values["grp"] == "insgesamt")
            & values["area_code"].isin(codes)
        ]
        if period is not None:
            rows = rows[rows["period"] <= period]
        visible = rows[rows["value"].notna()]
        if visible.empty:
            continue
        latest = int(visible["period"].max())
        column = rows[rows["period"] == latest].set_index("area_code")["value"]
        if column.notna().sum() < 3 or float(column.std(ddof=0)) == 0:
            continue
        raw[ind] = column.reindex(codes)
        periods[ind] = latest
    z = (raw - raw.mean()) / raw.std(ddof=0)
    return raw, z, periods


def similar_districts(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    code: str,
    n: int = DEFAULT_NEIGHBOURS,
    indicators: tuple[str, ...] = (),
    period: int | None = None,
    excluded: set[str] | None = None,
) -> Similarity:
    """The ``n`` Stadtteile closest to ``code`` (rank 1 = most similar).

    ``excluded`` removes districts from the candidates (e.g. those under the population
    minimum); they still count for the standardisation only if they have values.
    """
    codes = list(areas.loc[areas["level"] == "stadtteil", "code"])
    empty = pd.DataFrame(columns=["area_code", "distance", "n_shared", "rank"])
    if code not in codes:
        return Similarity(empty, (), {})
    raw, z, periods = standardised(values, codes, tuple(indicators), period)
    used = tuple(raw.columns)
    if not used or z.loc[code].notna().sum() == 0:
        return Similarity(empty, used, periods)
    diffs = z.sub(z.loc[code], axis=1)
    shared = diffs.notna().sum(axis=1)
    distance = np.sqrt((diffs**2).sum(axis=1, min_count=1) / shared.replace(0, np.nan))
    needed = max(1, math.ceil(MIN_SHARED_SHARE * len(used)))
    candidates = [c for c in codes if c != code and c not in (excluded or set())]
    frame = pd.DataFrame(
        {"area_code": candidates, "distance": distance.reindex(candidates).to_numpy(),
         "n_shared": shared.reindex(candidates).to_numpy()}
    )  # fmt: skip
    frame = frame[(frame["n_shared"] >= needed) & frame["distance"].notna()]
    frame = frame.sort_values(["distance", "area_code"]).head(n).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    for ind in used:
        frame[f"value_{ind}"] = raw[ind].reindex(frame["area_code"]).to_numpy()
    reference = {ind: float(raw.at[code, ind]) for ind in used}
    return Similarity(frame, used, periods, reference)
