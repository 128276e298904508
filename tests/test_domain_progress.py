"""The progress statuses, their groups and thresholds, defined once in dashboard.domain.progress."""

from __future__ import annotations

import pytest

from dashboard.domain import progress as ps
from dashboard.present.i18n import t


def test_status_codes_best_first() -> None:
    assert ps.STATUS_CODES == (
        "reached", "on_track", "slightly_off", "off_track", "wrong_direction", "not_assessable",
    )  # fmt: skip


def test_groups() -> None:
    assert ps.GOOD == ("reached", "on_track")
    assert ps.OFF == ("slightly_off", "off_track", "wrong_direction")
    assert ps.BAD == ("off_track", "wrong_direction")
    assert set(ps.GOOD) | set(ps.OFF) | {ps.NOT_ASSESSABLE} == set(ps.STATUS_CODES)


@pytest.mark.parametrize("code", ps.STATUS_CODES)
def test_every_status_has_a_german_and_an_english_label(code: str) -> None:
    import dashboard.present.progress_labels  # noqa: F401  (registers the zi.* messages)

    de, en = t(f"zi.status.{code}", "de"), t(f"zi.status.{code}", "en")
    assert de and en and de != en


def test_thresholds() -> None:
    assert (ps.DESTATIS_ON_TRACK, ps.DESTATIS_SLIGHTLY_OFF) == (0.05, 0.20)
    assert ps.CAGR_WITH_TARGET == (0.95, 0.6, 0.0)
    assert ps.CAGR_WITHOUT_TARGET == (0.015, 0.005, 0.0)
    assert set(ps.CATEGORY_SCORES) == set(ps.STATUS_CODES) - {ps.NOT_ASSESSABLE}


@pytest.mark.parametrize(
    ("score", "status"),
    [(5.0, "on_track"), (2.5, "on_track"), (2.49, "slightly_off"), (0.0, "slightly_off"),
     (-0.01, "off_track"), (-2.5, "off_track"), (-2.51, "wrong_direction")],
)  # fmt: skip
def test_rollup_bands(score: float, status: str) -> None:
    assert ps.band(score) == status


@pytest.mark.parametrize(
    ("value", "status"),
    [(1.2, "on_track"), (0.95, "on_track"), (0.94, "slightly_off"), (0.6, "slightly_off"),
     (0.59, "off_track"), (0.0, "off_track"), (-0.01, "wrong_direction")],
)  # fmt: skip
def test_category_against_thresholds(value: float, status: str) -> None:
    assert ps.category(value, ps.CAGR_WITH_TARGET) == status


def test_category_scores_follow_the_bands() -> None:
    """The points of a category fall into that category's band of the roll-up."""
    for code, points in ps.CATEGORY_SCORES.items():
        if code != ps.REACHED:
            assert ps.band(points) == code
