"""After a write: released values and default assessments stored at once; failures logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from dashboard.imports import store_catalogue
from dashboard.services import goal_assessments as ga
from dashboard.services import prepared
from dashboard.store import Store


def _never(*_args: object) -> None:
    raise AssertionError("computed on reading: not prepared")


def test_prepare_after_write_stores_what_the_pages_read(demo_db: Path) -> None:
    store = Store(demo_db)
    store.clear_stored_assessments()
    released, assessed = prepared.prepare_after_write(store)
    assert released > 1000 and assessed > 100
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ga, "assess_items", _never)
        catalogue, targets = store_catalogue(store), store.targets()
        assert len(ga.table(store, catalogue, targets, ga.DEFAULT_METHOD, True)) > 0


def test_a_failure_to_prepare_is_logged_and_the_write_stands(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(prepared, "prepare_assessments", broken)
    with caplog.at_level(logging.ERROR, logger=prepared.LOG.name):
        assert prepared.try_prepare(Store(demo_db)) is False
    assert "after a write failed" in caplog.text and "disk full" in caplog.text
