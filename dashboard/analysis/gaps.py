"""Targets against actual values: target levels, direction-aware gaps, parity gaps, years to go.

A target is turned into a ``Track``: the series that is assessed, the level it must reach and
the direction that counts as progress ("sense": +1 higher is better, -1 lower is better).
Every kind of target fits this shape:

- absolute: the indicator's value must reach ``value``;
- relative_change: it must reach ``baseline × (1 + value / 100)`` (value in per cent);
- parity: the *shortfall* against a reference share (percentage points) must fall to 0; for an
  indicator without a preferred direction the shortfall is the distance |actual − reference|;
- direction: no level, only the direction (from the indicator catalogue).

Gaps are direction-aware: a positive gap always means "still to go", zero or less "reached".
Suppressed or unusable values (flag secret, not reliable, …) never enter a track.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

CITY = "0"
UP, DOWN = 1, -1
# Flags whose value must never be used for an assessment (hidden or not a real value).
UNUSABLE_FLAGS = frozenset(
    {"secret", "not_yet_available", "not_meaningful", "not_reliable", "not_available"}
)
PP = "pp"  # unit of parity gaps: percentage points


@dataclass(frozen=True, slots=True)  # millions of points at 100x: no dict per point
class Point:
    """One usable period of a track: the assessed value and what it was computed from."""

    period: int
    value: float  # the assessed variable (parity: shortfall in percentage points)
    actual: float  # the indicator's own value
    reference: float | None = None  # parity: the reference value in the same period
    numerator: float | None = None
    denominator: float | None = None
    flag: str | None = None


@dataclass(frozen=True)
class Track:
    """A target made assessable: points, target level, sense and what was left out."""

    target_type: str
    sense: int  # +1 higher is better, -1 lower is better, 0 no direction known
    target_level: float | None  # level the assessed value must reach (parity: 0)
    target_period: int | None
    baseline_period: int | None
    baseline_value: float | None  # in the assessed variable
    points: tuple[Point, ...]
    omitted: tuple[tuple[int, str], ...] = ()  # (period, reason) of values left out
    problem: str | None = None  # why the target cannot be assessed at all
    unit: str = ""
    indicator_kind: str = "share"
    area_level: str = "stadt"
    parity_sense: int = 0  # parity: +1 should rise to the reference, -1 fall, 0 equal
    target_value: float | None = None  # the target's own value (absolute / per cent)
    limit: float | None = None  # natural limit of the value in the desired direction

    @property
    def latest(self) -> Point | None:
        """The newest usable point."""
        return self.points[-1] if self.points else None

    @property
    def has_level(self) -> bool:
        """True for targets with a level to reach (all but direction-only)."""
        return self.target_level is not None

    def upto(self, period: int) -> Track:
        """The track as it looked when ``period`` was the newest data (for status histories)."""
        return replace(
            self,
            points=tuple(p for p in self.points if p.period <= period),
            omitted=tuple(o for o in self.omitted if o[0] <= period),
        )


@dataclass(frozen=True)
class Gap:
    """Distance to the target in one period; positive = still to go."""

    period: int
    actual: float
    value: float  # assessed variable (parity: shortfall)
    target_level: float | None
    reference: float | None
    absolute: float | None  # in the indicator's unit (parity: percentage points)
    relative: float | None  # per cent of the target level (parity: of the reference)
    achieved_share: float | None  # share of the way from the baseline to the target (0–1)
    reached: bool | None
    unit: str


def _none(value: Any) -> Any:
    """None for NaN/NA/None, else the value."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def reference_of(target: Mapping[str, Any], area: str) -> tuple[str | None, str, str]:
    """(reference indicator, reference area, reference group) of a parity target in ``area``.

    The ``target`` table has no reference area (yet): a comparison of one indicator and group
    with itself can only mean another area, which is the city; any other comparison (another
    indicator, or another group of the same indicator) is made within the same area. A
    ``reference_area`` key, once the table has it, overrides this rule.
    """
    indicator = _none(target.get("indicator_id"))
    ref = _none(target.get("reference_indicator")) or indicator
    grp = _none(target.get("grp")) or "insgesamt"
    ref_grp = _none(target.get("reference_grp")) or ("insgesamt" if ref != indicator else grp)
    explicit = _none(target.get("reference_area"))
    if explicit is not None:
        return ref, str(explicit), ref_grp
    same_series = ref == indicator and ref_grp == grp
    return ref, CITY if same_series else area, ref_grp


def indicator_sense(direction: str | None) -> int:
    """+1 for higher_better, -1 for lower_better, 0 otherwise."""
    return {"higher_better": UP, "lower_better": DOWN}.get(str(direction), 0)


def target_level(target_type: str, value: float | None, baseline: float | None) -> float | None:
    """The level an absolute or relative-change target asks for (None if undefined)."""
    if target_type == "absolute":
        return value
    if target_type == "relative_change" and value is not None and baseline is not None:
        return baseline * (1 + value / 100)
    return None


def target_sense(
    target_type: str, direction: str | None, value: float | None, baseline: float | None
) -> int:
    """Which way counts as progress for a target.

    A relative change says it itself (−15 % means down); otherwise the indicator's direction
    decides, and for an indicator without one the position of the target above or below the
    baseline.
    """
    if target_type == "relative_change" and value:
        return UP if value > 0 else DOWN
    sense = indicator_sense(direction)
    if sense or target_type in ("direction", "parity"):
        return sense
    level = target_level(target_type, value, baseline)
    if level is not None and baseline is not None and level != baseline:
        return UP if level > baseline else DOWN
    return UP


SeriesRows = dict[int, dict[str, Any]]  # one series' rows by period, as ``_rows`` makes them


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
        out[int(rec["period"])] = {c: _none(rec.get(c)) for c in cols}
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


