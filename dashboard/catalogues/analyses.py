"""The ``analyses`` block of indicators.yaml: what the analyses and overviews start from.

Code never names an indicator, district or field of one city: where it needs "the population
indicator", "the headline share", "the focus districts" or "the fields a deck covers", the
catalogue declares them here, and ``Catalogue`` answers (``setting``, ``key_indicator``,
``focus_districts``, ``focus_fields``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.catalogues.yamlio import Checker

# key: (what the list holds, exactly one item?)
ANALYSIS_SETTINGS: dict[str, tuple[str, bool]] = {
    "social_index": ("indicators", False),  # core indicators of the social status index
    "similarity": ("indicators", False),  # starting conditions of "similar districts"
    "population": ("indicators", True),  # residents: key fact, index weights, minimum size
    "headline_share": ("indicators", True),  # the share a district page and the map lead with
    "focus_districts": ("areas", False),  # shown first: start page, comparisons, default page
    "deck_districts": ("areas", False),  # district slides of the default deck
    "focus_fields": ("fields", False),  # field slides of the default deck
}
EXPECTED = {
    "indicators": "eine vorhandene Indikator-ID",
    "areas": "ein Stadtteilschlüssel",
    "fields": "ein Handlungsfeld des Leitbilds",
}


def analysis_settings(
    data: dict[str, Any], checker: Checker, known: dict[str, set[str]]
) -> pd.DataFrame:
    """Per setting the ids it names, in order (stored in the column ``indicators``)."""
    block = data.get("analyses") or {}
    rows = []
    for i, key in enumerate(k for k in block if k != "__line__"):
        item = block[key] if isinstance(block[key], dict) else {}
        if key not in ANALYSIS_SETTINGS:
            checker.add(block, "analyses", "einer von " + ", ".join(ANALYSIS_SETTINGS), key)
            continue
        what, single = ANALYSIS_SETTINGS[key]
        listed = [str(x) for x in item.get(what) or []]
        for ref in listed:
            if ref not in known.get(what, set()):
                checker.add(item, what, EXPECTED[what], ref)
        if not listed:
            checker.add(item, what, "mindestens einen Eintrag", "keinen")
        elif single and len(listed) > 1:
            checker.add(item, what, "genau einen Eintrag", listed)
        rows.append({"key": key, "indicators": listed, "sort": i})
    return pd.DataFrame(rows, columns=["key", "indicators", "sort"])
