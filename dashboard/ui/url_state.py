"""The one place where pages read and write their filters in the URL (st.query_params).

A URL value that differs from the one a page last wrote comes from outside (a shared link,
the back button, another page) and wins; otherwise the session's choice stays. Unknown or
invalid values fall back to the default and never raise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

_MISSING = object()


def _memo(page: str, param: str) -> str:
    """Session key remembering the URL value ``page`` last wrote for ``param``."""
    return f"_{page}_url_{param}"


def raw(param: str, *, joined: bool = False) -> str | None:
    """The parameter's text (all repeated values comma-joined when ``joined``), or None."""
    if joined:
        return ",".join(st.query_params.get_all(param)) or None
    return st.query_params.get(param)


def parse(
    text: str | None, options: Sequence[Any], default: Any, cast: Callable[[str], Any] = str
) -> Any:
    """``text`` cast and checked against ``options``; the default when missing or invalid."""
    if text is None:
        return default
    try:
        value = cast(text)
    except (ValueError, TypeError):
        return default
    return value if value in options else default


def sync(
    page: str,
    param: str,
    widget_key: str,
    resolve: Callable[[str | None], Any],
    *,
    joined: bool = False,
) -> bool:
    """Set ``widget_key`` from the URL when it changed since ``page`` last wrote it.

    A widget's state is dropped while another page runs, so it is restored from the URL then
    too. Returns True when the URL decided the value.
    """
    text = raw(param, joined=joined)
    memo = _memo(page, param)
    if widget_key not in st.session_state or st.session_state.get(memo, _MISSING) != text:
        st.session_state[memo] = text
        st.session_state[widget_key] = resolve(text)
        return True
    return False


def write(page: str, param: str, value: object | None) -> None:
    """Write one URL parameter (None removes it) and remember it as ``page``'s own."""
    text = None if value is None else str(value)
    if text is None:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != text:
        st.query_params[param] = text
    st.session_state[_memo(page, param)] = text


def written(page: str, param: str) -> str | None:
    """The value ``page`` last wrote for ``param`` (None when it wrote none)."""
    value = st.session_state.get(_memo(page, param))
    return value if isinstance(value, str) else None


def from_outside(page: str, param: str) -> bool:
    """True when the URL holds a value for ``param`` that ``page`` did not write itself."""
    text = raw(param)
    return text is not None and text != written(page, param)
