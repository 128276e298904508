"""The map page's texts for one selection, made once per data version and shared by sessions.

Hover texts, the key figures above the map and the table under it depend only on the
selection, the language and the data. Made on every click they were about a third of a
rerun of the map page (hover texts, table headings and formatting, key figures: ~8 of
~30 ms at 1x); notes stay per click (anyone may add one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis.map_table import display_table
from dashboard.catalogues import Catalogue
from dashboard.present import map_text
from dashboard.present.i18n import t
from dashboard.services.map_view import MapView
from dashboard.ui import data, maps, provenance_data


@dataclass(frozen=True)
class KeyFigure:
    """One card above the map: what, its formatted value, and the area it belongs to."""

    label: str
    value: str
    place: str | None = None  # "61 Coerde" under the highest and the lowest value


@dataclass(frozen=True)
class MapParts:
    """What the map page shows of one selection besides the figure."""

    table: pd.DataFrame  # the view's table with where each value comes from ("provenance")
    texts: list[str]  # hover text per area (table order), without note markers
    common: str | None  # the provenance every area shares (said once under the map)
    cards: list[KeyFigure]  # key figures above the map
    unit: str | None  # "Angaben in Personen" above the cards when the unit is a word
    frame: pd.DataFrame  # the table under the map, with headings in the page's language
    places: dict[str, int]  # decimals per numeric column of ``frame``


def parts(
    db: str, indicator: dict[str, Any], period: int, group: str, display: dict[str, Any]
) -> MapParts:
    """The parts of the selection the page shows (see ``maps.indicator_view``)."""
    return _parts(db, indicator, period, group, maps.view_key(display))


# Shared by every session; an import moves the data version, which clears it (data.py).
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _parts(
    db: str, indicator: dict[str, Any], period: int, group: str, key: maps.ViewKey
) -> MapParts:
    """``parts`` for the view ``maps.indicator_view`` makes of the same selection."""
    view = maps.view_of(db, indicator, period, group, key)
    lang = key[-1]
    catalogue = data.catalogues(db)
    table = view.table.copy()
    # where every value comes from: official table and reference date, computed, or demo
    table["provenance"] = provenance_data.texts(
        db,
        str(indicator["id"]),
        period,
        group,
        tuple(table["code"]),
        tuple(table["origin"].fillna("")),
        lang,
    )
    common = map_text.common_provenance(list(table["provenance"]))
    texts = map_text.hover_texts(
        table,
        indicator,
        city=view.city,
        parts=part_names(indicator, catalogue, lang),
        lang=lang,
        common=common,
    )
    frame = table_frame(view, table, indicator, lang)
    places = map_text.column_decimals(frame, int(indicator["decimals"]), lambda key: t(key, lang))
    cards, unit = key_figures(view, indicator, lang)
    return MapParts(table, texts, common, cards, unit, frame, places)


def part_names(indicator: dict[str, Any], catalogue: Catalogue, lang: str) -> tuple[str, str]:
    """Names of numerator and denominator (the input indicators of a derived one)."""
    num, den = indicator.get("numerator_id"), indicator.get("denominator_id")
    if isinstance(num, str) and isinstance(den, str):
        indicators = catalogue.indicators
        short = dict(zip(indicators["id"], indicators["short"], strict=True))
        return str(short.get(num, num)), str(short.get(den, den))
    return t("karte.col.numerator", lang), t("karte.col.denominator", lang)


def key_figures(
    view: MapView, indicator: dict[str, Any], lang: str
) -> tuple[list[KeyFigure], str | None]:
    """The city, the highest and lowest area, how many areas have a value; the unit line."""
    decimals, unit = int(indicator["decimals"]), str(indicator["unit"])
    # a word as unit cut the value ("8.923 Pers…"), and then the label ("Höchster Wert: 61
    # Coerde (Pers…"), off in a quarter-width card: the unit goes above the cards, the area
    # under the value
    note, unit = (t("karte.side.unit", lang, unit=unit), "") if len(unit) > 2 else (None, unit)

    def shown_value(value: object) -> str:
        return map_text.fmt_value(value, decimals, unit, lang)

    table = view.table
    shown = table.dropna(subset=["value"]).sort_values("value", ascending=False)
    cards = [KeyFigure(t("karte.side.city", lang), shown_value(view.city))]
    if not shown.empty:
        for row, key in ((0, "karte.side.highest"), (-1, "karte.side.lowest")):
            area = shown.iloc[row]
            place = f"{area['code']} {area['name']}"
            cards.append(KeyFigure(t(key, lang), shown_value(area["value"]), place))
    cards.append(KeyFigure(t("karte.side.areas", lang), f"{len(shown)} / {len(table)}"))
    return cards, note


def table_frame(
    view: MapView, table: pd.DataFrame, indicator: dict[str, Any], lang: str
) -> pd.DataFrame:
    """The table under the map with headings (same values, rounded as displayed)."""
    unit = str(indicator["unit"])
    diff_unit = t("karte.unit.pp", lang) if unit == "%" else unit
    value = t("karte.col.value", lang)
    headings = {
        "code": t("karte.col.code", lang),
        "name": t("karte.col.name", lang),
        "value": f"{value} ({unit})" if unit else value,
        "numerator": t("karte.col.numerator", lang),
        "denominator": t("karte.col.denominator", lang),
        "rank": t("karte.col.rank", lang),
        "diff": f"{t('karte.col.diff', lang)} ({diff_unit})",
        "share_of_city": t("karte.col.share_of_city", lang),
        "class": t("karte.col.class", lang),
        "flag": t("karte.col.flag", lang),
        "provenance": t("karte.col.provenance", lang),
    }
    labels = [label.rsplit(" (", 1)[0] for label in view.legend(lang)]
    missing = t("karte.legend.missing", lang)
    class_names = [labels[c] if c >= 0 else missing for c in view.classes.classes]
    return display_table(
        table,
        class_names,
        headings,
        lambda f: map_text.flag_text(f, lang),
        kind=str(indicator["kind"]),
        decimals=int(indicator["decimals"]),
    )
