"""The demo observation frame: district series rolled up to every higher area level."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import district_members
from dashboard.catalogues import Catalogue
from dashboard.demo.base import (
    CORRECTED,
    DEMO_SOURCE,
    ELECTION_YEARS,
    PROVISIONAL_2025,
    YEARS,
    Series,
    T,
    rng_for,
)
from dashboard.demo.city import city_counts, city_ratios, city_values
from dashboard.demo.population import population, population_series
from dashboard.demo.themes import (
    attachment,
    child_poverty_language,
    labour,
    neighbourhood,
    school,
    structure,
)
from dashboard.store import OBSERVATION_COLUMNS


# --- observation frame --------------------------------------------------------------------------
def _stored_indicators(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Indicators that are stored (not derived), by id; robust to None or NaN for 'no value'."""
    out = {}
    for row in catalogue.indicators.to_dict("records"):
        numerator = row.get("numerator_id")
        if not (isinstance(numerator, str) and numerator):
            row["levels"], row["groups"] = list(row["levels"]), list(row["groups"])
            out[row["id"]] = row
    return out


def _with_aggregates(s: Series, agg_codes: list[str], matrix: np.ndarray) -> Series:
    """Append the sums over the Stadtteile of every aggregate area."""
    num = np.vstack([s.num, matrix @ s.num])
    den = None if s.den is None else np.vstack([s.den, matrix @ s.den])
    return Series(s.indicator, s.grp, s.codes + agg_codes, num, den)


def _series_frame(s: Series, ind: dict[str, Any]) -> pd.DataFrame:
    """Long rows of one series; value is the ratio of numerator and denominator if given."""
    n = len(s.codes)
    num = s.num.astype(float).ravel()
    if s.den is None:
        value, numerator, denominator = num, np.full(n * T, np.nan), np.full(n * T, np.nan)
    else:
        factor = 1.0 if ind["kind"] == "mean" else 100.0
        denominator = s.den.astype(float).ravel()
        value, numerator = num / np.where(denominator > 0, denominator, np.nan) * factor, num
    return pd.DataFrame(
        {
            "indicator_id": s.indicator,
            "area_code": np.repeat(s.codes, T),
            "period": np.tile(YEARS, n),
            "grp": s.grp,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
        }
    )


def _flags(frame: pd.DataFrame) -> pd.Series:
    """Official symbols: provisional 2025 figures, one correction, X for 0/0, unpublished."""
    flag = pd.Series(None, index=frame.index, dtype=object)
    provisional = frame["indicator_id"].isin(PROVISIONAL_2025) & (frame["period"] == 2025)
    flag[provisional] = "provisional"
    ind, area, period, grp = CORRECTED
    corrected = (
        (frame["indicator_id"] == ind)
        & (frame["area_code"] == area)
        & (frame["period"] == period)
        & (frame["grp"] == grp)
    )
    flag[corrected] = "corrected"
    flag[frame["value"].isna()] = "not_reliable"  # survey cells with too few respondents
    flag[frame["denominator"] == 0] = "not_meaningful"  # no child of the group in the cohort
    return flag


def observations(catalogue: Catalogue, seed: int) -> pd.DataFrame:
    """All demo observations, district series rolled up to every higher area level."""
    areas = catalogue.areas
    levels = dict(zip(areas["code"], areas["level"], strict=True))
    codes = [c for c in areas["code"] if levels[c] == "stadtteil"]
    members = district_members(areas)
    agg_codes = [c for c in areas["code"] if levels[c] in ("stadt", "stadtbezirk", "teilbereich")]
    matrix = np.array([[float(c in members[a]) for c in codes] for a in agg_codes])
    base = population(rng_for(seed, "population"), codes)
    district: list[Series] = population_series(base)
    for part, make in (
        ("labour", labour),
        ("school", school),
        ("children", child_poverty_language),
        ("neighbourhood", neighbourhood),
    ):
        district += make(rng_for(seed, part), base)
    district += structure(rng_for(seed, "structure"), base, district)
    series = [_with_aggregates(s, agg_codes, matrix) for s in district]
    series += attachment(rng_for(seed, "attachment"), base, members, levels)
    series += city_counts(rng_for(seed, "city_counts")) + city_ratios(rng_for(seed, "city_ratios"))
    series += city_values(rng_for(seed, "city_values"), base)
    stored = _stored_indicators(catalogue)
    frames = []
    for s in series:
        ind = stored.get(s.indicator)
        if ind is None or s.grp not in ind["groups"]:
            continue
        frame = _series_frame(s, ind)
        keep = frame["area_code"].map(levels).isin(ind["levels"])
        if s.indicator in ELECTION_YEARS:
            keep &= frame["period"].isin(ELECTION_YEARS[s.indicator])
        frames.append(frame[keep])
    obs = pd.concat(frames, ignore_index=True)
    obs["flag"] = _flags(obs)
    obs["source"] = DEMO_SOURCE
    obs["is_demo"] = True
    obs = obs.sort_values(["indicator_id", "area_code", "period", "grp"], ignore_index=True)
    return obs[[*OBSERVATION_COLUMNS, "is_demo"]]
