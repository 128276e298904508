"""The map's Streamlit side: cached shapes and the table downloads.

The figure is ``dashboard.present.map_figure``, its texts ``dashboard.present.map_text`` and
what it shows ``dashboard.services.map_view`` (shared with the map slide).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.analysis.map_table import map_levels
from dashboard.analysis.shapes import MapShapes
from dashboard.exports import neutralise, to_csv, to_xlsx
from dashboard.present import map_figure
from dashboard.present.i18n import t
from dashboard.present.map_figure import MapSpec
from dashboard.services import map_view
from dashboard.services.map_view import MapView, build_shapes
from dashboard.ui import data
from dashboard.ui.sent_figure import sent
from dashboard.ui.shell import language


# --- shapes -------------------------------------------------------------------------------------
def official_available(db: str) -> bool:
    """True when the official Stadtteil geometry has been imported."""
    return data.geometry_layers(db).get("amtlich_stadtteile", 0) > 0


def shapes(db: str, geometry: str, level: str) -> MapShapes | None:
    """Browser-ready shapes for a geometry (amtlich|kacheln) and a map level (None if absent).

    The simplified shapes are cached under a hash of the stored geometry, so a new import
    (which clears the data caches) is on the map at once.
    """
    return _shapes(db, geometry, level, data.geometry_version(db))


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=24)
def _shapes(db: str, geometry: str, level: str, version: str) -> MapShapes | None:
    """The shapes of ``shapes`` (``version`` only keys the cache)."""
    return build_shapes(
        data.catalogues(db).areas,
        data.geometry_layers(db),
        lambda layer: data.geometry(db, layer),
        geometry,
        level,
    )


def figure(
    db: str,
    where: tuple[str, str],
    shapes_: MapShapes,
    table: pd.DataFrame,
    texts: list[str],
    spec: MapSpec,
    lang: str,
) -> go.Figure:
    """The map figure, built once for everything it shows and shared by all sessions.

    The key hashes every input: the shapes by ``where`` (geometry, level) and the hash of the
    stored geometry, so a figure is only reused for identical inputs. Sessions only read it:
    Streamlit sends a copy.
    """
    inputs = (db, where, data.geometry_version(db), table, texts, spec, lang)
    key = hashlib.sha1(pickle.dumps(inputs), usedforsecurity=False).hexdigest()
    return _figure(key, lambda: map_figure.figure(shapes_, table, texts, spec, lang))


# a few selections per session; at 10x a figure holds a few MB of Python objects
@st.cache_resource(max_entries=16, show_spinner=False)
@sent
def _figure(key: str, _build: Callable[[], go.Figure]) -> go.Figure:
    """The figure ``_build`` makes, cached under ``key`` (the hash of its inputs)."""
    return _build()


# what a map of one indicator depends on besides indicator, period and group: level,
# classification method, number of classes, suppression limits, language
ViewKey = tuple[str, str, int, tuple[tuple[str, int], ...], str]


def view_key(display: dict[str, object]) -> ViewKey:
    """The key of the map shown with these display choices, in the current language."""
    limits = tuple(sorted(map_view.limits().items()))
    method, k = str(display["method"]), int(display["k"])  # type: ignore[call-overload]
    return str(display["level"]), method, k, limits, language()


def indicator_view(
    db: str, indicator: dict[str, object], period: int, group: str, display: dict[str, object]
) -> MapView:
    """The map of one selection (classes, table, reference), computed once per data version."""
    return view_of(db, indicator, period, group, view_key(display))


# Shared by every session; an import moves the data version, which clears it (data.py).
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def view_of(
    db: str, indicator: dict[str, object], period: int, group: str, key: ViewKey
) -> MapView:
    """``map_view.indicator_view`` on the released values (limits and language key it)."""
    level, method, k, _limits, _lang = key
    values = data.indicator_values(db, str(indicator["id"]))
    catalogue = data.catalogues(db)
    return map_view.indicator_view(values, catalogue, indicator, period, group, level, method, k)


@data.register_cache
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=512)
def levels(db: str, indicator_id: str) -> list[str]:
    """The map levels one indicator can be shown at (analysis.map_table.map_levels)."""
    catalogue = data.catalogues(db)
    indicators = catalogue.indicators
    indicator = indicators[indicators["id"] == indicator_id].iloc[0].to_dict()
    return map_levels(indicator, data.indicator_values(db, indicator_id), catalogue.areas)


def download_files(
    frame: pd.DataFrame, notes: list[tuple[str, str]], lang: str
) -> tuple[bytes, bytes]:
    """CSV of the table and an XLSX with the table and a notes sheet, formula-safe."""
    safe = neutralise(frame)
    sheet = pd.DataFrame(notes, columns=[t("karte.notes.topic", lang), t("karte.notes.note", lang)])
    workbook = {t("karte.table", lang)[:31]: safe, t("karte.notes.sheet", lang): neutralise(sheet)}
    return to_csv(safe), to_xlsx(workbook)


def deferred_download_files(
    frame: pd.DataFrame, notes: list[tuple[str, str]], lang: str
) -> tuple[Callable[[], bytes], Callable[[], bytes]]:
    """``download_files`` as two callables for st.download_button, built on the first download.

    They run in Streamlit's download thread when someone downloads, not on every rerun (the
    workbook alone cost ~60 ms a click); both share one build.
    """
    cache: dict[str, tuple[bytes, bytes]] = {}

    def built() -> tuple[bytes, bytes]:
        if "files" not in cache:
            cache["files"] = download_files(frame, notes, lang)
        return cache["files"]

    return (lambda: built()[0]), (lambda: built()[1])
