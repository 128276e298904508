"""Independent pieces of heavy work on several processors, results in order.

The disclosure audit of a 100x batch is minutes of linear programs per period, in Python and
the solver, both holding one processor; periods do not depend on each other. Small work
stays in the calling process: starting a process (it imports NumPy, pandas, SciPy) costs
about a second.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import TypeVar

LOG = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
MAX_PROCESSES = 8


def processors() -> int:
    """Processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_in_order(work: Callable[[T], R], pieces: Sequence[T], *, worth_processes: bool) -> list[R]:
    """``[work(p) for p in pieces]``, on several processes when that is worth it.

    ``work`` must be a module-level function and the pieces picklable. Processes are
    started fresh ("spawn"): forking a server with threads can copy a held lock. A fresh
    process imports the main script again, so a script calling this needs the usual
    ``if __name__ == "__main__"`` guard (``python -m dashboard``, streamlit and pytest have
    it). If the processes cannot run (a sandbox without them, a killed worker), the pieces
    run here.
    """
    count = min(processors(), len(pieces), MAX_PROCESSES)
    if not worth_processes or count < 2:
        return [work(piece) for piece in pieces]
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=get_context("spawn")) as pool:
            return list(pool.map(work, pieces))
    except (BrokenProcessPool, OSError) as exc:
        LOG.warning("parallel work failed (%s); running it in this process", exc)
        return [work(piece) for piece in pieces]
