"""Shared parts of the two progress methods: settings, status objects, notes, limits.

See dashboard.analysis.progress for the methods themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from dashboard.analysis.gaps import Point, Track
from dashboard.domain import progress as _status

# The statuses and their thresholds are defined in dashboard.domain.progress; the names stay
# here for the importers of the progress methods.
STATUS_CODES = _status.STATUS_CODES
DESTATIS_ON_TRACK = _status.DESTATIS_ON_TRACK
DESTATIS_SLIGHTLY_OFF = _status.DESTATIS_SLIGHTLY_OFF
CAGR_WITH_TARGET = _status.CAGR_WITH_TARGET
CAGR_WITHOUT_TARGET = _status.CAGR_WITHOUT_TARGET
CATEGORY_SCORES = _status.CATEGORY_SCORES
METHODS = ("destatis", "cagr")

# Defaults of the settings below (proposed for dashboard/config.py as progress_*).
MIN_POINTS = 4  # Destatis: fewer than four usable values → no status
WINDOW_CHANGES = 5  # Destatis: mean of the last five annual changes (six data points)
SMALL_NUMERATOR = 30  # numerators (or counts) below this carry an uncertainty note
CAGR_MIN_POINTS = 2  # Open SDG: two data points at least
LIMIT_EXPONENT = 4.44  # Open SDG: C = 1 − (base / limit)^4.44 near a natural limit
PP_LEVELS = ("stadtbezirk", "teilbereich", "stadtteil")  # small areas: shares move in points
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
    return Status(
        "not_assessable", method, latest.period if latest else None, None, explanation, reason
    )


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
