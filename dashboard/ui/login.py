"""Who is logged in: the city login (st.login, OpenID Connect) and local accounts.

The session keeps only the user name of a local login (or Streamlit's OIDC cookie); the
account is read from the database on every run, so a disabled account or a changed role takes
effect at once. Pages ask ``current_user()``; the writes themselves check it again
(dashboard.auth.guard), hiding controls here is only convenience.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import config
from dashboard.auth.accounts import load_user, user_from_claims
from dashboard.auth.passwords import authenticate
from dashboard.auth.roles import User, can
from dashboard.errors import PermissionDenied
from dashboard.ui import data

AUTH_KEY = "auth_username"
OIDC_LOGGED_KEY = "auth_oidc_logged"
Tr = Callable[..., str]


def _secrets_section(name: str) -> dict[str, Any] | None:
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises its own error type
        return None
    return dict(section) if section else None


def oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section (the city login)."""
    return _secrets_section("auth") is not None


def role_claim() -> str:
    """The claim whose values map to roles: [leitbild] oidc_role_claim, else the setting."""
    section = _secrets_section("leitbild") or {}
    return str(section.get("oidc_role_claim") or config.get("oidc_role_claim"))


def _oidc_claims() -> dict[str, Any] | None:
    if not oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        return dict(st.user.to_dict())
    except Exception:  # st.user outside a browser session (tests) has no login
        return None


def current_user() -> User | None:
    """The logged-in user, or None (anonymous viewer)."""
    store = data.store()
    name = st.session_state.get(AUTH_KEY)
    if name:
        user = load_user(store, str(name))
        if user is None:  # disabled or deleted since the login
            st.session_state.pop(AUTH_KEY, None)
        return user
    claims = _oidc_claims()
    if claims is None:
        return None
    user = user_from_claims(store, claims, role_claim())
    if user is not None and not st.session_state.get(OIDC_LOGGED_KEY):
        st.session_state[OIDC_LOGGED_KEY] = True
        store.log_access(user.actor, "login", f"oidc ({user.role})")
    return user


def may(action: str, **scope: Any) -> bool:
    """Whether the current user may do ``action`` (for showing controls; writes check again)."""
    return can(current_user(), action, **scope)


def role_text(user: User, tr: Tr) -> str:
    """'Rolle: Redaktion · Zuständig für: 61, 7.1'."""
    text = tr("auth.role", role=tr(f"auth.role.{user.role}"))
    if user.role == "editor":
        scope = (
            tr("auth.scope.all")
            if user.unrestricted
            else ", ".join(sorted([*user.areas, *user.fields]))
        )
        text += " · " + tr("auth.scope", scope=scope)
    return text


def _local_form(key: str, tr: Tr) -> None:
    with st.form(key, border=False, enter_to_submit=True):
        username = st.text_input(tr("auth.username"), key=f"{key}.user", max_chars=120)
        password = st.text_input(
            tr("auth.password"), type="password", key=f"{key}.password", max_chars=200
        )
        submitted = st.form_submit_button(tr("auth.submit"), type="primary")
    if not submitted:
        return
    try:
        user = authenticate(data.store(), username, password)
    except PermissionDenied as err:
        st.error(err.user_message(), icon=":material/lock:")
        return
    st.session_state[AUTH_KEY] = user.username
    st.rerun()


def login_widgets(key: str, tr: Tr) -> None:
    """The city login button (if configured) and the local login form."""
    if oidc_configured():
        st.button(
            tr("auth.oidc"),
            key=f"{key}.oidc",
            type="primary",
            icon=":material/login:",
            on_click=st.login,
        )
        st.caption(tr("auth.or_local"))
    _local_form(f"{key}.form", tr)


def logout(user: User) -> None:
    """End the session's login (local: forget the name; city login: st.logout).

    Meant as a button callback: the run that follows already shows the page logged out, and
    no st.rerun() may come after st.logout(), whose browser redirect a rerun would discard.
    """
    data.store().log_access(user.actor, "logout", user.source)
    st.session_state.pop(AUTH_KEY, None)
    st.session_state.pop(OIDC_LOGGED_KEY, None)
    if user.source == "oidc":
        st.logout()


def sidebar(tr: Tr, offer_login: bool = True) -> User | None:
    """Who is logged in with the role, and logout; or the login. Returns the user."""
    user = current_user()
    with st.sidebar:
        if user is not None:
            st.markdown(tr("auth.logged_in", name=user.display_name))
            st.caption(role_text(user, tr))
            if user.source == "oidc" and user.role == "viewer":
                st.caption(tr("auth.oidc.unmapped"))
            st.button(
                tr("auth.logout"), key="auth.logout", icon=":material/logout:",
                on_click=logout, args=(user,),
            )  # fmt: skip
        elif offer_login:
            st.caption(tr("auth.anonymous"))
            with st.expander(tr("auth.login"), icon=":material/login:"):
                login_widgets("auth.side", tr)
    return user


def login_page(tr: Tr) -> None:
    """The only thing shown when anonymous viewing is off and nobody is logged in."""
    st.title(tr("auth.login.title"))
    st.info(tr("auth.login.required"), icon=":material/lock:")
    login_widgets("auth.page", tr)


def hint(tr: Tr, reason: str = "login") -> None:
    """Why the edit controls are missing: not logged in, role too low, or outside the scope."""
    st.info(tr(f"auth.hint.{reason}"), icon=":material/lock:")