def build_track(
    target: Mapping[str, Any],
    indicator: Mapping[str, Any],
    actual: pd.DataFrame | SeriesRows | None,
    reference: pd.DataFrame | SeriesRows | None = None,
    area_level: str = "stadt",
) -> Track:
    """Turn one target (for one area) and its observations into an assessable track.

    ``actual`` holds the rows of the indicator for the target's area and group; ``reference``
    the rows of the parity reference (see ``reference_of``). Unusable rows are listed in
    ``omitted`` with their reason.
    """
    kind = str(target.get("type"))
    value = _none(target.get("value"))
    value = None if value is None else float(value)
    base_period = _none(target.get("baseline_period"))
    base_period = None if base_period is None else int(base_period)
    target_period = _none(target.get("target_period"))
    target_period = None if target_period is None else int(target_period)
    direction = indicator.get("direction")
    parity_sense = indicator_sense(direction) if kind == "parity" else 0
    points, omitted = _points(kind, _rows(actual), _rows(reference), parity_sense)
    problem = None
    by_period = {p.period: p for p in points}
    if kind == "parity":
        level = 0.0
        sense = DOWN
        base_point = by_period.get(base_period) if base_period is not None else None
        baseline = base_point.value if base_point else (points[0].value if points else None)
        unit = PP
    else:
        baseline = _none(target.get("baseline_value"))
        baseline = None if baseline is None else float(baseline)
        if baseline is None and base_period in by_period:
            baseline = by_period[base_period].actual
        if kind == "relative_change" and baseline is None:
            problem = "no_baseline"
        if kind == "relative_change" and baseline == 0 and value:
            problem = "zero_baseline"
        level = target_level(kind, value, baseline)
        sense = target_sense(kind, direction, value, baseline)
        if kind == "direction" and sense == 0:
            problem = "no_direction"
        unit = str(indicator.get("unit") or "")
    if kind not in ("absolute", "relative_change", "parity", "direction"):
        problem = "unknown_type"
    # the natural limit bounds the indicator's own value, not a parity shortfall
    limit = None if kind == "parity" else _none(indicator.get("natural_limit"))
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


def gap_at(track: Track, point: Point) -> Gap:
    """Absolute and relative gap, and share of the way done, in one period."""
    level = track.target_level
    if level is None:
        return Gap(
            point.period,
            point.actual,
            point.value,
            None,
            point.reference,
            None,
            None,
            None,
            None,
            track.unit,
        )
    absolute = (level - point.value) * track.sense
    # parity gaps are relative to the reference share, other gaps to the target level
    denom = point.reference if track.target_type == "parity" else (abs(level) or None)
    relative = absolute / denom * 100 if denom else None
    base = track.baseline_value
    achieved = None
    if base is not None and level != base:
        achieved = (point.value - base) / (level - base)
    return Gap(
        point.period,
        point.actual,
        point.value,
        level,
        point.reference,
        absolute,
        relative,
        achieved,
        absolute <= 0,
        track.unit,
    )


def gap_table(track: Track) -> pd.DataFrame:
    """One row per usable period: actual, reference, target level, gaps."""
    rows = [gap_at(track, p).__dict__ for p in track.points]
    columns = list(Gap.__dataclass_fields__)
    return pd.DataFrame(rows, columns=columns)


def years_to_target(gap: float | None, annual_change: float | None, sense: int) -> float | None:
    """Years until the gap closes at the current trend: 0 if reached, None if never."""
    if gap is None or annual_change is None:
        return None
    if gap <= 0:
        return 0.0
    improvement = annual_change * sense
    if improvement <= 0:
        return None
    return gap / improvement


def _listed(value: Any) -> list[Any]:
    """A catalogue list cell (list, tuple or numpy array from the store) as a list."""
    return [] if value is None else list(value)


def expand_targets(targets: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """One row per target and area: targets without an area apply to every Stadtteil."""
    if targets.empty:
        return targets.assign(area=pd.Series(dtype=object))
    districts = list(areas.loc[areas["level"] == "stadtteil", "code"])
    parts = []
    for rec in targets.to_dict("records"):
        area = _none(rec.get("area_code"))
        for code in [area] if area is not None else districts:
            parts.append({**rec, "area": str(code)})
    return pd.DataFrame(parts)


def implicit_targets(
    indicators: pd.DataFrame, explicit: pd.DataFrame, areas: pd.DataFrame, levels: tuple[str, ...]
) -> pd.DataFrame:
    """Direction-only pseudo-targets for indicators with a direction but no target in an area.

    They let the roll-up say something about goals whose indicators have no agreed target yet,
    as Open SDG does for indicators without a target; pages label them as such.
    """
    have = set()
    if not explicit.empty:
        have = set(zip(explicit["indicator_id"], explicit["area"], strict=True))
    level_of = dict(zip(areas["code"], areas["level"], strict=True))
    rows = []
    for ind in indicators.to_dict("records"):
        if indicator_sense(ind.get("direction")) == 0:
            continue
        ind_levels = set(_listed(ind.get("levels")))
        groups = _listed(ind.get("groups")) or ["insgesamt"]
        for code, level in level_of.items():
            if level not in levels or level not in ind_levels or (ind["id"], code) in have:
                continue
            rows.append(
                {
                    "id": None,
                    "indicator_id": ind["id"],
                    "area": code,
                    "area_code": code,
                    "grp": groups[0],
                    "type": "direction",
                    "value": None,
                    "reference_indicator": None,
                    "reference_grp": None,
                    "baseline_period": None,
                    "baseline_value": None,
                    "target_period": None,
                    "goal_id": None,
                    "note": None,
                    "implicit": True,
                }
            )
    return pd.DataFrame(rows)
