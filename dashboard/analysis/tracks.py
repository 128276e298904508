"""From a target and its observations to an assessable ``Track`` (shapes in ``gaps``).

Only usable values become points: suppressed or unusable rows (flag secret, not reliable, …,
or no finite value) are listed in ``omitted`` with their reason. A parity target is assessed on
its shortfall against the reference in the same period.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.gaps import (
    DOWN,
    PP,
    UNUSABLE_FLAGS,
    UP,
    Point,
    Track,
    indicator_sense,
    target_level,
    target_sense,
    value_or_none,
)

SeriesRows = dict[int, dict[str, Any]]  # one series' rows by period, as ``_rows`` makes them


@dataclass(frozen=True)
class Usable:
    """A series already split into usable points and omitted periods (analysis.series_index)."""

    points: list[Point]
    omitted: list[tuple[int, str]]


def _rows(frame: pd.DataFrame | SeriesRows | None) -> SeriesRows:
    """Rows of one series by period (the last row wins if a period repeats)."""
    if isinstance(frame, dict):
        return frame  # already in this shape (see progress.assess_targets)
    if frame is None or frame.empty:
        return {}
    cols = ["period", "value", "numerator", "denominator", "flag"]
    present = [c for c in cols if c in frame.columns]
    out: dict[int, dict[str, Any]] = {}
    for rec in frame[present].to_dict("records"):
        out[int(rec["period"])] = {c: value_or_none(rec.get(c)) for c in cols}
    return out


def _unusable(row: dict[str, Any] | None) -> str | None:
    """Why a row cannot be used (None if it can)."""
    if row is None:
        return "missing"
    if row["flag"] in UNUSABLE_FLAGS:
        return str(row["flag"])
    if row["value"] is None or not math.isfinite(float(row["value"])):
        return "missing"
    return None


def shortfall(actual: float, reference: float, parity_sense: int) -> float:
    """Parity gap in percentage points, positive = still to go."""
    if parity_sense == UP:
        return reference - actual
    if parity_sense == DOWN:
        return actual - reference
    return abs(actual - reference)


def _points(
    kind: str, rows: SeriesRows, ref_rows: SeriesRows, parity_sense: int
) -> tuple[list[Point], list[tuple[int, str]]]:
    """The usable points of a track (parity: against the reference) and the omitted periods."""
    points: list[Point] = []
    omitted: list[tuple[int, str]] = []
    for period in sorted(set(rows) | (set(ref_rows) if kind == "parity" else set())):
        row = rows.get(period)
        why = _unusable(row)
        if why is None and kind == "parity":
            ref_why = _unusable(ref_rows.get(period))
            why = None if ref_why is None else f"reference_{ref_why}"
        if why is not None:
            omitted.append((period, why))
            continue
        assert row is not None
        actual_value = float(row["value"])
        ref_value = float(ref_rows[period]["value"]) if kind == "parity" else None
        assessed = (
            shortfall(actual_value, ref_value, parity_sense)
            if ref_value is not None
            else actual_value
        )
        points.append(
            Point(
                period,
                assessed,
                actual_value,
                ref_value,
                row["numerator"],
                row["denominator"],
                row["flag"],
            )
        )
    return points, omitted


Aim = tuple[
    float | None, int, float | None, str, str | None
]  # level, sense, baseline, unit, problem


def _number(target: Mapping[str, Any], key: str, cast: type) -> Any:
    """A number of the target row (None when empty), as ``cast``."""
    value = value_or_none(target.get(key))
    return None if value is None else cast(value)


def _parity_aim(points: list[Point], base_period: int | None) -> Aim:
    """A parity target: the shortfall must fall to 0; the baseline is the baseline's shortfall."""
    by_period = {p.period: p for p in points}
    base_point = by_period.get(base_period) if base_period is not None else None
    baseline = base_point.value if base_point else (points[0].value if points else None)
    return 0.0, DOWN, baseline, PP, None


def _level_aim(
    kind: str,
    target: Mapping[str, Any],
    indicator: Mapping[str, Any],
    numbers: tuple[float | None, int | None],
    points: list[Point],
) -> Aim:
    """Any other target: level and sense from its value and baseline, or why it has none."""
    value, base_period = numbers
    by_period = {p.period: p for p in points}
    problem = None
    baseline = _number(target, "baseline_value", float)
    if baseline is None and base_period in by_period:
        baseline = by_period[base_period].actual
    if kind == "relative_change" and baseline is None:
        problem = "no_baseline"
    if kind == "relative_change" and baseline == 0 and value:
        problem = "zero_baseline"
    level = target_level(kind, value, baseline)
    sense = target_sense(kind, indicator.get("direction"), value, baseline)
    if kind == "direction" and sense == 0:
        problem = "no_direction"
    return level, sense, baseline, str(indicator.get("unit") or ""), problem


def build_track(
    target: Mapping[str, Any],
    indicator: Mapping[str, Any],
    actual: pd.DataFrame | SeriesRows | Usable | None,
    reference: pd.DataFrame | SeriesRows | None = None,
    area_level: str = "stadt",
) -> Track:
    """Turn one target (for one area) and its observations into an assessable track.

    ``actual`` holds the rows of the indicator for the target's area and group; ``reference``
    the rows of the parity reference (see ``reference_of``). Unusable rows are listed in
    ``omitted`` with their reason. ``actual`` may come already split (``Usable``) unless the
    target is a parity target, whose points depend on the reference too.
    """
    kind = str(target.get("type"))
    value = _number(target, "value", float)
    base_period = _number(target, "baseline_period", int)
    target_period = _number(target, "target_period", int)
    parity_sense = indicator_sense(indicator.get("direction")) if kind == "parity" else 0
    if isinstance(actual, Usable):
        if kind == "parity":
            raise TypeError("a parity track needs the rows of its series, not its usable points")
        points, omitted = list(actual.points), list(actual.omitted)
    else:
        points, omitted = _points(kind, _rows(actual), _rows(reference), parity_sense)
    if kind == "parity":
        level, sense, baseline, unit, problem = _parity_aim(points, base_period)
    else:
        aim = _level_aim(kind, target, indicator, (value, base_period), points)
        level, sense, baseline, unit, problem = aim
    if kind not in ("absolute", "relative_change", "parity", "direction"):
        problem = "unknown_type"
    # the natural limit bounds the indicator's own value, not a parity shortfall
    limit = None if kind == "parity" else value_or_none(indicator.get("natural_limit"))
    if not points and problem is None:
        problem = "no_data"
    return Track(
        target_type=kind,
        sense=sense,
        target_level=level,
        target_period=target_period,
        baseline_period=base_period,
        baseline_value=baseline,
        points=tuple(points),
        omitted=tuple(omitted),
        problem=problem,
        unit=unit,
        indicator_kind=str(indicator.get("kind") or ""),
        area_level=area_level,
        parity_sense=parity_sense,
        target_value=value,
        limit=None if limit is None else float(limit),
    )
