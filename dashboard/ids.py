"""Strict parsing of numbers that come from outside (URL parameters): one pattern everywhere.

``str.isdigit`` accepts superscripts (``"²"``) and ``int`` accepts other scripts' digits,
spaces, signs and underscores; a URL parameter is a number only if it is plain ASCII digits.
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(raw: object) -> int | None:
    """The number written as 1–18 ASCII digits, else None (never an exception)."""
    if not isinstance(raw, str) or _ID.fullmatch(raw) is None:
        return None
    return int(raw)
