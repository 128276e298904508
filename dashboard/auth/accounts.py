"""Accounts as Users: from a stored record, and from the claims of the city login (OIDC)."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.auth.names import canonical_username
from dashboard.auth.roles import RANK, ROLES, User
from dashboard.errors import UsageError
from dashboard.store import Store


def user_from_record(record: Mapping[str, object], source: str = "local") -> User:
    """A User from a stored account row (see Store.user)."""
    return User(
        username=str(record["username"]),
        display_name=str(record.get("display_name") or record["username"]),
        role=str(record["role"]),
        areas=frozenset(record.get("areas") or []),
        fields=frozenset(record.get("fields") or []),
        source=source,
    )


def load_user(store: Store, username: str, source: str = "local") -> User | None:
    """The active account of that name (None if unknown or disabled); read on every page run."""
    record = store.user(username)
    if record is None or record["disabled"]:
        return None
    return user_from_record(record, source)


def claim_values(claims: Mapping[str, object], claim: str) -> list[str]:
    """The values of one claim as a list (a claim may be a string, a list or missing)."""
    value = claims.get(claim)
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    return [str(value)]


def oidc_identity(claims: Mapping[str, object]) -> str:
    """The identity of a city login: the e-mail address (lower case), else the subject."""
    email = str(claims.get("email") or "").strip().lower()
    return email or str(claims.get("sub") or "").strip()


def user_from_claims(store: Store, claims: Mapping[str, object], claim: str) -> User | None:
    """Map a city login to a User: an account of that e-mail/sub wins, else the claim mapping.

    Without either the person is a logged-in viewer. A disabled account of that identity keeps
    the person out (None).
    """
    identity = oidc_identity(claims)
    if not identity:
        return None
    name = str(claims.get("name") or identity)
    sub = str(claims.get("sub") or "")
    # accounts are stored under the canonical name (names.py): a sub like "AbC" is "abc"
    keys = [identity, sub, canonical_username(identity), canonical_username(sub)]
    for key in dict.fromkeys(keys):
        record = store.user(key) if key else None
        if record is not None:
            if record["disabled"]:
                return None
            return user_from_record({**record, "username": identity}, source="oidc")
    mapped = store.claim_roles(claim_values(claims, claim))
    if mapped.empty:
        return User(identity, name, "viewer", source="oidc")
    best = max(mapped["role"], key=lambda r: RANK.get(r, -1))
    rows = mapped[mapped["role"] == best]
    areas = frozenset(a for value in rows["areas"] for a in value)
    fields = frozenset(f for value in rows["fields"] for f in value)
    return User(identity, name, best, areas, fields, source="oidc")


def check_new_account(role: str, areas: list[str], fields: list[str]) -> None:
    """Refuse an unknown role, and an editor without any area or field (see roles.py)."""
    if role not in ROLES:
        raise UsageError(f"Unbekannte Rolle „{role}“ (erlaubt: {', '.join(ROLES)}).")
    if role == "editor" and not (areas or fields):
        raise UsageError(
            "Redakteure brauchen mindestens ein Gebiet (--area) oder Handlungsfeld (--field)."
        )
