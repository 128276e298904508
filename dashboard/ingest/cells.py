"""Parse cells in German number format and the official table symbols into value and flag."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from dashboard.ingest.tables import Cell, cell_text

# Official symbols (Zeichenerklärung of the statistics offices) → stored flag.
SYMBOL_FLAGS: dict[str, str | None] = {
    "-": None,  # exactly zero
    "–": None,
    ".": "secret",  # secret or unknown
    "…": "not_yet_available",
    "...": "not_yet_available",
    "x": "not_meaningful",
    "/": "not_reliable",
}
SUFFIX_FLAGS = {"r": "corrected", "p": "provisional", "s": "estimated"}
FLAG_LABELS = {
    "secret": "geheim (.)",
    "not_yet_available": "noch nicht verfügbar (…)",
    "not_meaningful": "nicht sinnvoll (X)",
    "not_reliable": "nicht sicher genug (/)",
    "corrected": "berichtigt (r)",
    "provisional": "vorläufig (p)",
    "estimated": "geschätzt (s)",
    "not_available": "nicht vorhanden",
}
FLAGS_WITHOUT_VALUE = {"secret", "not_yet_available", "not_meaningful", "not_reliable"}
FLAGS = set(FLAG_LABELS)
NUMBER_EXPECTED = "eine Zahl (z. B. 1.450 oder 16,1) oder ein Tabellenzeichen (- . … X)"

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+(?:,\d+)?$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+$")
_SUFFIX = re.compile(r"^(?P<num>.*?\d)\s*(?P<flag>[rps])$", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: numeric value (None when absent) and official flag."""

    value: float | None
    flag: str | None = None


def parse_number(cell: Cell) -> Parsed | None:
    """Parse one cell; None means it is not a number or symbol (the caller reports it)."""
    if isinstance(cell, bool | dt.date):
        return None
    if isinstance(cell, int | float):
        return Parsed(float(cell)) if math.isfinite(cell) else None
    text = cell_text(cell)
    if text == "":
        return Parsed(None, "not_available")
    symbol = text.lower()
    if symbol in SYMBOL_FLAGS:
        flag = SYMBOL_FLAGS[symbol]
        return Parsed(0.0 if flag is None else None, flag)
    flag = None
    match = _SUFFIX.match(text)
    if match:
        text, flag = match["num"], SUFFIX_FLAGS[match["flag"].lower()]
    text = _SPACES.sub("", text).removesuffix("%")
    if _THOUSANDS.match(text):
        value = float(text.replace(".", "").replace(",", "."))
    elif _DECIMAL_COMMA.match(text):
        value = float(text.replace(",", "."))
    elif _DECIMAL_POINT.match(text):
        value = float(text)
    else:
        return None
    return Parsed(value, flag)


_DATE = re.compile(r"^(?:(\d{1,2})\.(\d{1,2})\.)?((?:19|20)\d{2})(?:-\d{2}-\d{2})?$")


def parse_period(cell: Cell) -> int | None:
    """A reporting year from 2014, 2014.0, '31.12.2014' or '2014-12-31'; None if not a year."""
    if isinstance(cell, dt.date):
        return cell.year
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return int(cell) if float(cell).is_integer() and 1900 <= cell <= 2100 else None
    text = cell_text(cell)
    match = _DATE.match(text)
    if not match:
        return None
    try:  # a full date must be a real date: 2014-13-45 is no reporting year
        if "-" in text:
            dt.date.fromisoformat(text)
        elif match[1]:
            dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return int(match[3])
