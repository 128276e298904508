"""Progress statuses of targets and goals: the one definition of their codes, groups and bands.

A target's status comes from one of two methods (Destatis or Open SDG's CAGR, see
``dashboard.analysis.progress``); a goal's status from the mean score of its targets.
The thresholds of both methods and the score bands of the roll-up live here.
"""

from __future__ import annotations

REACHED = "reached"
ON_TRACK = "on_track"
SLIGHTLY_OFF = "slightly_off"
OFF_TRACK = "off_track"
WRONG_DIRECTION = "wrong_direction"
NOT_ASSESSABLE = "not_assessable"

# Best first; "not assessable" last (it has no points).
STATUS_CODES = (REACHED, ON_TRACK, SLIGHTLY_OFF, OFF_TRACK, WRONG_DIRECTION, NOT_ASSESSABLE)
GOOD = (REACHED, ON_TRACK)
OFF = (SLIGHTLY_OFF, OFF_TRACK, WRONG_DIRECTION)  # everything short of on track
BAD = (OFF_TRACK, WRONG_DIRECTION)  # clearly off: calls for a measure
# The three categories a method's thresholds separate (the fourth is the wrong direction).
GRADED = (ON_TRACK, SLIGHTLY_OFF, OFF_TRACK)

# Destatis: projected miss as a share of the remaining gap.
DESTATIS_ON_TRACK = 0.05  # below 5 %
DESTATIS_SLIGHTLY_OFF = 0.20  # up to 20 %
# Open SDG (CAGR): lower bounds of on track, slightly off, off track.
CAGR_WITH_TARGET = (0.95, 0.6, 0.0)  # ratio observed / required growth
CAGR_WITHOUT_TARGET = (0.015, 0.005, 0.0)  # observed growth per year

# Points per category for roll-ups: the middle of Open SDG's score band of the category.
CATEGORY_SCORES = {
    REACHED: 5.0, ON_TRACK: 3.75, SLIGHTLY_OFF: 1.25, OFF_TRACK: -1.25, WRONG_DIRECTION: -3.75,
}  # fmt: skip
# Roll-up bands (Open SDG): (lower bound of the mean score, status), checked top-down;
# below the last: wrong direction.
ROLLUP_BANDS = ((2.5, ON_TRACK), (0.0, SLIGHTLY_OFF), (-2.5, OFF_TRACK))


def band(score: float) -> str:
    """Status of a mean score (Open SDG bands)."""
    for lower, status in ROLLUP_BANDS:
        if score >= lower:
            return status
    return WRONG_DIRECTION


def category(value: float, thresholds: tuple[float, float, float]) -> str:
    """Status of a value against the lower bounds of on track, slightly off and off track."""
    for lower, status in zip(thresholds, GRADED, strict=True):
        if value >= lower:
            return status
    return WRONG_DIRECTION
