"""Provenance and local notes on slides: a footer line on every slide (PPTX and PDF) and the
full texts with the district networks' visible notes in the PPTX speaker notes."""

from __future__ import annotations

import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.present.i18n import t
from dashboard.reports.slides import Slide
from dashboard.services import note_lines, provenance_column
from dashboard.store import Store

KEY = ["indicator_id", "area_code", "period", "grp"]


def _texts(store: Store, catalogue: Catalogue, values: pd.DataFrame, lang: str) -> list[str]:
    """The distinct provenances of the values (one period, a district or all areas)."""
    shown = values.dropna(subset=["value"])[KEY].drop_duplicates()
    found = provenance_column.texts(store, catalogue, shown, lang) if len(shown) else []
    return list(dict.fromkeys(x for x in found if x))


def annotate(
    slides: list[Slide],
    store: Store,
    catalogue: Catalogue,
    values: pd.DataFrame,
    lang: str,
    period: int | None = None,
) -> list[Slide]:
    """Each slide with the provenance of the values of its period (its district's on a
    district slide) and, on a district slide, the district's visible local notes."""
    names = dict(zip(catalogue.indicators["id"], catalogue.indicators["short"], strict=True))
    goals = catalogue.frames["goal"]
    goal_labels = dict(zip(goals["id"], goals["label"], strict=True))
    cache: dict[str | None, list[str]] = {}
    periods = values.dropna(subset=["value"])["period"]
    if period is None or period not in set(periods):  # the deck's year, else the newest
        period = int(periods.max()) if len(periods) else None
    for slide in slides:
        area = slide.ref if slide.kind == "district" else None
        if area not in cache:
            rows = values[values["period"] == period]
            cache[area] = _texts(
                store, catalogue, rows[rows["area_code"] == area] if area else rows, lang
            )
        found = cache[area]
        if not found:
            continue
        kinds = ", ".join(dict.fromkeys(x.split(" – ")[0] for x in found))
        slide.footer = f"{slide.footer}   ·   {t('prov.slide_footer', lang, text=kinds)}"
        slide.provenance_notes = [t("prov.slide_notes", lang), *found]
        if area:
            lines = note_lines.lines(note_lines.shown_notes(store, area), names, goal_labels, lang)
            if lines:
                slide.provenance_notes += [t("notes.export.slide_heading", lang), *lines]
    return slides
