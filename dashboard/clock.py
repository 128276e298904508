"""The one place the app takes today's date from (tests set LEITBILD_TODAY=YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """Today, or the fixed date in LEITBILD_TODAY (for tests and reproducible reviews)."""
    fixed = os.environ.get("LEITBILD_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
