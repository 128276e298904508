"""Read-only tables converted once per content and replayed on every later rerun.

``st.dataframe`` turns its frame into Arrow bytes on every script run, and a pandas Styler
(numbers in the page language) first renders every cell to text: on the map page that was a
third of a click's time for an unchanged 45-row table. Here the element is built inside a
cached function keyed by a digest of everything it shows, so Streamlit replays the finished
element. A table with a selection or a key is a widget and must not come through here.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.present.format import styled

# Entries hold the Arrow bytes of one table each: a few KB at 1x, ~0.5 MB for 4,500 areas.
MAX_TABLES = 128


def show_table(
    frame: pd.DataFrame,
    places: Mapping[str, int] | None = None,
    lang: str = "de",
    percent: Iterable[str] = (),
    **options: Any,
) -> None:
    """``st.dataframe(frame, **options)``, numbers styled by ``places`` when given, replayed.

    The key is a SHA-1 of the pickled frame and options: equal bytes mean an equal table (a
    frame built another way may miss the cache, never hit a wrong entry).
    """
    spec = (None if places is None else dict(places), lang, tuple(percent), options)
    digest = hashlib.sha1(pickle.dumps((frame, spec)), usedforsecurity=False).hexdigest()
    _table(digest, frame, spec)


@st.cache_data(max_entries=MAX_TABLES, show_spinner=False)
def _table(digest: str, _frame: pd.DataFrame, _spec: tuple) -> None:
    """Draw the table once; Streamlit replays the element for the same ``digest``."""
    del digest  # names the content in the cache key (Streamlit skips the _-arguments)
    places, lang, percent, options = _spec
    shown = _frame if places is None else styled(_frame, places, lang, percent)
    st.dataframe(shown, **options)
