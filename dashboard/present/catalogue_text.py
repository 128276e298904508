"""Catalogue texts in the UI language: indicator, field, goal, group and unit labels by id.

German comes from the catalogue itself (data/*.yaml); English from
``dashboard/locales/en/catalogue.yaml`` (our own short summaries), nested by kind and id.
A text missing in English falls back to the catalogue's German.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

import pandas as pd

from dashboard.present.i18n import DEFAULT_LANGUAGE, LOCALES_DIR
from dashboard.yamltext import load_yaml

CATALOGUE_FILE = "catalogue.yaml"
C = TypeVar("C")  # a Catalogue (not imported: present reads no catalogue files itself)
# table of the catalogue → (kind in the locale file, {column: part of the entry})
TEXT_COLUMNS: dict[str, tuple[str, dict[str, str]]] = {
    "field": ("fields", {"title": "title", "short": "short"}),
    "goal": ("goals", {"label": "label", "name": "name"}),
    "indicator": ("indicators", {"name": "name", "short": "short", "definition": "definition"}),
    "group_label": ("groups", {"label": "label"}),
}


@cache
def translations(lang: str) -> dict[str, dict[str, Any]]:
    """The catalogue texts of one language, read once ({} for the catalogue's own German)."""
    path = LOCALES_DIR / lang / CATALOGUE_FILE
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return {}
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def text(kind: str, item_id: str, part: str, lang: str, german: str) -> str:
    """The one lookup: ``part`` of catalogue item ``item_id`` in ``lang`` (else ``german``)."""
    entry = translations(lang).get(kind, {}).get(str(item_id))
    if isinstance(entry, dict):
        entry = entry.get(part)
    elif part not in ("label", "unit"):
        entry = None  # a plain string entry is the item's label only
    return german if entry is None or german is None or _missing(german) else str(entry)


def _missing(value: Any) -> bool:
    """True for an empty cell (no text to translate)."""
    return value is None or (isinstance(value, float) and pd.isna(value))


def unit(value: str, lang: str) -> str:
    """A unit label (Personen → people) for display; the catalogue keeps the German unit."""
    return text("units", value, "unit", lang, value)


def localise_frame(table: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A catalogue table with its text columns in ``lang`` (ids and other columns unchanged)."""
    if lang == DEFAULT_LANGUAGE or table not in TEXT_COLUMNS:
        return frame
    kind, columns = TEXT_COLUMNS[table]
    out = frame.copy()
    for column, part in columns.items():
        if column in out.columns:
            out[column] = [
                text(kind, item_id, part, lang, german)
                for item_id, german in zip(out["id"], out[column], strict=True)
            ]
    return out


def localise(catalogue: C, lang: str) -> C:
    """The catalogue with every displayed text in ``lang``."""
    if lang == DEFAULT_LANGUAGE:
        return catalogue
    frames = catalogue.frames  # type: ignore[attr-defined]
    localised = {name: localise_frame(name, frame, lang) for name, frame in frames.items()}
    return dataclasses.replace(catalogue, frames=localised)  # type: ignore[type-var]
