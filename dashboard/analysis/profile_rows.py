"""One indicator's released rows as plain lists, and the profile's measures computed on them.

A district profile looks at every indicator: filtering the released frame per indicator, area
and period with pandas cost most of the Stadtteil page's first run (every text column is an Arrow
array, every filter a copy). The rows are read into lists once and then looked up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SPINE_KEYS = ("scale", "range_min", "range_max", "q25", "q75")

Cells = dict[tuple[str, int], tuple[float, object]]


@dataclass
class IndicatorRows:
    """The rows of one indicator (one group), in frame order."""

    areas: list[str] = field(default_factory=list)
    periods: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    flags: list[object] = field(default_factory=list)
    grp: object = None
    cells: Cells = field(default_factory=dict)

    def add(self, area: str, period: int, value: float, flag: object, grp: object) -> None:
        """Append one row; the first row of an (area, period) is its cell."""
        if not self.areas:
            self.grp = grp
        self.areas.append(area)
        self.periods.append(period)
        self.values.append(value)
        self.flags.append(flag)
        self.cells.setdefault((area, period), (value, flag))

    def cell(self, area: str | None, period: int) -> tuple[float, object]:
        """Value and flag of one area in one period (NaN, None when absent)."""
        if area is None:
            return math.nan, None
        return self.cells.get((area, int(period)), (math.nan, None))

    def latest(self, area: str, period: int | None = None) -> int | None:
        """The latest period with a row of ``area`` (only ``period`` itself when given)."""
        found = [
            p
            for a, p in zip(self.areas, self.periods, strict=True)
            if a == area and (period is None or p == period)
        ]
        return int(max(found)) if found else None

    def values_in(self, period: int, codes: set[str]) -> np.ndarray:
        """Values of the rows of ``codes`` in ``period``, in row order (hidden ones NaN)."""
        return np.array(
            [
                v
                for a, p, v in zip(self.areas, self.periods, self.values, strict=True)
                if p == period and a in codes
            ],
            dtype=float,
        )

    def series(self, area: str) -> dict[int, float]:
        """Period → value of one area."""
        return {p: v for (a, p), (v, _flag) in self.cells.items() if a == area}


def by_indicator(rows: pd.DataFrame) -> dict[str, IndicatorRows]:
    """The frame's rows per indicator, indicators in order of first appearance."""
    out: dict[str, IndicatorRows] = {}
    names = ("indicator_id", "area_code", "period", "value", "flag", "grp")
    columns = (rows[c].tolist() for c in names)
    for indicator, area, period, value, flag, grp in zip(*columns, strict=True):
        target = out.get(indicator)
        if target is None:
            target = out[indicator] = IndicatorRows()
        target.add(area, int(period), float(value), flag, grp)
    return out


def spine(district_values: np.ndarray, city: float, sign: int) -> dict[str, float]:
    """Scale and distribution (oriented positions) of the Stadtteile around the city value."""
    valid = district_values[~np.isnan(district_values)]
    if valid.size == 0 or pd.isna(city):
        return dict.fromkeys(SPINE_KEYS, math.nan)
    scale = float(np.abs(valid - city).max()) or 1.0
    pos = sign * (valid - city) / scale
    return {
        "scale": scale,
        "range_min": float(pos.min()),
        "range_max": float(pos.max()),
        # np.percentile with linear interpolation: what Series.quantile computes
        "q25": float(np.percentile(pos, 25.0)),
        "q75": float(np.percentile(pos, 75.0)),
    }


def rank(district_values: np.ndarray, value: float, lower_better: bool) -> tuple[float, int]:
    """Rank of value among the Stadtteile: 1 = best (or highest for neutral indicators)."""
    valid = district_values[~np.isnan(district_values)]
    if pd.isna(value) or valid.size == 0:
        return math.nan, int(valid.size)
    better = valid < value if lower_better else valid > value
    return float(np.count_nonzero(better) + 1), int(valid.size)


def trend(
    own: dict[int, float], city: dict[int, float], period: int, window: int, tolerance: float
) -> dict[str, object]:
    """How the gap (area − city) changed over ``window`` periods up to ``period``."""
    out: dict[str, object] = {
        "trend_from": None,
        "gap_from": math.nan,
        "gap_to": math.nan,
        "gap_trend": None,
    }
    gaps = {
        p: own[p] - city[p]
        for p in sorted(own.keys() & city.keys())
        if period - window < p <= period and not math.isnan(own[p] - city[p])
    }
    if period not in gaps or len(gaps) < 2:
        return out
    first = min(gaps)
    now, then = gaps[period], gaps[first]
    margin = max(tolerance * abs(city[period]), 1e-9)
    change = abs(now) - abs(then)
    verdict = "stable" if abs(change) <= margin else ("converging" if change < 0 else "diverging")
    out.update({"trend_from": first, "gap_from": then, "gap_to": now, "gap_trend": verdict})
    return out
