"""Progress status of a target: the Destatis weather method and Open SDG's CAGR method.

Both methods return a ``Status`` whose ``Explanation`` carries everything needed to show on
screen why the status is what it is: the data points used, the change per year, the projection,
the thresholds and the computed miss (or growth ratio), plus notes on uncertainty.

Status codes (shared by both methods, so that roll-ups and maps need one vocabulary):
``reached``, ``on_track``, ``slightly_off``, ``off_track``, ``wrong_direction``,
``not_assessable``.

Destatis (default; Indikatorenbericht zur Deutschen Nachhaltigkeitsstrategie):
- target with a level: the mean annual change over the last (up to) ``window`` changes is
  projected to the target period; the projected miss is compared with the gap that remains
  today: < 5 % on track, 5–20 % slightly off, > 20 % off track (still the right direction);
  moving away from the target: wrong direction; no change at all: off track.
  A target already reached: ``reached`` while the mean change does not point away from it,
  otherwise ``slightly_off`` (Destatis: sun behind a cloud).
- direction only: mean change (primary) and latest change (secondary): both right → on track;
  mean right, latest not → slightly off; mean not, latest right → off track; neither → wrong
  direction. (Deviation: a series that did not change at all — mean and latest change zero —
  is off track, "standstill", as in the CAGR method, not wrong direction.)
- fewer than ``min_points`` usable values: not assessable.

Open SDG (Statistics Canada): observed compound annual growth since the base period against
the growth required to reach the target on time (ratio R: ≥ 0.95 on track, ≥ 0.6 slightly off,
≥ 0 off track, < 0 wrong direction); without a level, the growth itself (≥ 1.5 %, ≥ 0.5 %,
≥ 0, < 0). Scores run from −5 to +5. Shares and rates below city level, parity gaps there, and
series with values ≤ 0 use changes in units (percentage points) instead of growth rates.
Without a level, the positive thresholds shrink near a natural limit (``Track.limit``, e.g.
100 % for a share that should rise) by Open SDG's factor C; a series at its limit that does not
fall back is on track. A target base period after the newest data is not assessable.

Both methods: a latest value that already meets the target is ``reached`` however short the
series (as in Open SDG); the weather method counts a series held at its natural limit as on
track instead of standstill.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.gaps import (
    DOWN,
    UP,
    Point,
    SeriesRows,
    Track,
    build_track,
    gap_at,
    reference_of,
    years_to_target,
)

STATUS_CODES = (
    "reached", "on_track", "slightly_off", "off_track", "wrong_direction", "not_assessable",
)  # fmt: skip
METHODS = ("destatis", "cagr")

# Defaults of the settings below (proposed for dashboard/config.py as progress_*).
MIN_POINTS = 4  # Destatis: fewer than four usable values → no status
WINDOW_CHANGES = 5  # Destatis: mean of the last five annual changes (six data points)
SMALL_NUMERATOR = 30  # numerators (or counts) below this carry an uncertainty note
CAGR_MIN_POINTS = 2  # Open SDG: two data points at least
DESTATIS_ON_TRACK = 0.05  # projected miss below 5 % of the remaining gap
DESTATIS_SLIGHTLY_OFF = 0.20  # projected miss up to 20 % of the remaining gap
CAGR_WITH_TARGET = (0.95, 0.6, 0.0)  # ratio observed / required growth
CAGR_WITHOUT_TARGET = (0.015, 0.005, 0.0)  # observed growth per year
LIMIT_EXPONENT = 4.44  # Open SDG: C = 1 − (base / limit)^4.44 near a natural limit
PP_LEVELS = ("stadtbezirk", "teilbereich", "stadtteil")  # small areas: shares move in points
# Points per Destatis category for roll-ups: the middle of Open SDG's score band of the category.
CATEGORY_SCORES = {
    "reached": 5.0, "on_track": 3.75, "slightly_off": 1.25, "off_track": -1.25,
    "wrong_direction": -3.75,
}  # fmt: skip
EPS = 1e-9


@dataclass(frozen=True)
class Settings:
    """Tunable parts of the status rules."""

    min_points: int = MIN_POINTS
    window: int = WINDOW_CHANGES
    small_numerator: int = SMALL_NUMERATOR
    cagr_min_points: int = CAGR_MIN_POINTS


def settings() -> Settings:
    """Settings from dashboard.config (progress_*) where defined, else the module defaults."""
    from dashboard import config

    def get(name: str, default: int) -> int:
        return int(config.get(name)) if name in config.SETTINGS else default

    return Settings(
        min_points=get("progress_min_points", MIN_POINTS),
        window=get("progress_window", WINDOW_CHANGES),
        small_numerator=get("progress_small_numerator", SMALL_NUMERATOR),
        cagr_min_points=get("progress_cagr_min_points", CAGR_MIN_POINTS),
    )


@dataclass(frozen=True)
class Note:
    """A remark attached to a status (uncertainty, omitted periods, method switch, …)."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    """Everything behind a status, for the screen and for downloads."""

    method: str
    rule: str
    target_type: str = ""
    sense: int = 0
    unit: str = ""
    variable: str = "value"  # value | shortfall | parity_index
    points: tuple[tuple[int, float], ...] = ()  # the data points the calculation used
    omitted: tuple[tuple[int, str], ...] = ()
    target_level: float | None = None
    target_period: int | None = None
    latest_period: int | None = None
    latest_value: float | None = None
    mean_change: float | None = None  # per year
    latest_change: float | None = None  # per year
    projection: float | None = None  # value expected in projection_period
    projection_period: int | None = None
    remaining_gap: float | None = None
    miss: float | None = None
    miss_ratio: float | None = None
    base_period: int | None = None
    base_value: float | None = None
    mode: str | None = None  # cagr: growth | linear
    observed_rate: float | None = None
    required_rate: float | None = None
    ratio: float | None = None
    limit: float | None = None  # natural limit used (cagr without a level)
    limit_factor: float | None = None  # Open SDG's C that scaled the thresholds
    thresholds: tuple[tuple[str, float], ...] = ()
    notes: tuple[Note, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (notes as 'code: values'), for tables and downloads."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "notes"}
        out["notes"] = "; ".join(n.code for n in self.notes)
        return out


@dataclass(frozen=True)
class Status:
    """A progress status with its method, evaluated period, score and explanation."""

    code: str
    method: str
    period: int | None
    score: float | None
    explanation: Explanation
    reason: str | None = None  # why not assessable

    @property
    def assessable(self) -> bool:
        """False for 'not_assessable'."""
        return self.code != "not_assessable"


# --- shared helpers ------------------------------------------------------------------------
def _not_assessable(method: str, track: Track, reason: str, **values: Any) -> Status:
    latest = track.latest
    explanation = Explanation(
        method=method, rule="not_assessable", target_type=track.target_type, sense=track.sense,
        unit=track.unit, points=tuple((p.period, p.value) for p in track.points),
        omitted=track.omitted, target_level=track.target_level,
        target_period=track.target_period,
        latest_period=latest.period if latest else None,
        latest_value=latest.value if latest else None,
        notes=(Note(reason, values),),
    )  # fmt: skip
    return Status("not_assessable", method, latest.period if latest else None, None,
                  explanation, reason)  # fmt: skip


def _meets_target(track: Track) -> bool:
    """True if the newest point already meets the target level (False without a level)."""
    latest = track.latest
    if latest is None or track.target_level is None:
        return False
    return (track.target_level - latest.value) * track.sense <= 0


def _reached_early(method: str, track: Track, needed: int) -> Status:
    """'reached' for a series too short for a trend whose newest value meets the target."""
    latest = track.latest
    assert latest is not None
    explanation = Explanation(
        method=method, rule="reached_few_points", target_type=track.target_type,
        sense=track.sense, unit=track.unit,
        variable="shortfall" if track.target_type == "parity" else "value",
        points=tuple((p.period, p.value) for p in track.points), omitted=track.omitted,
        target_level=track.target_level, target_period=track.target_period,
        latest_period=latest.period, latest_value=latest.value,
        notes=(Note("few_points", {"found": len(track.points), "needed": needed}),),
    )  # fmt: skip
    return Status("reached", method, latest.period, 5.0, explanation)


def limit_factor(base: float, limit: float) -> float:
    """Open SDG's factor C (0–1) for the no-target thresholds near a natural limit.

    1 far from the limit, 0 at it; the same at equal relative distances below a maximum and
    above a minimum. A minimum of 0 never scales (every base is at least twice 0 away).
    """
    base, limit = abs(base), abs(limit)
    if base >= 2 * limit:
        return 1.0
    if base <= limit:
        return 1.0 - (base / limit) ** LIMIT_EXPONENT
    return 1.0 - ((2 * limit - base) / limit) ** LIMIT_EXPONENT


def _mostly_hidden(track: Track, used: list[Point]) -> int:
    """Hidden values within the span of the points used (0 unless they outnumber them).

    Suppression hides small values and keeps large ones, so a series that is mostly hidden
    is biased: it is better not assessed at all.
    """
    first, last = used[0].period, used[-1].period
    hidden = [o for o in track.omitted if first <= o[0] <= last and o[1] != "missing"]
    return len(hidden) if len(hidden) > len(used) else 0


def _per_year(a: Point, b: Point) -> float:
    return (b.value - a.value) / (b.period - a.period)


def _value_se(point: Point) -> float | None:
    """Standard error of a share or rate from its numerator and denominator (binomial)."""
    num, den = point.numerator, point.denominator
    if num is None or den is None or den <= 0 or num < 0:
        return None
    p = min(num / den, 1.0)
    scale = point.actual / p if p > 0 else 100.0
    return abs(scale) * math.sqrt(p * (1 - p) / den)


def _notes(track: Track, used: list[Point], change: float | None, cfg: Settings) -> list[Note]:
    """Uncertainty and data notes for the points a calculation used."""
    notes: list[Note] = []
    if not used:
        return notes
    first, last = used[0], used[-1]
    skipped = [o for o in track.omitted if first.period <= o[0] <= last.period]
    if skipped:
        notes.append(Note("omitted", {"periods": skipped}))
    provisional = [p.period for p in used if p.flag in ("provisional", "estimated")]
    if provisional:
        notes.append(Note("provisional", {"periods": provisional}))
    small = last.numerator is not None and last.numerator < cfg.small_numerator
    if small:
        notes.append(Note("small_numbers", {"numerator": last.numerator, "se": _value_se(last)}))
    elif (
        track.indicator_kind == "count"
        and track.target_type != "parity"
        and abs(last.actual) < cfg.small_numerator
    ):
        small = True
        notes.append(Note("small_count", {"value": last.actual, "se": math.sqrt(abs(last.actual))}))
    se1, se2 = _value_se(first), _value_se(last)
    if track.indicator_kind == "count" and track.target_type != "parity":
        se1, se2 = math.sqrt(abs(first.actual)), math.sqrt(abs(last.actual))
    if small and change is not None and se1 is not None and se2 is not None and len(used) > 1:
        noise = math.hypot(se1, se2) / (last.period - first.period)
        if abs(change) < 2 * noise:
            notes.append(Note("within_noise", {"noise": 2 * noise}))
    return notes


# --- Destatis weather method ------------------------------------------------------------------
def _destatis_level(
    track: Track, used: list[Point], mean: float
) -> tuple[str, str, dict[str, Any]]:
    """Status, rule and numbers for a target with a level."""
    last = used[-1]
    level, sense = float(track.target_level), track.sense  # type: ignore[arg-type]
    remaining = (level - last.value) * sense
    out: dict[str, Any] = {"remaining_gap": remaining}
    moving = mean * sense
    period = track.target_period
    if period is not None and period > last.period:
        projection = last.value + mean * (period - last.period)
        miss = (level - projection) * sense
        out.update(projection=projection, projection_period=period, miss=miss)
    if remaining <= 0:
        return ("reached" if moving >= -EPS else "slightly_off",
                "reached" if moving >= -EPS else "reached_but_worsening", out)  # fmt: skip
    if period is None or period <= last.period:
        return ("off_track" if moving > EPS else "wrong_direction", "deadline_passed", out)
    out["miss_ratio"] = out["miss"] / remaining
    if moving < -EPS:
        return "wrong_direction", "moving_away", out
    if abs(moving) <= EPS:
        return "off_track", "stagnation", out
    ratio = out["miss_ratio"]
    if ratio < DESTATIS_ON_TRACK:
        return "on_track", "projection", out
    if ratio <= DESTATIS_SLIGHTLY_OFF:
        return "slightly_off", "projection", out
    return "off_track", "projection", out


def _destatis_direction(
    mean: float, latest: float, sense: int, at_limit: bool = False
) -> tuple[str, str]:
    """Status and rule of a direction-only target."""
    mean_right, latest_right = mean * sense > EPS, latest * sense > EPS
    if at_limit and mean * sense >= -EPS and latest * sense >= -EPS:
        # a share held at 100 % cannot rise further: holding the limit is progress, not
        # standstill (Open SDG likewise: base at the limit and no fall → on track)
        return "on_track", "direction_at_limit"
    if abs(mean) <= EPS and abs(latest) <= EPS:
        # no change at all is standstill, not a move the wrong way (as in the CAGR method)
        return "off_track", "direction_flat"
    if mean_right and latest_right:
        return "on_track", "direction_both"
    if mean_right:
        return "slightly_off", "direction_mean_only"
    if latest_right:
        return "off_track", "direction_latest_only"
    return "wrong_direction", "direction_neither"


def assess_destatis(track: Track, cfg: Settings | None = None) -> Status:
    """Status by the Destatis weather method (see module docstring)."""
    cfg = cfg or Settings()
    method = "destatis"
    if track.problem:
        return _not_assessable(method, track, track.problem)
    points = list(track.points)
    if len(points) < cfg.min_points:
        if _meets_target(track):
            return _reached_early(method, track, cfg.min_points)
        return _not_assessable(
            method, track, "too_few_points", found=len(points), needed=cfg.min_points
        )
    used = points[-(cfg.window + 1) :]
    hidden = _mostly_hidden(track, used)
    if hidden:
        return _not_assessable(method, track, "mostly_hidden", hidden=hidden, usable=len(used))
    mean = _per_year(used[0], used[-1])
    latest_change = _per_year(points[-2], points[-1])
    last = used[-1]
    numbers: dict[str, Any] = {}
    if track.has_level:
        code, rule, numbers = _destatis_level(track, used, mean)
        thresholds = (("on_track", DESTATIS_ON_TRACK), ("slightly_off", DESTATIS_SLIGHTLY_OFF))
    else:
        at_limit = track.limit is not None and (last.value - track.limit) * track.sense >= -EPS
        code, rule = _destatis_direction(mean, latest_change, track.sense, at_limit)
        thresholds = ()
        if rule == "direction_at_limit":
            numbers["limit"] = track.limit
        if track.target_period and track.target_period > last.period:
            numbers.update(
                projection=last.value + mean * (track.target_period - last.period),
                projection_period=track.target_period,
            )
    notes = _notes(track, used, mean, cfg)
    if len(used) < cfg.window + 1:
        notes.append(Note("short_window", {"changes": len(used) - 1, "window": cfg.window}))
    explanation = Explanation(
        method=method, rule=rule, target_type=track.target_type, sense=track.sense,
        unit=track.unit, variable="shortfall" if track.target_type == "parity" else "value",
        points=tuple((p.period, p.value) for p in used), omitted=track.omitted,
        target_level=track.target_level, target_period=track.target_period,
        latest_period=last.period, latest_value=last.value, mean_change=mean,
        latest_change=latest_change, thresholds=thresholds, notes=tuple(notes), **numbers,
    )  # fmt: skip
    return Status(code, method, last.period, CATEGORY_SCORES[code], explanation)


# --- Open SDG CAGR method ---------------------------------------------------------------------
def cagr_score(ratio: float, with_target: bool, factor: float = 1.0) -> float:
    """Open SDG's linear score (−5…+5) of a growth ratio (with target) or growth (without).

    ``factor`` is the natural-limit factor C: growth in the desired direction is read against
    thresholds scaled by C (at C = 0 any growth ≥ 0 scores +5); decline is never scaled.
    """
    if not with_target and ratio >= 0 and factor < 1.0:
        if factor <= 0:
            return 5.0
        ratio /= factor
    if with_target:
        if ratio <= -0.6:
            return -5.0
        if ratio < 0.6:
            return (ratio - 0.6) / 1.2 * 5
        return min(5.0, (ratio - 0.6) / 0.7 * 5)
    knots = [(-0.02, -5.0), (0.0, -2.5), (0.005, 0.0), (0.015, 2.5), (0.02, 5.0)]
    if ratio <= knots[0][0]:
        return -5.0
    for (x0, y0), (x1, y1) in pairwise(knots):
        if ratio <= x1:
            return y0 + (ratio - x0) / (x1 - x0) * (y1 - y0)
    return 5.0


def _category(value: float, thresholds: tuple[float, float, float]) -> str:
    on, slight, zero = thresholds
    if value >= on:
        return "on_track"
    if value >= slight:
        return "slightly_off"
    if value >= zero:
        return "off_track"
    return "wrong_direction"


def _cagr_variable(track: Track, point: Point, linear: bool) -> float:
    """The series the CAGR method measures: the value, the parity shortfall or parity index."""
    if track.target_type != "parity" or linear:
        return point.value
    ratio = point.actual / point.reference if point.reference else math.nan
    if track.parity_sense == 0 and ratio > 0:
        return max(ratio, 1 / ratio)
    return ratio


def _cagr_used(track: Track) -> tuple[list[Point], Status | None]:
    """The points from the base period on, or a status if the data predate the base period."""
    points = list(track.points)
    base = track.baseline_period
    if base is not None and points and points[-1].period < base:
        # never fall back to older data: the status would describe a time before the target
        return [], _not_assessable("cagr", track, "baseline_after_data", baseline=base,
                                   latest=points[-1].period)  # fmt: skip
    if base is not None:
        points = [p for p in points if p.period >= base]
    return points, None


def _cagr_growth(
    track: Track, observed: float, y0: float, sense: int, linear: bool
) -> tuple[float, float | None] | None:
    """Growth per year in the desired direction and the limit factor C (None: zero base)."""
    if linear:
        growth = observed / 100 if track.indicator_kind in ("share", "rate") else None
        if growth is None:
            if y0 == 0:
                return None
            growth = observed / abs(y0)
        growth *= sense
    else:
        growth = sense * observed
    factor = None
    if track.limit is not None and sense:
        factor = limit_factor(y0, track.limit)
    return growth, factor


def _cagr_parts(track: Track, used: list[Point]) -> tuple[bool, float, float, Any, int, list[Note]]:
    """Mode (linear?), base and latest value, target and sense in the measured variable."""
    notes: list[Note] = []
    small_area = track.indicator_kind in ("share", "rate") and track.area_level in PP_LEVELS
    linear = small_area
    parity = track.target_type == "parity"
    if parity:
        # a parity index needs a reference above zero; the city-level share always has one
        linear = linear or any(not p.reference for p in used)
    first, last = used[0], used[-1]
    y0, yi = _cagr_variable(track, first, linear), _cagr_variable(track, last, linear)
    if parity and not linear:
        y_target, sense = 1.0, UP if track.parity_sense == UP else DOWN
    else:
        y_target, sense = track.target_level, track.sense
    if not linear and (y0 <= 0 or yi <= 0 or (track.has_level and y_target <= 0)):
        linear = True
        notes.append(Note("nonpositive"))
        if parity:
            y0, yi, y_target, sense = first.value, last.value, 0.0, DOWN
    if small_area:
        notes.append(Note("pp_mode"))
    return linear, y0, yi, y_target, sense, notes


def assess_cagr(track: Track, cfg: Settings | None = None) -> Status:
    """Status by Open SDG's CAGR method (see module docstring)."""
    cfg = cfg or Settings()
    method = "cagr"
    if track.problem:
        return _not_assessable(method, track, track.problem)
    used, refused = _cagr_used(track)
    if refused is not None:
        return refused
    if len(used) < cfg.cagr_min_points:
        if _meets_target(track):
            return _reached_early(method, track, cfg.cagr_min_points)
        return _not_assessable(
            method, track, "too_few_points", found=len(used), needed=cfg.cagr_min_points
        )
    hidden = _mostly_hidden(track, used)
    if hidden:
        return _not_assessable(method, track, "mostly_hidden", hidden=hidden, usable=len(used))
    linear, y0, yi, y_target, sense, notes = _cagr_parts(track, used)
    parity = track.target_type == "parity"
    first, last = used[0], used[-1]
    dt = last.period - first.period
    observed = (yi - y0) / dt if linear else (yi / y0) ** (1 / dt) - 1
    names = ("on_track", "slightly_off", "off_track")
    numbers: dict[str, Any] = {}
    if track.has_level:
        period = track.target_period
        if (y_target - yi) * sense <= 0:
            code, rule, ratio, score = "reached", "reached", None, 5.0
            required = None
        elif period is None or period <= first.period:
            return _not_assessable(method, track, "target_period_not_after_base")
        else:
            span = period - first.period
            required = (y_target - y0) / span if linear else (y_target / y0) ** (1 / span) - 1
            ratio = (sense * observed / abs(required)) if abs(required) > EPS else -math.inf
            code, rule = _category(ratio, CAGR_WITH_TARGET), "ratio"
            score = cagr_score(ratio, True)
        thresholds = tuple(zip(names, CAGR_WITH_TARGET, strict=True))
        numbers.update(required_rate=required, ratio=ratio)
    else:
        grown = _cagr_growth(track, observed, y0, sense, linear)
        if grown is None:
            return _not_assessable(method, track, "zero_base")
        growth, factor = grown
        scale = 1.0 if factor is None else factor
        scaled = tuple(t * scale for t in CAGR_WITHOUT_TARGET)
        code, rule = _category(growth, scaled), "growth"  # type: ignore[arg-type]
        score = cagr_score(growth, False, scale)
        thresholds = tuple(zip(names, scaled, strict=True))
        numbers.update(ratio=growth, limit=track.limit if factor is not None else None,
                       limit_factor=factor)  # fmt: skip
        if factor is not None and factor < 1.0:
            notes.append(Note("limit", {"limit": track.limit, "factor": factor}))
    if track.target_period and track.target_period > last.period:
        steps = track.target_period - last.period
        proj_var = yi + observed * steps if linear else yi * (1 + observed) ** steps
        if not parity or linear:
            numbers.update(projection=proj_var, projection_period=track.target_period)
    notes += _notes(track, used, (last.value - first.value) / dt, cfg)
    variable = "parity_index" if parity and not linear else ("shortfall" if parity else "value")
    explanation = Explanation(
        method=method, rule=rule, target_type=track.target_type, sense=sense, unit=track.unit,
        variable=variable, points=tuple((p.period, _cagr_variable(track, p, linear))
                                        for p in used),
        omitted=track.omitted, target_level=y_target if track.has_level else None,
        target_period=track.target_period, latest_period=last.period, latest_value=yi,
        base_period=first.period, base_value=y0, mode="linear" if linear else "growth",
        observed_rate=observed, thresholds=thresholds, notes=tuple(notes),
        mean_change=(last.value - first.value) / dt, **numbers,
    )  # fmt: skip
    return Status(code, method, last.period, score, explanation)


