"""Issue 20, items 5 and 8: lockout without a race, bounded password checks, user names."""

from __future__ import annotations

import datetime as dt
import io
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.auth.passwords import authenticate, hash_password
from dashboard.cli import main
from dashboard.errors import PermissionDenied
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
    """An empty store with one editor; lockout after 5 failures."""
    monkeypatch.setenv("LEITBILD_LOGIN_MAX_FAILURES", "5")
    empty_store.add_user("cora", "Cora C.", "editor", hash_password(PASSWORD), ["61"], [])
    yield empty_store


# --- item 5: the lockout race ---------------------------------------------------------------
def test_parallel_wrong_passwords_check_at_most_the_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_hash = str(store.user("cora")["password_hash"])
    original = passwords.verify_password
    lock = threading.Lock()
    state = {"real_checks": 0, "running": 0, "most_parallel": 0}

    def slow_verify(password_hash: str, password: str) -> bool:
        with lock:
            state["running"] += 1
            state["most_parallel"] = max(state["most_parallel"], state["running"])
            state["real_checks"] += password_hash == real_hash
        time.sleep(0.05)  # the real argon2 check takes ~0.12 s: the window of the race
        try:
            return original(password_hash, password)
        finally:
            with lock:
                state["running"] -= 1

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    start = threading.Barrier(30)
    refused: list[int] = []

    def attempt(i: int) -> None:
        start.wait()
        try:
            authenticate(store, "cora", f"falsch-{i:02d}-passwort", now=T0)
        except PermissionDenied:
            with lock:
                refused.append(i)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(refused) == 30
    assert state["real_checks"] <= 5, state  # before the fix: 20-26 of 30
    assert state["most_parallel"] <= passwords.MAX_PARALLEL_CHECKS, state
    record = store.user("cora")
    assert record["failed_logins"] == 5 and record["locked_until"] is not None
    with pytest.raises(PermissionDenied):  # locked: the right password does not get in
        authenticate(store, "cora", PASSWORD, now=T0 + dt.timedelta(minutes=1))


def test_a_correct_password_still_resets_the_count(store: Store) -> None:
    for i in range(4):
        with pytest.raises(PermissionDenied):
            authenticate(store, "cora", f"falsch-{i}-passwort", now=T0)
    assert authenticate(store, "cora", PASSWORD, now=T0).username == "cora"
    record = store.user("cora")
    assert record["failed_logins"] == 0 and record["locked_until"] is None


# --- item 8: confusable user names ----------------------------------------------------------
@pytest.fixture
def db(demo_db: Path) -> Iterator[Path]:
    """The demo database as LEITBILD_DB."""
    yield demo_db
    Store(demo_db).close()


def _add(monkeypatch: pytest.MonkeyPatch, name: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    try:
        return main(["user", "add", name, "--role", "viewer", "--password-stdin"])
    except SystemExit as exc:  # argparse usage errors
        return int(exc.code or 0)


@pytest.mark.parametrize(
    "confusable",
    ["Admin", "ADMIN", "adm\u200bin", "\u0430dmin", "ａｄｍｉｎ", "admin\u00ad", " admin"],
)
def test_confusable_names_next_to_admin_are_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, confusable: str
) -> None:
    assert _add(monkeypatch, "admin") == 0
    assert _add(monkeypatch, confusable) != 0
    names = list(Store(db).users()["username"])
    assert names.count("admin") == 1 and confusable not in names


@pytest.mark.parametrize("bad", ["adm\u200bin", "\u0430dmin", "bad\u202egnp", "a\tb", "a b"])
def test_invisible_and_mixed_script_names_are_refused_on_their_own(
    db: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    assert _add(monkeypatch, bad) != 0
    assert bad not in list(Store(db).users()["username"])


def test_names_are_stored_normalised_and_found_in_any_case(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _add(monkeypatch, "Ｃora.Meier") == 0  # full-width C: NFKC, then case-folded
    store = Store(db)
    assert "cora.meier" in list(store.users()["username"])
    assert store.user("cora.meier")["display_name"] == "Ｃora.Meier"
    user = authenticate(store, "  CORA.meier ", PASSWORD, now=T0)
    assert user.username == "cora.meier"


@pytest.mark.parametrize("good", ["jörg", "анна", "m.müller-2", "ayşe_k", "cora@stadt-muenster.de"])
def test_ordinary_names_in_one_script_are_accepted(
    db: Path, monkeypatch: pytest.MonkeyPatch, good: str
) -> None:
    assert _add(monkeypatch, good) == 0
