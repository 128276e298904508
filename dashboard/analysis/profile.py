"""District profile: a Stadtteil against the city and its Stadtbezirk, trends and comparisons.

Pure functions over the released observation frame (columns indicator_id, area_code, period,
grp, value, numerator, denominator, flag, source), the indicator catalogue and the area table.
Hidden cells (flag ``secret``, value NaN) stay NaN: they are never compared, ranked or treated
as zero.

The spine position puts every comparable indicator on one scale: the city value is 0 and the
district farthest from the city is at ±1; the sign is turned for ``lower_better`` indicators so
that *right is always better*. Neutral indicators keep their natural orientation (right = higher).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd

from dashboard.analysis.area_tree import district_codes, stadtbezirk_of
from dashboard.analysis.profile_rows import (
    SPINE_KEYS,
    IndicatorRows,
    by_indicator,
    rank,
    spine,
    trend,
)
from dashboard.analysis.profile_scope import (
    CITY,
    COMPARABLE_KINDS,
    MAX_COMPARE,
    comparable,
    compare_periods,
    compared_codes,
    group_mask,
    near_and_shown,
    profile_near,
    shown_periods,
)

ASSESSMENTS = ("better", "similar", "worse", "neutral", "hidden", "unknown")
DEFAULT_TOLERANCE = 0.05  # a difference within 5 % of the city value counts as "similar"
TREND_WINDOW = 5  # periods looked back for the gap trend

META_COLUMNS = ["name", "short", "field_id", "unit", "kind", "direction", "decimals"]


def _group_rows(values: pd.DataFrame, indicators: pd.DataFrame, group: str | None) -> pd.DataFrame:
    """Rows of each indicator's default group, or of ``group`` where the indicator has it."""
    return values[group_mask(values, indicators, group)]


def assess(
    value: float,
    reference: float,
    direction: str,
    tolerance: float = DEFAULT_TOLERANCE,
    decimals: int = 1,
    hidden: bool = False,
) -> str:
    """better | similar | worse (direction-aware), neutral, hidden (secret) or unknown."""
    if hidden:
        return "hidden"
    if value is None or reference is None or pd.isna(value) or pd.isna(reference):
        return "unknown"
    if direction == "neutral":
        return "neutral"
    # a difference that vanishes at the displayed precision is never "better" or "worse"
    margin = max(tolerance * abs(reference), 0.5 * 10.0 ** (-int(decimals)))
    if abs(value - reference) <= margin:
        return "similar"
    higher = value > reference
    return "better" if higher == (direction == "higher_better") else "worse"


def orientation(direction: str) -> int:
    """+1 when higher is better or neutral, -1 when lower is better (right = better)."""
    return -1 if direction == "lower_better" else 1


def gap_trend(
    rows: pd.DataFrame,
    area: str,
    period: int,
    window: int = TREND_WINDOW,
    tolerance: float = DEFAULT_TOLERANCE,
) -> dict[str, object]:
    """How the distance to the city changed over the last ``window`` periods up to ``period``.

    Returns the earlier period used, the gap (district − city) then and now and the trend:
    converging (distance shrinks), diverging (grows), stable, or None without two visible points.
    """
    plain = IndicatorRows.of(rows)
    return trend(plain.series(area), plain.series(CITY), period, window, tolerance)


