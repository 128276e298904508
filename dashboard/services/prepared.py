"""What the pages read first, computed right after a write instead of on the next visit.

The released values (disclosure control applied) and the goal pages' default assessments are
stored in the database per state of their inputs. ``init``, command-line imports and the imports
and undos of the Daten page compute them at once, so that no visitor waits for them.
"""

from __future__ import annotations

import logging

from dashboard.imports import store_catalogue
from dashboard.readmodel import prepare_released
from dashboard.services.goal_assessments import prepare_assessments
from dashboard.store import Store

LOG = logging.getLogger(__name__)


def prepare_after_write(store: Store) -> tuple[int, int]:
    """Compute and store the released values and the default assessments; their rows."""
    catalogue = store_catalogue(store)
    return prepare_released(store, catalogue), prepare_assessments(store, catalogue)


def try_prepare(store: Store) -> bool:
    """``prepare_after_write`` for a write that has landed: True when done.

    Both are caches, never a source: when preparing fails, the write still stands, the failure
    is logged and the pages compute what they need on their next visit.
    """
    try:
        prepare_after_write(store)
    except Exception:  # any failure: a cache must not turn a landed write into an error
        LOG.exception("preparing released values and assessments after a write failed")
        return False
    return True
