"""The one place where pages read and write their filters in the URL (st.query_params).

One rule for every page: a URL value that differs from the one the page last wrote comes from
outside (a shared link, the back button, a link from another page) and wins. Without a value
in the URL the session's choice stays, also after a visit to another page (the page's last
written value is remembered per session). Unknown or invalid values fall back to the default
and never raise. Nothing else in ``dashboard/ui`` or ``pages/`` touches ``st.query_params``
(a test checks); only the app's short-link hook reads the whole query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

# widgets pass ``persist_state=KEEP`` where their state should outlive another page's run
KEEP = "session"
YES, NO = "ja", "nein"  # the map page's words for a switch in the URL
FALSE_WORDS = ("0", "false", "nein")  # the goal pages' switches: anything else means on

Value = str | list[str] | None
_MISSING = object()


def _memo(page: str, param: str) -> str:
    """Session key remembering the URL value ``page`` last wrote for ``param``."""
    return f"_{page}_url_{param}"


def raw(param: str, *, joined: bool = False) -> str | None:
    """The parameter's text (all repeated values comma-joined when ``joined``), or None."""
    if joined:
        return ",".join(st.query_params.get_all(param)) or None
    return st.query_params.get(param)


def values(param: str, *, split: bool = False) -> list[str]:
    """Every value of a repeated parameter (also split at commas when ``split``)."""
    found = st.query_params.get_all(param)
    return [v for item in found for v in item.split(",")] if split else list(found)


def everything() -> dict[str, list[str]]:
    """The whole query as lists of values (for a short link of the current view)."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def drop(param: str) -> None:
    """Remove a parameter that belongs to no page (e.g. a followed short-link code)."""
    st.query_params.pop(param, None)


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


def yes_no(text: str) -> bool:
    """'ja' / 'nein' from the URL (anything else is invalid)."""
    if text not in (YES, NO):
        raise ValueError(text)
    return text == YES


def switch(text: str) -> bool:
    """A goal page's switch: '0', 'false' and 'nein' are off, any other value is on."""
    return text not in FALSE_WORDS


def dates(text: str | None, default: tuple[dt.date, ...], latest: dt.date) -> tuple[dt.date, ...]:
    """Comma-separated ISO dates (as many as ``default``, ascending, none after ``latest``).

    ``default`` when missing or invalid: a link never shows a window that cannot be chosen.
    """
    try:
        found = tuple(dt.date.fromisoformat(part) for part in (text or "").split(","))
    except ValueError:
        return default
    valid = len(found) == len(default) and list(found) == sorted(found) and found[-1] <= latest
    return found if valid else default


def _read(param: str, joined: bool, many: bool) -> Value:
    """The URL's value in the shape the page keeps (list when ``many``)."""
    return values(param, split=joined) if many else raw(param, joined=joined)


def sync(
    page: str,
    param: str,
    widget_key: str,
    resolve: Callable[[Any], Any],
    *,
    joined: bool = False,
    many: bool = False,
) -> bool:
    """Set ``widget_key`` from the URL when a value came from outside, else keep the session's.

    A widget's state is dropped while another page runs; it then comes back from the value
    this page last wrote, so a choice survives a visit elsewhere. ``resolve`` gets the text
    (a list when ``many``; None or [] when there is nothing). Returns True when set here.
    """
    value = _read(param, joined, many)
    memo = _memo(page, param)
    last = st.session_state.get(memo, _MISSING)
    if many and isinstance(last, str):  # written as one comma-joined value (write_all)
        last = last.split(",") if joined else [last]
    elif many and last is None:  # written as "nothing chosen"
        last = []
    elif not many and isinstance(last, list):  # written as repeated values
        last = ",".join(last) if joined else (last[0] if len(last) == 1 else last)
    present = bool(value) if many else value is not None
    if present and value != last:
        source: Any = value
    elif widget_key not in st.session_state:
        source = value if present or last is _MISSING else last
    else:
        return False
    st.session_state[memo] = source
    st.session_state[widget_key] = resolve(source)
    return True


def restore(
    page: str,
    param: str,
    widget_key: str,
    options: Sequence[Any],
    default: Any,
    cast: Callable[[str], Any] = str,
) -> str:
    """Like ``sync`` for one choice among ``options``; a kept choice no longer offered resets.

    Returns ``widget_key`` for the widget call.
    """

    def resolve(text: str | None) -> Any:
        return parse(text, options, default, cast)

    if not sync(page, param, widget_key, resolve) and st.session_state[widget_key] not in options:
        st.session_state[widget_key] = resolve(raw(param))
    return widget_key


def seed(
    page: str,
    param: str,
    options: Sequence[Any],
    default: Any,
    *,
    many: bool = False,
    flag: bool = False,
    key: str | None = None,
) -> str:
    """The widget state for ``param`` (key: the param unless given) set by the one URL rule.

    ``many``: comma-joined or repeated values, those in ``options`` kept; ``flag``: a switch
    ('0', 'false', 'nein' are off). Returns the widget key.
    """
    key = key or param
    if many:

        def chosen(items: list[str]) -> list[str]:
            return [v for v in items if v in options] or list(default)

        sync(page, param, key, chosen, joined=True, many=True)
    elif flag:
        sync(page, param, key, lambda text: parse(text, (True, False), default, switch))
    else:
        restore(page, param, key, options, default)
    return key


def write(page: str, param: str, value: object | None) -> None:
    """Write one URL parameter (None or [] removes it; a list repeats it) as ``page``'s own."""
    if isinstance(value, list | tuple):
        text: Value = [str(v) for v in value] or None
    else:
        text = None if value is None else str(value)
    if text is None:
        st.query_params.pop(param, None)
    elif isinstance(text, list):
        if st.query_params.get_all(param) != text:
            st.query_params[param] = text
    elif st.query_params.get(param) != text:
        st.query_params[param] = text
    st.session_state[_memo(page, param)] = text


def write_all(page: str, state: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Write several parameters; a value equal to its default (or empty) is left out.

    Booleans become '1'/'0' and lists one comma-joined value (the goal pages' format).
    """
    for param, value in state.items():
        if value == defaults.get(param) or value in (None, "", []):
            write(page, param, None)
        elif isinstance(value, bool):
            write(page, param, "1" if value else "0")
        elif isinstance(value, list):
            write(page, param, ",".join(value))
        else:
            write(page, param, value)


def written(page: str, param: str) -> str | None:
    """The value ``page`` last wrote for ``param`` (None when it wrote none)."""
    value = st.session_state.get(_memo(page, param))
    return value if isinstance(value, str) else None


def from_outside(page: str, param: str) -> bool:
    """True when the URL holds a value for ``param`` that ``page`` did not write itself."""
    text = raw(param)
    return text is not None and text != written(page, param)


def current(page: str, param: str) -> str | None:
    """The URL's value, else the one ``page`` last wrote in this session (then back in the URL)."""
    text = raw(param)
    if text is None and written(page, param) is not None:
        text = written(page, param)
        st.query_params[param] = text
    return text
