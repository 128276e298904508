"""What an unknown area code is expected to be, in one place for every import format.

The catalogue knows the city, its Stadtbezirke, Teilbereiche and 45 Stadtteile. A code of a
finer level (Stadtzellen: the Stadtteil's two digits and one more) is not an error of the file
but a level this version does not support yet; the message says so. The issue on the real
Münster data replaces this when finer levels are added.
"""

from __future__ import annotations

import re

from dashboard.catalogues import Catalogue

_FINER = re.compile(r"^(\d{2})\d{1,2}$")
FINER_NOT_SUPPORTED = "feinere Gebietsebenen (z. B. Stadtzellen) werden noch nicht unterstützt"


def district_range(catalogue: Catalogue) -> str:
    """The Stadtteil codes of the catalogue as 'Stadtteile 11–98'."""
    codes = catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"]
    numbers = sorted(int(c) for c in codes if str(c).isdigit())
    return f"Stadtteile {numbers[0]}–{numbers[-1]}" if numbers else "Stadtteile"


def is_finer_level(text: str, catalogue: Catalogue) -> bool:
    """True when a code looks like a subdivision of a known Stadtteil (e.g. 982 in 98)."""
    match = _FINER.match(str(text).strip().split(" ")[0])
    return bool(match) and catalogue.resolve_area(match[1]) is not None


def unknown_area_expected(text: str, catalogue: Catalogue) -> str:
    """The 'expected' of a problem about an area the catalogue does not know."""
    base = f"einen Gebietsschlüssel oder -namen aus dem Katalog ({district_range(catalogue)}"
    if is_finer_level(text, catalogue):
        return f"{base}; {FINER_NOT_SUPPORTED})"
    return base + ", Stadtbezirke, Stadt)"
