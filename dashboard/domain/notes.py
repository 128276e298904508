"""Local notes ("Einordnung vor Ort"): what a note is attached to, its states, its text rules.

District networks explain numbers the data cannot ("the drop in 2024 is the closing of the Kita
on X street"). A note belongs to one district and, optionally, to one indicator (and period) or
one goal there, and may point to a measure. Notes are never deleted: the KI team marks a note as
reviewed or hides it, and every change is kept in the note's history.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dashboard.errors import Problem

VISIBLE = "sichtbar"
REVIEWED = "geprueft"
HIDDEN = "ausgeblendet"
STATUSES = (VISIBLE, REVIEWED, HIDDEN)
SHOWN_TO_VIEWERS = (VISIBLE, REVIEWED)
MAX_TEXT = 1000
MIN_TEXT = 3
MAX_ORGANISATION = 120


@dataclass(frozen=True)
class NoteTarget:
    """What a note is about: a district, optionally an indicator (and period) or a goal."""

    area_code: str
    indicator_id: str | None = None
    period: int | None = None
    goal_id: str | None = None
    measure_id: int | None = None

    @property
    def kind(self) -> str:
        """'indicator', 'goal' or 'district' (for labels and filtering)."""
        if self.indicator_id is not None:
            return "indicator"
        if self.goal_id is not None:
            return "goal"
        return "district"


def _control_characters(text: str, allow_newlines: bool) -> list[str]:
    """Control and format characters (zero-width, bidi overrides …) found in the text."""
    allowed = {"\n"} if allow_newlines else set()
    return sorted(
        {
            f"U+{ord(ch):04X}"
            for ch in text
            if ch not in allowed and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")
        }
    )


def note_problems(text: str, organisation: str, target: NoteTarget) -> list[Problem]:
    """Every reason a note cannot be saved (empty list: it can)."""
    problems: list[Problem] = []

    def add(column: str, expected: str, found: str) -> None:
        problems.append(Problem("Hinweis", None, column, expected, found))

    body = text.replace("\r\n", "\n").strip()
    if not MIN_TEXT <= len(body) <= MAX_TEXT:
        add("Text", f"{MIN_TEXT} bis {MAX_TEXT} Zeichen", f"{len(body)} Zeichen")
    if bad := _control_characters(body, allow_newlines=True):
        add("Text", "Text ohne Steuerzeichen", ", ".join(bad))
    org = organisation.strip()
    if not 2 <= len(org) <= MAX_ORGANISATION:
        add("Organisation", f"2 bis {MAX_ORGANISATION} Zeichen", f"{len(org)} Zeichen")
    if bad := _control_characters(org, allow_newlines=False):
        add("Organisation", "eine Zeile ohne Steuerzeichen", ", ".join(bad))
    if target.period is not None and target.indicator_id is None:
        add("Jahr", "ein Jahr nur zusammen mit einem Indikator", str(target.period))
    if target.indicator_id is not None and target.goal_id is not None:
        add("Bezug", "entweder ein Indikator oder ein Ziel", "beides")
    return problems


def clean_text(text: str) -> str:
    """The stored form of a note's text: unified line breaks, no outer whitespace."""
    return text.replace("\r\n", "\n").strip()
