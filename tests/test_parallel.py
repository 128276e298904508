"""Work on several processes: same results, in order, and a fallback when processes fail."""

from __future__ import annotations

import logging
import math
import multiprocessing
import os

import pytest

from dashboard import parallel


def _dies_in_a_worker(x: int) -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed (out of memory, a signal)
    return x * 2


@pytest.mark.parametrize("worth", [False, True])
def test_results_come_in_the_order_of_the_pieces(worth: bool) -> None:
    pieces = [10, 3, 7, 0, 12]
    got = parallel.map_in_order(math.factorial, pieces, worth_processes=worth)
    assert got == [math.factorial(p) for p in pieces]


def test_work_not_worth_processes_stays_in_this_process() -> None:
    got = parallel.map_in_order(_dies_in_a_worker, [1, 2], worth_processes=False)
    assert got == [2, 4]


def test_a_failed_worker_falls_back_to_this_process(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(parallel, "processors", lambda: 2)
    with caplog.at_level(logging.WARNING, logger="dashboard.parallel"):
        got = parallel.map_in_order(_dies_in_a_worker, [1, 2, 3], worth_processes=True)
    assert got == [2, 4, 6]
    assert "running it in this process" in caplog.text
