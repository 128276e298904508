"""Who changed what, as anonymous viewers may see it: the role, not the account (issue 20).

Timelines, the review and protocols name the acting account; with the city login that is an
e-mail address. Editors and admins see it (accountability within the team); everyone else
sees the account's role ("Redaktion", "Administration").
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.auth.roles import RANK
from dashboard.ui import data, login

PUBLIC_FALLBACK_ROLE = "editor"  # whoever wrote an event needed at least this role


def sees_accounts() -> bool:
    """Whether the current user may see account names (editors and admins)."""
    user = login.current_user()
    return user is not None and RANK.get(user.role, -1) >= RANK["editor"]


def public_name(actor: object, tr: Callable[..., str], roles: dict[str, str] | None = None) -> str:
    """The actor as the current user may see it: the account, or its role label."""
    if sees_accounts():
        return str(actor)
    return _role_label(actor, tr, account_roles() if roles is None else roles)


def _role_label(actor: object, tr: Callable[..., str], roles: dict[str, str]) -> str:
    """The actor's role label (what viewers below editor see instead of the account)."""
    return tr(f"auth.role.{roles.get(str(actor), PUBLIC_FALLBACK_ROLE)}")


def account_roles() -> dict[str, str]:
    """Role of every local account by user name."""
    users = data.store().users()
    return dict(zip(users["username"].astype(str), users["role"].astype(str), strict=True))


def public_events(events: pd.DataFrame, tr: Callable[..., str]) -> pd.DataFrame:
    """Measure events with the actor replaced by its role for anyone below editor."""
    return events_for_viewer(tr)(events)


def events_for_viewer(tr: Callable[..., str]) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """``public_events`` for the current user, decided now, as a function without Streamlit
    calls (it may run later in the download thread, where the login is not known)."""
    if sees_accounts():
        return lambda events: events
    roles = account_roles()

    def as_roles(events: pd.DataFrame) -> pd.DataFrame:
        if events.empty:
            return events
        # the user is known not to see accounts: asking again per event cost ~2 ms each
        return events.assign(actor=[_role_label(a, tr, roles) for a in events["actor"]])

    return as_roles
