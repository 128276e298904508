"""Status words, symbols and colours of progress statuses, and values in their units."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from dashboard.analysis.gaps import PP
from dashboard.domain.progress import (
    NOT_ASSESSABLE,
    OFF_TRACK,
    ON_TRACK,
    REACHED,
    SLIGHTLY_OFF,
    STATUS_CODES,
    WRONG_DIRECTION,
)
from dashboard.present import theme
from dashboard.present.format import fmt_number

Tr = Callable[..., str]


STATUS_ORDER = STATUS_CODES


# Colours of the Open SDG gauges (green, yellow, orange, red) plus grey; text symbols exist in
# common fonts (DejaVu, Segoe UI Symbol) so tables and charts need no emoji font.
STATUS_COLORS = theme.STATUS_COLOURS


STATUS_SYMBOLS = {
    REACHED: "✓", ON_TRACK: "☀", SLIGHTLY_OFF: "◐", OFF_TRACK: "☁",
    WRONG_DIRECTION: "⚡", NOT_ASSESSABLE: "○", None: "·",
}  # fmt: skip


STATUS_ICONS = {
    REACHED: ":material/check_circle:", ON_TRACK: ":material/sunny:",
    SLIGHTLY_OFF: ":material/partly_cloudy_day:", OFF_TRACK: ":material/cloud:",
    WRONG_DIRECTION: ":material/thunderstorm:", NOT_ASSESSABLE: ":material/help:",
    None: ":material/remove:",
}  # fmt: skip


STATUS_MD_COLORS = {
    REACHED: "green", ON_TRACK: "green", SLIGHTLY_OFF: "orange", OFF_TRACK: "orange",
    WRONG_DIRECTION: "red", NOT_ASSESSABLE: "gray", None: "gray",
}  # fmt: skip


NO_DATA_COLOR = theme.NO_DATA


def status_code(code: Any) -> str | None:
    """A status code, or None for 'nothing to assess' (None or NaN from a frame)."""
    return code if isinstance(code, str) else None


def status_key(code: str | None) -> str:
    """Message key of a status label (None = nothing to assess)."""
    return f"zi.status.{status_code(code) or 'none'}"


def status_symbol(code: str | None) -> str:
    """The text symbol of a status ('☀', '⚡', …; '·' for none)."""
    return STATUS_SYMBOLS.get(status_code(code), "·")


def status_text(code: str | None, tr: Tr) -> str:
    """Symbol and label, e.g. '☀ auf Kurs' (for tables and charts)."""
    return f"{status_symbol(code)} {tr(status_key(code))}"


def status_markdown(code: str | None, tr: Tr) -> str:
    """Coloured icon and label for st.markdown."""
    code = status_code(code)
    color = STATUS_MD_COLORS.get(code, "gray")
    return f":{color}[{STATUS_ICONS.get(code, '')} {tr(status_key(code))}]"


PLAIN_UNITS = ("Anzahl",)  # counts read better without a unit after the number


def unit_text(unit: str, tr: Tr) -> str:
    """Unit as shown after a number ('%', 'Prozentpunkte', 'je 100', …)."""
    if unit in PLAIN_UNITS:
        return ""
    return tr("zi.unit.pp") if unit == PP else unit


def delta_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares, else the unit itself."""
    return PP if unit == "%" else unit


def fmt_value(
    value: float | None, unit: str, decimals: int, lang: str, tr: Tr, signed: bool = False
) -> str:
    """A value with its unit in the page language: '47,8 %', '+0,2 Prozentpunkte'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = fmt_number(value, decimals, lang)
    if signed and value > 0:
        text = "+" + text
    if unit == "%":
        return f"{text} %"
    suffix = unit_text(unit, tr)
    return f"{text} {suffix}".strip()


def ratio_text(value: float | None, lang: str) -> str:
    """A ratio with two decimals, or a dash when there is none."""
    return "–" if value is None or not math.isfinite(value) else fmt_number(value, 2, lang)


def pct_text(value: float | None, lang: str, signed: bool = False) -> str:
    """A share as a percentage in the page language, or a dash when there is none."""
    if value is None or not math.isfinite(value):
        return "–"
    text = fmt_number(value * 100, 1, lang)
    return ("+" if signed and value > 0 else "") + f"{text} %"
