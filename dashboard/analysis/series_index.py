"""Every (indicator, area, group) series of the released values, for assessing many targets.

At 10x there are ~86,000 series to assess and at 100x millions: one small DataFrame each
(groupby) cost gigabytes, and one dict per row (1.7 million at 10x) took over half of the
assessment. The values are sorted once by series and period; a series is a slice of a few
arrays, and which rows are usable is decided once for all rows, vectorised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.gaps import UNUSABLE_FLAGS, Point
from dashboard.analysis.tracks import SeriesRows, Usable

KEY = ["indicator_id", "area_code", "grp"]
NUMBERS = ("value", "numerator", "denominator")


class SeriesIndex:
    """Slices of the released values by series, sorted by period (a repeated period: last row)."""

    def __init__(self, values: pd.DataFrame) -> None:
        frame = values.reset_index(drop=True)
        series = _series_ids(frame)
        period = frame["period"].to_numpy(dtype=np.int64)
        # stable: rows of one series and period keep their order, so the last one is the newest
        order = np.lexsort((period, series))
        series, period = series[order], period[order]
        newest = np.ones(len(order), dtype=bool)
        newest[:-1] = (series[1:] != series[:-1]) | (period[1:] != period[:-1])
        order, series, period = order[newest], series[newest], period[newest]
        self.period = period
        missing = np.full(len(frame), np.nan)
        self.numbers = {
            c: (frame[c].to_numpy(dtype=float, na_value=np.nan) if c in frame else missing)[order]
            for c in NUMBERS
        }
        flags = frame["flag"] if "flag" in frame else pd.Series([None] * len(frame))
        codes, uniques = pd.factorize(flags)  # missing flags get code -1
        self.flag_codes = codes[order]
        self.flags = [str(u) for u in uniques]
        self.why = _reasons(self.numbers["value"], self.flag_codes, self.flags)
        edges = np.flatnonzero(series[1:] != series[:-1]) + 1  # where the next series starts
        starts = np.r_[0, edges] if len(series) else edges
        ends = np.r_[edges, len(series)] if len(series) else edges
        first = order[starts]
        keys = zip(*(frame[c].take(first).tolist() for c in KEY), strict=True)
        self.slices = {k: (int(s), int(e)) for k, s, e in zip(keys, starts, ends, strict=True)}

    def rows(self, key: tuple[str, str, str]) -> SeriesRows | None:
        """The series' rows by period (as tracks.build_track reads them), None if absent."""
        cut = self.slices.get(key)
        if cut is None:
            return None
        out: SeriesRows = {}
        for period, value, num, den, flag in self._columns(*cut):
            out[period] = {
                "period": period,
                "value": value,
                "numerator": num,
                "denominator": den,
                "flag": flag,
            }
        return out

    def usable(self, key: tuple[str, str, str]) -> Usable | None:
        """The series' usable points and omitted periods (a target on its own values)."""
        cut = self.slices.get(key)
        if cut is None:
            return None
        points: list[Point] = []
        omitted: list[tuple[int, str]] = []
        why = self.why[cut[0] : cut[1]].tolist()
        for (period, value, num, den, flag), reason in zip(self._columns(*cut), why, strict=True):
            if reason is None:
                points.append(Point(period, value, value, None, num, den, flag))
            else:
                omitted.append((period, reason))
        return Usable(points, omitted)

    def _columns(self, start: int, end: int) -> zip:
        """Period, value, numerator, denominator and flag of rows start..end (NaN as None)."""
        numbers = [_nan_none(self.numbers[c][start:end].tolist()) for c in NUMBERS]
        codes = self.flag_codes[start:end].tolist()
        flags = [None if c < 0 else self.flags[c] for c in codes]
        return zip(self.period[start:end].tolist(), *numbers, flags, strict=True)


def _series_ids(frame: pd.DataFrame) -> np.ndarray:
    """One number per (indicator, area, group), not dense (5x faster than a groupby's ngroup)."""
    ids = np.zeros(len(frame), dtype=np.int64)
    for column in KEY:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        ids = ids * max(len(uniques), 1) + codes
    return ids


def _nan_none(numbers: list[float]) -> list[float | None]:
    """NaN as None (NaN is the only value not equal to itself)."""
    return [None if x != x else x for x in numbers]


def _reasons(value: np.ndarray, codes: np.ndarray, flags: list[str]) -> np.ndarray:
    """Why each row cannot be used (None if it can): its unusable flag, else 'missing'."""
    why = np.full(len(value), None, dtype=object)
    why[~np.isfinite(value)] = "missing"
    for code, flag in enumerate(flags):
        if flag in UNUSABLE_FLAGS:
            why[codes == code] = flag  # the flag is named before a missing value
    return why
