"""Tables of targets and their progress: labels, targets, gaps and years as people read them."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.analysis.gaps import PP, Track
from dashboard.analysis.progress import (
    Status,
)
from dashboard.present.format import fmt_number
from dashboard.present.progress_explain import explain_lines, short_reason
from dashboard.present.progress_labels import Tr, delta_unit, fmt_value, pct_text, status_text

Labels = dict[str, dict[str, Any]]


def _is(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def series_label(indicator_id: str, grp: str, labels: Labels) -> str:
    """'Kita-Besuch 3–6 (mit Migrationsvorgeschichte)'; the total group is not named."""
    ind = labels["indicator"].get(indicator_id, {})
    name = ind.get("short") or indicator_id
    return name if grp == "insgesamt" else f"{name} ({labels['group'].get(grp, grp)})"


def reference_label(row: pd.Series | dict, labels: Labels) -> str:
    """What a parity target compares with: 'Anteil mit MV, Stadt Münster'."""
    ref, area, grp = row.get("reference_indicator"), row.get("reference_area"), row.get(
        "reference_grp")  # fmt: skip
    if not _is(ref):
        return "–"
    text = series_label(str(ref), str(grp or "insgesamt"), labels)
    return f"{text}, {labels['area'].get(str(area), area)}"


def target_description(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """The target in words: '50,0 je 100 bis 2030', 'gleich … bis 2030', 'soll sinken'."""
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
    kind, period = row["type"], row.get("target_period")
    until = tr("zi.target.until", period=int(period)) if _is(period) else ""
    if row.get("implicit"):
        sense = "up" if ind.get("direction") == "higher_better" else "down"
        return tr("zi.target.implicit." + sense)
    if kind == "absolute":
        return f"{fmt_value(row['target_value'], unit, decimals, lang, tr)} {until}".strip()
    if kind == "relative_change":
        level = fmt_value(row.get("target_level"), unit, decimals, lang, tr)
        change = fmt_number(row["target_value"], 1, lang)
        change = ("+" if row["target_value"] > 0 else "") + change
        base = row.get("baseline_period")
        base = int(base) if _is(base) else "–"
        return tr("zi.target.relative", change=change, base=base, level=level, until=until).strip()
    if kind == "parity":
        return tr("zi.target.parity", reference=reference_label(row, labels), until=until).strip()
    sense = "up" if ind.get("direction") == "higher_better" else "down"
    return f"{tr('zi.target.direction.' + sense)} {until}".strip()


def target_value_text(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """Just the level to reach: '160', '6,7 je 100', '= 25,3 %' (parity), 'soll sinken'."""
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
    if row["type"] == "parity":
        return "= " + fmt_value(row.get("reference"), unit, decimals, lang, tr)
    if _is(row.get("target_level")):
        return fmt_value(row["target_level"], unit, decimals, lang, tr)
    sense = "up" if ind.get("direction") == "higher_better" else "down"
    return tr("zi.target.direction." + sense)


def gap_text(row: pd.Series | dict, labels: Labels, tr: Tr, lang: str) -> str:
    """Gap with unit; parity in percentage points; 'erreicht' when nothing is left to go."""
    if not _is(row.get("gap")):
        return "–"
    if row["gap"] <= 0:
        return tr("zi.gap.reached")
    ind = labels["indicator"].get(row["indicator_id"], {})
    unit = PP if row["type"] == "parity" else delta_unit(str(ind.get("unit") or ""))
    decimals = int(ind.get("decimals") or 0)
    if unit == PP:
        # short unit: the column and the metric are narrow; the explanation spells it out
        return f"{fmt_number(row['gap'], decimals, lang)} {tr('zi.unit.pp_short')}"
    return fmt_value(row["gap"], unit, decimals, lang, tr)


def years_text(row: pd.Series | dict, tr: Tr, lang: str) -> str:
    """Years to the target at the current pace: '4,1', 'erreicht', 'bei diesem Trend nie'."""
    gap, years = row.get("gap"), row.get("years_to_target")
    if not _is(gap):
        return "–"
    if gap <= 0:
        return tr("zi.gap.reached")
    if not _is(row.get("mean_change")):
        return "–"
    if not _is(years):
        return tr("zi.years.never")
    return fmt_number(years, 1, lang)


def display_table(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """The Ziel-Ist table: one row per target and area, texts in the page language."""
    rows = []
    for row in frame.to_dict("records"):
        ind = labels["indicator"].get(row["indicator_id"], {})
        unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
        years = years_text(row, tr, lang)
        actual = "–"
        if _is(row.get("period")):
            actual = f"{fmt_value(row['actual'], unit, decimals, lang, tr)} ({int(row['period'])})"
        rows.append(
            {
                "key": row["key"],
                "indicator": series_label(row["indicator_id"], row["grp"], labels),
                "area": labels["area"].get(row["area"], row["area"]),
                "status": status_text(row["status"], tr),
                "target": target_description(row, labels, tr, lang),
                "actual": actual,
                "gap": gap_text(row, labels, tr, lang),
                "trend": list(row["trend"]),
                "years": years,
                "reason": short_reason(row["result"], tr, lang),
                "gap_relative": float(row["gap_relative"])
                if _is(row.get("gap_relative"))
                else math.nan,
                "field": row["field_id"],
            }
        )
    return pd.DataFrame(rows)


def download_table(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """Assessments with raw numbers and the full explanation, for CSV/XLSX downloads."""
    rows = []
    for row in frame.to_dict("records"):
        ind = labels["indicator"].get(row["indicator_id"], {})
        unit, decimals = str(ind.get("unit") or ""), int(ind.get("decimals") or 0)
        status: Status = row["result"]
        ex = status.explanation
        rows.append(
            {
                "indicator": row["indicator_id"],
                "group": row["grp"],
                "area": row["area"],
                "area_name": labels["area"].get(row["area"], row["area"]),
                "type": "implicit_direction" if row["implicit"] else row["type"],
                "target": target_description(row, labels, tr, lang),
                "target_period": row.get("target_period"),
                "target_level": row["target_level"],
                "period": row["period"],
                "actual": row["actual"],
                "reference": row["reference"],
                "gap": row["gap"],
                "gap_relative_percent": row["gap_relative"],
                "unit": PP if row["type"] == "parity" else unit,
                "mean_change_per_year": row["mean_change"],
                "years_to_target": row["years_to_target"],
                "status": row["status"],
                "score": row["score"],
                "method": status.method,
                "rule": ex.rule,
                "projection": ex.projection,
                "miss_ratio": ex.miss_ratio,
                "ratio": ex.ratio,
                "points": "; ".join(f"{p}={v:.4g}" for p, v in ex.points),
                "explanation": " ".join(
                    explain_lines(
                        status,
                        unit if row["type"] != "parity" else PP,
                        decimals,
                        lang,
                        tr,
                        bool(row["implicit"]),
                    )
                ),
            }
        )
    return pd.DataFrame(rows)


def bullet_rows(frame: pd.DataFrame, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """Rows for the bullet chart: targets with a level, a baseline and a target period."""
    rows = []
    for row in frame.to_dict("records"):
        track: Track = row["track"]
        last = track.latest
        if (
            row["implicit"]
            or not track.has_level
            or last is None
            or track.baseline_value is None
            or not track.target_period
        ):
            continue
        if track.target_level == track.baseline_value:
            continue
        reached_at_start = (track.target_level - track.baseline_value) * track.sense <= 0
        if reached_at_start and not row["gap"] <= 0:
            continue
        achieved = (last.value - track.baseline_value) / (track.target_level - track.baseline_value)
        if row["gap"] <= 0:
            achieved = max(achieved, 1.0) if not reached_at_start else 1.0
        start = track.baseline_period or track.points[0].period
        span = track.target_period - start
        expected = (last.period - start) / span if span > 0 else 1.0
        ind = labels["indicator"].get(row["indicator_id"], {})
        label = (
            f"{series_label(row['indicator_id'], row['grp'], labels)} · "
            f"{labels['area'].get(row['area'], row['area'])}"
        )
        rows.append(
            {
                "key": row["key"],
                "label": label,
                "status": row["status"],
                "achieved": achieved,
                "expected": expected,
                "hover": tr(
                    "zi.bullet.hover",
                    label=label,
                    achieved=pct_text(achieved, lang),
                    expected=pct_text(expected, lang),
                    status=status_text(row["status"], tr),
                    actual=fmt_value(
                        last.actual,
                        str(ind.get("unit") or ""),
                        int(ind.get("decimals") or 0),
                        lang,
                        tr,
                    ),
                    period=last.period,
                ),
            }
        )
    return pd.DataFrame(rows, columns=["key", "label", "status", "achieved", "expected", "hover"])
