"""Cached access to the store for the pages (the only place the UI reaches the database)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.bootstrap import initialise
from dashboard.store import Store

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


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def catalogue(path: str, table: str) -> pd.DataFrame:
    """One catalogue table."""
    return get_store(path).catalogue(table)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def import_log(path: str, limit: int = 10) -> pd.DataFrame:
    """Newest import log entries."""
    return get_store(path).import_log(limit)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def geometry_layers(path: str) -> dict[str, int]:
    """Geometry layers and their number of areas."""
    return get_store(path).geometry_layers()


def clear_caches() -> None:
    """Drop cached query results (after every write)."""
    for fn in (summary, catalogue, import_log, geometry_layers):
        fn.clear()
