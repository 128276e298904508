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

import numpy as np
import pandas as pd

from dashboard.analysis.area_tree import district_codes, stadtbezirk_of

CITY = "0"
COMPARABLE_KINDS = ("share", "rate", "mean", "index")
ASSESSMENTS = ("better", "similar", "worse", "neutral", "hidden", "unknown")
MAX_COMPARE = 4
DEFAULT_TOLERANCE = 0.05  # a difference within 5 % of the city value counts as "similar"
TREND_WINDOW = 5  # periods looked back for the gap trend

SPINE_KEYS = ("scale", "range_min", "range_max", "q25", "q75")
META_COLUMNS = ["name", "short", "field_id", "unit", "kind", "direction", "decimals"]


def default_group(groups: object) -> str:
    """First declared group of an indicator (its default), 'insgesamt' when none is declared."""
    if isinstance(groups, list | tuple | np.ndarray) and len(groups):
        return str(groups[0])
    return "insgesamt"


def _group_rows(values: pd.DataFrame, indicators: pd.DataFrame, group: str | None) -> pd.DataFrame:
    """Rows of each indicator's default group, or of ``group`` where the indicator has it."""
    wanted = {
        row.id: (group if group is not None else default_group(row.groups))
        for row in indicators.itertuples()
    }
    mask = values["grp"].eq(values["indicator_id"].map(wanted))
    return values[mask]


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


def _latest_period(rows: pd.DataFrame, area: str, period: int | None) -> int | None:
    periods = rows.loc[rows["area_code"] == area, "period"]
    if period is not None:
        periods = periods[periods == period]
    return None if periods.empty else int(periods.max())


Cells = dict[tuple[str, int], tuple[float, object]]


def _cells(rows: pd.DataFrame) -> Cells:
    """(area, period) -> value and flag of the first such row of one indicator's rows.

    Built once per indicator: a profile looks up three areas, a comparison up to five.
    """
    cells: Cells = {}
    columns = (rows[c].tolist() for c in ("area_code", "period", "value", "flag"))
    for area, period, value, flag in zip(*columns, strict=True):
        cells.setdefault((area, int(period)), (float(value), flag))
    return cells


def _cell(cells: Cells, area: str | None, period: int) -> tuple[float, object]:
    """Value and flag of one area in one period (NaN, None when absent)."""
    if area is None:
        return math.nan, None
    return cells.get((area, int(period)), (math.nan, None))


def _spine(district_values: pd.Series, city: float, direction: str) -> dict[str, float]:
    """Scale and distribution (oriented positions) of the Stadtteile around the city value."""
    valid = district_values.dropna()
    if valid.empty or pd.isna(city):
        return dict.fromkeys(SPINE_KEYS, math.nan)
    scale = float((valid - city).abs().max()) or 1.0
    pos = orientation(direction) * (valid - city) / scale
    return {
        "scale": scale,
        "range_min": float(pos.min()),
        "range_max": float(pos.max()),
        "q25": float(pos.quantile(0.25)),
        "q75": float(pos.quantile(0.75)),
    }


def _rank(district_values: pd.Series, value: float, direction: str) -> tuple[float, int]:
    """Rank of value among the Stadtteile: 1 = best (or highest for neutral indicators)."""
    valid = district_values.dropna()
    if pd.isna(value) or valid.empty:
        return math.nan, len(valid)
    better = valid < value if direction == "lower_better" else valid > value
    return float(better.sum() + 1), len(valid)


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
    out: dict[str, object] = {"trend_from": None, "gap_from": math.nan, "gap_to": math.nan,
                              "gap_trend": None}  # fmt: skip
    own = rows[rows["area_code"] == area].set_index("period")["value"]
    city = rows[rows["area_code"] == CITY].set_index("period")["value"]
    gaps = (own - city).dropna()
    gaps = gaps[(gaps.index <= period) & (gaps.index > period - window)]
    if period not in gaps.index or len(gaps) < 2:
        return out
    first = int(gaps.index.min())
    now, then = float(gaps.loc[period]), float(gaps.loc[first])
    city_now = float(city.loc[period])
    margin = max(tolerance * abs(city_now), 1e-9)
    change = abs(now) - abs(then)
    trend = "stable" if abs(change) <= margin else ("converging" if change < 0 else "diverging")
    out.update({"trend_from": first, "gap_from": then, "gap_to": now, "gap_trend": trend})
    return out


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
    rows_all = _group_rows(values, indicators, group)
    meta = indicators.set_index("id")
    records: list[dict[str, object]] = []
    for indicator_id, rows in rows_all.groupby("indicator_id", sort=False):
        if indicator_id not in meta.index:
            continue
        info = meta.loc[indicator_id]
        latest = _latest_period(rows, code, period)
        if latest is None:
            continue
        records.append(
            _profile_row(indicator_id, info, rows, code, latest, bezirk_code, districts, tolerance)
        )
    return _order(pd.DataFrame(records, columns=PROFILE_COLUMNS), indicators)


