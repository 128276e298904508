"""Roles and permissions as data, and the one check every write calls (pure: no I/O).

Roles, lowest first: ``viewer`` (read-only), ``steward`` (data care: imports and their undo on
the page Daten, nothing else), ``editor`` (measures and their reviews within the districts
and/or fields assigned to them), ``admin`` (everything: imports, targets, users, raw values).
The steward ranks just above the viewer so that no rank check lets it edit measures; the data
actions name it explicitly (``Action.also``). Scope rules for editors:

- An editor must be assigned at least one area or one field; an editor with neither may do
  nothing that is scoped (the CLI refuses to create one).
- An assigned area covers itself and everything below it: "B3" (Nord) covers Stadtteil "61"
  (Coerde); "0" (Stadt Münster) covers every area.
- A measure is in scope if one of its areas (or one of their ancestors) is an assigned area, or
  one of its fields is an assigned field. A measure for the whole city ("0", or without areas)
  matches only by field or for editors assigned "0".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dashboard.errors import PermissionDenied

ROLES = ("viewer", "steward", "editor", "admin")
RANK = {role: rank for rank, role in enumerate(ROLES)}


@dataclass(frozen=True)
class Action:
    """What an action needs: the lowest role allowed, and whether editors are limited to scope."""

    name: str
    min_role: str
    scoped: bool
    label: str
    also: frozenset[str] = frozenset()  # further roles allowed regardless of rank

    def allows(self, role: str) -> bool:
        """Whether this role may do the action at all (scope aside)."""
        return RANK[role] >= RANK[self.min_role] or role in self.also


_STEWARD = frozenset({"steward"})
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("measure.create", "editor", True, "Maßnahme anlegen"),
        Action("measure.edit", "editor", True, "Maßnahme bearbeiten"),
        Action("measure.comment", "editor", True, "Maßnahme kommentieren"),
        Action("measure.archive", "editor", True, "Maßnahme archivieren/wiederherstellen"),
        Action("measure.review", "editor", True, "Maßnahme als geprüft markieren"),
        Action("organisation.create", "editor", False, "Organisation anlegen"),
        Action("protocol.save", "editor", False, "Review-Protokoll speichern"),
        Action("deck.save", "editor", False, "Präsentation speichern"),
        Action("note.write", "editor", True, "Hinweis vor Ort schreiben"),
        Action("note.moderate", "admin", False, "Hinweise prüfen oder ausblenden"),
        Action("target.edit", "admin", False, "Zielwerte anlegen/ändern"),
        Action("import", "admin", False, "Daten importieren", _STEWARD),
        Action("import.undo", "admin", False, "Import rückgängig machen", _STEWARD),
        Action("user.manage", "admin", False, "Konten verwalten"),
        Action("raw.view", "admin", False, "Rohwerte ohne Geheimhaltung ansehen"),
    )
}


@dataclass(frozen=True)
class User:
    """A logged-in person: identity, role and (for editors) the assigned areas and fields."""

    username: str
    display_name: str
    role: str
    areas: frozenset[str] = field(default_factory=frozenset)
    fields: frozenset[str] = field(default_factory=frozenset)
    source: str = "local"  # "local" (password) or "oidc" (city login)

    def __post_init__(self) -> None:
        if self.role not in RANK:
            raise ValueError(f"unknown role {self.role!r}")

    @property
    def actor(self) -> str:
        """The identity recorded on every event and log entry."""
        return self.username

    @property
    def unrestricted(self) -> bool:
        """Admins, and editors assigned the whole city, are not limited to a scope."""
        return self.role == "admin" or "0" in self.areas


def with_ancestors(codes: Iterable[str], parents: Mapping[str, str | None]) -> frozenset[str]:
    """The area codes and every area above them (parents map: code -> parent code)."""
    out: set[str] = set()
    for code in codes:
        seen = 0
        while code and code not in out and seen < 10:  # the hierarchy is at most 4 deep
            out.add(code)
            code = parents.get(code) or ""
            seen += 1
    return frozenset(out)


def in_scope(user: User, areas: Iterable[str] = (), fields: Iterable[str] = ()) -> bool:
    """Whether a record with these areas (ancestors included) and fields is the user's."""
    if user.unrestricted:
        return True
    return bool(user.areas & set(areas)) or bool(user.fields & set(fields))


def can(
    user: User | None,
    action: str,
    areas: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> bool:
    """Whether ``user`` may do ``action``; for scoped actions on a record pass its scope.

    ``areas`` must already include the ancestors (see ``with_ancestors``). Scope ``None`` asks
    whether the user may do the action anywhere at all (used to show or hide controls).
    """
    spec = ACTIONS[action]  # an unknown action is a programming error, not a denial
    if user is None or not spec.allows(user.role):
        return False
    if not spec.scoped or user.unrestricted:
        return True
    if areas is None and fields is None:
        return bool(user.areas or user.fields)
    return in_scope(user, areas or (), fields or ())


def require(
    user: User | None,
    action: str,
    areas: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> User:
    """Return the user if allowed, else raise PermissionDenied with a clear German message."""
    areas = None if areas is None else list(areas)
    fields = None if fields is None else list(fields)
    if can(user, action, areas, fields):
        assert user is not None
        return user
    what = ACTIONS[action].label
    if user is None:
        raise PermissionDenied(f"{what}: bitte zuerst anmelden.")
    spec = ACTIONS[action]
    if not spec.allows(user.role):
        needed = " oder ".join([spec.min_role, *sorted(spec.also)])
        raise PermissionDenied(
            f"{what}: Ihre Rolle „{user.role}“ erlaubt das nicht (nötig: {needed})."
        )
    raise PermissionDenied(
        f"{what}: liegt außerhalb Ihrer Zuständigkeit (Gebiete: "
        f"{', '.join(sorted(user.areas)) or '–'}; Handlungsfelder: "
        f"{', '.join(sorted(user.fields)) or '–'})."
    )
