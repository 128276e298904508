"""Cached access to the store for the pages (the only place the UI reaches the database)."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.bootstrap import initialise
from dashboard.catalogues import Catalogue
from dashboard.imports import store_catalogue
from dashboard.present import catalogue_text
from dashboard.readmodel import StoreRelease, released_near_and_shown, released_observations
from dashboard.store import Store
from dashboard.ui.shell import language

TTL_SECONDS = 300


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    """One Store per database file and process; initialises an empty database on first use."""
    store = Store(path)
    store.migrate()
    if not store.summary()["areas"]:
        initialise(store)
    return store


def store() -> Store:
    """The store of the configured database (LEITBILD_DB)."""
    return get_store(str(config.db_path()))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def summary(path: str) -> dict[str, Any]:
    """What is loaded (counts, periods, last import)."""
    return get_store(path).summary()


def catalogue(path: str, table: str) -> pd.DataFrame:
    """One catalogue table, its texts in the UI language."""
    return _catalogue(path, table, language())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def _catalogue(path: str, table: str, lang: str) -> pd.DataFrame:
    """One catalogue table in one language (cached per language)."""
    return catalogue_text.localise_frame(table, get_store(path).catalogue(table), lang)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def import_log(path: str, limit: int = 10) -> pd.DataFrame:
    """Newest import log entries."""
    return get_store(path).import_log(limit)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def geometry_layers(path: str) -> dict[str, int]:
    """Geometry layers and their number of areas."""
    return get_store(path).geometry_layers()


def catalogues(path: str) -> Catalogue:
    """All catalogues with their lookups, texts in the UI language (ids unchanged)."""
    return _catalogues(path, language())


# A resource, not data: pages ask for the catalogue dozens of times a rerun, and cache_data
# unpickled a private copy every time (~5-30 ms each). Shared read-only per process and
# language; nothing changes a Catalogue after it is built. Cleared with the data caches.
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def _catalogues(path: str, lang: str) -> Catalogue:
    """All catalogues in one language (cached per language)."""
    return catalogue_text.localise(_stored_catalogue(path), lang)


# The catalogues as stored (ids, German texts): read once, not once by every cache that needs
# them (the released values and each language; ~40 ms each on a first visit).
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def _stored_catalogue(path: str) -> Catalogue:
    """The stored catalogues with their lookups, shared read-only."""
    return store_catalogue(get_store(path))


def stored_catalogue(path: str) -> Catalogue:
    """The catalogues as stored (ids, German texts), for computations whose output has no text."""
    return _stored_catalogue(path)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def indicator_values(path: str, indicator_id: str) -> pd.DataFrame:
    """Released values of one indicator for all areas, periods and groups (suppression applied)."""
    return released_observations(get_store(path), _stored_catalogue(path), [indicator_id])


# A resource, not data: at 10x/100x this frame has millions of rows, and cache_data would
# unpickle a private copy on every call. Callers only read or filter it (copy-on-write).
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False)
def all_values(path: str) -> pd.DataFrame:
    """Released values of every indicator (suppression applied), shared read-only."""
    return released_observations(get_store(path), _stored_catalogue(path))


# Resources, not data, for the same reason as all_values. Each reads only its rows from the
# stored release (at 100x one area's rows in ~40 ms): holding the whole release to filter it
# cost 3.1 GB of server memory at 100x, for pages that show one district or a few indicators.
# Rows and their order as in all_values (the index starts at 0).
@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=64)
def area_values(path: str, codes: tuple[str, ...]) -> pd.DataFrame:
    """Released values of these areas only (every indicator), shared read-only."""
    return released_observations(get_store(path), _stored_catalogue(path), None, list(codes))


@st.cache_resource(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def values_of(path: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Released values of these indicators only (every area), shared read-only."""
    return released_observations(get_store(path), _stored_catalogue(path), list(indicator_ids))


def release(path: str) -> StoreRelease:
    """Reads of the released values (not cached: the caller, e.g. a deck, caches its result)."""
    return StoreRelease(get_store(path), _stored_catalogue(path))


def near_and_shown(path: str, near: list[str], shown: pd.Series) -> pd.DataFrame:
    """Released values of the ``near`` areas and of every area in each indicator's ``shown``
    period (indicator id -> period): what a profile or a comparison reads (not cached: the
    caller caches its result)."""
    periods = {str(iid): int(period) for iid, period in shown.items()}
    return released_near_and_shown(get_store(path), _stored_catalogue(path), near, periods)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def geometry(path: str, layer: str) -> pd.DataFrame:
    """Area codes and WKB geometry of one layer."""
    return get_store(path).geometry(layer)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def geometry_version(path: str) -> str:
    """A hash of every stored shape (keys the map's shapes and figures; hashed once per write)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for layer in sorted(geometry_layers(path)):
        frame = geometry(path, layer)
        for code, wkb in zip(frame["area_code"], frame["wkb"], strict=True):
            digest.update(f"{layer}:{code}:".encode() + bytes(wkb))
    return digest.hexdigest()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def measures(path: str) -> pd.DataFrame:
    """Active measures with their links."""
    return get_store(path).measures()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def targets(path: str) -> pd.DataFrame:
    """Active targets."""
    return get_store(path).targets()


def clear_caches() -> None:
    """Drop cached query results (after every write)."""
    for fn in (
        summary,
        _catalogue,
        import_log,
        geometry_layers,
        _stored_catalogue,
        _catalogues,
        indicator_values,
        all_values,
        area_values,
        values_of,
        geometry,
        geometry_version,
        measures,
        targets,
    ):
        fn.clear()


# --- data version as cache key (issue 13) ------------------------------------------------------
# Every import, undo and catalogue change moves the store's data version. Each script run
# compares it with the version the caches were filled under and drops them all when it moved,
# so every open session shows new data on its next click, without a restart.
_CACHED_VERSION: dict[str, str] = {}


def refresh_if_changed() -> bool:
    """Drop every cached result when the data changed since they were cached; True if so."""
    path = str(config.db_path())
    version = store().data_version()
    seen = _CACHED_VERSION.get(path)
    _CACHED_VERSION[path] = version
    if seen is None or seen == version:
        return False
    clear_all_caches()
    return True


# Caches of modules built on this one (they register here, so this module imports none of them)
_DEPENDENT_CACHES: list[Any] = []


def register_cache(cached: Any) -> Any:
    """Clear ``cached`` (a cached function) together with this module's caches; returns it."""
    _DEPENDENT_CACHES.append(cached)
    return cached


def clear_all_caches() -> None:
    """Drop the cached results of every page module (data and shared frames, not the store)."""
    st.cache_data.clear()
    all_values.clear()
    area_values.clear()
    values_of.clear()
    _stored_catalogue.clear()
    _catalogues.clear()
    clear_dependent_caches()


def clear_dependent_caches() -> None:
    """Drop the registered caches (figures and views built on this module's data)."""
    for cached in _DEPENDENT_CACHES:
        cached.clear()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def observation_notes(path: str, indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """The statistics office's notes and series breaks stored with these indicators' values."""
    return get_store(path).observation_notes(list(indicator_ids))