def assess(track: Track, method: str = "destatis", cfg: Settings | None = None) -> Status:
    """Status of a track by the chosen method."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    return assess_destatis(track, cfg) if method == "destatis" else assess_cagr(track, cfg)


def status_history(track: Track, method: str = "destatis", cfg: Settings | None = None) -> list:
    """The status as it was with each data period as the newest one (oldest first)."""
    return [assess(track.upto(p.period), method, cfg) for p in track.points]


def mean_change(track: Track, cfg: Settings | None = None) -> float | None:
    """Mean annual change of the assessed value over the last (up to) window changes."""
    cfg = cfg or Settings()
    used = list(track.points)[-(cfg.window + 1) :]
    return _per_year(used[0], used[-1]) if len(used) > 1 else None


# --- all targets at once ------------------------------------------------------------------------
ASSESSMENT_COLUMNS = [
    "key", "target_id", "implicit", "indicator_id", "field_id", "area", "grp", "type",
    "goal_id", "target_period", "target_value", "baseline_period", "reference_indicator",
    "reference_area", "reference_grp", "note", "status", "score", "period", "actual",
    "reference", "target_level", "gap", "gap_relative", "unit", "mean_change", "moving",
    "years_to_target", "n_points", "trend", "result", "track",
]  # fmt: skip


def assess_targets(
    targets: pd.DataFrame,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    method: str = "destatis",
    cfg: Settings | None = None,
) -> pd.DataFrame:
    """Assess every (expanded) target: one row per target and area with gap and status.

    ``targets`` has one row per target and area (column ``area``, see gaps.expand_targets and
    gaps.implicit_targets); ``values`` are released observations (suppression applied).
    """
    cfg = cfg or Settings()
    if targets.empty:
        return pd.DataFrame(columns=ASSESSMENT_COLUMNS)
    groups = _SeriesIndex(values)
    by_id = {rec["id"]: rec for rec in indicators.to_dict("records")}
    level_of = dict(zip(areas["code"], areas["level"], strict=True))
    rows = []
    for rec in targets.to_dict("records"):
        ind = by_id.get(rec["indicator_id"])
        if ind is None:
            continue
        area, grp = str(rec["area"]), rec.get("grp") or "insgesamt"
        actual = groups.get((rec["indicator_id"], area, grp))
        reference = None
        if rec.get("type") == "parity":
            ref_ind, ref_area, ref_grp = reference_of(rec, area)
            reference = groups.get((ref_ind, ref_area, ref_grp))
        track = build_track(rec, ind, actual, reference, level_of.get(area, "stadt"))
        result = assess(track, method, cfg)
        rows.append(_assessment_row(rec, ind, area, grp, track, result, cfg))
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


class _SeriesIndex:
    """Rows of every (indicator, area, group) series, built on demand from whole columns.

    At 100x there are millions of series: one small DataFrame each (groupby) cost gigabytes
    and most of the time, while positions into a few arrays cost next to nothing.
    """

    COLUMNS = ("value", "numerator", "denominator")

    def __init__(self, values: pd.DataFrame) -> None:
        self.positions = values.groupby(["indicator_id", "area_code", "grp"], sort=False).indices
        self.period = values["period"].to_numpy()
        missing = np.full(len(values), np.nan)
        self.numbers = {
            c: values[c].to_numpy(dtype=float, na_value=np.nan) if c in values else missing
            for c in self.COLUMNS
        }
        flags = values["flag"] if "flag" in values else pd.Series([None] * len(values))
        self.flag_codes, uniques = pd.factorize(flags)  # missing flags get code -1
        self.flags = [str(u) for u in uniques]

    def get(self, key: tuple[str, str, str]) -> SeriesRows | None:
        """The series' rows by period (as gaps.build_track reads them), None if absent."""
        idx = self.positions.get(key)
        if idx is None:
            return None
        columns = [self.numbers[c][idx].tolist() for c in self.COLUMNS]
        out: SeriesRows = {}
        for period, value, num, den, code in zip(
            self.period[idx].tolist(), *columns, self.flag_codes[idx].tolist(), strict=True
        ):
            out[int(period)] = {
                "period": period, "value": None if value != value else value,
                "numerator": None if num != num else num,
                "denominator": None if den != den else den,
                "flag": None if code < 0 else self.flags[code],
            }  # fmt: skip
        return out