def profile(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    code: str,
    period: int | None = None,
    group: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> pd.DataFrame:
    """One row per indicator with a value row for the district (latest period, or ``period``).

    Columns: indicator metadata, grp, period, value, flag, city, city_flag, bezirk_code, bezirk,
    bezirk_flag, diff_city, diff_bezirk, comparable, assessment, assessment_bezirk, position,
    bezirk_position, scale, range_min/max, q25/q75, rank, n_ranked and the gap trend.
    """
    bezirk_code = stadtbezirk_of(areas, code)
    districts = set(district_codes(areas))
    meta = indicators.set_index("id")
    records: list[dict[str, object]] = []
    near = profile_near(areas, code)
    read = _read_rows(values, group_mask(values, indicators, group), code, near, period)
    for indicator_id, rows in by_indicator(read).items():
        if indicator_id not in meta.index:
            continue
        latest = rows.latest(code, period)
        if latest is None:
            continue
        info = meta.loc[indicator_id]
        records.append(
            _profile_row(indicator_id, info, rows, code, latest, bezirk_code, districts, tolerance)
        )
    return _order(pd.DataFrame(records, columns=PROFILE_COLUMNS), indicators)


def _read_rows(
    values: pd.DataFrame, in_group: np.ndarray, code: str, near: list[str], period: int | None
) -> pd.DataFrame:
    """The rows ``in_group`` a district's profile reads, in frame order: the ``near`` areas'
    series, and every area's row in each indicator's shown period (spine, rank). At 10x the
    rest was 95 % of 2.7 million rows; copies of it cost ~1 s."""
    shown = shown_periods(values, in_group, code, period)
    return near_and_shown(values, near, shown, in_group)


def _profile_row(
    indicator_id: str,
    info: pd.Series,
    rows: IndicatorRows,
    code: str,
    latest: int,
    bezirk_code: str | None,
    districts: set[str],
    tolerance: float,
) -> dict[str, object]:
    """The profile row of one indicator: the district beside city and Stadtbezirk."""
    value, flag = rows.cell(code, latest)
    city, city_flag = rows.cell(CITY, latest)
    bezirk, bezirk_flag = rows.cell(bezirk_code, latest)
    comparable = info["kind"] in COMPARABLE_KINDS
    district_values = rows.values_in(latest, districts)
    sign = orientation(info["direction"])
    spread = spine(district_values, city, sign) if comparable else {}
    scale = spread.get("scale", math.nan)
    place, n_ranked = rank(district_values, value, info["direction"] == "lower_better")
    trend_cols = (
        trend(rows.series(code), rows.series(CITY), latest, TREND_WINDOW, tolerance)
        if comparable
        else {}
    )
    return {
        "indicator_id": indicator_id,
        **{col: info[col] for col in META_COLUMNS},
        "grp": rows.grp,
        "period": latest,
        "value": value,
        "flag": flag,
        "city": city,
        "city_flag": city_flag,
        "bezirk_code": bezirk_code,
        "bezirk": bezirk,
        "bezirk_flag": bezirk_flag,
        "diff_city": value - city,
        "diff_bezirk": value - bezirk,
        "comparable": comparable,
        "assessment": _assessment(info, value, city, flag, comparable, tolerance),
        "assessment_bezirk": _assessment(info, value, bezirk, flag, comparable, tolerance),
        "position": sign * (value - city) / scale if comparable else math.nan,
        "bezirk_position": sign * (bezirk - city) / scale if comparable else math.nan,
        **{k: spread.get(k, math.nan) for k in SPINE_KEYS},
        "rank": place,
        "n_ranked": n_ranked,
        **trend_cols,
    }


PROFILE_COLUMNS = [
    "indicator_id", *META_COLUMNS, "grp", "period", "value", "flag", "city", "city_flag",
    "bezirk_code", "bezirk", "bezirk_flag", "diff_city", "diff_bezirk", "comparable",
    "assessment", "assessment_bezirk", "position", "bezirk_position", "scale", "range_min",
    "range_max", "q25", "q75", "rank", "n_ranked", "trend_from", "gap_from", "gap_to", "gap_trend",
]  # fmt: skip


def _assessment(
    info: pd.Series, value: float, reference: float, flag: object, comparable: bool, tol: float
) -> str:
    if not comparable:
        return "unknown"
    hidden = flag == "secret" and pd.isna(value)
    return assess(value, reference, info["direction"], tol, int(info["decimals"]), hidden)


def _order(frame: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Catalogue order (field, then indicator order)."""
    order = {iid: i for i, iid in enumerate(indicators["id"])}
    frame = frame.assign(_o=frame["indicator_id"].map(order))
    return frame.sort_values(["field_id", "_o"]).drop(columns="_o").reset_index(drop=True)


def assessment_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many comparable indicators are better, similar, worse, … than the reference."""
    counts = frame.loc[frame["comparable"].astype(bool), "assessment"].value_counts()
    return {key: int(counts.get(key, 0)) for key in ASSESSMENTS}


def standouts(frame: pd.DataFrame, n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` indicators farthest on the worse side and on the better side of the city.

    Distances are compared on the spine scale (relative to the spread of the districts), so a
    large gap on a narrowly spread indicator counts as much as on a widely spread one.
    """
    judged = frame[frame["assessment"].isin(["better", "worse"]) & frame["position"].notna()]
    worse = judged[judged["assessment"] == "worse"].sort_values("position").head(n)
    better = judged[judged["assessment"] == "better"].sort_values("position", ascending=False)
    return worse.reset_index(drop=True), better.head(n).reset_index(drop=True)


def trend_series(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_id: str,
    codes: list[str],
    group: str | None = None,
) -> pd.DataFrame:
    """Time series (period, area_code, value, flag) of one indicator for the given areas."""
    subset = indicators[indicators["id"] == indicator_id]
    rows = _group_rows(values[values["indicator_id"] == indicator_id], subset, group)
    rows = rows[rows["area_code"].isin(codes)]
    order = {c: i for i, c in enumerate(codes)}
    out = rows[["area_code", "period", "value", "flag"]].assign(_o=rows["area_code"].map(order))
    return out.sort_values(["_o", "period"]).drop(columns="_o").reset_index(drop=True)


def indicators_with_series(values: pd.DataFrame, code: str, min_periods: int = 2) -> set[str]:
    """Indicators with visible values for ``code`` in at least ``min_periods`` periods."""
    rows = values[(values["area_code"] == code) & values["value"].notna()]
    counts = rows.groupby("indicator_id", observed=True)["period"].nunique()
    return set(counts[counts >= min_periods].index)


def default_comparison(code: str, focus: tuple[str, ...]) -> list[str]:
    """The district, two of the catalogue's focus districts and the city."""
    others = [c for c in focus if c != code][:2]
    return [code, *others, CITY][:MAX_COMPARE]


def parse_codes(raw: list[str] | str | None, known: set[str]) -> tuple[list[str], list[str]]:
    """Area codes from a URL value: repeated keys and/or comma-separated; (valid, unknown)."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    valid: list[str] = []
    unknown: list[str] = []
    for item in items:
        for part in str(item).split(","):
            code = part.strip()
            if not code:
                continue
            target = valid if code in known else unknown
            if code not in target:
                target.append(code)
    return valid, unknown


def compare(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    codes: list[str],
    period: int | None = None,
    group: str | None = None,
) -> pd.DataFrame:
    """Up to four areas side by side: one row per indicator and area, on the spine scale.

    Per indicator the period is ``period`` or the latest period in which every compared area
    has a row (else the latest with any). Counts are left out: they depend on area size.
    """
    codes = compared_codes(codes)
    districts = set(district_codes(areas))
    meta = comparable(indicators).set_index("id")
    records: list[dict[str, object]] = []
    for indicator_id, rows, chosen in _compared_rows(values, indicators, codes, period, group):
        # city-only indicators (surveys, administration) say nothing about the districts
        if not any(a in codes and a != CITY for a in rows.areas):
            continue
        info = meta.loc[indicator_id]
        city, _ = rows.cell(CITY, chosen)
        sign = orientation(info["direction"])
        spread = spine(rows.values_in(chosen, districts), city, sign)
        for code in codes:
            value, flag = rows.cell(code, chosen)
            records.append(
                {
                    "indicator_id": indicator_id,
                    **{col: info[col] for col in META_COLUMNS},
                    "area_code": code,
                    "period": chosen,
                    "value": value,
                    "flag": flag,
                    "city": city,
                    "position": sign * (value - city) / spread["scale"],
                    "assessment": _assessment(info, value, city, flag, True, DEFAULT_TOLERANCE),
                }
            )
    columns = ["indicator_id", *META_COLUMNS, "area_code", "period", "value", "flag", "city",
               "position", "assessment"]  # fmt: skip
    frame = pd.DataFrame(records, columns=columns)
    return _order(frame, indicators) if not frame.empty else frame


def _compared_rows(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    codes: list[str],
    period: int | None,
    group: str | None,
) -> Iterator[tuple[str, IndicatorRows, int]]:
    """Per indicator with a common period: its rows (the compared areas' and the city's series,
    every area in that period) and the period; not all 2.7 million rows at 10x."""
    rows = _group_rows(values, comparable(indicators), group)
    shown = compare_periods(rows, indicators, codes, period, group)
    for indicator_id, mine in by_indicator(near_and_shown(rows, [*codes, CITY], shown)).items():
        if indicator_id in shown.index:
            yield indicator_id, mine, int(shown[indicator_id])
