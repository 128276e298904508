"""What a session keeps about the measures it edits: the edited version and the last message."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.services.measure_edit import normalise
from dashboard.store import Store

FLASH_KEY = "leitbild_flash"


def flash() -> None:
    """Show the message left by the last write (after its rerun)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        # the toast is seen wherever the page is scrolled to; the box stays for reading
        st.toast(message, icon=":material/check_circle:")
        st.success(message, icon=":material/check_circle:")


def _base_key(mid: int) -> str:
    return f"base.{mid}"


def session_base(store: Store, mid: int) -> dict[str, Any] | None:
    """The version of a measure this session edits (kept until saved or reloaded)."""
    key = _base_key(mid)
    if key not in st.session_state:
        current = store.measure(mid)
        if current is None:
            return None
        st.session_state[key] = normalise(current)
    return st.session_state[key]


def reload_base(mid: int) -> None:
    """Forget the edited version, so the next run starts from the stored one."""
    st.session_state.pop(_base_key(mid), None)
