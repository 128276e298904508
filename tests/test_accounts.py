"""Local accounts: argon2 hashes, lockout, same answer for unknown users; claims → roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.auth.accounts import (
    check_new_account,
    claim_values,
    load_user,
    oidc_identity,
    user_from_claims,
)
from dashboard.auth.passwords import FAILED, authenticate, hash_password, verify_password
from dashboard.errors import PermissionDenied, UsageError
from dashboard.store import Store

PASSWORD = "richtig-langes-passwort"
T0 = dt.datetime(2025, 11, 24, 9, 0)


@pytest.fixture(autouse=True)
def fast_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters: the same code paths, a fraction of the time and memory."""
    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64))
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def store(empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """An empty store with one editor (Coerde) and one admin; lockout after 3 failures."""
    monkeypatch.setenv("LEITBILD_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("LEITBILD_LOCKOUT_MINUTES", "15")
    empty_store.add_user("cora", "Cora C.", "editor", hash_password(PASSWORD), ["61"], ["8.2"])
    empty_store.add_user("ada", "Ada", "admin", hash_password(PASSWORD), [], [])
    yield empty_store


def test_hash_is_argon2_and_salted() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and first != second
    assert verify_password(first, PASSWORD) and not verify_password(first, PASSWORD + "x")
    assert not verify_password("not-a-hash", PASSWORD)  # broken hash: False, no exception


@pytest.mark.parametrize("bad", ["", "kurz", "123456789", " leerzeichen-vorne"])
def test_weak_passwords_are_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        hash_password(bad)


def test_login_returns_the_user_with_scope_and_logs_it(store: Store) -> None:
    user = authenticate(store, "cora", PASSWORD, now=T0)
    assert (user.username, user.display_name, user.role) == ("cora", "Cora C.", "editor")
    assert user.areas == {"61"} and user.fields == {"8.2"} and user.source == "local"
    log = store.access_log()
    assert (log.loc[0, "username"], log.loc[0, "action"]) == ("cora", "login")
    assert store.user("cora")["last_login"] is not None


@pytest.mark.parametrize(
    ("username", "password"),
    [("cora", "falsches-passwort"), ("niemand", PASSWORD), ("", PASSWORD), ("cora", "")],
)
def test_wrong_or_unknown_get_the_same_answer(store: Store, username: str, password: str) -> None:
    with pytest.raises(PermissionDenied) as err:
        authenticate(store, username, password, now=T0)
    assert err.value.user_message() == FAILED.format(n=3, minutes=15)


def test_lockout_after_repeated_failures_and_its_end(store: Store) -> None:
    for _ in range(3):
        with pytest.raises(PermissionDenied):
            authenticate(store, "cora", "falsches-passwort", now=T0)
    assert store.user("cora")["failed_logins"] == 3
    # locked: even the right password is refused, with the same message
    with pytest.raises(PermissionDenied):
        authenticate(store, "cora", PASSWORD, now=T0 + dt.timedelta(minutes=14))
    # another account is not affected
    assert authenticate(store, "ada", PASSWORD, now=T0).role == "admin"
    # after the lockout the right password works and resets the counter
    assert authenticate(store, "cora", PASSWORD, now=T0 + dt.timedelta(minutes=16)).role
    assert store.user("cora")["failed_logins"] == 0
    assert store.user("cora")["locked_until"] is None


def test_a_success_resets_the_failure_count(store: Store) -> None:
    for _ in range(2):
        with pytest.raises(PermissionDenied):
            authenticate(store, "cora", "falsches-passwort", now=T0)
    authenticate(store, "cora", PASSWORD, now=T0)
    with pytest.raises(PermissionDenied):
        authenticate(store, "cora", "falsches-passwort", now=T0)
    assert authenticate(store, "cora", PASSWORD, now=T0).username == "cora"


def test_disabled_accounts_cannot_log_in_and_drop_out_of_sessions(store: Store) -> None:
    assert load_user(store, "cora") is not None
    store.set_user_disabled("cora", True)
    with pytest.raises(PermissionDenied):
        authenticate(store, "cora", PASSWORD, now=T0)
    assert load_user(store, "cora") is None  # a running session loses the login
    store.set_user_disabled("cora", False)
    assert load_user(store, "cora").role == "editor"


def test_accounts_without_password_cannot_log_in_locally(store: Store) -> None:
    store.add_user("oidc@stadt-muenster.de", "O", "admin", None, [], [])
    with pytest.raises(PermissionDenied):
        authenticate(store, "oidc@stadt-muenster.de", "", now=T0)


def test_set_role_keeps_or_replaces_scopes(store: Store) -> None:
    store.set_user_role("cora", "admin", None, None)
    assert store.user("cora")["role"] == "admin" and store.user("cora")["areas"] == ["61"]
    store.set_user_role("cora", "editor", ["91", "61"], None)
    assert store.user("cora")["areas"] == ["61", "91"] and store.user("cora")["fields"] == ["8.2"]
    assert set(store.users()["username"]) == {"ada", "cora"}
    assert "password_hash" not in store.users().columns


@pytest.mark.parametrize(
    ("role", "areas", "fields", "ok"),
    [
        ("editor", [], [], False),
        ("editor", ["61"], [], True),
        ("editor", [], ["7.1"], True),
        ("viewer", [], [], True),
        ("admin", [], [], True),
        ("boss", [], [], False),
    ],
)
def test_new_account_rules(role: str, areas: list[str], fields: list[str], ok: bool) -> None:
    if ok:
        check_new_account(role, areas, fields)
    else:
        with pytest.raises(UsageError):
            check_new_account(role, areas, fields)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"roles": ["a", "b"]}, ["a", "b"]),
        ({"roles": "a b,c"}, ["a", "b", "c"]),
        ({}, []),
        ({"roles": 7}, ["7"]),
    ],
)
def test_claim_values(claims: dict, expected: list[str]) -> None:
    assert claim_values(claims, "roles") == expected


