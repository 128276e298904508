"""The district profile's summary sentence and what stands out, from a small inline profile."""

from __future__ import annotations

import pandas as pd

from dashboard.present.profile_tables import summary_markdown

COLUMNS = ["short", "value", "city", "unit", "decimals", "flag", "city_flag", "comparable",
           "assessment", "position"]  # fmt: skip
ROWS = [
    ("Arbeitslose", 9.5, 6.0, "je 100", 1, None, None, True, "worse", -2.0),
    ("SGB-II-Quote", 20.0, 12.0, "%", 1, None, None, True, "worse", -1.0),
    ("Kita-Besuch", 95.0, 90.0, "%", 1, None, None, True, "better", 1.5),
    ("Wohnfläche", 35.0, 35.2, "m²", 1, None, None, True, "similar", 0.1),
    ("Einwohnende", 11246.0, None, "", 0, None, None, False, "neutral", None),
]  # fmt: skip


def test_summary_counts_and_lists_the_largest_gaps_first() -> None:
    profile = pd.DataFrame(ROWS, columns=COLUMNS)
    sentence, standouts = summary_markdown(profile, "Coerde", "de")
    assert sentence.startswith("Coerde im Vergleich zur Stadt: besser bei **1**, ähnlich bei **1**")
    worse, better = standouts.split("\n")[1:]
    assert worse.index("Arbeitslose") < worse.index("SGB-II-Quote")  # farthest on the scale first
    assert "9,5 je 100" in worse and "Kita-Besuch" in better and "Wohnfläche" not in standouts


def test_only_descriptive_indicators_give_a_sentence_and_nothing_that_stands_out() -> None:
    profile = pd.DataFrame(ROWS[-1:], columns=COLUMNS)
    sentence, standouts = summary_markdown(profile, "Coerde", "en")
    assert "Coerde" in sentence and standouts == ""
