"""Targets against actual values: target levels, direction-aware gaps, parity gaps, years to go.

A target is turned into a ``Track``: the series that is assessed, the level it must reach and
the direction that counts as progress ("sense": +1 higher is better, -1 lower is better).
Every kind of target fits this shape:

- absolute: the indicator's value must reach ``value``;
- relative_change: it must reach ``baseline × (1 + value / 100)`` (value in per cent);
- parity: the *shortfall* against a reference share (percentage points) must fall to 0; for an
  indicator without a preferred direction the shortfall is the distance |actual − reference|;
- direction: no level, only the direction (from the indicator catalogue).

``tracks.build_track`` makes the track from a target and its observations; this module holds
the shapes, the rules of level and sense, the gaps, and which targets are assessed.

Gaps are direction-aware: a positive gap always means "still to go", zero or less "reached".
Suppressed or unusable values (flag secret, not reliable, …) never enter a track.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

import pandas as pd

CITY = "0"
UP, DOWN = 1, -1
# Flags whose value must never be used for an assessment (hidden or not a real value).
UNUSABLE_FLAGS = frozenset(
    {"secret", "not_yet_available", "not_meaningful", "not_reliable", "not_available"}
)
PP = "pp"  # unit of parity gaps: percentage points


# millions of points at 100x: a named tuple has no dict per point and is made ~3x faster than
# a frozen dataclass (0.25 against 0.75 µs; 1.7 million points at 10x); it is read by name only
class Point(NamedTuple):
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


def value_or_none(value: Any) -> Any:
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
    indicator = value_or_none(target.get("indicator_id"))
    ref = value_or_none(target.get("reference_indicator")) or indicator
    grp = value_or_none(target.get("grp")) or "insgesamt"
    ref_grp = value_or_none(target.get("reference_grp")) or (
        "insgesamt" if ref != indicator else grp
    )
    explicit = value_or_none(target.get("reference_area"))
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
        area = value_or_none(rec.get("area_code"))
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