@pytest.mark.parametrize(
    ("claims", "role", "areas"),
    [
        ({"sub": "x1", "email": "Eva@Stadt.de", "roles": ["lb-admin"]}, "admin", set()),
        ({"sub": "x2", "email": "e@s.de", "roles": ["lb-coerde", "lb-bergfidel"]}, "editor",
         {"61", "91"}),
        ({"sub": "x3", "email": "e@s.de", "roles": ["lb-coerde", "lb-admin"]}, "admin", set()),
        ({"sub": "x4", "email": "e@s.de", "roles": ["other"]}, "viewer", set()),
        ({"sub": "x5", "email": "e@s.de"}, "viewer", set()),
        # an account of that identity wins over the claims
        ({"sub": "x6", "email": "cora", "roles": ["lb-admin"]}, "editor", {"61"}),
    ],
)  # fmt: skip
def test_city_login_maps_to_roles(store: Store, claims: dict, role: str, areas: set) -> None:
    store.map_claim("lb-admin", "admin", [], [])
    store.map_claim("lb-coerde", "editor", ["61"], [])
    store.map_claim("lb-bergfidel", "editor", ["91"], [])
    user = user_from_claims(store, claims, "roles")
    assert user is not None and user.source == "oidc"
    assert (user.role, set(user.areas)) == (role, areas)
    assert user.username == oidc_identity(claims)


def test_city_login_of_a_disabled_account_or_without_identity(store: Store) -> None:
    store.set_user_disabled("cora", True)
    assert user_from_claims(store, {"sub": "s", "email": "cora"}, "roles") is None
    assert user_from_claims(store, {}, "roles") is None
    assert oidc_identity({"sub": "abc"}) == "abc"


def test_production_hasher_uses_strong_parameters() -> None:
    params = PasswordHasher().time_cost, PasswordHasher().memory_cost
    assert passwords.PasswordHasher is PasswordHasher and params >= (3, 65536)
