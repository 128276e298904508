"""Explanations of progress statuses in words (present/progress_explain.py)."""

from __future__ import annotations

import re

import pytest

from dashboard.analysis.gaps import PP
from dashboard.analysis.progress import assess
from dashboard.present import progress_explain as pexplain
from dashboard.present import progress_labels as plabels
from dashboard.present.i18n import LANGUAGES
from tests.progress_tracks import STATUSES, TRACKS, tr_for


def test_the_tracks_cover_every_status_and_rule() -> None:
    codes = {s.code for *_, s in STATUSES}
    assert codes == set(plabels.STATUS_ORDER)
    rules = {s.explanation.rule for _, m, _, s in STATUSES if m == "destatis"}
    assert rules >= {"projection", "moving_away", "stagnation", "reached",
                     "reached_but_worsening", "deadline_passed", "direction_both",
                     "direction_mean_only", "direction_latest_only", "direction_neither",
                     "direction_flat", "not_assessable"}  # fmt: skip
    reasons = {s.reason for *_, s in STATUSES if not s.assessable}
    assert reasons >= {"too_few_points", "no_direction", "zero_baseline", "no_data"}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize(("name", "method", "track", "status"), STATUSES,
                         ids=[f"{n}-{m}" for n, m, *_ in STATUSES])  # fmt: skip
def test_every_status_is_explained_in_words(name, method, track, status, lang) -> None:
    tr = tr_for(lang)
    unit = PP if track.target_type == "parity" else track.unit
    lines = pexplain.explain_lines(status, unit, 1, lang, tr)
    assert lines[0].startswith(("Status", "Status:"))
    assert len(lines) >= (2 if not status.assessable else 5), lines
    for text in [*lines, pexplain.short_reason(status, tr, lang), pexplain.summary_line(status, tr)
                 if status.assessable else ""]:  # fmt: skip
        assert not re.search(r"\bzi\.[a-z_.]+", text), text  # no message key left
        assert "{" not in text and "None" not in text and "nan" not in text, text
    if status.assessable and status.explanation.rule == "projection":
        # the thresholds of the rule are named in the page language
        assert any(("5,0 %" if lang == "de" else "5.0 %") in line_ for line_ in lines)
    if status.assessable and method == "cagr":
        assert any("−5" in line_ for line_ in lines)  # the score scale is named
    if status.assessable and status.explanation.rule == "projection":
        # a projection beyond the target is not called a (negative) miss
        short = pexplain.short_reason(status, tr, lang)
        overshoot = (status.explanation.miss or 0) <= 0
        assert ("Puffer" in short or "margin" in short) == overshoot, short
        assert "-" not in short and "−" not in short, short


def test_notes_are_explained() -> None:
    tr = tr_for("de")
    small = assess(TRACKS["small numbers"], "destatis")
    text = " ".join(pexplain.explain_lines(small, "%", 1, "de", tr))
    assert "kleine Fallzahl" in text and "Vorläufige Werte: 2025" in text
    secret = assess(TRACKS["secret values"], "destatis")
    text = " ".join(pexplain.explain_lines(secret, "Anzahl", 0, "de", tr))
    assert "Ausgelassen: 2020 (geheim, kleine Fallzahl)" in text
    district = assess(TRACKS["parity district"], "cagr")
    text = " ".join(pexplain.explain_lines(district, PP, 1, "de", tr))
    assert "Prozentpunkten statt Wachstumsraten" in text
