"""The weekly review's protocol on the inline frames of test_review."""

from __future__ import annotations

import datetime as dt

from dashboard.analysis.review import build_review, default_window
from dashboard.analysis.review_protocol import build_protocol, protocol_markdown
from tests.test_review import EVENTS, FIELDS, MEASURES, TODAY


def test_protocol_separates_decisions_from_open_items() -> None:
    review = build_review(MEASURES, EVENTS, TODAY, *default_window(TODAY), FIELDS, 28,
                          {"8.2-L1"})  # fmt: skip
    protocol = build_protocol(review, "Anna", "- Raumfrage klären")
    decided = [i.measure_id for i in protocol.decided]
    pending = [i.measure_id for i in protocol.pending]
    assert decided == [1, 2, 3, 5] and pending == []
    text = protocol_markdown(protocol)
    assert text.startswith("# Wochenreview Maßnahmen – 24.11.2025\n")
    assert "Zeitraum: 17.11.2025 bis 24.11.2025" in text and "Protokoll: Anna" in text
    assert "### Sprachcafé (Nr. 1)" in text
    assert "18.11.2025, Anna: status – status: geplant → laufend – „los“" in text
    assert "überfällig seit 23 Tagen (geplantes Ende 01.11.2025)" in text
    assert "Ziele nicht auf Kurs: 8.2-L1" in text  # without names the id is all there is
    assert "**Nächster Schritt:** Treffen (bis 05.12.2025)" in text
    assert "### Alt (Nr. 5)" in text  # archived in the window: still a decision of the week
    assert text.rstrip().endswith("- Raumfrage klären")


def test_protocol_lists_unchanged_measures_that_need_attention_in_one_line() -> None:
    start = end = dt.date(2025, 11, 30)
    review = build_review(MEASURES, EVENTS, TODAY, start, end, FIELDS, 28)
    protocol = build_protocol(review, "", labels={"until": "by {date}"})
    assert not protocol.decided and [i.measure_id for i in protocol.pending] == [2, 3]
    text = protocol_markdown(protocol)
    assert "Im Zeitraum wurde keine Maßnahme geändert." in text
    assert "- **Stadtteilfest** (Nr. 3): Beginn seit 14 Tagen überfällig" in text
    assert "(by 05.12.2025)" in text and "Protokoll:" not in text


def test_protocol_escapes_markdown_in_user_text() -> None:
    frame = MEASURES.assign(title=["A *fett* # B", "x", "y", "z", "w"])
    review = build_review(frame, EVENTS, TODAY, *default_window(TODAY), FIELDS)
    text = protocol_markdown(build_protocol(review, "Anna"))
    assert "### A \\*fett\\* \\# B (Nr. 1)" in text


def test_protocol_names_goals_and_lists_off_track_goals_without_measure() -> None:
    """Issue 15: goals by name (no raw ids), counts with correct grammar, and the off-track
    goals no open measure names in their own section."""
    goals = {"8.2-L1", "7.1-Jugendliche-T1"}
    review = build_review(MEASURES, EVENTS, TODAY, *default_window(TODAY), FIELDS, 28, goals)
    names = {"8.2-L1": "8.2 Leitziel 1: Gleiche Teilhabe an Schule und Kita",
             "7.1-Jugendliche-T1": "7.1 Teilziel 1: Jugendliche begleiten"}  # fmt: skip
    covered = {g for gs, s in zip(MEASURES["goals"], MEASURES["status"], strict=True)
               if s in ("geplant", "laufend", "pausiert") for g in gs}  # fmt: skip
    assert review.uncovered_goals == sorted(goals - covered)
    text = protocol_markdown(build_protocol(review, "Anna", goal_names=names))
    assert "7.1-Jugendliche-T1" not in text and "8.2-L1" not in text
    assert "## Ziele abseits ohne Maßnahme" in text
    for goal in review.uncovered_goals:
        assert f"- {names[goal]}" in text
    if "8.2-L1" in covered:
        assert "Ziele nicht auf Kurs: 8.2 Leitziel 1: Gleiche Teilhabe an Schule und Kita" in text
    overview = text.split("## Überblick")[1].split("##")[0]
    assert "1 Statusänderungen" not in overview and "1 Einträge" not in overview
    assert f"{len(review.open_measures)} offene Maßnahme" in overview
