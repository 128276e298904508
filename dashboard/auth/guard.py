"""The checked writes: every write of the app goes through here, never straight to the store.

Each function asks ``roles.require`` for the logged-in user and the record's scope before it
writes, and records the user's identity as the actor. Hiding a button is only convenience; this
is the boundary. Scopes are read from the stored record (not from what the page sent), and a
measure's new areas/fields must be in scope too, so an editor can neither edit a foreign
measure nor move one of theirs out of reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.auth.roles import User, require, with_ancestors
from dashboard.errors import LeitbildError
from dashboard.imports import Checked, write_checked
from dashboard.store import ImportLogEntry, Store

KIND_ACTIONS = {
    "kommentar": "measure.comment",
    "archiviert": "measure.archive",
    "wiederhergestellt": "measure.archive",
    "geprüft": "measure.review",
}


def area_parents(store: Store) -> dict[str, str | None]:
    """Area code -> parent code, for checking scopes along the hierarchy."""
    return store.area_parents()


def measure_scope(
    store: Store, areas: Iterable[str] | None, fields: Iterable[str] | None
) -> tuple[frozenset[str], frozenset[str]]:
    """A measure's areas with their ancestors, and its fields."""
    areas = [] if areas is None else [str(a) for a in areas]  # lists or numpy arrays
    fields = [] if fields is None else [str(f) for f in fields]
    return with_ancestors(areas, area_parents(store)), frozenset(fields)


def require_measure(user: User | None, action: str, store: Store, measure: Mapping) -> User:
    """Allow ``action`` on a measure (a stored dict or a new record) or raise PermissionDenied."""
    areas, fields = measure_scope(store, measure.get("areas"), measure.get("fields"))
    return require(user, action, areas, fields)


def may_change_measure(user: User | None, store: Store, measure: Mapping) -> bool:
    """Whether the user may edit this measure (for showing or hiding the edit controls)."""
    try:
        require_measure(user, "measure.edit", store, measure)
    except LeitbildError:
        return False
    return True


def create_measure(store: Store, user: User | None, record: dict[str, Any]) -> int:
    """Create a measure in the user's scope; the user is recorded as its author."""
    who = require_measure(user, "measure.create", store, record)
    return store.create_measure(record, who.actor)


def update_measure(
    store: Store,
    user: User | None,
    measure_id: int,
    version: int,
    changes: Mapping[str, Any],
    comment: str | None = None,
    kind: str | None = None,
) -> int:
    """Change a stored measure in the user's scope (before and after); returns the new version."""
    current = store.measure(measure_id)
    if current is None:
        raise LeitbildError(f"Maßnahme {measure_id} gibt es nicht.")
    action = KIND_ACTIONS.get(kind or "", "measure.edit" if changes else "measure.comment")
    who = require_measure(user, action, store, current)
    if "areas" in changes or "fields" in changes:
        after = {**current, **{k: changes[k] for k in ("areas", "fields") if k in changes}}
        require_measure(who, action, store, after)
    return store.update_measure(measure_id, version, dict(changes), who.actor, comment, kind)


def add_organisations(
    store: Store, user: User | None, rows: list[tuple[str, str, str | None]]
) -> None:
    """Add organisations typed into a measure form."""
    require(user, "organisation.create")
    store.upsert_organisations(rows)


def save_protocol(store: Store, user: User | None, review_date: object, content: str) -> None:
    """Store the weekly review protocol with the user as author."""
    who = require(user, "protocol.save")
    store.save_protocol(review_date, content, who.actor)


def create_target(store: Store, user: User | None, target: dict[str, Any]) -> int:
    """Create a target (admins only)."""
    who = require(user, "target.edit")
    return store.create_target(target, who.actor)


def replace_target(
    store: Store,
    user: User | None,
    target_id: int,
    version: int,
    new: dict[str, Any],
    reason: str,
) -> int:
    """Replace a target by a new version (admins only)."""
    who = require(user, "target.edit")
    return store.replace_target(target_id, version, new, who.actor, reason)


def retire_target(
    store: Store, user: User | None, target_id: int, version: int, reason: str
) -> None:
    """Retire a target with a reason (admins only)."""
    who = require(user, "target.edit")
    store.retire_target(target_id, version, who.actor, reason)


def write_import(store: Store, user: User | None, checked: Checked) -> ImportLogEntry:
    """Write a checked import file (admins only); the user is recorded in the import log."""
    who = require(user, "import")
    return write_checked(store, checked, who.actor)


def save_deck(store: Store, user: User | None, name: str, spec: str, version: int | None) -> int:
    """Save a presentation deck with the user as author."""
    who = require(user, "deck.save")
    return store.save_deck(name, spec, version, who.actor)


def raw_observations(
    store: Store,
    user: User | None,
    indicator_ids: list[str],
    area_codes: list[str],
    periods: list[int] | None,
) -> pd.DataFrame:
    """Stored values WITHOUT disclosure control, for admins only; every call is logged."""
    who = require(user, "raw.view")
    when = "alle Jahre" if periods is None else ",".join(map(str, periods))
    detail = f"{','.join(indicator_ids)} | {','.join(area_codes)} | {when}"
    store.log_access(who.actor, "raw.view", detail)
    return store.observations(indicator_ids, area_codes, periods)


def delete_deck(store: Store, user: User | None, name: str) -> bool:
    """Delete a saved presentation deck (same right as saving one); logged with the user."""
    who = require(user, "deck.save")
    deleted = store.delete_deck(name)
    if deleted:
        store.log_access(who.actor, "deck.delete", name)
    return deleted