def _profile_row(
    indicator_id: str,
    info: pd.Series,
    rows: pd.DataFrame,
    code: str,
    latest: int,
    bezirk_code: str | None,
    districts: set[str],
    tolerance: float,
) -> dict[str, object]:
    """The profile row of one indicator: the district beside city and Stadtbezirk."""
    cells = _cells(rows)
    value, flag = _cell(cells, code, latest)
    city, city_flag = _cell(cells, CITY, latest)
    bezirk, bezirk_flag = _cell(cells, bezirk_code, latest)
    comparable = info["kind"] in COMPARABLE_KINDS
    same = rows[(rows["period"] == latest) & rows["area_code"].isin(districts)]
    district_values = same.set_index("area_code")["value"]
    spine = _spine(district_values, city, info["direction"]) if comparable else {}
    scale, sign = spine.get("scale", math.nan), orientation(info["direction"])
    rank, n_ranked = _rank(district_values, value, info["direction"])
    return {
        "indicator_id": indicator_id,
        **{col: info[col] for col in META_COLUMNS},
        "grp": rows["grp"].iloc[0],
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
        **{k: spine.get(k, math.nan) for k in SPINE_KEYS},
        "rank": rank,
        "n_ranked": n_ranked,
        **(gap_trend(rows, code, latest, tolerance=tolerance) if comparable else {}),
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
    codes = list(dict.fromkeys(codes))[:MAX_COMPARE]
    districts = set(district_codes(areas))
    comparable = indicators[indicators["kind"].isin(COMPARABLE_KINDS)]
    rows_all = _group_rows(values, comparable, group)
    meta = comparable.set_index("id")
    records: list[dict[str, object]] = []
    for indicator_id, rows in rows_all.groupby("indicator_id", sort=False):
        mine = rows[rows["area_code"].isin(codes)]
        # city-only indicators (surveys, administration) say nothing about the districts
        if not (mine["area_code"] != CITY).any():
            continue
        chosen = _common_period(mine, codes, period)
        if chosen is None:
            continue
        info = meta.loc[indicator_id]
        cells = _cells(rows)
        city, _ = _cell(cells, CITY, chosen)
        same = rows[(rows["period"] == chosen) & rows["area_code"].isin(districts)]
        spine = _spine(same.set_index("area_code")["value"], city, info["direction"])
        for code in codes:
            value, flag = _cell(cells, code, chosen)
            records.append(
                {
                    "indicator_id": indicator_id,
                    **{col: info[col] for col in META_COLUMNS},
                    "area_code": code,
                    "period": chosen,
                    "value": value,
                    "flag": flag,
                    "city": city,
                    "position": orientation(info["direction"]) * (value - city) / spine["scale"],
                    "assessment": _assessment(info, value, city, flag, True, DEFAULT_TOLERANCE),
                }
            )
    columns = ["indicator_id", *META_COLUMNS, "area_code", "period", "value", "flag", "city",
               "position", "assessment"]  # fmt: skip
    frame = pd.DataFrame(records, columns=columns)
    return _order(frame, indicators) if not frame.empty else frame


def _common_period(rows: pd.DataFrame, codes: list[str], period: int | None) -> int | None:
    if period is not None:
        return period if (rows["period"] == period).any() else None
    if rows.empty:
        return None
    per_period = rows.groupby("period")["area_code"].nunique()
    complete = per_period[per_period >= len(codes)]
    return int(complete.index.max()) if not complete.empty else int(per_period.index.max())
