"""The one definition of what values an indicator can take, used by every import path.

A value outside its possible range (a share over 100 %, a rate "je 100" over 100, a negative
or fractional count) and a header unit that contradicts the indicator's unit are errors. A
possible but implausible value (more than a factor ``JUMP_FACTOR`` away from the stored
previous period of the same area and group) is a warning shown before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.catalogues import normalise_name
from dashboard.errors import Problem

JUMP_FACTOR = 3.0
# header words that state a unit, by unit class (compared after normalise_name)
_UNIT_PATTERNS: dict[str, re.Pattern[str]] = {
    "per1000": re.compile(r"^(?:angaben\s+)?(?:in\s+)?(?:je|pro|auf)\s+1\.?000\b"),
    "per100": re.compile(r"^(?:angaben\s+)?(?:in\s+)?(?:je|pro|auf)\s+100\b(?!\.?000)"),
    "percent": re.compile(r"^(?:angaben\s+)?(?:anteil\s+)?(?:in\s+)?(?:%|prozent)"),
    "count": re.compile(r"^(?:angaben\s+)?(?:in\s+)?(?:anzahl|personen|fälle|faelle|einwohner)"),
}
UNIT_LABELS = {"count": "Anzahl", "percent": "%", "per100": "je 100", "per1000": "je 1.000"}


def unit_class(text: str) -> str | None:
    """The unit class a header text states ('Anzahl' → count, '%' → percent), or None."""
    norm = normalise_name(text)
    for name, pattern in _UNIT_PATTERNS.items():
        if pattern.match(norm):
            return name
    return None


def indicator_unit_class(indicator: dict[str, Any]) -> str | None:
    """The unit class an indicator's values have (None for means and indices)."""
    kind, unit = str(indicator["kind"]), str(indicator["unit"])
    if kind == "count":
        return "count"
    if kind == "share":
        return "percent"
    if kind == "rate":
        return "per1000" if "1000" in unit.replace(".", "") else "per100"
    return None


@dataclass(frozen=True)
class ValueRule:
    """The possible values of one indicator: bounds (None = open) and whether whole numbers."""

    low: float | None
    high: float | None
    integer: bool
    expected: str  # what a refusal of a value out of range says is expected


def value_rule(indicator: dict[str, Any]) -> ValueRule:
    """The possible range of an indicator's values, from its kind and unit."""
    unit_class_ = indicator_unit_class(indicator)
    if unit_class_ == "count":
        return ValueRule(0.0, None, True, "eine Anzahl ≥ 0")
    if unit_class_ == "percent":
        return ValueRule(0.0, 100.0, False, "einen Anteil zwischen 0 und 100")
    if unit_class_ == "per100":
        return ValueRule(0.0, 100.0, False, "einen Wert je 100 zwischen 0 und 100")
    if unit_class_ == "per1000":
        return ValueRule(0.0, 1000.0, False, "einen Wert je 1.000 zwischen 0 und 1.000")
    return ValueRule(None, None, False, "eine Zahl")


INTEGER_EXPECTED = "eine ganze Zahl (Anzahl)"


def count_hint(indicator: dict[str, Any]) -> str:
    """The advice added when counts arrive for a share or rate."""
    if indicator_unit_class(indicator) in ("percent", "per100", "per1000"):
        return (
            f"; sind es Anzahlen, dann als Zähler/Nenner angeben oder einen Anzahl-Indikator "
            f"wählen (der Indikator {indicator['id']} erwartet {indicator['unit']})"
        )
    return ""


def unit_problem(
    file: str, row: int | None, column: str | None, header_unit: str, indicator: dict[str, Any]
) -> Problem | None:
    """An error when a header unit contradicts the indicator's unit (None when they agree)."""
    stated = unit_class(header_unit)
    wanted = indicator_unit_class(indicator)
    if stated is None or wanted is None or stated == wanted:
        return None
    expected = (
        f"Werte in „{indicator['unit']}“ (Einheit des Indikators {indicator['id']})"
        + count_hint(indicator)
    )
    return Problem(file, row, column, expected, f"Einheit „{header_unit}“ ({UNIT_LABELS[stated]})")


def jump_warnings(frame: pd.DataFrame, previous: pd.DataFrame, file: str) -> list[Problem]:
    """Warnings for values more than JUMP_FACTOR away from the stored previous period.

    ``frame`` has indicator_id, area_code, period, grp, value and _row; ``previous`` the same
    keys with prev_period and prev_value (the latest stored earlier period).
    """
    if frame.empty or previous.empty:
        return []
    keys = ["indicator_id", "area_code", "period", "grp"]
    both = frame.rename(columns={"_row": "line"}).merge(previous, on=keys, how="inner")
    both = both[(both["value"] > 0) & (both["prev_value"] > 0)]
    ratio = both["value"] / both["prev_value"]
    jumps = both[(ratio > JUMP_FACTOR) | (ratio < 1 / JUMP_FACTOR)]
    return [
        Problem(
            file,
            int(r.line),
            str(r.period),
            f"höchstens Faktor {JUMP_FACTOR:g} Abstand zum gespeicherten Wert "
            f"{int(r.prev_period)} ({r.prev_value:g}, {r.area_code}/{r.grp})",
            f"{r.value:g}",
            "warning",
        )
        for r in jumps.sort_values("line").itertuples()
    ]


def ratio_aggregate_problems(
    frame: pd.DataFrame, members: dict[str, list[str]], indicator: dict[str, Any], file: str
) -> list[Problem]:
    """Aggregate rows of a share or rate that lie outside the range of their districts.

    A share or rate of a Stadtbezirk or the city is a weighted mean of its districts, so it
    lies between their smallest and largest value; a larger value is a count (or a sum) where
    a rate is expected.
    """
    if indicator_unit_class(indicator) not in ("percent", "per100", "per1000") or frame.empty:
        return []
    keys = list(zip(frame["area_code"], frame["period"], frame["grp"], strict=True))
    values = {k: v for k, v in zip(keys, frame["value"], strict=True) if pd.notna(v)}
    rows = dict(zip(keys, frame["_row"], strict=True))
    problems = []
    for (code, period, grp), value in values.items():
        parts = [values.get((m, period, grp)) for m in members.get(code, [])]
        parts = [p for p in parts if p is not None]
        if len(parts) < 2 or min(parts) - 1e-9 <= value <= max(parts) + 1e-9:
            continue
        problems.append(
            Problem(
                file,
                int(rows[(code, period, grp)]),
                str(period),
                f"einen Wert zwischen {min(parts):g} und {max(parts):g} (Spanne der Stadtteile: "
                f"eine Summenzeile eines Anteils oder einer Quote ist ein Mittelwert)"
                + count_hint(indicator),
                f"{value:g}",
            )
        )
    return problems