def _assessment_row(
    rec: dict[str, Any], ind: dict[str, Any], area: str, grp: str, track: Track,
    result: Status, cfg: Settings,
) -> dict[str, Any]:  # fmt: skip
    latest = track.latest
    gap = gap_at(track, latest) if latest else None
    change = mean_change(track, cfg)
    implicit = rec.get("implicit") is True
    target_id = None if implicit or pd.isna(rec.get("id")) else int(rec["id"])
    key = f"{rec['indicator_id']}/{grp}@{area}" if target_id is None else f"t{target_id}@{area}"
    ref = reference_of(rec, area) if track.target_type == "parity" else (None, None, None)
    note = rec.get("note")
    return {
        "key": key, "target_id": target_id, "implicit": implicit,
        "indicator_id": rec["indicator_id"], "field_id": ind.get("field_id"), "area": area,
        "grp": grp, "type": rec.get("type"),
        "goal_id": None if pd.isna(rec.get("goal_id")) else rec.get("goal_id"),
        "target_period": track.target_period, "target_value": track.target_value,
        "baseline_period": track.baseline_period, "reference_indicator": ref[0],
        "reference_area": ref[1], "reference_grp": ref[2],
        "note": note if isinstance(note, str) else None, "status": result.code,
        "score": result.score, "period": result.period,
        "actual": latest.actual if latest else None,
        "reference": latest.reference if latest else None,
        "target_level": track.target_level, "gap": gap.absolute if gap else None,
        "gap_relative": gap.relative if gap else None, "unit": track.unit,
        "mean_change": change,
        "moving": None if change is None or not track.sense else change * track.sense > EPS,
        "years_to_target": years_to_target(gap.absolute if gap else None, change, track.sense),
        "n_points": len(track.points), "trend": [p.actual for p in track.points],
        "result": result, "track": track,
    }  # fmt: skip


__all__ = [
    "DOWN", "METHODS", "STATUS_CODES", "UP", "Explanation", "Note", "Settings", "Status",
    "assess", "assess_cagr", "assess_destatis", "assess_targets", "cagr_score", "mean_change",
    "settings", "status_history",
]  # fmt: skip
