"""Local notes: the checked writes and what each reader may see (no Streamlit, no SQL).

A note may be written by an editor whose assigned areas cover the district (the district
network's scope); field scopes do not count, because a note speaks for a place. Only the KI
team (admins) reviews or hides notes. Viewers never see hidden notes nor the account that wrote
a note: they see the organisation and the date.
"""

from __future__ import annotations

import pandas as pd

from dashboard.auth.roles import User, can, require, with_ancestors
from dashboard.domain.notes import (
    HIDDEN,
    REVIEWED,
    SHOWN_TO_VIEWERS,
    STATUSES,
    VISIBLE,
    NoteTarget,
    clean_text,
    note_problems,
)
from dashboard.errors import LeitbildError, ValidationError
from dashboard.store import Store
from dashboard.store.notes import NoteRepository

MODERATION = {"review": REVIEWED, "hide": HIDDEN, "show": VISIBLE}


def _area_scope(store: Store, area_code: str) -> frozenset[str]:
    """The district and every area above it (an editor of Nord covers Coerde)."""
    return with_ancestors([area_code], store.area_parents())


def may_write(user: User | None, store: Store, area_code: str) -> bool:
    """Whether the user may write notes for this district (for showing the form)."""
    return can(user, "note.write", _area_scope(store, area_code), ())


def may_moderate(user: User | None) -> bool:
    """Whether the user may review or hide notes."""
    return can(user, "note.moderate")


def write_note(
    store: Store, user: User | None, target: NoteTarget, text: str, organisation: str
) -> dict:
    """Save a note after the permission and content checks; raises with a clear message."""
    if target.area_code not in store.area_parents():
        raise LeitbildError(f"Das Gebiet {target.area_code} gibt es nicht.")
    author = require(user, "note.write", _area_scope(store, target.area_code), ())
    if problems := note_problems(text, organisation, target):
        raise ValidationError(problems, "Der Hinweis wurde nicht gespeichert.")
    return NoteRepository(store).add(
        target, clean_text(text), organisation.strip(), author.username
    )


def moderate_note(store: Store, user: User | None, note_id: int, version: int, action: str) -> int:
    """Mark a note as reviewed, hide it or show it again (kept in its history)."""
    moderator = require(user, "note.moderate")
    if action not in MODERATION:
        raise ValueError(f"unknown moderation action {action!r}")
    return NoteRepository(store).set_status(note_id, version, MODERATION[action], moderator.actor)


def visible_statuses(user: User | None) -> tuple[str, ...]:
    """Which notes a reader sees: moderators all, everybody else the shown ones."""
    return STATUSES if may_moderate(user) else SHOWN_TO_VIEWERS


def notes_for(
    store: Store,
    user: User | None,
    area_code: str | None = None,
    indicator_id: str | None = None,
    goal_id: str | None = None,
) -> pd.DataFrame:
    """The notes this reader may see; the author's account only for moderators."""
    frame = NoteRepository(store).notes(area_code, indicator_id, goal_id, visible_statuses(user))
    if not may_moderate(user):
        frame = frame.drop(columns=["author"])
    return frame.reset_index(drop=True)


def note_counts(store: Store, indicator_id: str) -> dict[str, int]:
    """Shown notes per district for one indicator (map markers; the same for everybody)."""
    return NoteRepository(store).counts(indicator_id, SHOWN_TO_VIEWERS)
