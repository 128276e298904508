"""Tracks covering every progress status and rule, shared by the tests of the goal pages."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis.progress import Settings, assess
from dashboard.analysis.tracks import build_track
from dashboard.present.i18n import t

SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%", "decimals": 1}
RATE_DOWN = {"kind": "rate", "direction": "lower_better", "unit": "je 100", "decimals": 1}
COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl", "decimals": 0}


def tr_for(lang: str):
    return lambda key, **values: t(key, lang, **values)


def rows(values: list[float | None], flags: dict[int, str] | None = None,
         numerators: list[float] | None = None, denominators: list[float] | None = None
         ) -> pd.DataFrame:  # fmt: skip
    flags = flags or {}
    periods = list(range(2015, 2015 + len(values)))
    return pd.DataFrame({
        "period": periods, "value": [math.nan if v is None else v for v in values],
        "numerator": numerators or math.nan, "denominator": denominators or math.nan,
        "flag": [flags.get(p) for p in periods],
    })  # fmt: skip


def line(start: float, step: float, n: int = 11) -> list[float]:
    return [start + step * i for i in range(n)]


def make(values, indicator=SHARE_UP, reference=None, level="stadt", flags=None, nums=None,
         dens=None, **spec):  # fmt: skip
    target = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
              "baseline_period": None, "baseline_value": None, "target_period": 2030,
              **spec}  # fmt: skip
    ref = rows(reference) if reference is not None else None
    return build_track(target, indicator, rows(values, flags, nums, dens), ref, level)


# One track per rule of both methods, so that every kind of status gets explained.
TRACKS = {
    "projection on track": make(line(10, 2), value=40.0),
    "projection slightly off": make(line(12.5, 1.75), value=40.0),
    "projection off track": make(line(20, 1), value=40.0),
    "moving away": make(line(30, -0.5), value=40.0),
    "stagnation": make([25.0] * 11, value=40.0),
    "reached": make(line(30, 1), value=35.0),
    "reached but worsening": make(line(50, -0.5), value=40.0),
    "deadline passed": make(line(10, 1), value=40.0, target_period=2024),
    "direction both": make(line(10, 1), type="direction"),
    "direction mean only": make([*line(10, 1, 10), 18.0], type="direction"),
    "direction latest only": make([*line(20, -1, 10), 12.0], type="direction"),
    "direction neither": make(line(20, -1), type="direction"),
    "direction flat": make([7.0] * 11, type="direction"),
    "relative change": make(line(10, -0.3), RATE_DOWN, type="relative_change", value=-20.0,
                            baseline_period=2020),
    "parity district": make(line(48, -0.2), {**SHARE_UP, "direction": "neutral"},
                            line(21, 0.4), "stadtteil", type="parity"),
    "parity city": make(line(10, 0.8), SHARE_UP, [20.0] * 11, type="parity"),
    "small numbers": make(line(5, 0.1), SHARE_UP, value=30.0, nums=[v * 2 for v in
                                                                     line(5, 0.1)],
                          dens=[200.0] * 11, flags={2025: "provisional"}),
    "secret values": make([*line(3, 1, 5), None, *line(9, 1, 5)], COUNT_UP, value=30.0,
                          flags={2020: "secret"}),
    "zero values": make([0.0, 0.0, 1.0, 2.0, 3.0], COUNT_UP, value=10.0),
    "too few points": make([1.0, 2.0], value=10.0),
    "no direction": make(line(1, 1), {**SHARE_UP, "direction": "neutral"}, type="direction"),
    "zero baseline": make([0.0, 1.0, 2.0, 3.0], COUNT_UP, type="relative_change", value=10.0,
                          baseline_period=2015),
    "no data": make([], value=3.0),
}  # fmt: skip


def all_statuses():
    for name, track in TRACKS.items():
        for method in ("destatis", "cagr"):
            yield name, method, track, assess(track, method, Settings())


STATUSES = list(all_statuses())
