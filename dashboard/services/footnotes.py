"""Footnotes of the statistics office: the table's own notes and series breaks, as lines.

Official publications print a table's notes ("Definitionsänderung ab 2011") under it. The
importer keeps them with each observation (``note``, ``series_break``); this module turns the
stored rows into the distinct footnote lines of the indicators a view shows. Pure: no SQL, no
Streamlit. A derived indicator carries the footnotes of the counts it is computed from.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.catalogues import Catalogue


def base_ids(catalogue: Catalogue, indicator_ids: Iterable[str]) -> dict[str, str]:
    """Stored indicator id → the shown indicator it belongs to (itself, or a derived one)."""
    out: dict[str, str] = {}
    for iid in indicator_ids:
        ind = catalogue.indicator(iid)
        if ind is None:
            continue
        parts = [ind.get("numerator_id"), ind.get("denominator_id")]
        for part in [p for p in parts if isinstance(p, str)] or [iid]:
            out.setdefault(part, iid)
    return out


def footnote_lines(
    notes: pd.DataFrame, catalogue: Catalogue, indicator_ids: Iterable[str], break_text: str
) -> list[str]:
    """Distinct lines 'Indicator: note' and 'Indicator: <break_text> year', in catalogue order.

    ``notes`` has the columns of ``Store.observation_notes``; ``break_text`` is the page
    language's words for a series break, with ``{period}`` in it.
    """
    shown = list(dict.fromkeys(indicator_ids))
    owners = base_ids(catalogue, shown)
    if notes.empty or not owners:
        return []
    rows = notes[notes["indicator_id"].isin(owners)]
    names = dict(zip(catalogue.indicators["id"], catalogue.indicators["short"], strict=True))
    lines: list[tuple[int, str]] = []
    for iid, part in rows.groupby("indicator_id", sort=False):
        owner = owners[str(iid)]
        name = names.get(str(iid), str(iid))
        rank = shown.index(owner)
        for text in dict.fromkeys(str(n) for n in part["note"].dropna() if str(n).strip()):
            lines.append((rank, f"{name}: {text}"))
        breaks = sorted({int(p) for p in part.loc[part["series_break"].fillna(False), "period"]})
        lines += [(rank, f"{name}: {break_text.format(period=p)}") for p in breaks]
    return [line for _rank, line in sorted(dict.fromkeys(lines), key=lambda x: x[0])]
