"""Open SDG's growth-rate (CAGR) method, with the project's stated variants.

See dashboard.analysis.progress for the description of both methods.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from dashboard.analysis.gaps import DOWN, UP, Point, Track
from dashboard.analysis.progress_rules import (
    CAGR_WITH_TARGET,
    CAGR_WITHOUT_TARGET,
    EPS,
    PP_LEVELS,
    Explanation,
    Note,
    Settings,
    Status,
    _meets_target,
    _mostly_hidden,
    _not_assessable,
    _notes,
    _reached_early,
    limit_factor,
)
from dashboard.domain.progress import GRADED, REACHED, category


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


_category = category


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
        return [], _not_assessable(
            "cagr", track, "baseline_after_data", baseline=base, latest=points[-1].period
        )
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


Verdict = tuple[str, str, float, tuple[tuple[str, float], ...], dict[str, Any]]


def _level_verdict(
    track: Track,
    base_period: int,
    levels: tuple[float, float, float],
    sense: int,
    observed: float,
    linear: bool,
) -> Verdict | None:
    """Category against the target level (code, rule, score, thresholds, numbers); None when
    the target period is not after the base period."""
    y0, yi, y_target = levels
    period = track.target_period
    if (y_target - yi) * sense <= 0:
        code, rule, ratio, score = REACHED, "reached", None, 5.0
        required = None
    elif period is None or period <= base_period:
        return None
    else:
        span = period - base_period
        required = (y_target - y0) / span if linear else (y_target / y0) ** (1 / span) - 1
        ratio = (sense * observed / abs(required)) if abs(required) > EPS else -math.inf
        code, rule = _category(ratio, CAGR_WITH_TARGET), "ratio"
        score = cagr_score(ratio, True)
    thresholds = tuple(zip(GRADED, CAGR_WITH_TARGET, strict=True))
    return code, rule, score, thresholds, {"required_rate": required, "ratio": ratio}


def _growth_verdict(
    track: Track, observed: float, y0: float, sense: int, linear: bool, notes: list[Note]
) -> Verdict | None:
    """Category of the growth without a target level; None when the base is zero.

    Near a natural limit the thresholds shrink by the limit factor (noted in ``notes``).
    """
    grown = _cagr_growth(track, observed, y0, sense, linear)
    if grown is None:
        return None
    growth, factor = grown
    scale = 1.0 if factor is None else factor
    scaled = tuple(t * scale for t in CAGR_WITHOUT_TARGET)
    code, rule = _category(growth, scaled), "growth"  # type: ignore[arg-type]
    score = cagr_score(growth, False, scale)
    thresholds = tuple(zip(GRADED, scaled, strict=True))
    numbers = {"ratio": growth, "limit": track.limit if factor is not None else None,
               "limit_factor": factor}  # fmt: skip
    if factor is not None and factor < 1.0:
        notes.append(Note("limit", {"limit": track.limit, "factor": factor}))
    return code, rule, score, thresholds, numbers


def _too_thin(track: Track, used: list[Point], cfg: Settings) -> Status | None:
    """Too few usable points (reached early, else not assessable) or mostly hidden ones."""
    method = "cagr"
    if len(used) < cfg.cagr_min_points:
        if _meets_target(track):
            return _reached_early(method, track, cfg.cagr_min_points)
        return _not_assessable(
            method, track, "too_few_points", found=len(used), needed=cfg.cagr_min_points
        )
    hidden = _mostly_hidden(track, used)
    if hidden:
        return _not_assessable(method, track, "mostly_hidden", hidden=hidden, usable=len(used))
    return None


def assess_cagr(track: Track, cfg: Settings | None = None) -> Status:
    """Status by Open SDG's CAGR method (see module docstring)."""
    cfg = cfg or Settings()
    method = "cagr"
    if track.problem:
        return _not_assessable(method, track, track.problem)
    used, refused = _cagr_used(track)
    if refused is not None:
        return refused
    thin = _too_thin(track, used, cfg)
    if thin is not None:
        return thin
    linear, y0, yi, y_target, sense, notes = _cagr_parts(track, used)
    parity = track.target_type == "parity"
    first, last = used[0], used[-1]
    dt = last.period - first.period
    observed = (yi - y0) / dt if linear else (yi / y0) ** (1 / dt) - 1
    if track.has_level:
        verdict = _level_verdict(track, first.period, (y0, yi, y_target), sense, observed, linear)
        if verdict is None:
            return _not_assessable(method, track, "target_period_not_after_base")
    else:
        verdict = _growth_verdict(track, observed, y0, sense, linear, notes)
        if verdict is None:
            return _not_assessable(method, track, "zero_base")
    code, rule, score, thresholds, numbers = verdict
    if track.target_period and track.target_period > last.period:
        steps = track.target_period - last.period
        proj_var = yi + observed * steps if linear else yi * (1 + observed) ** steps
        if not parity or linear:
            numbers.update(projection=proj_var, projection_period=track.target_period)
    notes += _notes(track, used, (last.value - first.value) / dt, cfg)
    variable = "parity_index" if parity and not linear else ("shortfall" if parity else "value")
    explanation = Explanation(
        method=method,
        rule=rule,
        target_type=track.target_type,
        sense=sense,
        unit=track.unit,
        variable=variable,
        points=tuple((p.period, _cagr_variable(track, p, linear)) for p in used),
        omitted=track.omitted,
        target_level=y_target if track.has_level else None,
        target_period=track.target_period,
        latest_period=last.period,
        latest_value=yi,
        base_period=first.period,
        base_value=y0,
        mode="linear" if linear else "growth",
        observed_rate=observed,
        thresholds=thresholds,
        notes=tuple(notes),
        mean_change=(last.value - first.value) / dt,
        **numbers,
    )
    return Status(code, method, last.period, score, explanation)
