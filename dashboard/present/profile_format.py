"""Numbers of a district profile in the page language: values, differences, ranks."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.present.format import fmt_number, fmt_percent
from dashboard.present.i18n import t


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the language."""
    return ",." if lang == "de" else ".,"


def fmt_value(
    value: float | None, unit: str, decimals: int, lang: str = "de", flag: object = None
) -> str:
    """A value with its unit: '47,8 %', '9,5 je 100', '37,6 m²', '5.998'; hidden as 'geheim'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("stadtteil.value.hidden", lang) if flag == "secret" else "–"
    decimals = int(decimals)
    if unit == "%":
        return fmt_percent(value, decimals, lang)
    text = fmt_number(value, decimals, lang)
    if unit in ("Personen", "Anzahl", "Fälle"):
        return text
    return f"{text} {unit}"


def fmt_diff(value: float | None, unit: str, decimals: int, lang: str = "de") -> str:
    """A signed difference: '+26,1 Pp.' for shares, '−2,3 m²' otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    text = fmt_number(abs(value), int(decimals), lang)
    suffix = (
        t("stadtteil.unit.pp", lang)
        if unit == "%"
        else ("" if unit in ("Personen", "Anzahl") else unit)
    )
    return f"{sign}{text} {suffix}".rstrip()


def rank_text(row: pd.Series, lang: str) -> str:
    """'3 von 45': the district's rank among the ranked districts, or a dash."""
    if pd.isna(row["rank"]):
        return "–"
    return t("stadtteil.rank.of", lang, rank=int(row["rank"]), n=int(row["n_ranked"]))


def row_value(row: pd.Series, column: str, flag_column: str | None, lang: str) -> str:
    """One value of a profile row in the row's unit and precision."""
    flag = row[flag_column] if flag_column else None
    return fmt_value(row[column], row["unit"], row["decimals"], lang, flag)
