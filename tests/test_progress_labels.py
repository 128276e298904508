"""Status words, symbols and values in their units (present/progress_labels.py)."""

from __future__ import annotations

import math

import pytest

from dashboard.analysis.gaps import PP
from dashboard.present import progress_labels as plabels
from dashboard.present.i18n import LANGUAGES, MESSAGES
from tests.progress_tracks import tr_for


def test_status_labels_and_symbols() -> None:
    tr = tr_for("de")
    assert plabels.status_text("on_track", tr) == "☀ auf Kurs"
    assert plabels.status_text(None, tr) == "· keine Bewertung"
    assert plabels.status_text(float("nan"), tr) == "· keine Bewertung"
    assert plabels.status_markdown("wrong_direction", tr) == (
        ":red[:material/thunderstorm: falsche Richtung]"
    )
    for code in plabels.STATUS_ORDER:
        for lang in LANGUAGES:
            assert MESSAGES[plabels.status_key(code)][lang]


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "lang", "signed", "expected"),
    [(47.766, "%", 1, "de", False, "47,8 %"), (26.0503, PP, 1, "de", False, "26,1 Prozentpunkte"),
     (0.229, PP, 2, "de", True, "+0,23 Prozentpunkte"), (1234.0, "Anzahl", 0, "de", False,
     "1.234"), (8.3, "je 100", 1, "en", False, "8.3 je 100"), (None, "%", 1, "de", False, "–"),
     (math.inf, "%", 1, "de", False, "–"), (-0.5, "%", 1, "de", True, "-0,5 %")],
)  # fmt: skip
def test_fmt_value(value, unit, decimals, lang, signed, expected) -> None:
    assert plabels.fmt_value(value, unit, decimals, lang, tr_for(lang), signed) == expected
