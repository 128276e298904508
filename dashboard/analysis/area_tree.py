"""The area hierarchy: parents of an area, its Stadtbezirk, the Stadtteile."""

from __future__ import annotations

import pandas as pd


def ancestors(areas: pd.DataFrame, code: str) -> list[str]:
    """Parent chain of an area, nearest first (e.g. '11' → ['1', 'B1', '0'])."""
    parent = dict(zip(areas["code"], areas["parent_code"], strict=True))
    chain: list[str] = []
    current = parent.get(code)
    while isinstance(current, str) and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain


def stadtbezirk_of(areas: pd.DataFrame, code: str) -> str | None:
    """Code of the Stadtbezirk an area belongs to (None for the city or unknown codes)."""
    level = dict(zip(areas["code"], areas["level"], strict=True))
    if level.get(code) == "stadtbezirk":
        return code
    return next((c for c in ancestors(areas, code) if level.get(c) == "stadtbezirk"), None)


def district_codes(areas: pd.DataFrame) -> list[str]:
    """Codes of all Stadtteile in catalogue order."""
    return list(areas.loc[areas["level"] == "stadtteil", "code"])
