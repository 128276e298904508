"""gc_paused: the cyclic collector is off inside and restored afterwards, also on errors."""

from __future__ import annotations

import gc

import pytest

from dashboard.gc_pause import gc_paused


@gc_paused
def _state() -> bool:
    return gc.isenabled()


@gc_paused
def _fails() -> None:
    raise ValueError("boom")


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_inside_and_restored_after(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert _state() is False
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError, match="boom"):
            _fails()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
