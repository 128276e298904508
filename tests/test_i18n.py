"""Translations: every key in German and English; formatting in German conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.present.format import fmt_date, fmt_number, fmt_percent
from dashboard.present.i18n import LANGUAGES, MESSAGES, t


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_in_every_language(key: str) -> None:
    for lang in LANGUAGES:
        assert MESSAGES[key].get(lang), f"{key} lacks {lang}"


def test_fallback_and_placeholders() -> None:
    assert t("start.indicators_help", "fr", with_data=3, total=4).startswith("3 von 4")
    assert t("no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("args", "expected"),
    [((300267,), "300.267"), ((49.66, 1), "49,7"), ((1234.5, 1, "en"), "1,234.5"),
     ((None,), "–"), ((float("nan"),), "–"),
     # half away from zero as in official tables, where Babel alone would round half to even
     ((2.45, 1), "2,5"), ((0.125, 2), "0,13"), ((-2.5,), "-3"), ((2.5,), "3"), ((12, 1), "12,0")],
)  # fmt: skip
def test_fmt_number(args: tuple, expected: str) -> None:
    assert fmt_number(*args) == expected


def test_fmt_percent_and_date() -> None:
    assert fmt_percent(21.72) == "21,7 %"
    assert fmt_date(dt.date(2026, 11, 24)) == "24.11.2026"
    assert fmt_date(dt.datetime(2026, 11, 24, 5, 3)) == "24.11.2026, 05:03"
