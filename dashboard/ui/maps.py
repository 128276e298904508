"""The map's Streamlit side: cached shapes and the table downloads.

The figure is ``dashboard.present.map_figure``, its texts ``dashboard.present.map_text`` and
what it shows ``dashboard.services.map_view`` (shared with the map slide).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.analysis.shapes import MapShapes
from dashboard.exports import neutralise, to_csv, to_xlsx
from dashboard.present.i18n import t
from dashboard.services.map_view import build_shapes
from dashboard.ui import data


# --- shapes -------------------------------------------------------------------------------------
def official_available(db: str) -> bool:
    """True when the official Stadtteil geometry has been imported."""
    return data.geometry_layers(db).get("amtlich_stadtteile", 0) > 0


def shapes(db: str, geometry: str, level: str) -> MapShapes | None:
    """Browser-ready shapes for a geometry (amtlich|kacheln) and a map level (None if absent).

    The simplified shapes are cached under a hash of the stored geometry, so a new import
    (which clears the data caches) is on the map at once.
    """
    digest = hashlib.sha1(usedforsecurity=False)
    for layer in sorted(data.geometry_layers(db)):
        frame = data.geometry(db, layer)
        for code, wkb in zip(frame["area_code"], frame["wkb"], strict=True):
            digest.update(f"{layer}:{code}:".encode() + bytes(wkb))
    return _shapes(db, geometry, level, digest.hexdigest())


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
