"""Pause Python's cyclic garbage collector while many objects are made at once.

A file of a few 100,000 rows becomes as many lists; each collection walks all of them, and
allocation triggers many collections: parsing took twice as long. Assessing 86,000 targets
(10x) makes ~2 million points, tracks and statuses: collections took ~2.7 of ~10 s. Nothing
made there forms reference cycles, so reference counting frees it all the same; a cycle made
meanwhile elsewhere is collected after the pause.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the cyclic collector off (restored afterwards, also on errors)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper
